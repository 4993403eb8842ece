//! What a member's file holds, read and not yet matched: its rows (viewings,
//! ratings, the watchlist, list items) from a Letterboxd export or an IMDb
//! file, each with the file and line it came from.

use std::collections::HashSet;
use std::path::Path;

use kinora_core::community::{parse_tags, slug};
use kinora_formats::imdb_lists::{self, ImdbExportKind};
use kinora_formats::letterboxd;
use serde::{Deserialize, Serialize};

use super::days::day;
use super::matching::{NamedFilm, imdb_ids};

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
    pub(super) fn film(&self) -> &NamedFilm {
        match self {
            ImportRow::Viewing { film, .. }
            | ImportRow::Rating { film, .. }
            | ImportRow::Watchlist { film }
            | ImportRow::ListItem { film, .. } => film,
        }
    }
}

/// What a file holds, read and not yet matched.
#[derive(Debug, Default)]
pub(super) struct Intake {
    /// Rows with where they were read (`diary.csv line 6`), in file order.
    pub(super) rows: Vec<(String, ImportRow)>,
    pub(super) lists: Vec<IntakeList>,
    pub(super) seen_without_date: usize,
}

#[derive(Debug)]
pub(super) struct IntakeList {
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) description: String,
    /// In the list's order: where, the film, its note.
    pub(super) items: Vec<(String, NamedFilm, String)>,
}

fn origin(line: &letterboxd::Origin) -> String {
    at_line(&line.file, line.line)
}

/// "diary.csv line 11", in the reader's language.
fn at_line(file: &str, line: u64) -> String {
    format!(
        "{file} {}",
        kinora_i18n::t_with("csv-line", &[("line", line.into())])
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

pub(super) fn letterboxd_intake(export: &letterboxd::Export) -> Intake {
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

/// What an IMDb file holds, to be matched.
pub(super) fn imdb_intake(
    name: &str,
    kind: ImdbExportKind,
    rows: &[imdb_lists::ImdbRow],
) -> Intake {
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
    let at = |row: &imdb_lists::ImdbRow| at_line(&file, row.line);
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

pub(super) fn intake_imdb_ids(intake: &Intake) -> Vec<String> {
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
