//! Two editors who edit one entity from one state: no save writes over
//! another. Through the API (`base_change`), through the page's form (its
//! hidden base), at the same moment; and entities created through the API.

use axum::http::StatusCode;
use kinora_core::community::Role;
use kinora_core::{EntityId, EntityKind};
use serde_json::{Value, json};

use crate::common::*;
use crate::community::member;

on_both_stores!(
    the_second_of_two_api_edits_from_one_base_gets_409_with_the_entity_as_it_is_now,
    api_edits_of_different_claim_lists_from_one_base_are_merged,
    an_api_edit_without_a_base_replaces_the_entity_as_before,
    a_stale_save_from_the_form_shows_the_change_that_came_first_and_keeps_the_text,
    of_two_api_edits_sent_at_once_from_one_base_exactly_one_lands,
    an_editor_creates_an_entity_through_the_api,
    of_two_creations_of_one_id_sent_at_once_exactly_one_lands,
    an_api_edit_that_removes_sourced_facts_says_why,
);

const CROSSING: &str = "/api/v1/films/crossing-2008";

/// The film as the API gives it: its document and its base change.
async fn read(browser: &Browser<'_>) -> (Value, i64) {
    let response = browser.get(CROSSING).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let body = response.json();
    (
        body["entity"].clone(),
        body["base_change"].as_i64().unwrap(),
    )
}

fn with_title_note(document: &Value, note: &str) -> Value {
    let mut document = document.clone();
    document["titles"][0]["note"] = json!(note);
    document
}

fn with_runtime(document: &Value, minutes: u32) -> Value {
    let mut document = document.clone();
    document["runtimes"] = json!([{"minutes": minutes}]);
    document
}

async fn put(
    browser: &Browser<'_>,
    document: &Value,
    summary: &str,
    base: Option<i64>,
) -> TestResponse {
    let mut body = json!({"document": document, "summary": summary});
    if let Some(base) = base {
        body["base_change"] = json!(base);
    }
    browser.json("PUT", CROSSING, body).await
}

async fn history(app: &TestApp) -> Vec<kinora_store::HistoryEntry> {
    app.store
        .history(EntityKind::Film, &EntityId::parse("crossing-2008").unwrap())
        .await
        .unwrap()
}

async fn the_second_of_two_api_edits_from_one_base_gets_409_with_the_entity_as_it_is_now(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let erin = member(&app, "erin", Role::Editor).await;
    let (eddies, base) = read(&eddie).await;
    let (erins, erins_base) = read(&erin).await;
    assert_eq!(base, erins_base);
    assert_eq!(
        base,
        history(&app).await[0].change_id,
        "the base is the history's last change"
    );

    let first = put(
        &eddie,
        &with_title_note(&eddies, "Eddie's note"),
        "Eddie's note",
        Some(base),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let eddies_change = first.json()["change"].as_i64().unwrap();
    assert!(eddies_change > base);
    let changes = app.store.count_changes().await.unwrap();

    let second = put(
        &erin,
        &with_title_note(&erins, "Erin's note"),
        "Erin's note",
        Some(base),
    )
    .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    let body = second.json();
    assert_eq!(body["error"]["status"], 409);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("change #{eddies_change} by @eddie"))
            && message.contains("Eddie's note"),
        "{message}"
    );
    assert_eq!(body["base_change"], eddies_change);
    assert_eq!(body["entity"]["titles"][0]["note"], "Eddie's note");
    assert_eq!(body["changes_since"][0]["change"], eddies_change);
    assert_eq!(body["changes_since"][0]["author"], "@eddie");
    assert_eq!(body["changes_since"].as_array().unwrap().len(), 1);
    assert_eq!(body["overlap"], json!(["titles"]));
    // Nothing of the first is lost, and nothing of the second was saved.
    assert_eq!(app.store.count_changes().await.unwrap(), changes);
    let (now, now_base) = read(&erin).await;
    assert_eq!(now["titles"][0]["note"], "Eddie's note");
    assert_eq!(now_base, eddies_change);

    // From the entity as it is now, Erin's edit lands.
    let again = put(
        &erin,
        &with_title_note(&now, "Erin's note, after Eddie's"),
        "Erin's note",
        Some(now_base),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let erins_change = again.json()["change"].as_i64().unwrap();
    assert_eq!(read(&erin).await.1, erins_change);
    let log = history(&app).await;
    assert_eq!(
        (log[0].change_id, log[1].change_id),
        (erins_change, eddies_change)
    );

    // An edit that would change nothing is no conflict, whatever its base.
    let (now, _) = read(&eddie).await;
    let unchanged = put(&eddie, &now, "nothing", Some(base)).await;
    assert_eq!(unchanged.status, StatusCode::OK, "{}", unchanged.body);
    assert_eq!(unchanged.json()["change"], Value::Null);
}

async fn api_edits_of_different_claim_lists_from_one_base_are_merged(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let erin = member(&app, "erin", Role::Editor).await;
    let (document, base) = read(&eddie).await;
    let first = put(
        &eddie,
        &with_title_note(&document, "Eddie's note"),
        "A note",
        Some(base),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let eddies_change = first.json()["change"].as_i64().unwrap();
    let second = put(
        &erin,
        &with_runtime(&document, 113),
        "The runtime",
        Some(base),
    )
    .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let saved = second.json();
    assert_eq!(saved["merged_with"], json!([eddies_change]));
    let (now, now_base) = read(&eddie).await;
    assert_eq!(
        now["titles"][0]["note"], "Eddie's note",
        "the first edit stays"
    );
    assert_eq!(now["runtimes"][0]["minutes"], 113, "the second edit lands");
    assert_eq!(now_base, saved["change"].as_i64().unwrap());
    // The history says each edit's before and after: the merged edit's
    // before is the first edit's after.
    let change = app.get(&format!("/api/v1/changes/{now_base}")).await.json();
    assert_eq!(
        change["edits"][0]["before"]["titles"][0]["note"],
        "Eddie's note"
    );
}

async fn an_api_edit_without_a_base_replaces_the_entity_as_before(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let (document, base) = read(&eddie).await;
    let first = put(
        &eddie,
        &with_title_note(&document, "one"),
        "one",
        Some(base),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let last_wins = put(&eddie, &with_title_note(&document, "two"), "two", None).await;
    assert_eq!(last_wins.status, StatusCode::OK, "{}", last_wins.body);
    assert_eq!(read(&eddie).await.0["titles"][0]["note"], "two");
    // The OpenAPI document says so.
    let openapi = app.get("/api/openapi.json").await.json();
    let schema = &openapi["components"]["schemas"]["ApiEdit"]["properties"]["base_change"];
    assert!(
        schema["description"]
            .as_str()
            .unwrap()
            .contains("last write wins"),
        "{schema}"
    );
    let put = &openapi["paths"]["/api/v1/{kind}/{id}"]["put"]["responses"];
    assert!(put["409"].is_object(), "{put}");
    let get = &openapi["components"]["schemas"]["EntityResponse"]["properties"];
    assert!(get["base_change"].is_object(), "{get}");
}

/// The page's form: its document, its hidden base and its other fields.
async fn edit_form(browser: &Browser<'_>) -> (String, String) {
    let page = browser.get("/films/crossing-2008/edit").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    form_of(&page)
}

fn form_of(page: &TestResponse) -> (String, String) {
    let html = page.html();
    let document = text(&select(&html, "textarea[name=document]")[0]);
    let base = select(&html, "input[type=hidden][name=base_change]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    (document, base)
}

async fn a_stale_save_from_the_form_shows_the_change_that_came_first_and_keeps_the_text(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let erin = member(&app, "erin", Role::Editor).await;
    let (eddies, eddies_base) = edit_form(&eddie).await;
    let (erins, erins_base) = edit_form(&erin).await;
    assert_eq!(eddies_base, erins_base);
    assert_eq!(eddies_base, history(&app).await[0].change_id.to_string());

    let note = |document: &str, note: &str| {
        with_title_note(&serde_json::from_str(document).unwrap(), note).to_string()
    };
    let saved = eddie
        .post_form(
            "/films/crossing-2008/edit",
            &[
                ("document", &note(&eddies, "Eddie's note")),
                ("summary", "Checked the title"),
                ("base_change", &eddies_base),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let eddies_change = history(&app).await[0].change_id;
    let changes = app.store.count_changes().await.unwrap();

    let erins_text = note(&erins, "Erin's note");
    let stale = erin
        .post_form(
            "/films/crossing-2008/edit",
            &[
                ("document", &erins_text),
                ("summary", "Another note"),
                ("base_change", &erins_base),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let html = stale.html();
    let alert = text(&select(&html, ".conflict[role=alert]")[0]);
    assert!(
        alert.contains(&format!(
            "Someone changed this film while you were editing: change #{eddies_change} by @eddie, “Checked the title”"
        )),
        "{alert}"
    );
    assert_eq!(
        select(&html, ".conflict a")[0].value().attr("href"),
        Some(format!("/changes/{eddies_change}").as_str())
    );
    // Erin's text is kept, the film as it is now is shown beside it, and
    // nothing was saved.
    let (kept, new_base) = form_of(&stale);
    assert_eq!(kept, erins_text);
    assert_eq!(new_base, eddies_change.to_string());
    assert!(text(&select(&html, "details.current pre")[0]).contains("Eddie's note"));
    assert_eq!(app.store.count_changes().await.unwrap(), changes);
    let summary = select(&html, "input[name=summary]")[0]
        .value()
        .attr("value");
    assert_eq!(summary, Some("Another note"));

    // Saved again, knowing what came first: it lands.
    let again = erin
        .post_form(
            "/films/crossing-2008/edit",
            &[
                ("document", &kept),
                ("summary", "Another note"),
                ("base_change", &new_base),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(history(&app).await[0].author, "@erin");

    // A form without its base is refused, naming the field.
    let (document, _) = edit_form(&erin).await;
    let baseless = erin
        .post_form(
            "/films/crossing-2008/edit",
            &[("document", &note(&document, "x")), ("summary", "x")],
        )
        .await;
    assert_eq!(baseless.status, StatusCode::BAD_REQUEST);
    assert!(baseless.body.contains("base_change"), "{}", baseless.body);
}

async fn of_two_api_edits_sent_at_once_from_one_base_exactly_one_lands(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let erin = member(&app, "erin", Role::Editor).await;
    let (document, base) = read(&eddie).await;
    let eddies = with_title_note(&document, "Eddie's note");
    let erins = with_title_note(&document, "Erin's note");
    let (a, b) = tokio::join!(
        put(&eddie, &eddies, "Eddie's", Some(base)),
        put(&erin, &erins, "Erin's", Some(base)),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{}\n{}", a.body, b.body);
    let winner = if a.status == StatusCode::OK {
        &eddies
    } else {
        &erins
    };
    assert_eq!(read(&eddie).await.0, *winner);
    assert_eq!(
        history(&app).await[1].change_id,
        base,
        "one edit after the base"
    );
}

fn new_film(id: &str) -> Value {
    json!({
        "id": id,
        "titles": [{"text": "A New Film", "kind": "original", "sources": [{"source": "kofic-2008-05-06"}]}],
        "credits": [{"person": "kim-tae-kyun", "department": "directing", "job": "Director"}]
    })
}

async fn create(browser: &Browser<'_>, document: Value) -> TestResponse {
    browser
        .json(
            "POST",
            "/api/v1/films",
            json!({"document": document, "summary": "A new film"}),
        )
        .await
}

async fn an_editor_creates_an_entity_through_the_api(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mia = member(&app, "mia", Role::Member).await;
    assert_eq!(
        create(&mia, new_film("a-new-film")).await.status,
        StatusCode::FORBIDDEN
    );
    let eddie = member(&app, "eddie", Role::Editor).await;
    let created = create(&eddie, new_film("a-new-film")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        created.location.as_deref(),
        Some("/api/v1/films/a-new-film")
    );
    let body = created.json();
    assert_eq!(
        (body["kind"].as_str(), body["id"].as_str()),
        (Some("film"), Some("a-new-film"))
    );
    assert_eq!(body["url"], "/films/a-new-film");
    let read = app.get("/api/v1/films/a-new-film").await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["base_change"], body["change"]);
    assert_eq!(read.json()["entity"]["titles"][0]["text"], "A New Film");
    let page = app.get("/films/a-new-film").await;
    assert!(page.body.contains("A New Film"));
    let log = app
        .store
        .history(EntityKind::Film, &EntityId::parse("a-new-film").unwrap())
        .await
        .unwrap();
    assert_eq!(
        (log[0].author.as_str(), log[0].action.as_str()),
        ("@eddie", "create")
    );

    // The id exists: 409 with the entity, and nothing written.
    let changes = app.store.count_changes().await.unwrap();
    let mut again = new_film("a-new-film");
    again["titles"][0]["text"] = json!("Another Film");
    let taken = create(&eddie, again).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    let body = taken.json();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("exists already")
    );
    assert_eq!(body["entity"]["titles"][0]["text"], "A New Film");
    assert_eq!(
        create(&eddie, new_film("crossing-2008")).await.status,
        StatusCode::CONFLICT
    );

    // A bad document is a 400 naming the field; so is a reference to an
    // entity that does not exist, or a document of another kind.
    let mut bad_title = new_film("bad-title");
    bad_title["titles"][0]["kind"] = json!("nickname");
    let mut no_such_person = new_film("no-such-person");
    no_such_person["credits"][0]["person"] = json!("nobody-at-all");
    let mut bad_id = new_film("x");
    bad_id["id"] = json!("Not An Id");
    let mut person = new_film("a-person");
    person["type"] = json!("person");
    let cases = [
        (bad_title, "titles[0].kind"),
        (no_such_person, "refers to person `nobody-at-all`"),
        (bad_id, "id"),
        (person, "type"),
    ];
    for (document, expected) in cases {
        let response = create(&eddie, document).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{expected}: {}",
            response.body
        );
        let message = response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains(expected), "{expected}: {message}");
    }
    let no_summary = eddie
        .json(
            "POST",
            "/api/v1/films",
            json!({"document": new_film("no-summary"), "summary": " "}),
        )
        .await;
    assert_eq!(no_summary.status, StatusCode::BAD_REQUEST);
    assert!(no_summary.body.contains("summary"), "{}", no_summary.body);
    let nowhere = eddie
        .json(
            "POST",
            "/api/v1/flims",
            json!({"document": new_film("nowhere"), "summary": "x"}),
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_eq!(app.store.count_changes().await.unwrap(), changes);
}

async fn of_two_creations_of_one_id_sent_at_once_exactly_one_lands(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let erin = member(&app, "erin", Role::Editor).await;
    let mut erins = new_film("twice");
    erins["titles"][0]["text"] = json!("Erin's Film");
    let (a, b) = tokio::join!(create(&eddie, new_film("twice")), create(&erin, erins));
    eprintln!(
        "DEBUG {:?}",
        app.store
            .history(EntityKind::Film, &EntityId::parse("twice").unwrap())
            .await
            .unwrap()
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{}\n{}", a.body, b.body);
    let log = app
        .store
        .history(EntityKind::Film, &EntityId::parse("twice").unwrap())
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "one creation: {log:?}");
}

/// Dropping facts that cite sources from a document is refused until the
/// edit says why; the reason is kept in the history with the summary.
async fn an_api_edit_that_removes_sourced_facts_says_why(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let (document, base) = read(&eddie).await;
    let mut fewer = document.clone();
    let credits = fewer["credits"].as_array().unwrap().len();
    assert!(credits > 2);
    fewer["credits"] = json!(fewer["credits"].as_array().unwrap()[..credits - 2]);
    let refused = put(&eddie, &fewer, "trim the credits", Some(base)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let message = refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("removes 2 facts that cite sources")
            && message.contains(&format!("credits[{}]", credits - 1)),
        "{message}"
    );
    assert_eq!(read(&eddie).await.0, document, "nothing was saved");
    let mut body = json!({"document": fewer, "summary": "trim the credits", "base_change": base});
    body["reason"] = json!("both are of the 2009 remake");
    let saved = eddie.json("PUT", CROSSING, body).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        history(&app).await[0].summary,
        "trim the credits (removes sourced facts: both are of the 2009 remake)"
    );
    // A value edited with its citations kept asks for nothing.
    let (now, base) = read(&eddie).await;
    let edited = with_title_note(&now, "a note");
    assert_eq!(
        put(&eddie, &edited, "a note", Some(base)).await.status,
        StatusCode::OK
    );
}
