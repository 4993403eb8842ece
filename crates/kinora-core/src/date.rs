//! Dates as sources give them: a year, a month, or a day.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to the year (`2008`), the month (`2008-05`) or the day
/// (`2008-06-26`). Written in those ISO 8601 forms in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{}", kinora_i18n::t_with("error-date-form", &[("text", .0.clone().into())]))]
    Form(String),
    #[error("impossible date `{0}`: {1}")]
    Impossible(String, String),
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let form = || DateError::Form(text.to_owned());
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(form());
            }
            part.parse().map_err(|_| form())
        };
        let year = number(parts.first().ok_or_else(form)?, 4)? as i32;
        let month = parts.get(1).map(|part| number(part, 2)).transpose()?;
        let day = parts.get(2).map(|part| number(part, 2)).transpose()?;
        if parts.len() > 3 {
            return Err(form());
        }
        let impossible = |why: &str| DateError::Impossible(text.to_owned(), why.to_owned());
        if year < 1800 {
            return Err(impossible("years before 1800 are not film dates"));
        }
        if let Some(month) = month {
            let month_value = time::Month::try_from(month as u8)
                .map_err(|_| impossible("the month must be 01 to 12"))?;
            if let Some(day) = day {
                time::Date::from_calendar_date(year, month_value, day as u8)
                    .map_err(|_| impossible(&format!("{month_value} {year} has no day {day}")))?;
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    pub fn from_date(date: time::Date) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month() as u8),
            day: Some(date.day()),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date as people read it, in the reader's language: `26 June
    /// 2008`, `May 2008`, `2008`; `2008년 6월 26일`.
    pub fn display(&self) -> String {
        kinora_i18n::Lang::current()
            .formats()
            .date(kinora_i18n::DateParts {
                year: self.year,
                month: self.month,
                day: self.day,
            })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    /// Earlier first; a less precise date sorts before the precise dates it covers.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month.unwrap_or(0),
            other.day.unwrap_or(0),
        ))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<(Precision, &str), &str>) {
        let got = PartialDate::parse(text);
        match (got, expected) {
            (Ok(date), Ok((precision, display))) => {
                assert_eq!(date.precision(), precision, "{text}");
                assert_eq!(date.display(), display, "{text}");
                assert_eq!(date.to_string(), text, "{text} should round-trip");
            }
            (Err(error), Err(fragment)) => {
                assert!(error.to_string().contains(fragment), "{text}: {error}");
            }
            (got, expected) => panic!("{text}: got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn dates_keep_their_precision() {
        check("2008", Ok((Precision::Year, "2008")));
        check("2008-05", Ok((Precision::Month, "May 2008")));
        check("2008-06-26", Ok((Precision::Day, "26 June 2008")));
        check("2012-02-29", Ok((Precision::Day, "29 February 2012")));
    }

    #[test]
    fn impossible_or_malformed_dates_are_rejected() {
        check("2008-02-30", Err("February 2008 has no day 30"));
        check("2007-02-29", Err("has no day 29"));
        check("2008-13", Err("month must be 01 to 12"));
        check("2008-00", Err("month must be 01 to 12"));
        check("08-06-26", Err("write YYYY"));
        check("2008/06/26", Err("write YYYY"));
        check("2008-6-26", Err("write YYYY"));
        check("1500", Err("before 1800"));
        check("June 2008", Err("write YYYY"));
    }

    #[test]
    fn coarser_dates_sort_before_the_days_they_cover() {
        let mut dates: Vec<PartialDate> =
            ["2008-06-26", "2008-06", "2008-05", "2008", "2008-06-05"]
                .iter()
                .map(|text| PartialDate::parse(text).unwrap())
                .collect();
        dates.sort();
        let texts: Vec<String> = dates.iter().map(|date| date.to_string()).collect();
        assert_eq!(
            texts,
            ["2008", "2008-05", "2008-06", "2008-06-05", "2008-06-26"]
        );
    }
}
