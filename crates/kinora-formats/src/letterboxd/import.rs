//! Letterboxd's import layout: written for a member to take to
//! Letterboxd's importer, and read when a member uploads a file in it.

use std::io::{Read, Write};

use time::Date;

use super::rows::{split_tags, stars, yes_no};
use super::{DiaryEntry, FilmKey};
use crate::csv_table::{DAY, Error, Table};
use crate::imdb::is_imdb_id;

/// One row of Letterboxd's import layout: a film, and what the user did
/// with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportRow {
    /// Letterboxd matches on the ids first, then on title and year.
    pub film: FilmKey,
    /// From 1 to 10.
    pub rating: Option<u8>,
    pub watched: Option<Date>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review: Option<String>,
}

/// The columns written, in Letterboxd's own names.
pub const IMPORT_HEADER: [&str; 10] = [
    "LetterboxdURI",
    "tmdbID",
    "imdbID",
    "Title",
    "Year",
    "Rating10",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
];

/// Writes rows in Letterboxd's import layout. A rating outside 1 to 10, an
/// IMDb id that is not one, or a tag with a comma in it (Letterboxd would
/// read two tags) is refused, naming the line it would have been on.
pub fn write_import<W: Write>(rows: &[ImportRow], out: W) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(out);
    let failed = |error: csv::Error| Error::whole(format!("cannot write: {error}"));
    writer.write_record(IMPORT_HEADER).map_err(failed)?;
    for (index, row) in rows.iter().enumerate() {
        let line = index as u64 + 2;
        let refuse = |column: &str, message: String| Error {
            file: None,
            line: Some(line),
            column: Some(column.to_owned()),
            message,
        };
        if let Some(rating) = row.rating
            && !(1..=10).contains(&rating)
        {
            return Err(refuse(
                "Rating10",
                format!("{rating} is not a rating from 1 to 10"),
            ));
        }
        if let Some(id) = &row.film.imdb_id
            && !is_imdb_id(id)
        {
            return Err(refuse("imdbID", format!("\"{id}\" is not an IMDb id")));
        }
        if let Some(tag) = row.tags.iter().find(|tag| tag.contains(',')) {
            return Err(refuse(
                "Tags",
                format!("the tag \"{tag}\" holds a comma, which would split it in two"),
            ));
        }
        if row.film.title.trim().is_empty()
            && row.film.imdb_id.is_none()
            && row.film.tmdb_id.is_none()
            && row.film.letterboxd_uri.is_none()
        {
            return Err(refuse(
                "Title",
                "a row needs a title, an IMDb id, a TMDB id or a Letterboxd URI".to_owned(),
            ));
        }
        let record = [
            row.film.letterboxd_uri.clone().unwrap_or_default(),
            row.film
                .tmdb_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            row.film.imdb_id.clone().unwrap_or_default(),
            spreadsheet_safe(&row.film.title),
            row.film
                .year
                .map(|year| year.to_string())
                .unwrap_or_default(),
            row.rating
                .map(|rating| rating.to_string())
                .unwrap_or_default(),
            row.watched
                .map(|day| day.format(DAY))
                .transpose()
                .map_err(|error| Error::whole(format!("cannot write: {error}")))?
                .unwrap_or_default(),
            row.rewatch.to_string(),
            spreadsheet_safe(&row.tags.join(", ")),
            spreadsheet_safe(row.review.as_deref().unwrap_or_default()),
        ];
        writer.write_record(&record).map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|error| Error::whole(format!("cannot write: {error}")))
}

/// A cell a spreadsheet will not run: text beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is a formula to Excel, LibreOffice and
/// Google Sheets, so it gets a leading `'` (OWASP's advice for CSV
/// injection). Member-written text (titles, tags, reviews) goes through it.
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Rows of the import layout, as diary entries.
pub(super) fn import_entries<R: Read>(table: &mut Table<R>) -> Result<Vec<DiaryEntry>, Error> {
    let title = table.column(&["Title"]);
    let year = table.column(&["Year"]);
    let uri = table.column(&["LetterboxdURI"]);
    let imdb = table.column(&["imdbID"]);
    let tmdb = table.column(&["tmdbID"]);
    let rating10 = table.column(&["Rating10"]);
    let rating = table.column(&["Rating"]);
    let watched = table.column(&["WatchedDate"]);
    let rewatch = table.column(&["Rewatch"]);
    let tags = table.column(&["Tags"]);
    let review = table.column(&["Review"]);
    let mut out = Vec::new();
    while let Some(row) = table.next_row()? {
        let imdb_id = match row.get(imdb) {
            Some(id) if !is_imdb_id(id) => {
                return Err(row.error_about(imdb, id, "csv-not-imdb-id"));
            }
            other => other.map(str::to_owned),
        };
        let film = FilmKey {
            title: row.get(title).unwrap_or_default().to_owned(),
            year: row.year(year)?,
            letterboxd_uri: row.get(uri).map(str::to_owned),
            imdb_id,
            tmdb_id: row.number(tmdb, "csv-what-tmdb")?,
        };
        if film.title.is_empty()
            && film.imdb_id.is_none()
            && film.tmdb_id.is_none()
            && film.letterboxd_uri.is_none()
        {
            return Err(row.line_error(kinora_i18n::t("csv-no-film")));
        }
        let value = match row.get(rating10) {
            Some(text) => Some(
                text.parse::<u8>()
                    .ok()
                    .filter(|value| (1..=10).contains(value))
                    .ok_or_else(|| row.error_about(rating10, text, "csv-not-a-rating"))?,
            ),
            None => stars(&row, rating)?,
        };
        out.push(DiaryEntry {
            film,
            logged: None,
            watched: row.date(watched)?,
            rating: value,
            rewatch: yes_no(&row, rewatch)?,
            tags: split_tags(row.get(tags)),
            review: row.get(review).map(str::to_owned),
            line: row.origin(),
        });
    }
    Ok(out)
}
