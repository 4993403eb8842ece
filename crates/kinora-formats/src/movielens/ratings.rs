//! MovieLens ratings read one at a time, in each of the three layouts: the
//! current releases' `ratings.csv`, the 100k release's `u.data` and
//! RecBole's interaction files.

use std::io::Read;

use super::MlRating;
use crate::csv_table::{Error, SkipBom, csv_reader};

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
    let reader = csv_reader(reader, b'\t', false);
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
        let mut reader = csv_reader(reader, delimiter, quoting);
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
        let require =
            |wanted: &str| find(wanted).ok_or_else(|| Error::missing_column(name, wanted, &names));
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
