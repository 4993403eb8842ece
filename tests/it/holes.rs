//! The holes an attacker found, each closed: redirects that leave the site,
//! a hidden post's text, user text that ends a script element early, and
//! text that starts a line of its own in a calendar.

use std::sync::Arc;

use axum::http::StatusCode;
use kinora_core::community::Role;
use kinora_store::community::{Author, NewPost, Subject};

use crate::common::*;
use crate::community::member;

/// `next` after signing in: each of these must land on this site. Browsers
/// drop tabs and newlines, strip control characters and spaces at the
/// ends, and read `\` as `/`.
const NEXT_VARIANTS: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\\evil.example",
    " //evil.example",
    "/ /evil.example",
    "\t//evil.example",
    "/\u{b}/evil.example",
    "/\u{c}/evil.example",
    "/\u{0}/evil.example",
    "/\u{7f}/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "/%2f/evil.example",
    "/%5c/evil.example",
    "@evil.example",
    "evil.example",
    "/\u{85}/evil.example",
    "/\u{3000}/evil.example",
    "/.//evil.example",
];

/// Where a browser goes for a `Location` value: the value without tabs and
/// newlines and trimmed of control characters and spaces, then resolved.
fn where_a_browser_goes(location: &str) -> url::Url {
    let cleaned: String = location
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    url::Url::parse("http://kinora.test/sign-in")
        .unwrap()
        .join(cleaned)
        .unwrap()
}

#[tokio::test]
async fn signing_in_or_up_never_redirects_to_another_site() {
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.limits = Arc::new(kinora::web::auth::SignInLimits::new(1000, 1000));
    member(&app, "ada", Role::Member).await;
    for (index, next) in NEXT_VARIANTS.iter().enumerate() {
        let browser = app.browser();
        for signed in [
            browser
                .post_form(
                    "/sign-in",
                    &[
                        ("name", "ada"),
                        ("password", "a long enough password"),
                        ("next", next),
                    ],
                )
                .await,
            app.browser()
                .post_form(
                    "/sign-up",
                    &[
                        ("name", &format!("newcomer{index}")),
                        ("password", "a long enough password"),
                        ("next", next),
                    ],
                )
                .await,
        ] {
            assert_eq!(
                signed.status,
                StatusCode::SEE_OTHER,
                "{next:?}: {}",
                signed.body
            );
            let location = signed.location.unwrap();
            let target = where_a_browser_goes(&location);
            assert_eq!(
                target.host_str(),
                Some("kinora.test"),
                "{next:?} sent the browser to {location:?}"
            );
        }
    }
    // A path on this site is kept.
    let signed = app
        .browser()
        .post_form(
            "/sign-in",
            &[
                ("name", "ada"),
                ("password", "a long enough password"),
                ("next", "/films/crossing-2008?tab=reviews#top"),
            ],
        )
        .await;
    assert_eq!(
        signed.location.as_deref(),
        Some("/films/crossing-2008?tab=reviews#top")
    );
}

#[tokio::test]
async fn a_hidden_posts_text_now_and_before_is_for_moderators_only() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let mia = member(&app, "mia", Role::Member).await;
    let ben = member(&app, "ben", Role::Member).await;
    let mona = member(&app, "mona", Role::Moderator).await;
    let mia_id = app.store.account_by_name("mia").await.unwrap().unwrap().id;
    let mona_id = app.store.account_by_name("mona").await.unwrap().unwrap().id;
    let thread = app
        .store
        .create_thread(
            &Subject::Site,
            "A thread",
            &NewPost {
                author: Author::Account(mia_id),
                body: "First words, a secret".into(),
                quote_of: None,
                reposts: Vec::new(),
                source_id: None,
                at: None,
                gap_before: None,
            },
        )
        .await
        .unwrap();
    let post = app.store.posts(thread).await.unwrap()[0].id;
    app.store
        .edit_post(post, mia_id, "Second words, also a secret")
        .await
        .unwrap();
    app.store
        .hide_post(post, mona_id, Some("doxxing"))
        .await
        .unwrap();

    let anonymous = app.browser();
    for (who, browser) in [("anonymous", &anonymous), ("ben", &ben), ("mia", &mia)] {
        for path in [
            format!("/posts/{post}/edit"),
            format!("/threads/{thread}?quote={post}"),
            format!("/threads/{thread}"),
            format!("/api/v1/threads/{thread}"),
            format!("/threads/{thread}/feed.atom"),
        ] {
            let page = browser.get(&path).await;
            assert!(
                !page.body.contains("secret"),
                "{who} reads the hidden post at {path}: {}",
                page.body
            );
        }
    }
    let page = mona.get(&format!("/posts/{post}/edit")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("First words, a secret"));
}

/// The JSON-LD of the page, read as a browser's HTML parser reads it, and
/// whether the page's body survived.
fn json_ld_and_body(page: &TestResponse) -> (serde_json::Value, usize) {
    let html = page.html();
    let scripts = select(&html, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "one JSON-LD block");
    let ld = serde_json::from_str(&scripts[0].inner_html())
        .unwrap_or_else(|error| panic!("the JSON-LD block is cut ({error})"));
    (ld, select(&html, "main").len())
}

#[tokio::test]
async fn user_text_cannot_end_a_script_element_or_swallow_the_page() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let ada = member(&app, "ada", Role::Member).await;
    let hostile = "Look <!--<script> and </script><p>more</p> & \u{2028} end";
    let saved = ada
        .post_form(
            "/films/crossing-2008/review",
            &[("rating", "8"), ("headline", hostile), ("body", hostile)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.get("/films/crossing-2008").await;
    let (ld, mains) = json_ld_and_body(&page);
    assert_eq!(mains, 1, "the page's body is gone");
    assert!(ld.to_string().contains("<!--<script>"), "{ld}");
    let html = page.html();
    assert!(
        !select(&html, "main h1").is_empty(),
        "the film's title is swallowed"
    );

    let thread = ada
        .post_form(
            "/threads",
            &[
                ("kind", "film"),
                ("id", "crossing-2008"),
                ("title", hostile),
                ("body", hostile),
            ],
        )
        .await;
    assert_eq!(thread.status, StatusCode::SEE_OTHER, "{}", thread.body);
    let page = app.get(thread.location.as_deref().unwrap()).await;
    let (ld, mains) = json_ld_and_body(&page);
    assert_eq!(mains, 1, "the thread's body is gone");
    assert!(ld.to_string().contains("<!--<script>"), "{ld}");
}

#[tokio::test]
async fn a_city_in_a_calendar_link_cannot_add_events() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let honest = app.get("/whats-on.ics?city=Amsterdam").await;
    assert_eq!(honest.status, StatusCode::OK);
    let city = "Amsterdam\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Free tickets\r\nDTSTART:20300101T000000Z\r\nEND:VEVENT\r\nX-A:";
    let hostile = app
        .get(&format!("/whats-on.ics?city={}", encode(city)))
        .await;
    let unfolded = hostile.body.replace("\r\n ", "");
    // As a lenient reader splits it: at any line break.
    for line in unfolded.split(['\r', '\n']) {
        assert!(
            !line.starts_with("UID:evil") && !line.starts_with("SUMMARY:Free tickets"),
            "an injected line: {line:?}\n{unfolded}"
        );
    }
}

#[tokio::test]
async fn a_client_cannot_choose_its_address_or_the_host_of_links() {
    use axum::body::Body;
    use axum::http::Request;
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.limits = Arc::new(kinora::web::auth::SignInLimits::new(5, 3));
    // Without a proxy to trust, X-Forwarded-For is the client's own word.
    let attacker = app.browser();
    let token = attacker.csrf().await;
    let mut statuses = Vec::new();
    for n in 0..4 {
        let attempt = attacker
            .send(
                Request::post("/sign-in")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("x-forwarded-for", format!("192.0.2.{n}"))
                    .body(Body::from(format!(
                        "name=someone{n}&password=guess+guess+guess&csrf={token}"
                    )))
                    .unwrap(),
            )
            .await;
        statuses.push(attempt.status.as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 429]);

    // Feeds link to the configured address, whatever Host the client sent.
    for path in [
        "/news.atom",
        "/films/crossing-2008/reviews.atom",
        "/whats-on.ics",
    ] {
        let feed = app
            .send(
                Request::get(path)
                    .header("host", "evil.example")
                    .header("x-forwarded-host", "evil.example")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(feed.status, StatusCode::OK, "{path}");
        assert!(!feed.body.contains("evil.example"), "{path}: {}", feed.body);
    }
}

#[tokio::test]
async fn sign_ups_and_resets_are_limited_per_address() {
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.limits = Arc::new(kinora::web::auth::SignInLimits::new(5, 3));
    let mut statuses = Vec::new();
    for n in 0..4 {
        let made = app
            .browser()
            .post_form(
                "/sign-up",
                &[
                    ("name", &format!("bot{n}")),
                    ("password", "a long enough password"),
                ],
            )
            .await;
        statuses.push(made.status.as_u16());
    }
    assert_eq!(statuses, [303, 303, 303, 429]);
    let mut statuses = Vec::new();
    for n in 0..4 {
        let reset = app
            .browser()
            .post_form(
                "/reset-password",
                &[
                    ("token", &format!("no-such-token-{n}")),
                    ("password", "a long enough password"),
                ],
            )
            .await;
        statuses.push(reset.status.as_u16());
    }
    assert_eq!(statuses, [400, 400, 400, 429]);
}

#[tokio::test]
async fn pages_cannot_be_framed_or_sniffed() {
    let app = TestApp::demo(Backend::Sqlite).await;
    for path in [
        "/",
        "/films/crossing-2008",
        "/api/v1/films/crossing-2008",
        "/nowhere",
    ] {
        let response = router_response(&app, path).await;
        let headers = response.headers();
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
}

async fn router_response(app: &TestApp, path: &str) -> axum::response::Response {
    use tower::ServiceExt;
    kinora::web::router(app.state.clone())
        .oneshot(
            axum::http::Request::get(path)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_member_out_nor_get_more_tries_by_email() {
    use axum::body::Body;
    use axum::http::Request;
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.config = Arc::new(kinora::web::WebConfig {
        trust_forwarded: true,
        ..kinora::web::WebConfig::default()
    });
    app.state.limits = Arc::new(kinora::web::auth::SignInLimits::new(3, 100));
    let made = app
        .browser()
        .post_form(
            "/sign-up",
            &[
                ("name", "ada"),
                ("email", "ada@example.org"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let try_from = |address: &'static str, name: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let browser = app.browser();
            let token = browser.csrf().await;
            browser
                .send(
                    Request::post("/sign-in")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("x-forwarded-for", address)
                        .body(Body::from(format!(
                            "name={}&password={}&csrf={token}",
                            encode(name),
                            encode(password)
                        )))
                        .unwrap(),
                )
                .await
                .status
                .as_u16()
        }
    };
    // By name, then by email: one account, one count.
    let mut statuses = Vec::new();
    for name in ["ada", "ada@example.org", "ada", "ada@example.org"] {
        statuses.push(try_from("192.0.2.66", name, "wrong wrong wrong").await);
    }
    assert_eq!(statuses, [401, 401, 401, 429]);
    // Ada, elsewhere, still signs in.
    assert_eq!(
        try_from("198.51.100.7", "ada", "a long enough password").await,
        303
    );
}

#[tokio::test]
async fn signing_up_does_not_tell_whether_an_email_is_registered() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let sign_up = |name: &'static str| {
        let app = &app;
        async move {
            app.browser()
                .post_form(
                    "/sign-up",
                    &[
                        ("name", name),
                        ("email", "ada@example.org"),
                        ("password", "a long enough password"),
                    ],
                )
                .await
        }
    };
    let first = sign_up("ada").await;
    let second = sign_up("prober").await;
    assert_eq!(first.status, second.status, "{}", second.body);
    assert_eq!(second.location.as_deref(), Some("/users/prober"));
    // The email stays the first account's.
    let found = app
        .store
        .credentials("ada@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.account.name.as_str(), "ada");
}
