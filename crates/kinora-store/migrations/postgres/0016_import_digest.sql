-- What an import noted of the entity it built from another catalog's
-- files: a digest of the lines it was built from (and of the import's
-- version and the dump's date). A re-import skips an entity whose lines
-- give the same digest without building it again. Any other write of the
-- entity rebuilds its external_id rows without one, so the next import
-- builds it again.
alter table external_id add column digest bigint;
