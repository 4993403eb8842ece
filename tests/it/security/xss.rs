//! Script in every field a user writes comes out inert.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kinora_core::community::Role;

use crate::common::*;
use crate::community::member;

const PAYLOADS: &[&str] = &[
    "<script>alert('x')</script>",
    "<img src=x onerror=alert('x')>",
    "<svg onload=alert('x')>",
    "\"><script>alert('x')</script>",
    "[click](javascript:alert('x'))",
    "<a href=\"javascript:alert('x')\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "</script><script>alert('x')</script>",
    "<scr<script>ipt>alert('x')</script>",
    "||<img src=x onerror=alert('x')>||",
    "==spoiler== <svg><script>alert('x')</script></svg>",
    "<div onmouseover=\"alert('x')\">hover</div>",
    "<b unclosed",
];

/// Checks a page for anything a user's text could have made live.
fn inert(page: &str, context: &str) {
    let html = scraper::Html::parse_document(page);
    for element in html.tree.nodes().filter_map(scraper::ElementRef::wrap) {
        let name = element.value().name();
        match name {
            "script" => {
                let attrs = element.value();
                let ours = [
                    kinora::web::assets::url("kinora.js"),
                    kinora::web::assets::url("theme.js"),
                ]
                .iter()
                .any(|url| attrs.attr("src") == Some(url.as_str()))
                    || attrs.attr("type") == Some("application/ld+json");
                assert!(ours, "{context}: a script element: {}", element.html());
                if attrs.attr("type") == Some("application/ld+json") {
                    serde_json::from_str::<serde_json::Value>(&element.inner_html())
                        .unwrap_or_else(|e| panic!("{context}: JSON-LD broken ({e})"));
                }
            }
            "img"
                if element
                    .value()
                    .attr("src")
                    .is_some_and(|src| src.starts_with("/pictures/")) => {}
            "iframe" | "object" | "embed" | "img" | "style" | "base" | "form" | "input"
                if !ours_form(&element) =>
            {
                panic!("{context}: a {name} element: {}", element.html());
            }
            "meta" if element.value().attr("http-equiv").is_some() => {
                panic!("{context}: a meta refresh: {}", element.html());
            }
            "svg" => {
                let class = element.value().attr("class").unwrap_or("");
                assert!(
                    ["histogram", "histogram small", "placeholder-art"].contains(&class),
                    "{context}: an svg element: {}",
                    element.html()
                );
            }
            _ => {}
        }
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "{context}: an event handler: {}",
                element.html()
            );
            if matches!(attribute, "href" | "src" | "action") {
                let lowered: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !lowered.starts_with("javascript:")
                        && !lowered.starts_with("data:")
                        && !lowered.starts_with("vbscript:"),
                    "{context}: a live URL: {}",
                    element.html()
                );
            }
        }
    }
}

/// Forms and inputs are the page's own when they sit where the templates
/// put them: a form posting to this site, inputs inside one (or the search
/// box).
fn ours_form(element: &scraper::ElementRef<'_>) -> bool {
    match element.value().name() {
        "form" => element
            .value()
            .attr("action")
            .is_some_and(|action| action.starts_with('/')),
        "input" => element
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .any(|ancestor| ancestor.value().name() == "form"),
        _ => false,
    }
}

#[tokio::test]
async fn script_in_every_user_text_field_comes_out_inert() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let ada = member(&app, "ada", Role::Admin).await;
    for (index, payload) in PAYLOADS.iter().enumerate() {
        let payload = *payload;
        let list_title = format!("List {index} {payload}");
        let steps: Vec<(&str, Vec<(&str, String)>)> = vec![
            (
                "/settings",
                vec![
                    (
                        "display_name",
                        format!("Ada {payload}").chars().take(60).collect(),
                    ),
                    ("bio", payload.into()),
                ],
            ),
            (
                "/films/crossing-2008/review",
                vec![
                    ("headline", payload.into()),
                    ("body", format!("{payload} and ||{payload}||")),
                ],
            ),
            (
                "/films/crossing-2008/diary",
                vec![("tags", payload.replace(',', " "))],
            ),
            (
                "/lists",
                vec![
                    ("title", list_title.clone()),
                    ("description", payload.into()),
                    ("films", format!("crossing-2008 | {payload}")),
                ],
            ),
            (
                "/threads",
                vec![
                    ("kind", "film".into()),
                    ("id", "crossing-2008".into()),
                    ("title", payload.into()),
                    ("body", payload.into()),
                ],
            ),
        ];
        for (path, fields) in &steps {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = ada.post_form(path, &fields).await;
            assert!(
                response.status.is_redirection() || response.status == StatusCode::BAD_REQUEST,
                "{path} with {payload}: {} {}",
                response.status,
                response.body
            );
        }
        let threads = app.get("/api/v1/threads").await.json();
        let thread = threads["threads"][0]["id"].as_i64().unwrap();
        let posted = ada
            .post_form(&format!("/threads/{thread}/posts"), &[("body", payload)])
            .await;
        assert!(posted.status.is_redirection(), "{}", posted.body);
        let post = app
            .store
            .posts(kinora_core::community::ThreadId(thread))
            .await
            .unwrap()[0]
            .id;
        ada.post_form(
            &format!("/posts/{post}/edit"),
            &[("body", &format!("edited {payload}"))],
        )
        .await;
        ada.post_form(&format!("/posts/{post}/hide"), &[("reason", payload)])
            .await;
        ada.post_form(
            &format!("/threads/{thread}/moderation"),
            &[("action", "pin"), ("reason", payload)],
        )
        .await;
        let slug = kinora_core::community::slug(&list_title);
        for page in [
            "/films/crossing-2008".to_owned(),
            "/users/ada".to_owned(),
            "/users/ada/diary".to_owned(),
            format!("/users/ada/lists/{slug}"),
            format!("/threads/{thread}"),
            format!("/posts/{post}/edit"),
            "/threads".to_owned(),
            "/moderation".to_owned(),
            "/films/crossing-2008/reviews.atom".to_owned(),
        ] {
            let response = ada.get(&page).await;
            assert_eq!(response.status, StatusCode::OK, "{page}");
            if page.ends_with(".atom") {
                let feed: atom_syndication::Feed = response.body.parse().unwrap();
                for entry in feed.entries() {
                    if let Some(content) = entry.content().and_then(|c| c.value()) {
                        inert(content, &format!("{page} entry with {payload}"));
                    }
                }
            } else {
                inert(&response.body, &format!("{page} with {payload}"));
            }
        }
    }
    // And the sign-up form's display name, before any account exists.
    let other = app.browser();
    let made = other
        .post_form(
            "/sign-up",
            &[
                ("name", "eve"),
                ("display_name", "<script>alert(1)</script>"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert!(made.status.is_redirection());
    inert(&other.get("/users/eve").await.body, "a display name");
    let raw = other
        .send(Request::get("/users/eve").body(Body::empty()).unwrap())
        .await;
    // Shown as the text it is.
    let html = raw.html();
    assert_eq!(text(&select(&html, "h1")[0]), "<script>alert(1)</script>");
}
