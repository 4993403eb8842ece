-- Ids of entities in other catalogs (IMDb tt…/nm…, Wikidata Q…, TMDB,
-- KOFIC, Letterboxd), derived from the entities' `external_ids` claims in
-- the same transaction as every write, so that an import can find the entity
-- an outside id already belongs to. Not unique: two entities claiming one id
-- are a possible duplicate to merge, not an error.

create table external_id (
    scheme text not null,
    value text not null,
    kind text not null,
    id text not null,
    foreign key (kind, id) references entity (kind, id) on delete cascade
);

create index external_id_by_value on external_id (scheme, value);
create index external_id_by_entity on external_id (kind, id);
