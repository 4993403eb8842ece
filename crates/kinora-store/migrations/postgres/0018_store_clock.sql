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

create function move_store_clock() returns trigger language plpgsql as $$
begin
    update store_clock set value = value + 1 where id = 1;
    return null;
end
$$;
create trigger account_moves_the_clock after insert or update or delete on account for each statement execute function move_store_clock();
create trigger bulk_rating_moves_the_clock after insert or update or delete on bulk_rating for each statement execute function move_store_clock();
create trigger diary_entry_moves_the_clock after insert or update or delete on diary_entry for each statement execute function move_store_clock();
create trigger film_list_moves_the_clock after insert or update or delete on film_list for each statement execute function move_store_clock();
create trigger film_list_item_moves_the_clock after insert or update or delete on film_list_item for each statement execute function move_store_clock();
create trigger film_rating_moves_the_clock after insert or update or delete on film_rating for each statement execute function move_store_clock();
create trigger film_similar_moves_the_clock after insert or update or delete on film_similar for each statement execute function move_store_clock();
create trigger film_similar_basis_moves_the_clock after insert or update or delete on film_similar_basis for each statement execute function move_store_clock();
create trigger moderation_moves_the_clock after insert or update or delete on moderation for each statement execute function move_store_clock();
create trigger picture_moves_the_clock after insert or update or delete on picture for each statement execute function move_store_clock();
create trigger picture_variant_moves_the_clock after insert or update or delete on picture_variant for each statement execute function move_store_clock();
create trigger post_moves_the_clock after insert or update or delete on post for each statement execute function move_store_clock();
create trigger post_revision_moves_the_clock after insert or update or delete on post_revision for each statement execute function move_store_clock();
create trigger proposal_moves_the_clock after insert or update or delete on proposal for each statement execute function move_store_clock();
create trigger review_moves_the_clock after insert or update or delete on review for each statement execute function move_store_clock();
create trigger review_like_moves_the_clock after insert or update or delete on review_like for each statement execute function move_store_clock();
create trigger review_revision_moves_the_clock after insert or update or delete on review_revision for each statement execute function move_store_clock();
create trigger thread_moves_the_clock after insert or update or delete on thread for each statement execute function move_store_clock();
create trigger watchlist_moves_the_clock after insert or update or delete on watchlist for each statement execute function move_store_clock();
