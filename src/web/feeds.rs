//! Atom feeds: a film's reviews, a user's diary, a thread's posts. Links
//! are absolute: the server's public URL when it has one, else the address
//! the request was made to.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kinora_core::community::{Role, ThreadId, Timestamp};
use kinora_formats::atom::{self, Entry, Feed};
use kinora_formats::markdown;
use time::OffsetDateTime;

use super::auth::Viewer;
use super::community::{film_id, film_labels};
use super::{AppState, WebError};

pub(crate) fn answer(feed: &Feed) -> Response {
    (
        [(header::CONTENT_TYPE, atom::CONTENT_TYPE)],
        atom::write(feed),
    )
        .into_response()
}

/// A feed's `updated`: its latest entry's, or now for an empty feed (Atom
/// demands a time).
pub(crate) fn latest(entries: &[Entry]) -> OffsetDateTime {
    entries
        .iter()
        .map(|entry| entry.updated)
        .max()
        .unwrap_or_else(OffsetDateTime::now_utc)
}

/// What a feed entry says of an item whose page gives no date: Atom
/// demands an `updated` time, so the entry is dated when Kinora recorded
/// the item, and says so.
pub(crate) fn undated() -> String {
    kinora_i18n::t("feed-undated")
}

/// An entry's summary, with the note on its date when it has none.
fn dated_summary(summary: String, written: Option<Timestamp>) -> String {
    match written {
        Some(_) => summary,
        None => format!("{summary} ({})", undated()),
    }
}

/// A film's reviews, newest first; a review that gives away the story is
/// summed up without its text.
pub async fn film_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let film = film_id(&state, &id).await?;
    let base = state.config.base_url();
    let label = film_labels(&state, [film.clone()])
        .await?
        .remove(&film)
        .map_or_else(|| film.clone(), |(label, _)| label);
    let reviews = state.store.reviews_of_film(&film, None).await?;
    let entries: Vec<Entry> = reviews
        .iter()
        .filter(|review| review.hidden_reason.is_none())
        .take(100)
        .map(|review| {
            let stars = review
                .rating
                .map(|r| format!(" {}", r.star_text()))
                .unwrap_or_default();
            let (summary, content) = if review.spoiler {
                (kinora_i18n::t("feed-review-spoiler"), None)
            } else {
                (
                    markdown::excerpt(&review.body, 300),
                    Some(markdown::render(&review.body).html),
                )
            };
            Entry {
                id: format!("{base}/reviews/{}", review.id),
                title: format!(
                    "{}{stars}{}",
                    review.author.name,
                    review
                        .headline
                        .as_ref()
                        .map(|h| format!(": {h}"))
                        .unwrap_or_default()
                ),
                url: format!("{base}/reviews/{}", review.id),
                published: review.written_at.map(Timestamp::time),
                updated: review.updated_at.time(),
                author: review.author.name.clone(),
                author_url: review
                    .author
                    .account
                    .as_ref()
                    .map(|name| format!("{base}/users/{name}")),
                summary: Some(dated_summary(summary, review.written_at)),
                content_html: content,
                categories: Vec::new(),
            }
        })
        .collect();
    Ok(answer(&Feed {
        id: format!("{base}/films/{film}/reviews.atom"),
        title: kinora_i18n::t_with("feed-reviews-of", &[("title", label.clone().into())]),
        self_url: format!("{base}/films/{film}/reviews.atom"),
        alternate_url: format!("{base}/films/{film}#ratings"),
        updated: latest(&entries),
        subtitle: None,
        entries,
    }))
}

/// A user's diary, latest viewing first.
pub async fn user_diary(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let account = state
        .store
        .account_by_name(&name)
        .await?
        .filter(|account| !account.disabled)
        .ok_or_else(|| {
            WebError::NotFound(kinora_i18n::t_with(
                "error-no-account",
                &[("name", name.to_string().into())],
            ))
        })?;
    let base = state.config.base_url();
    let diary = state.store.diary(account.id, 100).await?;
    let labels = film_labels(&state, diary.iter().map(|e| e.film_id.clone())).await?;
    let entries: Vec<Entry> = diary
        .iter()
        .map(|entry| {
            let (label, year) = labels
                .get(&entry.film_id)
                .cloned()
                .unwrap_or_else(|| (entry.film_id.clone(), None));
            let stars = entry
                .rating
                .map(|r| format!(" {}", r.star_text()))
                .unwrap_or_default();
            let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
            Entry {
                id: format!("{base}/users/{}/diary#{}", account.name, entry.id),
                title: format!(
                    "{label}{year}{stars}{}",
                    if entry.rewatch {
                        kinora_i18n::t("feed-again")
                    } else {
                        String::new()
                    }
                ),
                url: format!("{base}/films/{}", entry.film_id),
                published: Some(entry.created_at.time()),
                updated: entry.created_at.time(),
                author: account.display_name.clone(),
                author_url: Some(format!("{base}/users/{}", account.name)),
                summary: Some(if entry.tags.is_empty() {
                    kinora_i18n::t_with(
                        "feed-watched-on",
                        &[(
                            "day",
                            kinora_i18n::Lang::current()
                                .iso_day(&entry.watched_on)
                                .into(),
                        )],
                    )
                } else {
                    kinora_i18n::t_with(
                        "feed-watched-on-tags",
                        &[
                            (
                                "day",
                                kinora_i18n::Lang::current()
                                    .iso_day(&entry.watched_on)
                                    .into(),
                            ),
                            ("tags", entry.tags.join(", ").into()),
                        ],
                    )
                }),
                content_html: None,
                categories: entry.tags.clone(),
            }
        })
        .collect();
    Ok(answer(&Feed {
        id: format!("{base}/users/{}/diary.atom", account.name),
        title: kinora_i18n::t_with(
            "feed-diary-of",
            &[("name", account.display_name.clone().into())],
        ),
        self_url: format!("{base}/users/{}/diary.atom", account.name),
        alternate_url: format!("{base}/users/{}/diary", account.name),
        updated: latest(&entries),
        subtitle: None,
        entries,
    }))
}

/// A thread's posts, in order; hidden ones are left out.
pub async fn thread_posts(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ThreadId>,
) -> Result<Response, WebError> {
    let thread = state
        .store
        .thread(id)
        .await?
        .filter(|thread| thread.hidden_reason.is_none() || viewer.can(Role::Moderator))
        .ok_or_else(|| {
            WebError::NotFound(kinora_i18n::t_with(
                "error-no-thread",
                &[("number", id.to_string().into())],
            ))
        })?;
    let base = state.config.base_url();
    let posts = state.store.posts(id).await?;
    let entries: Vec<Entry> = posts
        .iter()
        .filter(|post| post.hidden_reason.is_none())
        .map(|post| Entry {
            id: format!("{base}/threads/{id}#post-{}", post.id),
            title: kinora_i18n::t_with(
                "feed-post",
                &[
                    ("number", post.number.into()),
                    ("name", post.author.name.clone().into()),
                ],
            ),
            url: format!("{base}/threads/{id}#post-{}", post.id),
            published: post.written_at.map(Timestamp::time),
            updated: post
                .edited_at
                .or(post.written_at)
                .unwrap_or(post.created_at)
                .time(),
            author: post.author.name.clone(),
            author_url: post
                .author
                .account
                .as_ref()
                .map(|name| format!("{base}/users/{name}")),
            summary: Some(dated_summary(
                markdown::excerpt(&post.body, 300),
                post.edited_at.or(post.written_at),
            )),
            content_html: Some(markdown::render(&post.body).html),
            categories: Vec::new(),
        })
        .collect();
    Ok(answer(&Feed {
        id: format!("{base}/threads/{id}/feed.atom"),
        title: kinora_i18n::t_with("feed-site-title", &[("title", thread.title.clone().into())]),
        self_url: format!("{base}/threads/{id}/feed.atom"),
        alternate_url: format!("{base}/threads/{id}"),
        updated: latest(&entries),
        subtitle: None,
        entries,
    }))
}
