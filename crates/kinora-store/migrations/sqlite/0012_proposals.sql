-- A member's proposed edit of one claim, waiting for an editor: what to do
-- to which claim list of which entity, made from which change, and what an
-- editor decided.
create table proposal (
    id integer primary key,
    kind text not null,
    entity_id text not null,
    list text not null,
    -- add, change or remove
    action text not null,
    position integer,
    -- The claim as the catalog format writes it (JSON), for add and change.
    claim text,
    base_change integer not null,
    account_id integer not null references account (id) on delete cascade,
    summary text not null,
    created_at text not null,
    -- open, accepted or rejected
    status text not null default 'open',
    decided_by integer references account (id) on delete set null,
    decided_at text,
    reason text,
    -- The change that carried it out, once accepted.
    change_id integer
);

create index proposal_by_status on proposal (status, id);
