//! IMDb's ratings and list exports (CSV), read by column name.
//!
//! IMDb exports a user's ratings, watchlist and lists as CSV files, UTF-8,
//! with a header row. The ratings export now starts
//! `Const,Your Rating,Date Rated,Title,…`; older ones, and every list or
//! watchlist, start `Position,Const,Created,Modified,Description,Title,…`.
//! Columns are found by name, so both forms read alike, and a column IMDb
//! adds later does no harm.
//!
//! A file is a ratings export when it has a `Your Rating` column and every
//! row has a rating; otherwise it is a list, whose rows may still carry the
//! user's rating.

use std::io::Read;

use time::Date;

pub use crate::csv_table::Error;
use crate::csv_table::{Budget, Table};
use crate::imdb::is_imdb_id;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImdbExportKind {
    /// The user's ratings.
    Ratings,
    /// A list or the watchlist, in the list's order.
    List,
}

/// One title of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImdbRow {
    /// `tt` and at least seven digits.
    pub imdb_id: String,
    pub title: String,
    pub original_title: Option<String>,
    pub year: Option<i32>,
    /// As IMDb writes it: `Movie`, `TV Series`, `Short`…
    pub title_type: Option<String>,
    /// The user's rating, from 1 to 10.
    pub rating: Option<u8>,
    /// The day rated; for a row without a rating, the day it was added.
    pub date: Option<Date>,
    /// The place on the list.
    pub position: Option<u32>,
    /// The note the user wrote for the title on the list.
    pub note: Option<String>,
    pub line: u64,
}

/// Reads an export; `name` names the file in errors.
pub fn read(name: &str, reader: impl Read) -> Result<(ImdbExportKind, Vec<ImdbRow>), Error> {
    let mut table = Table::open_within(name, reader, b',', &Budget::upload())?;
    if table.column(&["Title"]).is_none() && table.column(&["Name"]).is_some() {
        return Err(Error::in_file(name, kinora_i18n::t("csv-imdb-people")));
    }
    let id = table.require(&["Const"])?;
    let title = table.require(&["Title"])?;
    let original_title = table.column(&["Original Title"]);
    let year = table.column(&["Year"]);
    let title_type = table.column(&["Title Type"]);
    let rating = table.column(&["Your Rating"]);
    let rated = table.column(&["Date Rated"]);
    let created = table.column(&["Created"]);
    let position = table.column(&["Position"]);
    let note = table.column(&["Description"]);

    let mut rows = Vec::new();
    let mut all_rated = true;
    while let Some(row) = table.next_row()? {
        let imdb_id = row.required(id)?;
        if !is_imdb_id(imdb_id) {
            return Err(row.error_about(Some(id), imdb_id, "csv-not-imdb-title"));
        }
        let value = match row.get(rating) {
            None => None,
            Some(text) => Some(
                text.parse::<u8>()
                    .ok()
                    .filter(|value| (1..=10).contains(value))
                    .ok_or_else(|| row.error_about(rating, text, "csv-not-a-rating"))?,
            ),
        };
        all_rated &= value.is_some();
        let date = match row.date(rated)? {
            Some(date) => Some(date),
            None => row.date(created)?,
        };
        rows.push(ImdbRow {
            imdb_id: imdb_id.to_owned(),
            title: row.required(title)?.to_owned(),
            original_title: row.get(original_title).map(str::to_owned),
            year: row.year(year)?,
            title_type: row.get(title_type).map(str::to_owned),
            rating: value,
            date,
            position: row.number(position, "csv-what-position")?,
            note: row.get(note).map(str::to_owned),
            line: row.line,
        });
    }
    let kind = if rating.is_some() && all_rated && (position.is_none() || !rows.is_empty()) {
        ImdbExportKind::Ratings
    } else {
        ImdbExportKind::List
    };
    Ok((kind, rows))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const CURRENT: &str = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n";
    const OLDER: &str = "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated\n";
    const LIST: &str = "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n";

    #[test]
    fn the_sample_ratings_export_reads() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/imdb-ratings.csv");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (kind, rows) = read("imdb-ratings.csv", bytes.as_slice()).unwrap();
        assert_eq!(kind, ImdbExportKind::Ratings);
        assert_eq!(rows.len(), 10);
        let oldboy = &rows[0];
        assert_eq!(
            (
                oldboy.imdb_id.as_str(),
                oldboy.title.as_str(),
                oldboy.year,
                oldboy.rating,
                oldboy.date,
                oldboy.title_type.as_deref(),
                oldboy.line
            ),
            (
                "tt0364569",
                "Oldboy",
                Some(2003),
                Some(9),
                Some(date!(2026 - 03 - 08)),
                Some("Movie"),
                2
            )
        );
        let titles: Vec<_> = rows.iter().map(|row| row.title.as_str()).collect();
        assert!(titles.contains(&"The Good, the Bad, the Weird"));
        assert!(titles.contains(&"Spring, Summer, Fall, Winter... and Spring"));
        assert!(titles.contains(&"Waiting for \"Superman\""));
        assert!(rows.iter().all(|row| row.position.is_none()));
    }

    #[test]
    fn both_forms_of_the_ratings_export_read_alike() {
        let current = format!(
            "{CURRENT}tt0044741,9,2026-02-14,Ikiru,Ikiru,https://www.imdb.com/title/tt0044741/,Movie,8.3,143,1952,Drama,90000,1952-10-09,Akira Kurosawa\n"
        );
        let older = format!(
            "\u{feff}{OLDER}1,tt0044741,2026-02-14,2026-02-14,,Ikiru,https://www.imdb.com/title/tt0044741/,movie,8.3,143,1952,Drama,90000,1952-10-09,Akira Kurosawa,9,2026-02-14\n"
        );
        let (kind, new_rows) = read("ratings.csv", current.as_bytes()).unwrap();
        assert_eq!(kind, ImdbExportKind::Ratings);
        let (kind, old_rows) = read("ratings.csv", older.as_bytes()).unwrap();
        assert_eq!(kind, ImdbExportKind::Ratings);
        let strip = |row: &ImdbRow| {
            (
                row.imdb_id.clone(),
                row.title.clone(),
                row.year,
                row.rating,
                row.date,
            )
        };
        assert_eq!(strip(&new_rows[0]), strip(&old_rows[0]));
        assert_eq!(
            strip(&new_rows[0]),
            (
                "tt0044741".to_owned(),
                "Ikiru".to_owned(),
                Some(1952),
                Some(9),
                Some(date!(2026 - 02 - 14))
            )
        );
        assert_eq!(old_rows[0].position, Some(1));
        assert_eq!(old_rows[0].original_title, None);
        assert_eq!(new_rows[0].original_title.as_deref(), Some("Ikiru"));
    }

    #[test]
    fn a_list_keeps_its_order_and_notes() {
        let text = format!(
            "{LIST}1,tt0260991,2026-07-19,2026-07-19,\"Before Crossing, the border as a thriller.\",Joint Security Area,Gongdong gyeongbi guyeok JSA,https://www.imdb.com/title/tt0260991/,Movie,7.8,110,2000,\"Drama, Thriller\",40000,2000-09-09,Park Chan-wook\n\
             2,tt0374546,2026-07-20,2026-07-20,,\"Spring, Summer, Fall, Winter... and Spring\",\"Bom yeoreum gaeul gyeoul geurigo bom\",https://www.imdb.com/title/tt0374546/,Movie,8.0,103,2003,Drama,80000,,Kim Ki-duk\n"
        );
        let (kind, rows) = read("watchlist.csv", text.as_bytes()).unwrap();
        assert_eq!(kind, ImdbExportKind::List);
        assert_eq!(rows[0].position, Some(1));
        assert_eq!(
            rows[0].note.as_deref(),
            Some("Before Crossing, the border as a thriller.")
        );
        assert_eq!(rows[0].date, Some(date!(2026 - 07 - 19)));
        assert_eq!(rows[0].rating, None);
        assert_eq!(rows[1].title, "Spring, Summer, Fall, Winter... and Spring");
        assert_eq!(
            rows[1].original_title.as_deref(),
            Some("Bom yeoreum gaeul gyeoul geurigo bom")
        );
        assert_eq!(rows[1].line, 3);

        // An older list with a Your Rating column, not all of it filled.
        let text = format!(
            "{OLDER}1,tt0044741,2026-02-14,2026-02-14,,Ikiru,,movie,,,1952,,,,,9,2026-02-15\n\
             2,tt0047478,2026-02-14,2026-02-14,,Seven Samurai,,movie,,,1954,,,,,,\n"
        );
        let (kind, rows) = read("list.csv", text.as_bytes()).unwrap();
        assert_eq!(kind, ImdbExportKind::List);
        assert_eq!(
            (rows[0].rating, rows[0].date),
            (Some(9), Some(date!(2026 - 02 - 15)))
        );
        assert_eq!(
            (rows[1].rating, rows[1].date),
            (None, Some(date!(2026 - 02 - 14)))
        );
    }

    #[test]
    fn bad_rows_are_refused_naming_file_line_and_column() {
        let row = |id: &str, rating: &str| {
            format!("{id},{rating},2026-02-14,Ikiru,Ikiru,,Movie,,143,1952,Drama,,,\n")
        };
        let cases = [
            (
                format!("{CURRENT}{}{}", row("tt0044741", "9"), row("nm0000041", "9")),
                "ratings.csv line 3, column \"Const\": \"nm0000041\" is not an IMDb title id (tt0000000)",
            ),
            (
                format!("{CURRENT}{}", row("tt44741", "9")),
                "ratings.csv line 2, column \"Const\": \"tt44741\" is not an IMDb title id (tt0000000)",
            ),
            (
                format!("{CURRENT}{}", row("tt0044741", "11")),
                "ratings.csv line 2, column \"Your Rating\": \"11\" is not a rating from 1 to 10",
            ),
            (
                format!("{CURRENT}{}", row("tt0044741", "7.5")),
                "ratings.csv line 2, column \"Your Rating\": \"7.5\" is not a rating from 1 to 10",
            ),
            (
                format!("{CURRENT}{}", row("tt0044741", "0")),
                "ratings.csv line 2, column \"Your Rating\": \"0\" is not a rating from 1 to 10",
            ),
            (
                format!("{CURRENT}{}", row("", "9")),
                "ratings.csv line 2, column \"Const\": the field is empty",
            ),
            (
                "Your Rating,Title\n9,Ikiru\n".to_owned(),
                "ratings.csv: the column \"Const\" is missing: the header row is Your Rating, Title",
            ),
            (
                "Position,Const,Created,Modified,Description,Name,Known For,Birth Date\n1,nm0000041,2026-01-01,2026-01-01,,Akira Kurosawa,Ran,1910-03-23\n".to_owned(),
                "ratings.csv: this IMDb list holds people, not titles",
            ),
            (
                format!("{CURRENT}tt0044741,9,14/02/2026,Ikiru,,,,,,1952,,,,\n"),
                "ratings.csv line 2, column \"Date Rated\": \"14/02/2026\" is not a date written YYYY-MM-DD",
            ),
            (
                format!("{CURRENT}tt0044741,9,2026-02-14,Ikiru,,,,,,nineteen,,,,\n"),
                "ratings.csv line 2, column \"Year\": \"nineteen\" is not a year",
            ),
        ];
        for (text, expected) in cases {
            let error = read("ratings.csv", text.as_bytes()).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }
}
