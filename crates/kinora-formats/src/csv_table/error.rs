//! Errors of the CSV files: what went wrong, in which file, on which line
//! and in which column; and where a row was read.

use std::fmt;

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

    /// A column the file needs is not in its header row.
    pub(crate) fn missing_column(file: &str, column: &str, header: &[String]) -> Error {
        Error::in_file(
            file,
            kinora_i18n::t_with(
                "csv-missing-column",
                &[
                    ("column", column.to_owned().into()),
                    ("header", header.join(", ").into()),
                ],
            ),
        )
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
            place.push_str(&kinora_i18n::t_with("csv-line", &[("line", line.into())]));
        }
        if let Some(column) = &self.column {
            if !place.is_empty() {
                place.push_str(", ");
            }
            place.push_str(&kinora_i18n::t_with(
                "csv-column",
                &[("column", column.clone().into())],
            ));
        }
        if place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{place}: {}", self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Where a row was read: for messages and for a queue of rows to review.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: String,
    pub line: u64,
}
