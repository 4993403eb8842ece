//! Every state-changing route tried as anonymous, member, editor,
//! moderator and admin, and the matrix held to the route table.

use axum::body::Body;
use axum::http::Request;
use kinora_core::community::Role;

use crate::common::*;
use crate::community::member;

use super::matrix::*;

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
        venue_base: 1,
        source_base: 1,
        proposal: 1,
        proposal2: 2,
        crossing: 1,
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
