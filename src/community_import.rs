//! A member's history in and out: a Letterboxd export or an IMDb ratings or
//! list file taken into an account, the account written back out in
//! Letterboxd's import layout or as JSON, and MovieLens ratings taken in as
//! bulk ratings.
//!
//! Every row names a film the way another site does: a title, a year and,
//! sometimes, an IMDb id. A row is matched to a catalog film
//!
//! - by its IMDb id, when it has one and the catalog knows it;
//! - else by title and year through the search index: the match is
//!   **certain** when exactly one film of that year has the row's title
//!   among its titles (compared folded: letter case, accents and
//!   punctuation aside);
//! - a row with candidates but no certain match (two films of the same title
//!   and year, a title found only a year off, or only a similar title) is
//!   **uncertain**: it waits in the account's import queue with up to five
//!   candidates, for the member to pick one ([`resolve_pending`]);
//! - a row with no candidate at all is **unmatched**, and the report lists it.
//!
//! A file is read whole before anything is written, so a file with an error
//! (named by file, line and column) changes nothing. Importing the same file
//! again adds nothing: a viewing already in the diary for the same film and
//! day is skipped, ratings, the watchlist and lists that are already as the
//! file says are left alone, and a row already waiting in the queue is not
//! queued twice.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use kinora_core::community::{Rating, parse_tags, slug};
use kinora_core::model::IdScheme;
use kinora_core::names::fold;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::imdb_lists::{self, ImdbExportKind};
use kinora_formats::letterboxd::{self, FilmKey};
use kinora_formats::movielens;
use kinora_search::{Hit, Search, SearchFilters};
use kinora_store::community::{ListItem, NewDiaryEntry, ReviewText};
use kinora_store::{Lookup, Store};
use serde::{Deserialize, Serialize};

use crate::search::Searcher;

/// The queue label of rows from a Letterboxd export or file.
pub const LETTERBOXD: &str = "Letterboxd";
/// The queue label of rows from an IMDb ratings or list file.
pub const IMDB: &str = "IMDb";
/// The bulk source MovieLens ratings are kept under.
pub const MOVIELENS_SOURCE: &str = "movielens";

/// Candidates kept for a row that waits in the queue.
const CANDIDATES: usize = 5;
/// Hits asked of the search index per title.
const HITS: usize = 10;
/// MovieLens ratings written per transaction.
const RATINGS_PER_BATCH: usize = 20_000;

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

/// A film as a file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamedFilm {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// `tt` and at least seven digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb_id: Option<String>,
    /// Another title the file gives (IMDb's original title, MovieLens's
    /// title in parentheses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_title: Option<String>,
}

impl NamedFilm {
    fn from_key(key: &FilmKey) -> NamedFilm {
        NamedFilm {
            title: key.title.clone(),
            year: key.year,
            imdb_id: key.imdb_id.clone(),
            alternate_title: None,
        }
    }

    /// `Parasite (2019)`.
    pub fn label(&self) -> String {
        let title = if self.title.is_empty() {
            self.imdb_id.clone().unwrap_or_default()
        } else {
            self.title.clone()
        };
        match self.year {
            Some(year) => format!("{title} ({year})"),
            None => title,
        }
    }
}

/// One row of an imported file, as it waits in the import queue (the
/// queue's `entry`, as JSON with a `kind` of `viewing`, `rating`,
/// `watchlist` or `list_item`). Settling the row with a film writes it as
/// the import would have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportRow {
    /// A viewing: a diary entry when it has a day, with the review written
    /// about it.
    Viewing {
        film: NamedFilm,
        /// `YYYY-MM-DD`.
        #[serde(default)]
        watched_on: Option<String>,
        /// From 1 to 10.
        #[serde(default)]
        rating: Option<u8>,
        #[serde(default)]
        rewatch: bool,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        review: Option<String>,
    },
    /// A rating given without a viewing.
    Rating {
        film: NamedFilm,
        rating: u8,
        #[serde(default)]
        rated_on: Option<String>,
    },
    Watchlist {
        film: NamedFilm,
    },
    /// A film of one of the member's lists, at its place with its note.
    ListItem {
        film: NamedFilm,
        /// The list's slug.
        list: String,
        list_title: String,
        /// Its place in the list as the file gave it, from 1.
        position: u32,
        #[serde(default)]
        note: String,
    },
}

impl ImportRow {
    fn film(&self) -> &NamedFilm {
        match self {
            ImportRow::Viewing { film, .. }
            | ImportRow::Rating { film, .. }
            | ImportRow::Watchlist { film }
            | ImportRow::ListItem { film, .. } => film,
        }
    }
}

/// A catalog film a row might mean, as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
}

/// What matching found for a film.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilmMatch {
    /// One film, certainly: its id.
    Film(String),
    /// Films it might be, best first; none of them certainly.
    Uncertain(Vec<Candidate>),
    Unmatched,
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

/// Matches films named by files to catalog films, remembering what it found.
pub struct FilmMatcher<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    by_imdb: HashMap<String, String>,
    /// The folded titles of films looked at.
    titles: HashMap<String, Vec<String>>,
    found: HashMap<NamedFilm, FilmMatch>,
}

impl<'a> FilmMatcher<'a> {
    /// A matcher for films with these IMDb ids (see [`imdb_ids`]), looked
    /// up at once.
    pub async fn new(
        store: &'a Store,
        searcher: &'a Searcher,
        ids: Vec<String>,
    ) -> anyhow::Result<FilmMatcher<'a>> {
        let by_imdb = store
            .find_external_ids("imdb", &ids)
            .await?
            .into_iter()
            .filter(|(_, (kind, _))| *kind == EntityKind::Film)
            .map(|(value, (_, id))| (value, id.as_str().to_owned()))
            .collect();
        Ok(FilmMatcher {
            store,
            searcher,
            by_imdb,
            titles: HashMap::new(),
            found: HashMap::new(),
        })
    }

    /// The catalog film a file's film is: by IMDb id, else by title and
    /// year (see the module's documentation).
    pub async fn find(&mut self, film: &NamedFilm) -> anyhow::Result<FilmMatch> {
        if let Some(found) = self.found.get(film) {
            return Ok(found.clone());
        }
        let found = match film.imdb_id.as_ref().and_then(|id| self.by_imdb.get(id)) {
            Some(id) => FilmMatch::Film(id.clone()),
            None => self.by_title(film).await?,
        };
        self.found.insert(film.clone(), found.clone());
        Ok(found)
    }

    async fn by_title(&mut self, film: &NamedFilm) -> anyhow::Result<FilmMatch> {
        let texts: Vec<&str> = std::iter::once(film.title.as_str())
            .chain(film.alternate_title.as_deref())
            .filter(|text| !fold(text).is_empty())
            .collect();
        if texts.is_empty() {
            return Ok(FilmMatch::Unmatched);
        }
        let wanted: HashSet<String> = texts.iter().map(|text| fold(text)).collect();
        let Some(year) = film.year else {
            let hits = self.search(&texts, None).await?;
            return Ok(uncertain(hits.iter().collect()));
        };
        let same_year = self.search(&texts, Some((year, year))).await?;
        let mut titled = Vec::new();
        for hit in &same_year {
            if hit.year == Some(year) && self.has_title(&hit.id, &wanted).await? {
                titled.push(hit);
            }
        }
        if let [only] = titled.as_slice() {
            return Ok(FilmMatch::Film(only.id.clone()));
        }
        let near = self.search(&texts, Some((year - 1, year + 1))).await?;
        let mut near_titled = Vec::new();
        let mut rest = Vec::new();
        for hit in near.iter().chain(&same_year) {
            if self.has_title(&hit.id, &wanted).await? {
                near_titled.push(hit);
            } else {
                rest.push(hit);
            }
        }
        let mut ordered = titled;
        ordered.extend(near_titled);
        ordered.extend(rest);
        Ok(uncertain(ordered))
    }

    /// Films found for any of the texts, best first, without repeats.
    async fn search(&self, texts: &[&str], years: Option<(i32, i32)>) -> anyhow::Result<Vec<Hit>> {
        let mut hits: Vec<Hit> = Vec::new();
        for text in texts {
            let search = Search {
                text,
                filters: SearchFilters {
                    kinds: vec![EntityKind::Film],
                    years,
                    ..SearchFilters::default()
                },
                limit: HITS,
                prefix: false,
            };
            for hit in self.searcher.search(self.store, search).await? {
                if !hits.iter().any(|seen| seen.id == hit.id) {
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    /// Whether one of a film's titles is one of `wanted` (folded).
    async fn has_title(&mut self, id: &str, wanted: &HashSet<String>) -> anyhow::Result<bool> {
        if !self.titles.contains_key(id) {
            let titles = match EntityId::parse(id) {
                Ok(entity_id) => match self.store.lookup(EntityKind::Film, &entity_id).await? {
                    Lookup::Present { entity, .. } => entity
                        .findable_names()
                        .iter()
                        .map(|name| fold(&name.text))
                        .collect(),
                    _ => Vec::new(),
                },
                Err(_) => Vec::new(),
            };
            self.titles.insert(id.to_owned(), titles);
        }
        Ok(self.titles[id].iter().any(|title| wanted.contains(title)))
    }
}

/// The IMDb ids of films, once each.
pub fn imdb_ids<'f>(films: impl IntoIterator<Item = &'f NamedFilm>) -> Vec<String> {
    let mut ids: Vec<String> = films
        .into_iter()
        .filter_map(|film| film.imdb_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn uncertain(hits: Vec<&Hit>) -> FilmMatch {
    let mut candidates: Vec<Candidate> = Vec::new();
    for hit in hits {
        if candidates.len() == CANDIDATES {
            break;
        }
        if !candidates.iter().any(|seen| seen.id == hit.id) {
            candidates.push(Candidate {
                id: hit.id.clone(),
                label: hit.label.clone(),
                year: hit.year,
            });
        }
    }
    if candidates.is_empty() {
        FilmMatch::Unmatched
    } else {
        FilmMatch::Uncertain(candidates)
    }
}

// ---------------------------------------------------------------------------
// Importing a member's history
// ---------------------------------------------------------------------------

/// What a file holds, read and not yet matched.
#[derive(Debug, Default)]
struct Intake {
    /// Rows with where they were read (`diary.csv line 6`), in file order.
    rows: Vec<(String, ImportRow)>,
    lists: Vec<IntakeList>,
    seen_without_date: usize,
}

#[derive(Debug)]
struct IntakeList {
    slug: String,
    title: String,
    description: String,
    /// In the list's order: where, the film, its note.
    items: Vec<(String, NamedFilm, String)>,
}

fn origin(line: &letterboxd::Origin) -> String {
    format!("{} line {}", line.file, line.line)
}

fn day(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Tags as Kinora keeps them: lowercase, without repeats, at most 40
/// characters each.
fn tidy_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tidied = parse_tags(tag).unwrap_or_else(|_| {
            vec![
                tag.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
                    .chars()
                    .take(40)
                    .collect(),
            ]
        });
        for tag in tidied {
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
    }
    out
}

fn letterboxd_intake(export: &letterboxd::Export) -> Intake {
    let mut intake = Intake::default();
    let mut kept: HashSet<(String, Option<i32>)> = HashSet::new();
    for entry in &export.diary {
        kept.insert((entry.film.title.clone(), entry.film.year));
        intake.rows.push((
            origin(&entry.line),
            ImportRow::Viewing {
                film: NamedFilm::from_key(&entry.film),
                watched_on: entry.watched.map(day),
                rating: entry.rating,
                rewatch: entry.rewatch,
                tags: tidy_tags(&entry.tags),
                review: entry.review.clone().filter(|text| !text.trim().is_empty()),
            },
        ));
    }
    for rating in &export.ratings {
        kept.insert((rating.film.title.clone(), rating.film.year));
        intake.rows.push((
            origin(&rating.line),
            ImportRow::Rating {
                film: NamedFilm::from_key(&rating.film),
                rating: rating.rating,
                rated_on: rating.date.map(day),
            },
        ));
    }
    intake.seen_without_date = export
        .watched
        .iter()
        .filter(|watched| !kept.contains(&(watched.film.title.clone(), watched.film.year)))
        .count();
    for listed in &export.watchlist {
        intake.rows.push((
            origin(&listed.line),
            ImportRow::Watchlist {
                film: NamedFilm::from_key(&listed.film),
            },
        ));
    }
    for list in &export.lists {
        let mut items: Vec<&letterboxd::ListItem> = list.items.iter().collect();
        items.sort_by_key(|item| item.position);
        intake.lists.push(IntakeList {
            slug: slug(&list.name),
            title: list.name.clone(),
            description: list.description.clone().unwrap_or_default(),
            items: items
                .into_iter()
                .map(|item| {
                    (
                        origin(&item.line),
                        NamedFilm::from_key(&item.film),
                        item.note.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        });
    }
    intake
}

/// Imports a Letterboxd export ZIP into an account.
pub async fn import_letterboxd(
    store: &Store,
    searcher: &Searcher,
    account_id: i64,
    zip: impl Read + Seek,
) -> anyhow::Result<ImportReport> {
    let export = letterboxd::read_export(zip)?;
    settle(
        store,
        searcher,
        account_id,
        LETTERBOXD,
        letterboxd_intake(&export),
    )
    .await
}

/// Imports one Letterboxd CSV file into an account: a file of an export
/// (`diary.csv`, `ratings.csv`, a list…) or one in Letterboxd's import
/// layout. `name` names it in messages and decides between files with the
/// same columns.
pub async fn import_letterboxd_csv(
    store: &Store,
    searcher: &Searcher,
    account_id: i64,
    name: &str,
    reader: impl Read,
) -> anyhow::Result<ImportReport> {
    let export = letterboxd::read_csv(name, reader)?;
    settle(
        store,
        searcher,
        account_id,
        LETTERBOXD,
        letterboxd_intake(&export),
    )
    .await
}

/// Imports an IMDb ratings export, watchlist or list into an account. A
/// ratings file sets ratings; a file named like `WATCHLIST.csv` fills the
/// watchlist; any other list becomes a list named after the file. Rows are
/// matched by their IMDb id first.
pub async fn import_imdb(
    store: &Store,
    searcher: &Searcher,
    account_id: i64,
    name: &str,
    reader: impl Read,
) -> anyhow::Result<ImportReport> {
    let (kind, rows) = imdb_lists::read(name, reader)?;
    let intake = imdb_intake(name, kind, &rows);
    settle(store, searcher, account_id, IMDB, intake).await
}

/// What an IMDb file holds, to be matched.
fn imdb_intake(name: &str, kind: ImdbExportKind, rows: &[imdb_lists::ImdbRow]) -> Intake {
    let file = Path::new(name)
        .file_name()
        .map(|base| base.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned());
    let stem = Path::new(&file)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let named = |row: &imdb_lists::ImdbRow| NamedFilm {
        title: row.title.clone(),
        year: row.year,
        imdb_id: Some(row.imdb_id.clone()),
        alternate_title: row
            .original_title
            .clone()
            .filter(|original| original != &row.title),
    };
    let at = |row: &imdb_lists::ImdbRow| format!("{file} line {}", row.line);
    let mut intake = Intake::default();
    let watchlist = kind == ImdbExportKind::List && stem.to_lowercase().contains("watchlist");
    let mut items = Vec::new();
    let mut ordered: Vec<&imdb_lists::ImdbRow> = rows.iter().collect();
    if kind == ImdbExportKind::List {
        ordered.sort_by_key(|row| row.position.unwrap_or(u32::MAX));
    }
    for row in ordered {
        if let Some(rating) = row.rating {
            intake.rows.push((
                at(row),
                ImportRow::Rating {
                    film: named(row),
                    rating,
                    rated_on: row.date.map(day),
                },
            ));
        }
        match kind {
            ImdbExportKind::Ratings => {}
            ImdbExportKind::List if watchlist => {
                intake
                    .rows
                    .push((at(row), ImportRow::Watchlist { film: named(row) }));
            }
            ImdbExportKind::List => {
                items.push((at(row), named(row), row.note.clone().unwrap_or_default()));
            }
        }
    }
    if kind == ImdbExportKind::List && !watchlist {
        intake.lists.push(IntakeList {
            slug: slug(&stem),
            title: stem,
            description: String::new(),
            items,
        });
    }
    intake
}

/// What an account has already, so that an import writes only what is new.
struct Existing {
    ratings: HashMap<String, (u8, Option<String>)>,
    watchlist: HashSet<String>,
    pending: HashSet<(String, String)>,
}

impl Existing {
    async fn load(store: &Store, account_id: i64) -> anyhow::Result<Existing> {
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
async fn settle(
    store: &Store,
    searcher: &Searcher,
    account_id: i64,
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

fn intake_imdb_ids(intake: &Intake) -> Vec<String> {
    // Gathered in a loop: an iterator of closures that borrow would make
    // the importing futures not `Send` (a limit of the compiler's check).
    let mut films: Vec<&NamedFilm> = Vec::new();
    for (_, row) in &intake.rows {
        films.push(row.film());
    }
    for list in &intake.lists {
        for (_, film, _) in &list.items {
            films.push(film);
        }
    }
    imdb_ids(films)
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
async fn write_row(
    store: &Store,
    account_id: i64,
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
                        Some(current)
                            if &current.body == body
                                && current.rating == value.map(Rating::value) =>
                        {
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
    account_id: i64,
    film_id: &str,
    value: Rating,
    rated_on: Option<&str>,
    existing: &mut Existing,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    let wanted = (value.value(), rated_on.map(str::to_owned));
    if existing.ratings.get(film_id) != Some(&wanted) {
        store
            .set_rating(account_id, film_id, Some(value), rated_on)
            .await?;
        existing.ratings.insert(film_id.to_owned(), wanted);
        report.ratings += 1;
    }
    Ok(())
}

/// Settles a row of the import queue: with a film (any catalog film, most
/// often one of the row's candidates), the row is written as the import
/// would have written it; with none, it is dropped.
pub async fn resolve_pending(
    store: &Store,
    account_id: i64,
    pending_id: i64,
    film_id: Option<&str>,
) -> anyhow::Result<()> {
    let pending = store
        .pending_imports(account_id)
        .await?
        .into_iter()
        .find(|pending| pending.id == pending_id)
        .ok_or_else(|| anyhow!("no row #{pending_id} waits in this account's import queue"))?;
    let row: ImportRow = serde_json::from_value(pending.entry.clone())
        .with_context(|| format!("row #{pending_id} of the import queue cannot be read"))?;
    let film = match film_id {
        Some(text) => Some(existing_film(store, text).await?),
        None => None,
    };
    if store
        .take_pending_import(account_id, pending_id)
        .await?
        .is_none()
    {
        // Settled meanwhile, by another request.
        return Ok(());
    }
    if let Some(film) = film {
        let mut existing = Existing::load(store, account_id).await?;
        let mut report = ImportReport::default();
        write_row(store, account_id, &film, &row, &mut existing, &mut report).await?;
    }
    Ok(())
}

/// The id of a film of the catalog, following a merge.
async fn existing_film(store: &Store, text: &str) -> anyhow::Result<String> {
    let id = EntityId::parse(text.trim()).map_err(|_| anyhow!("`{text}` is not a film id"))?;
    match store.lookup(EntityKind::Film, &id).await? {
        Lookup::Present { .. } => Ok(id.as_str().to_owned()),
        Lookup::Redirect { to } => Ok(to.as_str().to_owned()),
        Lookup::Missing => bail!("no film `{id}` in the catalog"),
    }
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

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

fn parse_day(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).ok()
}

/// Writes an account's history in Letterboxd's import layout: one row per
/// diary entry, oldest first (with its rating, day, rewatch, tags and the
/// review it links), then one row per film rated or reviewed without a
/// diary entry (with the account's rating and review of it). Each row has
/// the film's title and year and, when the catalog knows it, its IMDb id.
pub async fn export_letterboxd_csv(
    store: &Store,
    account_id: i64,
    out: impl Write,
) -> anyhow::Result<()> {
    if store.account(account_id).await?.is_none() {
        bail!("no account #{account_id}");
    }
    let mut diary = store.diary(account_id, i64::MAX).await?;
    diary.reverse();
    let reviews = store.reviews_by(account_id, 0, i64::MAX).await?;
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
    let review_by_id: HashMap<i64, &kinora_store::community::Review> =
        reviews.iter().map(|review| (review.id, review)).collect();
    let review_by_film: HashMap<&String, &kinora_store::community::Review> = reviews
        .iter()
        .map(|review| (&review.film_id, review))
        .collect();
    let mut rows = Vec::new();
    for entry in &diary {
        rows.push(letterboxd::ImportRow {
            film: film_key(&entry.film_id),
            rating: entry.rating,
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
                .or_else(|| review.and_then(|review| review.rating)),
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
    ratings: &HashMap<String, u8>,
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
pub async fn export_json(store: &Store, account_id: i64) -> anyhow::Result<serde_json::Value> {
    use serde_json::json;
    let account = store
        .account(account_id)
        .await?
        .ok_or_else(|| anyhow!("no account #{account_id}"))?;
    let email = store
        .credentials(&account.name)
        .await?
        .and_then(|credentials| credentials.email);
    let reviews = store.reviews_by(account_id, 0, i64::MAX).await?;
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

// ---------------------------------------------------------------------------
// MovieLens
// ---------------------------------------------------------------------------

/// What a MovieLens import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MovieLensReport {
    /// The release's layout: `recbole`, `csv` or `100k`.
    pub layout: String,
    pub movies: usize,
    /// Movies matched to a catalog film, by IMDb id or by title and year.
    pub matched: usize,
    pub matched_by_imdb_id: usize,
    /// Movies with candidates but no certain match: their ratings are left
    /// out.
    pub uncertain: usize,
    pub unmatched: usize,
    pub ratings_read: u64,
    /// Ratings of matched movies written (or rewritten).
    pub ratings_written: u64,
    /// Users with at least one rating written.
    pub users: usize,
    pub seconds: f64,
}

type RatingsFile = std::io::BufReader<std::fs::File>;

/// The files of a MovieLens release in a folder.
enum Release {
    /// RecBole's atomic files: `*.inter` and `*.item`.
    RecBole { inter: PathBuf, item: PathBuf },
    /// The current releases: `ratings.csv`, `movies.csv`, maybe `links.csv`.
    Csv {
        ratings: PathBuf,
        movies: PathBuf,
        links: Option<PathBuf>,
    },
    /// The classic 100k release: `u.data` and `u.item`.
    Classic { data: PathBuf, item: PathBuf },
}

impl Release {
    fn find(dir: &Path) -> anyhow::Result<Release> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the folder {}", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let has = |name: &str| names.iter().any(|found| found == name);
        let ending = |suffix: &str| names.iter().find(|name| name.ends_with(suffix));
        if let (Some(inter), Some(item)) = (ending(".inter"), ending(".item")) {
            return Ok(Release::RecBole {
                inter: dir.join(inter),
                item: dir.join(item),
            });
        }
        if has("ratings.csv") && has("movies.csv") {
            return Ok(Release::Csv {
                ratings: dir.join("ratings.csv"),
                movies: dir.join("movies.csv"),
                links: has("links.csv").then(|| dir.join("links.csv")),
            });
        }
        if has("u.data") && has("u.item") {
            return Ok(Release::Classic {
                data: dir.join("u.data"),
                item: dir.join("u.item"),
            });
        }
        bail!(
            "{} holds no MovieLens release: it needs ml-100k.inter and ml-100k.item \
             (RecBole), ratings.csv and movies.csv, or u.data and u.item",
            dir.display()
        )
    }

    fn layout(&self) -> &'static str {
        match self {
            Release::RecBole { .. } => "recbole",
            Release::Csv { .. } => "csv",
            Release::Classic { .. } => "100k",
        }
    }

    fn movies(&self) -> anyhow::Result<Vec<movielens::Movie>> {
        let open = |path: &Path| {
            std::fs::File::open(path)
                .map(std::io::BufReader::new)
                .with_context(|| format!("cannot read {}", path.display()))
        };
        let name = |path: &Path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        Ok(match self {
            Release::RecBole { item, .. } => movielens::read_atomic_item(&name(item), open(item)?)?,
            Release::Classic { item, .. } => movielens::read_u_item(&name(item), open(item)?)?,
            Release::Csv { movies, links, .. } => {
                let mut read = movielens::read_movies_csv(&name(movies), open(movies)?)?;
                if let Some(links) = links {
                    let links = movielens::read_links_csv(&name(links), open(links)?)?;
                    movielens::add_links(&mut read, &links);
                }
                read
            }
        })
    }

    fn ratings(&self) -> anyhow::Result<movielens::Ratings<RatingsFile>> {
        type Open =
            fn(&str, RatingsFile) -> Result<movielens::Ratings<RatingsFile>, movielens::Error>;
        let (path, read): (&PathBuf, Open) = match self {
            Release::RecBole { inter, .. } => (inter, movielens::read_atomic_inter),
            Release::Csv { ratings, .. } => (ratings, movielens::read_ratings_csv),
            Release::Classic { data, .. } => (data, movielens::read_u_data),
        };
        let file = std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(read(&name, file)?)
    }
}

/// Imports a MovieLens release from a folder as bulk ratings (source
/// `movielens`, each user under their MovieLens id). Movies are matched to
/// catalog films by IMDb id (the current releases' links.csv), else by
/// title and year as a member's rows are; only certain matches count, and
/// the ratings of the others are left out. The ratings file is read through
/// once to check it (a bad line is an error naming it, and nothing is
/// written), then again to write, a batch per transaction.
pub async fn import_movielens(
    store: &Store,
    searcher: &Searcher,
    dir: &Path,
) -> anyhow::Result<MovieLensReport> {
    let started = std::time::Instant::now();
    let release = Release::find(dir)?;
    let movies = release.movies()?;
    let mut report = MovieLensReport {
        layout: release.layout().to_owned(),
        movies: movies.len(),
        ..MovieLensReport::default()
    };

    let named: Vec<NamedFilm> = movies
        .iter()
        .map(|movie| NamedFilm {
            title: movie.title.clone(),
            year: movie.year,
            imdb_id: movie.imdb_id.clone(),
            alternate_title: movie.alternate_title.clone(),
        })
        .collect();
    let mut matcher = FilmMatcher::new(store, searcher, imdb_ids(&named)).await?;
    let mut films: HashMap<&str, String> = HashMap::new();
    for (movie, film) in movies.iter().zip(&named) {
        match matcher.find(film).await? {
            FilmMatch::Film(id) => {
                if film
                    .imdb_id
                    .as_ref()
                    .is_some_and(|imdb| matcher.by_imdb.contains_key(imdb))
                {
                    report.matched_by_imdb_id += 1;
                }
                report.matched += 1;
                films.insert(movie.id.as_str(), id);
            }
            FilmMatch::Uncertain(_) => report.uncertain += 1,
            FilmMatch::Unmatched => report.unmatched += 1,
        }
    }

    for rating in release.ratings()? {
        rating?;
        report.ratings_read += 1;
    }

    let mut users = HashSet::new();
    let mut batch = Vec::with_capacity(RATINGS_PER_BATCH);
    for rating in release.ratings()? {
        let rating = rating?;
        let Some(film) = films.get(rating.movie.as_str()) else {
            continue;
        };
        let value =
            Rating::new(i64::from(movielens::to_ten(rating.rating))).map_err(anyhow::Error::msg)?;
        if !users.contains(&rating.user) {
            users.insert(rating.user.clone());
        }
        batch.push((rating.user, film.clone(), value));
        if batch.len() == RATINGS_PER_BATCH {
            report.ratings_written += store.add_bulk_ratings(MOVIELENS_SOURCE, &batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        report.ratings_written += store.add_bulk_ratings(MOVIELENS_SOURCE, &batch).await?;
    }
    report.users = users.len();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Which importer a member's file is for (also `kinora user import --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    /// A Letterboxd export (ZIP) or one of its CSV files.
    Letterboxd,
    /// An IMDb ratings export, watchlist or list (CSV).
    Imdb,
}

/// The format of a member's file, from its name and first bytes: a ZIP is
/// a Letterboxd export; a CSV whose header has IMDb's `Const` column is
/// IMDb's; any other CSV is Letterboxd's.
pub fn guess_format(name: &str, bytes: &[u8]) -> anyhow::Result<HistoryFormat> {
    if bytes.starts_with(b"PK") || name.to_lowercase().ends_with(".zip") {
        return Ok(HistoryFormat::Letterboxd);
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if header.is_empty() {
        bail!("{name} is empty");
    }
    let columns: Vec<String> = header
        .split(',')
        .map(|column| column.trim().trim_matches('"').to_lowercase())
        .collect();
    if columns.iter().any(|column| column == "const") {
        Ok(HistoryFormat::Imdb)
    } else {
        Ok(HistoryFormat::Letterboxd)
    }
}

/// Reading members' files (unzipping, parsing CSV) runs off the async
/// workers, this many at once; another upload waits its turn.
const READS_AT_ONCE: usize = 2;
static READING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(READS_AT_ONCE);

/// Reads a member's file in the given format: what it holds, to be matched.
/// Within [`letterboxd::Budget::upload`]'s limits.
fn read_file(
    name: &str,
    bytes: &[u8],
    format: HistoryFormat,
) -> anyhow::Result<(&'static str, Intake)> {
    Ok(match format {
        HistoryFormat::Letterboxd if bytes.starts_with(b"PK") => {
            let export = letterboxd::read_export(std::io::Cursor::new(bytes))?;
            (LETTERBOXD, letterboxd_intake(&export))
        }
        HistoryFormat::Letterboxd => {
            let export = letterboxd::read_csv(name, bytes)?;
            (LETTERBOXD, letterboxd_intake(&export))
        }
        HistoryFormat::Imdb => {
            let (kind, rows) = imdb_lists::read(name, bytes)?;
            (IMDB, imdb_intake(name, kind, &rows))
        }
    })
}

/// Imports a member's file in the given format (or the guessed one): a
/// Letterboxd ZIP or CSV, or an IMDb CSV. The file is read on a blocking
/// thread, a few at a time, then matched and written.
pub async fn import_file(
    store: &Store,
    searcher: &Searcher,
    account_id: i64,
    name: &str,
    bytes: impl Into<bytes::Bytes>,
    format: Option<HistoryFormat>,
) -> anyhow::Result<ImportReport> {
    let bytes: bytes::Bytes = bytes.into();
    let format = match format {
        Some(format) => format,
        None => guess_format(name, &bytes)?,
    };
    let (label, intake) = {
        let _turn = READING.acquire().await?;
        let name = name.to_owned();
        tokio::task::spawn_blocking(move || read_file(&name, &bytes, format)).await??
    };
    settle(store, searcher, account_id, label, intake).await
}

/// One row of an account's import queue on one line, with its candidates:
/// what `kinora user pending` prints.
pub fn describe_pending(pending: &kinora_store::community::PendingImport) -> String {
    let candidates: Vec<String> = pending_candidates(pending)
        .iter()
        .map(|candidate| match candidate.year {
            Some(year) => format!("{} ({}, {year})", candidate.id, candidate.label),
            None => format!("{} ({})", candidate.id, candidate.label),
        })
        .collect();
    format!(
        "#{}\t{} {}\t{}\tcandidates: {}",
        pending.id,
        pending.import_label,
        pending.origin,
        pending_what(pending),
        if candidates.is_empty() {
            "none".to_owned()
        } else {
            candidates.join(", ")
        }
    )
}

/// What a queued row would write: `viewing of Crossing (2009)`.
pub fn pending_what(pending: &kinora_store::community::PendingImport) -> String {
    match serde_json::from_value::<ImportRow>(pending.entry.clone()) {
        Ok(row) => {
            let kind = match row {
                ImportRow::Viewing { .. } => "viewing",
                ImportRow::Rating { .. } => "rating",
                ImportRow::Watchlist { .. } => "watchlist",
                ImportRow::ListItem { .. } => "list item",
            };
            format!("{kind} of {}", row.film().label())
        }
        Err(_) => pending.entry.to_string(),
    }
}

/// The films a queued row might mean, best first.
pub fn pending_candidates(pending: &kinora_store::community::PendingImport) -> Vec<Candidate> {
    serde_json::from_value(pending.candidates.clone()).unwrap_or_default()
}
