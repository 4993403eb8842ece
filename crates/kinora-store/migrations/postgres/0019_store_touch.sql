-- What each write touched (see `built_from.rs`): a rendered page is kept
-- while none of the topics it was built from (`film/crossing-2008`, its
-- document; `film/crossing-2008#links`, what links to it;
-- `film/crossing-2008#community`, its reviews, ratings, threads and
-- similar films) was touched since. Each write that moves the store's clock notes here, under
-- the clock's new value, the topics it touched: a catalog change notes the
-- documents it wrote and the links of those they link to, before and
-- after (`Writer::commit`); the community's tables below note, row by
-- row, the community of the film (or the thread's subject) their row
-- belongs to. A move of the clock
-- with no topic noted (an account, a list, a picture, a bulk import: the
-- tables left with migration 18's triggers) touches everything, so a table
-- forgotten here makes pages render more often, never show less.
-- A thread with no subject touches `forum`, a topic no entity's page reads.
-- The basis of the similar films shows on no page: it no longer moves the
-- clock.
create table store_touch (
    clock bigint not null,
    topic text not null
);
create index store_touch_by_clock on store_touch (clock);
drop trigger review_moves_the_clock on review;
drop trigger review_like_moves_the_clock on review_like;
drop trigger review_revision_moves_the_clock on review_revision;
drop trigger film_rating_moves_the_clock on film_rating;
drop trigger diary_entry_moves_the_clock on diary_entry;
drop trigger watchlist_moves_the_clock on watchlist;
drop trigger film_similar_moves_the_clock on film_similar;
drop trigger thread_moves_the_clock on thread;
drop trigger post_moves_the_clock on post;
drop trigger post_revision_moves_the_clock on post_revision;
drop trigger film_similar_basis_moves_the_clock on film_similar_basis;
create function review_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || old.film_id || '#community'), ('source/' || old.source_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || new.film_id || '#community'), ('source/' || new.source_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger review_touches after insert or update or delete on review for each row execute function review_touches();
create function review_like_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select 'film/' || film_id || '#community' from review where id = old.review_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select 'film/' || film_id || '#community' from review where id = new.review_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger review_like_touches after insert or update or delete on review_like for each row execute function review_like_touches();
create function review_revision_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select 'film/' || film_id || '#community' from review where id = old.review_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select 'film/' || film_id || '#community' from review where id = new.review_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger review_revision_touches after insert or update or delete on review_revision for each row execute function review_revision_touches();
create function film_rating_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || old.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || new.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger film_rating_touches after insert or update or delete on film_rating for each row execute function film_rating_touches();
create function diary_entry_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || old.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || new.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger diary_entry_touches after insert or update or delete on diary_entry for each row execute function diary_entry_touches();
create function watchlist_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || old.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || new.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger watchlist_touches after insert or update or delete on watchlist for each row execute function watchlist_touches();
create function film_similar_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || old.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ('film/' || new.film_id || '#community')) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger film_similar_touches after insert or update or delete on film_similar for each row execute function film_similar_touches();
create function thread_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values (coalesce(old.subject_kind || '/' || old.subject_id || '#community', 'forum'))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values (coalesce(new.subject_kind || '/' || new.subject_id || '#community', 'forum'))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger thread_touches after insert or update or delete on thread for each row execute function thread_touches();
create function post_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = old.thread_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = new.thread_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger post_touches after insert or update or delete on post for each row execute function post_touches();
create function post_revision_touches() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    if tg_op <> 'INSERT' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = old.post_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    if tg_op <> 'DELETE' then
        insert into store_touch (clock, topic) select c.value, v.topic from store_clock c, (values ((select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = new.post_id))) v (topic)
            where c.id = 1 and v.topic is not null;
    end if;
    return null;
end
$$;
create trigger post_revision_touches after insert or update or delete on post_revision for each row execute function post_revision_touches();
