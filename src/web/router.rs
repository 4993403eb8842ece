//! Every route, in one list.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::{
    AppState, account_pages, api, assets, auth, avatars, browse, community, editing, events, feeds,
    imports, metrics, news, pages, pictures, threads, users,
};

pub fn router(state: AppState) -> Router {
    metrics::install();
    Router::new()
        // HTML pages
        .route("/", get(browse::home))
        .route("/films", get(browse::films))
        .route("/search", get(pages::search))
        .route("/duplicates", get(pages::duplicates))
        .route("/changes/{change}", get(pages::change))
        // The community
        .route("/films/{id}/review", post(community::post_review))
        .route("/films/{id}/diary", post(community::post_diary))
        .route("/films/{id}/watchlist", post(community::post_watchlist))
        .route("/films/{id}/lists", post(users::add_to_list))
        .route("/reviews/{id}", get(community::review_page))
        .route("/reviews/{id}/like", post(community::post_like))
        .route("/reviews/{id}/hide", post(community::post_hide_review))
        .route("/diary/{id}/delete", post(community::delete_diary))
        .route("/threads", get(threads::forum).post(threads::create_thread))
        .route("/threads/new", get(threads::new_thread_page))
        .route("/threads/{id}", get(threads::thread_page))
        .route("/threads/{id}/posts", post(threads::post_reply))
        .route("/threads/{id}/moderation", post(threads::post_moderate))
        .route(
            "/posts/{id}/edit",
            get(threads::edit_page).post(threads::post_edit),
        )
        .route("/posts/{id}/hide", post(threads::post_hide))
        .route("/moderation", get(threads::moderation_log))
        .route("/films/{id}/reviews.atom", get(feeds::film_reviews))
        .route("/users/{name}/diary.atom", get(feeds::user_diary))
        .route("/threads/{id}/feed.atom", get(feeds::thread_posts))
        .route("/users/{name}", get(users::profile))
        .route("/users/{name}/diary", get(users::diary))
        .route("/users/{name}/watchlist", get(users::watchlist))
        .route("/users/{name}/lists/{slug}", get(users::list_page))
        .route(
            "/users/{name}/lists/{slug}/edit",
            get(users::edit_list_page).post(users::edit_list),
        )
        .route(
            "/me/import",
            get(imports::import_page)
                .post(imports::import)
                .layer(axum::extract::DefaultBodyLimit::max(imports::UPLOAD_LIMIT)),
        )
        .route("/me/import/pending/{id}", post(imports::settle))
        .route("/me/export", get(imports::export_page))
        .route("/me/export/letterboxd.csv", get(imports::export_letterboxd))
        .route("/me/export/kinora.json", get(imports::export_everything))
        .route("/lists", post(users::create_list))
        .route("/lists/new", get(users::new_list_page))
        // Accounts
        .route(
            "/sign-up",
            get(account_pages::sign_up_page).post(account_pages::sign_up),
        )
        .route(
            "/sign-in",
            get(account_pages::sign_in_page).post(account_pages::sign_in),
        )
        .route("/sign-out", post(account_pages::sign_out))
        .route(
            "/reset-password",
            get(account_pages::reset_page).post(account_pages::reset_password),
        )
        .route(
            "/settings",
            get(account_pages::profile_page).post(account_pages::save_profile),
        )
        .route(
            "/settings/avatar",
            post(avatars::upload)
                .layer(axum::extract::DefaultBodyLimit::max(pictures::UPLOAD_LIMIT)),
        )
        .route("/settings/avatar/remove", post(avatars::remove))
        .route(
            "/settings/password",
            get(account_pages::password_page).post(account_pages::change_password),
        )
        .route("/{kind}", get(pages::list))
        .route("/{kind}/{id}", get(pages::entity))
        .route("/{kind}/{id}/history", get(pages::history))
        .route("/{kind}/{id}/calendar.ics", get(events::calendar))
        .route("/whats-on", get(events::whats_on))
        .route("/whats-on.ics", get(events::whats_on_calendar))
        .route("/news", get(news::news_page).post(news::create_article))
        .route("/news/new", get(news::new_article_page))
        .route("/news.atom", get(news::site_feed))
        .route("/{kind}/{id}/news.atom", get(news::entity_feed))
        .route(
            "/sources/{id}/mentions",
            get(news::mentions_page).post(news::save_mentions),
        )
        .route(
            "/{kind}/{id}/edit",
            get(editing::edit_page).post(editing::edit),
        )
        .route("/duplicates/merge", post(editing::merge))
        .route("/changes/{change}/revert", post(editing::revert))
        .route("/pictures/{hex}/{name}", get(pictures::serve))
        .route(
            "/{kind}/{id}/pictures",
            post(pictures::upload)
                .layer(axum::extract::DefaultBodyLimit::max(pictures::UPLOAD_LIMIT)),
        )
        .route("/{kind}/{id}/pictures/{hex}/remove", post(pictures::remove))
        .route("/{kind}/{id}/pictures/{hex}/prefer", post(pictures::prefer))
        .route("/static/{name}", get(assets::asset))
        .route("/favicon.ico", get(assets::favicon))
        // JSON API, version 1
        .route(
            "/api/v1/session",
            get(account_pages::api_session)
                .post(account_pages::api_sign_in)
                .delete(account_pages::api_sign_out),
        )
        .route("/api/v1/accounts", post(account_pages::api_sign_up))
        .route(
            "/api/v1/films/{id}/reviews",
            get(community::api_film_reviews).post(community::api_post_review),
        )
        .route("/api/v1/reviews/{id}/like", post(community::api_like))
        .route(
            "/api/v1/threads",
            get(threads::api_threads).post(threads::api_create_thread),
        )
        .route("/api/v1/threads/{id}", get(threads::api_thread))
        .route("/api/v1/threads/{id}/posts", post(threads::api_reply))
        .route(
            "/api/v1/threads/{id}/moderation",
            post(threads::api_moderate),
        )
        .route(
            "/api/v1/posts/{id}",
            axum::routing::patch(threads::api_edit),
        )
        .route("/api/v1/moderation", get(threads::api_moderation))
        .route("/api/v1/users/{name}", get(users::api_user))
        .route(
            "/api/v1/me/avatar",
            axum::routing::put(avatars::api_upload)
                .delete(avatars::api_remove)
                .layer(axum::extract::DefaultBodyLimit::max(pictures::UPLOAD_LIMIT)),
        )
        .route("/api/v1/me/diary", post(users::api_log))
        .route("/api/v1/me/lists", post(users::api_create_list))
        .route(
            "/api/v1/me/import",
            post(imports::api_import)
                .layer(axum::extract::DefaultBodyLimit::max(imports::UPLOAD_LIMIT)),
        )
        .route("/api/v1/me/pending", get(imports::api_pending))
        .route("/api/v1/me/pending/{id}", post(imports::api_settle))
        .route("/api/v1/me/export", get(imports::api_export))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/screenings", get(events::api_screenings))
        .route("/api/v1/suggest", get(api::suggest))
        .route("/api/v1/duplicates", get(api::duplicates))
        .route("/api/v1/changes/{change}", get(api::change))
        .route("/api/v1/{kind}", get(api::list))
        .route(
            "/api/v1/{kind}/{id}",
            get(api::entity).put(editing::api_edit),
        )
        .route("/api/v1/changes/{change}/revert", post(editing::api_revert))
        .route("/api/v1/{kind}/{id}/history", get(api::history))
        .route(
            "/api/v1/{kind}/{id}/images",
            post(pictures::api_upload)
                .layer(axum::extract::DefaultBodyLimit::max(pictures::UPLOAD_LIMIT)),
        )
        .route(
            "/api/v1/{kind}/{id}/images/{file}",
            axum::routing::delete(pictures::api_remove),
        )
        .route("/api/openapi.json", get(api::openapi))
        // Operations
        .route("/healthz", get(api::healthz))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(errors_in_shape))
        // Outermost last: metrics and traces see every request; the session
        // is loaded before the CSRF guard asks it for the token.
        .layer(axum::middleware::from_fn(auth::csrf_guard))
        .layer(auth::session_layer(
            state.store.clone(),
            state.config.secure_cookies(),
        ))
        .layer(axum::middleware::from_fn(session_not_saved))
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
/// in an error page, also those axum's extractors give as plain text (a
/// body too large, JSON or a form that does not fit the request).
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
        .filter(|_| !api && status == axum::http::StatusCode::UNAUTHORIZED)
        .cloned()
    {
        let mut again = (
            status,
            axum::response::Html(super::error::error_page(status, &message, Some(&page))),
        )
            .into_response();
        for (name, value) in response.headers() {
            if name != axum::http::header::CONTENT_LENGTH {
                again.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return again;
    }
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    let is_plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
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
    if !api {
        return (
            status,
            axum::response::Html(super::error::error_page(status, &message, Some(&page))),
        )
            .into_response();
    }
    (
        status,
        axum::Json(serde_json::json!({"error": {"status": status.as_u16(), "message": message}})),
    )
        .into_response()
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
    let error = super::WebError::Unavailable(
        "the database is not available just now, so you are not signed in; please try again in a moment"
            .into(),
    );
    if api {
        error.api().into_response()
    } else {
        error.into_response()
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
