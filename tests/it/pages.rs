//! What a reader sees on the pages of the demo catalog.

use crate::common::{Backend, TestApp, select, text};
use axum::http::StatusCode;

async fn crossings_page_lists_its_22_soundtrack_tracks_in_order_with_hangul_and_hanja_titles(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let page = app.get("/films/crossing-2008").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    let rows = select(&html, "section#soundtrack-crossing-ost tbody tr");
    // The first row names the album; the tracks follow.
    let tracks: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|row| select_in(row, "td").iter().map(text).collect())
        .collect();
    assert_eq!(tracks.len(), 22);
    let numbers: Vec<String> = tracks.iter().map(|cells| cells[0].clone()).collect();
    let expected: Vec<String> = (1..=22).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert!(
        tracks[0][1].contains("첼로는 아버지, 바이올린은 아들... Duo"),
        "{:?}",
        tracks[0]
    );
    assert!(
        tracks[7][1].contains("渡江") && tracks[7][1].contains("도강"),
        "{:?}",
        tracks[7]
    );
    assert!(
        tracks[9][1].contains("出棺") && tracks[9][1].contains("출관"),
        "{:?}",
        tracks[9]
    );
    assert!(
        tracks[21][1].contains("E Minor로 쌓아 올리다"),
        "{:?}",
        tracks[21]
    );
    assert!(tracks[0][2].contains("김태성"));
    assert!(
        tracks[21][2].trim().is_empty(),
        "track 22 lists no artist in the source: {:?}",
        tracks[21]
    );
    // The Hanja and Hangul titles carry their script and language.
    let hanja = select(&html, "section#soundtrack-crossing-ost span[lang=ko]");
    assert!(hanja.iter().any(|span| text(span) == "渡江"));
}

fn select_in<'a>(
    element: &scraper::ElementRef<'a>,
    selector: &str,
) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

async fn crossings_release_dates_are_all_shown_side_by_side_with_their_sources_preferred_first(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let film = app.get("/api/v1/films/crossing-2008").await.json();
    let releases = film["entity"]["releases"].as_array().unwrap().clone();
    assert!(
        releases.len() >= 5,
        "the seeds give at least five release claims"
    );
    let html = app.get("/films/crossing-2008").await.html();
    let rows = select(&html, "section#releases tbody tr");
    assert_eq!(rows.len(), releases.len());
    // The preferred claim comes first and says so.
    assert!(
        rows[0]
            .value()
            .attr("class")
            .unwrap_or_default()
            .contains("is-preferred")
    );
    assert!(
        text(&rows[0]).contains("26 June 2008"),
        "{}",
        text(&rows[0])
    );
    for release in &releases {
        let sources: Vec<&str> = release["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["source"].as_str().unwrap())
            .collect();
        assert!(
            !sources.is_empty(),
            "every release claim cites a source: {release}"
        );
        let row = rows
            .iter()
            .find(|row| {
                let marks: Vec<String> = select_in(row, "a.cite")
                    .iter()
                    .map(|a| a.value().attr("href").unwrap().to_owned())
                    .collect();
                sources
                    .iter()
                    .all(|source| marks.contains(&format!("/sources/{source}")))
                    && release["date"]
                        .as_str()
                        .is_none_or(|date| row.inner_html().contains(&display_year(date)))
            })
            .unwrap_or_else(|| panic!("no row shows {release}"));
        let _ = row;
    }
    // Conflicting claims are marked as such.
    assert!(select(&html, "section#releases .badge.disputed").len() >= 2);
    // The planned May 2008 date keeps its month precision.
    assert!(html.html().contains("May 2008"));
}

fn display_year(date: &str) -> String {
    date[..4].to_owned()
}

async fn cha_in_pyo_is_credited_as_kim_yong_soo_with_the_other_spellings(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/films/crossing-2008").await.html();
    let cast = select(&html, "section#cast tbody tr");
    let row = cast
        .iter()
        .find(|row| row.inner_html().contains("/people/cha-in-pyo"))
        .expect("Cha In-pyo in the cast");
    let row_text = text(row);
    assert!(row_text.contains("Cha In-pyo"), "{row_text}");
    assert!(row_text.contains("Kim Yong-soo"), "{row_text}");
    assert!(row_text.contains("Yong-su"), "{row_text}");
    assert!(
        !select_in(row, "a.cite").is_empty(),
        "the credit cites its sources"
    );
    // And his own page lists the film with the character.
    let person = app.get("/people/cha-in-pyo").await.html();
    let filmography = select(&person, "section#filmography tbody tr");
    assert!(
        filmography
            .iter()
            .any(|row| text(row).contains("Crossing") && text(row).contains("Kim Yong-soo"))
    );
}

async fn every_fact_on_crossings_page_has_a_citation_mark(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/films/crossing-2008").await.html();
    let mut facts = 0;
    for section in select(&html, "article section[id]") {
        let id = section.value().attr("id").unwrap();
        if id == "sources" {
            continue;
        }
        for fact in select_in(&section, "tbody tr, .fact, p.prose") {
            facts += 1;
            assert!(
                !select_in(&fact, "a.cite").is_empty(),
                "no citation for `{}` in #{id}",
                text(&fact).trim()
            );
        }
    }
    assert!(facts > 80, "only {facts} facts on the page");
    // The citation marks lead to source pages that exist.
    let marks = select(&html, "a.cite");
    let first = marks[0].value().attr("href").unwrap();
    assert_eq!(app.get(first).await.status, StatusCode::OK);
}

async fn the_budget_shows_the_currency_and_the_quoted_exchange_rate(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/films/crossing-2008").await.html();
    let production = text(&select(&html, "section#production")[0]);
    assert!(production.contains("₩4,000,000,000"), "{production}");
    assert!(production.contains("US$1 = ₩997"), "{production}");
}

async fn every_page_embeds_json_ld_of_the_right_type(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for (path, expected) in [
        ("/films/crossing-2008", "Movie"),
        ("/films/the-defector-escape-from-north-korea", "Movie"),
        ("/people/kim-tae-kyun", "Person"),
        ("/companies/vantage-holdings", "Organization"),
        ("/albums/crossing-ost", "MusicAlbum"),
        ("/sources/joongang-daily-2008-03-12", "NewsArticle"),
        ("/sources/forum-crossing-thread", "DiscussionForumPosting"),
    ] {
        let html = app.get(path).await.html();
        let scripts = select(&html, "script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "{path}");
        let json: serde_json::Value =
            serde_json::from_str(&text(&scripts[0])).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(json["@context"], "https://schema.org", "{path}");
        assert_eq!(json["@type"], expected, "{path}");
    }
    let html = app.get("/films/crossing-2008").await.html();
    let json: serde_json::Value = serde_json::from_str(&text(
        &select(&html, "script[type='application/ld+json']")[0],
    ))
    .unwrap();
    assert_eq!(json["name"], "Crossing");
    assert_eq!(json["director"]["name"], "Kim Tae-kyun");
    assert!(
        json["alternateName"]
            .as_array()
            .unwrap()
            .iter()
            .any(|name| name == "크로싱")
    );
    assert!(
        json["citation"].as_array().unwrap().len() >= 8,
        "the sources cited are listed"
    );
    let album: serde_json::Value = {
        let html = app.get("/albums/crossing-ost").await.html();
        serde_json::from_str(&text(
            &select(&html, "script[type='application/ld+json']")[0],
        ))
        .unwrap()
    };
    assert_eq!(album["numTracks"], 22);
}

async fn a_source_page_lists_the_facts_it_states_with_their_quotes(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/sources/kofic-2008-05-06").await.html();
    let facts = text(&select(&html, "section#cited")[0]);
    assert!(facts.contains("Crossing"), "{facts}");
    assert!(
        facts.contains("slated for local release on June 5"),
        "{facts}"
    );
    // Facts that name another entity read with its name, not its id.
    assert!(
        facts.contains("→ Kim Tae-kyun") && !facts.contains("→ kim-tae-kyun"),
        "{facts}"
    );
    let about = text(&select(&html, "section#facts")[0]);
    assert!(about.contains("Nigel D'Sa"), "{about}");
    assert!(about.contains("6 May 2008"), "{about}");
}

async fn an_unknown_id_gives_a_404_page_and_a_json_error(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = app.get("/films/no-such-film").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("no-such-film"));
    let api = app.get("/api/v1/films/no-such-film").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["status"], 404);
    assert_eq!(
        app.get("/films/NOT%20AN%20ID").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/nowhere/at/all").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn every_demo_entity_has_a_page_and_an_api_document(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for kind in ["films", "people", "companies", "albums", "sources"] {
        let list = app.get(&format!("/api/v1/{kind}?limit=1000")).await.json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len() as i64, list["total"].as_i64().unwrap());
        for item in items {
            let id = item["id"].as_str().unwrap();
            let page = app.get(&format!("/{kind}/{id}")).await;
            assert_eq!(page.status, StatusCode::OK, "/{kind}/{id}: {}", page.body);
            let api = app.get(&format!("/api/v1/{kind}/{id}")).await;
            assert_eq!(api.status, StatusCode::OK, "/api/v1/{kind}/{id}");
            assert_eq!(api.json()["entity"]["id"], id);
        }
    }
}

async fn the_api_returns_the_whole_film_with_names_claims_and_sources(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let film = app.get("/api/v1/films/crossing-2008").await.json();
    assert_eq!(film["entity"]["type"], "film");
    assert!(
        film["entity"]["titles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["text"] == "크로싱" && t["script"] == "Hang")
    );
    let sources: Vec<&str> = film["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"kofic-2008-05-06"));
    assert!(sources.contains(&"joongang-daily-2008-03-12"));
    let references = film["references"].as_array().unwrap();
    assert!(
        references
            .iter()
            .any(|r| r["id"] == "kim-tae-kyun" && r["name"] == "Kim Tae-kyun")
    );
}

async fn the_openapi_document_describes_the_api(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let doc = app.get("/api/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/search",
        "/api/v1/{kind}/{id}",
        "/api/v1/{kind}",
        "/api/v1/{kind}/{id}/history",
        "/healthz",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is missing");
    }
    assert!(doc["components"]["schemas"].get("Film").is_some());
    assert!(doc["components"]["schemas"].get("Release").is_some());
}

async fn the_health_check_answers(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status, StatusCode::OK);
    // Ready once the database answers and the index's first build (of an
    // empty catalog, at once) is over; until then 503 with the progress.
    let mut ready = app.get("/readyz").await;
    for _ in 0..100 {
        if ready.status == StatusCode::OK {
            break;
        }
        assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            ready.json().get("search_building").is_some(),
            "{}",
            ready.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        ready = app.get("/readyz").await;
    }
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    let ready = ready.json();
    assert_eq!(ready["ready"], true);
    assert_eq!(ready["database"], true);
    assert!(ready.get("search_building").is_none(), "{ready}");
}

on_both_stores!(
    crossings_page_lists_its_22_soundtrack_tracks_in_order_with_hangul_and_hanja_titles,
    crossings_release_dates_are_all_shown_side_by_side_with_their_sources_preferred_first,
    cha_in_pyo_is_credited_as_kim_yong_soo_with_the_other_spellings,
    every_fact_on_crossings_page_has_a_citation_mark,
    the_budget_shows_the_currency_and_the_quoted_exchange_rate,
    every_page_embeds_json_ld_of_the_right_type,
    a_source_page_lists_the_facts_it_states_with_their_quotes,
    an_unknown_id_gives_a_404_page_and_a_json_error,
    every_demo_entity_has_a_page_and_an_api_document,
    the_api_returns_the_whole_film_with_names_claims_and_sources,
    the_openapi_document_describes_the_api,
    the_health_check_answers,
);

/// A shared link previews with a title and a description, the tab shows
/// the site's icon, and a keyboard user can skip the header.
#[tokio::test]
async fn pages_carry_a_description_a_card_an_icon_and_labelled_landmarks() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let page = app.get("/films/crossing-2008").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    let attribute = |selector: &str, name: &str| -> String {
        select(&html, selector)
            .first()
            .and_then(|element| element.value().attr(name))
            .unwrap_or_default()
            .to_owned()
    };
    let description = attribute("meta[name=description]", "content");
    assert!(
        description.starts_with("Crossing · 크로싱 · Keurosing (") && description.contains("2008"),
        "{description}"
    );
    assert_eq!(
        attribute("meta[property='og:title']", "content"),
        "Crossing"
    );
    assert_eq!(
        attribute("meta[property='og:type']", "content"),
        "video.movie"
    );
    assert!(attribute("meta[property='og:description']", "content").contains("South Korea"));
    let icon = attribute("link[rel=icon]", "href");
    let served = app.get(&icon).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.content_type, "image/svg+xml");
    assert!(served.body.contains("<svg"));
    let asked = app.get("/favicon.ico").await;
    assert_eq!(asked.location.as_deref(), Some(icon.as_str()));
    let manifest = app.get(&attribute("link[rel=manifest]", "href")).await;
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(manifest.json()["name"], "Kinora");
    // Every navigation landmark has a name; the skip link leads to the page.
    for nav in select(&html, "header nav") {
        assert!(nav.value().attr("aria-label").is_some(), "{}", nav.html());
    }
    assert_eq!(attribute("a.skip", "href"), "#content");
    assert_eq!(select(&html, "main#content").len(), 1);
    // The theme is applied before the page is drawn: theme.js is not deferred.
    let theme = select(&html, "script[src^='/static/theme.']");
    assert!(theme[0].value().attr("defer").is_none());
    // Linked under a name with its content's digest, kept for good; the
    // plain name still answers, kept a short while.
    let script = attribute("script[src^='/static/theme.']", "src");
    assert_ne!(script, "/static/theme.js");
    let lasting = app.get(&script).await;
    assert_eq!(lasting.status, StatusCode::OK);
    assert_eq!(
        lasting.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let plain = app.get("/static/theme.js").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.body, lasting.body);
    assert_eq!(plain.headers["cache-control"], "public, max-age=300");
    assert_eq!(
        app.get("/static/nothing.js").await.status,
        StatusCode::NOT_FOUND
    );
}

/// What a reader sees is in a reader's words: no script codes after track
/// titles, no country twice, times to the minute, quotes instead of
/// backticks, and a page that needs signing in says how, and returns.
#[tokio::test]
async fn pages_show_no_internal_values() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let film = app.get("/films/crossing-2008").await.html();
    let tracks: Vec<String> = select(&film, "section#soundtrack-crossing-ost tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(tracks.iter().any(|row| row.contains("도강")), "{tracks:?}");
    for code in ["Hang", "Hani", "Latn"] {
        assert!(
            !tracks
                .iter()
                .any(|row| row.split_whitespace().any(|word| word == code)),
            "a script code `{code}` is shown: {tracks:?}"
        );
    }
    let filmed: Vec<String> = select(&film, "div.fact")
        .iter()
        .map(text)
        .filter(|row| row.starts_with("Filmed in"))
        .collect();
    assert!(
        filmed.iter().any(|row| row.contains("South Korea")),
        "{filmed:?}"
    );
    assert!(
        !filmed
            .iter()
            .any(|row| row.contains("South Korea South Korea")),
        "{filmed:?}"
    );

    let history = app.get("/films/crossing-2008/history").await.html();
    let times: Vec<String> = select(&history, "ol.history time")
        .iter()
        .map(text)
        .collect();
    assert!(!times.is_empty());
    for time in &times {
        assert!(
            time.ends_with(" UTC") && time.matches(':').count() == 1 && !time.contains('.'),
            "{time}"
        );
    }

    let search = app.get(&format!("/search?q={}", "a".repeat(300))).await;
    assert!(!search.body.contains('`'), "{}", search.body);

    let locked = app.get("/me/import").await;
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
    let html = locked.html();
    let links: Vec<String> = select(&html, "main a")
        .iter()
        .filter_map(|link| link.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        links.contains(&"/sign-in?next=%2Fme%2Fimport".to_owned()),
        "{links:?}"
    );
}
