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

/// A file's address with its content's digest in its name
/// (`/static/kinora.1a2b3c4d5e.css`), which pages link to: it changes when
/// the file does, so browsers and caches may keep it for good.
pub fn url(name: &str) -> String {
    match hashed().iter().find(|(plain, _)| *plain == name) {
        Some((_, hashed)) => format!("/static/{hashed}"),
        None => format!("/static/{name}"),
    }
}

/// Each file's name and its name with the digest of its bytes.
fn hashed() -> &'static [(&'static str, String)] {
    static HASHED: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    HASHED.get_or_init(|| {
        ASSETS
            .iter()
            .map(|(name, _, body)| {
                let tag = super::http_cache::tag_of(body.as_bytes());
                let digest = &tag.trim_matches('"')[..10];
                let hashed = match name.rsplit_once('.') {
                    Some((stem, extension)) => format!("{stem}.{digest}.{extension}"),
                    None => format!("{name}.{digest}"),
                };
                (*name, hashed)
            })
            .collect()
    })
}

/// A file by its plain name (kept a short while: a manifest or an old page
/// may name it) or by its digested name (kept for good). A digested name of
/// another version of the file (a page of an instance not yet upgraded)
/// gets this version, kept a short while.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (plain, lasting) = match hashed().iter().find(|(_, hashed)| *hashed == name) {
        Some((plain, _)) => (*plain, true),
        None => {
            let plain = match name.split('.').collect::<Vec<_>>()[..] {
                [stem, digest, extension]
                    if digest.len() == 10 && digest.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    ASSETS
                        .iter()
                        .map(|(asset, ..)| *asset)
                        .find(|asset| *asset == format!("{stem}.{extension}"))
                }
                _ => None,
            };
            (plain.unwrap_or(name.as_str()), false)
        }
    };
    match ASSETS.iter().find(|(asset, ..)| *asset == plain) {
        Some((_, media_type, body)) => (
            [
                (header::CONTENT_TYPE, *media_type),
                (
                    header::CACHE_CONTROL,
                    if lasting {
                        "public, max-age=31536000, immutable"
                    } else {
                        "public, max-age=300"
                    },
                ),
            ],
            *body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Where browsers and feed readers look for a site's icon without asking.
/// (A temporary redirect: the icon's address changes with the icon.)
pub async fn favicon() -> Redirect {
    Redirect::temporary(&url("favicon.svg"))
}
