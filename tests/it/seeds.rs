//! The demo states nothing that its pages do not: one test per page it was
//! read from (the five pages under data/demo's sources), each checking the
//! facts that were once stated beyond them.

use kinora_store::testing::Backend;

use crate::common::*;

async fn demo() -> TestApp {
    TestApp::demo(Backend::Sqlite).await
}

/// The entry of a feed whose link contains `href`.
fn feed_entry<'a>(feed: &'a str, href: &str) -> &'a str {
    feed.split("<entry>")
        .find(|entry| entry.contains(href))
        .unwrap_or_else(|| panic!("no entry for {href} in {feed}"))
}

/// OnDemandKorea's copy of the Chosun Ilbo article: a banner advertising
/// K-dramas, an article with no date, "almost half the production costs".
#[tokio::test]
async fn ondemandkorea_article() {
    let app = demo().await;
    // The banner is not an offer of Crossing: no where-to-watch, no hit
    // when searching for what streams in the United States.
    let film = app.get("/films/crossing-2008").await.html();
    assert!(select(&film, "#watch").is_empty());
    let hits = app
        .get("/api/v1/search?q=crossing&kind=film&available=US")
        .await
        .json();
    assert_eq!(hits["hits"].as_array().unwrap().len(), 0, "{hits}");
    // Vantage's share is "almost half", not an amount.
    let money = text(&select(&film, "#money, #production")[0]);
    assert!(!money.contains("2,000,000,000"), "{money}");
    let page = app.get("/films/crossing-2008").await.body;
    assert!(
        page.contains("4,000,000,000"),
        "the budget the article states"
    );
    // The article gives no date: its feed entry is not dated 1970, has no
    // publication time, and says why it has a time at all.
    let feed = app.get("/news.atom").await.body;
    let entry = feed_entry(&feed, "/sources/ondemandkorea-daring-movie");
    assert!(!entry.contains("1970"), "{entry}");
    assert!(!entry.contains("<published>"), "{entry}");
    assert!(entry.contains("gives no date"), "{entry}");
}

/// The fan forum's thread: no post dated, 71 replies stated, a month's gap,
/// one post quoting two; the Library of Congress screening as reported.
#[tokio::test]
async fn forum_thread() {
    let app = demo().await;
    let threads = app.get("/api/v1/threads").await.json();
    let forum = threads["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|thread| thread["title"].as_str().unwrap().contains("크로싱"))
        .unwrap()
        .clone();
    let id = forum["id"].as_i64().unwrap();
    let thread = app.get(&format!("/api/v1/threads/{id}")).await.json();
    let posts = thread["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 11, "the posts the page shows");
    assert!(
        posts.iter().all(|post| post["written_at"].is_null()),
        "the page dates no post: {thread}"
    );
    let quoting: Vec<_> = posts
        .iter()
        .filter(|post| {
            let body = post["body"].as_str().unwrap();
            body.contains("wow, this film was filmed four years ago")
        })
        .collect();
    assert_eq!(quoting.len(), 1, "quoted once, inside huangsy's post");
    let body = quoting[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Until the synopsis is out in English"),
        "{body}"
    );
    assert!(
        body.contains("You are getting news that just broke out"),
        "{body}"
    );
    assert!(
        !quoting[0]["quote_of"].is_null(),
        "it quotes the earlier post too"
    );

    let page = app.get(&format!("/threads/{id}")).await.html();
    let stated = text(&select(&page, ".stated-replies")[0]);
    assert!(stated.contains("71 replies"), "{stated}");
    let gap = select(&page, "p.gap");
    assert_eq!(gap.len(), 1);
    assert_eq!(text(&gap[0]), "1 month later…");
    let next = gap[0]
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    assert!(
        text(&next).contains("N.Korean Refugees Film Strikes Chord"),
        "{}",
        text(&next)
    );
    assert!(!text(&select(&page, "article.post")[0]).contains("2008-03-06"));

    let feed = app.get(&format!("/threads/{id}/feed.atom")).await.body;
    assert!(!feed.contains("<published>"), "{feed}");
    assert!(!feed.contains("<updated>2008"), "{feed}");

    // The screening: no speakers the article does not place there, no
    // "completed" status, the day marked as worked out from "Monday".
    let event = app
        .get("/events/crossing-library-of-congress-2008")
        .await
        .body;
    assert!(!event.contains("Patrick Cheh"), "not said to be there");
    assert!(!event.contains("Lee Yoo-jin"), "not said to be there");
    let film = app.get("/films/crossing-2008").await.body;
    assert!(
        !film.to_lowercase().contains("completed"),
        "no page says so"
    );
    let calendar = app
        .get("/events/crossing-library-of-congress-2008/calendar.ics")
        .await
        .body;
    assert!(
        calendar.contains("17:00") || calendar.contains("T170000"),
        "it ended around 5 p.m.: {calendar}"
    );
    let html = app
        .get("/events/crossing-library-of-congress-2008")
        .await
        .html();
    assert!(
        !select(&html, ".badge.inferred").is_empty(),
        "the day is worked out from \"Monday\""
    );
    // The mark follows the date into the block at the top of the page.
    assert!(
        !select(&html, ".hero-facts .badge.inferred").is_empty(),
        "the day at the top is marked too"
    );
}

/// The movie page's reviews: no dates on the page, none in Kinora.
#[tokio::test]
async fn movie_page_reviews() {
    let app = demo().await;
    let reviews = app.get("/api/v1/films/crossing-2008/reviews").await.json();
    let reviews = reviews["reviews"].as_array().unwrap();
    assert!(!reviews.is_empty());
    assert!(
        reviews.iter().all(|review| review["written_at"].is_null()),
        "the movie page dates no review"
    );
    let page = app.get("/films/crossing-2008").await.html();
    let ld: serde_json::Value = serde_json::from_str(&text(
        &select(&page, "script[type=\"application/ld+json\"]")[0],
    ))
    .unwrap();
    assert!(
        ld["review"]
            .as_array()
            .unwrap()
            .iter()
            .all(|review| review.get("datePublished").is_none()),
        "{ld}"
    );
    let feed = app.get("/films/crossing-2008/reviews.atom").await.body;
    assert!(!feed.contains("<published>"), "{feed}");
    // Only releases of one country and kind with different dates are
    // disputed: the two planned Korean dates (May, then 5 June), not the
    // screenings that conflict with nothing.
    let disputed: Vec<String> = select(&page, "#releases tr")
        .iter()
        .map(text)
        .filter(|row| row.contains("disputed"))
        .collect();
    assert_eq!(disputed.len(), 2, "{disputed:#?}");
    assert!(
        disputed.iter().all(|row| row.contains("planned release")),
        "{disputed:#?}"
    );
}

/// The IDFA post: three readers' comments, and what one reader says Ann
/// Shin said is the reader's account, not a statement of hers.
#[tokio::test]
async fn idfa_post() {
    let app = demo().await;
    let threads = app.get("/api/v1/threads").await.json();
    let comments = threads["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|thread| thread["title"] == "The Defector: Escape from North Korea")
        .unwrap()
        .clone();
    let id = comments["id"].as_i64().unwrap();
    let thread = app.get(&format!("/api/v1/threads/{id}")).await.json();
    assert_eq!(thread["posts"].as_array().unwrap().len(), 3);
    let film = app
        .get("/films/the-defector-escape-from-north-korea")
        .await
        .body;
    assert!(
        film.contains(&format!("/threads/{id}")),
        "the film shows its thread"
    );
    let ann = app.get("/people/ann-shin").await.body;
    assert!(!ann.contains("not so bad"), "a reader's account, not hers");
}

/// The trade-news item ends "Source: Deadline": Deadline is credited, not
/// its publisher or author, and the item has no date.
#[tokio::test]
async fn deadline_item() {
    let app = demo().await;
    let page = app
        .get("/sources/deadline-escaping-north-korea")
        .await
        .html();
    let labels: Vec<String> = select(&page, "main dt").iter().map(text).collect();
    assert!(
        labels.contains(&"Credits as its source".to_owned()),
        "{labels:?}"
    );
    assert!(!labels.contains(&"Publisher".to_owned()), "{labels:?}");
    assert!(!labels.contains(&"Author".to_owned()), "{labels:?}");
    let feed = app.get("/news.atom").await.body;
    let entry = feed_entry(&feed, "/sources/deadline-escaping-north-korea");
    assert!(!entry.contains("<name>Deadline</name>"), "{entry}");
    assert!(!entry.contains("<name>Kinora</name>"), "{entry}");
    assert!(!entry.contains("<published>"), "{entry}");
}
