//! MovieLens films, with their genres and their ids on IMDb and TMDB, in
//! each of the three layouts: the current releases' `movies.csv` and
//! `links.csv`, the 100k release's `u.item` and RecBole's item files.

use std::io::Read;

use super::{Link, Movie, Title};
use crate::csv_table::{Col, Error, Table};

/// Reads `movies.csv` of the current releases.
pub fn read_movies_csv(name: &str, reader: impl Read) -> Result<Vec<Movie>, Error> {
    let mut table = Table::open(name, reader, b',')?;
    let id = table.require(&["movieId"])?;
    let title = table.require(&["title"])?;
    let genres = table.column(&["genres"]);
    let mut movies = Vec::new();
    while let Some(row) = table.next_row()? {
        let parsed = Title::parse(row.required(title)?);
        movies.push(Movie {
            id: row.required(id)?.to_owned(),
            title: parsed.title,
            alternate_title: parsed.alternate,
            year: parsed.year,
            imdb_id: None,
            tmdb_id: None,
            genres: split_genres(row.get(genres), '|'),
        });
    }
    Ok(movies)
}

/// Reads `links.csv` of the current releases.
pub fn read_links_csv(name: &str, reader: impl Read) -> Result<Vec<Link>, Error> {
    let mut table = Table::open(name, reader, b',')?;
    let id = table.require(&["movieId"])?;
    let imdb = table.require(&["imdbId"])?;
    let tmdb = table.column(&["tmdbId"]);
    let mut links = Vec::new();
    while let Some(row) = table.next_row()? {
        let imdb_id = row
            .number::<u64>(Some(imdb), "an IMDb id (digits without tt)")?
            .map(|digits| format!("tt{digits:07}"));
        links.push(Link {
            movie: row.required(id)?.to_owned(),
            imdb_id,
            tmdb_id: row.number(tmdb, "a TMDB id")?,
        });
    }
    Ok(links)
}

/// The 100k release's genres, in the order of `u.item`'s flags.
const U_GENRES: [&str; 19] = [
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western",
];

/// Reads the 100k release's `u.item`. GroupLens wrote it in Latin-1; a
/// file converted to UTF-8 reads as well.
pub fn read_u_item(name: &str, mut reader: impl Read) -> Result<Vec<Movie>, Error> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|error| Error::in_file(name, format!("cannot be read: {error}")))?;
    // Read whole and split by hand, not with the csv crate: only the whole
    // file tells UTF-8 from Latin-1, and the mark goes before deciding.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&byte| char::from(byte)).collect(),
    };
    let mut movies = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('|').collect();
        let error = |column: &str, message: String| Error {
            file: Some(name.to_owned()),
            line: Some(number),
            column: Some(column.to_owned()),
            message,
        };
        if fields.len() != 5 + U_GENRES.len() {
            return Err(Error::at_line(
                name,
                number,
                format!(
                    "{} fields where {} are expected",
                    fields.len(),
                    5 + U_GENRES.len()
                ),
            ));
        }
        let id = fields[0].trim();
        if id.is_empty() {
            return Err(error("movie id", "the field is empty".to_owned()));
        }
        let parsed = Title::parse(fields[1]);
        let released_year = fields[2]
            .trim()
            .rsplit('-')
            .next()
            .and_then(|year| year.parse::<i32>().ok());
        let mut genres = Vec::new();
        for (flag, genre) in fields[5..].iter().zip(U_GENRES) {
            match flag.trim() {
                "0" => {}
                "1" if genre == "unknown" => {}
                "1" => genres.push(genre.to_owned()),
                other => return Err(error(genre, format!("\"{other}\" is not 0 or 1"))),
            }
        }
        movies.push(Movie {
            id: id.to_owned(),
            title: parsed.title,
            alternate_title: parsed.alternate,
            year: parsed.year.or(released_year),
            imdb_id: imdb_id_in(fields[4]),
            tmdb_id: None,
            genres,
        });
    }
    Ok(movies)
}

/// An IMDb title id inside a link, if the link has one: the 100k release's
/// links are searches by title, which have none.
fn imdb_id_in(url: &str) -> Option<String> {
    let start = url.find("tt")?;
    let digits: String = url[start + 2..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() >= 7).then(|| format!("tt{digits}"))
}

/// Reads a RecBole item file (`ml-100k.item`): `item_id`, `movie_title`
/// and, when present, `release_year` and `class` (or `genre`), genres
/// separated by spaces. RecBole writes `unkonwn` for an unknown year; a
/// year that is not a number is taken from the title, if it has one.
pub fn read_atomic_item(name: &str, reader: impl Read) -> Result<Vec<Movie>, Error> {
    let mut table = Table::open_unquoted(name, reader, b'\t')?;
    // RecBole names a column `name:type`.
    let find = |table: &Table<_>, wanted: &str| -> Option<Col> {
        table.column_where(|column| column.split(':').next() == Some(wanted))
    };
    let id = find(&table, "item_id").ok_or_else(|| table.missing("item_id"))?;
    let title = find(&table, "movie_title").ok_or_else(|| table.missing("movie_title"))?;
    let year = find(&table, "release_year");
    let genres = find(&table, "class").or_else(|| find(&table, "genre"));
    let mut movies = Vec::new();
    while let Some(row) = table.next_row()? {
        let parsed = Title::parse(row.required(title)?);
        let given_year = row
            .get(year)
            .and_then(|text| text.parse::<i32>().ok())
            .filter(|year| (1870..=2200).contains(year));
        movies.push(Movie {
            id: row.required(id)?.to_owned(),
            title: parsed.title,
            alternate_title: parsed.alternate,
            year: given_year.or(parsed.year),
            imdb_id: None,
            tmdb_id: None,
            genres: split_genres(row.get(genres), ' '),
        });
    }
    Ok(movies)
}

fn split_genres(text: Option<&str>, separator: char) -> Vec<String> {
    text.map(|text| {
        text.split(separator)
            .map(str::trim)
            .filter(|genre| {
                !genre.is_empty() && *genre != "(no genres listed)" && *genre != "unknown"
            })
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}
