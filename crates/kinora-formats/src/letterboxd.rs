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

use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Seek, Write};

use time::Date;

pub use self::table::{Budget, FIELD_BYTES, ROW_BYTES, UPLOAD_BYTES, UPLOAD_ROWS};
use self::table::{Col, Row, Table};

/// What went wrong and where: the file, the line and the column when known.
///
/// Shown as `reviews.csv line 14, column "Rating": "6" is not a rating from
/// 0.5 to 5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file as the user knows it: `diary.csv`, `lists/classics.csv`.
    pub file: Option<String>,
    pub line: Option<u64>,
    /// The column, by the name in the file's header row.
    pub column: Option<String>,
    pub message: String,
}

impl Error {
    /// An error about a whole file.
    pub(crate) fn in_file(file: &str, message: impl Into<String>) -> Error {
        Error {
            file: Some(file.to_owned()),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error about one line of a file.
    pub(crate) fn at_line(file: &str, line: u64, message: impl Into<String>) -> Error {
        Error {
            line: Some(line),
            ..Error::in_file(file, message)
        }
    }

    /// An error about nothing narrower than the whole upload.
    pub(crate) fn whole(message: impl Into<String>) -> Error {
        Error {
            file: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = self.file.clone().unwrap_or_default();
        if let Some(line) = self.line {
            if !place.is_empty() {
                place.push(' ');
            }
            place.push_str(&format!("line {line}"));
        }
        if let Some(column) = &self.column {
            if !place.is_empty() {
                place.push_str(", ");
            }
            place.push_str(&format!("column \"{column}\""));
        }
        if place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{place}: {}", self.message)
        }
    }
}

impl std::error::Error for Error {}

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

/// Where a row was read: for messages and for a queue of rows to review.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: String,
    pub line: u64,
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

/// The files at the top of an export; finding one of them finds its folder.
const TOP_FILES: [&str; 7] = [
    "diary.csv",
    "ratings.csv",
    "watched.csv",
    "reviews.csv",
    "watchlist.csv",
    "profile.csv",
    "comments.csv",
];

/// Reads a Letterboxd export ZIP.
pub fn read_export<R: Read + Seek>(zip: R) -> Result<Export, Error> {
    let mut archive = zip::ZipArchive::new(zip).map_err(|error| {
        Error::whole(format!("this is not a ZIP file that can be read: {error}"))
    })?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| !name.ends_with('/'))
        .map(|name| name.into_owned())
        .collect();
    let Some(root) = export_folder(&names) else {
        return Err(Error::whole(format!(
            "this ZIP holds no Letterboxd export: {}",
            found_names(&names)
        )));
    };

    let mut export = Export::default();
    let mut lists = Vec::new();
    let mut reviews = Vec::new();
    // One budget for every file: a ZIP's files together may expand to no
    // more than an upload may hold.
    let budget = Budget::upload();
    for name in &names {
        let Some(relative) = name.strip_prefix(root.as_str()) else {
            continue;
        };
        let kind = match relative {
            "diary.csv" => Kind::Diary,
            "reviews.csv" => Kind::Reviews,
            "ratings.csv" => Kind::Ratings,
            "watched.csv" => Kind::Watched,
            "watchlist.csv" => Kind::Watchlist,
            "likes/films.csv" => Kind::Likes,
            other => match other.strip_prefix("lists/") {
                Some(slug) if slug.ends_with(".csv") && !slug.contains('/') => Kind::List,
                _ => continue,
            },
        };
        let file = archive
            .by_name(name)
            .map_err(|error| Error::in_file(relative, format!("cannot be read: {error}")))?;
        if file.size() > UPLOAD_BYTES {
            return Err(Error::in_file(
                relative,
                format!(
                    "holds {} MB, more than the {} MB Kinora takes from one upload",
                    file.size() >> 20,
                    UPLOAD_BYTES >> 20
                ),
            ));
        }
        let reader = file;
        match kind {
            Kind::List => lists.push(read_list(relative, reader, &budget)?),
            Kind::Reviews => reviews = read_entries(relative, reader, kind, &budget)?,
            _ => {
                let mut table = Table::open_within(relative, reader, b',', &budget)?;
                read_into(&mut table, kind, &mut export)?;
            }
        }
    }
    lists.sort_by(|a, b| a.file.cmp(&b.file));
    export.lists = lists;
    merge_reviews(&mut export.diary, &reviews);
    export.reviews = reviews;
    Ok(export)
}

/// The folder (with its trailing `/`, or empty) that holds the export's
/// files: the shallowest one holding a file only an export has.
fn export_folder(names: &[String]) -> Option<String> {
    let folder_of = |name: &str| -> Option<String> {
        let (folder, file) = match name.rfind('/') {
            Some(slash) => (&name[..=slash], &name[slash + 1..]),
            None => ("", name),
        };
        if TOP_FILES.contains(&file) {
            return Some(folder.to_owned());
        }
        // An export of lists or likes alone.
        for sub in ["lists/", "likes/"] {
            if folder.ends_with(sub) && file.ends_with(".csv") {
                return Some(folder[..folder.len() - sub.len()].to_owned());
            }
        }
        None
    };
    // The main three first: `deleted/` and `orphaned/` hold files with the
    // same names one level down.
    let depth = |folder: &String| folder.matches('/').count();
    let main = names
        .iter()
        .filter(|name| {
            ["diary.csv", "ratings.csv", "watched.csv"]
                .iter()
                .any(|top| name.as_str() == *top || name.ends_with(&format!("/{top}")))
        })
        .filter_map(|name| folder_of(name))
        .min_by_key(depth);
    main.or_else(|| {
        names
            .iter()
            .filter_map(|name| folder_of(name))
            .min_by_key(depth)
    })
}

/// "found a.txt, b.csv": what a ZIP holds, shortened.
fn found_names(names: &[String]) -> String {
    const SHOWN: usize = 10;
    if names.is_empty() {
        return "it is empty".to_owned();
    }
    let mut text = format!(
        "found {}",
        names
            .iter()
            .take(SHOWN)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// Reads one file a user uploads on its own: a file of an export
/// (`diary.csv`, `ratings.csv`, a list…) or a file in Letterboxd's import
/// layout. The columns decide; the file name decides between files with the
/// same columns (`watched.csv` and `watchlist.csv`). Rows of the import
/// layout are read as diary entries, without a day logged.
pub fn read_csv(name: &str, reader: impl Read) -> Result<Export, Error> {
    let mut table = Table::open_within(name, reader, b',', &Budget::upload())?;
    if table.header_names().starts_with(LIST_FIRST_LINE) {
        return Ok(Export {
            lists: vec![list_from(&mut table)?],
            ..Export::default()
        });
    }
    let has = |column: &str| table.column(&[column]).is_some();
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_lowercase();
    let kind = if has("Title") || has("imdbID") || has("tmdbID") || has("LetterboxdURI") {
        Kind::Import
    } else if has("Name") {
        if base.starts_with("diary") {
            Kind::Diary
        } else if base.starts_with("reviews") {
            Kind::Reviews
        } else if base.starts_with("ratings") {
            Kind::Ratings
        } else if base.starts_with("watchlist") {
            Kind::Watchlist
        } else if base.starts_with("watched") {
            Kind::Watched
        } else if has("Review") {
            Kind::Reviews
        } else if has("Watched Date") {
            Kind::Diary
        } else if has("Rating") {
            Kind::Ratings
        } else if base.contains("watchlist") {
            Kind::Watchlist
        } else if base.starts_with("films") || base.starts_with("likes") {
            Kind::Likes
        } else {
            Kind::Watched
        }
    } else {
        return Err(Error::in_file(
            name,
            format!(
                "this is not a Letterboxd file: its columns are {}",
                table.header_names()
            ),
        ));
    };

    let mut export = Export::default();
    if kind == Kind::Reviews {
        let reviews = entries(&mut table, kind)?;
        export.diary = reviews.clone();
        export.reviews = reviews;
    } else {
        read_into(&mut table, kind, &mut export)?;
    }
    Ok(export)
}

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

fn read_into<R: Read>(table: &mut Table<R>, kind: Kind, export: &mut Export) -> Result<(), Error> {
    match kind {
        Kind::Diary | Kind::Reviews | Kind::Import => export.diary.extend(entries(table, kind)?),
        Kind::Ratings => export.ratings.extend(ratings(table)?),
        Kind::Watched => export.watched.extend(listed(table)?),
        Kind::Watchlist => export.watchlist.extend(listed(table)?),
        Kind::Likes => export.likes.extend(listed(table)?),
        Kind::List => unreachable!("lists are read by read_list"),
    }
    Ok(())
}

fn read_entries(
    file: &str,
    reader: impl Read,
    kind: Kind,
    budget: &std::rc::Rc<Budget>,
) -> Result<Vec<DiaryEntry>, Error> {
    let mut table = Table::open_within(file, reader, b',', budget)?;
    entries(&mut table, kind)
}

/// The columns naming a film in an export file.
struct FilmColumns {
    name: Col,
    year: Col,
    uri: Option<Col>,
}

impl FilmColumns {
    fn find<R: Read>(table: &Table<R>, uri: &'static str) -> Result<FilmColumns, Error> {
        Ok(FilmColumns {
            name: table.require(&["Name"])?,
            year: table.require(&["Year"])?,
            uri: table.column(&[uri]),
        })
    }

    fn read(&self, row: &Row<'_>) -> Result<FilmKey, Error> {
        Ok(FilmKey {
            title: row.required(self.name)?.to_owned(),
            year: row.year(Some(self.year))?,
            letterboxd_uri: row.get(self.uri).map(str::to_owned),
            imdb_id: None,
            tmdb_id: None,
        })
    }
}

/// Diary entries from `diary.csv`, `reviews.csv` or the import layout.
fn entries<R: Read>(table: &mut Table<R>, kind: Kind) -> Result<Vec<DiaryEntry>, Error> {
    if kind == Kind::Import {
        return import_entries(table);
    }
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

fn ratings<R: Read>(table: &mut Table<R>) -> Result<Vec<Rating>, Error> {
    let film = FilmColumns::find(table, "Letterboxd URI")?;
    let date = table.column(&["Date"]);
    let rating = table.require(&["Rating"])?;
    let mut out = Vec::new();
    while let Some(row) = table.next_row()? {
        let value =
            stars(&row, Some(rating))?.ok_or_else(|| row.error(rating, "the rating is missing"))?;
        out.push(Rating {
            film: film.read(&row)?,
            date: row.date(date)?,
            rating: value,
            line: row.origin(),
        });
    }
    Ok(out)
}

fn listed<R: Read>(table: &mut Table<R>) -> Result<Vec<Listed>, Error> {
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
fn merge_reviews(diary: &mut Vec<DiaryEntry>, reviews: &[DiaryEntry]) {
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

const LIST_FIRST_LINE: &str = "Letterboxd list export";

/// Reads a list file: a first line naming the layout, the list's own
/// header and row, an empty line, then a header and one row per film.
fn read_list(file: &str, reader: impl Read, budget: &std::rc::Rc<Budget>) -> Result<List, Error> {
    let mut table = Table::open_within(file, reader, b',', budget)?;
    list_from(&mut table)
}

fn list_from<R: Read>(table: &mut Table<R>) -> Result<List, Error> {
    let file = table.file().to_owned();
    let file = file.as_str();
    let first = table.header_names();
    if !first.starts_with(LIST_FIRST_LINE) {
        return Err(Error::at_line(
            file,
            1,
            format!(
                "this is not a Letterboxd list: its first line should be \
                 \"{LIST_FIRST_LINE} v7\", but is \"{first}\""
            ),
        ));
    }
    if !table.next_header()? {
        return Err(Error::in_file(file, "the list ends before its header"));
    }
    let name = table.require(&["Name"])?;
    let date = table.column(&["Date"]);
    let tags = table.column(&["Tags"]);
    let url = table.column(&["URL"]);
    let description = table.column(&["Description"]);
    let Some(row) = table.next_row()? else {
        return Err(Error::in_file(file, "the list's own row is missing"));
    };
    let mut list = List {
        name: row.required(name)?.to_owned(),
        description: row.get(description).map(str::to_owned),
        tags: split_tags(row.get(tags)),
        url: row.get(url).map(str::to_owned),
        created: row.date(date)?,
        items: Vec::new(),
        file: file.to_owned(),
    };
    if !table.next_header()? {
        return Ok(list);
    }
    let film = FilmColumns::find(table, "URL")?;
    let position = table.require(&["Position"])?;
    let note = table.column(&["Description"]);
    while let Some(row) = table.next_row()? {
        let place = match row.number::<u32>(Some(position), "a position")? {
            Some(place) => place,
            None => u32::try_from(list.items.len() + 1).unwrap_or(u32::MAX),
        };
        list.items.push(ListItem {
            position: place,
            film: film.read(&row)?,
            note: row.get(note).map(str::to_owned),
            line: row.origin(),
        });
    }
    Ok(list)
}

/// A Letterboxd rating, 0.5 to 5 in half stars, as 1 to 10.
fn stars(row: &Row<'_>, col: Option<Col>) -> Result<Option<u8>, Error> {
    let Some(text) = row.get(col) else {
        return Ok(None);
    };
    half_stars(text)
        .map(Some)
        .ok_or_else(|| row.error_about(col, text, "is not a rating from 0.5 to 5"))
}

fn half_stars(text: &str) -> Option<u8> {
    let value: f64 = text.parse().ok()?;
    let doubled = value * 2.0;
    (doubled.fract() == 0.0 && (1.0..=10.0).contains(&doubled)).then_some(doubled as u8)
}

/// `Yes`, `true` or empty, as Letterboxd writes a rewatch.
fn yes_no(row: &Row<'_>, col: Option<Col>) -> Result<bool, Error> {
    match row.get(col) {
        None => Ok(false),
        Some(text) if text.eq_ignore_ascii_case("yes") || text.eq_ignore_ascii_case("true") => {
            Ok(true)
        }
        Some(text) if text.eq_ignore_ascii_case("no") || text.eq_ignore_ascii_case("false") => {
            Ok(false)
        }
        Some(text) => Err(row.error_about(col, text, "is not Yes, true or false")),
    }
}

/// Tags as Letterboxd writes them: comma-separated in one field.
fn split_tags(text: Option<&str>) -> Vec<String> {
    text.map(|text| {
        text.split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// `tt` and at least seven digits.
pub(crate) fn is_imdb_id(text: &str) -> bool {
    text.strip_prefix("tt")
        .is_some_and(|digits| digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit()))
}

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
            row.watched.map(format_date).unwrap_or_default(),
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

fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Rows of the import layout, as diary entries.
fn import_entries<R: Read>(table: &mut Table<R>) -> Result<Vec<DiaryEntry>, Error> {
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
                return Err(row.error_about(imdb, id, "is not an IMDb id (tt0000000)"));
            }
            other => other.map(str::to_owned),
        };
        let film = FilmKey {
            title: row.get(title).unwrap_or_default().to_owned(),
            year: row.year(year)?,
            letterboxd_uri: row.get(uri).map(str::to_owned),
            imdb_id,
            tmdb_id: row.number(tmdb, "a TMDB id")?,
        };
        if film.title.is_empty()
            && film.imdb_id.is_none()
            && film.tmdb_id.is_none()
            && film.letterboxd_uri.is_none()
        {
            return Err(row.line_error(
                "the row names no film: it needs a Title, an imdbID, a tmdbID or a LetterboxdURI",
            ));
        }
        let value = match row.get(rating10) {
            Some(text) => Some(
                text.parse::<u8>()
                    .ok()
                    .filter(|value| (1..=10).contains(value))
                    .ok_or_else(|| {
                        row.error_about(rating10, text, "is not a rating from 1 to 10")
                    })?,
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

pub(crate) mod table;

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use time::macros::date;

    use super::*;

    fn fixture_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/letterboxd")
    }

    /// The fixture's files, by their name in an export.
    fn fixture_files() -> Vec<(String, Vec<u8>)> {
        let dir = fixture_dir();
        let mut files = Vec::new();
        for name in [
            "diary.csv",
            "reviews.csv",
            "ratings.csv",
            "watched.csv",
            "watchlist.csv",
            "likes/films.csv",
            "lists/films-on-north-korean-refugees.csv",
            "lists/classics-i-keep-coming-back-to.csv",
        ] {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            files.push((name.to_owned(), bytes));
        }
        files
    }

    fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in files {
            writer
                .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn file(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_owned(), text.as_bytes().to_vec())
    }

    fn key(title: &str, year: i32) -> (String, Option<i32>) {
        (title.to_owned(), Some(year))
    }

    #[test]
    fn the_sample_export_reads_from_a_zip_with_a_top_folder() {
        let folder = "letterboxd-kinora_sample-2026-11-22-08-00-utc/";
        let mut files: Vec<(String, Vec<u8>)> = fixture_files()
            .into_iter()
            .map(|(name, bytes)| (format!("{folder}{name}"), bytes))
            .collect();
        // Files an export also holds, which are not read: deleted entries
        // keep the same file names one folder down.
        files.push(file(
            &format!("{folder}deleted/diary.csv"),
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
             2025-01-01,Deleted,2000,https://boxd.it/x,9,,,\n",
        ));
        files.push(file(
            &format!("{folder}comments.csv"),
            "Date,Content,Comment\n",
        ));
        let export = read_export(Cursor::new(zip_of(&files))).unwrap();

        assert_eq!(export.diary.len(), 12, "11 viewings and a review alone");
        assert_eq!(export.reviews.len(), 3);
        assert_eq!(export.ratings.len(), 12);
        assert_eq!(export.watched.len(), 18);
        assert_eq!(export.watchlist.len(), 6);
        assert_eq!(export.likes.len(), 3);

        let crossing = export
            .diary
            .iter()
            .find(|entry| entry.film.title == "Crossing")
            .unwrap();
        assert_eq!(crossing.film.year, Some(2008));
        assert_eq!(crossing.rating, Some(10));
        assert_eq!(crossing.watched, Some(date!(2026 - 06 - 25)));
        assert_eq!(crossing.tags, ["north korea", "refugees"]);
        let review = crossing.review.as_deref().unwrap();
        assert!(
            review.contains("||Joon-i dies in the Mongolian desert"),
            "{review}"
        );
        assert!(review.contains("\n\n"), "the review keeps its paragraphs");
        assert_eq!(
            crossing.line,
            Origin {
                file: "diary.csv".to_owned(),
                line: 7
            }
        );

        let oldboy: Vec<_> = export
            .diary
            .iter()
            .filter(|entry| entry.film.title == "Oldboy")
            .map(|entry| (entry.watched, entry.rating, entry.rewatch))
            .collect();
        assert_eq!(
            oldboy,
            [
                (Some(date!(2026 - 03 - 07)), Some(9), true),
                (Some(date!(2026 - 10 - 31)), Some(10), true)
            ]
        );

        let quoted = export
            .diary
            .iter()
            .find(|entry| entry.film.title.starts_with("Waiting"))
            .unwrap();
        assert_eq!(quoted.film.title, "Waiting for \"Superman\"");
        assert_eq!(quoted.rating, None);
        assert!(
            export
                .diary
                .iter()
                .any(|entry| entry.film.title == "The Good, the Bad, the Weird")
        );

        let tokyo = export.diary.last().unwrap();
        assert_eq!(
            (
                tokyo.film.title.as_str(),
                tokyo.watched,
                tokyo.review.is_some()
            ),
            ("Tokyo Story", None, true)
        );
        assert_eq!(tokyo.line.file, "reviews.csv");

        let rated: Vec<_> = export
            .ratings
            .iter()
            .map(|rating| (rating.film.title.as_str(), rating.rating))
            .take(3)
            .collect();
        assert_eq!(
            rated,
            [("Seven Samurai", 10), ("Ikiru", 9), ("Rashomon", 8)]
        );
        assert!(export.watched.iter().any(
            |listed| (listed.film.title.clone(), listed.film.year) == key("Le Samouraï", 1967)
        ));

        let names: Vec<_> = export.lists.iter().map(|list| list.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Classics I keep coming back to",
                "Films on North Korean refugees"
            ]
        );
        let refugees = &export.lists[1];
        assert_eq!(refugees.file, "lists/films-on-north-korean-refugees.csv");
        assert_eq!(refugees.created, Some(date!(2026 - 06 - 26)));
        assert_eq!(refugees.tags, ["north korea", "refugees", "documentary"]);
        assert!(
            refugees
                .description
                .as_deref()
                .unwrap()
                .starts_with("Fiction and documentary")
        );
        let items: Vec<_> = refugees
            .items
            .iter()
            .map(|item| (item.position, item.film.title.as_str(), item.film.year))
            .collect();
        assert_eq!(
            items,
            [
                (1, "Crossing", Some(2008)),
                (2, "Kimjongilia", Some(2009)),
                (3, "Camp 14: Total Control Zone", Some(2012)),
                (4, "The Defector: Escape from North Korea", Some(2012)),
                (5, "Beyond Utopia", Some(2023)),
            ]
        );
        assert!(
            refugees.items[0]
                .note
                .as_deref()
                .unwrap()
                .starts_with("Start here")
        );
        assert_eq!(
            refugees.items[0].film.letterboxd_uri.as_deref(),
            Some("https://letterboxd.com/film/crossing-2008/")
        );
        assert_eq!(refugees.items[0].line.line, 6);
        let classics = &export.lists[0];
        assert_eq!(classics.description, None);
        assert_eq!(classics.items.len(), 6);
        assert_eq!(classics.items[0].note, None);
        assert_eq!(classics.items[5].film.title, "Le Samouraï");
    }

    #[test]
    fn an_export_at_the_top_of_the_zip_reads_too() {
        let export = read_export(Cursor::new(zip_of(&fixture_files()))).unwrap();
        assert_eq!(export.diary.len(), 12);
        assert_eq!(export.lists.len(), 2);
        let only_lists = vec![fixture_files().remove(6)];
        let export = read_export(Cursor::new(zip_of(&only_lists))).unwrap();
        assert_eq!(export.lists.len(), 1);
    }

    #[test]
    fn a_zip_without_an_export_says_what_it_holds() {
        let zip = zip_of(&[file("a.txt", "hello"), file("b.csv", "x,y\n")]);
        let error = read_export(Cursor::new(zip)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "this ZIP holds no Letterboxd export: found a.txt, b.csv"
        );
        let error = read_export(Cursor::new(b"Date,Name\n".to_vec())).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("this is not a ZIP file that can be read"),
            "{error}"
        );
    }

    #[test]
    fn bad_values_are_refused_naming_file_line_and_column() {
        const DIARY: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n";
        const REVIEWS: &str =
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n";
        let many_good_reviews: String = (0..12)
            .map(|_| "2026-01-01,Ikiru,1952,https://boxd.it/a,4,,Good.,,2026-01-01\n")
            .collect();
        let cases: Vec<(&str, String, &str)> = vec![
            (
                "reviews.csv",
                format!(
                    "{REVIEWS}{many_good_reviews}2026-01-02,Oldboy,2003,https://boxd.it/b,6,,Too much.,,2026-01-02\n"
                ),
                "reviews.csv line 14, column \"Rating\": \"6\" is not a rating from 0.5 to 5",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,Ikiru,1952,,4.25,,,2026-01-01\n"),
                "diary.csv line 2, column \"Rating\": \"4.25\" is not a rating from 0.5 to 5",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,Ikiru,1952,,0,,,2026-01-01\n"),
                "diary.csv line 2, column \"Rating\": \"0\" is not a rating from 0.5 to 5",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,Ikiru,1952,,4,,,2026-02-30\n"),
                "diary.csv line 2, column \"Watched Date\": \"2026-02-30\" is not a date written YYYY-MM-DD",
            ),
            (
                "diary.csv",
                format!("{DIARY}22/11/2026,Ikiru,1952,,4,,,2026-02-03\n"),
                "diary.csv line 2, column \"Date\": \"22/11/2026\" is not a date written YYYY-MM-DD",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,Ikiru,19522,,4,,,2026-02-03\n"),
                "diary.csv line 2, column \"Year\": \"19522\" is not a year",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,Ikiru,1952,,4,Twice,,2026-02-03\n"),
                "diary.csv line 2, column \"Rewatch\": \"Twice\" is not Yes, true or false",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,,1952,,4,,,2026-02-03\n"),
                "diary.csv line 2, column \"Name\": the field is empty",
            ),
            (
                "diary.csv",
                "Date,Name,Year,Letterboxd URI,Rating\n".to_owned(),
                "diary.csv: the column \"Watched Date\" is missing: the header row is Date, Name, Year, Letterboxd URI, Rating",
            ),
            (
                "ratings.csv",
                "Date,Name,Year,Letterboxd URI,Rating\n2026-01-01,Ikiru,1952,,\n".to_owned(),
                "ratings.csv line 2, column \"Rating\": the rating is missing",
            ),
            (
                "diary.csv",
                format!("{DIARY}2026-01-01,\"Ikiru,1952\n"),
                "diary.csv line 2: the line is not UTF-8 text",
            ),
        ];
        for (name, text, expected) in cases {
            let mut bytes = text.into_bytes();
            if expected.contains("UTF-8") {
                bytes.extend_from_slice(b"\xff\"\n");
            }
            let zip = zip_of(&[(name.to_owned(), bytes.clone())]);
            let error = read_export(Cursor::new(zip)).unwrap_err();
            assert_eq!(error.to_string(), expected);
            // A single file uploaded on its own fails the same way.
            let error = read_csv(name, bytes.as_slice()).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_after_a_byte_order_mark() {
        let text = "\u{feff}Watched Date,Rating,Name,Extra,Year,Tags,Rewatch\n\
                    2026-06-25,5,Crossing,whatever,2008,north korea,Yes\n";
        let export = read_csv("diary.csv", text.as_bytes()).unwrap();
        let entry = &export.diary[0];
        assert_eq!(
            (
                entry.film.title.as_str(),
                entry.film.year,
                entry.rating,
                entry.rewatch,
                entry.watched,
                entry.logged,
                entry.film.letterboxd_uri.clone()
            ),
            (
                "Crossing",
                Some(2008),
                Some(10),
                true,
                Some(date!(2026 - 06 - 25)),
                None,
                None
            )
        );
    }

    #[test]
    fn a_single_file_is_read_by_its_columns_and_name() {
        let dir = fixture_dir();
        let read = |name: &str, as_name: &str| {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            read_csv(as_name, bytes.as_slice()).unwrap()
        };
        assert_eq!(read("ratings.csv", "ratings.csv").ratings.len(), 12);
        assert_eq!(read("diary.csv", "diary.csv").diary.len(), 11);
        let reviews = read("reviews.csv", "reviews.csv");
        assert_eq!((reviews.diary.len(), reviews.reviews.len()), (3, 3));
        assert_eq!(read("watchlist.csv", "watchlist.csv").watchlist.len(), 6);
        assert_eq!(read("watched.csv", "watched.csv").watched.len(), 18);
        // Names a browser gives a second download.
        assert_eq!(
            read("watchlist.csv", "watchlist (1).csv").watchlist.len(),
            6
        );
        assert_eq!(read("diary.csv", "export.csv").diary.len(), 11);
        assert_eq!(
            read("ratings.csv", "C:\\Users\\me\\ratings.csv")
                .ratings
                .len(),
            12
        );
        let list = read(
            "lists/films-on-north-korean-refugees.csv",
            "films-on-north-korean-refugees.csv",
        );
        assert_eq!(list.lists[0].items.len(), 5);

        let error = read_csv("films.csv", "Film,Score\nIkiru,9\n".as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "films.csv: this is not a Letterboxd file: its columns are Film, Score"
        );
        let error = read_csv("empty.csv", "".as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), "empty.csv: the file is empty");
    }

    #[test]
    fn a_list_file_is_checked() {
        let cases = [
            (
                "Position,Name,Year,URL,Description\n1,Ikiru,1952,,\n",
                "lists/x.csv line 1: this is not a Letterboxd list: its first line should be \"Letterboxd list export v7\", but is \"Position, Name, Year, URL, Description\"",
            ),
            (
                "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n",
                "lists/x.csv: the list's own row is missing",
            ),
            (
                "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2026-01-01,Mine,,,\n\nPosition,Name,Year,URL,Description\nfirst,Ikiru,1952,,\n",
                "lists/x.csv line 6, column \"Position\": \"first\" is not a position",
            ),
        ];
        for (text, expected) in cases {
            let zip = zip_of(&[file("lists/x.csv", text)]);
            let error = read_export(Cursor::new(zip)).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
        // A list with no films yet.
        let text =
            "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2026-01-01,Mine,,,\n";
        let export = read_csv("mine.csv", text.as_bytes()).unwrap();
        assert_eq!(export.lists[0].name, "Mine");
        assert!(export.lists[0].items.is_empty());
    }

    fn sample_rows() -> Vec<ImportRow> {
        vec![
            ImportRow {
                film: FilmKey {
                    title: "Crossing".to_owned(),
                    year: Some(2008),
                    letterboxd_uri: Some("https://letterboxd.com/film/crossing-2008/".to_owned()),
                    imdb_id: None,
                    tmdb_id: None,
                },
                rating: Some(10),
                watched: Some(date!(2026 - 06 - 25)),
                rewatch: false,
                tags: vec!["north korea".to_owned(), "refugees".to_owned()],
                review: Some("A father, a son, a border.\n\n||He does not make it.||".to_owned()),
            },
            ImportRow {
                film: FilmKey {
                    title: "The Good, the Bad, the Weird".to_owned(),
                    year: Some(2008),
                    letterboxd_uri: None,
                    imdb_id: Some("tt0901487".to_owned()),
                    tmdb_id: None,
                },
                rating: Some(5),
                watched: None,
                rewatch: true,
                tags: Vec::new(),
                review: None,
            },
            ImportRow {
                film: FilmKey {
                    title: "Waiting for \"Superman\"".to_owned(),
                    year: Some(2010),
                    letterboxd_uri: None,
                    imdb_id: Some("tt1566648".to_owned()),
                    tmdb_id: Some(39_440),
                },
                rating: None,
                watched: Some(date!(2026 - 09 - 13)),
                rewatch: false,
                tags: vec!["documentary".to_owned()],
                review: None,
            },
        ]
    }

    #[test]
    fn the_import_file_written_is_read_back() {
        let rows = sample_rows();
        let mut out = Vec::new();
        write_import(&rows, &mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.starts_with(
            "LetterboxdURI,tmdbID,imdbID,Title,Year,Rating10,WatchedDate,Rewatch,Tags,Review\n"
        ));
        assert!(
            text.contains(",tt0901487,\"The Good, the Bad, the Weird\",2008,5,,true,,\n"),
            "{text}"
        );
        assert!(text.contains("\"Waiting for \"\"Superman\"\"\""), "{text}");

        let export = read_csv("kinora-letterboxd.csv", out.as_slice()).unwrap();
        let back: Vec<ImportRow> = export
            .diary
            .iter()
            .map(|entry| {
                assert_eq!(entry.logged, None);
                ImportRow {
                    film: entry.film.clone(),
                    rating: entry.rating,
                    watched: entry.watched,
                    rewatch: entry.rewatch,
                    tags: entry.tags.clone(),
                    review: entry.review.clone(),
                }
            })
            .collect();
        assert_eq!(back, rows);
        assert_eq!(
            export.diary[1].line.line, 5,
            "the review of row 1 spans lines"
        );
    }

    #[test]
    fn the_import_layout_is_read_with_its_other_columns() {
        let text = "Title,Year,Directors,Rating,WatchedDate,Rewatch,imdbID\n\
                    Ikiru,1952,Akira Kurosawa,4.5,2026-02-14,false,tt0044741\n\
                    ,,,,,,tt0364569\n\
                    Oldboy,2003,,4.5,,yes,tt364569\n";
        let error = read_csv("import.csv", text.as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "import.csv line 4, column \"imdbID\": \"tt364569\" is not an IMDb id (tt0000000)"
        );
        let export = read_csv(
            "import.csv",
            &text.as_bytes()[..text.rfind("Oldboy").unwrap()],
        )
        .unwrap();
        assert_eq!(export.diary[0].rating, Some(9));
        assert_eq!(export.diary[1].film.imdb_id.as_deref(), Some("tt0364569"));
        assert_eq!(export.diary[1].film.title, "");

        let cases = [
            (
                "Title,Rating10\nIkiru,11\n",
                "i.csv line 2, column \"Rating10\": \"11\" is not a rating from 1 to 10",
            ),
            (
                "Title,Year\n,1952\n",
                "i.csv line 2: the row names no film: it needs a Title, an imdbID, a tmdbID or a LetterboxdURI",
            ),
            (
                "Title,tmdbID\nIkiru,abc\n",
                "i.csv line 2, column \"tmdbID\": \"abc\" is not a TMDB id",
            ),
        ];
        for (text, expected) in cases {
            let error = read_csv("i.csv", text.as_bytes()).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn rows_letterboxd_would_misread_are_not_written() {
        let base = sample_rows().remove(0);
        let cases = [
            (
                ImportRow {
                    rating: Some(11),
                    ..base.clone()
                },
                "line 2, column \"Rating10\": 11 is not a rating from 1 to 10",
            ),
            (
                ImportRow {
                    tags: vec!["seoul, 2008".to_owned()],
                    ..base.clone()
                },
                "line 2, column \"Tags\": the tag \"seoul, 2008\" holds a comma, which would split it in two",
            ),
            (
                ImportRow {
                    film: FilmKey {
                        imdb_id: Some("1171305".to_owned()),
                        ..base.film.clone()
                    },
                    ..base.clone()
                },
                "line 2, column \"imdbID\": \"1171305\" is not an IMDb id",
            ),
            (
                ImportRow {
                    film: FilmKey::default(),
                    ..base.clone()
                },
                "line 2, column \"Title\": a row needs a title, an IMDb id, a TMDB id or a Letterboxd URI",
            ),
        ];
        for (row, expected) in cases {
            let error = write_import(&[row], Vec::new()).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn ratings_double_in_half_stars() {
        let cases = [
            ("0.5", Some(1)),
            ("1", Some(2)),
            ("2.5", Some(5)),
            ("4.5", Some(9)),
            ("5", Some(10)),
            ("5.0", Some(10)),
            ("0", None),
            ("5.5", None),
            ("4.25", None),
            ("NaN", None),
            ("-1", None),
            ("four", None),
        ];
        for (text, expected) in cases {
            assert_eq!(half_stars(text), expected, "{text}");
        }
    }

    #[test]
    fn written_cells_never_start_a_formula() {
        let row = |title: &str, review: &str| ImportRow {
            film: FilmKey {
                title: title.to_owned(),
                year: Some(2008),
                letterboxd_uri: None,
                imdb_id: None,
                tmdb_id: None,
            },
            rating: None,
            watched: None,
            rewatch: false,
            tags: vec!["@everyone".to_owned()],
            review: Some(review.to_owned()),
        };
        let mut out = Vec::new();
        write_import(
            &[
                row(
                    "=HYPERLINK(\"http://evil.example\",\"Crossing\")",
                    "+1 from me",
                ),
                row("Crossing", "-\tfine"),
            ],
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a formula cell: {cell:?} in\n{text}"
                );
            }
        }
        assert!(text.contains("'=HYPERLINK"), "{text}");
    }
}
