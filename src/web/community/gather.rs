//! Gathering the community part of an entity's page: its reviews, ratings,
//! similar films, the viewer's diary and watchlist, its discussions, and the
//! reviews in its JSON-LD.

use super::views::*;
use crate::web::auth::Viewer;
use crate::web::{AppState, WebError};
use kinora_core::community::{Rating, Role};
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::{jsonld, markdown};
use kinora_store::community::{Review, Subject};
use std::collections::HashMap;

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
pub(crate) async fn summaries_known(
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
        let mut read = state.store.summaries(&missing).await?;
        // A reader who chose another language or script than the usual
        // names sees these named their way too: the documents are read
        // (one statement more) and named as the entity pages name them.
        let reader = kinora_i18n::Reader::current();
        if reader != kinora_i18n::Reader::default() && !read.is_empty() {
            let keys: Vec<(EntityKind, EntityId)> = read
                .values()
                .map(|summary| (summary.kind, summary.id.clone()))
                .collect();
            let documents = state.store.get_many(&keys).await?;
            for summary in read.values_mut() {
                if let Some(entity) = documents.get(&(summary.kind, summary.id.clone())) {
                    summary.label = kinora_core::model::shown_label(entity, reader);
                }
            }
        }
        found.extend(read);
    }
    Ok(found)
}

pub(crate) async fn film_labels_known(
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
        .map(|summary| (summary.id.to_string(), (summary.label, summary.year)))
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
pub(crate) async fn review_views_known(
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
                rating: review.rating.map(Rating::value),
                stars: review.rating.map(Rating::star_text).unwrap_or_default(),
                headline: review.headline.clone(),
                body_html: rendered.html,
                spoiler: review.spoiler,
                has_spoilers: rendered.has_spoilers,
                date: review.written_at.as_ref().map(day).unwrap_or_default(),
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
            rating: review.rating.map(Rating::value),
            headline: review.headline.clone(),
            body: if review.spoiler {
                String::new()
            } else {
                markdown::plain(&review.body)
            },
            date: review.written_at.as_ref().map(day),
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
                    .map(|r| r.value().to_string())
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
                        let stars = entry.rating.map(Rating::star_text).unwrap_or_default();
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

// Forms on a film's page
