//! One claim at a time through the JSON API: added, changed and removed
//! from the `base_change` the entity was read with, each checked as the
//! claim forms check it; a member's edit is a proposal.

use axum::http::StatusCode;
use kinora_core::community::Role;
use serde_json::{Value, json};

use crate::common::*;
use crate::community::member;

on_both_stores!(an_editor_edits_one_claim_at_a_time_through_the_api);

const CROSSING: &str = "/api/v1/films/crossing-2008";

async fn read(browser: &Browser<'_>) -> (Value, i64) {
    let body = browser.get(CROSSING).await.json();
    (
        body["entity"].clone(),
        body["base_change"].as_i64().unwrap(),
    )
}

fn release(date: &str) -> Value {
    json!({"kind": "festival", "country": "KR", "date": date,
           "sources": [{"source": "kofic-2008-05-06", "quote": "screened"}]})
}

async fn an_editor_edits_one_claim_at_a_time_through_the_api(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let ed = member(&app, "ed", Role::Editor).await;
    let (before, base) = read(&ed).await;
    let releases = before["releases"].as_array().unwrap().len();
    let url = format!("{CROSSING}/claims/releases");

    // Refused, naming the field, nothing saved: a bad country, no source.
    let mut bad = release("2008-10-05");
    bad["country"] = json!("Narnia");
    let refused = ed
        .json(
            "POST",
            &url,
            json!({"claim": bad, "summary": "s", "base_change": base}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let message = refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.starts_with("claim.country: "), "{message}");
    let mut unsourced = release("2008-10-05");
    unsourced.as_object_mut().unwrap().remove("sources");
    let refused = ed
        .json(
            "POST",
            &url,
            json!({"claim": unsourced, "summary": "s", "base_change": base}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .body
            .contains("claim.sources[0].source: Cite the source"),
        "{}",
        refused.body
    );
    assert_eq!(read(&ed).await.0, before);

    // Added.
    let added = ed
        .json(
            "POST",
            &url,
            json!({"claim": release("2008-10-05"), "summary": "Busan", "base_change": base}),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let change = added.json()["change"].as_i64().unwrap();
    let (now, base2) = read(&ed).await;
    assert_eq!(base2, change);
    assert_eq!(now["releases"].as_array().unwrap().len(), releases + 1);
    assert_eq!(now["releases"][releases]["date"], "2008-10-05");

    // A second edit of the same list from the first base: 409 with the
    // film as it is now, nothing saved.
    let stale = ed
        .json(
            "PUT",
            &format!("{url}/{releases}"),
            json!({"claim": release("2008-10-06"), "summary": "s", "base_change": base}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(stale.json()["base_change"], change);
    assert_eq!(read(&ed).await.0, now);

    // Changed from the current base.
    let changed = ed
        .json("PUT", &format!("{url}/{releases}"), json!({"claim": release("2008-10-06"), "summary": "the day after", "base_change": base2}))
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let (now, base3) = read(&ed).await;
    assert_eq!(now["releases"][releases]["date"], "2008-10-06");

    // Removed: a sourced fact only with a reason.
    let unreasoned = ed
        .json(
            "DELETE",
            &format!("{url}/{releases}"),
            json!({"summary": "gone", "base_change": base3}),
        )
        .await;
    assert_eq!(unreasoned.status, StatusCode::BAD_REQUEST);
    assert!(unreasoned.body.contains("reason: "), "{}", unreasoned.body);
    let removed = ed
        .json(
            "DELETE",
            &format!("{url}/{releases}"),
            json!({"summary": "gone", "reason": "it was the 2009 festival", "base_change": base3}),
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert_eq!(read(&ed).await.0["releases"], before["releases"]);

    // A member's is a proposal: 202, nothing changed yet, listed as open.
    let mia = member(&app, "mia", Role::Member).await;
    let (_, base4) = read(&mia).await;
    let proposed = mia
        .json(
            "POST",
            &url,
            json!({"claim": release("2008-10-07"), "summary": "a member's", "base_change": base4}),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::ACCEPTED, "{}", proposed.body);
    let number = proposed.json()["proposal"].as_i64().unwrap();
    assert_eq!(read(&mia).await.0["releases"], before["releases"]);
    let queue = app.get("/edits/open").await.body;
    assert!(queue.contains(&format!("proposal-{number}")), "{queue}");

    // In the OpenAPI document.
    let openapi = app.get("/api/openapi.json").await.json();
    let paths = &openapi["paths"];
    assert!(paths["/api/v1/{kind}/{id}/claims/{list}"]["post"].is_object());
    assert!(paths["/api/v1/{kind}/{id}/claims/{list}/{index}"]["put"].is_object());
    assert!(
        paths["/api/v1/{kind}/{id}/claims/{list}/{index}"]["delete"]["responses"]["409"]
            .is_object()
    );
}
