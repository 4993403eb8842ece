//! The plain search: every entity reachable under every name the seeds give it.

use crate::common::{Backend, TestApp};

async fn first_hit(app: &TestApp, query: &str, kind: Option<&str>) -> Option<String> {
    let kind = kind.map(|kind| format!("&kind={kind}")).unwrap_or_default();
    let encoded: String = query
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let response = app
        .get(&format!("/api/v1/search?q={encoded}{kind}"))
        .await
        .json();
    response["hits"]
        .as_array()
        .unwrap()
        .first()
        .map(|hit| hit["id"].as_str().unwrap().to_owned())
}

async fn the_director_is_found_under_every_spelling_in_the_seed_pages(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for spelling in [
        "Kim Tae-gyun",
        "Kim Tae-kyun",
        "Kim Tae Gyoon",
        "Kim Tae-gyoon",
        "KIM Tae-kyun",
        "김태균",
        "kim taegyoon",
    ] {
        assert_eq!(
            first_hit(&app, spelling, None).await.as_deref(),
            Some("kim-tae-kyun"),
            "{spelling}"
        );
    }
}

async fn the_boy_actor_and_the_films_are_found_under_their_spellings_and_titles(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for (query, expected) in [
        ("Shin Myung-chul", "shin-myung-chul"),
        ("Shin Myeong-cheol", "shin-myung-chul"),
        ("SHIN Myoung-cheol", "shin-myung-chul"),
        ("신명철", "shin-myung-chul"),
        ("Cha In Pyo", "cha-in-pyo"),
        ("차인표", "cha-in-pyo"),
        ("크로싱", "crossing-2008"),
        ("Whasan High School", "volcano-high-2001"),
        ("Volcano High", "volcano-high-2001"),
        ("The Defector", "the-defector-escape-from-north-korea"),
        ("김태성", "kim-tae-seong"),
    ] {
        assert_eq!(
            first_hit(&app, query, None).await.as_deref(),
            Some(expected),
            "{query}"
        );
    }
}

async fn search_filters_by_kind_and_prefers_exact_matches(backend: Backend) {
    let app = TestApp::demo(backend).await;
    assert_eq!(
        first_hit(&app, "Crossing", Some("film")).await.as_deref(),
        Some("crossing-2008")
    );
    assert_eq!(
        first_hit(&app, "Crossing", Some("company"))
            .await
            .as_deref(),
        Some("crossing-borders")
    );
    assert_eq!(
        first_hit(&app, "Vantage", None).await.as_deref(),
        Some("vantage-holdings")
    );
    let response = app.get("/api/v1/search?q=Cross").await.json();
    let hit = &response["hits"][0];
    assert!(hit.get("kind").is_some() && hit.get("name").is_some() && hit.get("matched").is_some());
    let bad = app.get("/api/v1/search?q=x&kind=spaceship").await;
    assert_eq!(bad.status, axum::http::StatusCode::BAD_REQUEST);
}

async fn the_search_page_groups_hits_by_kind(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = app.get("/search?q=Kim").await;
    assert!(page.body.contains("<h2>People</h2>"));
    assert!(page.body.contains("/people/kim-tae-kyun"));
    // McCune–Reischauer, with its breves and apostrophes.
    let page = app.get("/search?q=Sin%20My%C5%8Fng-ch%27%C5%8Fl").await;
    assert!(
        page.body.contains("/people/shin-myung-chul"),
        "{}",
        page.body
    );
    assert!(page.body.contains("another spelling") || page.body.contains("matched"));
    let none = app.get("/search?q=Nobody%20Atall").await;
    assert!(none.body.contains("in any script or spelling"));
}

on_both_stores!(
    the_director_is_found_under_every_spelling_in_the_seed_pages,
    the_boy_actor_and_the_films_are_found_under_their_spellings_and_titles,
    search_filters_by_kind_and_prefers_exact_matches,
    the_search_page_groups_hits_by_kind,
    people_under_two_spellings_are_listed_as_possible_duplicates_until_merged,
);

/// A second entry for the director under the Hangul of his name and another
/// romanization is a possible duplicate; merged, it is not.
async fn people_under_two_spellings_are_listed_as_possible_duplicates_until_merged(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let before = app.get("/api/v1/duplicates?kind=person").await.json();
    let listed = |response: &serde_json::Value, id: &str| {
        response["groups"].as_array().unwrap().iter().any(|group| {
            group["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|entity| entity["id"] == id)
        })
    };
    assert!(!listed(&before, "kim-tae-kyun"), "{before}");
    let second: kinora_core::Entity = serde_json::from_value(serde_json::json!({
        "type": "person", "id": "gim-tae-gyun",
        "names": [{"text": "Gim Tae-gyun", "kind": "primary"}, {"text": "김태균", "kind": "native"}]
    }))
    .unwrap();
    // A film whose credits name him twice, once under each entry: evidence
    // that the two are one.
    let film: kinora_core::Entity = serde_json::from_value(serde_json::json!({
        "type": "film", "id": "a-short-by-him",
        "titles": [{"text": "A Short", "kind": "original"}],
        "credits": [
            {"person": "kim-tae-kyun", "department": "directing", "job": "Director"},
            {"person": "gim-tae-gyun", "department": "writing", "job": "Writer"}
        ]
    }))
    .unwrap();
    app.store
        .put(vec![second, film], "test", "A second entry")
        .await
        .unwrap();
    let after = app.get("/api/v1/duplicates?kind=person").await.json();
    let group = after["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|group| {
            group["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["id"] == "gim-tae-gyun")
        })
        .unwrap_or_else(|| panic!("not listed: {after}"));
    let ids: Vec<&str> = group["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["gim-tae-gyun", "kim-tae-kyun"]);
    assert_eq!(group["shared"][0]["id"], "a-short-by-him", "{group}");
    assert!(
        group["reason"]
            .as_str()
            .unwrap()
            .contains("both linked with A Short"),
        "{group}"
    );
    // Articles of one publisher are not duplicates of one another.
    let all = app.get("/api/v1/duplicates").await.json();
    assert!(!listed(&all, "chosun-2008-04-30-us-screening"), "{all}");
    let page = app.get("/duplicates").await;
    assert!(
        page.body.contains("/people/gim-tae-gyun")
            && page.body.contains("/people/kim-tae-kyun")
            && page.body.contains("both linked with A Short")
    );
    assert_eq!(
        app.get("/api/v1/duplicates?kind=nothing").await.status,
        axum::http::StatusCode::BAD_REQUEST
    );

    app.store
        .merge(
            kinora_core::EntityKind::Person,
            &kinora_core::EntityId::parse("gim-tae-gyun").unwrap(),
            &kinora_core::EntityId::parse("kim-tae-kyun").unwrap(),
            "test",
        )
        .await
        .unwrap();
    let merged = app.get("/api/v1/duplicates?kind=person").await.json();
    assert!(!listed(&merged, "gim-tae-gyun"), "{merged}");
}
