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

/// Crossing's document as stored, its first title changed to `title`.
async fn crossing_titled(app: &TestApp, title: &str) -> serde_json::Value {
    let crossing = app
        .store
        .get(
            kinora_core::EntityKind::Film,
            &kinora_core::EntityId::parse("crossing-2008").unwrap(),
        )
        .await
        .unwrap();
    let mut crossing = serde_json::to_value(crossing).unwrap();
    crossing["titles"][0]["text"] = title.into();
    crossing
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
        // A HEAD (a shared cache's or a link checker's) has the same tag
        // and caching headers, the length, no body; 304 when it has it.
        let head = app
            .send(Request::head(path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(head.status, StatusCode::OK, "{path}");
        assert!(head.body.is_empty(), "{path}");
        assert_eq!(header(&head, "etag"), tag, "{path}");
        assert_eq!(header(&head, "cache-control"), "public, no-cache");
        assert_eq!(
            header(&head, "content-length"),
            first.body.len().to_string(),
            "{path}"
        );
        let head = app
            .send(
                Request::head(path)
                    .header("if-none-match", &tag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(head.status, StatusCode::NOT_MODIFIED, "{path}");
    }
    // A write: the next request has the new page, under a new tag.
    let tag = header(&app.get("/films/crossing-2008").await, "etag").to_owned();
    let film: Entity = serde_json::from_value(crossing_titled(&app, "크로싱!").await).unwrap();
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
    // A second member is built around the same kept part of the page:
    // each sees herself, never the other, and the visitor neither.
    let ben = member(&app, "ben", Role::Member).await;
    let his = ben.get("/films/crossing-2008").await;
    let hers = mona.get("/films/crossing-2008").await;
    assert!(his.body.contains("/users/ben") && !his.body.contains("/users/mona"));
    assert!(hers.body.contains("/users/mona") && !hers.body.contains("/users/ben"));
    let visitor = app.get("/films/crossing-2008").await;
    assert!(!visitor.body.contains("/users/mona") && !visitor.body.contains("/users/ben"));
    // A page that hands a visitor a form token is the visitor's own.
    let sign_in = app.get("/sign-in").await;
    assert_eq!(header(&sign_in, "cache-control"), "private, no-cache");
}

/// The page cache keeps what anonymous readers share, and no write is
/// hidden behind it: a member's review, a write of the command line in
/// another process, a merge's redirect; and no member's page reaches
/// anyone else, nor an anonymous page a member.
async fn a_kept_page_never_hides_a_write_nor_shows_one_reader_to_another(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = |body: &str| body.contains("It breaks you");
    let first = app.get("/films/crossing-2008").await;
    assert!(!page(&first.body));
    // Kept: the same bytes again, from memory.
    let (kept_before, _) = app.state.pages.size();
    assert!(kept_before > 0, "nothing kept");
    assert_eq!(app.get("/films/crossing-2008").await.body, first.body);
    // A member sees a page of her own, never the kept one, and hers is
    // not kept for others.
    let ada = member(&app, "ada", Role::Member).await;
    let hers = ada.get("/films/crossing-2008").await;
    assert!(hers.body.contains("/users/ada"), "her page names her");
    assert_eq!(header(&hers, "cache-control"), "private, no-cache");
    let saved = ada
        .post_form(
            "/films/crossing-2008/review",
            &[
                ("rating", "9"),
                ("headline", "It breaks you"),
                ("body", "A father crosses."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The community's write is on the next anonymous request.
    let after = app.get("/films/crossing-2008").await;
    assert!(
        page(&after.body),
        "the review is missing from the next page"
    );
    assert!(!after.body.contains("/users/ada\" class=\"me\""));
    assert!(
        !after.body.contains("sign-out"),
        "a member's page was shared"
    );
    // A write of another process (the command line) on the same store.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("renamed.json");
    let mut crossing = crossing_titled(&app, "크로싱 (개정판)").await;
    crossing.as_object_mut().unwrap().remove("type");
    std::fs::write(
        &file,
        serde_json::json!({"format": "kinora-catalog", "version": 1, "films": [crossing]})
            .to_string(),
    )
    .unwrap();
    crate::common::ok(crate::common::kinora(
        &app.database.url,
        &["import", file.to_str().unwrap()],
    ));
    let renamed = app.get("/films/crossing-2008").await;
    assert!(
        renamed.body.contains("크로싱 (개정판)"),
        "another process's write is hidden"
    );
    // A merge: the kept page of the merged person becomes the redirect.
    assert_eq!(
        app.get("/people/dennis-halpin").await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/people/dennis-halpin").await.status,
        StatusCode::OK
    );
    let survivor = app.get("/people/doug-anderson").await;
    assert_eq!(survivor.status, StatusCode::OK);
    let merge = app
        .store
        .merge(
            kinora_core::EntityKind::Person,
            &kinora_core::EntityId::parse("dennis-halpin").unwrap(),
            &kinora_core::EntityId::parse("doug-anderson").unwrap(),
            "dana",
        )
        .await
        .unwrap();
    assert_eq!(
        app.get("/people/dennis-halpin").await.status,
        StatusCode::MOVED_PERMANENTLY
    );
    let merged = app.get("/people/doug-anderson").await;
    assert_ne!(merged.body, survivor.body, "the merge is missing");
    // Its revert: the merged person's page is back and the other's is
    // as it was, on the next request, the redirect kept before forgotten.
    assert_eq!(
        app.get("/people/dennis-halpin").await.status,
        StatusCode::MOVED_PERMANENTLY
    );
    app.store.revert(merge, "dana").await.unwrap();
    let back = app.get("/people/dennis-halpin").await;
    assert_eq!(back.status, StatusCode::OK, "the revert is hidden");
    assert!(back.body.contains("Halpin"));
    assert_eq!(
        app.get("/people/doug-anderson").await.body,
        survivor.body,
        "the survivor still shows the reverted merge"
    );
}

/// An entity's first name changed to `name`, written as an editor would.
async fn rename(app: &TestApp, kind: kinora_core::EntityKind, id: &str, name: &str) {
    let id = kinora_core::EntityId::parse(id).unwrap();
    let mut entity = serde_json::to_value(app.store.get(kind, &id).await.unwrap()).unwrap();
    entity["names"][0]["text"] = name.into();
    let entity: Entity = serde_json::from_value(entity).unwrap();
    app.store.put(vec![entity], "dana", "rename").await.unwrap();
}

/// A page is kept with what it was built from: renaming what it shows
/// (a person it credits, the venue of a screening it lists, both read
/// from other entities' documents) is on its next request, as is a
/// screening added by an event's page.
async fn a_kept_page_shows_what_changed_in_the_entities_it_read(backend: Backend) {
    use kinora_core::EntityKind;
    let app = TestApp::demo(backend).await;
    let crossing = "/films/crossing-2008";
    let first = app.get(crossing).await;
    assert!(first.body.contains("Cha In-pyo"));
    assert!(first.body.contains("Library of Congress"));
    assert_eq!(app.get(crossing).await.body, first.body);
    // A member's page is built around the same kept part.
    let ada = member(&app, "ada", Role::Member).await;
    assert!(ada.get(crossing).await.body.contains("Cha In-pyo"));
    rename(
        &app,
        EntityKind::Person,
        "cha-in-pyo",
        "Cha In-pyo (renamed)",
    )
    .await;
    assert!(
        app.get(crossing)
            .await
            .body
            .contains("Cha In-pyo (renamed)")
    );
    assert!(
        ada.get(crossing)
            .await
            .body
            .contains("Cha In-pyo (renamed)"),
        "a member's page kept an old part"
    );
    rename(
        &app,
        EntityKind::Venue,
        "library-of-congress-washington",
        "Library of Congress, Jefferson Building",
    )
    .await;
    let page = app.get(crossing).await;
    assert!(
        page.body
            .contains("Library of Congress, Jefferson Building"),
        "the venue of a screening kept its old name"
    );
    // The person's page lists the film: a film's new title is there too.
    let person = "/people/cha-in-pyo";
    assert!(app.get(person).await.body.contains("Crossing"));
    app.get(person).await;
    let film: Entity =
        serde_json::from_value(crossing_titled(&app, "Crossing (restored)").await).unwrap();
    app.store.put(vec![film], "dana", "retitle").await.unwrap();
    assert!(
        app.get(person).await.body.contains("Crossing (restored)"),
        "a film retitled is missing from its actor's kept page"
    );
    assert!(
        app.get("/api/v1/people/cha-in-pyo")
            .await
            .body
            .contains("Crossing (restored)")
    );
}

on_both_stores!(
    a_kept_page_shows_what_changed_in_the_entities_it_read,
    a_kept_page_never_hides_a_write_nor_shows_one_reader_to_another,
    a_page_is_revalidated_and_changes_its_tag_with_a_write,
    pages_are_compressed_as_the_browser_takes_them,
    a_members_page_is_private,
);
