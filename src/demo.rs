//! The demo catalog, transcribed by hand from real web pages about
//! "Crossing" (2008) and other films on North Korean refugees, built into
//! the binary so that `kinora serve --demo` works from anywhere.

/// (file name, contents) of each demo catalog file.
pub const FILES: &[(&str, &str)] = &[(
    "data/demo/catalog.json",
    include_str!("../data/demo/catalog.json"),
)];

/// The demo's community content: the movie page's user reviews and the
/// forum thread, from `scripts/demo/make-community.py`.
pub const COMMUNITY: &str = include_str!("../data/demo/community.json");

use anyhow::Context;
use kinora_core::community::{PostId, Rating, Timestamp};
use kinora_store::Store;
use kinora_store::community::{Author, NewPost, Repost, ReviewText, Subject};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Community {
    format: String,
    version: u32,
    reviews: Vec<GuestReview>,
    threads: Vec<ImportedThread>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuestReview {
    film: String,
    guest: String,
    source: String,
    #[serde(default)]
    headline: Option<String>,
    body: String,
    #[serde(default)]
    rating: Option<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectRef {
    kind: String,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportedThread {
    subject: SubjectRef,
    title: String,
    source: String,
    locked: bool,
    archived: bool,
    /// The reply count the thread's page states.
    #[serde(default)]
    replies: Option<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    posts: Vec<ImportedPost>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportedPost {
    key: String,
    guest: String,
    /// When it was written, only if its page says.
    #[serde(default)]
    at: Option<Timestamp>,
    /// What the page shows before the post ("1 month later…").
    #[serde(default)]
    gap_before: Option<String>,
    body: String,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    reposts: Vec<Repost>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// Loads the demo's reviews and threads, written by guests as on the pages
/// they come from. Run once, after the demo catalog.
pub async fn load_community(store: &Store) -> anyhow::Result<()> {
    let community: Community =
        serde_json::from_str(COMMUNITY).context("data/demo/community.json does not read")?;
    anyhow::ensure!(
        community.format == "kinora-community" && community.version == 1,
        "data/demo/community.json: unknown format"
    );
    // Every film, subject and source named must be in the demo catalog.
    let mut named: Vec<(kinora_core::EntityKind, kinora_core::EntityId)> = Vec::new();
    let mut name = |kind: &str, id: &str| -> anyhow::Result<()> {
        let kind = kinora_core::EntityKind::parse(kind)
            .with_context(|| format!("data/demo/community.json: unknown kind `{kind}`"))?;
        let id = kinora_core::EntityId::parse(id)
            .map_err(|error| anyhow::anyhow!("data/demo/community.json: {error}"))?;
        named.push((kind, id));
        Ok(())
    };
    for review in &community.reviews {
        name("film", &review.film)?;
        name("source", &review.source)?;
    }
    for thread in &community.threads {
        name(&thread.subject.kind, &thread.subject.id)?;
        name("source", &thread.source)?;
        for post in &thread.posts {
            if let Some(source) = &post.source {
                name("source", source)?;
            }
            for repost in &post.reposts {
                if let Some(source) = &repost.source {
                    name("source", source)?;
                }
            }
        }
    }
    if let Some((kind, id)) = store.missing(&named).await?.first() {
        anyhow::bail!("data/demo/community.json names {kind} `{id}`, which the demo catalog lacks");
    }
    for review in &community.reviews {
        let rating = review
            .rating
            .map(Rating::new)
            .transpose()
            .map_err(anyhow::Error::msg)?;
        let text = ReviewText {
            rating,
            headline: review.headline.clone(),
            body: review.body.clone(),
            spoiler: false,
            watched_on: None,
        };
        store
            .import_guest_review(
                &review.film,
                &review.guest,
                Some(&review.source),
                &text,
                // The movie page gives no dates.
                None,
            )
            .await?;
    }
    for thread in &community.threads {
        let subject = Subject::Entity {
            kind: thread.subject.kind.clone(),
            id: thread.subject.id.clone(),
        };
        let mut ids: std::collections::HashMap<&str, PostId> = std::collections::HashMap::new();
        let mut thread_id = None;
        for post in &thread.posts {
            let quote_of = match &post.quote {
                Some(key) => Some(*ids.get(key.as_str()).with_context(|| {
                    format!(
                        "post `{}` quotes `{key}`, which comes later or is missing",
                        post.key
                    )
                })?),
                None => None,
            };
            let new = NewPost {
                author: Author::Guest(post.guest.clone()),
                body: post.body.clone(),
                quote_of,
                reposts: post.reposts.clone(),
                source_id: post.source.clone(),
                at: post.at,
                gap_before: post.gap_before.clone(),
            };
            let id = match thread_id {
                None => {
                    let id = store
                        .create_thread_from(&subject, &thread.title, &new, Some(&thread.source))
                        .await?;
                    thread_id = Some(id);
                    store.posts(id).await?[0].id
                }
                Some(thread) => store.add_post(thread, &new).await?,
            };
            ids.insert(&post.key, id);
        }
        if let Some(id) = thread_id {
            store
                .set_imported_thread_state(id, thread.locked, thread.archived, thread.replies)
                .await?;
        }
    }
    Ok(())
}
