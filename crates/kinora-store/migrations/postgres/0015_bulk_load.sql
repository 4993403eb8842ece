-- A bulk load into an empty catalog drops the catalog's secondary indexes
-- and builds them once at the end, as bulk loaders do. Their definitions
-- wait here meanwhile, so that a load cut short (a kill, a crash) has them
-- built when the store is next opened.
create table bulk_index (
    name text primary key,
    definition text not null
);
