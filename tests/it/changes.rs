//! A change and an entity's history as a reader sees them: the claims an
//! edit touched, a one-word edit as one changed line with its word marked,
//! and each edit of a history said in a line.

use axum::http::StatusCode;
use kinora_core::community::Role;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};

use crate::common::{Backend, TestApp, select, text};
use crate::community::member;

fn id(text: &str) -> EntityId {
    EntityId::parse(text).unwrap()
}

async fn crossing(app: &TestApp) -> serde_json::Value {
    let entity = app
        .store
        .get(EntityKind::Film, &id("crossing-2008"))
        .await
        .unwrap();
    serde_json::to_value(entity).unwrap()
}

async fn put(app: &TestApp, document: serde_json::Value, summary: &str) -> i64 {
    let entity: Entity = serde_json::from_value(document).unwrap();
    app.store
        .put(vec![entity], "@erin", summary)
        .await
        .unwrap()
        .change_id
        .unwrap()
}

/// The texts of the elements a selector picks, in order.
fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    select(html, selector).iter().map(text).collect()
}

async fn a_one_word_edit_is_one_changed_line_with_its_word_marked(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mut film = crossing(&app).await;
    assert_eq!(film["titles"][0]["text"], "Crossing");
    film["titles"][0]["text"] = "Crossing!".into();
    let change = put(&app, film, "An exclamation mark").await;

    let page = app.get(&format!("/changes/{change}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    // One changed line, nothing added or removed.
    let changed = select(&html, "ul.claims li.changed");
    assert_eq!(changed.len(), 1, "{}", page.body);
    assert!(select(&html, "ul.claims li.added, ul.claims li.removed").is_empty());
    // The old word struck out on the old side, the new one on the new side.
    assert_eq!(texts(&html, ".pair .old del.word"), ["Crossing"]);
    assert_eq!(texts(&html, ".pair .new ins.word"), ["Crossing!"]);
    assert!(select(&html, ".pair .old ins, .pair .new del").is_empty());
    let old = text(&select(&html, ".pair .old")[0]);
    assert!(old.contains("English title"), "{old}");
    // Under the list's heading, with the others counted, not shown.
    assert_eq!(texts(&html, "div.claims h3"), ["Titles 1 changed"]);
    let quiet = texts(&html, "section.edit p.quiet").join(" | ");
    assert!(quiet.contains("other title unchanged"), "{quiet}");
    assert!(quiet.contains("facts in other lists unchanged"), "{quiet}");
    // Its sources, by title, linked to their pages.
    let sources: Vec<String> = select(&html, "li.changed div.sources a")
        .iter()
        .filter_map(|link| link.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        sources.contains(&"/sources/kbs-world-2008-03-06".to_owned()),
        "{sources:?}"
    );
    assert!(
        !page
            .body
            .contains("/sources/kbs-world-2008-03-06\">kbs-world")
    );
    // The documents and the JSON stay a click away.
    assert_eq!(select(&html, "details.documents").len(), 1);
    assert!(
        page.body
            .contains(&format!("href=\"/api/v1/changes/{change}\""))
    );

    let history = app.get("/films/crossing-2008/history").await.html();
    let lines = texts(&history, "ol.history a.what");
    assert_eq!(lines[0], "Title changed", "{lines:?}");
    let first = text(&select(&history, "ol.history li")[0]);
    assert!(
        first.contains("“An exclamation mark”") && first.contains("@erin"),
        "{first}"
    );
    assert!(
        lines.last().unwrap().starts_with("Created with"),
        "{lines:?}"
    );
    // Older edits a page at a time: those before a change.
    let older = app
        .get(&format!("/films/crossing-2008/history?before={change}"))
        .await
        .html();
    let older = texts(&older, "ol.history a.what");
    assert_eq!(older.len(), lines.len() - 1, "{older:?}");
    assert!(older[0].starts_with("Created with"), "{older:?}");
}

async fn a_claim_added_shows_as_added_and_the_history_says_so(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mut film = crossing(&app).await;
    film["releases"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "kind": "theatrical", "country": "FR", "date": "2009-03-04",
            "sources": [{"source": "kofic-2008-05-06"}]
        }));
    film["titles"][0]["note"] = "as on the poster".into();
    let change = put(&app, film, "The French release").await;

    let page = app.get(&format!("/changes/{change}")).await;
    let html = page.html();
    let added = texts(&html, "ul.claims li.added");
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(
        added[0].contains("France") && added[0].contains("4 March 2009"),
        "{added:?}"
    );
    assert!(
        added[0].contains("Crossing Screens at US Library of Congress"),
        "{added:?}"
    );
    // The note is the title's one change: its value is not shown twice.
    let changed = texts(&html, "ul.claims li.changed");
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(select(&html, "li.changed .pair").is_empty());
    assert_eq!(
        texts(&html, "li.changed p.note-change ins.word"),
        ["as on the poster"]
    );

    let history = app.get("/films/crossing-2008/history").await.html();
    assert_eq!(
        texts(&history, "ol.history a.what")[0],
        "Title changed; 1 release added"
    );
}

async fn a_note_edited_in_the_editor_form_is_one_changed_line(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let mut film = crossing(&app).await;
    film["titles"][1]["note"] = "the poster's spelling".into();
    let base = app
        .store
        .last_change_of(
            kinora_core::EntityKind::Film,
            &kinora_core::EntityId::parse("crossing-2008").unwrap(),
        )
        .await
        .unwrap();
    let saved = eddie
        .post_form(
            "/films/crossing-2008/edit",
            &[
                ("document", &film.to_string()),
                ("summary", "A note"),
                ("base_change", &base.to_string()),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let history = app.get("/films/crossing-2008/history").await.html();
    assert_eq!(texts(&history, "ol.history a.what")[0], "Title changed");
    let link = select(&history, "ol.history a.what")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let html = app.get(&link).await.html();
    assert_eq!(select(&html, "ul.claims li.changed").len(), 1);
    assert_eq!(
        texts(&html, "li.changed p.note-change ins.word"),
        ["the poster's spelling"]
    );
    assert_eq!(
        texts(&html, "li.changed .value"),
        ["크로싱 · original title · ko · Hangul"]
    );
}

async fn created_deleted_and_merged_entities_are_said_in_words(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let created = put(
        &app,
        serde_json::json!({
            "type": "person", "id": "kim-tae-gyoon-dup",
            "names": [
                {"text": "Kim Tae-gyoon", "kind": "primary"},
                {"text": "Kim Tae-gyoon (director)", "kind": "alias"},
                {"text": "김태균", "kind": "alias"},
                {"text": "Gim Tae-gyun", "kind": "alias"}
            ],
            "occupations": [{"occupation": "film director"}]
        }),
        "Add a duplicate",
    )
    .await;
    let html = app.get(&format!("/changes/{created}")).await.html();
    assert_eq!(texts(&html, "section.edit h2 .action"), ["Added"]);
    // The first names shown, the rest a click away.
    assert_eq!(
        select(&html, "div.claims > ul.claims > li.added").len(),
        4,
        "{:?}",
        texts(&html, "li")
    );
    assert_eq!(texts(&html, "details.more summary"), ["1 more"]);
    let said = texts(&html, "section.edit p.quiet").join(" ");
    assert!(
        said.contains("Created with 4 names and 1 occupation"),
        "{said}"
    );

    let merge = app
        .store
        .merge(
            EntityKind::Person,
            &id("kim-tae-gyoon-dup"),
            &id("kim-tae-kyun"),
            "@dana",
        )
        .await
        .unwrap();
    let page = app.get(&format!("/changes/{merge}")).await;
    let html = page.html();
    let merged = texts(&html, "p.merged");
    assert_eq!(merged.len(), 1, "{}", page.body);
    assert!(
        merged[0].starts_with("Merged into Kim Tae-kyun"),
        "{merged:?}"
    );
    let history = app.get("/people/kim-tae-gyoon-dup/history").await.html();
    assert_eq!(
        texts(&history, "ol.history a.what"),
        [
            "Merged into Kim Tae-kyun",
            "Created with 4 names and 1 occupation"
        ]
    );
}

on_both_stores!(
    a_one_word_edit_is_one_changed_line_with_its_word_marked,
    a_claim_added_shows_as_added_and_the_history_says_so,
    a_note_edited_in_the_editor_form_is_one_changed_line,
    created_deleted_and_merged_entities_are_said_in_words,
);
