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

async fn hits(app: &TestApp, path: &str) -> Vec<serde_json::Value> {
    let response = app.get(path).await;
    assert_eq!(
        response.status,
        axum::http::StatusCode::OK,
        "{path}: {}",
        response.body
    );
    let json = response.json();
    let list = json
        .get("hits")
        .or_else(|| json.get("suggestions"))
        .unwrap();
    list.as_array().unwrap().clone()
}

async fn hits_say_which_name_matched_and_how(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for (path, id, how) in [
        ("/api/v1/search?q=Gim%20Taegyun", "kim-tae-kyun", "spelling"),
        ("/api/v1/search?q=Kim%20Tea-kyun", "kim-tae-kyun", "typo"),
        ("/api/v1/search?q=Crossing", "crossing-2008", "exact"),
        (
            "/api/v1/search?q=%ED%81%AC%EB%A1%9C",
            "crossing-2008",
            "prefix",
        ),
    ] {
        let hit = &hits(&app, path).await[0];
        assert_eq!(
            (hit["id"].as_str(), hit["match"].as_str()),
            (Some(id), Some(how)),
            "{path}: {hit}"
        );
        assert!(hit["url"].as_str().unwrap().ends_with(id));
    }
}

async fn search_filters_by_year_and_country(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let ids = |hits: Vec<serde_json::Value>| -> Vec<String> {
        hits.iter()
            .map(|hit| hit["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let in_2008 = ids(hits(&app, "/api/v1/search?q=Crossing&kind=film&year=2008").await);
    assert_eq!(in_2008.first().map(String::as_str), Some("crossing-2008"));
    let nineties = ids(hits(&app, "/api/v1/search?q=Crossing&kind=film&year=1990-1999").await);
    assert!(
        !nineties.contains(&"crossing-2008".to_owned()),
        "{nineties:?}"
    );
    let korean = ids(hits(&app, "/api/v1/search?q=Crossing&kind=film&country=kr").await);
    assert_eq!(korean.first().map(String::as_str), Some("crossing-2008"));
    let elsewhere = ids(hits(&app, "/api/v1/search?q=Crossing&kind=film&country=FR").await);
    assert!(
        !elsewhere.contains(&"crossing-2008".to_owned()),
        "{elsewhere:?}"
    );
    for (path, field) in [
        ("/api/v1/search?q=Crossing&year=around%202008", "year"),
        ("/api/v1/search?q=Crossing&year=2010-2000", "year"),
        ("/api/v1/search?q=Crossing&country=Korea", "country"),
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.status,
            axum::http::StatusCode::BAD_REQUEST,
            "{path}"
        );
        assert!(response.body.contains(field), "{path}: {}", response.body);
    }
    let page = app.get("/search?q=Crossing&year=soon").await;
    assert_eq!(page.status, axum::http::StatusCode::BAD_REQUEST);
    assert!(page.body.contains("year “soon”"), "{}", page.body);
}

async fn suggestions_complete_names_as_they_are_typed(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let first = |hits: Vec<serde_json::Value>| hits[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        first(hits(&app, "/api/v1/suggest?q=Kim%20Tae-k").await),
        "kim-tae-kyun"
    );
    assert_eq!(
        first(hits(&app, "/api/v1/suggest?q=%ED%81%AC%EB%A1%9C").await),
        "crossing-2008"
    );
    assert_eq!(
        first(hits(&app, "/api/v1/suggest?q=Cha%20In").await),
        "cha-in-pyo"
    );
    assert!(hits(&app, "/api/v1/suggest?q=Kim&limit=3").await.len() <= 3);
    assert!(hits(&app, "/api/v1/suggest?q=").await.is_empty());
    // Every page carries the box and the script that asks for them.
    let page = app.get("/films/crossing-2008").await;
    let html = page.html();
    let script = crate::common::select(&html, "script[src^='/static/kinora.']")[0]
        .value()
        .attr("src")
        .unwrap()
        .to_owned();
    assert!(page.body.contains("role=\"search\""));
    let script = app.get(&script).await;
    assert!(script.body.contains("/api/v1/suggest"));
}

async fn a_write_is_found_by_the_next_search(backend: Backend) {
    let app = TestApp::demo(backend).await;
    assert!(hits(&app, "/api/v1/search?q=Yoo%20Ji-tae").await.is_empty());
    let person: kinora_core::Entity = serde_json::from_value(serde_json::json!({
        "type": "person", "id": "yoo-ji-tae",
        "names": [{"text": "Yoo Ji-tae", "kind": "primary"}, {"text": "유지태", "kind": "native"}]
    }))
    .unwrap();
    let report = app
        .store
        .put(vec![person], "test", "A new person")
        .await
        .unwrap();
    assert_eq!(
        hits(&app, "/api/v1/search?q=%EC%9C%A0%EC%A7%80%ED%83%9C").await[0]["id"],
        "yoo-ji-tae"
    );
    app.store
        .revert(report.change_id.unwrap(), "test")
        .await
        .unwrap();
    assert!(hits(&app, "/api/v1/search?q=Yoo%20Ji-tae").await.is_empty());
}

on_both_stores!(
    hits_say_which_name_matched_and_how,
    search_filters_by_year_and_country,
    suggestions_complete_names_as_they_are_typed,
    a_write_is_found_by_the_next_search,
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
