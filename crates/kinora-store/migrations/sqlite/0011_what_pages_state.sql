-- A review or post read elsewhere keeps only what its page states: when
-- its author wrote it (none when the page gives no date; `created_at`
-- stays the time the row was recorded, for ordering), the reply count a
-- thread's page states, and what the page showed between two posts
-- ("1 month later…").
alter table review add column written_at text;
alter table post add column written_at text;
alter table post add column gap_before text;
alter table thread add column stated_replies integer;
update review set written_at = created_at;
update post set written_at = created_at;
