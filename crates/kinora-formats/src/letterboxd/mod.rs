//! Letterboxd's export ZIP, read; its import CSV, written.
//!
//! A Letterboxd account export is a ZIP of CSV files: `diary.csv`,
//! `reviews.csv`, `ratings.csv`, `watched.csv`, `watchlist.csv`,
//! `likes/films.csv` and one `lists/<slug>.csv` per list, each optional and
//! possibly inside a top-level folder. Columns are read by the names in each
//! file's header row, so extra columns and a new column order do no harm;
//! the columns a file needs must be there. Letterboxd rates from 0.5 to 5
//! stars in half stars; Kinora keeps ratings as whole numbers from 1 to 10,
//! so a rating is doubled on the way in.
//!
//! The import CSV is the file a user takes to Letterboxd's importer: one row
//! per film with its ids, the rating out of 10, the date watched, tags and
//! review. [`read_csv`] reads that layout too, and any single file of an
//! export a user uploads on its own.
//!
//! Errors name the file (as named inside the ZIP), the line and the column.
//! The same [`Error`] serves the other CSV formats of this crate.

use time::Date;

mod export;
mod import;
mod list;
mod rows;

pub use self::export::{read_csv, read_export};
pub use self::import::{IMPORT_HEADER, ImportRow, spreadsheet_safe, write_import};
pub use crate::csv_table::{
    Budget, Error, FIELD_BYTES, Origin, ROW_BYTES, UPLOAD_BYTES, UPLOAD_ROWS,
};

/// A film as another site names it: enough to find it in the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FilmKey {
    pub title: String,
    pub year: Option<i32>,
    /// `https://boxd.it/…` or `https://letterboxd.com/film/…/`, as given.
    pub letterboxd_uri: Option<String>,
    /// `tt` and at least seven digits.
    pub imdb_id: Option<String>,
    pub tmdb_id: Option<u64>,
}

/// One viewing, from `diary.csv` or `reviews.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryEntry {
    pub film: FilmKey,
    /// The day the entry was written.
    pub logged: Option<Date>,
    /// The day the film was watched.
    pub watched: Option<Date>,
    /// From 1 to 10.
    pub rating: Option<u8>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review: Option<String>,
    pub line: Origin,
}

/// A rating from `ratings.csv`: the user's current rating of a film.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub film: FilmKey,
    pub date: Option<Date>,
    /// From 1 to 10.
    pub rating: u8,
    pub line: Origin,
}

/// A film on one of the user's plain lists: watched, watchlist, liked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub film: FilmKey,
    pub date: Option<Date>,
    pub line: Origin,
}

/// One of the user's lists, from `lists/<slug>.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub url: Option<String>,
    pub created: Option<Date>,
    pub items: Vec<ListItem>,
    /// `lists/films-on-north-korean-refugees.csv`.
    pub file: String,
}

/// A film on a list, in its place, with the note the user wrote for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub position: u32,
    pub film: FilmKey,
    pub note: Option<String>,
    pub line: Origin,
}

/// Everything read from an export, or from a single file of one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    /// Every viewing. A viewing in both `diary.csv` and `reviews.csv` (same
    /// film, same day watched) is here once, with its review; a review with
    /// no diary entry is here too.
    pub diary: Vec<DiaryEntry>,
    /// The rows of `reviews.csv` as read. Each is also in `diary`.
    pub reviews: Vec<DiaryEntry>,
    pub ratings: Vec<Rating>,
    pub watched: Vec<Listed>,
    pub watchlist: Vec<Listed>,
    /// Films the user liked (`likes/films.csv`).
    pub likes: Vec<Listed>,
    pub lists: Vec<List>,
}

/// What a file of an export (or an upload of one file) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Diary,
    Reviews,
    Ratings,
    Watched,
    Watchlist,
    Likes,
    List,
    Import,
}

#[cfg(test)]
mod tests;
