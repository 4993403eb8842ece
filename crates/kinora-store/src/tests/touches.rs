//! What each write touched and what a read noted (`built_from`), on both
//! stores.

use kinora_core::community::{Handle, Rating, Role};

use super::{film_with_director, id, person};
use crate::Store;
use crate::built_from::{self, Touched};
use crate::community::{NewAccount, ReviewText};
use crate::testing::Backend;

on_both_stores!(
    a_write_notes_what_it_touched_and_a_read_what_it_read,
    similar_films_rewritten_touch_only_the_films_whose_list_changed,
);

/// The topics the writes since `clock` touched; the clock now.
async fn touched_since(store: &Store, clock: i64) -> (Touched, i64) {
    let now = store.clock().await.unwrap();
    (store.touched(clock, now).await.unwrap(), now)
}

fn topics(touched: &Touched) -> Vec<&str> {
    let mut topics: Vec<&str> = touched.topics.iter().map(|(_, t)| t.as_str()).collect();
    topics.sort_unstable();
    topics.dedup();
    topics
}

async fn a_write_notes_what_it_touched_and_a_read_what_it_read(backend: Backend) {
    let (_db, store) = backend.store().await;
    let start = store.clock().await.unwrap();
    store
        .put(
            vec![
                person("kim-tae-kyun", &["Kim Tae-kyun"]),
                film_with_director("crossing-2008", "크로싱", "kim-tae-kyun"),
            ],
            "alice",
            "Add",
        )
        .await
        .unwrap();
    let (touched, clock) = touched_since(&store, start).await;
    assert!(!touched.everything);
    assert_eq!(
        topics(&touched),
        [
            "film/crossing-2008",
            "person/kim-tae-kyun",
            "person/kim-tae-kyun#links"
        ]
    );
    // The director renamed: his document alone (the film's page read it:
    // it has his topic).
    store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun", "김태균"])],
            "bob",
            "Hangul",
        )
        .await
        .unwrap();
    let (touched, clock) = touched_since(&store, clock).await;
    assert_eq!(topics(&touched), ["person/kim-tae-kyun"]);
    // Another director: the film, the new one, and what links to the new
    // one and to the one it named before.
    store
        .put(
            vec![
                person("cha-in-pyo", &["Cha In-pyo"]),
                film_with_director("crossing-2008", "크로싱", "cha-in-pyo"),
            ],
            "bob",
            "Director",
        )
        .await
        .unwrap();
    let (touched, clock) = touched_since(&store, clock).await;
    assert_eq!(
        topics(&touched),
        [
            "film/crossing-2008",
            "person/cha-in-pyo",
            "person/cha-in-pyo#links",
            "person/kim-tae-kyun#links"
        ]
    );
    // An account: a write that names no topic touches everything.
    let ada = store
        .create_account(&NewAccount {
            name: Handle::parse("ada").unwrap(),
            display_name: "Ada".into(),
            email: None,
            password_hash: None,
            role: Role::Member,
        })
        .await
        .unwrap();
    let (touched, clock) = touched_since(&store, clock).await;
    assert!(touched.everything, "{touched:?}");
    // A review touches its film's community.
    store
        .save_review(
            ada.id,
            "crossing-2008",
            &ReviewText {
                rating: Some(Rating::new(9).unwrap()),
                headline: None,
                body: "A father crosses.".into(),
                spoiler: false,
                watched_on: None,
            },
        )
        .await
        .unwrap();
    let (touched, _) = touched_since(&store, clock).await;
    assert!(!touched.everything, "{touched:?}");
    assert_eq!(topics(&touched), ["film/crossing-2008#community"]);
    // A read notes what it asked for, found or not, and what it found
    // referring to it.
    let ((), read) = built_from::recording(async {
        store
            .get_many(&[
                (kinora_core::EntityKind::Person, id("cha-in-pyo")),
                (kinora_core::EntityKind::Person, id("nobody-yet")),
            ])
            .await
            .unwrap();
        store
            .referrers(kinora_core::EntityKind::Person, &id("cha-in-pyo"), 10)
            .await
            .unwrap();
    })
    .await;
    let read: Vec<&str> = read.iter().map(String::as_str).collect();
    assert_eq!(
        read,
        [
            "film/crossing-2008",
            "person/cha-in-pyo",
            "person/cha-in-pyo#links",
            "person/nobody-yet"
        ]
    );
    // Far behind: everything.
    assert!(store.touched(0, 5000).await.unwrap().everything);
}

async fn similar_films_rewritten_touch_only_the_films_whose_list_changed(backend: Backend) {
    let (_db, store) = backend.store().await;
    let similar = |film: &str, other: &str, score: f64| {
        (
            film.to_owned(),
            crate::community::Similar {
                film_id: other.to_owned(),
                score,
                reason: "ratings".to_owned(),
            },
        )
    };
    store
        .replace_similar(
            &[
                similar("a", "b", 0.5),
                similar("b", "a", 0.5),
                similar("c", "a", 0.1),
            ],
            "one",
        )
        .await
        .unwrap();
    let clock = store.clock().await.unwrap();
    store
        .replace_similar(
            &[
                similar("a", "b", 0.5),
                similar("b", "a", 0.7),
                similar("d", "a", 0.2),
            ],
            "two",
        )
        .await
        .unwrap();
    let (touched, _) = touched_since(&store, clock).await;
    assert!(!touched.everything, "{touched:?}");
    assert_eq!(
        topics(&touched),
        ["film/b#community", "film/c#community", "film/d#community"]
    );
    assert_eq!(store.similar("b", 5).await.unwrap()[0].score, 0.7);
    assert!(store.similar("c", 5).await.unwrap().is_empty());
    assert_eq!(store.similar_basis().await.unwrap().as_deref(), Some("two"));
}
