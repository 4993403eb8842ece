//! Local times in named time zones: when a screening starts, as the
//! festival prints it ("Tuschinski 1, Mon 19 Nov, 12:45"), in the venue's
//! IANA zone (`Europe/Amsterdam`).
//!
//! A local time is kept as written, and turned into an instant only with
//! its venue's zone. A time that the zone skips (the hour clocks go forward)
//! does not exist and is refused; a time the zone passes twice (the hour
//! clocks go back) needs its offset written (`2012-10-28T02:30+01:00`).
//! The zones are the IANA database compiled into the binary (chrono-tz).

use std::fmt;
use std::str::FromStr;

use chrono::{LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An IANA time zone: `Europe/Amsterdam`, `Asia/Seoul`, `America/New_York`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeZone(chrono_tz::Tz);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("{}", kinora_i18n::t_with("error-zone", &[("text", .0.clone().into())]))]
    UnknownZone(String),
    #[error("{}", kinora_i18n::t_with("error-local-time", &[("text", .0.clone().into())]))]
    Form(String),
    #[error("impossible local time `{0}`: {1}")]
    Impossible(String, String),
}

impl TimeZone {
    pub fn parse(text: &str) -> Result<TimeZone, TimeError> {
        chrono_tz::Tz::from_str(text.trim())
            .map(TimeZone)
            .map_err(|_| TimeError::UnknownZone(text.to_owned()))
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The city part of the zone's name, for "Amsterdam time".
    pub fn city(&self) -> String {
        self.name()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .replace('_', " ")
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeZone::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A local date, with the time of day when known, as a programme prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalTime {
    date: NaiveDate,
    /// Hour and minute.
    time: Option<(u8, u8)>,
    /// Seconds east of UTC, written only where the zone passes the time twice.
    offset: Option<i32>,
}

/// A local time made an instant in its zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instant {
    /// A time of day: the instant, and the zone's offset then.
    At(time::OffsetDateTime),
    /// A day without a time: all day, in the venue's zone.
    Day(time::Date),
}

impl Instant {
    /// The instant in UTC, when there is a time of day.
    pub fn utc(&self) -> Option<time::OffsetDateTime> {
        match self {
            Instant::At(at) => Some(at.to_offset(time::UtcOffset::UTC)),
            Instant::Day(_) => None,
        }
    }

    /// RFC 3339 with the local offset (`2012-11-19T12:45:00+01:00`), or the day.
    pub fn iso(&self) -> String {
        match self {
            Instant::At(at) => at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            Instant::Day(day) => day.to_string(),
        }
    }
}

impl LocalTime {
    pub fn parse(text: &str) -> Result<LocalTime, TimeError> {
        let form = || TimeError::Form(text.to_owned());
        let (date_text, rest) = match text.split_once('T') {
            Some((date, rest)) => (date, Some(rest)),
            None => (text, None),
        };
        let date_parts: Vec<&str> = date_text.split('-').collect();
        let digits = |part: &str, width: usize| -> Result<u32, TimeError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(form());
            }
            part.parse().map_err(|_| form())
        };
        if date_parts.len() != 3 {
            return Err(form());
        }
        let year = digits(date_parts[0], 4)? as i32;
        let month = digits(date_parts[1], 2)?;
        let day = digits(date_parts[2], 2)?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            TimeError::Impossible(text.to_owned(), "there is no such day".to_owned())
        })?;
        let mut time = None;
        let mut offset = None;
        if let Some(rest) = rest {
            let (clock, zone) = match rest.find(['+', '-', 'Z']) {
                Some(at) => (&rest[..at], Some(&rest[at..])),
                None => (rest, None),
            };
            let parts: Vec<&str> = clock.split(':').collect();
            if parts.len() != 2 && !(parts.len() == 3 && parts[2] == "00") {
                return Err(form());
            }
            let hour = digits(parts[0], 2)?;
            let minute = digits(parts[1], 2)?;
            if hour > 23 || minute > 59 {
                return Err(TimeError::Impossible(
                    text.to_owned(),
                    "the hour must be 00 to 23 and the minute 00 to 59".to_owned(),
                ));
            }
            time = Some((hour as u8, minute as u8));
            if let Some(zone) = zone {
                offset = Some(match zone {
                    "Z" => 0,
                    _ => {
                        let sign = if zone.starts_with('-') { -1 } else { 1 };
                        let (hours, minutes) = zone[1..].split_once(':').ok_or_else(form)?;
                        let seconds = digits(hours, 2)? * 3600 + digits(minutes, 2)? * 60;
                        if seconds > 18 * 3600 {
                            return Err(form());
                        }
                        sign * seconds as i32
                    }
                });
            }
        }
        Ok(LocalTime { date, time, offset })
    }

    pub fn date(&self) -> time::Date {
        to_time_date(self.date)
    }

    /// Hour and minute, when a time of day is known.
    pub fn time(&self) -> Option<(u8, u8)> {
        self.time
    }

    /// The local date as `YYYY-MM-DD`.
    pub fn day(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// The time as printed in a programme, in the reader's language:
    /// `12:45`, `오후 12:45`.
    pub fn clock(&self) -> Option<String> {
        self.time
            .map(|(hour, minute)| kinora_i18n::Lang::current().formats().time(hour, minute))
    }

    /// Makes the local time an instant in a zone, or says why it cannot be
    /// one: a time clocks skip, a time they pass twice without an offset,
    /// or an offset the zone does not have at that time.
    pub fn resolve(&self, zone: TimeZone) -> Result<Instant, TimeError> {
        let Some((hour, minute)) = self.time else {
            return Ok(Instant::Day(to_time_date(self.date)));
        };
        let naive = NaiveDateTime::new(
            self.date,
            NaiveTime::from_hms_opt(u32::from(hour), u32::from(minute), 0)
                .expect("hour and minute were checked"),
        );
        let written = self.to_string();
        let chosen = match (zone.0.from_local_datetime(&naive), self.offset) {
            (LocalResult::None, _) => {
                return Err(TimeError::Impossible(
                    written,
                    format!(
                        "{} does not exist in {zone}: the clocks skip it (daylight saving time begins)",
                        self.clock().unwrap_or_default()
                    ),
                ));
            }
            (LocalResult::Single(at), None) => at,
            (LocalResult::Ambiguous(first, second), None) => {
                return Err(TimeError::Impossible(
                    written,
                    format!(
                        "{} happens twice in {zone} that night (daylight saving time ends): add the offset, {} or {}",
                        self.clock().unwrap_or_default(),
                        offset_text(first.offset().fix().local_minus_utc()),
                        offset_text(second.offset().fix().local_minus_utc())
                    ),
                ));
            }
            (LocalResult::Single(at), Some(offset)) => check_offset(&written, zone, &[at], offset)?,
            (LocalResult::Ambiguous(first, second), Some(offset)) => {
                check_offset(&written, zone, &[first, second], offset)?
            }
        };
        let offset_seconds = chosen.offset().fix().local_minus_utc();
        let utc = time::OffsetDateTime::from_unix_timestamp(chosen.timestamp())
            .expect("a date of a film programme is in time's range");
        let offset =
            time::UtcOffset::from_whole_seconds(offset_seconds).expect("zone offsets are in range");
        Ok(Instant::At(utc.to_offset(offset)))
    }
}

fn check_offset(
    written: &str,
    zone: TimeZone,
    readings: &[chrono::DateTime<chrono_tz::Tz>],
    offset: i32,
) -> Result<chrono::DateTime<chrono_tz::Tz>, TimeError> {
    readings
        .iter()
        .find(|at| at.offset().fix().local_minus_utc() == offset)
        .copied()
        .ok_or_else(|| {
            TimeError::Impossible(
                written.to_owned(),
                format!(
                    "{zone} is at {} then, not {}",
                    readings
                        .iter()
                        .map(|at| offset_text(at.offset().fix().local_minus_utc()))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    offset_text(offset)
                ),
            )
        })
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.abs();
    format!("{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

fn to_time_date(date: NaiveDate) -> time::Date {
    use chrono::Datelike;
    time::Date::from_calendar_date(
        date.year(),
        time::Month::try_from(date.month() as u8).expect("chrono months are 1 to 12"),
        date.day() as u8,
    )
    .expect("a chrono date is a date")
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.day())?;
        if let Some(clock) = self.clock() {
            write!(f, "T{clock}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, "{}", offset_text(offset))?;
        }
        Ok(())
    }
}

impl PartialOrd for LocalTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Orders by day, then time of day (a day alone first); offsets are not
/// compared, so two local times in one zone order as their clocks do.
impl Ord for LocalTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.date, self.time, self.offset).cmp(&(other.date, other.time, other.offset))
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LocalTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amsterdam() -> TimeZone {
        TimeZone::parse("Europe/Amsterdam").unwrap()
    }

    #[test]
    fn a_programme_time_becomes_an_instant_in_its_zone() {
        let at = LocalTime::parse("2012-11-19T12:45").unwrap();
        let instant = at.resolve(amsterdam()).unwrap();
        assert_eq!(instant.iso(), "2012-11-19T12:45:00+01:00");
        assert_eq!(
            instant.utc().unwrap(),
            time::macros::datetime!(2012-11-19 11:45 UTC)
        );
        let seoul = TimeZone::parse("Asia/Seoul").unwrap();
        assert_eq!(
            LocalTime::parse("2008-06-26T19:00")
                .unwrap()
                .resolve(seoul)
                .unwrap()
                .iso(),
            "2008-06-26T19:00:00+09:00"
        );
        assert_eq!(at.to_string(), "2012-11-19T12:45");
        assert_eq!(
            LocalTime::parse("2008-04-28")
                .unwrap()
                .resolve(amsterdam())
                .unwrap(),
            Instant::Day(time::macros::date!(2008 - 04 - 28))
        );
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused() {
        // 31 March 2013: Amsterdam's clocks go from 02:00 to 03:00.
        let error = LocalTime::parse("2013-03-31T02:30")
            .unwrap()
            .resolve(amsterdam())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("does not exist in Europe/Amsterdam"),
            "{error}"
        );
    }

    #[test]
    fn a_time_the_clocks_pass_twice_needs_its_offset() {
        // 28 October 2012: Amsterdam's clocks go from 03:00 back to 02:00.
        let error = LocalTime::parse("2012-10-28T02:30")
            .unwrap()
            .resolve(amsterdam())
            .unwrap_err()
            .to_string();
        assert!(error.contains("+02:00 or +01:00"), "{error}");
        let later = LocalTime::parse("2012-10-28T02:30+01:00")
            .unwrap()
            .resolve(amsterdam())
            .unwrap();
        assert_eq!(
            later.utc().unwrap(),
            time::macros::datetime!(2012-10-28 01:30 UTC)
        );
        let wrong = LocalTime::parse("2012-11-19T12:45+05:00")
            .unwrap()
            .resolve(amsterdam())
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("at +01:00 then, not +05:00"), "{wrong}");
    }

    #[test]
    fn bad_zones_and_times_are_refused_with_what_to_write() {
        let zone = TimeZone::parse("Europe/Amsterdm").unwrap_err().to_string();
        assert!(
            zone.contains("`Europe/Amsterdm` is not an IANA time zone"),
            "{zone}"
        );
        for bad in [
            "2012-11-19 12:45",
            "19 Nov 2012",
            "2012-11-19T1245",
            "2012-11",
        ] {
            assert!(
                matches!(LocalTime::parse(bad), Err(TimeError::Form(_))),
                "{bad}"
            );
        }
        for impossible in ["2012-02-30", "2012-11-19T24:10", "2012-11-19T12:61"] {
            assert!(
                matches!(LocalTime::parse(impossible), Err(TimeError::Impossible(..))),
                "{impossible}"
            );
        }
        assert_eq!(amsterdam().city(), "Amsterdam");
        assert_eq!(
            TimeZone::parse("America/New_York").unwrap().city(),
            "New York"
        );
    }
}
