//! Who may do what, and what user text can do to a page: every
//! state-changing route tried as anonymous, member, editor, moderator and
//! admin; script in every field a user writes comes out inert.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kinora_core::community::Role;
use kinora_store::community::{Author, NewPost, Subject};

use crate::common::*;
use crate::community::member;

/// Who tries.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Actor {
    Anonymous,
    /// A member who owns none of what is tried.
    Member,
    Editor,
    Moderator,
    Admin,
}

/// What a route needs.
#[derive(Clone, Copy, Debug)]
enum Needs {
    /// Any account.
    Member,
    Editor,
    Moderator,
    /// Only the account that owns the thing (Mia): others get `other`.
    Owner {
        other: u16,
    },
    /// The author, or a moderator.
    OwnerOrModerator,
    /// Nobody is refused.
    Nothing,
}

struct Try {
    method: &'static str,
    /// The route as the route table writes it.
    route: &'static str,
    needs: Needs,
    /// Form fields, or a JSON body for the API.
    body: Body_,
}

enum Body_ {
    Form(Vec<(&'static str, String)>),
    Json(serde_json::Value),
    /// A body of this type, sent as a page's script or an upload form
    /// would: with the session's token in the query.
    Raw(&'static str, Vec<u8>),
}

/// What Mia, a member, owns: the targets of the tries.
struct Targets {
    review: i64,
    entry: i64,
    thread: i64,
    post: i64,
    list: String,
    change: i64,
    /// Another change, for the API's revert.
    change2: i64,
    /// Rows of Mia's import queue.
    pending: i64,
    pending2: i64,
    /// Two pictures of The Chaser, in hex: a poster and a still.
    poster: String,
    still: String,
}

async fn setup(app: &TestApp) -> Targets {
    let mia = member(app, "mia", Role::Member).await;
    mia.post_form(
        "/films/crossing-2008/review",
        &[("rating", "7"), ("body", "Mia's review")],
    )
    .await;
    mia.post_form(
        "/films/crossing-2008/diary",
        &[("watched_on", "2024-01-01")],
    )
    .await;
    mia.post_form(
        "/lists",
        &[("title", "Mia's list"), ("films", "crossing-2008")],
    )
    .await;
    let id = app.store.account_by_name("mia").await.unwrap().unwrap().id;
    let thread = app
        .store
        .create_thread(
            &Subject::Site,
            "Mia's thread",
            &NewPost {
                author: Author::Account(id),
                body: "Mia's post".into(),
                quote_of: None,
                reposts: Vec::new(),
                source_id: None,
                at: None,
            },
        )
        .await
        .unwrap();
    let put = |id: &str| {
        let film: kinora_core::model::Entity = serde_json::from_value(serde_json::json!({
            "type": "film", "id": id,
            "titles": [{"text": "A Test Film", "kind": "original"}]
        }))
        .unwrap();
        let store = app.store.clone();
        async move {
            store
                .put(vec![film], "test", "a film to revert")
                .await
                .unwrap()
                .change_id
                .unwrap()
        }
    };
    let pending = || {
        let store = app.store.clone();
        async move {
            let entry = serde_json::json!({"kind": "rating", "film": {"title": "Parasite", "year": 2019}, "rating": 10, "rated_on": null});
            store
                .add_pending_import(
                    id,
                    "test",
                    "ratings.csv line 2",
                    &entry,
                    &serde_json::json!([]),
                )
                .await
                .unwrap()
        }
    };
    let change = put("a-test-film").await;
    let change2 = put("another-test-film").await;
    Targets {
        review: app
            .store
            .review_of(id, "crossing-2008")
            .await
            .unwrap()
            .unwrap()
            .id,
        entry: app.store.diary(id, 1).await.unwrap()[0].id,
        post: app.store.posts(thread).await.unwrap()[0].id,
        thread,
        list: "mias-list".into(),
        change,
        change2,
        pending: pending().await,
        pending2: pending().await,
        poster: picture(app, "poster", 0).await,
        still: picture(app, "still", 1).await,
    }
}

/// A small picture, different for each `seed`.
fn png(seed: u8) -> Vec<u8> {
    let picture = image::DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(48, 64, |x, y| {
        image::Rgb([x as u8, y as u8, seed])
    }));
    let mut out = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Adds a picture to The Chaser through the store; its file in hex.
async fn picture(app: &TestApp, role: &str, seed: u8) -> String {
    let stored = kinora::pictures::prepare_now(&png(seed)).unwrap();
    app.store.save_picture(&stored).await.unwrap();
    let image: kinora_core::image::Image = serde_json::from_value(serde_json::json!({
        "file": stored.file.as_str(), "role": role, "width": stored.width, "height": stored.height
    }))
    .unwrap();
    app.store
        .update(
            kinora_core::EntityKind::Film,
            &kinora_core::EntityId::parse("the-chaser-2008").unwrap(),
            "test",
            "test",
            move |entity| {
                entity.images_mut().unwrap().push(image.clone());
                Ok(())
            },
        )
        .await
        .unwrap();
    stored.file.hex().to_owned()
}

/// A multipart body with a picture and a role.
fn upload(role: &str, seed: u8) -> Body_ {
    let mut body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\n{role}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&png(seed));
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    Body_::Raw("multipart/form-data; boundary=XyZ", body)
}

fn tries(t: &Targets) -> Vec<(Try, String)> {
    use Body_::{Form, Json};
    let form = |fields: &[(&'static str, &str)]| {
        Form(fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
    };
    let film_document = serde_json::json!({
        "type": "film", "id": "crossing-2008",
        "titles": [{"text": "Crossing", "kind": "original"}]
    });
    vec![
        (
            Try {
                method: "POST",
                route: "/films/{id}/review",
                needs: Needs::Member,
                body: form(&[("rating", "6")]),
            },
            "/films/crossing-2008/review".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/diary",
                needs: Needs::Member,
                body: form(&[]),
            },
            "/films/crossing-2008/diary".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/watchlist",
                needs: Needs::Member,
                body: form(&[("on", "on")]),
            },
            "/films/crossing-2008/watchlist".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/lists",
                needs: Needs::Owner { other: 404 },
                body: form(&[("list", &t.list)]),
            },
            "/films/crossing-2008/lists".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/reviews/{id}/like",
                needs: Needs::Member,
                body: form(&[("on", "on")]),
            },
            format!("/reviews/{}/like", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/reviews/{id}/hide",
                needs: Needs::Moderator,
                body: form(&[("reason", "test")]),
            },
            format!("/reviews/{}/hide", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/diary/{id}/delete",
                needs: Needs::Owner { other: 404 },
                body: form(&[]),
            },
            format!("/diary/{}/delete", t.entry),
        ),
        (
            Try {
                method: "POST",
                route: "/threads",
                needs: Needs::Member,
                body: form(&[("title", "T"), ("body", "B")]),
            },
            "/threads".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/threads/{id}/posts",
                needs: Needs::Member,
                body: form(&[("body", "reply")]),
            },
            format!("/threads/{}/posts", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/threads/{id}/moderation",
                needs: Needs::Moderator,
                body: form(&[("action", "pin")]),
            },
            format!("/threads/{}/moderation", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/posts/{id}/edit",
                needs: Needs::OwnerOrModerator,
                body: form(&[("body", "edited")]),
            },
            format!("/posts/{}/edit", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/posts/{id}/hide",
                needs: Needs::Moderator,
                body: form(&[("reason", "test")]),
            },
            format!("/posts/{}/hide", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/lists",
                needs: Needs::Member,
                body: form(&[("title", "Another")]),
            },
            "/lists".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/users/{name}/lists/{slug}/edit",
                needs: Needs::Owner { other: 403 },
                body: form(&[("title", "Taken over")]),
            },
            format!("/users/mia/lists/{}/edit", t.list),
        ),
        (
            Try {
                method: "POST",
                route: "/settings",
                needs: Needs::Member,
                body: form(&[("display_name", "New name")]),
            },
            "/settings".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/password",
                needs: Needs::Member,
                body: form(&[
                    ("current", "a long enough password"),
                    ("password", "a changed long password"),
                ]),
            },
            "/settings/password".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/edit",
                needs: Needs::Editor,
                body: Form(vec![
                    ("document", film_document.to_string()),
                    ("summary", "test".into()),
                ]),
            },
            "/films/crossing-2008/edit".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/duplicates/merge",
                needs: Needs::Editor,
                body: form(&[
                    ("kind", "people"),
                    ("ids", "liu-ye,song-seung-heon"),
                    ("keep", "song-seung-heon"),
                ]),
            },
            "/duplicates/merge".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/changes/{change}/revert",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/changes/{}/revert", t.change),
        ),
        (
            Try {
                method: "POST",
                route: "/news",
                needs: Needs::Editor,
                body: form(&[
                    ("title", "Crossing opens"),
                    ("publisher", "Test Daily"),
                    ("date", "2008-06-26"),
                    ("text", "Cha In-pyo stars in \"Crossing\"."),
                ]),
            },
            "/news".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/sources/{id}/mentions",
                needs: Needs::Editor,
                body: form(&[("shown", "person:cha-in-pyo"), ("link", "person:cha-in-pyo")]),
            },
            "/sources/kofic-2008-05-06/mentions".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/films/{id}/reviews",
                needs: Needs::Member,
                body: Json(serde_json::json!({"rating": 5})),
            },
            "/api/v1/films/crossing-2008/reviews".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/reviews/{id}/like",
                needs: Needs::Member,
                body: Json(serde_json::json!({"on": true})),
            },
            format!("/api/v1/reviews/{}/like", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads",
                needs: Needs::Member,
                body: Json(serde_json::json!({"title": "T", "body": "B"})),
            },
            "/api/v1/threads".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads/{id}/posts",
                needs: Needs::Member,
                body: Json(serde_json::json!({"body": "reply"})),
            },
            format!("/api/v1/threads/{}/posts", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads/{id}/moderation",
                needs: Needs::Moderator,
                body: Json(serde_json::json!({"action": "lock"})),
            },
            format!("/api/v1/threads/{}/moderation", t.thread),
        ),
        (
            Try {
                method: "PATCH",
                route: "/api/v1/posts/{id}",
                needs: Needs::OwnerOrModerator,
                body: Json(serde_json::json!({"body": "edited"})),
            },
            format!("/api/v1/posts/{}", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/diary",
                needs: Needs::Member,
                body: Json(serde_json::json!({"film": "crossing-2008"})),
            },
            "/api/v1/me/diary".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/lists",
                needs: Needs::Member,
                body: Json(serde_json::json!({"title": "L"})),
            },
            "/api/v1/me/lists".into(),
        ),
        (
            Try {
                method: "PUT",
                route: "/api/v1/{kind}/{id}",
                needs: Needs::Editor,
                body: Json(serde_json::json!({"document": film_document, "summary": "test"})),
            },
            "/api/v1/films/crossing-2008".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/changes/{change}/revert",
                needs: Needs::Editor,
                body: Json(serde_json::json!({})),
            },
            format!("/api/v1/changes/{}/revert", t.change2),
        ),
        (
            Try {
                method: "POST",
                route: "/me/import",
                needs: Needs::Member,
                body: Body_::Raw(
                    "multipart/form-data; boundary=XyZ",
                    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ratings.csv\"\r\nContent-Type: text/csv\r\n\r\nDate,Name,Year,Letterboxd URI,Rating\n2024-01-01,Crossing,2008,,4.5\n\r\n--XyZ--\r\n".into(),
                ),
            },
            "/me/import".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/me/import/pending/{id}",
                needs: Needs::Owner { other: 404 },
                body: form(&[("film", "")]),
            },
            format!("/me/import/pending/{}", t.pending),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/import",
                needs: Needs::Member,
                body: Body_::Raw(
                    "text/csv",
                    "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Crossing,2008,,4.5\n".into(),
                ),
            },
            "/api/v1/me/import?name=ratings.csv".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/pending/{id}",
                needs: Needs::Owner { other: 404 },
                body: Json(serde_json::json!({"film": null})),
            },
            format!("/api/v1/me/pending/{}", t.pending2),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures",
                needs: Needs::Editor,
                body: upload("still", 7),
            },
            "/films/crossing-2008/pictures".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/{kind}/{id}/images",
                needs: Needs::Editor,
                body: upload("photo", 8),
            },
            "/api/v1/films/crossing-2008/images".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures/{hex}/prefer",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/films/the-chaser-2008/pictures/{}/prefer", t.still),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures/{hex}/remove",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/films/the-chaser-2008/pictures/{}/remove", t.still),
        ),
        (
            Try {
                method: "DELETE",
                route: "/api/v1/{kind}/{id}/images/{file}",
                needs: Needs::Editor,
                body: Json(serde_json::json!({})),
            },
            format!("/api/v1/films/the-chaser-2008/images/{}", t.poster),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/avatar",
                needs: Needs::Member,
                body: upload("photo", 9),
            },
            "/settings/avatar".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/avatar/remove",
                needs: Needs::Member,
                body: form(&[]),
            },
            "/settings/avatar/remove".into(),
        ),
        (
            Try {
                method: "PUT",
                route: "/api/v1/me/avatar",
                needs: Needs::Member,
                body: upload("photo", 10),
            },
            "/api/v1/me/avatar".into(),
        ),
        (
            Try {
                method: "DELETE",
                route: "/api/v1/me/avatar",
                needs: Needs::Member,
                body: Body_::Json(serde_json::json!({})),
            },
            "/api/v1/me/avatar".into(),
        ),
        // Last: it ends the session the others need.
        (
            Try {
                method: "POST",
                route: "/sign-out",
                needs: Needs::Nothing,
                body: form(&[]),
            },
            "/sign-out".into(),
        ),
    ]
}

/// Routes anyone may use without an account: signing up and in, resets.
const OPEN: &[&str] = &[
    "/sign-up",
    "/sign-in",
    "/reset-password",
    "/api/v1/session",
    "/api/v1/accounts",
];

fn expected(actor: Actor, needs: Needs) -> Result<(), u16> {
    let role = match actor {
        Actor::Anonymous => {
            return if matches!(needs, Needs::Nothing) {
                Ok(())
            } else {
                Err(401)
            };
        }
        Actor::Member => Role::Member,
        Actor::Editor => Role::Editor,
        Actor::Moderator => Role::Moderator,
        Actor::Admin => Role::Admin,
    };
    match needs {
        Needs::Nothing | Needs::Member => Ok(()),
        Needs::Editor if role.at_least(Role::Editor) => Ok(()),
        Needs::Moderator | Needs::OwnerOrModerator if role.at_least(Role::Moderator) => Ok(()),
        Needs::Owner { other } => Err(other),
        _ => Err(403),
    }
}

async fn every_state_changing_route_answers_each_role_as_it_should(actor: Actor) {
    let app = TestApp::demo(Backend::Sqlite).await;
    let targets = setup(&app).await;
    let browser = match actor {
        Actor::Anonymous => app.browser(),
        Actor::Member => member(&app, "max", Role::Member).await,
        Actor::Editor => member(&app, "eddie", Role::Editor).await,
        Actor::Moderator => member(&app, "mona", Role::Moderator).await,
        Actor::Admin => member(&app, "ada", Role::Admin).await,
    };
    let mut failures = Vec::new();
    for (attempt, path) in tries(&targets) {
        let response = match &attempt.body {
            Body_::Form(fields) => {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                browser.post_form(&path, &fields).await
            }
            Body_::Json(value) => browser.json(attempt.method, &path, value.clone()).await,
            Body_::Raw(content_type, body) => {
                let token = browser.csrf().await;
                let separator = if path.contains('?') { '&' } else { '?' };
                browser
                    .send(
                        Request::builder()
                            .method(attempt.method)
                            .uri(format!("{path}{separator}csrf={token}"))
                            .header("content-type", *content_type)
                            .body(Body::from(body.clone()))
                            .unwrap(),
                    )
                    .await
            }
        };
        let status = response.status.as_u16();
        let ok = match expected(actor, attempt.needs) {
            Ok(()) => (200..400).contains(&status),
            Err(code) => status == code,
        };
        if !ok {
            failures.push(format!(
                "{actor:?} {} {path}: {status}, expected {:?}: {}",
                attempt.method,
                expected(actor, attempt.needs),
                response.body.chars().take(200).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn anonymous_may_change_nothing() {
    every_state_changing_route_answers_each_role_as_it_should(Actor::Anonymous).await;
}

#[tokio::test]
async fn a_member_may_change_only_their_own() {
    every_state_changing_route_answers_each_role_as_it_should(Actor::Member).await;
}

#[tokio::test]
async fn an_editor_may_edit_the_catalog_but_not_moderate() {
    every_state_changing_route_answers_each_role_as_it_should(Actor::Editor).await;
}

#[tokio::test]
async fn a_moderator_may_moderate_and_edit() {
    every_state_changing_route_answers_each_role_as_it_should(Actor::Moderator).await;
}

#[tokio::test]
async fn an_admin_may_do_all_but_change_others_lists() {
    every_state_changing_route_answers_each_role_as_it_should(Actor::Admin).await;
}

/// A route added to the router without a line in the matrix fails here:
/// the pages' routes and the API's, read from the route table and the
/// OpenAPI document the API's routes are built from.
#[test]
fn the_matrix_covers_every_state_changing_route() {
    let dummy = Targets {
        review: 1,
        entry: 1,
        thread: 1,
        post: 1,
        list: "l".into(),
        change: 1,
        change2: 2,
        pending: 1,
        pending2: 2,
        poster: String::new(),
        still: String::new(),
    };
    let covered: Vec<(&str, &str)> = tries(&dummy)
        .iter()
        .map(|(t, _)| (t.method, t.route))
        .collect();
    let changes = |method: &str| matches!(method, "post" | "put" | "patch" | "delete");
    let mut routes: Vec<(String, String)> = Vec::new();
    for route in kinora::web::page_routes() {
        for method in route.methods {
            routes.push(((*method).to_owned(), route.path.to_owned()));
        }
    }
    assert!(routes.len() > 50, "the page routes are read: {routes:?}");
    let document = kinora::web::api::document();
    for (path, item) in &document.paths.paths {
        for (method, operation) in [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ] {
            if operation.is_some() {
                routes.push((method.to_owned(), path.clone()));
            }
        }
    }
    assert!(
        routes
            .iter()
            .any(|(method, path)| method == "put" && path == "/api/v1/{kind}/{id}"),
        "the API's routes are read: {routes:?}"
    );
    let mut missing: Vec<String> = routes
        .iter()
        .filter(|(method, path)| {
            changes(method)
                && !OPEN.contains(&path.as_str())
                && !covered
                    .iter()
                    .any(|(m, p)| m.eq_ignore_ascii_case(method) && p == path)
        })
        .map(|(method, path)| format!("{method} {path}"))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "state-changing routes the matrix does not try: {missing:?}"
    );
}

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
                let ours = matches!(
                    attrs.attr("src"),
                    Some("/static/kinora.js" | "/static/theme.js")
                ) || attrs.attr("type") == Some("application/ld+json");
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
        let post = app.store.posts(thread).await.unwrap()[0].id;
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
