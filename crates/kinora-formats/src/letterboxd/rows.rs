//! The rows of an export's files: diary entries and reviews, ratings, and
//! the plain lists of films watched, to watch and liked; and the values
//! Letterboxd writes in them (ratings in half stars, rewatches, tags).

use std::collections::HashMap;
use std::io::Read;

use time::Date;

use super::{DiaryEntry, FilmKey, Kind, Listed, Rating};
use crate::csv_table::{Col, Error, Row, Table};

/// The columns naming a film in an export file.
pub(super) struct FilmColumns {
    name: Col,
    year: Col,
    uri: Option<Col>,
}

impl FilmColumns {
    pub(super) fn find<R: Read>(table: &Table<R>, uri: &'static str) -> Result<FilmColumns, Error> {
        Ok(FilmColumns {
            name: table.require(&["Name"])?,
            year: table.require(&["Year"])?,
            uri: table.column(&[uri]),
        })
    }

    pub(super) fn read(&self, row: &Row<'_>) -> Result<FilmKey, Error> {
        Ok(FilmKey {
            title: row.required(self.name)?.to_owned(),
            year: row.year(Some(self.year))?,
            letterboxd_uri: row.get(self.uri).map(str::to_owned),
            imdb_id: None,
            tmdb_id: None,
        })
    }
}

/// Diary entries from `diary.csv` or `reviews.csv` (the import layout is
/// `import::import_entries`).
pub(super) fn entries<R: Read>(table: &mut Table<R>, kind: Kind) -> Result<Vec<DiaryEntry>, Error> {
    let film = FilmColumns::find(table, "Letterboxd URI")?;
    let watched = match kind {
        Kind::Diary => Some(table.require(&["Watched Date"])?),
        _ => table.column(&["Watched Date"]),
    };
    let review = match kind {
        Kind::Reviews => Some(table.require(&["Review"])?),
        _ => table.column(&["Review"]),
    };
    let logged = table.column(&["Date"]);
    let rating = table.column(&["Rating"]);
    let rewatch = table.column(&["Rewatch"]);
    let tags = table.column(&["Tags"]);
    let mut out = Vec::new();
    while let Some(row) = table.next_row()? {
        out.push(DiaryEntry {
            film: film.read(&row)?,
            logged: row.date(logged)?,
            watched: row.date(watched)?,
            rating: stars(&row, rating)?,
            rewatch: yes_no(&row, rewatch)?,
            tags: split_tags(row.get(tags)),
            review: row.get(review).map(str::to_owned),
            line: row.origin(),
        });
    }
    Ok(out)
}

pub(super) fn ratings<R: Read>(table: &mut Table<R>) -> Result<Vec<Rating>, Error> {
    let film = FilmColumns::find(table, "Letterboxd URI")?;
    let date = table.column(&["Date"]);
    let rating = table.require(&["Rating"])?;
    let mut out = Vec::new();
    while let Some(row) = table.next_row()? {
        let value = stars(&row, Some(rating))?
            .ok_or_else(|| row.error(rating, kinora_i18n::t("csv-rating-missing")))?;
        out.push(Rating {
            film: film.read(&row)?,
            date: row.date(date)?,
            rating: value,
            line: row.origin(),
        });
    }
    Ok(out)
}

pub(super) fn listed<R: Read>(table: &mut Table<R>) -> Result<Vec<Listed>, Error> {
    let film = FilmColumns::find(table, "Letterboxd URI")?;
    let date = table.column(&["Date"]);
    let mut out = Vec::new();
    while let Some(row) = table.next_row()? {
        out.push(Listed {
            film: film.read(&row)?,
            date: row.date(date)?,
            line: row.origin(),
        });
    }
    Ok(out)
}

/// A review and a diary entry for the same film watched the same day are
/// one viewing: the review goes onto the entry. Reviews with no entry are
/// added as entries.
pub(super) fn merge_reviews(diary: &mut Vec<DiaryEntry>, reviews: &[DiaryEntry]) {
    // A viewing: the film's title and year, and the day watched.
    type Viewing<'a> = (&'a str, Option<i32>, Option<Date>);
    let mut by_viewing: HashMap<Viewing<'_>, Vec<usize>> = HashMap::new();
    for (index, entry) in diary.iter().enumerate() {
        by_viewing
            .entry((&entry.film.title, entry.film.year, entry.watched))
            .or_default()
            .push(index);
    }
    let mut merged = Vec::new();
    let mut extra = Vec::new();
    for review in reviews {
        let key = (review.film.title.as_str(), review.film.year, review.watched);
        let slot = by_viewing.get_mut(&key).and_then(|indexes| {
            let position = indexes
                .iter()
                .position(|&index| diary[index].review.is_none())?;
            Some(indexes.remove(position))
        });
        match slot {
            Some(index) => merged.push((index, review)),
            None => extra.push(review.clone()),
        }
    }
    for (index, review) in merged {
        let entry = &mut diary[index];
        entry.review.clone_from(&review.review);
        entry.rating = entry.rating.or(review.rating);
        entry.rewatch |= review.rewatch;
        if entry.tags.is_empty() {
            entry.tags.clone_from(&review.tags);
        }
        if entry.film.letterboxd_uri.is_none() {
            entry
                .film
                .letterboxd_uri
                .clone_from(&review.film.letterboxd_uri);
        }
    }
    diary.extend(extra);
}

/// A Letterboxd rating, 0.5 to 5 in half stars, as 1 to 10.
pub(super) fn stars(row: &Row<'_>, col: Option<Col>) -> Result<Option<u8>, Error> {
    let Some(text) = row.get(col) else {
        return Ok(None);
    };
    half_stars(text)
        .map(Some)
        .ok_or_else(|| row.error_about(col, text, "csv-not-stars"))
}

pub(super) fn half_stars(text: &str) -> Option<u8> {
    let value: f64 = text.parse().ok()?;
    let doubled = value * 2.0;
    (doubled.fract() == 0.0 && (1.0..=10.0).contains(&doubled)).then_some(doubled as u8)
}

/// `Yes`, `true` or empty, as Letterboxd writes a rewatch.
pub(super) fn yes_no(row: &Row<'_>, col: Option<Col>) -> Result<bool, Error> {
    match row.get(col) {
        None => Ok(false),
        Some(text) if text.eq_ignore_ascii_case("yes") || text.eq_ignore_ascii_case("true") => {
            Ok(true)
        }
        Some(text) if text.eq_ignore_ascii_case("no") || text.eq_ignore_ascii_case("false") => {
            Ok(false)
        }
        Some(text) => Err(row.error_about(col, text, "csv-not-yes-or-no")),
    }
}

/// Tags as Letterboxd writes them: comma-separated in one field.
pub(super) fn split_tags(text: Option<&str>) -> Vec<String> {
    text.map(|text| {
        text.split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}
