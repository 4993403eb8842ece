//! CSV files read by column name, with errors that name the file, line and
//! column: the reading Letterboxd's exports, IMDb's lists and MovieLens's
//! files share. A member's upload is read within a [`Budget`].

use std::io::Read;

use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

mod budget;
mod encoding;
mod error;

pub use self::budget::{Budget, FIELD_BYTES, ROW_BYTES, UPLOAD_BYTES, UPLOAD_ROWS};
use self::budget::{Budgeted, ROW_ALLOWANCE};
pub(crate) use self::encoding::SkipBom;
pub use self::error::{Error, Origin};

/// A column, by its place in the header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Col(pub(crate) usize);

/// A CSV file read row by row, its columns found by name.
pub(crate) struct Table<R> {
    file: String,
    reader: csv::Reader<SkipBom<Budgeted<R>>>,
    header: Vec<String>,
    /// Columns of free text, where a field may be long and hold line
    /// breaks.
    free_text: Vec<bool>,
    record: csv::StringRecord,
    budget: std::rc::Rc<Budget>,
}

/// Header names of columns that hold free text.
fn is_free_text(column: &str) -> bool {
    ["review", "description", "notes", "note", "comment"]
        .iter()
        .any(|name| column.eq_ignore_ascii_case(name))
}

impl<R: Read> Table<R> {
    /// Opens a file and reads its header row. An empty file is refused.
    pub(crate) fn open(file: &str, reader: R, delimiter: u8) -> Result<Table<R>, Error> {
        Table::open_with(file, reader, delimiter, true, Budget::unlimited())
    }

    /// Opens a file of a member's upload, within its budget.
    pub(crate) fn open_within(
        file: &str,
        reader: R,
        delimiter: u8,
        budget: &std::rc::Rc<Budget>,
    ) -> Result<Table<R>, Error> {
        Table::open_with(file, reader, delimiter, true, std::rc::Rc::clone(budget))
    }

    /// Opens a file whose fields are never quoted (tab or `|` separated
    /// text, where a `"` is part of a title).
    pub(crate) fn open_unquoted(file: &str, reader: R, delimiter: u8) -> Result<Table<R>, Error> {
        Table::open_with(file, reader, delimiter, false, Budget::unlimited())
    }

    fn open_with(
        file: &str,
        reader: R,
        delimiter: u8,
        quoting: bool,
        budget: std::rc::Rc<Budget>,
    ) -> Result<Table<R>, Error> {
        let reader = csv_reader(
            Budgeted {
                inner: reader,
                budget: std::rc::Rc::clone(&budget),
            },
            delimiter,
            quoting,
        );
        let mut table = Table {
            file: file.to_owned(),
            reader,
            header: Vec::new(),
            free_text: Vec::new(),
            record: csv::StringRecord::new(),
            budget,
        };
        if !table.next_header()? {
            return Err(Error::in_file(file, kinora_i18n::t("csv-file-empty")));
        }
        Ok(table)
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// Takes the next record as the header row; `false` at the end.
    pub(crate) fn next_header(&mut self) -> Result<bool, Error> {
        if !self.read()? {
            return Ok(false);
        }
        self.header = self
            .record
            .iter()
            .map(|name| name.trim().to_owned())
            .collect();
        self.free_text = self.header.iter().map(|name| is_free_text(name)).collect();
        Ok(true)
    }

    /// The header row, for messages: `Date, Name, Year`.
    pub(crate) fn header_names(&self) -> String {
        self.header.join(", ")
    }

    /// The first of `names` the header has (letter case aside).
    pub(crate) fn column(&self, names: &[&str]) -> Option<Col> {
        names.iter().find_map(|name| {
            self.header
                .iter()
                .position(|column| column.eq_ignore_ascii_case(name))
                .map(Col)
        })
    }

    /// The first column whose name passes `test`.
    pub(crate) fn column_where(&self, test: impl Fn(&str) -> bool) -> Option<Col> {
        self.header.iter().position(|column| test(column)).map(Col)
    }

    /// A column the file needs, by the first of its names.
    pub(crate) fn require(&self, names: &[&str]) -> Result<Col, Error> {
        self.column(names).ok_or_else(|| self.missing(names[0]))
    }

    /// The error for a column the file needs and does not have.
    pub(crate) fn missing(&self, column: &str) -> Error {
        Error::missing_column(&self.file, column, &self.header)
    }

    fn read(&mut self) -> Result<bool, Error> {
        self.budget.row.set(ROW_ALLOWANCE);
        let next_line = self.reader.position().line();
        let read =
            self.reader
                .read_record(&mut self.record)
                .map_err(|error| match error.position() {
                    _ if self.budget.spent_bytes() => {
                        Error::in_file(&self.file, self.budget.bytes_message())
                    }
                    _ if self.budget.spent_row() => {
                        Error::at_line(&self.file, next_line, row_too_long())
                    }
                    Some(position) if matches!(error.kind(), csv::ErrorKind::Utf8 { .. }) => {
                        Error::at_line(&self.file, position.line(), kinora_i18n::t("csv-not-utf8"))
                    }
                    Some(position) => {
                        Error::at_line(&self.file, position.line(), error.to_string())
                    }
                    None => Error::in_file(&self.file, cannot_read(&error)),
                })?;
        if !read {
            return Ok(false);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let rows = self.budget.rows.get();
        if rows == 0 {
            return Err(Error::at_line(
                &self.file,
                line,
                kinora_i18n::t_with(
                    "csv-too-many-rows",
                    &[("rows", self.budget.max_rows.into())],
                ),
            ));
        }
        self.budget.rows.set(rows - 1);
        if self.record.as_byte_record().as_slice().len() > ROW_BYTES {
            return Err(Error::at_line(&self.file, line, row_too_long()));
        }
        // A field that is not free text is short and on one line: a
        // longer one, or one with a line break, is a quote left open
        // that took the rows after it.
        if !self.header.is_empty() {
            for (index, field) in self.record.iter().enumerate() {
                let column = self.header.get(index).cloned();
                if field.contains('\0') {
                    return Err(Error {
                        file: Some(self.file.clone()),
                        line: Some(line),
                        column,
                        message: kinora_i18n::t("csv-nul"),
                    });
                }
                if self.free_text.get(index).copied().unwrap_or(false) {
                    continue;
                }
                if field.contains(['\n', '\r']) {
                    return Err(Error {
                        file: Some(self.file.clone()),
                        line: Some(line),
                        column,
                        message: kinora_i18n::t("csv-open-quote"),
                    });
                }
                if field.len() > FIELD_BYTES {
                    return Err(Error {
                        file: Some(self.file.clone()),
                        line: Some(line),
                        column,
                        message: kinora_i18n::t_with(
                            "csv-field-too-long",
                            &[("bytes", FIELD_BYTES.into())],
                        ),
                    });
                }
            }
        }
        Ok(true)
    }

    /// The next row, `None` at the end of the file.
    pub(crate) fn next_row(&mut self) -> Result<Option<Row<'_>>, Error> {
        if !self.read()? {
            return Ok(None);
        }
        Ok(Some(Row {
            file: &self.file,
            header: &self.header,
            line: self.record.position().map_or(0, |p| p.line()),
            record: &self.record,
        }))
    }
}

/// One row, with what its errors need to say where they are.
pub(crate) struct Row<'a> {
    file: &'a str,
    header: &'a [String],
    pub(crate) line: u64,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    pub(crate) fn origin(&self) -> Origin {
        Origin {
            file: self.file.to_owned(),
            line: self.line,
        }
    }

    /// A field's text, trimmed; `None` if the column is absent or the
    /// field empty.
    pub(crate) fn get(&self, col: Option<Col>) -> Option<&'a str> {
        let text = self.record.get(col?.0)?.trim();
        (!text.is_empty()).then_some(text)
    }

    pub(crate) fn required(&self, col: Col) -> Result<&'a str, Error> {
        self.get(Some(col))
            .ok_or_else(|| self.error(col, kinora_i18n::t("csv-field-empty")))
    }

    pub(crate) fn error(&self, col: Col, message: impl Into<String>) -> Error {
        Error {
            file: Some(self.file.to_owned()),
            line: Some(self.line),
            column: self.header.get(col.0).cloned(),
            message: message.into(),
        }
    }

    /// `"6" is not a rating from 0.5 to 5`: the value, quoted and
    /// shortened, said by the catalog's message `key` (its `$value`).
    pub(crate) fn error_about(&self, col: Option<Col>, value: &str, key: &str) -> Error {
        let shown: String = value.chars().take(60).collect();
        let shown = if shown.len() < value.len() {
            format!("{shown}…")
        } else {
            shown
        };
        let message = kinora_i18n::t_with(key, &[("value", shown.into())]);
        match col {
            Some(col) => self.error(col, message),
            None => self.line_error(message),
        }
    }

    pub(crate) fn line_error(&self, message: impl Into<String>) -> Error {
        Error::at_line(self.file, self.line, message)
    }

    pub(crate) fn number<T: std::str::FromStr>(
        &self,
        col: Option<Col>,
        what: &str,
    ) -> Result<Option<T>, Error> {
        match self.get(col) {
            None => Ok(None),
            Some(text) => text.parse().map(Some).map_err(|_| {
                // `what` is a catalog key (`csv-what-…`) for the files a
                // reader uploads, a column's own name for the IMDb
                // dataset's.
                let what = if what.starts_with("csv-what-") {
                    kinora_i18n::t(what)
                } else {
                    what.to_owned()
                };
                self.error(
                    col.expect("a number read is from a column"),
                    kinora_i18n::t_with(
                        "csv-not-a",
                        &[("value", text.to_owned().into()), ("what", what.into())],
                    ),
                )
            }),
        }
    }

    /// A year within the years films have.
    pub(crate) fn year(&self, col: Option<Col>) -> Result<Option<i32>, Error> {
        let Some(text) = self.get(col) else {
            return Ok(None);
        };
        match text.parse::<i32>() {
            Ok(year) if (1870..=2200).contains(&year) => Ok(Some(year)),
            _ => Err(self.error_about(col, text, "csv-not-a-year")),
        }
    }

    /// A date written `YYYY-MM-DD`.
    pub(crate) fn date(&self, col: Option<Col>) -> Result<Option<Date>, Error> {
        let Some(text) = self.get(col) else {
            return Ok(None);
        };
        parse_date(text)
            .map(Some)
            .ok_or_else(|| self.error_about(col, text, "csv-not-a-date"))
    }
}

/// A day as these files write it: `2026-11-22`, four, two and two digits.
/// A row past the longest a file may hold.
fn row_too_long() -> String {
    kinora_i18n::t_with("csv-row-too-long", &[("size", (ROW_BYTES >> 20).into())])
}

/// A file that could not be read, and why (the reader's own words).
pub(crate) fn cannot_read(error: &dyn std::fmt::Display) -> String {
    kinora_i18n::t_with("csv-cannot-read", &[("error", error.to_string().into())])
}

pub(crate) const DAY: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// A day written as [`DAY`], strictly.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    // Ten bytes: the description alone would also take a sign before the year.
    (text.len() == 10)
        .then(|| Date::parse(text, DAY).ok())
        .flatten()
}

/// A reader of CSV records, the header row among them (rows may differ in
/// length), fields split at `delimiter`, quoted or not.
pub(crate) fn csv_reader<R: Read>(
    reader: R,
    delimiter: u8,
    quoting: bool,
) -> csv::Reader<SkipBom<R>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(quoting)
        .from_reader(SkipBom::new(reader))
}
