//! The community through HTTP: reviews with spoilers, threads with quotes,
//! moderation, the demo's imported content, feeds, and who may do what.

use axum::http::StatusCode;
use kinora_core::community::Role;

use crate::common::*;

on_both_stores!(
    a_member_reviews_crossing_with_a_spoiler_and_it_shows_in_its_page_and_json_ld,
    a_thread_is_started_quoted_locked_and_archived,
    the_demo_shows_the_movie_pages_reviews_and_the_archived_forum_thread,
    diary_watchlist_and_lists_show_on_the_profile_and_private_ones_stay_private,
    feeds_of_reviews_diary_and_thread_are_atom,
    an_editor_edits_merges_and_reverts_from_the_web_under_their_name,
    the_api_alone_signs_up_imports_reviews_posts_and_moderates,
);

/// Signs a new account up in its own browser and gives it a role.
pub async fn member<'a>(app: &'a TestApp, name: &str, role: Role) -> Browser<'a> {
    let browser = app.browser();
    browser.sign_up(name).await;
    if role != Role::Member {
        let account = app.store.account_by_name(name).await.unwrap().unwrap();
        app.store
            .set_role(account.id, role, None, "test")
            .await
            .unwrap();
    }
    browser
}

fn json_ld(page: &TestResponse) -> serde_json::Value {
    let html = page.html();
    let script = select(&html, "script[type='application/ld+json']");
    serde_json::from_str(&script[0].inner_html()).unwrap()
}

async fn a_member_reviews_crossing_with_a_spoiler_and_it_shows_in_its_page_and_json_ld(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let before = json_ld(&app.get("/films/crossing-2008").await);
    let count_before = before["aggregateRating"]["ratingCount"]
        .as_u64()
        .unwrap_or(0);
    let ada = member(&app, "ada", Role::Member).await;
    let saved = ada
        .post_form(
            "/films/crossing-2008/review",
            &[
                ("rating", "9"),
                ("headline", "It breaks you"),
                (
                    "body",
                    "A father crosses into China. ||The boy dies in the desert.|| *Unforgettable.*",
                ),
                ("watched_on", "2008-06-26"),
                ("log", "on"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = ada.get("/films/crossing-2008").await;
    let html = page.html();
    let mine = select(&html, "article.review")
        .into_iter()
        .find(|review| text(review).contains("It breaks you"))
        .expect("the review is on the page");
    let spoiler = select_in(&mine, ".body span.spoiler");
    assert_eq!(spoiler.len(), 1);
    assert_eq!(text(&spoiler[0]), "The boy dies in the desert.");
    assert_eq!(select_in(&mine, ".body em").len(), 1);
    assert!(text(&mine).contains("★★★★½"), "{}", text(&mine));
    // Logged in the diary too.
    let diary = ada.get("/users/ada/diary").await;
    assert!(diary.body.contains("2008-06-26"));

    let ld = json_ld(&page);
    assert_eq!(ld["aggregateRating"]["@type"], "AggregateRating");
    assert_eq!(
        ld["aggregateRating"]["ratingCount"].as_u64().unwrap(),
        count_before + 1
    );
    let review = ld["review"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["author"]["name"] == "ada")
        .unwrap();
    assert_eq!(review["reviewRating"]["ratingValue"], 9);
    let body = review["reviewBody"].as_str().unwrap();
    assert!(
        body.contains("[spoiler]") && !body.contains("desert"),
        "{body}"
    );

    // A whole-review spoiler is folded away; editing keeps the old text.
    ada.post_form(
        "/films/crossing-2008/review",
        &[
            ("rating", "10"),
            ("body", "Everything about the ending."),
            ("spoiler", "on"),
        ],
    )
    .await;
    let page = ada.get("/films/crossing-2008").await;
    let html = page.html();
    let folded = select(&html, "article.review details.spoiler-review");
    assert!(
        folded
            .iter()
            .any(|d| text(d).contains("Everything about the ending"))
    );
    let review_id = app
        .store
        .review_of(
            app.store.account_by_name("ada").await.unwrap().unwrap().id,
            "crossing-2008",
        )
        .await
        .unwrap()
        .unwrap()
        .id;
    let history = ada.get(&format!("/reviews/{review_id}")).await;
    assert!(history.body.contains("Earlier versions"));
    assert!(history.body.contains("Unforgettable"));

    // Another member likes it, once.
    let bea = member(&app, "bea", Role::Member).await;
    for _ in 0..2 {
        let liked = bea
            .post_form(&format!("/reviews/{review_id}/like"), &[("on", "on")])
            .await;
        assert_eq!(liked.status, StatusCode::SEE_OTHER);
    }
    let api = bea.get("/api/v1/films/crossing-2008/reviews").await.json();
    let found = api["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == review_id.get())
        .unwrap();
    assert_eq!(found["likes"], 1);
    assert_eq!(found["rating"], 10);
    assert_eq!(found["revisions"], 1);
    assert!(api["histogram"][9].as_u64().unwrap() >= 1);

    // A rating outside the scale is refused and changes nothing.
    let bad = bea
        .post_form(
            "/films/crossing-2008/review",
            &[("rating", "11"), ("body", "x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("1 to 10"));
    let missing = bea
        .post_form("/films/no-such-film/review", &[("rating", "5")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn a_thread_is_started_quoted_locked_and_archived(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let ada = member(&app, "ada", Role::Member).await;
    let started = ada
        .post_form(
            "/threads",
            &[
                ("kind", "film"),
                ("id", "crossing-2008"),
                ("title", "Where was it filmed?"),
                ("body", "China and Mongolia, in secret?"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let thread = started.location.unwrap();
    let thread_id: kinora_core::community::ThreadId =
        thread.rsplit('/').next().unwrap().parse().unwrap();
    let first = app.store.posts(thread_id).await.unwrap()[0].id;
    let bea = member(&app, "bea", Role::Member).await;
    let reply = bea
        .post_form(
            &format!("{thread}/posts"),
            &[
                ("body", "Yes, on an 8,000 km route."),
                ("quote_of", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = bea.get(&thread).await;
    let html = page.html();
    let quote = select(&html, "blockquote.quote a");
    assert_eq!(quote.len(), 1);
    assert_eq!(
        quote[0].value().attr("href"),
        Some(format!("#post-{first}").as_str())
    );
    assert!(text(&quote[0]).contains("ada wrote"));
    // The film's page lists the thread.
    let film = app.get("/films/crossing-2008").await;
    assert!(film.body.contains("Where was it filmed?"));
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "DiscussionForumPosting");
    assert_eq!(ld["headline"], "Where was it filmed?");
    assert_eq!(
        ld["comment"][0]["isBasedOn"],
        format!("/threads/{thread_id}#post-{first}")
    );

    // Members cannot moderate.
    let refused = bea
        .post_form(&format!("{thread}/moderation"), &[("action", "lock")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mona = member(&app, "mona", Role::Moderator).await;
    let locked = mona
        .post_form(
            &format!("{thread}/moderation"),
            &[("action", "lock"), ("reason", "answered")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER);
    let late = bea
        .post_form(&format!("{thread}/posts"), &[("body", "one more")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("locked"));
    // Editing is still open while locked; archiving closes it too.
    mona.post_form(
        &format!("{thread}/moderation"),
        &[("action", "archive"), ("reason", "kept")],
    )
    .await;
    let edit = ada
        .post_form(&format!("/posts/{first}/edit"), &[("body", "changed")])
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    let page = ada.get(&thread).await;
    assert!(page.body.contains("archived and closed to further replies"));
    assert!(select(&page.html(), "form#reply").is_empty());
    let log = app.get("/moderation").await;
    assert!(log.body.contains("archive") && log.body.contains("kept"));
    assert!(log.body.contains("answered"));
}

async fn the_demo_shows_the_movie_pages_reviews_and_the_archived_forum_thread(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = app.get("/films/crossing-2008").await;
    let html = page.html();
    let reviews = select(&html, "article.review");
    assert_eq!(reviews.len(), 8, "the movie page's eight reviews");
    let sergei = reviews
        .iter()
        .find(|r| text(r).contains("sergeimontoya"))
        .unwrap();
    // "==contain spoiler==": what follows is folded away, what comes before is not.
    let folded = select_in(sergei, "details.spoiler");
    assert_eq!(folded.len(), 1);
    assert!(text(&folded[0]).contains("I didn't see that ending coming"));
    assert!(!text(&folded[0]).contains("I don't usually weep"));
    assert!(!sergei.inner_html().contains("==contain spoiler=="));
    let krst = reviews
        .iter()
        .find(|r| text(r).contains("Crveni Krst"))
        .unwrap();
    assert!(text(krst).contains("★★★★★"), "\"The mark is 10\"");
    assert!(select_in(krst, "small.guest").len() == 1);

    let threads = app.get("/api/v1/threads").await.json();
    let thread = forum_thread(&threads);
    assert_eq!(thread["title"], "[movie 2008] Crossing 크로싱");
    assert_eq!(thread["archived"], true);
    assert_eq!(thread["locked"], true);
    let id = thread["id"].as_i64().unwrap();
    let page = app.get(&format!("/threads/{id}")).await;
    let html = page.html();
    let posts = select(&html, "article.post");
    assert_eq!(posts.len(), 11, "the posts the forum's page shows");
    assert!(text(&posts[0]).contains("huangsy"));
    assert!(
        text(&posts[1]).contains(
            "Reposted: Belated Release of Cha In-pyo’s “Crossing” (KBS World, 2008-03-06)"
        )
    );
    let reposted = select_in(&posts[1], "p.repost a");
    assert_eq!(
        reposted[0].value().attr("href"),
        Some("/sources/kbs-world-2008-03-06")
    );
    // huangsy quotes the question.
    let quote = select_in(&posts[3], "blockquote.quote");
    assert!(text(&quote[0]).contains("great to see cha in pyo again"));
    assert!(
        page.body
            .contains("This thread is archived and closed to further replies.")
    );
    // Closed to replies, even for a member.
    let ada = member(&app, "ada", Role::Member).await;
    let refused = ada
        .post_form(&format!("/threads/{id}/posts"), &[("body", "hello")])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
}

async fn diary_watchlist_and_lists_show_on_the_profile_and_private_ones_stay_private(
    backend: Backend,
) {
    let app = TestApp::demo(backend).await;
    let ada = member(&app, "ada", Role::Member).await;
    let logged = ada
        .post_form(
            "/films/crossing-2008/diary",
            &[
                ("watched_on", "2024-06-25"),
                ("rating", "8"),
                ("rewatch", "on"),
                ("tags", "Korea, 6.25"),
            ],
        )
        .await;
    assert_eq!(logged.status, StatusCode::SEE_OTHER, "{}", logged.body);
    let bad = ada
        .post_form(
            "/films/crossing-2008/diary",
            &[("watched_on", "2024-02-30")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("watched on “2024-02-30” is not a date"),
        "{}",
        bad.body
    );
    ada.post_form(
        "/films/the-defector-escape-from-north-korea/watchlist",
        &[("on", "on")],
    )
    .await;
    let made = ada
        .post_form(
            "/lists",
            &[
                ("title", "Films on North Korean refugees"),
                (
                    "films",
                    "crossing-2008 | Start here.\n/films/the-defector-escape-from-north-korea",
                ),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(
        made.location.as_deref(),
        Some("/users/ada/lists/films-on-north-korean-refugees")
    );
    let wrong = ada
        .post_form(
            "/lists",
            &[
                ("title", "Broken"),
                ("films", "crossing-2008\nno-such-film"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(
        wrong
            .body
            .contains("films, line 2: there is no film “no-such-film”")
    );
    ada.post_form(
        "/lists",
        &[
            ("title", "Secret"),
            ("private", "on"),
            ("films", "crossing-2008"),
        ],
    )
    .await;

    let profile = app.get("/users/ada").await;
    assert!(profile.body.contains("Films on North Korean refugees"));
    assert!(
        !profile.body.contains("Secret"),
        "a private list is not shown to others"
    );
    let list = app
        .get("/users/ada/lists/films-on-north-korean-refugees")
        .await;
    let html = list.html();
    let items: Vec<String> = select(&html, "ol.film-lines li a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(items, ["Crossing", "The Defector: Escape from North Korea"]);
    assert!(list.body.contains("Start here."));
    assert_eq!(
        app.get("/users/ada/lists/secret").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        ada.get("/users/ada/lists/secret").await.status,
        StatusCode::OK
    );
    let watchlist = app.get("/users/ada/watchlist").await;
    assert!(watchlist.body.contains("The Defector"));
    let diary = app.get("/users/ada/diary").await;
    assert!(
        diary.body.contains("2024-06-25")
            && diary.body.contains("6.25")
            && diary.body.contains("rewatch")
    );

    // Another member can neither change Ada's list nor remove her viewing.
    let bea = member(&app, "bea", Role::Member).await;
    let edit = bea
        .post_form(
            "/users/ada/lists/films-on-north-korean-refugees/edit",
            &[("title", "Mine now")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    let ada_id = app.store.account_by_name("ada").await.unwrap().unwrap().id;
    let entry = app.store.diary(ada_id, 10).await.unwrap()[0].id;
    let delete = bea.post_form(&format!("/diary/{entry}/delete"), &[]).await;
    assert_eq!(delete.status, StatusCode::NOT_FOUND);
    assert_eq!(app.store.diary(ada_id, 10).await.unwrap().len(), 1);
    let api = bea.get("/api/v1/users/ada").await.json();
    assert_eq!(
        api["lists"].as_array().unwrap().len(),
        1,
        "private lists stay out of the API"
    );
    assert!(api["account"].get("email").is_none());
}

async fn feeds_of_reviews_diary_and_thread_are_atom(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let ada = member(&app, "ada", Role::Member).await;
    ada.post_form(
        "/films/crossing-2008/review",
        &[
            ("rating", "8"),
            ("body", "Spoilers: ||the ending||."),
            ("spoiler", "on"),
            ("log", "on"),
        ],
    )
    .await;
    let feed = app.get("/films/crossing-2008/reviews.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.content_type.starts_with("application/atom+xml"));
    let parsed: atom_syndication::Feed = feed.body.parse().unwrap();
    assert_eq!(
        parsed.entries().len(),
        9,
        "eight imported reviews and Ada's"
    );
    let adas = parsed
        .entries()
        .iter()
        .find(|e| e.title().contains("ada"))
        .unwrap();
    assert!(
        adas.content().is_none(),
        "a spoiler review's text stays out of the feed"
    );
    assert!(!feed.body.contains("the ending"));
    assert!(
        parsed
            .links()
            .iter()
            .any(|l| l.rel() == "self" && l.href().ends_with("/films/crossing-2008/reviews.atom"))
    );

    let diary: atom_syndication::Feed =
        app.get("/users/ada/diary.atom").await.body.parse().unwrap();
    assert_eq!(diary.entries().len(), 1);
    assert!(diary.entries()[0].title().starts_with("Crossing (2008)"));

    let threads = app.get("/api/v1/threads").await.json();
    let id = forum_thread(&threads)["id"].as_i64().unwrap();
    let thread: atom_syndication::Feed = app
        .get(&format!("/threads/{id}/feed.atom"))
        .await
        .body
        .parse()
        .unwrap();
    assert_eq!(thread.entries().len(), 11);
    assert_eq!(thread.entries()[0].authors()[0].name(), "huangsy");
}

async fn an_editor_edits_merges_and_reverts_from_the_web_under_their_name(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let mia = member(&app, "mia", Role::Member).await;
    let refused = mia.get("/films/crossing-2008/edit").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let eddie = member(&app, "eddie", Role::Editor).await;
    let form = eddie.get("/films/crossing-2008/edit").await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.html();
    let document = text(&select(&html, "textarea[name=document]")[0]);
    let base = select(&html, "input[name=base_change]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let mut entity: serde_json::Value = serde_json::from_str(&document).unwrap();
    entity["titles"][0]["note"] = serde_json::json!("checked against the poster");
    let saved = eddie
        .post_form(
            "/films/crossing-2008/edit",
            &[
                ("document", &entity.to_string()),
                ("summary", "A note on the title"),
                ("base_change", &base),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let history = app
        .store
        .history(
            kinora_core::EntityKind::Film,
            &kinora_core::EntityId::parse("crossing-2008").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(history[0].author, "@eddie");
    assert_eq!(history[0].summary, "A note on the title");
    let page = app.get("/films/crossing-2008/history").await;
    assert!(page.body.contains("href=\"/users/eddie\""));

    // A document for another entity, or broken JSON, changes nothing.
    let broken = eddie
        .post_form(
            "/films/crossing-2008/edit",
            &[("document", "{"), ("summary", "x")],
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert!(broken.body.contains("document:"));

    let change = history[0].change_id;
    let reverted = eddie
        .post_form(&format!("/changes/{change}/revert"), &[])
        .await;
    assert_eq!(reverted.status, StatusCode::SEE_OTHER, "{}", reverted.body);
    let member_revert = mia
        .post_form(&format!("/changes/{change}/revert"), &[])
        .await;
    assert_eq!(member_revert.status, StatusCode::FORBIDDEN);

    // Merging duplicates: the page offers it to editors only.
    let duplicates = eddie.get("/duplicates").await;
    let html = duplicates.html();
    let forms = select(&html, "form.merge");
    if let Some(form) = forms.first() {
        let field = |name: &str| {
            select_in(form, &format!("input[name={name}]"))[0]
                .value()
                .attr("value")
                .unwrap()
                .to_owned()
        };
        let (kind, ids) = (field("kind"), field("ids"));
        let keep = ids.split(',').next().unwrap().to_owned();
        let merged = eddie
            .post_form(
                "/duplicates/merge",
                &[("kind", &kind), ("ids", &ids), ("keep", &keep)],
            )
            .await;
        assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
        let other = ids.split(',').nth(1).unwrap();
        let moved = app.get(&format!("/{kind}/{other}")).await;
        assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    }
    assert!(select(&mia.get("/duplicates").await.html(), "form.merge").is_empty());
}

fn select_in<'a>(
    element: &scraper::ElementRef<'a>,
    selector: &str,
) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

/// The whole story through the JSON API alone: sign up, import a Letterboxd
/// export, review Crossing with a spoiler, start a thread and quote in it;
/// a moderator locks and archives it.
async fn the_api_alone_signs_up_imports_reviews_posts_and_moderates(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let client = app.browser();
    let made = client
        .json(
            "POST",
            "/api/v1/accounts",
            serde_json::json!({"name": "fan", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);

    // A Letterboxd file, as a script would send it.
    let csv = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
               2024-06-25,Crossing,2008,https://boxd.it/x,4.5,,korea,2024-06-25\n";
    let imported = client
        .send(
            axum::http::Request::post("/api/v1/me/import?name=diary.csv")
                .header("content-type", "text/csv")
                .body(axum::body::Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert_eq!(imported.json()["diary_added"], 1);
    let me = client.get("/api/v1/users/fan").await.json();
    assert_eq!(me["diary"][0]["film_id"], "crossing-2008");
    assert_eq!(me["diary"][0]["rating"], 9);

    let review = client
        .json(
            "POST",
            "/api/v1/films/crossing-2008/reviews",
            serde_json::json!({"rating": 9, "body": "The end: ||he arrives too late||.", "spoiler": false}),
        )
        .await;
    assert_eq!(review.status, StatusCode::CREATED, "{}", review.body);
    let review = review.json();
    assert!(
        review["body_html"]
            .as_str()
            .unwrap()
            .contains("<span class=\"spoiler\""),
        "{review}"
    );

    let thread = client
        .json(
            "POST",
            "/api/v1/threads",
            serde_json::json!({"kind": "film", "id": "crossing-2008", "title": "The ending", "body": "Why so harsh?"}),
        )
        .await;
    assert_eq!(thread.status, StatusCode::CREATED, "{}", thread.body);
    let thread_id = thread.json()["id"].as_i64().unwrap();
    let first = client
        .get(&format!("/api/v1/threads/{thread_id}"))
        .await
        .json()["posts"][0]["id"]
        .as_i64()
        .unwrap();
    let reply = client
        .json(
            "POST",
            &format!("/api/v1/threads/{thread_id}/posts"),
            serde_json::json!({"body": "Because it happened.", "quote_of": first}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let posts = client
        .get(&format!("/api/v1/threads/{thread_id}"))
        .await
        .json();
    assert_eq!(posts["posts"][1]["quote_of"], first);

    member(&app, "mona", Role::Moderator).await;
    let moderator = app.browser();
    let signed = moderator
        .json(
            "POST",
            "/api/v1/session",
            serde_json::json!({"name": "mona", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK);
    for action in ["lock", "archive"] {
        let done = moderator
            .json(
                "POST",
                &format!("/api/v1/threads/{thread_id}/moderation"),
                serde_json::json!({"action": action, "reason": "settled"}),
            )
            .await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    }
    let late = client
        .json(
            "POST",
            &format!("/api/v1/threads/{thread_id}/posts"),
            serde_json::json!({"body": "One more thing"}),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("archived")
    );
    let log = client.get("/api/v1/moderation").await.json();
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions[..2], ["archive", "lock"]);
    let openapi = client.get("/api/openapi.json").await.json();
    for path in [
        "/api/v1/threads/{id}/moderation",
        "/api/v1/me/import",
        "/api/v1/films/{id}/reviews",
    ] {
        assert!(
            openapi["paths"].get(path).is_some(),
            "{path} is in the OpenAPI document"
        );
    }
}

/// The demo's thread read from the fan forum, in the API's list of threads.
pub fn forum_thread(threads: &serde_json::Value) -> &serde_json::Value {
    threads["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|thread| thread["title"] == "[movie 2008] Crossing 크로싱")
        .expect("the forum's thread")
}
