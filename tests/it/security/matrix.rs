//! The matrix: what each state-changing route needs, tried with a body
//! a real client would send, against what Mia, a member, owns.

use kinora_core::community::Role;
use kinora_store::community::{Author, NewPost, Subject};

use crate::common::*;
use crate::community::member;

/// Who tries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Actor {
    Anonymous,
    /// A member who owns none of what is tried.
    Member,
    Editor,
    Moderator,
    Admin,
}

/// What a route needs.
#[derive(Clone, Copy, Debug)]
pub(super) enum Needs {
    /// Any account.
    Member,
    Editor,
    Moderator,
    /// Only the account that owns the thing (Mia): others get `other`.
    Owner {
        other: u16,
    },
    /// The author, or a moderator.
    OwnerOrModerator,
    /// Nobody is refused.
    Nothing,
}

pub(super) struct Try {
    pub(super) method: &'static str,
    /// The route as the route table writes it.
    pub(super) route: &'static str,
    pub(super) needs: Needs,
    /// Form fields, or a JSON body for the API.
    pub(super) body: Body_,
}

pub(super) enum Body_ {
    Form(Vec<(&'static str, String)>),
    Json(serde_json::Value),
    /// A body of this type, sent as a page's script or an upload form
    /// would: with the session's token in the query.
    Raw(&'static str, Vec<u8>),
}

/// What Mia, a member, owns: the targets of the tries.
pub(super) struct Targets {
    pub(super) review: i64,
    pub(super) entry: i64,
    pub(super) thread: i64,
    pub(super) post: i64,
    pub(super) list: String,
    pub(super) change: i64,
    /// Another change, for the API's revert.
    pub(super) change2: i64,
    /// Rows of Mia's import queue.
    pub(super) pending: i64,
    pub(super) pending2: i64,
    /// Two pictures of The Chaser, in hex: a poster and a still.
    pub(super) poster: String,
    pub(super) still: String,
    /// The last change of a venue no other attempt edits: the base its
    /// facts' form carries.
    pub(super) venue_base: i64,
    pub(super) source_base: i64,
    /// Two of Mia's proposals: one to accept, one to reject.
    pub(super) proposal: i64,
    pub(super) proposal2: i64,
    /// Crossing's last change: the base its edit form carries.
    pub(super) crossing: i64,
}

/// A proposal of Mia's: another name for the Munt, made from its last change.
async fn propose(app: &TestApp, name: &str) -> i64 {
    let mia = app.store.account_by_name("mia").await.unwrap().unwrap();
    let munt = kinora_core::EntityId::parse("munt").unwrap();
    let base = app
        .store
        .last_change_of(kinora_core::EntityKind::Venue, &munt)
        .await
        .unwrap();
    app.store
        .propose(
            mia.id,
            &kinora_store::community::NewProposal {
                kind: "venue".into(),
                entity_id: "munt".into(),
                list: "names".into(),
                action: kinora_store::community::ProposalAction::Add,
                position: None,
                claim: Some(serde_json::json!({"text": name, "kind": "alias"})),
                base_change: base,
                summary: "test".into(),
            },
        )
        .await
        .unwrap()
}

pub(super) async fn setup(app: &TestApp) -> Targets {
    let mia = member(app, "mia", Role::Member).await;
    mia.post_form(
        "/films/crossing-2008/review",
        &[("rating", "7"), ("body", "Mia's review")],
    )
    .await;
    mia.post_form(
        "/films/crossing-2008/diary",
        &[("watched_on", "2024-01-01")],
    )
    .await;
    mia.post_form(
        "/lists",
        &[("title", "Mia's list"), ("films", "crossing-2008")],
    )
    .await;
    let id = app.store.account_by_name("mia").await.unwrap().unwrap().id;
    let thread = app
        .store
        .create_thread(
            &Subject::Site,
            "Mia's thread",
            &NewPost {
                author: Author::Account(id),
                body: "Mia's post".into(),
                quote_of: None,
                reposts: Vec::new(),
                source_id: None,
                at: None,
                gap_before: None,
            },
        )
        .await
        .unwrap();
    let put = |id: &str| {
        let film: kinora_core::model::Entity = serde_json::from_value(serde_json::json!({
            "type": "film", "id": id,
            "titles": [{"text": "A Test Film", "kind": "original"}]
        }))
        .unwrap();
        let store = app.store.clone();
        async move {
            store
                .put(vec![film], "test", "a film to revert")
                .await
                .unwrap()
                .change_id
                .unwrap()
        }
    };
    let pending = || {
        let store = app.store.clone();
        async move {
            let entry = serde_json::json!({"kind": "rating", "film": {"title": "Parasite", "year": 2019}, "rating": 10, "rated_on": null});
            store
                .add_pending_import(
                    id,
                    "test",
                    "ratings.csv line 2",
                    &entry,
                    &serde_json::json!([]),
                )
                .await
                .unwrap()
        }
    };
    let change = put("a-test-film").await;
    let change2 = put("another-test-film").await;
    Targets {
        review: app
            .store
            .review_of(id, "crossing-2008")
            .await
            .unwrap()
            .unwrap()
            .id
            .get(),
        entry: app.store.diary(id, 1).await.unwrap()[0].id.get(),
        post: app.store.posts(thread).await.unwrap()[0].id.get(),
        thread: thread.get(),
        list: "mias-list".into(),
        change,
        change2,
        pending: pending().await,
        pending2: pending().await,
        poster: picture(app, "poster", 0).await,
        still: picture(app, "still", 1).await,
        venue_base: app
            .store
            .last_change_of(
                kinora_core::EntityKind::Venue,
                &kinora_core::EntityId::parse("munt-11").unwrap(),
            )
            .await
            .unwrap(),
        source_base: app
            .store
            .last_change_of(
                kinora_core::EntityKind::Source,
                &kinora_core::EntityId::parse("kofic-2008-05-06").unwrap(),
            )
            .await
            .unwrap(),
        proposal: propose(app, "A proposed name").await,
        proposal2: propose(app, "Another proposed name").await,
        crossing: app
            .store
            .last_change_of(
                kinora_core::EntityKind::Film,
                &kinora_core::EntityId::parse("crossing-2008").unwrap(),
            )
            .await
            .unwrap(),
    }
}

/// A small picture, different for each `seed`.
pub(super) fn png(seed: u8) -> Vec<u8> {
    let picture = image::DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(48, 64, |x, y| {
        image::Rgb([x as u8, y as u8, seed])
    }));
    let mut out = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Adds a picture to The Chaser through the store; its file in hex.
pub(super) async fn picture(app: &TestApp, role: &str, seed: u8) -> String {
    let stored = kinora::pictures::prepare_now(&png(seed)).unwrap();
    app.store.save_picture(&stored).await.unwrap();
    let image: kinora_core::image::Image = serde_json::from_value(serde_json::json!({
        "file": stored.file.as_str(), "role": role, "width": stored.width, "height": stored.height
    }))
    .unwrap();
    app.store
        .update(
            kinora_core::EntityKind::Film,
            &kinora_core::EntityId::parse("the-chaser-2008").unwrap(),
            "test",
            "test",
            move |entity| {
                entity.images_mut().unwrap().push(image.clone());
                Ok(())
            },
        )
        .await
        .unwrap();
    stored.file.hex().to_owned()
}

/// A multipart body with a picture and a role.
pub(super) fn upload(role: &str, seed: u8) -> Body_ {
    let mut body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\n{role}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&png(seed));
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    Body_::Raw("multipart/form-data; boundary=XyZ", body)
}

pub(super) fn tries(t: &Targets) -> Vec<(Try, String)> {
    use Body_::{Form, Json};
    let form = |fields: &[(&'static str, &str)]| {
        Form(fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
    };
    let film_document = serde_json::json!({
        "type": "film", "id": "crossing-2008",
        "titles": [{"text": "Crossing", "kind": "original"}]
    });
    vec![
        (
            Try {
                method: "POST",
                route: "/films/{id}/review",
                needs: Needs::Member,
                body: form(&[("rating", "6")]),
            },
            "/films/crossing-2008/review".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/diary",
                needs: Needs::Member,
                body: form(&[]),
            },
            "/films/crossing-2008/diary".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/watchlist",
                needs: Needs::Member,
                body: form(&[("on", "on")]),
            },
            "/films/crossing-2008/watchlist".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/films/{id}/lists",
                needs: Needs::Owner { other: 404 },
                body: form(&[("list", &t.list)]),
            },
            "/films/crossing-2008/lists".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/reviews/{id}/like",
                needs: Needs::Member,
                body: form(&[("on", "on")]),
            },
            format!("/reviews/{}/like", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/reviews/{id}/hide",
                needs: Needs::Moderator,
                body: form(&[("reason", "test")]),
            },
            format!("/reviews/{}/hide", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/diary/{id}/delete",
                needs: Needs::Owner { other: 404 },
                body: form(&[]),
            },
            format!("/diary/{}/delete", t.entry),
        ),
        (
            Try {
                method: "POST",
                route: "/threads",
                needs: Needs::Member,
                body: form(&[("title", "T"), ("body", "B")]),
            },
            "/threads".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/threads/{id}/posts",
                needs: Needs::Member,
                body: form(&[("body", "reply")]),
            },
            format!("/threads/{}/posts", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/threads/{id}/moderation",
                needs: Needs::Moderator,
                body: form(&[("action", "pin")]),
            },
            format!("/threads/{}/moderation", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/posts/{id}/edit",
                needs: Needs::OwnerOrModerator,
                body: form(&[("body", "edited")]),
            },
            format!("/posts/{}/edit", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/posts/{id}/hide",
                needs: Needs::Moderator,
                body: form(&[("reason", "test")]),
            },
            format!("/posts/{}/hide", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/lists",
                needs: Needs::Member,
                body: form(&[("title", "Another")]),
            },
            "/lists".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/users/{name}/lists/{slug}/edit",
                needs: Needs::Owner { other: 403 },
                body: form(&[("title", "Taken over")]),
            },
            format!("/users/mia/lists/{}/edit", t.list),
        ),
        (
            Try {
                method: "POST",
                route: "/settings",
                needs: Needs::Member,
                body: form(&[("display_name", "New name")]),
            },
            "/settings".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/preferences",
                needs: Needs::Member,
                body: form(&[("lang", "ko"), ("back", "/")]),
            },
            "/preferences".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/password",
                needs: Needs::Member,
                body: form(&[
                    ("current", "a long enough password"),
                    ("password", "a changed long password"),
                ]),
            },
            "/settings/password".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/edit",
                needs: Needs::Editor,
                body: Form(vec![
                    ("document", film_document.to_string()),
                    ("summary", "test".into()),
                    ("reason", "test".into()),
                    ("base_change", t.crossing.to_string()),
                ]),
            },
            "/films/crossing-2008/edit".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/claims/{list}",
                // A member's edit is a proposal.
                needs: Needs::Member,
                body: Form(vec![
                    ("action", "save".into()),
                    ("base_change", t.venue_base.to_string()),
                    ("v.text", "Munt 11 (test)".into()),
                    ("v.kind", "alias".into()),
                    ("sources.0.source", "idfa-2012-the-defector".into()),
                    ("summary", "test".into()),
                ]),
            },
            "/venues/munt-11/claims/names".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/sources/{id}/fields",
                // A member's edit is a proposal.
                needs: Needs::Member,
                body: Form(vec![
                    ("base_change", t.source_base.to_string()),
                    ("v.kind", "news".into()),
                    ("v.title", "Crossing Screens at the Library of Congress".into()),
                    ("v.url", "https://www.kofic.or.kr/test".into()),
                    ("summary", "test".into()),
                ]),
            },
            "/sources/kofic-2008-05-06/fields".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/new/{kind}",
                // A member's new entity is a proposal.
                needs: Needs::Member,
                body: form(&[
                    ("v.text", "A person of the test"),
                    ("v.kind", "primary"),
                    ("sources.0.source", "kofic-2008-05-06"),
                    ("another", "on"),
                    ("summary", "test"),
                ]),
            },
            "/new/people".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/edits/{id}/accept",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/edits/{}/accept", t.proposal),
        ),
        (
            Try {
                method: "POST",
                route: "/edits/{id}/reject",
                needs: Needs::Editor,
                body: form(&[("reason", "test")]),
            },
            format!("/edits/{}/reject", t.proposal2),
        ),
        (
            Try {
                method: "POST",
                route: "/duplicates/merge",
                // A member's merge is a proposal.
                needs: Needs::Member,
                body: form(&[
                    ("kind", "people"),
                    ("ids", "liu-ye,song-seung-heon"),
                    ("keep", "song-seung-heon"),
                    ("why", "test"),
                ]),
            },
            "/duplicates/merge".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/changes/{change}/revert",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/changes/{}/revert", t.change),
        ),
        (
            Try {
                method: "POST",
                route: "/news",
                needs: Needs::Editor,
                body: form(&[
                    ("title", "Crossing opens"),
                    ("publisher", "Test Daily"),
                    ("date", "2008-06-26"),
                    ("text", "Cha In-pyo stars in \"Crossing\"."),
                ]),
            },
            "/news".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/sources/{id}/mentions",
                needs: Needs::Editor,
                body: form(&[("shown", "person:cha-in-pyo"), ("link", "person:cha-in-pyo")]),
            },
            "/sources/kofic-2008-05-06/mentions".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/films/{id}/reviews",
                needs: Needs::Member,
                body: Json(serde_json::json!({"rating": 5})),
            },
            "/api/v1/films/crossing-2008/reviews".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/reviews/{id}/like",
                needs: Needs::Member,
                body: Json(serde_json::json!({"on": true})),
            },
            format!("/api/v1/reviews/{}/like", t.review),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads",
                needs: Needs::Member,
                body: Json(serde_json::json!({"title": "T", "body": "B"})),
            },
            "/api/v1/threads".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads/{id}/posts",
                needs: Needs::Member,
                body: Json(serde_json::json!({"body": "reply"})),
            },
            format!("/api/v1/threads/{}/posts", t.thread),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/threads/{id}/moderation",
                needs: Needs::Moderator,
                body: Json(serde_json::json!({"action": "lock"})),
            },
            format!("/api/v1/threads/{}/moderation", t.thread),
        ),
        (
            Try {
                method: "PATCH",
                route: "/api/v1/posts/{id}",
                needs: Needs::OwnerOrModerator,
                body: Json(serde_json::json!({"body": "edited"})),
            },
            format!("/api/v1/posts/{}", t.post),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/diary",
                needs: Needs::Member,
                body: Json(serde_json::json!({"film": "crossing-2008"})),
            },
            "/api/v1/me/diary".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/lists",
                needs: Needs::Member,
                body: Json(serde_json::json!({"title": "L"})),
            },
            "/api/v1/me/lists".into(),
        ),
        (
            Try {
                method: "PUT",
                route: "/api/v1/{kind}/{id}",
                needs: Needs::Editor,
                body: Json(serde_json::json!({"document": film_document, "summary": "test", "reason": "test"})),
            },
            "/api/v1/films/crossing-2008".into(),
        ),
        // One claim at a time, each on its own list of one venue so that
        // all three land from one base; a member's are proposals.
        (
            Try {
                method: "POST",
                route: "/api/v1/{kind}/{id}/claims/{list}",
                needs: Needs::Member,
                body: Json(serde_json::json!({
                    "claim": {"url": "https://www.idfa.nl/", "kind": "official",
                              "sources": [{"source": "idfa-2012-the-defector"}]},
                    "summary": "test", "base_change": t.venue_base
                })),
            },
            "/api/v1/venues/munt-11/claims/links".into(),
        ),
        (
            Try {
                method: "PUT",
                route: "/api/v1/{kind}/{id}/claims/{list}/{index}",
                needs: Needs::Member,
                body: Json(serde_json::json!({
                    "claim": {"venue": "munt", "note": "test",
                              "sources": [{"source": "idfa-2012-the-defector"}]},
                    "summary": "test", "base_change": t.venue_base
                })),
            },
            "/api/v1/venues/munt-11/claims/part_of/0".into(),
        ),
        (
            Try {
                method: "DELETE",
                route: "/api/v1/{kind}/{id}/claims/{list}/{index}",
                needs: Needs::Member,
                body: Json(serde_json::json!({
                    "summary": "test", "reason": "test", "base_change": t.venue_base
                })),
            },
            "/api/v1/venues/munt-11/claims/cities/0".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/{kind}",
                needs: Needs::Editor,
                body: Json(serde_json::json!({
                    "document": {"type": "film", "id": "a-film-of-the-matrix",
                                 "titles": [{"text": "A Film of the Matrix", "kind": "original"}]},
                    "summary": "test"
                })),
            },
            "/api/v1/films".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/changes/{change}/revert",
                needs: Needs::Editor,
                body: Json(serde_json::json!({})),
            },
            format!("/api/v1/changes/{}/revert", t.change2),
        ),
        (
            Try {
                method: "POST",
                route: "/me/import",
                needs: Needs::Member,
                body: Body_::Raw(
                    "multipart/form-data; boundary=XyZ",
                    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ratings.csv\"\r\nContent-Type: text/csv\r\n\r\nDate,Name,Year,Letterboxd URI,Rating\n2024-01-01,Crossing,2008,,4.5\n\r\n--XyZ--\r\n".into(),
                ),
            },
            "/me/import".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/me/import/pending/{id}",
                needs: Needs::Owner { other: 404 },
                body: form(&[("film", "")]),
            },
            format!("/me/import/pending/{}", t.pending),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/import",
                needs: Needs::Member,
                body: Body_::Raw(
                    "text/csv",
                    "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Crossing,2008,,4.5\n".into(),
                ),
            },
            "/api/v1/me/import?name=ratings.csv".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/me/pending/{id}",
                needs: Needs::Owner { other: 404 },
                body: Json(serde_json::json!({"film": null})),
            },
            format!("/api/v1/me/pending/{}", t.pending2),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures",
                needs: Needs::Editor,
                body: upload("still", 7),
            },
            "/films/crossing-2008/pictures".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/api/v1/{kind}/{id}/images",
                needs: Needs::Editor,
                body: upload("photo", 8),
            },
            "/api/v1/films/crossing-2008/images".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures/{hex}/prefer",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/films/the-chaser-2008/pictures/{}/prefer", t.still),
        ),
        (
            Try {
                method: "POST",
                route: "/{kind}/{id}/pictures/{hex}/remove",
                needs: Needs::Editor,
                body: form(&[]),
            },
            format!("/films/the-chaser-2008/pictures/{}/remove", t.still),
        ),
        (
            Try {
                method: "DELETE",
                route: "/api/v1/{kind}/{id}/images/{file}",
                needs: Needs::Editor,
                body: Json(serde_json::json!({})),
            },
            format!("/api/v1/films/the-chaser-2008/images/{}", t.poster),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/avatar",
                needs: Needs::Member,
                body: upload("photo", 9),
            },
            "/settings/avatar".into(),
        ),
        (
            Try {
                method: "POST",
                route: "/settings/avatar/remove",
                needs: Needs::Member,
                body: form(&[]),
            },
            "/settings/avatar/remove".into(),
        ),
        (
            Try {
                method: "PUT",
                route: "/api/v1/me/avatar",
                needs: Needs::Member,
                body: upload("photo", 10),
            },
            "/api/v1/me/avatar".into(),
        ),
        (
            Try {
                method: "DELETE",
                route: "/api/v1/me/avatar",
                needs: Needs::Member,
                body: Body_::Json(serde_json::json!({})),
            },
            "/api/v1/me/avatar".into(),
        ),
        // Last: it ends the session the others need.
        (
            Try {
                method: "POST",
                route: "/sign-out",
                needs: Needs::Nothing,
                body: form(&[]),
            },
            "/sign-out".into(),
        ),
    ]
}
