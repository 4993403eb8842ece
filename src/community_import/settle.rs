//! Writing what a file held into an account, once every row is matched:
//! viewings into the diary (with their reviews), ratings, the watchlist and
//! lists, only what is new; uncertain rows into the import queue; what no
//! film matched into the report.

use kinora_core::community::AccountId;
use std::collections::{HashMap, HashSet};

use anyhow::bail;
use kinora_core::community::Rating;
use kinora_store::Store;
use kinora_store::community::{ListItem, NewDiaryEntry, ReviewText};
use serde::Serialize;

use super::intake::{ImportRow, Intake, IntakeList, intake_imdb_ids};
use super::matching::{Candidate, FilmMatch, FilmMatcher, NamedFilm};
use crate::search::Searcher;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Viewings added to the diary.
    pub diary_added: usize,
    /// Viewings the diary already had (same film, same day).
    pub diary_skipped: usize,
    /// Reviews written or brought up to date.
    pub reviews: usize,
    /// Plain ratings set or changed.
    pub ratings: usize,
    /// Films added to the watchlist.
    pub watchlist: usize,
    /// Lists created or changed.
    pub lists: usize,
    /// Rows added to the import queue, for the member to settle.
    pub pending: usize,
    /// Films marked watched with no day and no rating: Kinora keeps a
    /// viewing only with its day, so these are counted, not kept.
    pub seen_without_date: usize,
    /// Films no catalog film matched, each with the rows that named it:
    /// `Beyond Utopia (2023): diary.csv line 11, ratings.csv line 12`.
    pub unmatched: Vec<String>,
}

/// What an account has already, so that an import writes only what is new.
pub(super) struct Existing {
    ratings: HashMap<String, (Rating, Option<String>)>,
    watchlist: HashSet<String>,
    pending: HashSet<(String, String)>,
}

impl Existing {
    pub(super) async fn load(store: &Store, account_id: AccountId) -> anyhow::Result<Existing> {
        Ok(Existing {
            ratings: store
                .plain_ratings(account_id)
                .await?
                .into_iter()
                .map(|rating| (rating.film_id, (rating.rating, rating.rated_on)))
                .collect(),
            watchlist: store
                .watchlist(account_id)
                .await?
                .into_iter()
                .map(|(film, _)| film)
                .collect(),
            pending: store
                .pending_imports(account_id)
                .await?
                .into_iter()
                .map(|row| (row.origin, row.entry.to_string()))
                .collect(),
        })
    }
}

/// Matches what was read, then writes it.
pub(super) async fn settle(
    store: &Store,
    searcher: &Searcher,
    account_id: AccountId,
    label: &str,
    intake: Intake,
) -> anyhow::Result<ImportReport> {
    if store.account(account_id).await?.is_none() {
        bail!("no account #{account_id}");
    }
    let ids = intake_imdb_ids(&intake);
    let mut matcher = FilmMatcher::new(store, searcher, ids).await?;
    let mut report = ImportReport {
        seen_without_date: intake.seen_without_date,
        ..ImportReport::default()
    };
    // Unmatched films in the order first met, with every row naming them.
    let mut unmatched: Vec<(String, Vec<String>)> = Vec::new();

    // Match everything first: a store that cannot be searched writes nothing.
    let mut writes: Vec<(String, &ImportRow)> = Vec::new();
    let mut queue: Vec<(&str, ImportRow, Vec<Candidate>)> = Vec::new();
    for (at, row) in &intake.rows {
        match matcher.find(row.film()).await? {
            FilmMatch::Film(id) => writes.push((id, row)),
            FilmMatch::Uncertain(candidates) => queue.push((at, row.clone(), candidates)),
            FilmMatch::Unmatched => note_unmatched(&mut unmatched, row.film(), at),
        }
    }
    let mut lists: Vec<(&IntakeList, Vec<ListItem>)> = Vec::new();
    for list in &intake.lists {
        let mut items = Vec::new();
        for (place, (at, film, note)) in list.items.iter().enumerate() {
            match matcher.find(film).await? {
                FilmMatch::Film(id) => items.push(ListItem {
                    film_id: id,
                    note: note.clone(),
                }),
                FilmMatch::Uncertain(candidates) => queue.push((
                    at,
                    ImportRow::ListItem {
                        film: film.clone(),
                        list: list.slug.clone(),
                        list_title: list.title.clone(),
                        position: u32::try_from(place + 1).unwrap_or(u32::MAX),
                        note: note.clone(),
                    },
                    candidates,
                )),
                FilmMatch::Unmatched => note_unmatched(&mut unmatched, film, at),
            }
        }
        lists.push((list, items));
    }

    let mut existing = Existing::load(store, account_id).await?;
    for (film_id, row) in writes {
        write_row(store, account_id, &film_id, row, &mut existing, &mut report).await?;
    }
    for (list, items) in lists {
        let current = store.film_list(account_id, &list.slug).await?;
        let unchanged = current.as_ref().is_some_and(|current| {
            current.title == list.title
                && current.description == list.description
                && current.items == items
        });
        if !unchanged {
            let public = current.as_ref().is_none_or(|current| current.public);
            store
                .save_list(
                    account_id,
                    &list.slug,
                    &list.title,
                    &list.description,
                    public,
                    &items,
                )
                .await?;
            report.lists += 1;
        }
    }
    for (at, row, candidates) in queue {
        let entry = serde_json::to_value(&row)?;
        if existing.pending.insert((at.to_owned(), entry.to_string())) {
            store
                .add_pending_import(
                    account_id,
                    label,
                    at,
                    &entry,
                    &serde_json::to_value(&candidates)?,
                )
                .await?;
            report.pending += 1;
        }
    }
    report.unmatched = unmatched
        .into_iter()
        .map(|(label, places)| format!("{label}: {}", places.join(", ")))
        .collect();
    Ok(report)
}

fn note_unmatched(unmatched: &mut Vec<(String, Vec<String>)>, film: &NamedFilm, at: &str) {
    let label = film.label();
    match unmatched.iter_mut().find(|(seen, _)| *seen == label) {
        Some((_, places)) => places.push(at.to_owned()),
        None => unmatched.push((label, vec![at.to_owned()])),
    }
}

fn rating(value: u8) -> anyhow::Result<Rating> {
    Rating::new(i64::from(value)).map_err(anyhow::Error::msg)
}

/// Writes one matched row.
pub(super) async fn write_row(
    store: &Store,
    account_id: AccountId,
    film_id: &str,
    row: &ImportRow,
    existing: &mut Existing,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    match row {
        ImportRow::Viewing {
            watched_on,
            rating: value,
            rewatch,
            tags,
            review,
            ..
        } => {
            let value = value.map(rating).transpose()?;
            let review_id = match review {
                Some(body) => {
                    let current = store.review_of(account_id, film_id).await?;
                    match current {
                        Some(current) if &current.body == body && current.rating == value => {
                            Some(current.id)
                        }
                        _ => {
                            let text = ReviewText {
                                rating: value,
                                headline: None,
                                body: body.clone(),
                                spoiler: false,
                                watched_on: watched_on.clone(),
                            };
                            report.reviews += 1;
                            Some(store.save_review(account_id, film_id, &text).await?)
                        }
                    }
                }
                None => None,
            };
            match watched_on {
                Some(day) if store.has_diary_entry(account_id, film_id, day).await? => {
                    report.diary_skipped += 1;
                }
                Some(day) => {
                    let entry = NewDiaryEntry {
                        film_id: film_id.to_owned(),
                        watched_on: day.clone(),
                        rating: value,
                        rewatch: *rewatch,
                        tags: tags.clone(),
                        review_id,
                    };
                    store.add_diary_entry(account_id, &entry).await?;
                    report.diary_added += 1;
                }
                // No day: the review carries the rating, or a plain rating
                // does.
                None if review_id.is_some() => {}
                None => match value {
                    Some(value) => {
                        write_rating(store, account_id, film_id, value, None, existing, report)
                            .await?;
                    }
                    None => report.seen_without_date += 1,
                },
            }
        }
        ImportRow::Rating {
            rating: value,
            rated_on,
            ..
        } => {
            write_rating(
                store,
                account_id,
                film_id,
                rating(*value)?,
                rated_on.as_deref(),
                existing,
                report,
            )
            .await?;
        }
        ImportRow::Watchlist { .. } => {
            if existing.watchlist.insert(film_id.to_owned()) {
                store.set_watchlist(account_id, film_id, true).await?;
                report.watchlist += 1;
            }
        }
        ImportRow::ListItem {
            list,
            list_title,
            position,
            note,
            ..
        } => {
            let current = store.film_list(account_id, list).await?;
            let (title, description, public, mut items) = match current {
                Some(current) => (
                    current.title,
                    current.description,
                    current.public,
                    current.items,
                ),
                None => (list_title.clone(), String::new(), true, Vec::new()),
            };
            // The list was saved without the films that waited: this one
            // goes back as near its place as the films kept allow.
            let place = (*position as usize).saturating_sub(1).min(items.len());
            items.insert(
                place,
                ListItem {
                    film_id: film_id.to_owned(),
                    note: note.clone(),
                },
            );
            store
                .save_list(account_id, list, &title, &description, public, &items)
                .await?;
            report.lists += 1;
        }
    }
    Ok(())
}

async fn write_rating(
    store: &Store,
    account_id: AccountId,
    film_id: &str,
    value: Rating,
    rated_on: Option<&str>,
    existing: &mut Existing,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    let wanted = (value, rated_on.map(str::to_owned));
    if existing.ratings.get(film_id) != Some(&wanted) {
        store
            .set_rating(account_id, film_id, Some(value), rated_on)
            .await?;
        existing.ratings.insert(film_id.to_owned(), wanted);
        report.ratings += 1;
    }
    Ok(())
}
