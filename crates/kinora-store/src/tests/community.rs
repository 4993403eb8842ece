//! The community's tables, on both stores.

use kinora_core::community::{Handle, PostId, Rating, Role, Timestamp};

use crate::Store;
use crate::community::*;
use crate::testing::Backend;

on_both_stores!(
    accounts_have_unique_names_and_emails_and_reset_tokens_work_once,
    a_review_is_one_per_account_and_film_and_keeps_its_earlier_states,
    the_histogram_counts_one_rating_per_account_and_every_guest,
    a_thread_takes_replies_and_quotes_until_locked_or_archived,
    lists_diary_and_watchlist_belong_to_their_account,
    sessions_expire,
    the_copy_knows_every_table_and_column_of_the_schema,
);

async fn account(store: &Store, name: &str, role: Role) -> Account {
    store
        .create_account(&NewAccount {
            name: Handle::parse(name).unwrap(),
            display_name: name.to_owned(),
            email: Some(format!("{name}@example.org")),
            password_hash: Some(format!("hash-of-{name}")),
            role,
        })
        .await
        .unwrap()
}

fn text(rating: Option<i64>, body: &str) -> ReviewText {
    ReviewText {
        rating: rating.map(|r| Rating::new(r).unwrap()),
        headline: None,
        body: body.to_owned(),
        spoiler: false,
        watched_on: None,
    }
}

async fn accounts_have_unique_names_and_emails_and_reset_tokens_work_once(backend: Backend) {
    let (_db, store) = backend.store().await;
    let ada = account(&store, "ada", Role::Member).await;
    assert_eq!(ada.role, Role::Member);
    let again = store
        .create_account(&NewAccount {
            name: Handle::parse("ADA").unwrap(),
            display_name: "Other".into(),
            email: None,
            password_hash: None,
            role: Role::Member,
        })
        .await
        .unwrap_err();
    assert!(
        again.to_string().contains("the name `ada` is taken"),
        "{again}"
    );
    let same_email = store
        .create_account(&NewAccount {
            name: Handle::parse("bea").unwrap(),
            display_name: "Bea".into(),
            email: Some("ada@example.org".into()),
            password_hash: None,
            role: Role::Member,
        })
        .await
        .unwrap_err();
    assert!(same_email.to_string().contains("email"), "{same_email}");
    assert_eq!(store.count_accounts().await.unwrap(), 1);

    let found = store.credentials("ada@example.org").await.unwrap().unwrap();
    assert_eq!(found.account.name, "ada");
    assert_eq!(found.password_hash.as_deref(), Some("hash-of-ada"));
    assert!(store.credentials("Ada").await.unwrap().is_some());

    store
        .create_password_reset(ada.id, "token-hash", "2999-01-01T00:00:00Z")
        .await
        .unwrap();
    store
        .create_password_reset(ada.id, "old-token", "2000-01-01T00:00:00Z")
        .await
        .unwrap();
    let expired = store
        .use_password_reset("old-token", "new")
        .await
        .unwrap_err();
    assert!(expired.to_string().contains("expired"), "{expired}");
    store
        .use_password_reset("token-hash", "new-hash")
        .await
        .unwrap();
    assert_eq!(
        store.password_hash(ada.id).await.unwrap().as_deref(),
        Some("new-hash")
    );
    assert!(
        store
            .use_password_reset("token-hash", "again")
            .await
            .is_err()
    );
    assert_eq!(
        store.password_hash(ada.id).await.unwrap().as_deref(),
        Some("new-hash")
    );
}

async fn a_review_is_one_per_account_and_film_and_keeps_its_earlier_states(backend: Backend) {
    let (_db, store) = backend.store().await;
    let ada = account(&store, "ada", Role::Member).await;
    let bea = account(&store, "bea", Role::Member).await;
    let first = store
        .save_review(ada.id, "crossing-2008", &text(Some(8), "Moving."))
        .await
        .unwrap();
    let second = store
        .save_review(ada.id, "crossing-2008", &text(Some(10), "The mark is 10."))
        .await
        .unwrap();
    assert_eq!(first, second, "one review per account and film");
    let review = store.review(first, Some(bea.id)).await.unwrap().unwrap();
    assert_eq!(review.rating, Some(Rating::new(10).unwrap()));
    assert_eq!(review.body, "The mark is 10.");
    assert_eq!(review.revisions, 1);
    let revisions = store.review_revisions(first).await.unwrap();
    assert_eq!(revisions[0].body, "Moving.");
    assert_eq!(revisions[0].rating, Some(Rating::new(8).unwrap()));

    store.like_review(first, bea.id, true).await.unwrap();
    store.like_review(first, bea.id, true).await.unwrap();
    let seen_by_bea = store.review(first, Some(bea.id)).await.unwrap().unwrap();
    assert_eq!((seen_by_bea.likes, seen_by_bea.liked), (1, true));
    let seen_by_ada = store.review(first, Some(ada.id)).await.unwrap().unwrap();
    assert_eq!((seen_by_ada.likes, seen_by_ada.liked), (1, false));
    store.like_review(first, bea.id, false).await.unwrap();
    assert_eq!(
        store
            .review(first, Some(bea.id))
            .await
            .unwrap()
            .unwrap()
            .likes,
        0
    );

    let guest = store
        .import_guest_review(
            "crossing-2008",
            "Crveni Krst",
            Some("movie-page"),
            &text(Some(10), "I cried a river."),
            Some(Timestamp::parse("2012-01-01T00:00:00Z").unwrap()),
        )
        .await
        .unwrap();
    let reviews = store.reviews_of_film("crossing-2008", None).await.unwrap();
    assert_eq!(reviews.len(), 2);
    let imported = reviews.iter().find(|r| r.id == guest).unwrap();
    assert!(imported.author.guest);
    assert_eq!(imported.author.name, "Crveni Krst");
    assert_eq!(imported.source_id.as_deref(), Some("movie-page"));
    let by_ada = store
        .review_of(ada.id, "crossing-2008")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ada.author.account.as_deref(), Some("ada"));
}

async fn the_histogram_counts_one_rating_per_account_and_every_guest(backend: Backend) {
    let (_db, store) = backend.store().await;
    let ada = account(&store, "ada", Role::Member).await;
    let bea = account(&store, "bea", Role::Member).await;
    let cid = account(&store, "cid", Role::Member).await;
    // Ada: a review at 10 and a viewing at 6: the review's counts.
    store
        .save_review(ada.id, "f", &text(Some(10), "x"))
        .await
        .unwrap();
    let viewing = |rating: i64, day: &str| NewDiaryEntry {
        film_id: "f".into(),
        watched_on: day.into(),
        rating: Some(Rating::new(rating).unwrap()),
        rewatch: false,
        tags: vec![],
        review_id: None,
    };
    store
        .add_diary_entry(ada.id, &viewing(6, "2024-01-01"))
        .await
        .unwrap();
    // Bea: two viewings, the latest counts; and a plain rating that does not.
    store
        .add_diary_entry(bea.id, &viewing(4, "2024-01-01"))
        .await
        .unwrap();
    store
        .add_diary_entry(bea.id, &viewing(7, "2024-02-01"))
        .await
        .unwrap();
    store
        .set_rating(bea.id, "f", Some(Rating::new(1).unwrap()), None)
        .await
        .unwrap();
    // Cid: a plain rating only.
    store
        .set_rating(cid.id, "f", Some(Rating::new(3).unwrap()), None)
        .await
        .unwrap();
    store
        .import_guest_review(
            "f",
            "guest",
            None,
            &text(Some(10), "y"),
            Some(Timestamp::parse("2012-01-01T00:00:00Z").unwrap()),
        )
        .await
        .unwrap();
    store
        .add_bulk_ratings(
            "movielens",
            &[("1".into(), "f".into(), Rating::new(8).unwrap())],
        )
        .await
        .unwrap();
    let histogram = store.rating_histogram("f").await.unwrap();
    assert_eq!(histogram, [0, 0, 1, 0, 0, 0, 1, 1, 0, 2]);
    let ratings = store.ratings_by(bea.id).await.unwrap();
    assert_eq!(ratings.get("f").map(|r| r.value()), Some(7));
}

async fn a_thread_takes_replies_and_quotes_until_locked_or_archived(backend: Backend) {
    let (_db, store) = backend.store().await;
    let ada = account(&store, "ada", Role::Member).await;
    let moderator = account(&store, "mod", Role::Moderator).await;
    let post = |author: Author, body: &str, quote_of: Option<PostId>| NewPost {
        author,
        body: body.to_owned(),
        quote_of,
        reposts: Vec::new(),
        source_id: None,
        at: None,
        gap_before: None,
    };
    let subject = Subject::Entity {
        kind: "film".into(),
        id: "crossing-2008".into(),
    };
    let thread = store
        .create_thread(
            &subject,
            "[movie 2008] Crossing",
            &post(Author::Guest("huangsy".into()), "Debut 26 June 2008.", None),
        )
        .await
        .unwrap();
    let posts = store.posts(thread).await.unwrap();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].author.guest);
    let question = store
        .add_post(
            thread,
            &post(Author::Account(ada.id), "What exactly is it about?", None),
        )
        .await
        .unwrap();
    let answer = store
        .add_post(
            thread,
            &post(
                Author::Guest("huangsy".into()),
                "Read kdramafanusa's post.",
                Some(question),
            ),
        )
        .await
        .unwrap();
    let other = store
        .create_thread(
            &Subject::Site,
            "Elsewhere",
            &post(Author::Account(ada.id), "x", None),
        )
        .await
        .unwrap();
    let elsewhere = store.posts(other).await.unwrap()[0].id;
    let wrong = store
        .add_post(thread, &post(Author::Account(ada.id), "y", Some(elsewhere)))
        .await
        .unwrap_err();
    assert!(wrong.to_string().contains("not in this thread"), "{wrong}");

    let posts = store.posts(thread).await.unwrap();
    assert_eq!(
        posts.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(posts[2].quote_of, Some(question));
    assert_eq!(store.threads_about(&subject, 10).await.unwrap()[0].posts, 3);

    store
        .edit_post(question, ada.id, "What is it about, exactly?")
        .await
        .unwrap();
    let edited = store.post(question).await.unwrap().unwrap();
    assert!(edited.edited_at.is_some());
    assert_eq!(edited.edited_by, None, "edited by its author");
    assert_eq!(edited.number, 2);
    assert_eq!(
        store.post_revisions(question).await.unwrap()[0].body,
        "What exactly is it about?"
    );
    // A moderator's edit names the moderator; the text it replaced is Ada's.
    store
        .edit_post(question, moderator.id, "What is it about?")
        .await
        .unwrap();
    let edited = store.post(question).await.unwrap().unwrap();
    assert_eq!(edited.edited_by.as_deref(), Some("mod"));
    let revisions = store.post_revisions(question).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0].by.as_deref(), Some("ada"));

    store
        .set_thread_state(thread, moderator.id, ThreadState::Locked, true, "")
        .await
        .unwrap();
    let locked = store
        .add_post(thread, &post(Author::Account(ada.id), "late", None))
        .await
        .unwrap_err();
    assert!(locked.to_string().contains("locked"), "{locked}");
    store
        .set_thread_state(
            thread,
            moderator.id,
            ThreadState::Archived,
            true,
            "kept as it was",
        )
        .await
        .unwrap();
    let archived = store
        .edit_post(answer, ada.id, "changed")
        .await
        .unwrap_err();
    assert!(archived.to_string().contains("archived"), "{archived}");
    store
        .hide_post(elsewhere, moderator.id, Some("off topic"))
        .await
        .unwrap();
    assert_eq!(
        store
            .post(elsewhere)
            .await
            .unwrap()
            .unwrap()
            .hidden_reason
            .as_deref(),
        Some("off topic")
    );
    let log = store.moderation_log(10).await.unwrap();
    assert_eq!(
        log.iter().map(|m| m.action.as_str()).collect::<Vec<_>>(),
        ["hide", "archive", "lock"]
    );
    assert_eq!(log[0].reason, "off topic");
    assert_eq!(log[0].moderator, "mod");
}

async fn lists_diary_and_watchlist_belong_to_their_account(backend: Backend) {
    let (_db, store) = backend.store().await;
    let ada = account(&store, "ada", Role::Member).await;
    let bea = account(&store, "bea", Role::Member).await;
    let items = vec![
        ListItem {
            film_id: "crossing-2008".into(),
            note: "Start here.".into(),
        },
        ListItem {
            film_id: "the-defector-2012".into(),
            note: String::new(),
        },
    ];
    store
        .save_list(
            ada.id,
            "refugees",
            "Films on North Korean refugees",
            "",
            true,
            &items,
        )
        .await
        .unwrap();
    store
        .save_list(ada.id, "secret", "Secret", "", false, &[])
        .await
        .unwrap();
    let list = store.film_list(ada.id, "refugees").await.unwrap().unwrap();
    assert_eq!(list.items, items);
    assert_eq!(store.lists_of(ada.id, false).await.unwrap().len(), 1);
    assert_eq!(store.lists_of(ada.id, true).await.unwrap().len(), 2);
    // Saving again replaces the films, in their new order.
    store
        .save_list(
            ada.id,
            "refugees",
            "Films on North Korean refugees",
            "",
            true,
            &items[1..],
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .film_list(ada.id, "refugees")
            .await
            .unwrap()
            .unwrap()
            .items
            .len(),
        1
    );

    let entry = store
        .add_diary_entry(
            ada.id,
            &NewDiaryEntry {
                film_id: "crossing-2008".into(),
                watched_on: "2008-06-26".into(),
                rating: None,
                rewatch: false,
                tags: vec!["cinema".into()],
                review_id: None,
            },
        )
        .await
        .unwrap();
    assert!(
        !store.delete_diary_entry(bea.id, entry).await.unwrap(),
        "not Bea's to delete"
    );
    assert_eq!(store.diary(ada.id, 10).await.unwrap()[0].tags, ["cinema"]);
    assert!(
        store
            .has_diary_entry(ada.id, "crossing-2008", "2008-06-26")
            .await
            .unwrap()
    );
    assert!(store.delete_diary_entry(ada.id, entry).await.unwrap());

    store
        .set_watchlist(bea.id, "crossing-2008", true)
        .await
        .unwrap();
    store
        .set_watchlist(bea.id, "crossing-2008", true)
        .await
        .unwrap();
    assert_eq!(store.watchlist(bea.id).await.unwrap().len(), 1);
    assert!(store.watchlist(ada.id).await.unwrap().is_empty());
    store
        .set_watchlist(bea.id, "crossing-2008", false)
        .await
        .unwrap();
    assert!(store.watchlist(bea.id).await.unwrap().is_empty());
}

async fn sessions_expire(backend: Backend) {
    let (_db, store) = backend.store().await;
    assert!(
        store
            .session_create("a", "{}", "2999-01-01T00:00:00Z")
            .await
            .unwrap()
    );
    assert!(
        !store
            .session_create("a", "{}", "2999-01-01T00:00:00Z")
            .await
            .unwrap()
    );
    store
        .session_save("b", "{\"x\":1}", "2000-01-01T00:00:00Z")
        .await
        .unwrap();
    assert_eq!(
        store.session_load("a").await.unwrap().as_deref(),
        Some("{}")
    );
    assert_eq!(store.session_load("b").await.unwrap(), None, "expired");
    assert_eq!(store.sessions_expire().await.unwrap(), 1);
    store.session_delete("a").await.unwrap();
    assert_eq!(store.session_load("a").await.unwrap(), None);
}

/// `kinora copy` names the community's columns: a migration that adds a
/// table or a column fails here until the copy carries it (or says why
/// not), instead of the copy silently dropping it.
async fn the_copy_knows_every_table_and_column_of_the_schema(backend: Backend) {
    use crate::community::copy::{COMMUNITY_TABLES, NOT_COPIED_HERE};
    use sqlx::Row;
    let (_db, store) = backend.store().await;
    let sqlite = store.dialect() == crate::Dialect::Sqlite;
    let tables_sql = if sqlite {
        "select name from sqlite_master where type = 'table' \
         and name not like 'sqlite_%' and name not like '_sqlx%' order by name"
    } else {
        "select table_name::text from information_schema.tables \
         where table_schema = current_schema() and table_name not like '_sqlx%' order by table_name"
    };
    let tables: Vec<String> = sqlx::query(tables_sql)
        .fetch_all(&store.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String, _>(0).unwrap())
        .collect();
    assert!(tables.len() > 20, "{tables:?}");
    for table in &tables {
        let copied = COMMUNITY_TABLES.iter().any(|(name, _)| name == table);
        let explained = NOT_COPIED_HERE.iter().any(|(name, _)| name == table);
        assert!(
            copied != explained,
            "table `{table}`: the copy must either carry it (COMMUNITY_TABLES) or say why not (NOT_COPIED_HERE)"
        );
    }
    for (table, columns) in COMMUNITY_TABLES {
        assert!(
            tables.iter().any(|name| name == table),
            "no table `{table}`"
        );
        let columns_sql = if sqlite {
            format!("select name from pragma_table_info('{table}') order by cid")
        } else {
            format!(
                "select column_name::text from information_schema.columns where table_schema = current_schema() \
                 and table_name = '{table}' order by ordinal_position"
            )
        };
        let mut schema: Vec<String> = sqlx::query(&columns_sql)
            .fetch_all(&store.pool)
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String, _>(0).unwrap())
            .collect();
        let mut named: Vec<String> = columns.iter().map(|(name, _)| (*name).to_owned()).collect();
        schema.sort();
        named.sort();
        assert_eq!(named, schema, "the columns of `{table}`");
    }
}
