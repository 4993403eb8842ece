//! Festivals, screenings and their calendars; a film's timeline; projects in
//! development; where to watch; articles that link what they name; and the
//! refusals of screenings that cannot be placed in time.

use kinora_core::community::Role;

use crate::common::*;
use crate::community::member;

on_both_stores!(
    the_defectors_idfa_screenings_are_shown_in_amsterdam_time,
    calendars_hold_the_same_screenings_with_the_same_uids,
    whats_on_lists_screenings_by_day_and_city,
    crossings_timeline_runs_from_briefing_to_release_with_sources,
    escaping_north_korea_is_a_project_in_development,
    where_to_watch_is_shown_and_filters_search,
    a_pasted_article_is_linked_to_the_right_people_in_any_spelling,
    screenings_that_cannot_be_placed_in_time_are_refused,
);

/// The VEVENTs of a calendar: each one's lines.
fn vevents(ics: &str) -> Vec<Vec<String>> {
    let unfolded = ics.replace("\r\n ", "");
    let mut events = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(lines) = &mut current {
                    lines.push(line.to_owned());
                }
            }
        }
    }
    events
}

fn property(event: &[String], name: &str) -> Option<String> {
    event.iter().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key == name || key.starts_with(&format!("{name};"))).then(|| value.to_owned())
    })
}

async fn the_defectors_idfa_screenings_are_shown_in_amsterdam_time(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = app
        .get("/events/idfa-2012-reflecting-images-panorama")
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    let rows: Vec<String> = select(&html, "#past-screenings tbody tr, #screenings tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    for (row, (day, time, venue)) in rows.iter().zip([
        ("Sun, 18 Nov 2012", "17:00", "Brakke Grond Rode Zaal"),
        ("Mon, 19 Nov 2012", "12:45", "Tuschinski 1"),
        ("Wed, 21 Nov 2012", "15:00", "Munt 11"),
        ("Sat, 24 Nov 2012", "16:45", "Tuschinski 4"),
    ]) {
        assert!(row.contains(day), "{row}");
        assert!(row.contains(&format!("{time} Amsterdam time")), "{row}");
        assert!(row.contains(venue), "{row}");
        assert!(row.contains("The Defector"), "{row}");
    }
    // Each screening cites the festival's page.
    assert_eq!(
        select(
            &html,
            "#past-screenings tbody tr a[href='/sources/idfa-2012-the-defector']"
        )
        .len()
            + select(
                &html,
                "#screenings tbody tr a[href='/sources/idfa-2012-the-defector']"
            )
            .len(),
        4
    );
    // A calendar to subscribe to, announced in the head too.
    assert_eq!(
        select(
            &html,
            "link[rel=alternate][type='text/calendar'][href='/events/idfa-2012-reflecting-images-panorama/calendar.ics']"
        )
        .len(),
        1
    );
    // schema.org: a Festival with ScreeningEvents at local times with offsets.
    let ld: serde_json::Value = serde_json::from_str(&text(
        &select(&html, "script[type='application/ld+json']")[0],
    ))
    .unwrap();
    assert_eq!(ld["@type"], "Festival");
    let screenings = ld["subEvent"].as_array().unwrap();
    assert_eq!(screenings.len(), 4);
    let starts: Vec<&str> = screenings
        .iter()
        .map(|s| s["startDate"].as_str().unwrap())
        .collect();
    assert!(starts.contains(&"2012-11-19T12:45:00+01:00"), "{starts:?}");
    assert_eq!(screenings[0]["@type"], "ScreeningEvent");
    assert_eq!(
        screenings[0]["workPresented"]["name"],
        "The Defector: Escape from North Korea"
    );
    assert_eq!(screenings[0]["location"]["@type"], "MovieTheater");
    assert_eq!(
        screenings[0]["location"]["address"]["addressLocality"],
        "Amsterdam"
    );

    // The film's page lists the same screenings, with the event.
    let film = app
        .get("/films/the-defector-escape-from-north-korea")
        .await
        .html();
    let rows: Vec<String> = select(&film, "#past-screenings tbody tr, #screenings tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert!(rows.iter().all(|row| row.contains("Reflecting Images")));
    // And the edition names its section, eligible for the audience award.
    let edition = app.get("/events/idfa-2012").await.html();
    assert!(text(&select(&edition, "#parts")[0]).contains("Reflecting Images – Panorama"));
    let section = text(&select(&html, "#awards")[0]);
    assert!(
        section.contains("IDFA Audience Award") && section.contains("Eligible"),
        "{section}"
    );
}

async fn calendars_hold_the_same_screenings_with_the_same_uids(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let film = app
        .get("/films/the-defector-escape-from-north-korea/calendar.ics")
        .await;
    assert_eq!(film.status, 200);
    assert!(
        film.content_type.starts_with("text/calendar"),
        "{}",
        film.content_type
    );
    let events = vevents(&film.body);
    assert_eq!(events.len(), 4, "{}", film.body);
    let mut starts: Vec<String> = events
        .iter()
        .map(|event| property(event, "DTSTART").unwrap())
        .collect();
    starts.sort();
    assert_eq!(
        starts,
        [
            "20121118T160000Z",
            "20121119T114500Z",
            "20121121T140000Z",
            "20121124T154500Z"
        ]
    );
    // 71 minutes each.
    let first = events
        .iter()
        .find(|e| property(e, "DTSTART").as_deref() == Some("20121119T114500Z"))
        .unwrap();
    assert_eq!(
        property(first, "DTEND").as_deref(),
        Some("20121119T125600Z")
    );
    assert!(
        property(first, "LOCATION")
            .unwrap()
            .contains("Tuschinski 1")
    );
    let uids = |ics: &str| {
        let mut uids: Vec<String> = vevents(ics)
            .iter()
            .map(|event| property(event, "UID").unwrap())
            .collect();
        uids.sort();
        uids
    };
    let film_uids = uids(&film.body);
    assert_eq!(
        film_uids,
        uids(
            &app.get("/films/the-defector-escape-from-north-korea/calendar.ics")
                .await
                .body
        ),
        "UIDs are stable"
    );
    // The edition's, the festival's and the director's calendars hold the
    // same screenings under the same UIDs; a screen's holds its own.
    for path in [
        "/events/idfa-2012/calendar.ics",
        "/events/idfa-2012-reflecting-images-panorama/calendar.ics",
        "/companies/idfa/calendar.ics",
        "/people/ann-shin/calendar.ics",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        let found = uids(&response.body);
        assert!(
            film_uids.iter().all(|uid| found.contains(uid)),
            "{path}: {found:?}"
        );
    }
    let screen = app.get("/venues/tuschinski-1/calendar.ics").await;
    assert_eq!(vevents(&screen.body).len(), 1);
    let page = app.get("/venues/tuschinski").await.html();
    let screens = text(&select(&page, "#parts")[0]);
    assert!(
        screens.contains("Tuschinski 1") && screens.contains("Tuschinski 4"),
        "{screens}"
    );
    let cinema = app.get("/venues/tuschinski/calendar.ics").await;
    assert_eq!(
        vevents(&cinema.body).len(),
        2,
        "both of Tuschinski's screens"
    );
    // The Library of Congress screening has a day and no time: all day.
    let crossing = app.get("/films/crossing-2008/calendar.ics").await;
    let all_day = vevents(&crossing.body);
    assert!(
        all_day.iter().any(|event| event
            .iter()
            .any(|line| line == "DTSTART;VALUE=DATE:20080428")),
        "{}",
        crossing.body
    );
    // A person's calendar holds the events they spoke at or attended.
    let actor = app.get("/people/cha-in-pyo/calendar.ics").await;
    let days: Vec<String> = vevents(&actor.body)
        .iter()
        .filter_map(|event| property(event, "DTSTART"))
        .collect();
    assert!(
        days.contains(&"20080318".to_owned()),
        "the briefing: {days:?}"
    );
    assert!(
        days.contains(&"20080428".to_owned()),
        "Crossing's screening: {days:?}"
    );
    let guest = app.get("/people/dennis-halpin/calendar.ics").await;
    assert_eq!(guest.status, 200);
    assert_eq!(vevents(&guest.body).len(), 1, "{}", guest.body);
    // A screening moved by an editor: with the programme's code it stays
    // one event for calendars; two screenings may not share a code.
    let eddie = member(&app, "eddie", Role::Editor).await;
    let path = "/api/v1/events/idfa-2012-reflecting-images-panorama";
    let mut section = app.get(path).await.json()["entity"].clone();
    let put = |document: serde_json::Value| {
        let eddie = &eddie;
        async move {
            eddie
                .json(
                    "PUT",
                    path,
                    serde_json::json!({"document": document, "summary": "moved"}),
                )
                .await
        }
    };
    let uid_at = |ics: &str, start: &str| {
        vevents(ics)
            .iter()
            .find(|e| property(e, "DTSTART").as_deref() == Some(start))
            .and_then(|e| property(e, "UID"))
    };
    section["screenings"][1]["code"] = "T1-1245".into();
    section["screenings"][2]["code"] = "T1-1245".into();
    let twice = put(section.clone()).await;
    assert_eq!(twice.status, 400);
    assert!(twice.body.contains("screenings[2].code"), "{}", twice.body);
    section["screenings"][2]
        .as_object_mut()
        .unwrap()
        .remove("code");
    assert_eq!(put(section.clone()).await.status, 200);
    let calendar = "/films/the-defector-escape-from-north-korea/calendar.ics";
    let before = uid_at(&app.get(calendar).await.body, "20121119T114500Z").unwrap();
    section["screenings"][1]["start"] = "2012-11-19T14:00".into();
    assert_eq!(put(section.clone()).await.status, 200);
    let moved = app.get(calendar).await.body;
    assert_eq!(uid_at(&moved, "20121119T130000Z"), Some(before), "{moved}");
    assert!(uid_at(&moved, "20121119T114500Z").is_none());
    // No calendar where there is nothing to hold one.
    assert_eq!(
        app.get("/sources/kofic-2008-05-06/calendar.ics")
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/films/no-such-film/calendar.ics").await.status,
        404
    );
}

async fn whats_on_lists_screenings_by_day_and_city(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let week = app
        .get("/whats-on?from=2012-11-18&days=7&city=Amsterdam")
        .await;
    assert_eq!(week.status, 200);
    let html = week.html();
    let days: Vec<String> = select(&html, "section.day h2").iter().map(text).collect();
    assert_eq!(
        days,
        [
            "Sun, 18 Nov 2012",
            "Mon, 19 Nov 2012",
            "Wed, 21 Nov 2012",
            "Sat, 24 Nov 2012"
        ]
    );
    assert_eq!(select(&html, "section.day tbody tr").len(), 4);
    // Another city, another programme.
    let washington = app
        .get("/whats-on?from=2008-04-28&days=1&city=Washington%2C+D.C.")
        .await
        .html();
    let cities: Vec<String> = select(&washington, "select[name=city] option")
        .iter()
        .map(text)
        .collect();
    assert!(
        cities.iter().any(|c| c.starts_with("Amsterdam (4)")),
        "{cities:?}"
    );
    // The same for programs, in local time and UTC.
    let api = app
        .get("/api/v1/screenings?from=2012-11-01&to=2012-11-30&film=the-defector-escape-from-north-korea")
        .await
        .json();
    let screenings = api["screenings"].as_array().unwrap();
    assert_eq!(screenings.len(), 4);
    assert_eq!(screenings[1]["start"], "2012-11-19T12:45:00+01:00");
    assert_eq!(screenings[1]["start_utc"], "2012-11-19T11:45:00Z");
    assert_eq!(screenings[1]["time_zone"], "Europe/Amsterdam");
    assert_eq!(screenings[1]["venue_name"], "Tuschinski 1");
    let at_tuschinski = app
        .get("/api/v1/screenings?from=2012-01-01&venue=tuschinski")
        .await
        .json();
    assert_eq!(at_tuschinski["screenings"].as_array().unwrap().len(), 2);
    assert_eq!(app.get("/api/v1/screenings?from=soon").await.status, 400);
    // A city's coming screenings as a calendar to subscribe to.
    let city = app
        .get("/whats-on.ics?city=Amsterdam&from=2012-11-01")
        .await;
    assert!(city.content_type.starts_with("text/calendar"));
    assert_eq!(vevents(&city.body).len(), 4, "{}", city.body);
    assert!(city.body.contains("What's on in Amsterdam"));
    assert_eq!(vevents(&app.get("/whats-on.ics").await.body).len(), 0);
    let none = app
        .get("/whats-on?from=2012-11-18&days=7&city=Seoul")
        .await
        .html();
    assert!(select(&none, "section.day").is_empty());
    // Today has nothing on in the demo: the page points to the latest
    // programme before it.
    let today = app.get("/whats-on").await.html();
    let earlier = select(&today, "p.empty a");
    assert_eq!(earlier.len(), 1);
    let href = earlier[0].value().attr("href").unwrap();
    assert!(href.starts_with("/whats-on?from=2012-11-"), "{href}");
    assert_eq!(
        app.get("/whats-on?from=yesterday").await.status,
        400,
        "a day that is not a date is refused"
    );
}

async fn crossings_timeline_runs_from_briefing_to_release_with_sources(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/films/crossing-2008").await.html();
    let rows = select(&html, "#timeline tbody tr");
    let lines: Vec<String> = rows.iter().map(text).collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|line| line.contains(needle))
            .unwrap_or_else(|| panic!("no “{needle}” in the timeline: {lines:#?}"))
    };
    let briefing = at("briefing");
    let library = at("Library of Congress");
    let released = at("Released");
    assert!(briefing < library && library < released, "{lines:#?}");
    assert!(
        lines[briefing].contains("18 March 2008"),
        "{}",
        lines[briefing]
    );
    assert!(
        lines[library].contains("28 April 2008"),
        "{}",
        lines[library]
    );
    // Every step names its source.
    for (row, line) in rows.iter().zip(&lines) {
        assert!(
            !row.select(&scraper::Selector::parse("a[href^='/sources/']").unwrap())
                .collect::<Vec<_>>()
                .is_empty(),
            "a step without its source: {line}"
        );
    }
    // A guest's page lists the screening they attended, and in what capacity.
    let guest = app.get("/people/dennis-halpin").await.html();
    let attended = text(&select(&guest, "#events")[0]);
    assert!(
        attended.contains("Crossing at the Library of Congress")
            && attended.contains("attended, as House International Relations Committee specialist"),
        "{attended}"
    );
    // The briefing's own page: who spoke, where, with sources.
    let briefing = app.get("/events/crossing-production-briefing-2008").await;
    assert_eq!(briefing.status, 200);
    let people = text(&select(&briefing.html(), "#people")[0]);
    assert!(
        people.contains("Cha In-pyo") && people.contains("Kim Tae-kyun"),
        "{people}"
    );
}

async fn escaping_north_korea_is_a_project_in_development(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let html = app.get("/films/escaping-north-korea").await.html();
    let facts = text(&select(&html, "#facts, .facts")[0]);
    assert!(facts.contains("project in development"), "{facts}");
    assert!(
        facts.contains("in development") && facts.contains("as of 2015"),
        "{facts}"
    );
    let crew = text(&select(&html, "#crew")[0]);
    assert!(
        crew.contains("Rosalind Ross") && crew.contains("attached"),
        "{crew}"
    );
    let cast = text(&select(&html, "#cast")[0]);
    assert!(
        cast.contains("Daniel Dae Kim") && cast.contains("Mike Kim"),
        "{cast}"
    );
    let page = app.get("/films/escaping-north-korea").await.body;
    assert!(
        page.contains("Escaping North Korea: Defiance And Hope"),
        "the memoir"
    );
    let timeline: Vec<String> = select(&html, "#timeline tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(
        timeline
            .iter()
            .any(|row| row.contains("Rosalind Ross") && row.contains("attached · Screenwriter")),
        "{timeline:#?}"
    );
    let companies = text(&select(&html, "#companies")[0]);
    assert!(
        companies.contains("3AD") && companies.contains("Be Funny Studios"),
        "{companies}"
    );
}

/// A streaming service's own page for Crossing, stating where it streams:
/// none of the demo's pages says so (OnDemandKorea's banner advertises
/// K-dramas, not this film), so the test adds one, as an editor would.
async fn offer_crossing_in_the_us(app: &TestApp) {
    use kinora_core::model::{Availability, Entity};
    use kinora_core::{EntityId, EntityKind};
    let source = Entity::from_untagged_json(
        EntityKind::Source,
        r#"{"id": "ondemandkorea-crossing", "kind": "official_site", "title": "Crossing (2008) | OnDemandKorea", "publisher": "OnDemandKorea", "publisher_company": "ondemandkorea", "url": "https://www.ondemandkorea.com/crossing"}"#,
    )
    .unwrap();
    let offer: Availability = serde_json::from_value(serde_json::json!({
        "country": "US", "kind": "stream", "service": "OnDemandKorea", "company": "ondemandkorea",
        "seen": "2026-11", "sources": [{"source": "ondemandkorea-crossing", "quote": "Watch Crossing"}]
    }))
    .unwrap();
    let Entity::Film(mut film) = app
        .store
        .get(EntityKind::Film, &EntityId::parse("crossing-2008").unwrap())
        .await
        .unwrap()
    else {
        panic!("crossing-2008 is a film");
    };
    film.availability.push(offer);
    app.store
        .put(
            vec![source, Entity::Film(film)],
            "@editor",
            "Crossing streams in the US",
        )
        .await
        .unwrap();
    app.search
        .refresh(&app.store, &mut |_, _| {})
        .await
        .unwrap();
}

async fn where_to_watch_is_shown_and_filters_search(backend: Backend) {
    let app = TestApp::demo(backend).await;
    // The demo states no offer: no page of it says where Crossing streams.
    let html = app.get("/films/crossing-2008").await.html();
    assert!(select(&html, "#watch").is_empty());
    offer_crossing_in_the_us(&app).await;
    let html = app.get("/films/crossing-2008").await.html();
    let watch = text(&select(&html, "#watch")[0]);
    assert!(
        watch.contains("United States") && watch.contains("OnDemandKorea"),
        "{watch}"
    );
    assert!(watch.contains("Stream"), "{watch}");
    let hits = |query: &str| {
        let app = &app;
        let query = query.to_owned();
        async move {
            app.get(&format!("/api/v1/search?q=crossing&kind=film{query}"))
                .await
                .json()["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|hit| hit["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert!(hits("").await.contains(&"crossing-2008".to_owned()));
    assert_eq!(hits("&available=US").await, ["crossing-2008"]);
    assert!(hits("&available=kr").await.is_empty());
    assert_eq!(
        app.get("/api/v1/search?q=crossing&available=USA")
            .await
            .status,
        400
    );
    // A member's watchlist, filtered to what can be watched in their country.
    let ada = member(&app, "ada", Role::Member).await;
    for film in ["crossing-2008", "the-defector-escape-from-north-korea"] {
        ada.post_form(&format!("/films/{film}/watchlist"), &[("on", "on")])
            .await;
    }
    let all = app.get("/users/ada/watchlist").await.html();
    assert_eq!(select(&all, "ol.film-lines li").len(), 2);
    let here = app.get("/users/ada/watchlist?available=us").await.html();
    let lines: Vec<String> = select(&here, "ol.film-lines li").iter().map(text).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("Crossing") && lines[0].contains("stream on OnDemandKorea"),
        "{lines:?}"
    );
    assert_eq!(
        app.get("/users/ada/watchlist?available=Narnia")
            .await
            .status,
        400
    );
    // A member who says where they live is offered that filter.
    let bad = ada
        .post_form(
            "/settings",
            &[("display_name", "Ada"), ("country", "Narnia")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("Your country"), "{}", bad.body);
    let saved = ada
        .post_form("/settings", &[("display_name", "Ada"), ("country", "us")])
        .await;
    assert_eq!(saved.status, 303);
    let offered = ada.get("/users/ada/watchlist").await.html();
    let link = select(&offered, "form.available-filter a");
    assert_eq!(link.len(), 1);
    assert_eq!(
        link[0].value().attr("href"),
        Some("/users/ada/watchlist?available=US")
    );
    let search = ada.get("/search?q=crossing").await.html();
    let offer = select(&search, "p.feeds a");
    assert_eq!(offer.len(), 1);
    assert_eq!(text(&offer[0]), "Only films I can watch in US");
    assert!(
        offer[0]
            .value()
            .attr("href")
            .unwrap()
            .ends_with("&available=US")
    );
    let page = app.get("/search?q=crossing&available=US").await.html();
    let found: Vec<String> = select(&page, "main li a, .hits a")
        .iter()
        .map(text)
        .collect();
    assert!(found.iter().any(|f| f.contains("Crossing")), "{found:?}");
}

/// The Chosun Ilbo's article of 17 March 2008 as a reader would paste it:
/// it spells the director "Kim Tae-gyoon", and a later paragraph names the
/// cast as newspapers in Hangul would.
const ARTICLE: &str = "Amid growing interest from the global community in the Chosun Ilbo documentary \"On the Border\", another Korean film about North Korean refugees is set to be released in May.

\"Crossing\" is the first Korean feature film to deal with the miserable reality faced by North Korean defectors, including laborers in a logging camp and teenagers who survive by begging and stealing. The 2006 movie \"South of the Border\" dealt with the story of separated North Korean lovers, but \"Crossing\" focuses on the refugees' struggle to survive.

\"Crossing\" is a heartbreaking human drama about a man (Cha In-pyo) who escapes from a mining village in North Korea's North Hamgyong Province to find medicine and food for his family.

North Korean Kim Chul-yong, who was a member of North Korean arts propaganda squads and defected to the South in 2001, helped out as an assistant director.

Things turned around when new investment and distribution company Vantage Holdings decided to shoulder almost half the production costs. Vantage also invested in the latest hit thriller \"The Chaser\".

The film was directed by Kim Tae-gyoon, whose filmography includes the 2001 movie \"Volcano High\", \"Temptation of Wolves\" (2004) and \"A Millionaire's First Love\" (2006).

크로싱의 김태균 감독과 차인표가 기자회견에 나왔다. Many were lost crossing the border.";

async fn a_pasted_article_is_linked_to_the_right_people_in_any_spelling(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let mia = member(&app, "mia", Role::Member).await;
    let fields = [
        (
            "title",
            "Daring Movie Tells Plight of N.Korean Refugees (pasted)",
        ),
        ("publisher", "Chosun Ilbo"),
        ("date", "2008-03-17"),
        ("lang", "en"),
        ("text", ARTICLE),
    ];
    assert_eq!(mia.post_form("/news", &fields).await.status, 403);
    let bad = eddie
        .post_form(
            "/news",
            &[("title", "x"), ("date", "17 March"), ("text", "Crossing")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("Date:"), "{}", bad.body);
    let saved = eddie.post_form("/news", &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let review = saved.location.unwrap();
    assert!(review.ends_with("/mentions"), "{review}");
    let id = review
        .trim_start_matches("/sources/")
        .trim_end_matches("/mentions")
        .to_owned();
    let page = eddie.get(&review).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let proposed: Vec<String> = select(&html, "input[name=link]")
        .iter()
        .map(|input| input.value().attr("value").unwrap().to_owned())
        .collect();
    for expected in [
        "film:crossing-2008",
        "person:kim-tae-kyun",
        "person:cha-in-pyo",
        "person:kim-chul-yong",
        "company:vantage-holdings",
        "film:the-chaser-2008",
        "film:volcano-high-2001",
        "film:temptation-of-wolves-2004",
        "film:a-millionaires-first-love-2006",
        "film:south-of-the-border-2006",
        "film:on-the-border",
    ] {
        assert!(
            proposed.contains(&expected.to_owned()),
            "{expected} not in {proposed:?}"
        );
    }
    // "lost crossing the border" names neither the series nor the film.
    assert!(!proposed.contains(&"film:lost".to_owned()), "{proposed:?}");
    let director = text(
        &select(&html, "tr")
            .into_iter()
            .find(|row| text(row).contains("Kim Tae-kyun"))
            .unwrap(),
    );
    assert!(
        director.contains("Kim Tae-gyoon"),
        "the spelling used: {director}"
    );
    // The editor keeps every proposal but the Chaser.
    let mut form: Vec<(String, String)> = vec![("csrf".into(), eddie.csrf().await)];
    for value in &proposed {
        form.push(("shown".into(), value.clone()));
        if value != "film:the-chaser-2008" {
            form.push(("link".into(), value.clone()));
        }
    }
    let confirmed = eddie
        .post_form_raw(&format!("/sources/{id}/mentions"), &form)
        .await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let article = app.get(&format!("/sources/{id}")).await.html();
    let named = text(&select(&article, "#mentions")[0]);
    assert!(
        named.contains("Kim Tae-kyun") && named.contains("as “Kim Tae-gyoon”"),
        "{named}"
    );
    assert!(!named.contains("The Chaser"), "{named}");
    // In the text, every spelling of a confirmed name links to its page.
    let links: Vec<String> = select(&article, "#text a[href='/people/kim-tae-kyun']")
        .iter()
        .map(text)
        .collect();
    assert!(
        links.contains(&"Kim Tae-gyoon".to_owned()) && links.contains(&"김태균".to_owned()),
        "{links:?}"
    );
    assert!(select(&article, "#text a[href='/films/the-chaser-2008']").is_empty());
    // Settled names are not proposed again.
    let again = eddie.get(&review).await.html();
    assert!(select(&again, "input[name=link]").is_empty());
    // The article is in the news on the director's page and in his feed,
    // and in the site's.
    let director = app.get("/people/kim-tae-kyun").await.html();
    let news = text(&select(&director, "#news")[0]);
    assert!(news.contains("Daring Movie Tells Plight"), "{news}");
    let feed = app.get("/people/kim-tae-kyun/news.atom").await;
    assert!(feed.content_type.starts_with("application/atom+xml"));
    let feed = atom_syndication::Feed::read_from(feed.body.as_bytes()).unwrap();
    assert!(
        feed.entries()
            .iter()
            .any(|entry| entry.title().contains("(pasted)"))
    );
    let site = app.get("/news.atom").await;
    let site = atom_syndication::Feed::read_from(site.body.as_bytes()).unwrap();
    assert!(site.entries().len() >= 7, "{}", site.entries().len());
    assert!(app.get("/news").await.body.contains("(pasted)"));
    // The Chaser was turned down: not in its news.
    let chaser = app.get("/films/the-chaser-2008").await.html();
    assert!(
        select(&chaser, "#news")
            .iter()
            .all(|section| !text(section).contains("(pasted)"))
    );
}

async fn screenings_that_cannot_be_placed_in_time_are_refused(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let eddie = member(&app, "eddie", Role::Editor).await;
    let changes = app.store.count_changes().await.unwrap();
    let section = app
        .get("/api/v1/events/idfa-2012-reflecting-images-panorama")
        .await
        .json()["entity"]
        .clone();
    let try_with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut document = section.clone();
        change(&mut document);
        document
    };
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (
            // 31 March 2013, 02:30: Amsterdam's clocks skip from 02:00 to 03:00.
            try_with(&|d| d["screenings"][1]["start"] = "2013-03-31T02:30".into()),
            "does not exist in Europe/Amsterdam",
        ),
        (
            try_with(&|d| d["screenings"][1]["end"] = "2012-11-19T11:00".into()),
            "is before the start",
        ),
        (
            try_with(&|d| d["screenings"][1]["film"] = "no-such-film".into()),
            "refers to film `no-such-film`",
        ),
        (
            try_with(&|d| d["screenings"][1]["start"] = "19 Nov 12:45".into()),
            "screenings[1].start",
        ),
    ];
    for (document, expected) in cases {
        let response = eddie
            .json(
                "PUT",
                "/api/v1/events/idfa-2012-reflecting-images-panorama",
                serde_json::json!({"document": document, "summary": "test"}),
            )
            .await;
        assert_eq!(response.status, 400, "{expected}: {}", response.body);
        assert!(
            response.body.contains(expected),
            "{expected}: {}",
            response.body
        );
    }
    // A venue whose zone is unknown, or one changed under its screenings.
    let venue = app.get("/api/v1/venues/tuschinski-1").await.json()["entity"].clone();
    let mut wrong_zone = venue.clone();
    wrong_zone["time_zones"][0]["zone"] = "Europe/Amsterdm".into();
    let response = eddie
        .json(
            "PUT",
            "/api/v1/venues/tuschinski-1",
            serde_json::json!({"document": wrong_zone, "summary": "test"}),
        )
        .await;
    assert_eq!(response.status, 400);
    assert!(
        response
            .body
            .contains("`Europe/Amsterdm` is not an IANA time zone"),
        "{}",
        response.body
    );
    let mut no_zone = venue.clone();
    no_zone.as_object_mut().unwrap().remove("time_zones");
    let response = eddie
        .json(
            "PUT",
            "/api/v1/venues/tuschinski-1",
            serde_json::json!({"document": no_zone, "summary": "test", "reason": "test"}),
        )
        .await;
    assert_eq!(response.status, 400, "{}", response.body);
    assert!(
        response.body.contains("has no time zone"),
        "{}",
        response.body
    );
    // Nothing was saved: the same changes, the same programme.
    assert_eq!(app.store.count_changes().await.unwrap(), changes);
    let ics = app
        .get("/films/the-defector-escape-from-north-korea/calendar.ics")
        .await;
    assert_eq!(vevents(&ics.body).len(), 4);
    // The import names the file, the line and the field.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"format": "kinora-catalog", "version": 3,
  "venues": [{"id": "nowhere", "names": [{"text": "Nowhere", "kind": "primary"}],
              "time_zones": [{"zone": "Mars/Olympus_Mons"}]}]
}"#,
    )
    .unwrap();
    let output = kinora(
        folder.path().join("store"),
        &["import", file.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("bad.json:3"), "{message}");
    assert!(message.contains("Mars/Olympus_Mons"), "{message}");
}
