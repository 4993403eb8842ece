//! Every route, in one list.

use axum::Router;
use axum::routing::get;
use tower_http::trace::TraceLayer;

use super::{AppState, api, metrics, pages};

pub fn router(state: AppState) -> Router {
    metrics::install();
    Router::new()
        // HTML pages
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/duplicates", get(pages::duplicates))
        .route("/changes/{change}", get(pages::change))
        .route("/{kind}", get(pages::list))
        .route("/{kind}/{id}", get(pages::entity))
        .route("/{kind}/{id}/history", get(pages::history))
        .route("/static/kinora.css", get(pages::stylesheet))
        .route("/static/kinora.js", get(pages::script))
        // JSON API, version 1
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
        .layer(axum::middleware::from_fn(metrics::record))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
