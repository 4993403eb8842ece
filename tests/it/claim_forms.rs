//! Editing facts in forms, as an editor who has never read the catalog
//! format would: a part's claims, each with its sources, added, changed and
//! removed one at a time, with errors beside the field and nothing saved.

use axum::http::StatusCode;
use kinora_core::community::Role;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};

use crate::common::*;
use crate::community::member;

on_both_stores!(an_editor_adds_a_release_with_its_source_in_a_form);

async fn crossing(app: &TestApp) -> (kinora_core::model::Film, i64) {
    match app
        .store
        .lookup(EntityKind::Film, &EntityId::parse("crossing-2008").unwrap())
        .await
        .unwrap()
    {
        kinora_store::Lookup::Present {
            entity: Entity::Film(film),
            last_change,
        } => (film, last_change),
        _ => panic!("the demo has Crossing"),
    }
}

async fn an_editor_adds_a_release_with_its_source_in_a_form(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let ed = member(&app, "ed", Role::Editor).await;
    let parts = ed.get("/films/crossing-2008/claims").await;
    assert_eq!(parts.status, StatusCode::OK);
    let html = parts.html();
    let links: Vec<String> = select(&html, "ul.parts a").iter().map(text).collect();
    assert!(links.contains(&"Releases".to_owned()), "{links:?}");
    assert!(links.contains(&"Credits".to_owned()), "{links:?}");

    let page = ed.get("/films/crossing-2008/claims/releases").await.html();
    let readings: Vec<String> = select(&page, "details.claim-box > summary")
        .iter()
        .map(text)
        .collect();
    assert!(
        readings
            .iter()
            .any(|r| r.contains("South Korea") && r.contains("26 June 2008")),
        "claims read out in words: {readings:#?}"
    );
    // The add form has the release's own fields and a citation row.
    let add = &select(&page, "details.claim-box.add form")[0];
    for name in [
        "v.kind",
        "v.country",
        "v.date",
        "sources.0.source",
        "sources.0.quote",
        "summary",
    ] {
        assert!(
            add.select(&scraper::Selector::parse(&format!("[name=\"{name}\"]")).unwrap())
                .next()
                .is_some(),
            "no field {name}"
        );
    }

    let (before, version) = crossing(&app).await;
    let release = |country: &str, version: i64| {
        vec![
            ("action", "save".to_owned()),
            ("base_change", version.to_string()),
            ("v.kind", "festival".to_owned()),
            ("v.country", country.to_owned()),
            ("v.date", "2008-10-05".to_owned()),
            ("sources.0.source", "kofic-2008-05-06".to_owned()),
            (
                "sources.0.quote",
                "Fine Cut is handling international sales.".to_owned(),
            ),
            ("summary", "A festival screening, from KOFIC".to_owned()),
        ]
    };
    // A country that is none: the error beside the field, nothing saved.
    let fields = release("Narnia", version);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = ed
        .post_form("/films/crossing-2008/claims/releases", &fields)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.html();
    let country = &select(&html, "details.claim-box.add [name=\"v.country\"]")[0];
    assert_eq!(country.value().attr("aria-invalid"), Some("true"));
    assert_eq!(
        country.value().attr("value"),
        Some("Narnia"),
        "the text is kept"
    );
    let error = text(&select(&html, "details.claim-box.add small.field-error")[0]);
    assert!(error.contains("Narnia"), "{error}");
    assert_eq!(crossing(&app).await.0, before, "nothing saved");

    // A fact with no source is refused, the error beside the source.
    let fields = release("KR", version);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| !k.starts_with("sources."))
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let unsourced = ed
        .post_form("/films/crossing-2008/claims/releases", &fields)
        .await;
    assert_eq!(unsourced.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unsourced.body.contains("Cite the source that states it"));
    assert_eq!(crossing(&app).await.0, before, "nothing saved");

    // A good one: saved as one change, with its source and quote.
    let fields = release("KR", version);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = ed
        .post_form("/films/crossing-2008/claims/releases", &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (after, version2) = crossing(&app).await;
    assert_eq!(after.releases.len(), before.releases.len() + 1);
    let added = after.releases.last().unwrap();
    assert_eq!(added.sources[0].source.id.as_str(), "kofic-2008-05-06");
    assert_eq!(
        added.sources[0].quote.as_deref(),
        Some("Fine Cut is handling international sales.")
    );
    let history = app.get("/films/crossing-2008/history").await.body;
    assert!(history.contains("A festival screening, from KOFIC"));

    // A form loaded before that save is refused: no edit overwritten.
    let stale = ed
        .post_form(
            "/films/crossing-2008/claims/releases",
            &[
                ("action", "remove"),
                ("index", "0"),
                ("base_change", &version.to_string()),
                ("summary", "remove the first"),
                ("reason", "test"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stale
            .body
            .contains("changed this film while you were editing")
    );
    assert_eq!(crossing(&app).await.0, after);

    // Removed with the current version: a fact its source states goes
    // only with a reason, which the history keeps.
    let index = (after.releases.len() - 1).to_string();
    let unreasoned = ed
        .post_form(
            "/films/crossing-2008/claims/releases",
            &[
                ("action", "remove"),
                ("index", &index),
                ("base_change", &version2.to_string()),
                ("summary", "not a festival after all"),
            ],
        )
        .await;
    assert_eq!(unreasoned.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unreasoned
            .body
            .contains("A source states this fact: say why it goes"),
        "{}",
        unreasoned.body
    );
    assert_eq!(crossing(&app).await.0, after);
    let removed = ed
        .post_form(
            "/films/crossing-2008/claims/releases",
            &[
                ("action", "remove"),
                ("index", &index),
                ("base_change", &version2.to_string()),
                ("summary", "not a festival after all"),
                ("reason", "the paper misread the programme"),
            ],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(crossing(&app).await.0.releases, before.releases);
    let history = app.get("/films/crossing-2008/history").await;
    assert!(
        history.body.contains(
            "not a festival after all (removes sourced facts: the paper misread the programme)"
        ),
        "{}",
        history.body
    );

    // A member's forms propose; a visitor has none.
    let max = member(&app, "max", Role::Member).await;
    let page = max.get("/films/crossing-2008/claims/releases").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Propose the fact"));
    assert_eq!(
        app.get("/films/crossing-2008/claims").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// A source from a pasted newspaper address, then a person who is in the
/// catalog under another spelling: offered first, created when the editor
/// says it is another, and merged from the duplicates page.
#[tokio::test]
async fn an_editor_creates_a_source_and_a_person_found_as_a_duplicate() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let ed = member(&app, "ed", Role::Editor).await;
    let form = ed.get("/new/sources").await;
    assert_eq!(form.status, StatusCode::OK);
    let source = ed
        .post_form(
            "/new/sources",
            &[
                (
                    "v.url",
                    "https://www.koreaherald.com/view.php?ud=20080610000012",
                ),
                ("v.title", "Cha In-pyo's Crossing opens in June"),
                ("v.kind", "news"),
                ("v.publisher", "The Korea Herald"),
                ("v.authors.0.name", "Yang Sung-jin"),
                ("v.date", "2008-06-10"),
                ("v.lang", "en"),
                ("summary", "A Korea Herald article"),
            ],
        )
        .await;
    assert_eq!(source.status, StatusCode::SEE_OTHER, "{}", source.body);
    let page = app
        .get("/sources/cha-in-pyo-s-crossing-opens-in-june")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Yang Sung-jin"));

    // "Kim Tae-gyun" is how another paper spells Kim Tae-kyun.
    let person = |another: bool| {
        let mut fields = vec![
            ("v.text", "Kim Tae-gyun"),
            ("v.kind", "primary"),
            ("v.lang", "en"),
            ("sources.0.source", "cha-in-pyo-s-crossing-opens-in-june"),
            ("sources.0.quote", "director Kim Tae-gyun"),
            ("summary", "The director, as the Herald spells him"),
        ];
        if another {
            fields.push(("another", "on"));
        }
        fields
    };
    let offered = ed.post_form("/new/people", &person(false)).await;
    assert_eq!(offered.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = offered.html();
    let candidates: Vec<String> = select(&html, "ul.candidates a").iter().map(text).collect();
    assert_eq!(candidates, ["Kim Tae-kyun"], "did you mean");
    assert!(select(&html, "input[name=another]").len() == 1);

    let created = ed.post_form("/new/people", &person(true)).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(
        created.location.as_deref(),
        Some("/people/kim-tae-gyun/claims")
    );
    let merged = ed
        .post_form(
            "/duplicates/merge",
            &[
                ("kind", "people"),
                ("ids", "kim-tae-kyun,kim-tae-gyun"),
                ("keep", "kim-tae-kyun"),
            ],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    assert_eq!(
        app.get("/people/kim-tae-gyun").await.status,
        StatusCode::MOVED_PERMANENTLY
    );
    let kept = app.get("/people/kim-tae-kyun").await.body;
    assert!(
        kept.contains("Kim Tae-gyun"),
        "the spelling is kept, with its source"
    );
}

/// An account saves catalog edits at a bounded rate: past the burst, the
/// next is refused with a message, and nothing of it is saved.
#[tokio::test]
async fn catalog_edits_are_limited_per_account() {
    let mut app = TestApp::demo(Backend::Sqlite).await;
    app.state.limits = std::sync::Arc::new(
        kinora::web::auth::SignInLimits::new(1000, 1000).with_edits_per_hour(20),
    );
    let ed = member(&app, "ed", Role::Editor).await;
    let mut statuses = Vec::new();
    for n in 0..3 {
        let (_, base) = crossing(&app).await;
        let text = format!("Crossing trivia {n}");
        let answer = ed
            .post_form(
                "/films/crossing-2008/claims/trivia",
                &[
                    ("action", "save"),
                    ("base_change", &base.to_string()),
                    ("v.text", &text),
                    ("v.lang", "en"),
                    ("sources.0.source", "kofic-2008-05-06"),
                    ("summary", "trivia"),
                ],
            )
            .await;
        statuses.push(answer.status.as_u16());
    }
    assert_eq!(statuses, [303, 303, 429], "a burst of two, then a wait");
    let (film, _) = crossing(&app).await;
    assert!(!film.trivia.iter().any(|t| t.text == "Crossing trivia 2"));
}

/// A member's edit is a proposal: listed at /edits/open, made when an
/// editor accepts it (under both names), kept with its reason when
/// rejected; a member cannot decide.
#[tokio::test]
async fn a_members_proposal_is_accepted_by_an_editor() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let mia = member(&app, "mia", Role::Member).await;
    let (before, base) = crossing(&app).await;
    let proposed = mia
        .post_form(
            "/films/crossing-2008/claims/releases",
            &[
                ("action", "save"),
                ("base_change", &base.to_string()),
                ("v.kind", "festival"),
                ("v.country", "KR"),
                ("v.date", "2008-10-05"),
                ("sources.0.source", "kofic-2008-05-06"),
                ("summary", "A festival screening"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    assert!(
        proposed
            .location
            .unwrap()
            .starts_with("/edits/open#proposal-")
    );
    assert_eq!(crossing(&app).await.0, before, "nothing changes yet");
    let queue = app.get("/edits/open").await.html();
    let lines: Vec<String> = select(&queue, "ol.proposals li").iter().map(text).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("adds to Releases") && lines[0].contains("5 October 2008"),
        "{lines:?}"
    );
    assert!(lines[0].contains("mia"), "{lines:?}");
    let id = select(&queue, "ol.proposals li")[0]
        .value()
        .id()
        .unwrap()
        .trim_start_matches("proposal-")
        .to_owned();
    assert_eq!(
        mia.post_form(&format!("/edits/{id}/accept"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let ed = member(&app, "ed", Role::Editor).await;
    let accepted = ed.post_form(&format!("/edits/{id}/accept"), &[]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let (after, _) = crossing(&app).await;
    assert_eq!(after.releases.len(), before.releases.len() + 1);
    let history = app.get("/films/crossing-2008/history").await.body;
    assert!(
        history.contains("by @mia: A festival screening"),
        "{history}"
    );
    assert!(
        select(&app.get("/edits/open").await.html(), "ol.proposals li").is_empty(),
        "decided"
    );
    // Accepting twice makes nothing twice.
    assert_eq!(
        ed.post_form(&format!("/edits/{id}/accept"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// A member sees what became of their proposals: a rejected one with the
/// editor's reason.
#[tokio::test]
async fn a_member_reads_why_a_proposal_was_rejected() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let mia = member(&app, "mia", Role::Member).await;
    let (_, base) = crossing(&app).await;
    let proposed = mia
        .post_form(
            "/films/crossing-2008/claims/keywords",
            &[
                ("action", "save"),
                ("base_change", &base.to_string()),
                ("v.keyword", "sad"),
                ("sources.0.source", "kofic-2008-05-06"),
                ("summary", "A keyword"),
            ],
        )
        .await;
    let id = proposed
        .location
        .unwrap()
        .trim_start_matches("/edits/open#proposal-")
        .to_owned();
    let ed = member(&app, "ed", Role::Editor).await;
    let rejected = ed
        .post_form(
            &format!("/edits/{id}/reject"),
            &[("reason", "no source says so")],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER, "{}", rejected.body);
    let mine = mia.get("/me/proposals").await.html();
    let outcome = text(&select(&mine, "ol.proposals li")[0]);
    assert!(
        outcome.contains("turned down") && outcome.contains("no source says so"),
        "{outcome}"
    );
    assert_eq!(
        app.get("/me/proposals").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// A member proposes a new person and a merge; neither is made until an
/// editor accepts it, and each is then one change in the history with the
/// member's name and reason.
#[tokio::test]
async fn a_members_new_person_and_merge_are_proposals() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let mia = member(&app, "mia", Role::Member).await;
    let new_page = mia.get("/new/people").await;
    assert_eq!(new_page.status, StatusCode::OK);
    assert!(new_page.body.contains("Propose the person"));
    let proposed = mia
        .post_form(
            "/new/people",
            &[
                ("v.text", "Jo Min-ho"),
                ("v.kind", "primary"),
                ("sources.0.source", "kofic-2008-05-06"),
                ("sources.0.quote", "Jo Min-ho"),
                ("another", "on"),
                ("summary", "The cinematographer KOFIC names"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    assert!(
        proposed
            .location
            .as_deref()
            .unwrap()
            .starts_with("/me/proposals#proposal-")
    );
    let person = EntityId::parse("jo-min-ho").unwrap();
    assert!(matches!(
        app.store.lookup(EntityKind::Person, &person).await.unwrap(),
        kinora_store::Lookup::Missing
    ));
    // The merge of two spellings the duplicates page lists.
    let merge = mia
        .post_form(
            "/duplicates/merge",
            &[
                ("kind", "people"),
                ("ids", "liu-ye,song-seung-heon"),
                ("keep", "song-seung-heon"),
            ],
        )
        .await;
    assert_eq!(merge.status, StatusCode::BAD_REQUEST, "a member says why");
    let merge = mia
        .post_form(
            "/duplicates/merge",
            &[
                ("kind", "people"),
                ("ids", "liu-ye,song-seung-heon"),
                ("keep", "song-seung-heon"),
                ("why", "one actor, two romanizations"),
            ],
        )
        .await;
    assert_eq!(merge.status, StatusCode::SEE_OTHER, "{}", merge.body);
    let liu_ye = EntityId::parse("liu-ye").unwrap();
    assert!(matches!(
        app.store.lookup(EntityKind::Person, &liu_ye).await.unwrap(),
        kinora_store::Lookup::Present { .. }
    ));
    let queue = app.get("/edits/open").await.html();
    let items = select(&queue, "ol.proposals li");
    let lines: Vec<String> = items.iter().map(text).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("Jo Min-ho") && lines[0].contains("a new person (id jo-min-ho)"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("is the same person as") && lines[1].contains("song-seung-heon"),
        "{lines:?}"
    );
    let ids: Vec<String> = items
        .iter()
        .map(|item| {
            item.value()
                .id()
                .unwrap()
                .trim_start_matches("proposal-")
                .to_owned()
        })
        .collect();
    let ed = member(&app, "ed", Role::Editor).await;
    for id in &ids {
        let accepted = ed.post_form(&format!("/edits/{id}/accept"), &[]).await;
        assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    }
    assert!(matches!(
        app.store.lookup(EntityKind::Person, &person).await.unwrap(),
        kinora_store::Lookup::Present { .. }
    ));
    assert!(matches!(
        app.store.lookup(EntityKind::Person, &liu_ye).await.unwrap(),
        kinora_store::Lookup::Redirect { .. }
    ));
    let history = app.get("/people/jo-min-ho/history").await.body;
    assert!(
        history.contains("by @mia: The cinematographer KOFIC names"),
        "{history}"
    );
    let history = app.get("/people/song-seung-heon/history").await.body;
    assert!(
        history.contains("by @mia: one actor, two romanizations"),
        "{history}"
    );
    // The member reads both as made, each with its change.
    let mine = mia.get("/me/proposals").await.html();
    let made = select(&mine, "ol.proposals li .outcome a");
    assert_eq!(made.len(), 2, "{}", mine.html());
}

/// A source's own fields in a form: filled in as they are, a bad language
/// refused beside its field with nothing saved, a date changed, the text
/// and confirmed mentions kept; a member's edit is a proposal.
#[tokio::test]
async fn a_sources_fields_are_edited_in_a_form() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let id = EntityId::parse("kofic-2008-05-06").unwrap();
    let source = || async { app.store.get(EntityKind::Source, &id).await.unwrap() };
    let before = source().await;
    let ed = member(&app, "ed", Role::Editor).await;
    let page = ed.get("/sources/kofic-2008-05-06/fields").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    let value = |name: &str| {
        select(&html, &format!("[name=\"{name}\"]"))
            .first()
            .map(|element| {
                element
                    .value()
                    .attr("value")
                    .map(str::to_owned)
                    .unwrap_or_else(|| text(element))
            })
            .unwrap_or_default()
    };
    assert_eq!(
        value("v.title"),
        "Crossing Screens at US Library of Congress"
    );
    assert_eq!(value("v.date"), "2008-05-06");
    assert_eq!(value("v.authors.0.name"), "Nigel D'Sa");
    let base = value("base_change");
    // Every field as the page has it, with one changed.
    let mut fields: Vec<(String, String)> = select(&html, "form.claim-form [name]")
        .iter()
        .filter_map(|element| {
            let name = element.value().attr("name")?.to_owned();
            let value = match element.value().name() {
                "textarea" => text(element),
                "select" => element
                    .select(&scraper::Selector::parse("option[selected]").unwrap())
                    .next()
                    .and_then(|option| option.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned(),
                _ => element.value().attr("value").unwrap_or_default().to_owned(),
            };
            (name != "csrf").then_some((name, value))
        })
        .collect();
    let set = |fields: &mut Vec<(String, String)>, name: &str, value: &str| {
        fields.retain(|(other, _)| other != name);
        fields.push((name.to_owned(), value.to_owned()));
    };
    set(&mut fields, "summary", "The date KOFIC gives");
    set(&mut fields, "v.lang", "Klingonese");
    let sent: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let refused = ed
        .post_form("/sources/kofic-2008-05-06/fields", &sent)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Klingonese"),
        "the typed text is kept"
    );
    assert!(
        !select(&refused.html(), "[aria-invalid=true][name=\"v.lang\"]").is_empty(),
        "{}",
        refused.body
    );
    assert_eq!(source().await, before, "nothing saved");
    set(&mut fields, "v.lang", "en");
    set(&mut fields, "v.date", "2008-05-07");
    let sent: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let saved = ed
        .post_form("/sources/kofic-2008-05-06/fields", &sent)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (Entity::Source(after), Entity::Source(old)) = (source().await, before.clone()) else {
        panic!("a source");
    };
    assert_eq!(after.date.unwrap().to_string(), "2008-05-07");
    assert_eq!(after.text, old.text);
    assert_eq!(after.mentions, old.mentions);
    assert_eq!(after.authors, old.authors);
    assert_eq!(after.via, old.via);
    assert!(base.parse::<i64>().is_ok());
    // A member proposes.
    let mia = member(&app, "mia", Role::Member).await;
    let page = mia.get("/sources/kofic-2008-05-06/fields").await;
    assert!(page.body.contains("Propose the change"));
    let html = page.html();
    let base = select(&html, "[name=base_change]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let proposed = mia
        .post_form(
            "/sources/kofic-2008-05-06/fields",
            &[
                ("base_change", base.as_str()),
                ("v.kind", "news"),
                ("v.title", "Crossing Screens at the US Library of Congress"),
                ("v.date", "2008-05-07"),
                ("v.lang", "en"),
                ("v.publisher", "KOFIC"),
                ("v.publisher_company", "kofic"),
                ("v.authors.0.name", "Nigel D'Sa"),
                ("v.authors.0.person", "nigel-d-sa"),
                ("v.via", "forum-crossing-thread"),
                ("v.text", "Shortened."),
                ("summary", "The title as printed"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    let queue = text(&select(&app.get("/edits/open").await.html(), "ol.proposals li")[0]);
    assert!(
        queue.contains("changes") && queue.contains("title"),
        "{queue}"
    );
}
