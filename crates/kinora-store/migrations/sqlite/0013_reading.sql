-- A member's choices for reading: the interface's language (a BCP 47
-- tag: en, ko) and how titles and names are shown first (local,
-- original, romanized). None: chosen by the browser, as for a visitor.
alter table account add column lang text;
alter table account add column name_style text;
