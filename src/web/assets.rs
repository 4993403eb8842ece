//! The files every page uses (stylesheet, scripts, icon, manifest), built
//! into the binary and served from `/static/NAME`.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Name, media type and bytes of each file.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "kinora.css",
        "text/css; charset=utf-8",
        include_str!("../../static/kinora.css"),
    ),
    // Suggestions under the search box and the theme switch; every page
    // works without it.
    (
        "kinora.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/kinora.js"),
    ),
    // The reader's theme, applied before the page is drawn.
    (
        "theme.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/theme.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("../../static/favicon.svg"),
    ),
    (
        "manifest.webmanifest",
        "application/manifest+json",
        include_str!("../../static/manifest.webmanifest"),
    ),
];

pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(asset, ..)| *asset == name) {
        Some((_, media_type, body)) => (
            [
                (header::CONTENT_TYPE, *media_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Where browsers and feed readers look for a site's icon without asking.
pub async fn favicon() -> Redirect {
    Redirect::permanent("/static/favicon.svg")
}
