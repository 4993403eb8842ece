//! HTTP caching as a browser and a shared cache meet it: a tag for every
//! page, `304` when the browser has it, a new tag the moment a write
//! changes the page, compressed bodies that read back to the same page,
//! and a member's page never offered to a shared cache.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kinora_core::community::Role;
use kinora_core::model::Entity;

use crate::common::{Backend, TestApp, TestResponse};
use crate::community::member;

async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> TestResponse {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

fn header<'a>(response: &'a TestResponse, name: &str) -> &'a str {
    response
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
        .unwrap_or_default()
}

async fn a_page_is_revalidated_and_changes_its_tag_with_a_write(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for path in [
        "/films/crossing-2008",
        "/api/v1/films/crossing-2008",
        "/films/crossing-2008/reviews.atom",
        "/whats-on.ics",
    ] {
        let first = app.get(path).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let tag = header(&first, "etag").to_owned();
        assert!(tag.starts_with('"') && tag.len() > 10, "{path}: {tag:?}");
        assert_eq!(
            header(&first, "cache-control"),
            "public, no-cache",
            "{path}"
        );
        // The same page again: the same tag, and 304 without a body when
        // the browser names it.
        assert_eq!(header(&app.get(path).await, "etag"), tag, "{path}");
        let again = get_with(&app, path, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(header(&again, "etag"), tag);
        let other = get_with(&app, path, &[("if-none-match", "\"something-else\"")]).await;
        assert_eq!(other.status, StatusCode::OK, "{path}");
    }
    // A write: the next request has the new page, under a new tag.
    let tag = header(&app.get("/films/crossing-2008").await, "etag").to_owned();
    let mut film = serde_json::to_value(
        app.store
            .get(
                kinora_core::EntityKind::Film,
                &kinora_core::EntityId::parse("crossing-2008").unwrap(),
            )
            .await
            .unwrap(),
    )
    .unwrap();
    film["titles"][0]["text"] = "크로싱!".into();
    let film: Entity = serde_json::from_value(film).unwrap();
    app.store.put(vec![film], "dana", "A title").await.unwrap();
    let after = get_with(&app, "/films/crossing-2008", &[("if-none-match", &tag)]).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(after.body.contains("크로싱!"));
    assert_ne!(header(&after, "etag"), tag);
}

async fn pages_are_compressed_as_the_browser_takes_them(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let plain = app.get("/films/crossing-2008").await;
    assert!(header(&plain, "content-encoding").is_empty());
    assert!(
        plain
            .headers
            .get_all("vary")
            .iter()
            .any(|value| value == "Accept-Encoding")
    );
    let brotli = get_with(
        &app,
        "/films/crossing-2008",
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(header(&brotli, "content-encoding"), "br");
    let mut page = Vec::new();
    brotli::BrotliDecompress(&mut &brotli.bytes[..], &mut page).unwrap();
    assert_eq!(String::from_utf8(page).unwrap(), plain.body);
    assert!(
        brotli.bytes.len() * 4 < plain.bytes.len(),
        "{} bytes compressed from {}",
        brotli.bytes.len(),
        plain.bytes.len()
    );
    // Each coding is its own representation, with its own tag; a browser
    // naming either has the page.
    assert_ne!(header(&brotli, "etag"), header(&plain, "etag"));
    let tag = header(&brotli, "etag").to_owned();
    let again = get_with(
        &app,
        "/films/crossing-2008",
        &[("accept-encoding", "br"), ("if-none-match", &tag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let gzip = get_with(
        &app,
        "/api/v1/films/crossing-2008",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    let mut json = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&gzip.bytes[..]),
        &mut json,
    )
    .unwrap();
    let plain_json = app.get("/api/v1/films/crossing-2008").await;
    assert_eq!(json, plain_json.body);
    // Small answers stay as they are.
    let small = get_with(&app, "/healthz", &[("accept-encoding", "br")]).await;
    assert!(header(&small, "content-encoding").is_empty());
}

async fn a_members_page_is_private(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mona = member(&app, "mona", Role::Member).await;
    let page = mona.get("/films/crossing-2008").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(header(&page, "cache-control"), "private, no-cache");
    let visitor = app.get("/films/crossing-2008").await;
    assert_eq!(header(&visitor, "cache-control"), "public, no-cache");
    // A page that hands a visitor a form token is the visitor's own.
    let sign_in = app.get("/sign-in").await;
    assert_eq!(header(&sign_in, "cache-control"), "private, no-cache");
}

on_both_stores!(
    a_page_is_revalidated_and_changes_its_tag_with_a_write,
    pages_are_compressed_as_the_browser_takes_them,
    a_members_page_is_private,
);
