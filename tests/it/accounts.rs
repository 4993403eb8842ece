//! Accounts: signing up, in and out, CSRF, rate limits, passwords.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::common::*;

on_both_stores!(
    a_new_user_signs_up_out_and_in_again,
    a_form_without_its_token_or_from_another_site_changes_nothing,
    sign_in_attempts_are_limited_per_account,
    a_password_change_signs_out_other_sessions_and_a_reset_link_works_once,
    the_api_signs_in_with_json_and_refuses_form_posts,
);

async fn a_new_user_signs_up_out_and_in_again(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let browser = app.browser();
    let form = browser.get("/sign-up").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.cookies
            .iter()
            .any(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax")),
        "{:?}",
        form.cookies
    );
    let short = browser
        .post_form("/sign-up", &[("name", "huangsy"), ("password", "short")])
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(
        short.body.contains("at least 10 characters"),
        "{}",
        short.body
    );
    assert_eq!(app.store.count_accounts().await.unwrap(), 0);

    let made = browser.sign_up("huangsy").await;
    assert_eq!(made.location.as_deref(), Some("/users/huangsy"));
    let page = browser.get("/films/crossing-2008").await;
    let html = page.html();
    assert_eq!(text(&select(&html, "header a.me")[0]), "huangsy");

    let taken = app
        .browser()
        .post_form(
            "/sign-up",
            &[("name", "HuangSY"), ("password", "another long password")],
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(taken.body.contains("taken"));

    let out = browser.post_form("/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let page = browser.get("/").await;
    assert!(select(&page.html(), "header a.me").is_empty());

    let wrong = browser
        .post_form(
            "/sign-in",
            &[("name", "huangsy"), ("password", "not the password")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("do not match"));
    let right = browser
        .post_form(
            "/sign-in",
            &[
                ("name", "huangsy"),
                ("password", "a long enough password"),
                ("next", "/films/crossing-2008"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    assert_eq!(right.location.as_deref(), Some("/films/crossing-2008"));
    // Never onwards to another site.
    browser.post_form("/sign-out", &[]).await;
    let away = browser
        .post_form(
            "/sign-in",
            &[
                ("name", "huangsy"),
                ("password", "a long enough password"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(away.location.as_deref(), Some("/"));
}

async fn a_form_without_its_token_or_from_another_site_changes_nothing(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let browser = app.browser();
    browser.get("/sign-up").await;
    let fields = |csrf: &str| {
        vec![
            ("name".to_owned(), "mallory".to_owned()),
            ("password".to_owned(), "a long enough password".to_owned()),
            ("csrf".to_owned(), csrf.to_owned()),
        ]
    };
    let without = browser.post_form_raw("/sign-up", &fields("")[..2]).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let wrong = browser
        .post_form_raw("/sign-up", &fields("not-the-token"))
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // Another browser's token is not this one's.
    let other = app.browser();
    let token = other.csrf().await;
    let stolen = browser.post_form_raw("/sign-up", &fields(&token)).await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);
    // The right token from another site's page.
    let token = browser.csrf().await;
    let body = format!("name=mallory&password=a+long+enough+password&csrf={token}");
    let cross = browser
        .send(
            Request::post("/sign-up")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", "https://evil.example")
                .header("host", "kinora.example")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.count_accounts().await.unwrap(), 0);
    let right = browser.post_form_raw("/sign-up", &fields(&token)).await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
}

async fn sign_in_attempts_are_limited_per_account(backend: Backend) {
    let app = TestApp::demo(backend).await;
    app.browser().sign_up("ada").await;
    let attacker = app.browser();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let attempt = attacker
            .post_form(
                "/sign-in",
                &[("name", "ada"), ("password", "guess guess guess")],
            )
            .await;
        statuses.push(attempt.status.as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // Even the right password waits now.
    let right = attacker
        .post_form(
            "/sign-in",
            &[("name", "ada"), ("password", "a long enough password")],
        )
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(right.body.contains("Too many sign-in attempts"));
}

async fn a_password_change_signs_out_other_sessions_and_a_reset_link_works_once(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let laptop = app.browser();
    laptop.sign_up("ada").await;
    let phone = app.browser();
    let signed = phone
        .post_form(
            "/sign-in",
            &[("name", "ada"), ("password", "a long enough password")],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let wrong = laptop
        .post_form(
            "/settings/password",
            &[
                ("current", "not it at all"),
                ("password", "a newer long password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let changed = laptop
        .post_form(
            "/settings/password",
            &[
                ("current", "a long enough password"),
                ("password", "a newer long password"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert!(changed.body.contains("Your password is changed"));
    let laptop_session = laptop.get("/api/v1/session").await.json();
    assert_eq!(laptop_session["account"]["name"], "ada");
    let phone_session = phone.get("/api/v1/session").await.json();
    assert!(phone_session["account"].is_null(), "{phone_session}");

    let account = app.store.account_by_name("ada").await.unwrap().unwrap();
    let token = kinora::accounts::reset_token(&app.store, account.id)
        .await
        .unwrap();
    let reset = phone
        .post_form(
            "/reset-password",
            &[("token", &token), ("password", "the third long password")],
        )
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER, "{}", reset.body);
    assert_eq!(
        phone.get("/api/v1/session").await.json()["account"]["name"],
        "ada"
    );
    let again = app
        .browser()
        .post_form(
            "/reset-password",
            &[("token", &token), ("password", "a fourth long password")],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("unknown, used or expired"));
}

async fn the_api_signs_in_with_json_and_refuses_form_posts(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let client = app.browser();
    let made = client
        .json(
            "POST",
            "/api/v1/accounts",
            serde_json::json!({"name": "kdramafanusa", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json()["account"]["role"], "member");
    let out = client
        .json("DELETE", "/api/v1/session", serde_json::json!({}))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let bad = client
        .json(
            "POST",
            "/api/v1/session",
            serde_json::json!({"name": "kdramafanusa", "password": "wrong password"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.json()["error"]["status"], 401);
    // A form post to the API (what a page elsewhere could send) is refused.
    let form = client
        .send(
            Request::post("/api/v1/session")
                .header("content-type", "text/plain")
                .body(Body::from(
                    "{\"name\":\"kdramafanusa\",\"password\":\"a long enough password\"}",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    let good = client
        .json(
            "POST",
            "/api/v1/session",
            serde_json::json!({"name": "kdramafanusa", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(good.status, StatusCode::OK);
    assert_eq!(good.json()["account"]["name"], "kdramafanusa");
}

/// `kinora user add`, `role`, `list` and `reset-link`, as an administrator
/// runs them on a server's store.
#[tokio::test]
async fn accounts_are_made_and_reset_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str], password: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kinora"));
        command
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("KINORA_LOG", "warn");
        if let Some(password) = password {
            command.env("KINORA_PASSWORD", password);
        }
        command.output().unwrap()
    };
    let made = ok(run(
        &[
            "user",
            "add",
            "Ada",
            "--admin",
            "--email",
            "ada@example.org",
        ],
        Some("the first long password"),
    ));
    assert_eq!(made, "created account ada (admin)\n");
    let short = run(&["user", "add", "bea"], Some("short"));
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));
    ok(run(&["user", "add", "bea"], Some("bea's long password")));
    assert_eq!(
        ok(run(&["user", "role", "bea", "moderator"], None)),
        "bea is now moderator\n"
    );
    let bad_role = run(&["user", "role", "bea", "root"], None);
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("unknown role `root`"));
    let list = ok(run(&["user", "list"], None));
    let roles: Vec<(&str, &str)> = list
        .lines()
        .map(|line| {
            let mut cells = line.split('\t');
            (cells.next().unwrap(), cells.next().unwrap())
        })
        .collect();
    assert_eq!(roles, [("ada", "admin"), ("bea", "moderator")]);

    let link = ok(run(
        &[
            "user",
            "reset-link",
            "ada",
            "--public-url",
            "https://films.example.org/",
        ],
        None,
    ));
    let token = link
        .trim()
        .strip_prefix("https://films.example.org/reset-password?token=")
        .unwrap_or_else(|| panic!("{link}"));
    let store = kinora_store::Store::open_dir(&data).await.unwrap();
    let account = kinora::accounts::reset_password(&store, token, "a brand new long password")
        .await
        .unwrap();
    assert_eq!(account.name, "ada");
    let hash = store.password_hash(account.id).await.unwrap().unwrap();
    assert!(kinora::accounts::verify_password(
        "a brand new long password",
        &hash
    ));
    assert!(
        kinora::accounts::reset_password(&store, token, "yet another password")
            .await
            .is_err()
    );
    store.close().await;
}

/// A reader who signs in nowhere gets no session: no cookie, no row.
#[tokio::test]
async fn reading_pages_makes_no_session() {
    let app = TestApp::demo(Backend::Sqlite).await;
    for path in ["/", "/films/crossing-2008", "/threads", "/users/nobody"] {
        let page = app.get(path).await;
        assert!(page.cookies.is_empty(), "{path} set {:?}", page.cookies);
    }
    // A form page gives its token in a cookie of its own: no session, no
    // row, however many visitors come.
    for _ in 0..50 {
        for path in ["/sign-in", "/sign-up", "/reset-password", "/api/v1/session"] {
            let form = app.get(path).await;
            assert_eq!(form.cookies.len(), 1, "{path}: {:?}", form.cookies);
            assert!(
                form.cookies[0].starts_with("kinora_form="),
                "{:?}",
                form.cookies
            );
        }
    }
    assert_eq!(app.store.count_sessions().await.unwrap(), 0);
    // Signing in makes the one session.
    let browser = app.browser();
    browser.sign_up("reader").await;
    assert_eq!(app.store.count_sessions().await.unwrap(), 1);
}

/// One address trying many account names is held back too. (Three
/// attempts a minute here, not twenty: a failed attempt takes a second in
/// a test build, and the limit refills as time passes.)
#[tokio::test]
async fn sign_in_attempts_are_limited_per_address() {
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.limits = std::sync::Arc::new(kinora::web::auth::SignInLimits::new(5, 3));
    // Behind a proxy on this machine, which says who the client is.
    app.state.config = std::sync::Arc::new(kinora::web::WebConfig {
        trust_forwarded: true,
        ..kinora::web::WebConfig::default()
    });
    let attacker = app.browser();
    let mut statuses = Vec::new();
    for n in 0..4 {
        let name = format!("someone{n}");
        let attempt = attacker
            .post_form(
                "/sign-in",
                &[("name", &name), ("password", "guess guess guess")],
            )
            .await;
        statuses.push(attempt.status.as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 429]);
    // Another address, behind the same proxy, is not held back.
    let token = attacker.csrf().await;
    let elsewhere = attacker
        .send(
            Request::post("/sign-in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", "192.0.2.7")
                .body(Body::from(format!(
                    "name=someone9&password=guess+guess+guess&csrf={token}"
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
}
