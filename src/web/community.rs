//! The community on an entity's page (a film's ratings, reviews, similar
//! films, the viewer's diary and watchlist; every entity's discussions),
//! and the forms that change them.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::{Rating, Role, parse_tags};
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::{jsonld, markdown};
use kinora_store::Lookup as Stored;
use kinora_store::community::{Byline, NewDiaryEntry, Review, ReviewText, Subject, Thread};
use serde::{Deserialize, Serialize};

use super::auth::Viewer;
use super::render::render;
use super::{AppState, WebError};

/// How a review or post names its author on a page.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    /// `/users/NAME`, for an account.
    pub href: Option<String>,
    pub guest: bool,
}

impl From<&Byline> for AuthorView {
    fn from(byline: &Byline) -> Self {
        AuthorView {
            name: byline.name.clone(),
            href: byline.account.as_ref().map(|name| format!("/users/{name}")),
            guest: byline.guest,
        }
    }
}

/// A review as a page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewView {
    pub id: i64,
    pub film_id: String,
    pub film_label: String,
    pub author: AuthorView,
    /// Where an imported review was read: (page, title).
    pub source: Option<(String, String)>,
    pub rating: Option<u8>,
    pub stars: String,
    pub headline: Option<String>,
    /// Safe HTML.
    pub body_html: String,
    pub spoiler: bool,
    pub has_spoilers: bool,
    pub date: String,
    pub likes: i64,
    pub liked: bool,
    pub revisions: i64,
    pub hidden_reason: Option<String>,
    pub mine: bool,
}

/// One bar of a ratings histogram drawn as SVG.
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub height: u32,
    pub count: u64,
    pub label: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Histogram {
    pub bars: Vec<Bar>,
    pub total: u64,
    /// The average on the 10-point scale, and in stars.
    pub average: Option<String>,
    pub average_stars: String,
}

impl Histogram {
    /// Ten bars, ½ star to 5 stars, scaled to the tallest.
    pub fn new(counts: &[u64; 10]) -> Histogram {
        let total: u64 = counts.iter().sum();
        let most = counts.iter().copied().max().unwrap_or(0).max(1);
        let bars = counts
            .iter()
            .enumerate()
            .map(|(index, &count)| {
                let height = if count == 0 {
                    1
                } else {
                    ((count * 56) / most).max(3) as u32
                };
                let rating = Rating::new(index as i64 + 1).expect("1 to 10");
                Bar {
                    x: index as u32 * 20 + 1,
                    y: 60 - height,
                    height,
                    count,
                    label: format!(
                        "{}: {count} {}",
                        rating.star_text(),
                        if count == 1 { "rating" } else { "ratings" }
                    ),
                }
            })
            .collect();
        let sum: u64 = counts
            .iter()
            .enumerate()
            .map(|(index, n)| (index as u64 + 1) * n)
            .sum();
        let (average, average_stars) = if total == 0 {
            (None, String::new())
        } else {
            let average = sum as f64 / total as f64;
            let rounded = Rating::new(average.round() as i64).expect("1 to 10");
            (Some(format!("{average:.1}")), rounded.star_text())
        };
        Histogram {
            bars,
            total,
            average,
            average_stars,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SimilarView {
    pub id: String,
    pub label: String,
    pub year: Option<i64>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ThreadLine {
    pub id: i64,
    pub title: String,
    pub author: AuthorView,
    pub posts: i64,
    pub last_post: String,
    pub pinned: bool,
    pub locked: bool,
    pub archived: bool,
    pub hidden: bool,
    /// What it is about, where the list mixes subjects: (page, name).
    pub about: Option<(String, String)>,
}

impl ThreadLine {
    pub fn new(thread: &Thread) -> ThreadLine {
        ThreadLine {
            id: thread.id,
            title: thread.title.clone(),
            author: AuthorView::from(&thread.author),
            posts: thread.posts,
            // A thread read elsewhere has no days to show (see threads.rs).
            last_post: if thread.source_id.is_some() {
                String::new()
            } else {
                day(&thread.last_post_at)
            },
            pinned: thread.pinned,
            locked: thread.locked,
            archived: thread.archived,
            hidden: thread.hidden_reason.is_some(),
            about: None,
        }
    }
}

/// The viewer's own dealings with a film.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Mine {
    pub rating: String,
    pub headline: String,
    pub body: String,
    pub spoiler: bool,
    pub has_review: bool,
    pub on_watchlist: bool,
    pub viewings: Vec<(i64, String, String)>,
    pub lists: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct FilmCommunity {
    pub histogram: Histogram,
    pub reviews: Vec<ReviewView>,
    pub similar: Vec<SimilarView>,
    pub mine: Option<Mine>,
}

/// The community part of an entity's page.
#[derive(Clone, Debug, Default)]
pub struct Community {
    pub path: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub film: Option<FilmCommunity>,
    pub threads: Vec<ThreadLine>,
    pub signed_in: bool,
}

/// The date of an RFC 3339 time.
pub fn day(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_owned()
}

/// A message for a page: the `code quotes` of messages written for logs
/// and the command line become typographic ones.
pub fn quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut open = false;
    for c in message.chars() {
        if c == '`' {
            out.push(if open { '\u{201d}' } else { '\u{201c}' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

/// A stored time (RFC 3339) as a reader reads it, to the minute: "6
/// December 2026, 06:20 UTC". Text that is no such time is shown as it is.
pub fn moment(at: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let Ok(parsed) = time::OffsetDateTime::parse(at, &Rfc3339) else {
        return at.to_owned();
    };
    let utc = parsed.to_offset(time::UtcOffset::UTC);
    utc.format(format_description!(
        "[day padding:none] [month repr:long] [year], [hour]:[minute] UTC"
    ))
    .unwrap_or_else(|_| at.to_owned())
}

/// The rating choices of a form: none, then ½ to 5 stars.
pub fn rating_options() -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "No rating".to_owned())];
    for value in (1..=10).rev() {
        let rating = Rating::new(value).expect("1 to 10");
        options.push((
            value.to_string(),
            format!("{} ({value}/10)", rating.star_text()),
        ));
    }
    options
}

/// Labels of films by id (following merges): for lists of film ids.
pub async fn film_labels(
    state: &AppState,
    ids: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, (String, Option<i64>)>, WebError> {
    film_labels_known(state, ids, &Known::new()).await
}

/// What a page knows already: the names of the entities it read.
pub type Known = std::collections::BTreeMap<(EntityKind, EntityId), kinora_store::Summary>;

/// Names of entities, from `known` where it has them, else from the store.
async fn summaries_known(
    state: &AppState,
    keys: Vec<(EntityKind, EntityId)>,
    known: &Known,
) -> Result<Known, WebError> {
    let (mut found, missing): (Known, Vec<_>) = (Known::new(), keys);
    let missing: Vec<(EntityKind, EntityId)> = missing
        .into_iter()
        .filter(|key| match known.get(key) {
            Some(summary) => {
                found.insert(key.clone(), summary.clone());
                false
            }
            None => true,
        })
        .collect();
    if !missing.is_empty() {
        found.extend(state.store.summaries(&missing).await?);
    }
    Ok(found)
}

async fn film_labels_known(
    state: &AppState,
    ids: impl IntoIterator<Item = String>,
    known: &Known,
) -> Result<HashMap<String, (String, Option<i64>)>, WebError> {
    let keys: Vec<(EntityKind, EntityId)> = ids
        .into_iter()
        .filter_map(|id| EntityId::parse(&id).ok())
        .map(|id| (EntityKind::Film, id))
        .collect();
    let summaries = summaries_known(state, keys, known).await?;
    Ok(summaries
        .into_values()
        .map(|summary| (summary.id.clone(), (summary.label, summary.year)))
        .collect())
}

/// Reviews as pages show them.
pub async fn review_views(
    state: &AppState,
    viewer: &Viewer,
    reviews: &[Review],
) -> Result<Vec<ReviewView>, WebError> {
    review_views_known(state, viewer, reviews, &Known::new()).await
}

/// The same, with the names a page knows already.
async fn review_views_known(
    state: &AppState,
    viewer: &Viewer,
    reviews: &[Review],
    known: &Known,
) -> Result<Vec<ReviewView>, WebError> {
    let source_keys: Vec<(EntityKind, EntityId)> = reviews
        .iter()
        .filter_map(|review| review.source_id.as_deref())
        .filter_map(|id| EntityId::parse(id).ok())
        .map(|id| (EntityKind::Source, id))
        .collect();
    let sources = summaries_known(state, source_keys, known).await?;
    let films = film_labels_known(
        state,
        reviews.iter().map(|review| review.film_id.clone()),
        known,
    )
    .await?;
    let viewer_name = viewer.name();
    Ok(reviews
        .iter()
        .map(|review| {
            let rendered = markdown::render(&review.body);
            let source = review.source_id.as_ref().map(|id| {
                let title = EntityId::parse(id)
                    .ok()
                    .and_then(|parsed| sources.get(&(EntityKind::Source, parsed)))
                    .map_or_else(|| id.clone(), |summary| summary.label.clone());
                (format!("/sources/{id}"), title)
            });
            ReviewView {
                id: review.id,
                film_id: review.film_id.clone(),
                film_label: films
                    .get(&review.film_id)
                    .map_or_else(|| review.film_id.clone(), |(label, _)| label.clone()),
                author: AuthorView::from(&review.author),
                source,
                rating: review.rating,
                stars: review
                    .rating
                    .and_then(|r| Rating::new(i64::from(r)).ok())
                    .map(Rating::star_text)
                    .unwrap_or_default(),
                headline: review.headline.clone(),
                body_html: rendered.html,
                spoiler: review.spoiler,
                has_spoilers: rendered.has_spoilers,
                date: day(&review.created_at),
                likes: review.likes,
                liked: review.liked,
                revisions: review.revisions,
                hidden_reason: review.hidden_reason.clone(),
                mine: viewer_name.is_some() && review.author.account.as_deref() == viewer_name,
            }
        })
        .collect())
}

/// Gathers what an entity's page shows of the community, and adds a
/// film's reviews and rating to its JSON-LD.
pub async fn gather(
    state: &AppState,
    viewer: &Viewer,
    entity: &Entity,
    ld: &mut serde_json::Value,
    known: &Known,
) -> Result<Community, WebError> {
    let kind = entity.kind();
    let id = entity.id().to_string();
    let subject = Subject::Entity {
        kind: kind.as_str().to_owned(),
        id: id.clone(),
    };
    let threads = state.store.threads_about(&subject, 50).await?;
    let mut community = Community {
        path: format!("/{}/{id}", kind.plural()),
        subject_kind: kind.as_str().to_owned(),
        subject_id: id.clone(),
        film: None,
        threads: threads
            .iter()
            .filter(|thread| thread.hidden_reason.is_none() || viewer.can(Role::Moderator))
            .map(ThreadLine::new)
            .collect(),
        signed_in: viewer.account.is_some(),
    };
    if kind != EntityKind::Film {
        return Ok(community);
    }
    let store = &state.store;
    let counts = store.rating_histogram(&id).await?;
    let reviews = store.reviews_of_film(&id, viewer.id()).await?;
    let mut views = review_views_known(state, viewer, &reviews, known).await?;
    // Hidden reviews stay visible, as hidden, to moderators only.
    views.retain(|review| review.hidden_reason.is_none() || viewer.can(Role::Moderator));
    // The viewer's own first, then by likes, then newest.
    views.sort_by(|a, b| {
        b.mine
            .cmp(&a.mine)
            .then(b.likes.cmp(&a.likes))
            .then(b.date.cmp(&a.date))
    });
    let ld_reviews: Vec<jsonld::ReviewLd> = reviews
        .iter()
        .filter(|review| review.hidden_reason.is_none())
        .map(|review| jsonld::ReviewLd {
            author: review.author.name.clone(),
            url: format!("/reviews/{}", review.id),
            rating: review.rating,
            headline: review.headline.clone(),
            body: if review.spoiler {
                String::new()
            } else {
                markdown::plain(&review.body)
            },
            date: day(&review.created_at),
        })
        .collect();
    jsonld::add_reviews(ld, &counts, &ld_reviews);

    let similar = store.similar(&id, 8).await?;
    let labels = film_labels_known(state, similar.iter().map(|s| s.film_id.clone()), known).await?;
    let similar = similar
        .into_iter()
        .filter_map(|s| {
            labels.get(&s.film_id).map(|(label, year)| SimilarView {
                id: s.film_id.clone(),
                label: label.clone(),
                year: *year,
                reason: s.reason.clone(),
            })
        })
        .collect();

    let mine = match &viewer.account {
        None => None,
        Some(account) => {
            let own = store.review_of(account.id, &id).await?;
            let viewings = store.viewings(account.id, &id).await?;
            let lists = store.lists_of(account.id, true).await?;
            Some(Mine {
                rating: own
                    .as_ref()
                    .and_then(|r| r.rating)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                headline: own
                    .as_ref()
                    .and_then(|r| r.headline.clone())
                    .unwrap_or_default(),
                body: own.as_ref().map(|r| r.body.clone()).unwrap_or_default(),
                spoiler: own.as_ref().is_some_and(|r| r.spoiler),
                has_review: own.is_some(),
                on_watchlist: store.on_watchlist(account.id, &id).await?,
                viewings: viewings
                    .into_iter()
                    .map(|entry| {
                        let stars = entry
                            .rating
                            .and_then(|r| Rating::new(i64::from(r)).ok())
                            .map(Rating::star_text)
                            .unwrap_or_default();
                        (entry.id, entry.watched_on, stars)
                    })
                    .collect(),
                lists: lists.into_iter().map(|l| (l.slug, l.title)).collect(),
            })
        }
    };
    community.film = Some(FilmCommunity {
        histogram: Histogram::new(&counts),
        reviews: views,
        similar,
        mine,
    });
    Ok(community)
}

// ---------------------------------------------------------------------------
// Forms on a film's page
// ---------------------------------------------------------------------------

/// The film an id names, following a merge; 404 otherwise.
pub async fn film_id(state: &AppState, id: &str) -> Result<String, WebError> {
    let parsed = EntityId::parse(id)
        .map_err(|_| WebError::NotFound(format!("There is no film with id `{id}`.")))?;
    match state.store.lookup(EntityKind::Film, &parsed).await? {
        Stored::Present { .. } => Ok(parsed.to_string()),
        Stored::Redirect { to } => Ok(to.to_string()),
        Stored::Missing => Err(WebError::NotFound(format!(
            "There is no film with id `{id}`."
        ))),
    }
}

fn checked(value: &Option<String>) -> bool {
    matches!(value.as_deref(), Some("on" | "true" | "1" | "yes"))
}

fn optional_rating(text: &str) -> Result<Option<Rating>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        Rating::parse(text, false)
            .map(Some)
            .map_err(WebError::BadRequest)
    }
}

fn optional_date(text: &str, field: &str) -> Result<Option<String>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .map(|date| Some(date.to_string()))
        .map_err(|_| WebError::BadRequest(format!("{field} `{text}` is not a date (YYYY-MM-DD)")))
}

#[derive(Deserialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub spoiler: Option<String>,
    #[serde(default)]
    pub watched_on: String,
    /// Also log a viewing on `watched_on`.
    #[serde(default)]
    pub log: Option<String>,
}

/// The most a review, a post or a note may hold.
pub const TEXT_LIMIT: usize = 20_000;

fn review_text(form: &ReviewForm) -> Result<ReviewText, WebError> {
    let body = form.body.trim().to_owned();
    let headline = form.headline.trim();
    if body.chars().count() > TEXT_LIMIT {
        return Err(WebError::BadRequest(format!(
            "A review has at most {TEXT_LIMIT} characters."
        )));
    }
    if headline.chars().count() > 200 {
        return Err(WebError::BadRequest(
            "A headline has at most 200 characters.".into(),
        ));
    }
    let rating = optional_rating(&form.rating)?;
    if body.is_empty() && headline.is_empty() && rating.is_none() {
        return Err(WebError::BadRequest(
            "A review needs a rating, a headline or some text.".into(),
        ));
    }
    Ok(ReviewText {
        rating,
        headline: (!headline.is_empty()).then(|| headline.to_owned()),
        body,
        spoiler: checked(&form.spoiler),
        watched_on: optional_date(&form.watched_on, "watched on")?,
    })
}

/// Saves the viewer's review of a film (and, if asked, a viewing).
pub async fn save_review(
    state: &AppState,
    viewer: &Viewer,
    film: &str,
    form: &ReviewForm,
) -> Result<(String, i64), WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(state, film).await?;
    let text = review_text(form)?;
    let id = state.store.save_review(account.id, &film, &text).await?;
    if checked(&form.log) {
        let watched_on = text.watched_on.clone().unwrap_or_else(today);
        if !state
            .store
            .has_diary_entry(account.id, &film, &watched_on)
            .await?
        {
            state
                .store
                .add_diary_entry(
                    account.id,
                    &NewDiaryEntry {
                        film_id: film.clone(),
                        watched_on,
                        rating: text.rating,
                        rewatch: false,
                        tags: Vec::new(),
                        review_id: Some(id),
                    },
                )
                .await?;
        }
    }
    Ok((film, id))
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

pub async fn post_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ReviewForm>,
) -> Result<Response, WebError> {
    let (film, review) = save_review(&state, &viewer, &id, &form).await?;
    Ok(Redirect::to(&format!("/films/{film}#review-{review}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct DiaryForm {
    #[serde(default)]
    pub watched_on: String,
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub rewatch: Option<String>,
    #[serde(default)]
    pub tags: String,
}

pub async fn log_viewing(
    state: &AppState,
    viewer: &Viewer,
    film: &str,
    form: &DiaryForm,
) -> Result<(String, i64), WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(state, film).await?;
    let watched_on = optional_date(&form.watched_on, "watched on")?.unwrap_or_else(today);
    let tags = parse_tags(&form.tags).map_err(WebError::BadRequest)?;
    if tags.len() > 20 {
        return Err(WebError::BadRequest(
            "A viewing has at most 20 tags.".into(),
        ));
    }
    let id = state
        .store
        .add_diary_entry(
            account.id,
            &NewDiaryEntry {
                film_id: film.clone(),
                watched_on,
                rating: optional_rating(&form.rating)?,
                rewatch: checked(&form.rewatch),
                tags,
                review_id: None,
            },
        )
        .await?;
    Ok((film, id))
}

pub async fn post_diary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<DiaryForm>,
) -> Result<Response, WebError> {
    let (film, _) = log_viewing(&state, &viewer, &id, &form).await?;
    Ok(Redirect::to(&format!("/films/{film}#mine")).into_response())
}

pub async fn delete_diary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(entry): Path<i64>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    if !state.store.delete_diary_entry(account.id, entry).await? {
        return Err(WebError::NotFound("You have no such viewing.".into()));
    }
    Ok(Redirect::to(&format!("/users/{}/diary", account.name)).into_response())
}

#[derive(Deserialize, Default)]
pub struct OnOff {
    #[serde(default)]
    pub on: Option<String>,
}

pub async fn post_watchlist(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<OnOff>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(&state, &id).await?;
    state
        .store
        .set_watchlist(account.id, &film, checked(&form.on))
        .await?;
    Ok(Redirect::to(&format!("/films/{film}#mine")).into_response())
}

pub async fn post_like(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<i64>,
    axum::Form(form): axum::Form<OnOff>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let found = state
        .store
        .review(review, account.id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no review #{review}.")))?;
    state
        .store
        .like_review(review, account.id, checked(&form.on))
        .await?;
    Ok(Redirect::to(&format!("/films/{}#review-{review}", found.film_id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct HideForm {
    #[serde(default)]
    pub reason: String,
    /// Show it again instead.
    #[serde(default)]
    pub show: Option<String>,
}

/// A moderator's reason, required to hide.
pub fn hide_reason(form: &HideForm) -> Result<Option<String>, WebError> {
    if checked(&form.show) {
        return Ok(None);
    }
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(WebError::BadRequest(
            "Say why: the reason is shown in the public moderation log.".into(),
        ));
    }
    if reason.chars().count() > 500 {
        return Err(WebError::BadRequest(
            "A reason has at most 500 characters.".into(),
        ));
    }
    Ok(Some(reason.to_owned()))
}

pub async fn post_hide_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<i64>,
    axum::Form(form): axum::Form<HideForm>,
) -> Result<Response, WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    let reason = hide_reason(&form)?;
    let found = state
        .store
        .review(review, 0)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no review #{review}.")))?;
    state
        .store
        .hide_review(review, moderator.id, reason.as_deref())
        .await?;
    Ok(Redirect::to(&format!("/reviews/{review}#{}", found.film_id)).into_response())
}

// ---------------------------------------------------------------------------
// A review's own page, with its earlier states
// ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewTemplate {
    viewer: Viewer,
    review: ReviewView,
    revisions: Vec<(String, String, String)>,
    can_moderate: bool,
}

pub async fn review_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let review = state
        .store
        .review(id, viewer.id())
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no review #{id}.")))?;
    if review.hidden_reason.is_some() && !viewer.can(Role::Moderator) {
        let own = review.author.account.as_deref() == viewer.name() && viewer.name().is_some();
        if !own {
            return Err(WebError::NotFound(format!(
                "Review #{id} was hidden by a moderator: {}",
                review.hidden_reason.clone().unwrap_or_default()
            )));
        }
    }
    let revisions = state
        .store
        .review_revisions(id)
        .await?
        .into_iter()
        .map(|revision| {
            let stars = revision
                .rating
                .and_then(|r| Rating::new(i64::from(r)).ok())
                .map(Rating::star_text)
                .unwrap_or_default();
            (
                day(&revision.at),
                stars,
                markdown::render(&revision.body).html,
            )
        })
        .collect();
    let review = review_views(&state, &viewer, &[review]).await?.remove(0);
    Ok(render(&ReviewTemplate {
        can_moderate: viewer.can(Role::Moderator),
        viewer,
        review,
        revisions,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

/// A review in the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiReview {
    id: i64,
    film: String,
    #[schema(value_type = Object)]
    author: AuthorView,
    rating: Option<u8>,
    headline: Option<String>,
    /// As written (Markdown).
    body: String,
    /// The body as safe HTML.
    body_html: String,
    spoiler: bool,
    created_at: String,
    updated_at: String,
    likes: i64,
    revisions: i64,
    source: Option<String>,
}

fn api_review(review: &Review) -> ApiReview {
    ApiReview {
        id: review.id,
        film: review.film_id.clone(),
        author: AuthorView::from(&review.author),
        rating: review.rating,
        headline: review.headline.clone(),
        body: review.body.clone(),
        body_html: markdown::render(&review.body).html,
        spoiler: review.spoiler,
        created_at: review.created_at.clone(),
        updated_at: review.updated_at.clone(),
        likes: review.likes,
        revisions: review.revisions,
        source: review.source_id.clone(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiReviews {
    reviews: Vec<ApiReview>,
    /// How many ratings of 1, 2, … 10.
    histogram: [u64; 10],
}

/// A film's reviews (hidden ones left out) and its ratings histogram.
#[utoipa::path(get, path = "/api/v1/films/{id}/reviews", tag = "community",
    params(("id" = String, Path, description = "The film's id")),
    responses((status = 200, body = ApiReviews), (status = 404)))]
pub async fn api_film_reviews(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<ApiReviews>, WebError> {
    let film = film_id(&state, &id).await.map_err(WebError::api)?;
    let reviews = state
        .store
        .reviews_of_film(&film, viewer.id())
        .await
        .map_err(WebError::from)?;
    let histogram = state
        .store
        .rating_histogram(&film)
        .await
        .map_err(WebError::from)?;
    Ok(Json(ApiReviews {
        reviews: reviews
            .iter()
            .filter(|review| review.hidden_reason.is_none())
            .map(api_review)
            .collect(),
        histogram,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiReviewRequest {
    /// 1 to 10.
    #[serde(default)]
    rating: Option<u8>,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    spoiler: bool,
    #[serde(default)]
    watched_on: String,
    /// Also log a viewing on `watched_on` (today when empty).
    #[serde(default)]
    log: bool,
}

/// Writes the signed-in account's review of a film (again: a new state,
/// the earlier one kept).
#[utoipa::path(post, path = "/api/v1/films/{id}/reviews", tag = "community",
    params(("id" = String, Path, description = "The film's id")),
    request_body = ApiReviewRequest,
    responses((status = 201, body = ApiReview), (status = 400), (status = 401)))]
pub async fn api_post_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Json(request): Json<ApiReviewRequest>,
) -> Result<(StatusCode, Json<ApiReview>), WebError> {
    let form = ReviewForm {
        rating: request.rating.map(|r| r.to_string()).unwrap_or_default(),
        headline: request.headline,
        body: request.body,
        spoiler: request.spoiler.then(|| "on".to_owned()),
        watched_on: request.watched_on,
        log: request.log.then(|| "on".to_owned()),
    };
    let (_, review) = save_review(&state, &viewer, &id, &form)
        .await
        .map_err(WebError::api)?;
    let saved = state
        .store
        .review(review, viewer.id())
        .await
        .map_err(WebError::from)?
        .ok_or_else(|| WebError::NotFound("the review is gone".into()))?;
    Ok((StatusCode::CREATED, Json(api_review(&saved))))
}

/// Likes a review (`{"on": false}` takes the like back).
#[utoipa::path(post, path = "/api/v1/reviews/{id}/like", tag = "community",
    params(("id" = i64, Path, description = "The review's number")),
    responses((status = 204), (status = 401), (status = 404)))]
pub async fn api_like(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<i64>,
    Json(body): Json<serde_json::Value>,
) -> Result<StatusCode, WebError> {
    let account = viewer.require(Role::Member).map_err(WebError::api)?;
    state
        .store
        .review(review, 0)
        .await
        .map_err(WebError::from)?
        .ok_or_else(|| WebError::NotFound(format!("no review #{review}")))?;
    let on = body
        .get("on")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true);
    state
        .store
        .like_review(review, account.id, on)
        .await
        .map_err(WebError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// For templates: the roles pages ask for.
pub const MODERATOR: Role = Role::Moderator;
pub const EDITOR: Role = Role::Editor;
