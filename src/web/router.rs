//! Every route, in one list.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::{MethodRouter, get, post};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::{
    AppState, account_pages, api, assets, auth, avatars, browse, claim_form, community, editing,
    events, feeds, http_cache, imports, metrics, news, pages, pictures, preferences, reading,
    threads, users,
};

/// A page's route: its path, the methods it answers (as written in the
/// table below), and its handlers.
pub struct PageRoute {
    pub path: &'static str,
    pub methods: &'static [&'static str],
    router: MethodRouter<AppState>,
}

/// Writes the table of page routes once, as data and as the router's
/// routes: `"/path" => get(handler).post(other); limit BYTES`.
macro_rules! page_routes {
    ($($path:literal => $first:ident($handler:path) $(. $method:ident($more:path))* $(; limit $limit:expr)?,)*) => {
        vec![$(
            PageRoute {
                path: $path,
                methods: &[stringify!($first) $(, stringify!($method))*],
                router: {
                    let router = $first($handler)$(.$method($more))*;
                    $(let router = router.layer(axum::extract::DefaultBodyLimit::max($limit));)?
                    router
                },
            },
        )*]
    };
}

/// Every HTML page, form and feed, with the methods it answers; the JSON
/// API's routes are `api::routes`, from its handlers' declarations.
pub fn page_routes() -> Vec<PageRoute> {
    page_routes![
        "/" => get(browse::home),
        "/films" => get(browse::films),
        "/search" => get(pages::search),
        "/duplicates" => get(pages::duplicates),
        "/changes/{change}" => get(pages::change),
        // The community
        "/films/{id}/review" => post(community::post_review),
        "/films/{id}/diary" => post(community::post_diary),
        "/films/{id}/watchlist" => post(community::post_watchlist),
        "/films/{id}/lists" => post(users::add_to_list),
        "/reviews/{id}" => get(community::review_page),
        "/reviews/{id}/like" => post(community::post_like),
        "/reviews/{id}/hide" => post(community::post_hide_review),
        "/diary/{id}/delete" => post(community::delete_diary),
        "/threads" => get(threads::forum).post(threads::create_thread),
        "/threads/new" => get(threads::new_thread_page),
        "/threads/{id}" => get(threads::thread_page),
        "/threads/{id}/posts" => post(threads::post_reply),
        "/threads/{id}/moderation" => post(threads::post_moderate),
        "/posts/{id}/edit" => get(threads::edit_page).post(threads::post_edit),
        "/posts/{id}/hide" => post(threads::post_hide),
        "/moderation" => get(threads::moderation_log),
        "/films/{id}/reviews.atom" => get(feeds::film_reviews),
        "/users/{name}/diary.atom" => get(feeds::user_diary),
        "/threads/{id}/feed.atom" => get(feeds::thread_posts),
        "/users/{name}" => get(users::profile),
        "/users/{name}/diary" => get(users::diary),
        "/users/{name}/watchlist" => get(users::watchlist),
        "/users/{name}/lists/{slug}" => get(users::list_page),
        "/users/{name}/lists/{slug}/edit" => get(users::edit_list_page).post(users::edit_list),
        "/me/import" => get(imports::import_page).post(imports::import); limit imports::UPLOAD_LIMIT,
        "/me/import/pending/{id}" => post(imports::settle),
        "/me/export" => get(imports::export_page),
        "/me/export/letterboxd.csv" => get(imports::export_letterboxd),
        "/me/export/kinora.json" => get(imports::export_everything),
        "/lists" => post(users::create_list),
        "/lists/new" => get(users::new_list_page),
        // Accounts
        "/sign-up" => get(account_pages::sign_up_page).post(account_pages::sign_up),
        "/sign-in" => get(account_pages::sign_in_page).post(account_pages::sign_in),
        "/sign-out" => post(account_pages::sign_out),
        "/reset-password" => get(account_pages::reset_page).post(account_pages::reset_password),
        "/settings" => get(account_pages::profile_page).post(account_pages::save_profile),
        "/settings/avatar" => post(avatars::upload); limit pictures::UPLOAD_LIMIT,
        "/settings/avatar/remove" => post(avatars::remove),
        "/preferences" => get(preferences::choose).post(preferences::save),
        "/settings/password" => get(account_pages::password_page).post(account_pages::change_password),
        "/{kind}" => get(pages::list),
        "/{kind}/{id}" => get(pages::entity),
        "/{kind}/{id}/history" => get(pages::history),
        "/{kind}/{id}/calendar.ics" => get(events::calendar),
        "/whats-on" => get(events::whats_on),
        "/whats-on.ics" => get(events::whats_on_calendar),
        "/news" => get(news::news_page).post(news::create_article),
        "/news/new" => get(news::new_article_page),
        "/news.atom" => get(news::site_feed),
        "/{kind}/{id}/news.atom" => get(news::entity_feed),
        "/sources/{id}/fields" => get(claim_form::fields_page).post(claim_form::save_fields),
        "/sources/{id}/mentions" => get(news::mentions_page).post(news::save_mentions),
        "/{kind}/{id}/edit" => get(editing::edit_page).post(editing::edit),
        "/new/{kind}" => get(claim_form::create_page).post(claim_form::create),
        "/edits/open" => get(claim_form::open_page),
        "/me/proposals" => get(claim_form::my_page),
        "/edits/{id}/accept" => post(claim_form::accept),
        "/edits/{id}/reject" => post(claim_form::reject),
        "/{kind}/{id}/claims" => get(claim_form::parts_page),
        "/{kind}/{id}/claims/{list}" => get(claim_form::list_page).post(claim_form::post_list),
        "/duplicates/merge" => post(editing::merge),
        "/changes/{change}/revert" => post(editing::revert),
        "/pictures/{hex}/{name}" => get(pictures::serve),
        "/{kind}/{id}/pictures" => post(pictures::upload); limit pictures::UPLOAD_LIMIT,
        "/{kind}/{id}/pictures/{hex}/remove" => post(pictures::remove),
        "/{kind}/{id}/pictures/{hex}/prefer" => post(pictures::prefer),
        "/static/{name}" => get(assets::asset),
        "/favicon.ico" => get(assets::favicon),
    ]
}

pub fn router(state: AppState) -> Router {
    metrics::install();
    let mut router = Router::new();
    for route in page_routes() {
        router = router.route(route.path, route.router);
    }
    router
        // JSON API, version 1: its routes and its OpenAPI document both
        // come from the handlers' own declarations (`api::routes`).
        .merge(api::routes().split_for_parts().0)
        .fallback(pages::not_found)
        // Outermost last: metrics and traces see every request; the session
        // is loaded before the CSRF guard asks it for the token; the guard's
        // refusals (a store away while it reads the token too) are shaped
        // as every other error, JSON under /api/.
        .layer(axum::middleware::from_fn(auth::csrf_guard))
        .layer(axum::middleware::from_fn(errors_in_shape))
        .layer(auth::session_layer(
            state.store.clone(),
            state.config.secure_cookies(),
        ))
        .layer(axum::middleware::from_fn(session_not_saved))
        // Every word of the answer, error pages included, in the reader's
        // language.
        .layer(axum::middleware::from_fn(reading::scope))
        // Tagged, answered 304 when the client has it, kept or not by
        // caches, compressed: what the answer finally is.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http_cache::conditional,
        ))
        .layer(axum::middleware::from_fn(metrics::record))
        // No page may be framed by another site (clickjacking), and no
        // answer is read as another type than it says.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            super::server::REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The JSON API answers every error in its `{"error": …}` shape, and pages
/// in an error page: a handler's error (drawn as a page, with its message
/// kept beside it) is answered as JSON under `/api/`, and what axum's
/// extractors answer as plain text (a body too large, JSON or a form that
/// does not fit the request) is answered in the shape of either.
async fn errors_in_shape(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let api = request.uri().path().starts_with("/api/");
    let page = request
        .uri()
        .path_and_query()
        .map(|page| page.as_str().to_owned())
        .unwrap_or_default();
    let response = next.run(request).await;
    let status = response.status();
    if let Some(super::error::PageError(message)) = response
        .extensions()
        .get::<super::error::PageError>()
        .cloned()
    {
        if api {
            return with_headers_of(&response, super::error::json_error(status, &message));
        }
        if status == StatusCode::UNAUTHORIZED {
            let again = (
                status,
                axum::response::Html(super::error::error_page(status, &message, Some(&page))),
            )
                .into_response();
            return with_headers_of(&response, again);
        }
        return response;
    }
    let content_type = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_json = content_type.starts_with("application/json");
    let is_plain = content_type.starts_with("text/plain");
    if !(status.is_client_error() || status.is_server_error()) || is_json || (!api && !is_plain) {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), 64 << 10)
        .await
        .unwrap_or_default();
    let message = String::from_utf8_lossy(&body).trim().to_owned();
    let message = if message.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        message
    };
    if api {
        super::error::json_error(status, &message)
    } else {
        (
            status,
            axum::response::Html(super::error::error_page(status, &message, Some(&page))),
        )
            .into_response()
    }
}

/// `answer` with the headers `original` set besides its body's (a
/// `Retry-After`, a session cookie).
fn with_headers_of(
    original: &axum::response::Response,
    mut answer: axum::response::Response,
) -> axum::response::Response {
    for (name, value) in original.headers() {
        if name != axum::http::header::CONTENT_LENGTH && name != axum::http::header::CONTENT_TYPE {
            answer.headers_mut().insert(name.clone(), value.clone());
        }
    }
    answer
}

/// The session layer answers a session it could not save (a full disk, a
/// database away) with an empty 500 of its own; that is answered as the
/// store outage it is: 503, try again, in the page's or the API's shape.
async fn session_not_saved(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http_body::Body as _;
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || response.body().size_hint().exact() != Some(0)
    {
        return response;
    }
    let message = kinora_i18n::t("error-session-not-saved");
    let page = super::WebError::Unavailable(message.clone()).into_response();
    if api {
        with_headers_of(&page, super::error::json_error(page.status(), &message))
    } else {
        page
    }
}

/// `/metrics` alone, for a listener of its own: what the server does is for
/// its operator, not the public.
pub fn metrics_router(state: AppState) -> Router {
    metrics::install();
    Router::new()
        .route("/metrics", get(metrics::render))
        .with_state(state)
}
