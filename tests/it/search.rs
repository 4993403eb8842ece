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
    assert!(none.body.contains("in any spelling"));
}

on_both_stores!(
    the_director_is_found_under_every_spelling_in_the_seed_pages,
    the_boy_actor_and_the_films_are_found_under_their_spellings_and_titles,
    search_filters_by_kind_and_prefers_exact_matches,
    the_search_page_groups_hits_by_kind,
);
