-- The tables derived from the documents (links, name keys, other
-- catalogs' ids) lose their foreign keys. The one write path deletes an
-- entity's derived rows before the entity and checks every link's target
-- by key before it commits (with a message naming the reference, and a
-- share lock on each target so that a concurrent merge or delete waits
-- for the commit); the foreign keys checked the same again, a trigger per
-- row, which took about a second per commit of an import.
alter table entity_link drop constraint if exists entity_link_from_kind_from_id_fkey;
alter table entity_link drop constraint if exists entity_link_to_kind_to_id_fkey;
alter table entity_key drop constraint if exists entity_key_kind_id_fkey;
alter table external_id drop constraint if exists external_id_kind_id_fkey;
