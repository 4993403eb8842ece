//! Edits, reverts and merges as a reader of the site sees them.

use axum::http::StatusCode;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};

use crate::common::{Backend, TestApp};

fn id(text: &str) -> EntityId {
    EntityId::parse(text).unwrap()
}

async fn a_merged_person_redirects_to_the_survivor_on_pages_and_in_the_api(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let duplicate: Entity = serde_json::from_value(serde_json::json!({
        "type": "person", "id": "kim-tae-gyoon-dup",
        "names": [{"text": "Kim Tae-gyoon", "kind": "primary"}, {"text": "Kim Tae-gyoon (director)", "kind": "alias"}]
    }))
    .unwrap();
    app.store
        .put(vec![duplicate], "dana", "Add a duplicate")
        .await
        .unwrap();
    app.store
        .merge(
            EntityKind::Person,
            &id("kim-tae-gyoon-dup"),
            &id("kim-tae-kyun"),
            "dana",
        )
        .await
        .unwrap();

    let page = app.get("/people/kim-tae-gyoon-dup").await;
    assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(page.location.as_deref(), Some("/people/kim-tae-kyun"));
    let api = app.get("/api/v1/people/kim-tae-gyoon-dup").await;
    assert_eq!(api.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(api.location.as_deref(), Some("/api/v1/people/kim-tae-kyun"));
    // The survivor gained the duplicate's extra name, and keeps its own display name.
    let survivor = app.get("/people/kim-tae-kyun").await;
    assert!(survivor.body.contains("Kim Tae-gyoon (director)"));
    assert!(survivor.body.contains("<h1>Kim Tae-kyun</h1>"));
}

async fn an_edit_shows_in_the_history_and_a_revert_undoes_it(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let Entity::Film(mut film) = app
        .store
        .get(EntityKind::Film, &id("crossing-2008"))
        .await
        .unwrap()
    else {
        panic!("Crossing is a film")
    };
    film.runtimes.clear();
    film.runtimes
        .push(serde_json::from_value(serde_json::json!({"minutes": 107})).unwrap());
    let report = app
        .store
        .put(vec![Entity::Film(film)], "erin", "Add the runtime")
        .await
        .unwrap();
    assert!(
        app.get("/films/crossing-2008")
            .await
            .body
            .contains("107 min")
    );

    let history = app.get("/films/crossing-2008/history").await;
    assert!(history.body.contains("erin") && history.body.contains("Add the runtime"));
    let change = app
        .get(&format!("/api/v1/changes/{}", report.change_id.unwrap()))
        .await
        .json();
    assert_eq!(change["edits"][0]["after"]["runtimes"][0]["minutes"], 107);

    app.store
        .revert(report.change_id.unwrap(), "erin")
        .await
        .unwrap();
    assert!(
        !app.get("/films/crossing-2008")
            .await
            .body
            .contains("107 min")
    );
    let history = app.get("/api/v1/films/crossing-2008/history").await.json();
    assert_eq!(history["edits"][0]["reverts"], report.change_id.unwrap());
}

/// A batch big enough to be loaded in bulk (COPY on PostgreSQL) keeps every
/// character of its documents, its links and its history, and a second
/// batch over the same entities replaces them.
async fn a_large_batch_keeps_every_character_and_link(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let text = "Tab\there, a new\nline, a back\\slash \\N, 크로싱 \"quoted\"";
    let films = |note: &str| -> Vec<Entity> {
        (0..150)
            .map(|n| {
                serde_json::from_value(serde_json::json!({
                    "type": "film", "id": format!("bulk-{n}"),
                    "titles": [{"text": format!("{text} #{n} {note}"), "kind": "original"}],
                    "credits": [{"person": "kim-tae-kyun", "department": "directing", "job": "Director"}]
                }))
                .unwrap()
            })
            .collect()
    };
    let first = app
        .store
        .put(films("one"), "dana", "Many films")
        .await
        .unwrap();
    assert_eq!(first.created, 150);
    let film = app
        .store
        .get(EntityKind::Film, &id("bulk-149"))
        .await
        .unwrap();
    assert_eq!(film.label(), format!("{text} #149 one"));
    let second = app
        .store
        .put(films("two"), "dana", "The same films again")
        .await
        .unwrap();
    assert_eq!(second.updated, 150);
    let film = app
        .store
        .get(EntityKind::Film, &id("bulk-7"))
        .await
        .unwrap();
    assert_eq!(film.label(), format!("{text} #7 two"));
    // Linked: Kim Tae-kyun's page lists them, and he cannot be deleted.
    let page = app.get("/people/kim-tae-kyun").await;
    assert!(page.body.contains("bulk-42"), "bulk-42 is not on his page");
    let refused = app
        .store
        .delete(
            EntityKind::Person,
            &id("kim-tae-kyun"),
            "dana",
            "Remove him",
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("kim-tae-kyun"), "{refused}");
    // The history has both edits, the first one's state written out.
    let history = app.get("/api/v1/films/bulk-7/history").await.json();
    let edits = history["edits"].as_array().or(history.as_array()).unwrap();
    assert_eq!(edits.len(), 2, "{history}");
}

on_both_stores!(
    a_large_batch_keeps_every_character_and_link,
    a_merged_person_redirects_to_the_survivor_on_pages_and_in_the_api,
    an_edit_shows_in_the_history_and_a_revert_undoes_it,
);
