//! Similar films: from what films share with no ratings at all, from the
//! ratings of members who like the same films, and over the Wikidata
//! fixture's 17,470 films.

use kinora_core::community::{AccountId, Handle, Rating, Role};
use kinora_store::Store;
use kinora_store::community::{NewAccount, Similar};

use crate::common::*;

on_both_stores!(
    crossings_similar_films_share_its_director_cast_or_subject_with_no_ratings,
    films_liked_by_the_same_members_are_similar_for_that_reason,
    the_background_task_recomputes_at_start_and_when_ratings_change,
);

async fn similar_to(store: &Store, film: &str) -> Vec<Similar> {
    store.similar(film, 10).await.unwrap()
}

fn reason_of<'a>(similar: &'a [Similar], film: &str) -> Option<&'a str> {
    similar
        .iter()
        .find(|similar| similar.film_id == film)
        .map(|similar| similar.reason.as_str())
}

async fn crossings_similar_films_share_its_director_cast_or_subject_with_no_ratings(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let report = kinora::similar::recompute(&app.store).await.unwrap();
    assert_eq!(report.ratings, 0, "{report:?}");
    assert_eq!(report.rows_from_ratings, 0);
    let similar = similar_to(&app.store, "crossing-2008").await;
    assert!(similar.len() <= 10);
    assert_eq!(
        reason_of(&similar, "volcano-high-2001"),
        Some("same director: Kim Tae-kyun"),
        "{similar:#?}"
    );
    assert_eq!(
        reason_of(&similar, "hanbando"),
        Some("also with Cha In-pyo"),
        "{similar:#?}"
    );
    assert_eq!(
        reason_of(&similar, "escaping-north-korea"),
        Some("also about North Korean refugees")
    );
    // A shared director weighs more than a shared actor.
    let score = |film: &str| {
        similar
            .iter()
            .find(|similar| similar.film_id == film)
            .unwrap()
            .score
    };
    assert!(score("volcano-high-2001") > score("hanbando"));
    assert!(
        similar
            .windows(2)
            .all(|pair| pair[0].score >= pair[1].score)
    );
    // The other way too: Volcano High's page shows Crossing.
    let back = similar_to(&app.store, "volcano-high-2001").await;
    assert_eq!(
        reason_of(&back, "crossing-2008"),
        Some("same director: Kim Tae-kyun")
    );
    // The Chaser shares nothing with Crossing.
    assert_eq!(reason_of(&similar, "the-chaser-2008"), None);
}

async fn films_liked_by_the_same_members_are_similar_for_that_reason(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let rate = |account: AccountId, film: &'static str, value: i64| {
        let store = app.store.clone();
        async move {
            store
                .set_rating(account, film, Some(Rating::new(value).unwrap()), None)
                .await
                .unwrap();
        }
    };
    for name in ["huangsy", "kdramafanusa", "crystal_t33rs", "john-3798"] {
        let account = app
            .store
            .create_account(&NewAccount {
                name: Handle::parse(name).unwrap(),
                display_name: name.to_owned(),
                email: None,
                password_hash: None,
                role: Role::Member,
            })
            .await
            .unwrap()
            .id;
        // Crossing and The Chaser liked, The Interview not.
        rate(account, "crossing-2008", 10).await;
        rate(account, "the-chaser-2008", 9).await;
        rate(account, "the-interview-2014", 2).await;
    }
    let report = kinora::similar::recompute(&app.store).await.unwrap();
    assert_eq!((report.ratings, report.raters), (12, 4), "{report:?}");
    let similar = similar_to(&app.store, "crossing-2008").await;
    assert_eq!(
        reason_of(&similar, "the-chaser-2008"),
        Some("also rated highly by people who liked Crossing"),
        "{similar:#?}"
    );
    assert_eq!(reason_of(&similar, "the-interview-2014"), None);
    let back = similar_to(&app.store, "the-chaser-2008").await;
    assert_eq!(
        reason_of(&back, "crossing-2008"),
        Some("also rated highly by people who liked The Chaser")
    );
    // What Crossing shares with others still counts.
    assert_eq!(
        reason_of(&similar, "volcano-high-2001"),
        Some("same director: Kim Tae-kyun")
    );
}

/// Waits until `done` holds of Crossing's similar films, for up to ten
/// seconds.
async fn wait_for(store: &Store, done: impl Fn(&[Similar]) -> bool) -> Vec<Similar> {
    let started = std::time::Instant::now();
    loop {
        let similar = similar_to(store, "crossing-2008").await;
        if done(&similar) || started.elapsed() > std::time::Duration::from_secs(10) {
            return similar;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn the_background_task_recomputes_at_start_and_when_ratings_change(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let signature = app.store.ratings_signature().await.unwrap();
    assert_eq!(app.store.ratings_signature().await.unwrap(), signature);
    kinora::similar::spawn(app.store.clone(), std::time::Duration::from_millis(100));
    let similar = wait_for(&app.store, |similar| !similar.is_empty()).await;
    assert_eq!(
        reason_of(&similar, "volcano-high-2001"),
        Some("same director: Kim Tae-kyun")
    );

    for name in ["huangsy", "kdramafanusa", "crystal_t33rs"] {
        let account = app
            .store
            .create_account(&NewAccount {
                name: Handle::parse(name).unwrap(),
                display_name: name.to_owned(),
                email: None,
                password_hash: None,
                role: Role::Member,
            })
            .await
            .unwrap()
            .id;
        for (film, value) in [
            ("crossing-2008", 9),
            ("the-chaser-2008", 10),
            ("the-interview-2014", 3),
        ] {
            app.store
                .set_rating(account, film, Some(Rating::new(value).unwrap()), None)
                .await
                .unwrap();
        }
    }
    assert_ne!(app.store.ratings_signature().await.unwrap(), signature);
    let similar = wait_for(&app.store, |similar| {
        reason_of(similar, "the-chaser-2008").is_some()
    })
    .await;
    assert_eq!(
        reason_of(&similar, "the-chaser-2008"),
        Some("also rated highly by people who liked Crossing"),
        "{similar:#?}"
    );
    // What they were computed from is kept beside them: once caught up, a
    // restarted server (another task) does not compute them again.
    let basis = loop {
        let basis = app.store.similar_basis().await.unwrap();
        if basis == Some(app.store.ratings_signature().await.unwrap()) {
            break basis;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(basis.is_some());
    let before = app.store.similar("crossing-2008", 10).await.unwrap();
    app.store
        .replace_similar(&[], basis.as_deref().unwrap())
        .await
        .unwrap();
    kinora::similar::spawn(app.store.clone(), std::time::Duration::from_millis(100));
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(
        app.store
            .similar("crossing-2008", 10)
            .await
            .unwrap()
            .is_empty(),
        "a caught-up basis is not computed again (before: {})",
        before.len()
    );
}

/// A whole catalog: 17,470 films, 63,815 people.
#[tokio::test]
async fn the_wikidata_catalog_recomputes_and_pairs_films_of_one_director() {
    let (_database, store) = Backend::Sqlite.store().await;
    crate::community_import::import_wikidata(&store).await;
    let report = kinora::similar::recompute(&store).await.unwrap();
    println!(
        "similar films of the Wikidata fixture: {} rows for {} of {} films in {:.1} s \
         (reading {:.1} s, computing {:.1} s, writing {:.1} s)",
        report.rows,
        report.films_with_similar,
        report.films,
        report.seconds,
        report.seconds_reading,
        report.seconds_computing,
        report.seconds_writing
    );
    assert_eq!(report.films, 17_470);
    assert!(report.films_with_similar > 15_000, "{report:?}");
    // Seven Samurai and Rashomon, both Akira Kurosawa's.
    let samurai = similar_to(&store, "tt0047478").await;
    assert!(
        samurai
            .iter()
            .filter(|similar| similar.reason.contains("same director: Akira Kurosawa"))
            .count()
            >= 5,
        "{samurai:#?}"
    );
    let rashomon = similar_to(&store, "tt0042876").await;
    assert!(
        rashomon
            .iter()
            .any(|similar| similar.reason.contains("same director: Akira Kurosawa")),
        "{rashomon:#?}"
    );
    // Oldboy and Joint Security Area, both Park Chan-wook's.
    let oldboy = similar_to(&store, "tt0364569").await;
    let reason = reason_of(&oldboy, "tt0260991");
    assert!(
        reason.is_some_and(|reason| reason.contains("same director: Park Chan-wook")),
        "{oldboy:#?}"
    );
    // Recomputing replaces the rows rather than adding to them.
    let again = kinora::similar::recompute(&store).await.unwrap();
    assert_eq!(again.rows, report.rows);
    assert_eq!(similar_to(&store, "tt0364569").await, oldboy);
}
