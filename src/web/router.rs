//! Every route, in one list.

use axum::Router;
use axum::routing::{get, post};
use tower_http::trace::TraceLayer;

use super::{AppState, account_pages, api, auth, metrics, pages};

pub fn router(state: AppState) -> Router {
    metrics::install();
    Router::new()
        // HTML pages
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/duplicates", get(pages::duplicates))
        .route("/changes/{change}", get(pages::change))
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
            "/settings/password",
            get(account_pages::password_page).post(account_pages::change_password),
        )
        .route("/{kind}", get(pages::list))
        .route("/{kind}/{id}", get(pages::entity))
        .route("/{kind}/{id}/history", get(pages::history))
        .route("/static/kinora.css", get(pages::stylesheet))
        .route("/static/kinora.js", get(pages::script))
        // JSON API, version 1
        .route(
            "/api/v1/session",
            get(account_pages::api_session)
                .post(account_pages::api_sign_in)
                .delete(account_pages::api_sign_out),
        )
        .route("/api/v1/accounts", post(account_pages::api_sign_up))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/suggest", get(api::suggest))
        .route("/api/v1/duplicates", get(api::duplicates))
        .route("/api/v1/changes/{change}", get(api::change))
        .route("/api/v1/{kind}", get(api::list))
        .route("/api/v1/{kind}/{id}", get(api::entity))
        .route("/api/v1/{kind}/{id}/history", get(api::history))
        .route("/api/openapi.json", get(api::openapi))
        // Operations
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(metrics::render))
        .fallback(pages::not_found)
        // Outermost last: metrics and traces see every request; the session
        // is loaded before the CSRF guard asks it for the token.
        .layer(axum::middleware::from_fn(auth::csrf_guard))
        .layer(auth::session_layer(
            state.store.clone(),
            state.config.secure_cookies(),
        ))
        .layer(axum::middleware::from_fn(metrics::record))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
