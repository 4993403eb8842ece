-- The keys each name and title is found under, whatever its script or
-- spelling (kinora_core::names::name_keys): `Kim Tae-kyun`, `Kim Tae Gyoon`
-- and `김태균` share one. Derived from the documents in the same
-- transaction as every write; a store migrated to this version has its keys
-- built once when it is opened.

create table entity_key (
    kind text not null,
    id text not null,
    name text not null,
    key text not null,
    foreign key (kind, id) references entity (kind, id) on delete cascade
);

create index entity_key_by_key on entity_key (key, kind, id);
create index entity_key_by_entity on entity_key (kind, id);
