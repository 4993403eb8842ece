-- The community: accounts and their sessions, reviews with their revisions,
-- diaries, watchlists and lists, discussion threads, the moderation log,
-- similar films, and bulk ratings from elsewhere.
--
-- Community rows refer to catalog entities by kind and id without a foreign
-- key: an entity merged away keeps a redirect row, and readers follow it
-- (rows about a merged film show on the survivor's page).
--
-- Times are RFC 3339 text in UTC, booleans integers, lists JSON text.

create table account (
    id integer primary key,
    -- The handle, in URLs (/users/NAME): lowercase letters, digits, - and _.
    name text not null,
    display_name text not null,
    email text,
    -- An argon2id PHC string; null for an account that cannot sign in.
    password_hash text,
    -- member, editor, moderator or admin.
    role text not null,
    bio text not null default '',
    created_at text not null,
    disabled integer not null default 0
);

create unique index account_by_name on account (name);
create unique index account_by_email on account (email);

-- Server-side sessions: the cookie holds only the id.
create table web_session (
    id text primary key,
    data text not null,
    expires_at text not null
);

create index web_session_by_expiry on web_session (expires_at);

-- A password reset: only the token's SHA-256 is kept.
create table password_reset (
    token_hash text primary key,
    account_id integer not null references account (id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    used_at text
);

-- A review: by an account, or imported with its author's name elsewhere
-- (guest_name) from a source in the catalog (source_id).
create table review (
    id integer primary key,
    film_id text not null,
    account_id integer references account (id),
    guest_name text,
    source_id text,
    rating integer,
    headline text,
    body text not null,
    spoiler integer not null default 0,
    watched_on text,
    created_at text not null,
    updated_at text not null,
    hidden_reason text,
    check (account_id is not null or guest_name is not null),
    check (rating is null or (rating >= 1 and rating <= 10))
);

create unique index review_one_per_account on review (account_id, film_id);
create index review_by_film on review (film_id, created_at);

-- Each earlier state of a review, kept when it is edited.
create table review_revision (
    review_id integer not null references review (id) on delete cascade,
    at text not null,
    rating integer,
    headline text,
    body text not null,
    spoiler integer not null
);

create index review_revision_by_review on review_revision (review_id, at);

create table review_like (
    review_id integer not null references review (id) on delete cascade,
    account_id integer not null references account (id) on delete cascade,
    at text not null,
    primary key (review_id, account_id)
);

-- A viewing: one line of a diary.
create table diary_entry (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    film_id text not null,
    watched_on text not null,
    rating integer,
    rewatch integer not null default 0,
    -- JSON array of strings.
    tags text not null default '[]',
    review_id integer references review (id) on delete set null,
    created_at text not null,
    check (rating is null or (rating >= 1 and rating <= 10))
);

create index diary_by_account on diary_entry (account_id, watched_on);
create index diary_by_film on diary_entry (film_id);

-- A rating without a viewing date (Letterboxd's ratings.csv, IMDb's
-- ratings): the account's rating of a film is its review's, else its last
-- diary entry's, else this.
create table film_rating (
    account_id integer not null references account (id) on delete cascade,
    film_id text not null,
    rating integer not null,
    rated_on text,
    primary key (account_id, film_id),
    check (rating >= 1 and rating <= 10)
);

create index film_rating_by_film on film_rating (film_id);

create table watchlist (
    account_id integer not null references account (id) on delete cascade,
    film_id text not null,
    added_at text not null,
    primary key (account_id, film_id)
);

create table film_list (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    slug text not null,
    title text not null,
    description text not null default '',
    public integer not null default 1,
    created_at text not null,
    updated_at text not null
);

create unique index film_list_by_slug on film_list (account_id, slug);

create table film_list_item (
    list_id integer not null references film_list (id) on delete cascade,
    position integer not null,
    film_id text not null,
    note text not null default '',
    primary key (list_id, position)
);

-- A discussion: about a catalog entity (subject_kind, subject_id), or about
-- the site when both are null.
create table thread (
    id integer primary key,
    subject_kind text,
    subject_id text,
    title text not null,
    account_id integer references account (id),
    guest_name text,
    created_at text not null,
    last_post_at text not null,
    pinned integer not null default 0,
    -- Closed to replies.
    locked integer not null default 0,
    -- Read-only, kept as it was.
    archived integer not null default 0,
    hidden_reason text,
    -- Where a thread imported from elsewhere was read: a source in the catalog.
    source_id text
);

create index thread_by_subject on thread (subject_kind, subject_id, last_post_at);
create index thread_by_last_post on thread (last_post_at);

create table post (
    id integer primary key,
    thread_id integer not null references thread (id) on delete cascade,
    account_id integer references account (id),
    guest_name text,
    body text not null,
    -- The post this one quotes.
    quote_of integer references post (id),
    -- The news articles this post reposts, as a JSON array of objects with
    -- a source in the catalog (`source`), or a URL, a publisher and a date
    -- as the post gave them.
    reposts text not null default '[]',
    -- Where a post imported from elsewhere was read: a source in the catalog.
    source_id text,
    created_at text not null,
    edited_at text,
    -- Who made the current text, when it is not its author (a moderator).
    edited_by integer references account (id),
    hidden_reason text,
    check (account_id is not null or guest_name is not null)
);

create index post_by_thread on post (thread_id, id);

-- Each earlier text of a post, with when it was written and by whom.
create table post_revision (
    post_id integer not null references post (id) on delete cascade,
    at text not null,
    account_id integer references account (id),
    body text not null
);

create index post_revision_by_post on post_revision (post_id, at);

-- What moderators did, in public: hide, lock, archive, pin, change roles.
create table moderation (
    id integer primary key,
    at text not null,
    account_id integer not null references account (id),
    action text not null,
    target_kind text not null,
    target_id text not null,
    reason text not null
);

create index moderation_by_time on moderation (at);

-- Similar films, computed in the background from ratings and content.
create table film_similar (
    film_id text not null,
    other_id text not null,
    score real not null,
    reason text not null,
    computed_at text not null,
    primary key (film_id, other_id)
);

-- What the similar films were computed from (Store::ratings_signature):
-- a restart, or another instance, does not compute them again for nothing.
create table film_similar_basis (
    signature text not null
);

-- Ratings from elsewhere in bulk (MovieLens), by an anonymous user key.
create table bulk_rating (
    source text not null,
    user_key text not null,
    film_id text not null,
    rating integer not null,
    primary key (source, user_key, film_id)
);

create index bulk_rating_by_film on bulk_rating (film_id);

-- Rows of an import that matched no film or more than one, for the user to
-- settle: what the file said (JSON) and the candidates (JSON).
create table import_pending (
    id integer primary key,
    account_id integer not null references account (id) on delete cascade,
    import_label text not null,
    origin text not null,
    entry text not null,
    candidates text not null,
    created_at text not null
);

create index import_pending_by_account on import_pending (account_id, id);
