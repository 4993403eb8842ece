-- The store's clock: a number that every write a page can show moves on,
-- in the order the writes commit. A catalog change moves it in its own
-- transaction (`Writer::commit`, just before it commits); a write to any
-- table of the community, the pictures or the similar films moves it by
-- these triggers, so no write can forget it. An instance keeps a rendered
-- page while the clock reads what it read before rendering it; any write,
-- through any instance or the command line, makes the next request render
-- again. (Sessions, password resets and pending imports show on no shared
-- page and leave it alone.) On PostgreSQL the row's lock, held to the
-- commit, keeps the values in commit order.
create table store_clock (
    id integer primary key,
    value bigint not null
);
insert into store_clock (id, value) values (1, 0);
create trigger account_moves_the_clock_on_insert after insert on account begin update store_clock set value = value + 1 where id = 1; end;
create trigger account_moves_the_clock_on_update after update on account begin update store_clock set value = value + 1 where id = 1; end;
create trigger account_moves_the_clock_on_delete after delete on account begin update store_clock set value = value + 1 where id = 1; end;
create trigger bulk_rating_moves_the_clock_on_insert after insert on bulk_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger bulk_rating_moves_the_clock_on_update after update on bulk_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger bulk_rating_moves_the_clock_on_delete after delete on bulk_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger diary_entry_moves_the_clock_on_insert after insert on diary_entry begin update store_clock set value = value + 1 where id = 1; end;
create trigger diary_entry_moves_the_clock_on_update after update on diary_entry begin update store_clock set value = value + 1 where id = 1; end;
create trigger diary_entry_moves_the_clock_on_delete after delete on diary_entry begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_moves_the_clock_on_insert after insert on film_list begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_moves_the_clock_on_update after update on film_list begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_moves_the_clock_on_delete after delete on film_list begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_item_moves_the_clock_on_insert after insert on film_list_item begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_item_moves_the_clock_on_update after update on film_list_item begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_list_item_moves_the_clock_on_delete after delete on film_list_item begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_rating_moves_the_clock_on_insert after insert on film_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_rating_moves_the_clock_on_update after update on film_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_rating_moves_the_clock_on_delete after delete on film_rating begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_moves_the_clock_on_insert after insert on film_similar begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_moves_the_clock_on_update after update on film_similar begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_moves_the_clock_on_delete after delete on film_similar begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_basis_moves_the_clock_on_insert after insert on film_similar_basis begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_basis_moves_the_clock_on_update after update on film_similar_basis begin update store_clock set value = value + 1 where id = 1; end;
create trigger film_similar_basis_moves_the_clock_on_delete after delete on film_similar_basis begin update store_clock set value = value + 1 where id = 1; end;
create trigger moderation_moves_the_clock_on_insert after insert on moderation begin update store_clock set value = value + 1 where id = 1; end;
create trigger moderation_moves_the_clock_on_update after update on moderation begin update store_clock set value = value + 1 where id = 1; end;
create trigger moderation_moves_the_clock_on_delete after delete on moderation begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_moves_the_clock_on_insert after insert on picture begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_moves_the_clock_on_update after update on picture begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_moves_the_clock_on_delete after delete on picture begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_variant_moves_the_clock_on_insert after insert on picture_variant begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_variant_moves_the_clock_on_update after update on picture_variant begin update store_clock set value = value + 1 where id = 1; end;
create trigger picture_variant_moves_the_clock_on_delete after delete on picture_variant begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_moves_the_clock_on_insert after insert on post begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_moves_the_clock_on_update after update on post begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_moves_the_clock_on_delete after delete on post begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_revision_moves_the_clock_on_insert after insert on post_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_revision_moves_the_clock_on_update after update on post_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger post_revision_moves_the_clock_on_delete after delete on post_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger proposal_moves_the_clock_on_insert after insert on proposal begin update store_clock set value = value + 1 where id = 1; end;
create trigger proposal_moves_the_clock_on_update after update on proposal begin update store_clock set value = value + 1 where id = 1; end;
create trigger proposal_moves_the_clock_on_delete after delete on proposal begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_moves_the_clock_on_insert after insert on review begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_moves_the_clock_on_update after update on review begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_moves_the_clock_on_delete after delete on review begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_like_moves_the_clock_on_insert after insert on review_like begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_like_moves_the_clock_on_update after update on review_like begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_like_moves_the_clock_on_delete after delete on review_like begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_revision_moves_the_clock_on_insert after insert on review_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_revision_moves_the_clock_on_update after update on review_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger review_revision_moves_the_clock_on_delete after delete on review_revision begin update store_clock set value = value + 1 where id = 1; end;
create trigger thread_moves_the_clock_on_insert after insert on thread begin update store_clock set value = value + 1 where id = 1; end;
create trigger thread_moves_the_clock_on_update after update on thread begin update store_clock set value = value + 1 where id = 1; end;
create trigger thread_moves_the_clock_on_delete after delete on thread begin update store_clock set value = value + 1 where id = 1; end;
create trigger watchlist_moves_the_clock_on_insert after insert on watchlist begin update store_clock set value = value + 1 where id = 1; end;
create trigger watchlist_moves_the_clock_on_update after update on watchlist begin update store_clock set value = value + 1 where id = 1; end;
create trigger watchlist_moves_the_clock_on_delete after delete on watchlist begin update store_clock set value = value + 1 where id = 1; end;
