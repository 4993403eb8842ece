//! Saves made from a base: refused when another change came first, merged
//! when the two changed different claim lists, and race-free on both
//! stores.

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};

use crate::testing::Backend;
use crate::{Base, Lookup, State, Store, StoreError};

on_both_stores!(
    a_save_from_the_last_change_lands_and_from_an_older_one_is_stale,
    saves_of_different_claim_lists_from_one_base_are_merged,
    a_creation_of_an_id_that_exists_is_stale,
    of_saves_racing_from_one_base_exactly_one_lands,
    of_creations_racing_for_one_id_exactly_one_lands,
);

fn film(titles: &[&str], runtime: Option<u32>) -> Entity {
    let titles: Vec<_> = titles
        .iter()
        .map(|text| serde_json::json!({"text": text, "kind": "original"}))
        .collect();
    let runtimes: Vec<_> = runtime
        .into_iter()
        .map(|minutes| serde_json::json!({"minutes": minutes}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "type": "film", "id": "f", "titles": titles, "runtimes": runtimes
    }))
    .unwrap()
}

fn f() -> EntityId {
    EntityId::parse("f").unwrap()
}

async fn last_change(store: &Store) -> i64 {
    match store.lookup(EntityKind::Film, &f()).await.unwrap() {
        Lookup::Present { last_change, .. } => last_change,
        other => panic!("{other:?}"),
    }
}

fn stale(error: StoreError) -> crate::Stale {
    match error {
        StoreError::Stale(stale) => *stale,
        other => panic!("not stale: {other}"),
    }
}

async fn a_save_from_the_last_change_lands_and_from_an_older_one_is_stale(backend: Backend) {
    let (_db, store) = backend.store().await;
    let created = store
        .save(film(&["One"], None), Base::Absent, "a", "Add")
        .await
        .unwrap();
    let base = created.report.change_id.unwrap();
    assert_eq!(last_change(&store).await, base);
    assert_eq!(
        store.last_change_of(EntityKind::Film, &f()).await.unwrap(),
        base
    );
    let second = store
        .save(film(&["Two"], None), Base::Change(base), "b", "Rename")
        .await
        .unwrap();
    let second = second.report.change_id.unwrap();
    assert_eq!(last_change(&store).await, second);

    let refused = store
        .save(
            film(&["Three"], None),
            Base::Change(base),
            "c",
            "Rename again",
        )
        .await
        .unwrap_err();
    let changes = store.count_changes().await.unwrap();
    let refused = stale(refused);
    assert_eq!(refused.last_change, second);
    assert_eq!(refused.current, State::Present(film(&["Two"], None)));
    assert_eq!(refused.since.len(), 1);
    assert_eq!(
        (refused.since[0].change_id, refused.since[0].author.as_str()),
        (second, "b")
    );
    assert_eq!(refused.overlap, vec!["titles"]);
    assert!(
        refused.to_string().contains(&format!(
            "after change #{base}, which this edit was made from: change #{second} by b, “Rename”"
        )),
        "{refused}"
    );
    assert_eq!(
        store.count_changes().await.unwrap(),
        changes,
        "nothing written"
    );
    // The document as it stands is no change, whatever its base.
    let same = store
        .save(film(&["Two"], None), Base::Change(base), "c", "Nothing")
        .await
        .unwrap();
    assert_eq!(same.report.change_id, None);
    // `Any` writes over whatever is there.
    let any = store
        .save(film(&["Four"], None), Base::Any, "d", "Anyway")
        .await
        .unwrap();
    assert!(any.report.change_id.is_some());
}

async fn saves_of_different_claim_lists_from_one_base_are_merged(backend: Backend) {
    let (_db, store) = backend.store().await;
    let base = store
        .save(film(&["One"], None), Base::Absent, "a", "Add")
        .await
        .unwrap()
        .report
        .change_id
        .unwrap();
    let titled = store
        .save(
            film(&["One", "Uno"], None),
            Base::Change(base),
            "b",
            "A title",
        )
        .await
        .unwrap()
        .report
        .change_id
        .unwrap();
    let timed = store
        .save(
            film(&["One"], Some(90)),
            Base::Change(base),
            "c",
            "A runtime",
        )
        .await
        .unwrap();
    assert_eq!(timed.merged_with, vec![titled]);
    assert_eq!(
        store.get(EntityKind::Film, &f()).await.unwrap(),
        film(&["One", "Uno"], Some(90))
    );
    // A third from the first base, changing the titles again: refused,
    // though its runtime is the one now stored.
    let refused = stale(
        store
            .save(film(&["Eins"], Some(90)), Base::Change(base), "d", "Titles")
            .await
            .unwrap_err(),
    );
    assert_eq!(refused.overlap, vec!["titles"]);
    assert_eq!(refused.since.len(), 2);
}

async fn a_creation_of_an_id_that_exists_is_stale(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .save(film(&["One"], None), Base::Absent, "a", "Add")
        .await
        .unwrap();
    let refused = stale(
        store
            .save(film(&["Other"], None), Base::Absent, "b", "Add")
            .await
            .unwrap_err(),
    );
    assert_eq!(refused.current, State::Present(film(&["One"], None)));
    assert!(refused.to_string().contains("exists already"), "{refused}");
}

async fn of_saves_racing_from_one_base_exactly_one_lands(backend: Backend) {
    let (_db, store) = backend.store().await;
    let base = store
        .save(film(&["Start"], None), Base::Absent, "a", "Add")
        .await
        .unwrap()
        .report
        .change_id
        .unwrap();
    let mut tasks = Vec::new();
    for writer in 0..6 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let title = format!("Title {writer}");
            store
                .save(
                    film(&[title.as_str()], None),
                    Base::Change(base),
                    &format!("w{writer}"),
                    "Rename",
                )
                .await
        }));
    }
    let mut landed = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => landed += 1,
            Err(StoreError::Stale(_)) => {}
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(landed, 1);
    assert_eq!(
        store.history(EntityKind::Film, &f()).await.unwrap().len(),
        2
    );
}

async fn of_creations_racing_for_one_id_exactly_one_lands(backend: Backend) {
    let (_db, store) = backend.store().await;
    let mut tasks = Vec::new();
    for writer in 0..6 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let title = format!("Title {writer}");
            store
                .save(
                    film(&[title.as_str()], None),
                    Base::Absent,
                    &format!("w{writer}"),
                    "Add",
                )
                .await
        }));
    }
    let mut landed = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => landed += 1,
            Err(StoreError::Stale(_)) => {}
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(landed, 1);
    let history = store.history(EntityKind::Film, &f()).await.unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
}
