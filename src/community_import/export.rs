//! An account written out: its history in Letterboxd's import layout, or
//! everything it holds as JSON.

use kinora_core::community::{AccountId, ReviewId};
use std::collections::{HashMap, HashSet};
use std::io::Write;

use anyhow::{anyhow, bail};
use kinora_core::community::Rating;
use kinora_core::model::IdScheme;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::letterboxd::{self, FilmKey};
use kinora_store::Store;

use super::days::parse_day;

/// Titles, years and IMDb ids of films, by id; a film no longer in the
/// catalog is named by its id.
async fn film_facts(
    store: &Store,
    ids: &[String],
) -> anyhow::Result<HashMap<String, (String, Option<i32>, Option<String>)>> {
    let keys = film_keys(ids);
    let found = store.get_many(&keys).await?;
    Ok(found
        .into_iter()
        .map(|((_, id), entity)| {
            let imdb = entity
                .external_ids()
                .iter()
                .find(|external| {
                    external.scheme == IdScheme::Imdb && external.value.starts_with("tt")
                })
                .map(|external| external.value.clone());
            (
                id.as_str().to_owned(),
                (entity.label(), entity.year(), imdb),
            )
        })
        .collect())
}

fn film_keys(ids: &[String]) -> Vec<(EntityKind, EntityId)> {
    ids.iter()
        .filter_map(|id| EntityId::parse(id).ok())
        .map(|id| (EntityKind::Film, id))
        .collect()
}

/// Writes an account's history in Letterboxd's import layout: one row per
/// diary entry, oldest first (with its rating, day, rewatch, tags and the
/// review it links), then one row per film rated or reviewed without a
/// diary entry (with the account's rating and review of it). Each row has
/// the film's title and year and, when the catalog knows it, its IMDb id.
pub async fn export_letterboxd_csv(
    store: &Store,
    account_id: AccountId,
    out: impl Write,
) -> anyhow::Result<()> {
    if store.account(account_id).await?.is_none() {
        bail!("no account #{account_id}");
    }
    let mut diary = store.diary(account_id, i64::MAX).await?;
    diary.reverse();
    let reviews = store.reviews_by(account_id, None, i64::MAX).await?;
    let ratings = store.ratings_by(account_id).await?;
    let mut others = films_outside_diary(&diary, &reviews, &ratings);
    let ids: Vec<String> = diary
        .iter()
        .map(|entry| entry.film_id.clone())
        .chain(others.iter().cloned())
        .collect();
    let facts = film_facts(store, &ids).await?;
    let film_key = |id: &String| {
        let (title, year, imdb_id) = facts
            .get(id)
            .cloned()
            .unwrap_or_else(|| (id.clone(), None, None));
        FilmKey {
            title,
            year,
            imdb_id,
            ..FilmKey::default()
        }
    };
    let review_by_id: HashMap<ReviewId, &kinora_store::community::Review> =
        reviews.iter().map(|review| (review.id, review)).collect();
    let review_by_film: HashMap<&String, &kinora_store::community::Review> = reviews
        .iter()
        .map(|review| (&review.film_id, review))
        .collect();
    let mut rows = Vec::new();
    for entry in &diary {
        rows.push(letterboxd::ImportRow {
            film: film_key(&entry.film_id),
            rating: entry.rating.map(Rating::value),
            watched: parse_day(&entry.watched_on),
            rewatch: entry.rewatch,
            tags: entry.tags.clone(),
            review: entry
                .review_id
                .and_then(|id| review_by_id.get(&id))
                .map(|review| review.body.clone()),
        });
    }
    others.sort_by_key(|id| (film_key(id).title, id.clone()));
    for film in &others {
        let review = review_by_film.get(film);
        rows.push(letterboxd::ImportRow {
            film: film_key(film),
            rating: ratings
                .get(film)
                .copied()
                .or_else(|| review.and_then(|review| review.rating))
                .map(Rating::value),
            review: review.map(|review| review.body.clone()),
            ..letterboxd::ImportRow::default()
        });
    }
    letterboxd::write_import(&rows, out)?;
    Ok(())
}

/// Films rated or reviewed with no diary entry, once each.
fn films_outside_diary(
    diary: &[kinora_store::community::DiaryEntry],
    reviews: &[kinora_store::community::Review],
    ratings: &HashMap<String, Rating>,
) -> Vec<String> {
    let in_diary: HashSet<&String> = diary.iter().map(|entry| &entry.film_id).collect();
    let mut films: Vec<String> = ratings
        .keys()
        .chain(reviews.iter().map(|review| &review.film_id))
        .filter(|film| !in_diary.contains(film))
        .cloned()
        .collect();
    films.sort();
    films.dedup();
    films
}

/// Everything of an account, as JSON (`"format": "kinora-account"`,
/// version 1), with stable field names:
///
/// - `account`: `name`, `display_name`, `email`, `role`, `bio`,
///   `created_at` (never the password's hash);
/// - `reviews`: `id`, `film_id`, `film`, `rating` (1 to 10), `headline`,
///   `body`, `spoiler`, `watched_on`, `created_at`, `updated_at`,
///   `hidden_reason`, `likes`, and `revisions` (earlier states: `at`,
///   `rating`, `headline`, `body`, `spoiler`), newest first;
/// - `diary`: `id`, `film_id`, `film`, `watched_on`, `rating`, `rewatch`,
///   `tags`, `review_id`, `created_at`, oldest viewing first;
/// - `ratings`: plain ratings given without a viewing: `film_id`, `film`,
///   `rating`, `rated_on`;
/// - `watchlist`: `film_id`, `film`, `added_at`;
/// - `lists`: `slug`, `title`, `description`, `public`, `created_at`,
///   `updated_at`, `items` (`film_id`, `film`, `note`, in order);
/// - `posts`: `id`, `thread_id`, `thread_title`, `subject_kind`,
///   `subject_id`, `body`, `quote_of`, `created_at`, `edited_at`,
///   `hidden_reason`;
/// - `import_queue`: rows waiting to be settled: `id`, `import_label`,
///   `origin`, `entry`, `candidates`, `created_at`.
///
/// `film` is the film's title and year as the catalog shows them
/// (`"Crossing (2008)"`), for reading the file without the catalog.
pub async fn export_json(
    store: &Store,
    account_id: AccountId,
) -> anyhow::Result<serde_json::Value> {
    use serde_json::json;
    let account = store
        .account(account_id)
        .await?
        .ok_or_else(|| anyhow!("no account #{account_id}"))?;
    let email = store
        .credentials(&account.name)
        .await?
        .and_then(|credentials| credentials.email);
    let reviews = store.reviews_by(account_id, None, i64::MAX).await?;
    let mut diary = store.diary(account_id, i64::MAX).await?;
    diary.reverse();
    let ratings = store.plain_ratings(account_id).await?;
    let watchlist = store.watchlist(account_id).await?;
    let mut lists = Vec::new();
    for list in store.lists_of(account_id, true).await? {
        if let Some(list) = store.film_list(account_id, &list.slug).await? {
            lists.push(list);
        }
    }
    let posts = store.posts_by(account_id).await?;
    let queue = store.pending_imports(account_id).await?;
    let mut revisions = Vec::with_capacity(reviews.len());
    for review in &reviews {
        revisions.push(store.review_revisions(review.id).await?);
    }

    let mut ids: Vec<String> = reviews
        .iter()
        .map(|review| review.film_id.clone())
        .chain(diary.iter().map(|entry| entry.film_id.clone()))
        .chain(ratings.iter().map(|rating| rating.film_id.clone()))
        .chain(watchlist.iter().map(|(film, _)| film.clone()))
        .chain(
            lists
                .iter()
                .flat_map(|list| list.items.iter().map(|item| item.film_id.clone())),
        )
        .collect();
    ids.sort();
    ids.dedup();
    let facts = film_facts(store, &ids).await?;
    let film = |id: &String| match facts.get(id) {
        Some((title, Some(year), _)) => format!("{title} ({year})"),
        Some((title, None, _)) => title.clone(),
        None => id.clone(),
    };

    let mut review_rows = Vec::new();
    for (review, revisions) in reviews.iter().zip(&revisions) {
        review_rows.push(json!({
            "id": review.id,
            "film_id": review.film_id,
            "film": film(&review.film_id),
            "rating": review.rating,
            "headline": review.headline,
            "body": review.body,
            "spoiler": review.spoiler,
            "watched_on": review.watched_on,
            "created_at": review.created_at,
            "updated_at": review.updated_at,
            "hidden_reason": review.hidden_reason,
            "likes": review.likes,
            "revisions": revisions,
        }));
    }
    Ok(json!({
        "format": "kinora-account",
        "version": 1,
        "exported_at": time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)?,
        "account": {
            "name": account.name,
            "display_name": account.display_name,
            "email": email,
            "role": account.role,
            "bio": account.bio,
            "created_at": account.created_at,
        },
        "reviews": review_rows,
        "diary": diary.iter().map(|entry| json!({
            "id": entry.id,
            "film_id": entry.film_id,
            "film": film(&entry.film_id),
            "watched_on": entry.watched_on,
            "rating": entry.rating,
            "rewatch": entry.rewatch,
            "tags": entry.tags,
            "review_id": entry.review_id,
            "created_at": entry.created_at,
        })).collect::<Vec<_>>(),
        "ratings": ratings.iter().map(|rating| json!({
            "film_id": rating.film_id,
            "film": film(&rating.film_id),
            "rating": rating.rating,
            "rated_on": rating.rated_on,
        })).collect::<Vec<_>>(),
        "watchlist": watchlist.iter().map(|(film_id, added_at)| json!({
            "film_id": film_id,
            "film": film(film_id),
            "added_at": added_at,
        })).collect::<Vec<_>>(),
        "lists": lists.iter().map(|list| json!({
            "slug": list.slug,
            "title": list.title,
            "description": list.description,
            "public": list.public,
            "created_at": list.created_at,
            "updated_at": list.updated_at,
            "items": list.items.iter().map(|item| json!({
                "film_id": item.film_id,
                "film": film(&item.film_id),
                "note": item.note,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "posts": posts,
        "import_queue": queue.iter().map(|pending| json!({
            "id": pending.id,
            "import_label": pending.import_label,
            "origin": pending.origin,
            "entry": pending.entry,
            "candidates": pending.candidates,
            "created_at": pending.created_at,
        })).collect::<Vec<_>>(),
    }))
}
