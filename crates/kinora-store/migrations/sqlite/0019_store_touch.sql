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
drop trigger review_moves_the_clock_on_insert;
drop trigger review_moves_the_clock_on_update;
drop trigger review_moves_the_clock_on_delete;
drop trigger review_like_moves_the_clock_on_insert;
drop trigger review_like_moves_the_clock_on_update;
drop trigger review_like_moves_the_clock_on_delete;
drop trigger review_revision_moves_the_clock_on_insert;
drop trigger review_revision_moves_the_clock_on_update;
drop trigger review_revision_moves_the_clock_on_delete;
drop trigger film_rating_moves_the_clock_on_insert;
drop trigger film_rating_moves_the_clock_on_update;
drop trigger film_rating_moves_the_clock_on_delete;
drop trigger diary_entry_moves_the_clock_on_insert;
drop trigger diary_entry_moves_the_clock_on_update;
drop trigger diary_entry_moves_the_clock_on_delete;
drop trigger watchlist_moves_the_clock_on_insert;
drop trigger watchlist_moves_the_clock_on_update;
drop trigger watchlist_moves_the_clock_on_delete;
drop trigger film_similar_moves_the_clock_on_insert;
drop trigger film_similar_moves_the_clock_on_update;
drop trigger film_similar_moves_the_clock_on_delete;
drop trigger thread_moves_the_clock_on_insert;
drop trigger thread_moves_the_clock_on_update;
drop trigger thread_moves_the_clock_on_delete;
drop trigger post_moves_the_clock_on_insert;
drop trigger post_moves_the_clock_on_update;
drop trigger post_moves_the_clock_on_delete;
drop trigger post_revision_moves_the_clock_on_insert;
drop trigger post_revision_moves_the_clock_on_update;
drop trigger post_revision_moves_the_clock_on_delete;
drop trigger film_similar_basis_moves_the_clock_on_insert;
drop trigger film_similar_basis_moves_the_clock_on_update;
drop trigger film_similar_basis_moves_the_clock_on_delete;
create trigger review_touches_on_insert after insert on review begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || new.film_id || '#community' as topic union all select 'source/' || new.source_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_touches_on_update after update on review begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'source/' || old.source_id || '#community' union all select 'film/' || new.film_id || '#community' union all select 'source/' || new.source_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_touches_on_delete after delete on review begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'source/' || old.source_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_like_touches_on_insert after insert on review_like begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = new.review_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_like_touches_on_update after update on review_like begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = old.review_id) as topic union all select (select 'film/' || film_id || '#community' from review where id = new.review_id)) t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_like_touches_on_delete after delete on review_like begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = old.review_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_revision_touches_on_insert after insert on review_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = new.review_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_revision_touches_on_update after update on review_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = old.review_id) as topic union all select (select 'film/' || film_id || '#community' from review where id = new.review_id)) t
        where c.id = 1 and t.topic is not null;
end;
create trigger review_revision_touches_on_delete after delete on review_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select 'film/' || film_id || '#community' from review where id = old.review_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_rating_touches_on_insert after insert on film_rating begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || new.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_rating_touches_on_update after update on film_rating begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'film/' || new.film_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_rating_touches_on_delete after delete on film_rating begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger diary_entry_touches_on_insert after insert on diary_entry begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || new.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger diary_entry_touches_on_update after update on diary_entry begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'film/' || new.film_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger diary_entry_touches_on_delete after delete on diary_entry begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger watchlist_touches_on_insert after insert on watchlist begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || new.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger watchlist_touches_on_update after update on watchlist begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'film/' || new.film_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger watchlist_touches_on_delete after delete on watchlist begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_similar_touches_on_insert after insert on film_similar begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || new.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_similar_touches_on_update after update on film_similar begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic union all select 'film/' || new.film_id || '#community') t
        where c.id = 1 and t.topic is not null;
end;
create trigger film_similar_touches_on_delete after delete on film_similar begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select 'film/' || old.film_id || '#community' as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger thread_touches_on_insert after insert on thread begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select coalesce(new.subject_kind || '/' || new.subject_id || '#community', 'forum') as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger thread_touches_on_update after update on thread begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select coalesce(old.subject_kind || '/' || old.subject_id || '#community', 'forum') as topic union all select coalesce(new.subject_kind || '/' || new.subject_id || '#community', 'forum')) t
        where c.id = 1 and t.topic is not null;
end;
create trigger thread_touches_on_delete after delete on thread begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select coalesce(old.subject_kind || '/' || old.subject_id || '#community', 'forum') as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_touches_on_insert after insert on post begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = new.thread_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_touches_on_update after update on post begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = old.thread_id) as topic union all select (select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = new.thread_id)) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_touches_on_delete after delete on post begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(subject_kind || '/' || subject_id || '#community', 'forum') from thread where id = old.thread_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_revision_touches_on_insert after insert on post_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = new.post_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_revision_touches_on_update after update on post_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = old.post_id) as topic union all select (select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = new.post_id)) t
        where c.id = 1 and t.topic is not null;
end;
create trigger post_revision_touches_on_delete after delete on post_revision begin
    update store_clock set value = value + 1 where id = 1;
    insert into store_touch (clock, topic) select c.value, t.topic from store_clock c, (select (select coalesce(t.subject_kind || '/' || t.subject_id || '#community', 'forum') from post p join thread t on t.id = p.thread_id where p.id = old.post_id) as topic) t
        where c.id = 1 and t.topic is not null;
end;
