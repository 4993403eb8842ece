-- Pictures (posters, photos, stills, covers, avatars), each stored once by
-- the SHA-256 of its bytes, so that every instance on one database serves
-- every picture. The original is kept without its metadata; the copies
-- resized for pages are made once, when the picture is added.
create table picture (
    file text primary key,
    media_type text not null,
    width integer not null,
    height integer not null,
    bytes blob not null,
    added_at text not null
);

create table picture_variant (
    file text not null references picture (file),
    width integer not null,
    encoding text not null,
    height integer not null,
    bytes blob not null,
    primary key (file, width, encoding)
);

-- A member's own picture.
alter table account add column avatar text references picture (file);
