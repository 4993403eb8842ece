//! Store tests: each opens its own store in a temporary folder.

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use super::*;

use crate::testing::Backend;

/// Runs each named test on SQLite, and on PostgreSQL when a test server is
/// configured (see `testing`).
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(backend) = super::Backend::postgres_if_configured() {
                        super::$name(backend).await;
                    }
                }
            )*
        }
    };
}

mod bases;
mod community;
mod touches;

on_both_stores!(
    a_put_records_an_edit_with_before_and_after,
    a_batch_with_a_dangling_reference_changes_nothing,
    a_revert_restores_the_state_before_a_change,
    reverting_a_creation_that_others_now_use_is_refused,
    a_revert_is_refused_when_a_later_change_touched_the_entity,
    a_merge_moves_names_rewrites_references_and_leaves_a_redirect,
    deleting_an_entity_still_referred_to_is_refused,
    spellings_of_one_name_are_listed_as_possible_duplicates,
    concurrent_writers_of_one_entity_all_land_in_the_history,
    replaying_every_change_rebuilds_the_catalog_and_its_history,
    every_edit_keeps_its_state_after_though_only_the_last_is_not_copied,
);

fn entity(json: serde_json::Value) -> Entity {
    serde_json::from_value(json).unwrap()
}

fn id(text: &str) -> EntityId {
    EntityId::parse(text).unwrap()
}

fn person(id: &str, names: &[&str]) -> Entity {
    let names: Vec<_> = names
        .iter()
        .map(|name| serde_json::json!({"text": name, "kind": "primary"}))
        .collect();
    entity(serde_json::json!({"type": "person", "id": id, "names": names}))
}

fn film_with_director(id: &str, title: &str, director: &str) -> Entity {
    entity(serde_json::json!({
        "type": "film", "id": id,
        "titles": [{"text": title, "kind": "original"}],
        "credits": [{"person": director, "department": "directing", "job": "Director"}]
    }))
}

async fn a_put_records_an_edit_with_before_and_after(backend: Backend) {
    let (_db, store) = backend.store().await;
    let report = store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun"])],
            "alice",
            "Add director",
        )
        .await
        .unwrap();
    assert_eq!((report.created, report.updated), (1, 0));
    let report = store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun", "김태균"])],
            "bob",
            "Add Hangul",
        )
        .await
        .unwrap();
    assert_eq!((report.created, report.updated), (0, 1));
    let again = store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun", "김태균"])],
            "bob",
            "Same",
        )
        .await
        .unwrap();
    assert_eq!(
        again,
        WriteReport {
            change_id: None,
            created: 0,
            updated: 0,
            unchanged: 1
        }
    );

    let history = store
        .history(EntityKind::Person, &id("kim-tae-kyun"))
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0].author.as_str(), history[0].action.as_str()),
        ("bob", "update")
    );
    assert_eq!(
        (history[1].author.as_str(), history[1].action.as_str()),
        ("alice", "create")
    );
    let change = store.change(history[0].change_id).await.unwrap();
    assert_eq!(
        change.edits[0].before.as_ref().unwrap()["names"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        change.edits[0].after.as_ref().unwrap()["names"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

async fn a_batch_with_a_dangling_reference_changes_nothing(backend: Backend) {
    let (_db, store) = backend.store().await;
    let error = store
        .put(
            vec![
                person("cha-in-pyo", &["Cha In-pyo"]),
                film_with_director("crossing-2008", "Crossing", "nobody"),
            ],
            "alice",
            "x",
        )
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("refers to person `nobody`"),
        "{error}"
    );
    assert!(
        store.is_empty().await.unwrap(),
        "nothing of the failed batch may remain"
    );
}

async fn a_revert_restores_the_state_before_a_change(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun"])],
            "alice",
            "Add",
        )
        .await
        .unwrap();
    let change = store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-gyun"])],
            "vandal",
            "Rename",
        )
        .await
        .unwrap();
    store
        .revert(change.change_id.unwrap(), "alice")
        .await
        .unwrap();
    assert_eq!(
        store
            .get(EntityKind::Person, &id("kim-tae-kyun"))
            .await
            .unwrap()
            .label(),
        "Kim Tae-kyun"
    );
    let history = store
        .history(EntityKind::Person, &id("kim-tae-kyun"))
        .await
        .unwrap();
    assert_eq!(history[0].reverts, change.change_id);
}

async fn reverting_a_creation_that_others_now_use_is_refused(backend: Backend) {
    let (_db, store) = backend.store().await;
    let created = store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun"])],
            "alice",
            "Add",
        )
        .await
        .unwrap();
    store
        .put(
            vec![film_with_director(
                "crossing-2008",
                "Crossing",
                "kim-tae-kyun",
            )],
            "alice",
            "Film",
        )
        .await
        .unwrap();
    let error = store
        .revert(created.change_id.unwrap(), "bob")
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("film `crossing-2008` now refers to it"),
        "{error}"
    );
}

async fn a_revert_is_refused_when_a_later_change_touched_the_entity(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(vec![person("p", &["A"])], "alice", "Add")
        .await
        .unwrap();
    let first = store
        .put(vec![person("p", &["B"])], "alice", "B")
        .await
        .unwrap();
    let second = store
        .put(vec![person("p", &["C"])], "alice", "C")
        .await
        .unwrap();
    let error = store
        .revert(first.change_id.unwrap(), "alice")
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains(&format!("by change #{}", second.change_id.unwrap())),
        "{error}"
    );
}

async fn a_merge_moves_names_rewrites_references_and_leaves_a_redirect(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(
            vec![
                person("kim-tae-kyun", &["Kim Tae-kyun"]),
                person("kim-tae-gyoon", &["Kim Tae-gyoon"]),
                film_with_director("crossing-2008", "Crossing", "kim-tae-gyoon"),
            ],
            "alice",
            "Add",
        )
        .await
        .unwrap();
    let change = store
        .merge(
            EntityKind::Person,
            &id("kim-tae-gyoon"),
            &id("kim-tae-kyun"),
            "alice",
        )
        .await
        .unwrap();

    let survivor = store
        .get(EntityKind::Person, &id("kim-tae-kyun"))
        .await
        .unwrap();
    let names: Vec<String> = survivor
        .findable_names()
        .into_iter()
        .map(|name| name.text)
        .collect();
    assert_eq!(names, ["Kim Tae-kyun", "Kim Tae-gyoon"]);
    let Entity::Film(film) = store
        .get(EntityKind::Film, &id("crossing-2008"))
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(film.credits[0].person.id.as_str(), "kim-tae-kyun");
    assert!(matches!(
        store.lookup(EntityKind::Person, &id("kim-tae-gyoon")).await.unwrap(),
        Lookup::Redirect { to } if to.as_str() == "kim-tae-kyun"
    ));
    assert!(
        store
            .all_names(&[EntityKind::Person])
            .await
            .unwrap()
            .contains(&(
                EntityKind::Person,
                id("kim-tae-kyun"),
                "Kim Tae-gyoon".to_owned()
            )),
        "the merged name is found under the survivor"
    );

    // Undoing the merge brings both back as they were.
    store.revert(change, "alice").await.unwrap();
    let Entity::Film(film) = store
        .get(EntityKind::Film, &id("crossing-2008"))
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(film.credits[0].person.id.as_str(), "kim-tae-gyoon");
    assert_eq!(
        store
            .get(EntityKind::Person, &id("kim-tae-gyoon"))
            .await
            .unwrap()
            .label(),
        "Kim Tae-gyoon"
    );
}

async fn deleting_an_entity_still_referred_to_is_refused(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(
            vec![
                person("kim-tae-kyun", &["Kim Tae-kyun"]),
                film_with_director("crossing-2008", "Crossing", "kim-tae-kyun"),
            ],
            "a",
            "Add",
        )
        .await
        .unwrap();
    let error = store
        .delete(EntityKind::Person, &id("kim-tae-kyun"), "a", "Remove")
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("still referred to by film `crossing-2008`"),
        "{error}"
    );
    store
        .delete(EntityKind::Film, &id("crossing-2008"), "a", "Remove")
        .await
        .unwrap();
    store
        .delete(EntityKind::Person, &id("kim-tae-kyun"), "a", "Remove")
        .await
        .unwrap();
    assert!(matches!(
        store
            .lookup(EntityKind::Film, &id("crossing-2008"))
            .await
            .unwrap(),
        Lookup::Missing
    ));
}

async fn spellings_of_one_name_are_listed_as_possible_duplicates(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(
            vec![
                person("kim-tae-kyun", &["Kim Tae-kyun", "김태균"]),
                person("gim-tae-gyun", &["Gim Tae-gyun"]),
                person("kim-tae-sung", &["Kim Tae-sung"]),
            ],
            "a",
            "Add",
        )
        .await
        .unwrap();
    let grouped = |groups: Vec<crate::DuplicateGroup>| -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|group| {
                group
                    .entities
                    .iter()
                    .map(|(entity, _)| entity.id.to_string())
                    .collect()
            })
            .collect()
    };
    // Another romanization of the same name is a possible duplicate;
    // another name is not.
    assert_eq!(
        grouped(store.duplicates(None, 10).await.unwrap()),
        [["gim-tae-gyun", "kim-tae-kyun"]]
    );
    // A store made before the keys existed gets them when it is opened.
    sqlx::query("delete from entity_key")
        .execute(&store.pool)
        .await
        .unwrap();
    assert!(store.duplicates(None, 10).await.unwrap().is_empty());
    store.migrate().await.unwrap();
    assert_eq!(
        grouped(store.duplicates(None, 10).await.unwrap()),
        [["gim-tae-gyun", "kim-tae-kyun"]]
    );
    assert!(
        store
            .duplicates(Some(EntityKind::Film), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn concurrent_writers_of_one_entity_all_land_in_the_history(backend: Backend) {
    let (_db, store) = backend.store().await;
    store
        .put(vec![person("p", &["Start"])], "a", "Add")
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for writer in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let name = format!("Name {writer}");
            store
                .put(
                    vec![person("p", &[name.as_str()])],
                    &format!("writer-{writer}"),
                    "Rename",
                )
                .await
        }));
    }
    for task in tasks {
        task.await
            .unwrap()
            .expect("a write that loses a race is retried, not lost");
    }
    let history = store.history(EntityKind::Person, &id("p")).await.unwrap();
    assert_eq!(history.len(), 9, "every write is one edit");
    // Each edit's before is the state the previous edit left: no lost update.
    let mut previous: Option<serde_json::Value> = None;
    for entry in history.iter().rev() {
        let change = store.change(entry.change_id).await.unwrap();
        let edit = &change.edits[0];
        if let Some(previous) = &previous {
            assert_eq!(
                edit.before.as_ref(),
                Some(previous),
                "change #{}",
                entry.change_id
            );
        }
        previous = edit.after.clone();
    }
}

async fn replaying_every_change_rebuilds_the_catalog_and_its_history(backend: Backend) {
    let (_db, source) = backend.store().await;
    source
        .put(
            vec![
                person("kim-tae-kyun", &["Kim Tae-kyun"]),
                person("dup", &["Kim Tae-gyun"]),
            ],
            "a",
            "Add",
        )
        .await
        .unwrap();
    source
        .put(
            vec![film_with_director("crossing-2008", "Crossing", "dup")],
            "b",
            "Film",
        )
        .await
        .unwrap();
    let merge = source
        .merge(EntityKind::Person, &id("dup"), &id("kim-tae-kyun"), "c")
        .await
        .unwrap();
    source.revert(merge, "d").await.unwrap();

    // Copy to the other kind of store when it is there, else to the same kind.
    let target_backend = match backend {
        Backend::Sqlite => Backend::postgres_if_configured().unwrap_or(Backend::Sqlite),
        Backend::Postgres => Backend::Sqlite,
    };
    let (_target_db, target) = target_backend.store().await;
    for change in source.changes_after(0, 1000).await.unwrap() {
        target.replay(&change).await.unwrap();
    }
    target.renumber_after_copy().await.unwrap();
    assert_eq!(
        target.all_entities().await.unwrap(),
        source.all_entities().await.unwrap()
    );
    for change in 1..=4 {
        let a = source.change(change).await.unwrap();
        let b = target.change(change).await.unwrap();
        assert_eq!(
            (a.at, a.author, a.summary, a.reverts),
            (b.at, b.author, b.summary, b.reverts)
        );
        assert_eq!(
            serde_json::to_value(&a.edits).unwrap(),
            serde_json::to_value(&b.edits).unwrap()
        );
    }
    // New changes are numbered after the copied ones.
    let next = target
        .put(vec![person("new", &["New"])], "e", "After the copy")
        .await
        .unwrap();
    assert_eq!(next.change_id, Some(5));
    assert!(matches!(
        target.lookup(EntityKind::Person, &id("dup")).await.unwrap(),
        Lookup::Present { .. }
    ));
}

/// The last edit of an entity does not copy its document (the entity's row
/// is its state after); every earlier edit has its own. Checked through the
/// changes as readers see them, and in the table.
async fn every_edit_keeps_its_state_after_though_only_the_last_is_not_copied(backend: Backend) {
    let (_db, store) = backend.store().await;
    let names = |change: &ChangeRecord, index: usize| -> Vec<String> {
        change.edits[index].after.as_ref().unwrap()["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|name| name["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = store
        .put(
            vec![person("shin-myung-chul", &["Shin Myung-chul"])],
            "a",
            "1",
        )
        .await
        .unwrap()
        .change_id
        .unwrap();
    // One entity twice in one change: both edits are recorded.
    let second = store
        .put(
            vec![
                person("shin-myung-chul", &["Shin Myung-chul", "신명철"]),
                person("shin-myung-chul", &["Shin Myeong-cheol", "신명철"]),
            ],
            "b",
            "2",
        )
        .await
        .unwrap()
        .change_id
        .unwrap();
    let one = store.change(first).await.unwrap();
    assert_eq!(names(&one, 0), ["Shin Myung-chul"]);
    let two = store.change(second).await.unwrap();
    assert_eq!(two.edits.len(), 2);
    assert_eq!(names(&two, 0), ["Shin Myung-chul", "신명철"]);
    assert_eq!(names(&two, 1), ["Shin Myeong-cheol", "신명철"]);
    assert_eq!(two.edits[1].after.as_ref().unwrap()["type"], "person");

    // Merged away: the last edit's state after is the redirect.
    store
        .put(
            vec![person("shin-myoung-cheol", &["Shin Myoung-cheol"])],
            "c",
            "3",
        )
        .await
        .unwrap();
    let merge = store
        .merge(
            EntityKind::Person,
            &id("shin-myoung-cheol"),
            &id("shin-myung-chul"),
            "d",
        )
        .await
        .unwrap();
    let merged = store.change(merge).await.unwrap();
    let redirect = merged
        .edits
        .iter()
        .find(|edit| edit.entity_id == "shin-myoung-cheol")
        .unwrap();
    assert_eq!(
        redirect.after.as_ref().unwrap()["redirect_to"],
        "shin-myung-chul"
    );
    // The merge's edit of the survivor now has its own copy, and the
    // earlier ones kept theirs.
    assert_eq!(
        names(&store.change(second).await.unwrap(), 1),
        ["Shin Myeong-cheol", "신명철"]
    );

    let row = sqlx::query(
        "select count(*), sum(after_is_current), sum(case when after_state is null then 1 else 0 end) from edit",
    )
    .fetch_one(&store.pool)
    .await
    .unwrap();
    let (edits, current, without): (i64, i64, i64) = (
        row.try_get(0).unwrap(),
        row.try_get(1).unwrap(),
        row.try_get(2).unwrap(),
    );
    assert_eq!(edits, 6);
    assert_eq!((current, without), (2, 2), "one per entity: its last edit");
}

/// A process killed in the middle of a large write leaves its journal
/// behind: the next open copies it into the database first (on a
/// connection without the pool's wait), and nothing committed is lost.
#[tokio::test]
async fn a_large_journal_left_behind_is_copied_in_when_the_store_opens() {
    use sqlx::{ConnectOptions, Connection, Executor};
    let running = tempfile::tempdir().unwrap();
    let store = Store::open_dir(running.path()).await.unwrap();
    store
        .put(
            vec![person("kim-tae-kyun", &["Kim Tae-kyun"])],
            "alice",
            "Add",
        )
        .await
        .unwrap();
    // A large transaction whose journal is not copied into the database
    // (as an index build's, when the process is killed before it can be).
    let mut raw = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(running.path().join("kinora.db"))
        .connect()
        .await
        .unwrap();
    raw.execute(
        "pragma wal_autocheckpoint = 0; create table ballast (b blob); \
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 80) \
         insert into ballast select randomblob(1048576) from n",
    )
    .await
    .unwrap();
    // The files as a kill -9 leaves them: the journal still full.
    let crashed = tempfile::tempdir().unwrap();
    for name in ["kinora.db", "kinora.db-wal"] {
        std::fs::copy(running.path().join(name), crashed.path().join(name)).unwrap();
    }
    let journal = crashed.path().join("kinora.db-wal");
    assert!(std::fs::metadata(&journal).unwrap().len() > super::open::LEFT_JOURNAL_BYTES);

    let reopened = Store::open_dir(crashed.path()).await.unwrap();
    assert!(
        std::fs::metadata(&journal).map_or(0, |m| m.len()) < super::open::LEFT_JOURNAL_BYTES,
        "the journal was copied into the database"
    );
    let found = reopened
        .get(EntityKind::Person, &id("kim-tae-kyun"))
        .await
        .expect("what was committed before is there");
    assert_eq!(found.id().as_str(), "kim-tae-kyun");
    let row = sqlx::query("select count(*) from ballast")
        .fetch_one(&reopened.pool)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>(0), 80, "and so is the large write");
    raw.close().await.unwrap();
}
