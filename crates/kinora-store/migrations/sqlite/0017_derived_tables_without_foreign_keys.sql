-- The tables derived from the documents (links, name keys, other
-- catalogs' ids) lose their foreign keys. The one write path deletes an
-- entity's derived rows before the entity and checks every link's target
-- by key before it commits (with a message naming the reference); the
-- foreign keys checked the same again, row by row, which was a large part
-- of an import's time on both stores.
--
-- The links become a table clustered by referrer (one reference per path
-- of a document), which is the index by referrer they had besides.

create table entity_link_clustered (
    from_kind text not null,
    from_id text not null,
    path text not null,
    to_kind text not null,
    to_id text not null,
    primary key (from_kind, from_id, path)
) without rowid;
insert or ignore into entity_link_clustered (from_kind, from_id, path, to_kind, to_id)
    select from_kind, from_id, path, to_kind, to_id from entity_link;
drop table entity_link;
alter table entity_link_clustered rename to entity_link;
create index entity_link_by_to on entity_link (to_kind, to_id, from_kind, from_id, path);

create table entity_key_unchecked (
    kind text not null,
    id text not null,
    name text not null,
    key text not null
);
insert into entity_key_unchecked (kind, id, name, key) select kind, id, name, key from entity_key;
drop table entity_key;
alter table entity_key_unchecked rename to entity_key;
create index entity_key_by_entity on entity_key (kind, id);
create index entity_key_by_key on entity_key (key, kind, id);

create table external_id_unchecked (
    scheme text not null,
    value text not null,
    kind text not null,
    id text not null,
    digest integer
);
insert into external_id_unchecked (scheme, value, kind, id, digest)
    select scheme, value, kind, id, digest from external_id;
drop table external_id;
alter table external_id_unchecked rename to external_id;
create index external_id_by_entity on external_id (kind, id);
create index external_id_by_value on external_id (scheme, value);

-- Built here already: a bulk load cut short must not build them twice.
delete from bulk_index where name in (
    'entity_link_by_from', 'entity_link_by_to', 'entity_key_by_entity',
    'entity_key_by_key', 'external_id_by_entity', 'external_id_by_value'
);
