//! Discovery: films browsed by genre, decade, country and language, in
//! order and a page at a time, on pages and through the API; the home
//! page shows what members watch and review.

use axum::http::StatusCode;

use crate::common::*;

on_both_stores!(
    films_are_browsed_by_genre_decade_country_and_language,
    a_long_list_is_paged_and_ordered,
    the_home_page_shows_a_living_site,
    coming_screenings_are_those_in_the_members_country,
);

fn card_ids(page: &TestResponse) -> Vec<String> {
    select(&page.html(), "ul.cards li.card > a")
        .iter()
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches("/films/")
                .to_owned()
        })
        .collect()
}

async fn films_are_browsed_by_genre_decade_country_and_language(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let all = app.get("/films").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(card_ids(&all).len(), 20);
    // Every filter a reader can choose is offered with its count.
    let html = all.html();
    let genres: Vec<String> = select(&html, "select[name=genre] option")
        .iter()
        .map(text)
        .collect();
    assert!(genres.contains(&"Drama (1)".to_owned()), "{genres:?}");
    let countries: Vec<String> = select(&html, "select[name=country] option")
        .iter()
        .map(text)
        .collect();
    assert!(
        countries.contains(&"South Korea (3)".to_owned()),
        "{countries:?}"
    );

    for (query, expected) in [
        ("genre=drama", vec!["crossing-2008"]),
        ("genre=Thriller", vec!["the-chaser-2008"]),
        ("language=ko", vec!["crossing-2008"]),
        (
            "year=2000s&sort=oldest",
            vec!["volcano-high-2001", "temptation-of-wolves-2004"],
        ),
        ("country=kr&year=2008", vec!["crossing-2008"]),
        ("genre=musical", vec![]),
    ] {
        let page = app.get(&format!("/films?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let ids = card_ids(&page);
        if query.starts_with("year=2000s") {
            assert_eq!(ids.len(), 5, "{query}: {ids:?}");
            assert_eq!(&ids[..2], expected.as_slice(), "{query}");
        } else {
            assert_eq!(ids, expected, "{query}");
        }
    }
    // The same through the API, with the total.
    let api = app.get("/api/v1/films?country=KR&sort=newest").await.json();
    assert_eq!(api["total"], 3);
    let years: Vec<i64> = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item["year"].as_i64())
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {years:?}"
    );
    assert!(years.contains(&2008));
    // Films with no year known come last, whichever way years run.
    for sort in ["newest", "oldest"] {
        let api = app
            .get(&format!("/api/v1/films?sort={sort}&limit=100"))
            .await
            .json();
        let years: Vec<Option<i64>> = api["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["year"].as_i64())
            .collect();
        let first_unknown = years.iter().position(Option::is_none).unwrap();
        assert!(
            years[first_unknown..].iter().all(Option::is_none),
            "{sort}: {years:?}"
        );
    }
    // A filter that cannot be read says which and why; nothing else listed.
    for (query, says) in [
        ("sort=loudest", "sort"),
        ("year=20x0", "year"),
        ("country=Korea", "country"),
        ("language=12", "language"),
    ] {
        let page = app.get(&format!("/films?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.body.contains(says), "{query}: {}", page.body);
        let api = app.get(&format!("/api/v1/films?{query}")).await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST, "{query}");
    }
    let people = app.get("/api/v1/people?genre=drama").await;
    assert_eq!(people.status, StatusCode::BAD_REQUEST);
}

async fn a_long_list_is_paged_and_ordered(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let films: Vec<serde_json::Value> = (0..100)
        .map(|n| {
            serde_json::json!({
                "id": format!("film-{n:03}"),
                "titles": [{"text": format!("Film {n:03}"), "kind": "original"}],
                "years": [{"year": 1900 + n}],
                "genres": [{"genre": if n % 2 == 0 { "drama" } else { "comedy" }}],
            })
        })
        .collect();
    let catalog = serde_json::json!({"format": "kinora-catalog", "version": 4, "films": films});
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("films.json");
    std::fs::write(&path, catalog.to_string()).unwrap();
    kinora::app::import(
        &app.store,
        &[kinora::app::ImportFile::read(&path).unwrap()],
        "test",
    )
    .await
    .unwrap();
    let first = app.get("/films?sort=newest").await;
    let ids = card_ids(&first);
    assert_eq!(ids.len(), 48);
    assert_eq!(ids[0], "film-099");
    assert!(first.body.contains("page 1 of 3"), "no page count");
    let next = select(&first.html(), "nav.pager a[rel=next]")[0]
        .value()
        .attr("href")
        .unwrap()
        .replace("&amp;", "&");
    assert_eq!(next, "/films?sort=newest&page=2");
    let third = app.get("/films?sort=newest&page=3").await;
    let ids = card_ids(&third);
    assert_eq!(ids.len(), 4);
    assert_eq!(ids.last().unwrap(), "film-000");
    let dramas = app
        .get("/api/v1/films?genre=drama&sort=oldest&limit=10&offset=10")
        .await
        .json();
    assert_eq!(dramas["total"], 50);
    assert_eq!(dramas["items"][0]["id"], "film-020");
}

async fn the_home_page_shows_a_living_site(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    let html = home.html();
    // The demo's reviews are of Crossing: it is what members talk about.
    let popular: Vec<String> = select(&html, "#popular li.card > a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        popular.first().map(String::as_str),
        Some("/films/crossing-2008")
    );
    assert!(
        !select(&html, "#reviews article.review").is_empty(),
        "no new reviews"
    );
    assert!(!select(&html, "#news ul.news li").is_empty(), "no news");
    assert!(
        !select(&html, "#added li.card").is_empty(),
        "nothing added lately"
    );
    // With no poster, a card keeps a poster's shape with the title in it.
    assert!(!select(&html, "#popular .poster-placeholder").is_empty());
}

async fn coming_screenings_are_those_in_the_members_country(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let next_year = time::OffsetDateTime::now_utc().year() + 1;
    let venue = |id: &str, name: &str, city: &str, country: &str, zone: &str| {
        serde_json::json!({
            "id": id,
            "names": [{"text": name, "kind": "primary"}],
            "cities": [{"place": {"name": city, "country": country}}],
            "time_zones": [{"zone": zone}],
        })
    };
    let catalog = serde_json::json!({
        "format": "kinora-catalog",
        "version": 4,
        "venues": [
            venue("cgv-seoul", "CGV Yongsan", "Seoul", "KR", "Asia/Seoul"),
            venue("eye-amsterdam", "Eye Filmmuseum", "Amsterdam", "NL", "Europe/Amsterdam"),
        ],
        "events": [{
            "id": "a-coming-series",
            "kind": "series",
            "names": [{"text": "A coming series", "kind": "primary"}],
            "screenings": [
                {"film": "crossing-2008", "venue": "cgv-seoul", "start": format!("{next_year}-03-01T19:00")},
                {"film": "the-defector-escape-from-north-korea", "venue": "eye-amsterdam", "start": format!("{next_year}-03-02T20:00")},
            ],
        }],
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coming.json");
    std::fs::write(&path, catalog.to_string()).unwrap();
    kinora::app::import(
        &app.store,
        &[kinora::app::ImportFile::read(&path).unwrap()],
        "test",
    )
    .await
    .unwrap();
    let films = |page: &TestResponse| -> Vec<String> {
        select(&page.html(), "#screenings ul.coming li > a")
            .iter()
            .map(text)
            .collect()
    };
    let anyone = app.get("/").await;
    assert_eq!(films(&anyone).len(), 2, "{:?}", films(&anyone));
    assert!(anyone.body.contains("<h2>Coming screenings</h2>"));
    let member = app.browser();
    member.sign_up("seoyeon").await;
    let saved = member
        .post_form(
            "/settings",
            &[("display_name", "Seoyeon"), ("bio", ""), ("country", "KR")],
        )
        .await;
    assert!(
        saved.status.is_redirection() || saved.status.is_success(),
        "{}",
        saved.body
    );
    let home = member.get("/").await;
    assert_eq!(films(&home), ["Crossing"]);
    assert!(
        home.body.contains("Coming screenings in South Korea"),
        "no country in the title"
    );
}
