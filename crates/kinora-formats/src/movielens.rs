//! MovieLens ratings, as a bulk source of ratings.
//!
//! GroupLens publishes MovieLens, anonymous users' ratings of films, in
//! three layouts this module reads:
//!
//! - the current releases (`ml-latest`, `ml-25m`…): `ratings.csv`
//!   (`userId,movieId,rating,timestamp`, ratings 0.5 to 5 in half stars),
//!   `movies.csv` (`movieId,title,genres`, the title with its year:
//!   `Godfather, The (1972)`, genres `Crime|Drama`) and `links.csv`
//!   (`movieId,imdbId,tmdbId`, the IMDb id without its `tt`);
//! - the classic 100k release: `u.data` (tab-separated user, item, rating
//!   1 to 5, timestamp; no header) and `u.item` (`|`-separated, Latin-1,
//!   the title with its year, the release date, an IMDb link and 19 genre
//!   flags);
//! - RecBole's atomic files, as RecBole ships the 100k release
//!   (`ml-100k.inter`, `ml-100k.item`): tab-separated, with a header that
//!   types each column (`user_id:token`, `item_id:token`, `rating:float`,
//!   `timestamp:float`); the title without its year, which is a column of
//!   its own.
//!
//! Ratings come one at a time from an iterator, since a release holds up
//! to tens of millions; films, a few tens of thousands, come as a list.
//! Titles come with a leading article put back in front (`The Godfather`),
//! the year taken out, and an alternate title in parentheses kept apart.

use std::collections::HashMap;
use std::io::Read;

pub use crate::csv_table::Error;
use crate::csv_table::{Col, SkipBom, Table};

/// A film of a MovieLens release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Movie {
    /// MovieLens's id, as written: `1`.
    pub id: String,
    /// `The Godfather`: the article in front, without the year.
    pub title: String,
    /// The title in parentheses after the main one, most often the original
    /// or another known title: `Se7en` for `Seven (Se7en) (1995)`.
    pub alternate_title: Option<String>,
    pub year: Option<i32>,
    /// `tt` and at least seven digits.
    pub imdb_id: Option<String>,
    pub tmdb_id: Option<u64>,
    pub genres: Vec<String>,
}

/// One rating, on MovieLens's scale (0.5 to 5; 1 to 5 in the 100k
/// release). [`to_ten`] turns it into Kinora's.
#[derive(Debug, Clone, PartialEq)]
pub struct MlRating {
    pub user: String,
    pub movie: String,
    pub rating: f32,
    /// Seconds since 1970-01-01 UTC.
    pub at: Option<i64>,
}

/// A row of `links.csv`: the film's ids on IMDb and TMDB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub movie: String,
    pub imdb_id: Option<String>,
    pub tmdb_id: Option<u64>,
}

/// A MovieLens rating on Kinora's scale: 0.5 to 5 stars become 1 to 10
/// (doubled, rounded), so the 100k release's 1 to 5 become 2 to 10.
/// Values outside the scale are held to its ends.
pub fn to_ten(rating: f32) -> u8 {
    let doubled = (rating * 2.0).round();
    if doubled.is_nan() {
        return 1;
    }
    doubled.clamp(1.0, 10.0) as u8
}

/// Ratings read one by one. An error is given for its line, and reading
/// goes on with the next line, unless the file itself cannot be read.
pub struct Ratings<R> {
    file: String,
    reader: csv::Reader<SkipBom<R>>,
    record: csv::ByteRecord,
    /// The column names, for messages.
    names: Vec<String>,
    user: usize,
    movie: usize,
    rating: usize,
    at: Option<usize>,
    done: bool,
}

/// Reads `ratings.csv` of the current releases.
pub fn read_ratings_csv<R: Read>(name: &str, reader: R) -> Result<Ratings<R>, Error> {
    Ratings::open(
        name,
        reader,
        b',',
        true,
        ["userId", "movieId", "rating", "timestamp"],
    )
}

/// Reads the 100k release's `u.data`.
pub fn read_u_data<R: Read>(name: &str, reader: R) -> Result<Ratings<R>, Error> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(b'\t')
        .quoting(false)
        .from_reader(SkipBom::new(reader));
    Ok(Ratings {
        file: name.to_owned(),
        reader,
        record: csv::ByteRecord::new(),
        names: ["user id", "item id", "rating", "timestamp"]
            .map(str::to_owned)
            .to_vec(),
        user: 0,
        movie: 1,
        rating: 2,
        at: Some(3),
        done: false,
    })
}

/// Reads a RecBole interaction file (`ml-100k.inter`).
pub fn read_atomic_inter<R: Read>(name: &str, reader: R) -> Result<Ratings<R>, Error> {
    Ratings::open(
        name,
        reader,
        b'\t',
        false,
        ["user_id", "item_id", "rating", "timestamp"],
    )
}

impl<R: Read> Ratings<R> {
    /// Opens a file with a header row, finding the user, film, rating and
    /// (optional) time columns by name. RecBole's `name:type` headers are
    /// found by their name.
    fn open(
        name: &str,
        reader: R,
        delimiter: u8,
        quoting: bool,
        columns: [&str; 4],
    ) -> Result<Ratings<R>, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .quoting(quoting)
            .from_reader(SkipBom::new(reader));
        let mut header = csv::ByteRecord::new();
        let read = reader
            .read_byte_record(&mut header)
            .map_err(|error| Error::in_file(name, format!("cannot be read: {error}")))?;
        if !read {
            return Err(Error::in_file(name, "the file is empty"));
        }
        let names: Vec<String> = header
            .iter()
            .map(|field| String::from_utf8_lossy(field).trim().to_owned())
            .collect();
        let find = |wanted: &str| {
            names
                .iter()
                .position(|column| column.split(':').next().unwrap_or(column) == wanted)
        };
        let require = |wanted: &str| {
            find(wanted).ok_or_else(|| {
                Error::in_file(
                    name,
                    format!(
                        "the column \"{wanted}\" is missing: the header row is {}",
                        names.join(", ")
                    ),
                )
            })
        };
        Ok(Ratings {
            file: name.to_owned(),
            user: require(columns[0])?,
            movie: require(columns[1])?,
            rating: require(columns[2])?,
            at: find(columns[3]),
            reader,
            record: csv::ByteRecord::new(),
            names,
            done: false,
        })
    }

    fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    fn error(&self, column: usize, message: String) -> Error {
        Error {
            file: Some(self.file.clone()),
            line: Some(self.line()),
            column: self.names.get(column).cloned(),
            message,
        }
    }

    fn field(&self, column: usize) -> Result<&str, Error> {
        let bytes = self
            .record
            .get(column)
            .ok_or_else(|| self.error(column, "the field is missing".to_owned()))?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| self.error(column, "the field is not UTF-8 text".to_owned()))?
            .trim();
        if text.is_empty() {
            return Err(self.error(column, "the field is empty".to_owned()));
        }
        Ok(text)
    }

    fn parse(&self) -> Result<MlRating, Error> {
        let text = self.field(self.rating)?;
        let rating = text
            .parse::<f32>()
            .ok()
            .filter(|value| (0.5..=5.0).contains(value) && (value * 2.0).fract() == 0.0)
            .ok_or_else(|| {
                self.error(
                    self.rating,
                    format!("\"{text}\" is not a rating from 0.5 to 5"),
                )
            })?;
        let at = match self.at {
            Some(column) if self.record.get(column).is_some_and(|f| !f.is_empty()) => {
                let text = self.field(column)?;
                Some(timestamp(text).ok_or_else(|| {
                    self.error(column, format!("\"{text}\" is not a time in seconds"))
                })?)
            }
            _ => None,
        };
        Ok(MlRating {
            user: self.field(self.user)?.to_owned(),
            movie: self.field(self.movie)?.to_owned(),
            rating,
            at,
        })
    }
}

/// Seconds, written as a whole number or as a float with nothing after the
/// point (RecBole types timestamps as floats).
fn timestamp(text: &str) -> Option<i64> {
    if let Ok(seconds) = text.parse::<i64>() {
        return Some(seconds);
    }
    let value: f64 = text.parse().ok()?;
    (value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15).then_some(value as i64)
}

impl<R: Read> Iterator for Ratings<R> {
    type Item = Result<MlRating, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            return match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    None
                }
                // A blank line, such as a last line of spaces.
                Ok(true) if self.record.iter().all(|f| f.trim_ascii().is_empty()) => continue,
                Ok(true) => Some(self.parse()),
                Err(error) => {
                    let line = error.position().map(|p| p.line());
                    if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                        self.done = true;
                    }
                    Some(Err(Error {
                        file: Some(self.file.clone()),
                        line,
                        column: None,
                        message: format!("cannot be read: {error}"),
                    }))
                }
            };
        }
    }
}

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

/// Puts each link's ids on its film.
pub fn add_links(movies: &mut [Movie], links: &[Link]) {
    let by_movie: HashMap<&str, &Link> = links
        .iter()
        .map(|link| (link.movie.as_str(), link))
        .collect();
    for movie in movies {
        if let Some(link) = by_movie.get(movie.id.as_str()) {
            movie.imdb_id.clone_from(&link.imdb_id);
            movie.tmdb_id = link.tmdb_id;
        }
    }
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
    let id = find(&table, "item_id").ok_or_else(|| missing(&table, "item_id"))?;
    let title = find(&table, "movie_title").ok_or_else(|| missing(&table, "movie_title"))?;
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

fn missing<R: Read>(table: &Table<R>, column: &str) -> Error {
    Error::in_file(
        table.file(),
        format!(
            "the column \"{column}\" is missing: the header row is {}",
            table.header_names()
        ),
    )
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

/// A MovieLens title taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub title: String,
    pub alternate: Option<String>,
    pub year: Option<i32>,
}

/// Articles MovieLens moves to the end of a title: `Godfather, The`.
const ARTICLES: [&str; 30] = [
    "The", "A", "An", "Les", "La", "Le", "L'", "Il", "I", "Gli", "Lo", "El", "Los", "Las", "Das",
    "Der", "Die", "Den", "Det", "De", "Het", "O", "Os", "As", "Un", "Une", "Una", "Uno", "Ein",
    "Eine",
];

impl Title {
    /// `Horseman on the Roof, The (Hussard sur le toit, Le) (1995)` is
    /// `The Horseman on the Roof`, also `Le Hussard sur le toit`, 1995.
    pub fn parse(text: &str) -> Title {
        let mut rest = text.trim();
        let mut year = None;
        if let Some((before, inside)) = last_parenthesis(rest)
            && let Some(found) = year_in(inside)
        {
            year = Some(found);
            rest = before;
        }
        let mut alternate = None;
        if let Some((before, inside)) = last_parenthesis(rest)
            && !before.is_empty()
        {
            let inside = inside.trim();
            let inside = inside.strip_prefix("a.k.a. ").unwrap_or(inside);
            if !inside.is_empty() {
                alternate = Some(article_first(inside));
                rest = before;
            }
        }
        Title {
            title: article_first(rest),
            alternate,
            year,
        }
    }
}

/// A text ending in a parenthesis: what comes before it (trimmed), and
/// what is inside.
fn last_parenthesis(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(')')?;
    let mut depth = 0usize;
    for (index, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((inner[..index].trim_end(), &inner[index + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `1995`, or the first year of `2007-` and `1983-1984`.
fn year_in(text: &str) -> Option<i32> {
    let text = text.trim();
    let first = text.get(..4)?;
    let after = &text[4..];
    let range = after.is_empty()
        || (after.starts_with(['-', '–'])
            && after
                .trim_start_matches(['-', '–'])
                .bytes()
                .all(|b| b.is_ascii_digit()));
    (first.bytes().all(|b| b.is_ascii_digit()) && range)
        .then(|| first.parse().ok())
        .flatten()
}

/// `Godfather, The` as `The Godfather`; `Enfer, L'` as `L'Enfer`.
fn article_first(title: &str) -> String {
    let title = title.trim();
    if let Some((head, article)) = title.rsplit_once(", ")
        && ARTICLES.contains(&article)
        && !head.is_empty()
    {
        return if article.ends_with('\'') {
            format!("{article}{head}")
        } else {
            format!("{article} {head}")
        };
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all<R: Read>(ratings: Ratings<R>) -> Vec<Result<MlRating, Error>> {
        ratings.collect()
    }

    fn errors<T>(results: &[Result<T, Error>]) -> Vec<String> {
        results
            .iter()
            .filter_map(|result| result.as_ref().err())
            .map(Error::to_string)
            .collect()
    }

    #[test]
    fn titles_come_apart() {
        let cases = [
            ("Toy Story (1995)", "Toy Story", None, Some(1995)),
            ("Godfather, The (1972)", "The Godfather", None, Some(1972)),
            (
                "Godfather: Part II, The (1974)",
                "The Godfather: Part II",
                None,
                Some(1974),
            ),
            ("Misérables, Les (1995)", "Les Misérables", None, Some(1995)),
            ("Postino, Il (1994)", "Il Postino", None, Some(1994)),
            ("Enfer, L' (1994)", "L'Enfer", None, Some(1994)),
            ("Seven (Se7en) (1995)", "Seven", Some("Se7en"), Some(1995)),
            (
                "Seven (a.k.a. Se7en) (1995)",
                "Seven",
                Some("Se7en"),
                Some(1995),
            ),
            (
                "Horseman on the Roof, The (Hussard sur le toit, Le) (1995)",
                "The Horseman on the Roof",
                Some("Le Hussard sur le toit"),
                Some(1995),
            ),
            (
                "Good, The Bad and The Ugly, The",
                "The Good, The Bad and The Ugly",
                None,
                None,
            ),
            (
                "Mrs. Brown (Her Majesty, Mrs. Brown) (1997)",
                "Mrs. Brown",
                Some("Her Majesty, Mrs. Brown"),
                Some(1997),
            ),
            ("Paris, France (1993)", "Paris, France", None, Some(1993)),
            (
                "(500) Days of Summer (2009)",
                "(500) Days of Summer",
                None,
                Some(2009),
            ),
            ("Babylon 5", "Babylon 5", None, None),
            ("Millions (2004) ", "Millions", None, Some(2004)),
            (
                "Fawlty Towers (1975-1979)",
                "Fawlty Towers",
                None,
                Some(1975),
            ),
            (
                "Stranger Things (2016-)",
                "Stranger Things",
                None,
                Some(2016),
            ),
            (
                "1492 (Conquest of Paradise)",
                "1492",
                Some("Conquest of Paradise"),
                None,
            ),
            ("unknown", "unknown", None, None),
        ];
        for (text, title, alternate, year) in cases {
            let parsed = Title::parse(text);
            assert_eq!(
                (
                    parsed.title.as_str(),
                    parsed.alternate.as_deref(),
                    parsed.year
                ),
                (title, alternate, year),
                "{text}"
            );
        }
    }

    #[test]
    fn ratings_become_ten_point_ratings() {
        let cases = [
            (0.5, 1),
            (1.0, 2),
            (2.5, 5),
            (3.0, 6),
            (4.5, 9),
            (5.0, 10),
            (0.0, 1),
            (7.0, 10),
            (f32::NAN, 1),
        ];
        for (rating, ten) in cases {
            assert_eq!(to_ten(rating), ten, "{rating}");
        }
    }

    #[test]
    fn the_current_layout_reads() {
        let ratings = "\u{feff}userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,0.5,964981247\n\n2,858,5.0,1445714835\n";
        let results = all(read_ratings_csv("ratings.csv", ratings.as_bytes()).unwrap());
        let read: Vec<MlRating> = results.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            read[1],
            MlRating {
                user: "1".to_owned(),
                movie: "3".to_owned(),
                rating: 0.5,
                at: Some(964_981_247)
            }
        );
        assert_eq!(read.len(), 3);
        assert_eq!(to_ten(read[2].rating), 10);

        // Another column order, no timestamp, an extra column.
        let ratings = "rating,movieId,source,userId\n3.5,1,web,7\n";
        let read: Vec<_> = read_ratings_csv("ratings.csv", ratings.as_bytes())
            .unwrap()
            .collect();
        let rating = read[0].as_ref().unwrap();
        assert_eq!(
            (rating.user.as_str(), rating.rating, rating.at),
            ("7", 3.5, None)
        );

        let movies = "movieId,title,genres\n\
                      1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n\
                      858,\"Godfather, The (1972)\",Crime|Drama\n\
                      200000,Babylon 5,(no genres listed)\n";
        let mut movies = read_movies_csv("movies.csv", movies.as_bytes()).unwrap();
        let links = "movieId,imdbId,tmdbId\n1,0114709,862\n858,0068646,238\n200000,12345678,\n";
        let links = read_links_csv("links.csv", links.as_bytes()).unwrap();
        add_links(&mut movies, &links);
        assert_eq!(
            movies[1],
            Movie {
                id: "858".to_owned(),
                title: "The Godfather".to_owned(),
                alternate_title: None,
                year: Some(1972),
                imdb_id: Some("tt0068646".to_owned()),
                tmdb_id: Some(238),
                genres: vec!["Crime".to_owned(), "Drama".to_owned()],
            }
        );
        assert_eq!(movies[0].genres.len(), 5);
        assert_eq!(movies[0].imdb_id.as_deref(), Some("tt0114709"));
        assert_eq!(
            (
                movies[2].year,
                movies[2].genres.len(),
                movies[2].imdb_id.as_deref(),
                movies[2].tmdb_id
            ),
            (None, 0, Some("tt12345678"), None)
        );
    }

    #[test]
    fn bad_rating_lines_are_given_as_errors_and_reading_goes_on() {
        let ratings = "userId,movieId,rating,timestamp\n\
                       1,1,4.0,964982703\n\
                       1,2,6,964982703\n\
                       1,3,4.25,964982703\n\
                       1,,4.0,964982703\n\
                       1,5,4.0,yesterday\n\
                       1,6\n\
                       1,7,3.0,964982703\n";
        let results = all(read_ratings_csv("ratings.csv", ratings.as_bytes()).unwrap());
        assert_eq!(results.len(), 7);
        assert_eq!(
            errors(&results),
            [
                "ratings.csv line 3, column \"rating\": \"6\" is not a rating from 0.5 to 5",
                "ratings.csv line 4, column \"rating\": \"4.25\" is not a rating from 0.5 to 5",
                "ratings.csv line 5, column \"movieId\": the field is empty",
                "ratings.csv line 6, column \"timestamp\": \"yesterday\" is not a time in seconds",
                "ratings.csv line 7, column \"rating\": the field is missing",
            ]
        );
        assert_eq!(results[6].as_ref().unwrap().movie, "7");

        let error = read_ratings_csv("ratings.csv", "user,movie,stars\n".as_bytes())
            .err()
            .unwrap();
        assert_eq!(
            error.to_string(),
            "ratings.csv: the column \"userId\" is missing: the header row is user, movie, stars"
        );
        let error = read_ratings_csv("ratings.csv", "".as_bytes())
            .err()
            .unwrap();
        assert_eq!(error.to_string(), "ratings.csv: the file is empty");
    }

    #[test]
    fn bad_movie_and_link_rows_name_file_line_and_column() {
        type Reader = fn(&str, &[u8]) -> Result<(), Error>;
        let cases: [(&str, &str, Reader, &str); 4] = [
            (
                "movies.csv",
                "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,,Drama\n",
                |name, bytes| read_movies_csv(name, bytes).map(drop),
                "movies.csv line 3, column \"title\": the field is empty",
            ),
            (
                "movies.csv",
                "movieId,name\n",
                |name, bytes| read_movies_csv(name, bytes).map(drop),
                "movies.csv: the column \"title\" is missing: the header row is movieId, name",
            ),
            (
                "links.csv",
                "movieId,imdbId,tmdbId\n1,tt0114709,862\n",
                |name, bytes| read_links_csv(name, bytes).map(drop),
                "links.csv line 2, column \"imdbId\": \"tt0114709\" is not an IMDb id (digits without tt)",
            ),
            (
                "links.csv",
                "movieId,imdbId,tmdbId\n1,0114709,862.5\n",
                |name, bytes| read_links_csv(name, bytes).map(drop),
                "links.csv line 2, column \"tmdbId\": \"862.5\" is not a TMDB id",
            ),
        ];
        for (name, text, read, expected) in cases {
            let error = read(name, text.as_bytes()).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    /// Lines as the 100k release writes them.
    const U_ITEM: &[u8] = b"1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n\
127|Godfather, The (1972)|01-Jan-1972||http://us.imdb.com/M/title-exact?Godfather,%20The%20(1972)|0|1|0|0|0|0|1|0|1|0|0|0|0|0|0|0|0|0|0\n\
267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n\
543|Mis\xe9rables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Mis%E9rables%2C%20Les%20%281995%29|0|0|0|0|0|0|0|0|1|0|0|0|1|0|0|0|0|0|0\n";

    #[test]
    fn the_100k_layout_reads() {
        let data = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n";
        let read: Vec<MlRating> = read_u_data("u.data", data.as_bytes())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            read[0],
            MlRating {
                user: "196".to_owned(),
                movie: "242".to_owned(),
                rating: 3.0,
                at: Some(881_250_949)
            }
        );
        assert_eq!(to_ten(read[0].rating), 6);

        let movies = read_u_item("u.item", U_ITEM).unwrap();
        assert_eq!(movies.len(), 4);
        assert_eq!(
            (
                movies[0].title.as_str(),
                movies[0].year,
                movies[0].imdb_id.as_deref()
            ),
            ("Toy Story", Some(1995), None)
        );
        assert_eq!(movies[0].genres, ["Animation", "Children's", "Comedy"]);
        assert_eq!(movies[1].title, "The Godfather");
        assert_eq!(movies[1].genres, ["Action", "Crime", "Drama"]);
        assert_eq!(
            (
                movies[2].title.as_str(),
                movies[2].year,
                movies[2].genres.len()
            ),
            ("unknown", None, 0)
        );
        assert_eq!(movies[3].title, "Les Misérables", "Latin-1 is read");
        // The same file converted to UTF-8 reads the same.
        let utf8: String = U_ITEM.iter().map(|&b| char::from(b)).collect();
        assert_eq!(read_u_item("u.item", utf8.as_bytes()).unwrap(), movies);
    }

    #[test]
    fn bad_100k_lines_name_file_line_and_column() {
        let data = "196\t242\t3\t881250949\n186\t302\t9\t891717742\n186\t302\n";
        let results = all(read_u_data("u.data", data.as_bytes()).unwrap());
        assert_eq!(
            errors(&results),
            [
                "u.data line 2, column \"rating\": \"9\" is not a rating from 0.5 to 5",
                "u.data line 3, column \"rating\": the field is missing",
            ]
        );
        let cases: [(&[u8], &str); 3] = [
            (b"1|Toy Story (1995)|01-Jan-1995\n", "u.item line 1: 3 fields where 24 are expected"),
            (
                b"1|Toy Story (1995)|01-Jan-1995||x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n2|GoldenEye (1995)|01-Jan-1995||x|0|yes|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
                "u.item line 2, column \"Action\": \"yes\" is not 0 or 1",
            ),
            (
                b"|Toy Story (1995)|01-Jan-1995||x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
                "u.item line 1, column \"movie id\": the field is empty",
            ),
        ];
        for (text, expected) in cases {
            let error = read_u_item("u.item", text).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn recboles_atomic_layout_reads() {
        let inter = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n\
                     196\t242\t3\t881250949\n\
                     22\t377\t1\t878887116.0\n";
        let read: Vec<MlRating> = read_atomic_inter("ml-100k.inter", inter.as_bytes())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(read[1].at, Some(878_887_116));
        assert_eq!(
            (read[1].user.as_str(), read[1].movie.as_str()),
            ("22", "377")
        );

        let item = "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n\
                    1\tToy Story\t1995\tAnimation Children's Comedy\n\
                    127\tGodfather, The\t1972\tAction Crime Drama\n\
                    267\tunkonwn\tunkonwn\tunknown\n\
                    1412\tLand Before Time III: The Time of the Great Giving (1995)\tV\tAnimation Children's\n\
                    1005\tDouble vie de Véronique, La (Double Life of Veronique, The)\t1991\tDrama\n\
                    9999\tHe Said \"No\"\t1990\tDrama\n";
        let movies = read_atomic_item("ml-100k.item", item.as_bytes()).unwrap();
        let shown: Vec<_> = movies
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.title.as_str(),
                    m.alternate_title.as_deref(),
                    m.year,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("1", "Toy Story", None, Some(1995)),
                ("127", "The Godfather", None, Some(1972)),
                ("267", "unkonwn", None, None),
                (
                    "1412",
                    "Land Before Time III: The Time of the Great Giving",
                    None,
                    Some(1995)
                ),
                (
                    "1005",
                    "La Double vie de Véronique",
                    Some("The Double Life of Veronique"),
                    Some(1991)
                ),
                ("9999", "He Said \"No\"", None, Some(1990)),
            ]
        );
        assert_eq!(movies[0].genres, ["Animation", "Children's", "Comedy"]);
        assert!(movies[2].genres.is_empty());

        // Columns in another order, without year or genres.
        let item = "movie_title:token_seq\titem_id:token\nToy Story (1995)\t1\n";
        let movies = read_atomic_item("ml-100k.item", item.as_bytes()).unwrap();
        assert_eq!((movies[0].id.as_str(), movies[0].year), ("1", Some(1995)));
    }

    #[test]
    fn bad_atomic_lines_name_file_line_and_column() {
        let inter = "user_id:token\titem_id:token\trating:float\n196\t242\t3\n196\t242\t3.3\n";
        let results = all(read_atomic_inter("ml-100k.inter", inter.as_bytes()).unwrap());
        assert_eq!(
            errors(&results),
            [
                "ml-100k.inter line 3, column \"rating:float\": \"3.3\" is not a rating from 0.5 to 5"
            ]
        );
        let error = read_atomic_inter("ml-100k.inter", "user_id:token\titem_id:token\n".as_bytes())
            .err()
            .unwrap();
        assert_eq!(
            error.to_string(),
            "ml-100k.inter: the column \"rating\" is missing: the header row is user_id:token, item_id:token"
        );
        let error = read_atomic_item(
            "ml-100k.item",
            "item_id:token\tmovie_title:token_seq\n1\t\n".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "ml-100k.item line 2, column \"movie_title:token_seq\": the field is empty"
        );
        let error = read_atomic_item("ml-100k.item", "item_id:token\ttitle:token\n".as_bytes())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "ml-100k.item: the column \"movie_title\" is missing: the header row is item_id:token, title:token"
        );
    }
}
