//! Pictures: an editor adds a real photograph to Crossing; it is stored
//! once, resized, served with long cache lifetimes, shown on the page with
//! its width and height, listed by the API, in the history and revertible;
//! what is not a picture, or too big to decode, is refused and changes
//! nothing; camera metadata never reaches a reader.

use std::io::Cursor;

use axum::http::StatusCode;
use kinora_core::community::Role;

use crate::common::*;
use crate::community::member;

on_both_stores!(
    an_editor_adds_a_poster_and_it_leads_the_page_until_reverted,
    what_is_not_a_picture_is_refused_and_changes_nothing,
    camera_metadata_never_reaches_a_reader,
    a_page_without_a_picture_keeps_its_shape,
    pictures_travel_in_an_export_and_a_copy,
    a_member_sets_and_removes_their_picture,
    faces_and_posters_show_where_people_and_films_are_listed,
);

/// A real photograph: SpaceX's, public domain, from scikit-image's samples.
pub const ROCKET: &[u8] = include_bytes!("../fixtures/pictures/rocket.jpg");

fn history_len(app_history: &TestResponse) -> usize {
    app_history.json()["edits"].as_array().map_or(0, Vec::len)
}

async fn an_editor_adds_a_poster_and_it_leads_the_page_until_reverted(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let editor = member(&app, "edna", Role::Editor).await;
    let before = app.get("/films/crossing-2008").await;
    assert!(before.body.contains("No poster yet"), "no placeholder");

    let added = editor
        .post_multipart(
            "/api/v1/films/crossing-2008/images",
            &[
                ("role", "poster"),
                ("caption", "A Falcon 9 on its pad"),
                ("author", "SpaceX"),
                ("licence", "public domain"),
                ("source", "scikit-image sample data"),
            ],
            &[("file", "rocket.jpg", ROCKET)],
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let image = added.json();
    assert_eq!(image["role"], "poster");
    assert_eq!(image["preferred"], true);
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(640), Some(427))
    );
    assert_eq!(image["origin"], "scikit-image sample data");
    let file = image["file"].as_str().unwrap().to_owned();
    assert!(file.starts_with("sha256:"), "{file}");
    let widths: Vec<u64> = image["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["width"].as_u64().unwrap())
        .collect();
    assert_eq!(widths, [160, 320, 640]);

    // Every copy is served, in its own format, for a year.
    for url in image["urls"].as_array().unwrap() {
        for (key, media_type) in [("webp", "image/webp"), ("jpeg", "image/jpeg")] {
            let served = app.get(url[key].as_str().unwrap()).await;
            assert_eq!(served.status, StatusCode::OK, "{url}");
            assert_eq!(served.content_type, media_type);
            assert!(
                served.headers["cache-control"]
                    .to_str()
                    .unwrap()
                    .contains("immutable"),
                "not cached for good"
            );
            let decoded = image::load_from_memory(&served.bytes).unwrap();
            assert_eq!(u64::from(decoded.width()), url["width"].as_u64().unwrap());
        }
    }
    // Unknown widths, formats and files are 404s, not errors.
    let hex = &file["sha256:".len()..];
    for path in [
        format!("/pictures/{hex}/161.jpg"),
        format!("/pictures/{hex}/160.gif"),
        format!("/pictures/{}/160.jpg", "0".repeat(64)),
        "/pictures/../../etc/160.jpg".to_owned(),
    ] {
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }

    // The page leads with it: in the first block, with its size set so the
    // layout does not jump, a WebP source and a JPEG fallback.
    let page = app.get("/films/crossing-2008").await;
    let html = page.html();
    let img = select(&html, "header.hero figure.hero-picture img");
    assert_eq!(img.len(), 1, "no poster in the page's first block");
    let img = img[0].value();
    assert_eq!(img.attr("width"), Some("640"));
    assert_eq!(img.attr("height"), Some("427"));
    assert!(img.attr("srcset").unwrap().contains("320w"));
    assert_eq!(img.attr("alt"), Some("A Falcon 9 on its pad"));
    assert_eq!(
        select(&html, "header.hero picture source[type='image/webp']").len(),
        1
    );
    assert!(!page.body.contains("No poster yet"));
    assert!(
        page.body
            .contains("SpaceX · public domain · from scikit-image sample data")
    );
    // A shared link previews with it.
    let preview = select(&html, "meta[property='og:image']");
    assert_eq!(preview.len(), 1, "no picture for a shared link");
    let src = img.attr("src").unwrap();
    assert!(
        preview[0].value().attr("content").unwrap().ends_with(src),
        "the preview is not the poster"
    );

    // The API lists it with its addresses; JSON-LD names it.
    let api = app.get("/api/v1/films/crossing-2008").await.json();
    assert_eq!(api["images"][0]["file"], file.as_str());

    // It is an edit like any other: in the history, and revertible.
    let history = app.get("/api/v1/films/crossing-2008/history").await.json();
    let latest = history["edits"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|edit| edit["change"].as_i64())
        .unwrap()
        .clone();
    assert_eq!(latest["summary"], "Add a poster");
    assert_eq!(latest["author"], "@edna");
    let change = latest["change"].as_i64().unwrap();
    // The change page reads as a change: one added line, the documents folded.
    let change_page = app.get(&format!("/changes/{change}")).await;
    let html = change_page.html();
    let added: Vec<String> = select(&html, "ul.claims li.added")
        .iter()
        .map(text)
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].contains("poster 640×427"), "{added:?}");
    assert!(added[0].contains("A Falcon 9 on its pad"), "{added:?}");
    assert!(select(&html, "ul.claims li.removed").is_empty());
    assert_eq!(select(&html, "details.documents pre").len(), 2);
    let reverted = editor
        .json(
            "POST",
            &format!("/api/v1/changes/{change}/revert"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(reverted.status, StatusCode::OK, "{}", reverted.body);
    let page = app.get("/films/crossing-2008").await;
    assert!(
        page.body.contains("No poster yet"),
        "the revert left the poster"
    );
    // The file stays, so that reverting the revert shows it again.
    let again = reverted.json()["change"].as_i64().unwrap();
    editor
        .json(
            "POST",
            &format!("/api/v1/changes/{again}/revert"),
            serde_json::json!({}),
        )
        .await;
    let page = app.get("/films/crossing-2008").await;
    assert_eq!(select(&page.html(), "header.hero img").len(), 1);

    // A second poster, preferred, replaces it at the top; the first stays
    // in the gallery; removing the second brings the first back.
    let second = editor
        .post_multipart(
            "/films/crossing-2008/pictures",
            &[("role", "poster"), ("preferred", "on")],
            &[("file", "astronaut.png", &png(300, 450))],
        )
        .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let page = app.get("/films/crossing-2008").await;
    let html = page.html();
    assert_eq!(
        select(&html, "header.hero img")[0].value().attr("width"),
        Some("300")
    );
    assert_eq!(select(&html, "ul.gallery img").len(), 2);
    let second_file = app.get("/api/v1/films/crossing-2008").await.json()["images"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["preferred"] == true)
        .unwrap()["file"]
        .as_str()
        .unwrap()
        .to_owned();
    let removed = editor
        .post_form(
            &format!("/films/crossing-2008/pictures/{}/remove", &second_file[7..]),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let page = app.get("/films/crossing-2008").await;
    assert_eq!(
        select(&page.html(), "header.hero img")[0]
            .value()
            .attr("width"),
        Some("640")
    );
}

/// A PNG of a gradient, `width` × `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture =
        image::DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }));
    let mut out = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn what_is_not_a_picture_is_refused_and_changes_nothing(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let editor = member(&app, "edna", Role::Editor).await;
    let history = history_len(&app.get("/api/v1/films/crossing-2008/history").await);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>"#;
    // 20,000 × 20,000 pixels of one grey: small on the wire, 400 MB decoded.
    let bomb = {
        let mut header = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut header, 20_000, 20_000);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            let mut stream = writer.stream_writer().unwrap();
            std::io::Write::write_all(&mut stream, &vec![0u8; 20_000 * 4]).unwrap();
            std::io::Write::flush(&mut stream).unwrap();
            std::mem::forget(stream);
        }
        header
    };
    let cases: [(&str, &[u8], &str); 5] = [
        ("drawing.svg", svg, "SVG"),
        (
            "animation.gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
            "GIF",
        ),
        (
            "poster.jpg",
            b"this is not a picture at all",
            "not a picture Kinora reads",
        ),
        ("bomb.png", &bomb, "20000×20000 pixels"),
        ("empty.png", b"", "choose a picture"),
    ];
    for (name, bytes, says) in cases {
        let answer = editor
            .post_multipart(
                "/api/v1/films/crossing-2008/images",
                &[("role", "poster")],
                &[("file", name, bytes)],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{name}: {}",
            answer.body
        );
        assert!(answer.body.contains(says), "{name}: {}", answer.body);
    }
    // A picture refused as an edit (already there) keeps no bytes either.
    let poster = |film: &'static str, bytes: Vec<u8>| {
        let editor = &editor;
        async move {
            editor
                .post_multipart(
                    &format!("/api/v1/films/{film}/images"),
                    &[("role", "poster")],
                    &[("file", "poster", &bytes)],
                )
                .await
        }
    };
    let answers = [
        poster("the-chaser-2008", crate::pictures::ROCKET.to_vec()).await,
        poster("the-chaser-2008", png(64, 96)).await,
        poster("the-chaser-2008", png(64, 96)).await,
    ];
    let statuses: Vec<StatusCode> = answers.iter().map(|answer| answer.status).collect();
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::BAD_REQUEST
        ],
        "{}",
        answers[2].body
    );
    assert!(
        answers[2].body.contains("already among its posters"),
        "{}",
        answers[2].body
    );
    let missing = poster("no-such-film", png(65, 96)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.body);
    assert_eq!(app.store.pictures_after(None, 10).await.unwrap().len(), 2);
    let bad_role = editor
        .post_multipart(
            "/api/v1/films/crossing-2008/images",
            &[("role", "wallpaper")],
            &[("file", "rocket.jpg", crate::pictures::ROCKET)],
        )
        .await;
    assert_eq!(bad_role.status, StatusCode::BAD_REQUEST);
    assert!(bad_role.body.contains("wallpaper"), "{}", bad_role.body);

    // Only editors add pictures.
    let reader = member(&app, "rita", Role::Member).await;
    let answer = reader
        .post_multipart(
            "/api/v1/films/crossing-2008/images",
            &[],
            &[("file", "rocket.jpg", crate::pictures::ROCKET)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let visitor = app.browser();
    let answer = visitor
        .post_multipart(
            "/api/v1/films/crossing-2008/images",
            &[],
            &[("file", "rocket.jpg", crate::pictures::ROCKET)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    assert_eq!(
        history_len(&app.get("/api/v1/films/crossing-2008/history").await),
        history
    );
    assert_eq!(
        app.get("/api/v1/films/crossing-2008").await.json()["images"],
        serde_json::json!([])
    );
    // And no bytes were kept for a file that was refused: only The Chaser's two.
    assert_eq!(app.store.pictures_after(None, 10).await.unwrap().len(), 2);
}

async fn camera_metadata_never_reaches_a_reader(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let editor = member(&app, "edna", Role::Editor).await;
    // The rocket with an EXIF block that says where it was taken.
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    exif.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
    let mut jpeg =
        img_parts::jpeg::Jpeg::from_bytes(crate::pictures::ROCKET.to_vec().into()).unwrap();
    img_parts::ImageEXIF::set_exif(&mut jpeg, Some(exif.into()));
    let tagged = jpeg.encoder().bytes().to_vec();
    assert!(tagged.windows(4).any(|w| w == b"Exif"));
    let added = editor
        .post_multipart(
            "/api/v1/films/crossing-2008/images",
            &[("role", "still")],
            &[("file", "rocket.jpg", &tagged)],
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    for url in added.json()["urls"].as_array().unwrap() {
        for key in ["webp", "jpeg"] {
            let served = app.get(url[key].as_str().unwrap()).await;
            assert!(
                !served.bytes.windows(4).any(|w| w == b"Exif"),
                "EXIF served"
            );
            assert!(
                !served.bytes.windows(4).any(|w| w == b"MM\0\x2a"),
                "TIFF served"
            );
        }
    }
    // The kept original has none either: it is what an export carries.
    for picture in app.store.pictures_after(None, 10).await.unwrap() {
        assert!(!picture.bytes.windows(4).any(|w| w == b"Exif"), "EXIF kept");
    }
}

async fn a_page_without_a_picture_keeps_its_shape(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for (path, role) in [
        ("/films/crossing-2008", "poster"),
        ("/people/cha-in-pyo", "photo"),
        ("/albums/crossing-ost", "cover"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let html = page.html();
        let placeholder = select(&html, "header.hero figure .placeholder");
        assert_eq!(placeholder.len(), 1, "{path}: no placeholder");
        assert_eq!(
            placeholder[0].value().attr("aria-label"),
            Some(format!("No {role} yet").as_str()),
            "{path}"
        );
    }
}

async fn pictures_travel_in_an_export_and_a_copy(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let editor = member(&app, "edna", Role::Editor).await;
    let added = editor
        .post_multipart(
            "/api/v1/people/cha-in-pyo/images",
            &[("role", "photo"), ("caption", "Not Cha In-pyo: a rocket")],
            &[("file", "rocket.jpg", ROCKET)],
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let file = added.json()["file"].as_str().unwrap().to_owned();

    // The export carries the picture's bytes, before the entities.
    let exported = app.export().await;
    let catalog: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(catalog["version"], 4);
    assert_eq!(catalog["files"][0]["file"], file.as_str());
    assert!(exported.find("\"files\"").unwrap() < exported.find("\"sources\"").unwrap());

    // Into an empty store of the same kind: the same catalog, the picture served.
    let (database, store) = backend.store().await;
    let target = TestApp::over(database, store);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::write(&path, &exported).unwrap();
    kinora::app::import(
        &target.store,
        &[kinora::app::ImportFile::read(&path).unwrap()],
        "test",
    )
    .await
    .unwrap();
    assert_eq!(
        target.export().await,
        exported,
        "the round trip changed the catalog"
    );
    let url = added.json()["urls"][0]["webp"].as_str().unwrap().to_owned();
    assert_eq!(target.get(&url).await.status, StatusCode::OK);

    // A copy moves the pictures with the history.
    let (database, store) = backend.store().await;
    let copied = TestApp::over(database, store);
    kinora::app::copy(&app.store, &copied.store).await.unwrap();
    assert_eq!(copied.export().await, exported);
    assert_eq!(copied.get(&url).await.status, StatusCode::OK);

    // A picture shown but not carried, or carried with other bytes, is
    // refused with its place, and nothing is imported.
    let (database, store) = backend.store().await;
    let empty = TestApp::over(database, store);
    let mut without = catalog.clone();
    without.as_object_mut().unwrap().remove("files");
    let mut tampered = catalog.clone();
    tampered["files"][0]["data"] = serde_json::json!("aGVsbG8=");
    for (document, says) in [
        (&without, "images[0].file`: there is no picture"),
        (&tampered, "files[0].file`: the bytes are"),
    ] {
        std::fs::write(&path, serde_json::to_string_pretty(document).unwrap()).unwrap();
        let error = kinora::app::import(
            &empty.store,
            &[kinora::app::ImportFile::read(&path).unwrap()],
            "test",
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(error.contains(says), "{error}");
        assert!(error.contains("catalog.json:"), "no place: {error}");
        assert!(empty.store.is_blank().await.unwrap());
        assert!(
            empty
                .store
                .pictures_after(None, 1)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

async fn a_member_sets_and_removes_their_picture(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mia = member(&app, "mia", Role::Member).await;
    let page = app.get("/users/mia").await;
    assert_eq!(select(&page.html(), "figure.avatar img").len(), 0);
    assert_eq!(select(&page.html(), "figure.avatar .initial").len(), 1);

    let set = mia
        .post_multipart("/settings/avatar", &[], &[("file", "rocket.jpg", ROCKET)])
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    let page = app.get("/users/mia").await;
    let html = page.html();
    let img = select(&html, "figure.avatar img");
    assert_eq!(img.len(), 1, "no picture on the profile");
    let src = img[0].value().attr("src").unwrap().to_owned();
    assert_eq!(app.get(&src).await.status, StatusCode::OK);
    let api = app.get("/api/v1/users/mia").await.json();
    assert_eq!(api["avatar"]["width"], 640);

    // Not a picture: refused, the old one stays.
    let refused = mia
        .post_multipart("/settings/avatar", &[], &[("file", "me.svg", b"<svg/>")])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("SVG"), "{}", refused.body);
    assert_eq!(
        select(&app.get("/users/mia").await.html(), "figure.avatar img").len(),
        1
    );

    let removed = mia.post_form("/settings/avatar/remove", &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        select(&app.get("/users/mia").await.html(), "figure.avatar img").len(),
        0
    );
    // Through the API too; a visitor has no picture to set.
    let put = mia
        .send_multipart(
            "PUT",
            "/api/v1/me/avatar",
            &[],
            &[("file", "rocket.jpg", ROCKET)],
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.json()["urls"][0]["width"], 160);
    let visitor = app.browser();
    let answer = visitor
        .send_multipart(
            "PUT",
            "/api/v1/me/avatar",
            &[],
            &[("file", "rocket.jpg", ROCKET)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

async fn faces_and_posters_show_where_people_and_films_are_listed(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let editor = member(&app, "edna", Role::Editor).await;
    // Without pictures: initials and titles keep the places.
    let film = app.get("/films/crossing-2008").await;
    let starring: Vec<String> = select(&film.html(), "#starring li .name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        starring.first().map(String::as_str),
        Some("Cha In-pyo"),
        "{starring:?}"
    );
    assert!(select(&film.html(), "#starring img").is_empty());
    for (path, role) in [
        ("/api/v1/people/cha-in-pyo/images", "photo"),
        ("/api/v1/films/crossing-2008/images", "poster"),
    ] {
        let added = editor
            .post_multipart(path, &[("role", role)], &[("file", "rocket.jpg", ROCKET)])
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let film = app.get("/films/crossing-2008").await;
    assert_eq!(
        select(&film.html(), "#starring li:first-child img").len(),
        1,
        "no face"
    );
    // A person's page lists their films with posters, latest first.
    let person = app.get("/people/cha-in-pyo").await;
    let html = person.html();
    let known: Vec<String> = select(&html, "#known-for li.card > a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        known.first().map(String::as_str),
        Some("/films/crossing-2008"),
        "{known:?}"
    );
    assert_eq!(select(&html, "#known-for li.card img").len(), 1);
    // An article's page opens on its text.
    let article = app.get("/sources/chosun-2008-04-30-us-screening").await;
    let sections: Vec<String> = select(&article.html(), "article.entity > section")
        .iter()
        .filter_map(|section| section.value().attr("id").map(str::to_owned))
        .collect();
    assert_eq!(
        sections.first().map(String::as_str),
        Some("text"),
        "{sections:?}"
    );
}
