//! The interface in Korean and English: the language chosen from the
//! browser, the address, a remembered choice or the member's setting;
//! every word of the templates from the catalogs; titles and names as the
//! reader chose.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};

/// Templates that still hold English outside the catalogs. Each one
/// converted leaves this list; the list only shrinks.
const NOT_YET_IN_THE_CATALOGS: &[&str] = &[];

/// Words that are the same in every language: names of the product, of
/// formats and of standards.
const WORDS_OF_EVERY_LANGUAGE: &[&str] = &[
    "Kinora",
    "JSON",
    "API",
    "IMDb",
    "CSV",
    "Atom",
    "UTC",
    "Letterboxd",
    "iCalendar",
    "OpenAPI",
];

/// The words a template shows a reader outside `{{ … }}` and `{% … %}`:
/// text between tags and the attributes a reader sees or hears.
fn shown_words(template: &str) -> Vec<String> {
    let code = regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").unwrap();
    let text = code.replace_all(template, "\u{1}");
    // Scripts, styles and commands to type are not words to translate.
    let hidden =
        regex::Regex::new(r"(?is)<script.*?</script>|<style.*?</style>|<code>.*?</code>").unwrap();
    let text = hidden.replace_all(&text, "");
    let attribute =
        regex::Regex::new(r#"(?i)\b(?:placeholder|title|aria-label|alt|label)="([^"]*)""#).unwrap();
    let tag = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let mut shown: Vec<String> = Vec::new();
    for found in attribute.captures_iter(&text) {
        shown.push(found[1].to_owned());
    }
    shown.extend(tag.split(&text).map(str::to_owned));
    let word = regex::Regex::new(r"[A-Za-z][A-Za-z'’]+").unwrap();
    shown
        .iter()
        .flat_map(|part| {
            word.find_iter(part)
                .map(|w| w.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|w| !WORDS_OF_EVERY_LANGUAGE.contains(&w.as_str()))
        .collect()
}

#[test]
fn templates_hold_no_english_outside_the_catalogs() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut english = Vec::new();
    let mut converted_but_listed = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let words = shown_words(&std::fs::read_to_string(&path).unwrap());
        let listed = NOT_YET_IN_THE_CATALOGS.contains(&name.as_str());
        if !words.is_empty() && !listed {
            english.push(format!("{name}: {}", words.join(" ")));
        }
        if words.is_empty() && listed {
            converted_but_listed.push(name);
        }
    }
    assert!(
        english.is_empty(),
        "English outside the catalogs:\n{}",
        english.join("\n")
    );
    assert!(
        converted_but_listed.is_empty(),
        "these templates speak through the catalogs now: take them off the list: {converted_but_listed:?}"
    );
}

/// A page as a browser asking for `accept_language` reads it, with the
/// cookies given.
async fn page(app: &TestApp, path: &str, accept_language: &str, cookie: &str) -> TestResponse {
    let mut request = Request::get(path).header("accept-language", accept_language);
    if !cookie.is_empty() {
        request = request.header("cookie", cookie);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    select(html, selector).iter().map(text).collect()
}

async fn a_korean_browser_reads_crossing_in_korean_with_its_other_titles_beside(backend: Backend) {
    {
        let app = TestApp::demo(backend).await;
        let korean = page(&app, "/films/crossing-2008", "ko-KR,ko;q=0.9,en;q=0.8", "").await;
        assert_eq!(korean.status, StatusCode::OK);
        assert_eq!(korean.headers["content-language"], "ko");
        let html = korean.html();
        assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("ko"));
        let h1 = &select(&html, "h1")[0];
        assert_eq!(text(h1), "크로싱");
        assert_eq!(h1.value().attr("lang"), Some("ko"));
        let beside = texts(&html, "p.also-written span");
        assert_eq!(
            beside,
            ["Keurosing", "Crossing"],
            "romanization and English title beside"
        );
        // The interface and the dates in Korean.
        let nav = texts(&html, "header.site nav a").join(" ");
        assert!(nav.contains("영화") && nav.contains("상영 일정"), "{nav}");
        let headings = texts(&html, "h2").join(" | ");
        for heading in ["출연", "제작진", "개봉일", "출처"] {
            assert!(headings.contains(heading), "no “{heading}” in {headings}");
        }
        assert!(
            korean.body.contains("2008년 6월 26일"),
            "the release date in Korean"
        );
        assert!(korean.body.contains("김태균"), "the director in Hangul");
        // The budget as Korean film pages write it; the conversion at the
        // quoted rate said roughly, not in English words.
        assert!(korean.body.contains("₩40억"), "the budget in 억");
        assert!(!korean.body.contains("million"), "no English number words");
        assert!(
            !korean.body.contains(">Sign in<"),
            "no English sign-in link"
        );
        // The same page in English, by default.
        let english = page(&app, "/films/crossing-2008", "en-GB,en;q=0.9", "").await;
        let html = english.html();
        assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("en"));
        assert_eq!(text(&select(&html, "h1")[0]), "Crossing");
        assert_eq!(texts(&html, "p.also-written span"), ["크로싱", "Keurosing"]);
        assert!(english.body.contains("26 June 2008"));
        assert!(english.body.contains("Kim Tae-kyun"));
        assert!(english.body.contains("₩4,000,000,000"));
        // Each language names the other as an alternate, at its own address.
        let alternates: Vec<(String, String)> = select(&html, "link[rel=alternate][hreflang]")
            .iter()
            .map(|link| {
                let value = link.value();
                (
                    value.attr("hreflang").unwrap().to_owned(),
                    value.attr("href").unwrap().to_owned(),
                )
            })
            .collect();
        assert!(
            alternates
                .iter()
                .any(|(lang, href)| lang == "ko" && href.ends_with("/films/crossing-2008?lang=ko")),
            "{alternates:?}"
        );
        let locale = select(&html, "meta[property='og:locale']")[0]
            .value()
            .attr("content");
        assert_eq!(locale, Some("en_GB"));
    }
}

#[tokio::test]
async fn the_language_is_switched_and_remembered_and_the_address_wins() {
    let app = TestApp::demo(Backend::Sqlite).await;
    // The address chooses over the browser.
    let asked = page(&app, "/films/crossing-2008?lang=en", "ko-KR", "").await;
    assert_eq!(text(&select(&asked.html(), "h1")[0]), "Crossing");
    // The switch remembers the choice in a cookie and goes back.
    let switch = app
        .get("/preferences?lang=ko&back=%2Ffilms%2Fcrossing-2008%3Fq%3D1")
        .await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location.as_deref(), Some("/films/crossing-2008?q=1"));
    let cookie = switch
        .cookies
        .iter()
        .find(|set| set.starts_with("kinora_lang=ko"))
        .expect("the choice is remembered")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let remembered = page(&app, "/films/crossing-2008", "en-GB", &cookie).await;
    assert_eq!(text(&select(&remembered.html(), "h1")[0]), "크로싱");
    // And back to English.
    let back = app.get("/preferences?lang=en&back=/").await;
    assert!(
        back.cookies
            .iter()
            .any(|set| set.starts_with("kinora_lang=en"))
    );
    // Never back to another site.
    let away = app.get("/preferences?lang=ko&back=//example.com/").await;
    assert_eq!(away.location.as_deref(), Some("/"));
    // A language the interface does not speak is refused in words.
    let unknown = app.get("/preferences?lang=xx").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    // The switch is on every page, in the other language's own words.
    let home = page(&app, "/", "en", "").await;
    let home = home.html();
    let switch_link = &select(&home, "a.language")[0];
    assert_eq!(text(switch_link), "한국어");
    assert_eq!(switch_link.value().attr("lang"), Some("ko"));
}

#[tokio::test]
async fn an_english_reader_can_choose_original_titles_and_names() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let original = page(&app, "/films/crossing-2008", "en", "kinora_names=original").await;
    let html = original.html();
    assert_eq!(text(&select(&html, "h1")[0]), "크로싱");
    assert_eq!(
        texts(&html, "p.also-written span"),
        ["Keurosing", "Crossing"]
    );
    // The English interface stays.
    assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("en"));
    // People named in their original script too, in lists and cards.
    assert!(original.body.contains("차인표"), "the cast in Hangul");
    let person = page(&app, "/people/kim-tae-kyun", "en", "kinora_names=original").await;
    assert_eq!(text(&select(&person.html(), "h1")[0]), "김태균");
    // Romanized: the name's own usual spelling, family name first.
    let romanized = page(&app, "/people/kim-tae-kyun", "ko", "kinora_names=romanized").await;
    let html = romanized.html();
    assert_eq!(text(&select(&html, "h1")[0]), "Kim Tae-kyun");
    assert_eq!(texts(&html, "p.also-written span"), ["김태균"]);
    // Search labels follow the same choice.
    let search = page(&app, "/search?q=Keurosing", "en", "kinora_names=original").await;
    assert!(
        texts(&search.html(), "ul.summaries a").contains(&"크로싱".to_owned()),
        "{}",
        search.body
    );
}

#[tokio::test]
async fn a_members_choice_follows_them_to_another_browser() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let browser = app.browser();
    browser.sign_up("minji").await;
    let saved = browser
        .post_form(
            "/preferences",
            &[("lang", "ko"), ("names", "original"), ("back", "/")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let account = app.store.account_by_name("minji").await.unwrap().unwrap();
    assert_eq!(account.lang.as_deref(), Some("ko"));
    assert_eq!(account.name_style.as_deref(), Some("original"));
    // Another browser, asking for English, with no remembered choice.
    let other = app.browser();
    let signed_in = other
        .post_form(
            "/sign-in",
            &[("name", "minji"), ("password", "a long enough password")],
        )
        .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    let film = other
        .send(
            Request::get("/films/crossing-2008")
                .header("accept-language", "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let html = film.html();
    assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("ko"));
    assert_eq!(text(&select(&html, "h1")[0]), "크로싱");
    // Visitors cannot save a setting they do not have.
    let visitor = app.browser();
    let refused = visitor.post_form("/preferences", &[("lang", "ko")]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

/// Every kind of page answers in Korean to a Korean browser, with the
/// frame in Korean and no English left in what the catalogs cover.
#[tokio::test]
async fn every_kind_of_page_speaks_korean() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let paths = [
        "/",
        "/films",
        "/films/crossing-2008",
        "/people/kim-tae-kyun",
        "/people",
        "/companies",
        "/sources",
        "/whats-on?from=2012-11-14",
        "/search?q=%ED%81%AC%EB%A1%9C%EC%8B%B1",
        "/preferences",
    ];
    for path in paths {
        let answer = page(&app, path, "ko-KR", "").await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let html = answer.html();
        assert_eq!(
            select(&html, "html")[0].value().attr("lang"),
            Some("ko"),
            "{path}"
        );
        let header = texts(&html, "header.site").join(" ");
        assert!(
            header.contains("로그인") && header.contains("회원가입"),
            "{path}: {header}"
        );
        for english in ["Sign in", "Sign up", "What's on", "Skip to content"] {
            assert!(
                !answer.body.contains(english),
                "{path} still says “{english}”"
            );
        }
    }
    // The festival's programme: days with their weekday, times in Korean.
    let programme = page(&app, "/events/idfa-2012", "ko-KR", "").await;
    assert!(
        programme.body.contains("2012년 11월 18일 (일)"),
        "the day in Korean"
    );
    assert!(programme.body.contains("오후 5:00"), "the time in Korean");
    assert!(
        programme.body.contains("상영 일정"),
        "the programme's heading"
    );
}

on_both_stores!(a_korean_browser_reads_crossing_in_korean_with_its_other_titles_beside);

/// The JSON API is the same whatever the browser's languages; it names
/// things in a language only when asked (`?lang=`), as the pages' search
/// suggestions do; a calendar and a feed speak the language asked for.
#[tokio::test]
async fn the_api_is_language_neutral_unless_asked_and_feeds_follow_the_reader() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let english = page(&app, "/api/v1/films/crossing-2008", "en", "").await;
    let korean = page(
        &app,
        "/api/v1/films/crossing-2008",
        "ko-KR",
        "kinora_lang=ko",
    )
    .await;
    assert_eq!(
        english.body, korean.body,
        "the API's data does not change with the browser"
    );
    let usual = app.get("/api/v1/suggest?q=Crossing").await.json();
    assert_eq!(usual["suggestions"][0]["name"], "Crossing");
    let asked = app
        .get("/api/v1/suggest?q=Crossing&lang=ko&names=local")
        .await
        .json();
    assert_eq!(asked["suggestions"][0]["name"], "크로싱", "{asked}");
    let calendar = page(&app, "/whats-on.ics?lang=ko", "en", "").await;
    assert!(
        calendar.body.contains("상영 일정"),
        "{}",
        &calendar.body[..calendar.body.len().min(600)]
    );
    let feed = page(&app, "/news.atom", "ko-KR", "").await;
    assert!(
        feed.body.contains("<title>뉴스 — Kinora</title>"),
        "{}",
        &feed.body[..feed.body.len().min(600)]
    );
}

/// A form's refusal is said in the reader's language, beside the field,
/// with the words of the catalog's checks.
#[tokio::test]
async fn a_form_says_what_is_wrong_in_korean() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let editor =
        crate::community::member(&app, "jiwoo", kinora_core::community::Role::Editor).await;
    let chosen = editor
        .post_form("/preferences", &[("lang", "ko"), ("back", "/")])
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
    let base = app.get("/api/v1/films/crossing-2008").await.json()["base_change"].to_string();
    let refused = editor
        .post_form(
            "/films/crossing-2008/claims/releases",
            &[
                ("action", "save"),
                ("base_change", &base),
                ("v.kind", "festival"),
                ("v.country", "Narnia"),
                ("v.date", "2008-10-05"),
                ("sources.0.source", "kofic-2008-05-06"),
                (
                    "sources.0.quote",
                    "Fine Cut is handling international sales.",
                ),
                ("summary", "영화제 상영"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.html();
    let error = text(&select(&html, "details.claim-box.add small.field-error")[0]);
    assert!(error.contains("알 수 없는 국가"), "{error}");
    assert!(
        texts(&html, "h1").contains(&"개봉".to_owned()),
        "the part named in Korean"
    );
}

#[tokio::test]
async fn an_import_names_the_file_line_and_column_at_fault_in_korean() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let member =
        crate::community::member(&app, "minji", kinora_core::community::Role::Member).await;
    let chosen = member
        .post_form("/preferences", &[("lang", "ko"), ("back", "/")])
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
    let diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
                 2026-02-14,Crossing,2008,https://boxd.it/abc,4.5,,,2026-02-14\n\
                 2026-02-15,Crossing,2008,https://boxd.it/abc,6,,,2026-02-15\n";
    let refused = member
        .post_multipart(
            "/me/import",
            &[("format", "letterboxd")],
            &[("file", "diary.csv", diary.as_bytes())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let html = refused.html();
    let error = text(&select(&html, ".error")[0]);
    assert!(
        error.contains("diary.csv 3번째 줄") && error.contains("\"Rating\" 열"),
        "{error}"
    );
    assert!(error.contains("0.5~5 사이의 별점이 아닙니다"), "{error}");
    // Nothing of the file was kept.
    let account = app.store.account_by_name("minji").await.unwrap().unwrap();
    assert!(app.store.diary(account.id, 100).await.unwrap().is_empty());
    // The same file read in English says it in English.
    let english = member
        .post_multipart(
            "/me/import?lang=en",
            &[("format", "letterboxd")],
            &[("file", "diary.csv", diary.as_bytes())],
        )
        .await;
    let html = english.html();
    let error = text(&select(&html, ".error")[0]);
    assert!(
        error.contains("diary.csv line 3, column \"Rating\": \"6\" is not a rating from 0.5 to 5"),
        "{error}"
    );
}

#[tokio::test]
async fn the_search_pages_refusals_are_in_korean() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let refused = page(&app, "/search?q=crossing&year=2010-2000", "ko-KR", "").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let html = refused.html();
    let error = text(&select(&html, ".error")[0]);
    assert!(error.contains("끝이 시작보다 앞섭니다"), "{error}");
    // The API says it in English, whatever the browser asks.
    let api = page(
        &app,
        "/api/v1/search?q=crossing&year=2010-2000",
        "ko-KR",
        "",
    )
    .await;
    assert!(api.body.contains("ends before it begins"), "{}", api.body);
}
