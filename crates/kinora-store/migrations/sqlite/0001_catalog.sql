-- The catalog: one row per entity, holding its whole document, plus tables
-- derived from the documents in the same transaction (names for lookup,
-- links for reverse lookups and referential integrity), and the edit log.
--
-- Written in the SQL that SQLite and PostgreSQL share; the PostgreSQL
-- migration of the same number differs only in its identity columns.
-- Never edit a migration once released: add a new one.

create table entity (
    kind text not null,
    id text not null,
    -- The entity as JSON (Kinora's catalog format, without a "type" tag: the
    -- kind column says it); null while it redirects.
    doc text,
    -- The survivor of a merge this entity was merged into.
    redirect_to text,
    label text not null,
    sort_label text not null,
    year integer,
    version integer not null,
    created_at text not null,
    updated_at text not null,
    primary key (kind, id),
    check ((doc is null) <> (redirect_to is null))
);

create index entity_by_sort_label on entity (kind, sort_label);

-- Every name and title of a present entity, folded for lookup.
create table entity_name (
    kind text not null,
    id text not null,
    name text not null,
    folded text not null,
    compact text not null,
    is_primary integer not null,
    foreign key (kind, id) references entity (kind, id) on delete cascade
);

create index entity_name_by_entity on entity_name (kind, id);
create index entity_name_by_folded on entity_name (folded);
create index entity_name_by_compact on entity_name (compact);

-- Every reference from one entity to another, citations included. The
-- foreign key to the target is checked at commit, so a batch may define an
-- entity after the entities that refer to it.
create table entity_link (
    from_kind text not null,
    from_id text not null,
    path text not null,
    to_kind text not null,
    to_id text not null,
    foreign key (from_kind, from_id) references entity (kind, id) on delete cascade,
    foreign key (to_kind, to_id) references entity (kind, id) deferrable initially deferred
);

create index entity_link_by_from on entity_link (from_kind, from_id);
create index entity_link_by_to on entity_link (to_kind, to_id);

-- A change is one user action: an import, an edit, a merge, a revert.
create table change (
    id integer primary key,
    at text not null,
    author text not null,
    summary text not null,
    -- The change this one reverted, if it is a revert.
    reverts integer references change (id)
);

-- An edit is what a change did to one entity: its state before and after,
-- each the entity JSON, a redirect {"redirect_to": id}, or null (absent).
create table edit (
    id integer primary key,
    change_id integer not null references change (id),
    kind text not null,
    entity_id text not null,
    action text not null,
    before_state text,
    after_state text
);

create index edit_by_entity on edit (kind, entity_id, change_id);
create index edit_by_change on edit (change_id);
