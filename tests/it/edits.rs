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

on_both_stores!(
    a_merged_person_redirects_to_the_survivor_on_pages_and_in_the_api,
    an_edit_shows_in_the_history_and_a_revert_undoes_it,
);
