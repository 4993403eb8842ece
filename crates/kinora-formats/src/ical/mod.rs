//! iCalendar files (RFC 5545) for screening calendars.
//!
//! A film, a festival edition, a venue or a person can be followed in a
//! calendar program: [`write`] turns a [`Calendar`] of screenings into an
//! `.ics` file that such programs import or subscribe to. Times are written
//! in UTC, so no time zone definitions are needed; all-day events are plain
//! dates. The output depends only on the input, so the same calendar always
//! gives the same bytes and calendar programs see no spurious changes.
//!
//! Text is escaped as RFC 5545 wants (backslashes, commas, semicolons and
//! line breaks), carriage returns become line breaks, and other control
//! characters are left out. Content lines are folded at 75 octets without
//! breaking a UTF-8 character: the `icalendar` crate's own folding can leave
//! a continuation line one octet too long, so the lines are folded again
//! here.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Component, DatePerhapsTime, EventLike, EventStatus, Parameter, Property};
use time::{Date, OffsetDateTime, Time, UtcOffset};

/// A calendar: the screenings of a film, a festival edition, a venue or a
/// person.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// The name calendar programs show for it, e.g. "IDFA 2012 on Kinora".
    pub name: String,
    pub description: Option<String>,
    /// The page the calendar follows.
    pub url: Option<String>,
    pub events: Vec<CalendarEvent>,
}

/// One event of a calendar, usually a screening.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    /// A permanent identifier, unique across calendars, e.g.
    /// `screening-idfa-2012-3@kinora`. Calendar programs use it to tell an
    /// updated event from a new one, so it must never change.
    pub uid: String,
    pub summary: String,
    pub start: When,
    /// When the event ends. For an event at a time, the moment it ends; an
    /// end that is not after the start is left out. For an all-day event,
    /// the last day it runs, counted in (a one-day event may leave it out);
    /// the file gives the day after, as RFC 5545 wants.
    pub end: Option<When>,
    /// Where it takes place, e.g. "Tuschinski 1, Amsterdam".
    pub location: Option<String>,
    pub description: Option<String>,
    /// The event's page.
    pub url: Option<String>,
    /// Tags such as the festival section, one term each.
    pub categories: Vec<String>,
    /// When the event last changed. It is written as both the time stamp and
    /// the last modification time, so the output does not depend on the
    /// clock.
    pub updated: OffsetDateTime,
    /// Whether the event has been called off. A cancelled event stays in
    /// the calendar, marked as such, so subscribers see that it is off.
    pub cancelled: bool,
}

/// When an event starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A moment, written in UTC to the second.
    At(OffsetDateTime),
    /// A whole day, with no time of day.
    Day(Date),
}

/// The media type to serve a calendar with.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// The product identifier written in every calendar.
pub const PRODUCT_ID: &str = "-//Kinora//Kinora//EN";

/// How often subscribing calendar programs should fetch the calendar again.
const REFRESH_INTERVAL: &str = "PT12H";

/// The longest a content line may be, in octets, not counting its line break.
const LINE_OCTETS: usize = 75;

/// The calendar as an iCalendar file (UTF-8, CRLF line breaks).
pub fn write(calendar: &Calendar) -> String {
    let mut ical = icalendar::Calendar::empty();
    ical.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODUCT_ID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"));
    // NAME and DESCRIPTION (RFC 7986) along with X-WR-CALNAME and
    // X-WR-CALDESC, which older programs read.
    // The `icalendar` crate escapes the text of the properties it knows as
    // text, and of X- ones, but not NAME: that one is escaped here, or a
    // line break in a name would start a line of its own (a whole event).
    ical.append_property(Property::new("NAME", escape(&text(&calendar.name))))
        .append_property(Property::new("X-WR-CALNAME", text(&calendar.name)));
    if let Some(description) = non_empty(&calendar.description) {
        ical.description(&text(description));
    }
    if let Some(url) = non_empty(&calendar.url) {
        ical.append_property(Property::new("URL", one_line(url)));
    }
    ical.append_property(
        Property::new("REFRESH-INTERVAL", REFRESH_INTERVAL)
            .append_parameter(Parameter::new("VALUE", "DURATION"))
            .done(),
    )
    .append_property(Property::new("X-PUBLISHED-TTL", REFRESH_INTERVAL));
    ical.extend(calendar.events.iter().map(vevent));
    // No content line holds a line break (text is escaped and carriage
    // returns are removed), so every CRLF followed by a space is a fold.
    fold(&ical.to_string().replace("\r\n ", ""))
}

fn vevent(event: &CalendarEvent) -> icalendar::Event {
    let updated = utc(event.updated);
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&one_line(&event.uid))
        .timestamp(updated)
        .last_modified(updated)
        .summary(&text(&event.summary))
        .starts(start(event.start))
        .status(if event.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if let Some(end) = end(event.start, event.end) {
        vevent.ends(end);
    }
    // A day with no time given does not fill the day: it leaves the
    // reader's time free.
    if matches!(event.start, When::Day(_)) {
        vevent.add_property("TRANSP", "TRANSPARENT");
    }
    if let Some(location) = non_empty(&event.location) {
        vevent.location(&text(location));
    }
    if let Some(description) = non_empty(&event.description) {
        vevent.description(&text(description));
    }
    if let Some(url) = non_empty(&event.url) {
        vevent.url(&one_line(url));
    }
    let categories: Vec<String> = event
        .categories
        .iter()
        .map(|c| text(c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    if !categories.is_empty() {
        vevent.categories(categories);
    }
    vevent.done()
}

fn start(start: When) -> DatePerhapsTime {
    match start {
        When::At(at) => utc(at).into(),
        When::Day(day) => naive_date(day).into(),
    }
}

/// DTEND: the moment an event at a time ends, or the day after the last day
/// of an all-day event. Its value type follows the start's, as RFC 5545
/// requires, and it is always after the start.
fn end(start: When, end: Option<When>) -> Option<DatePerhapsTime> {
    match start {
        When::At(start) => {
            let end = match end? {
                When::At(at) => at,
                When::Day(day) => day.next_day()?.with_time(Time::MIDNIGHT).assume_utc(),
            };
            (utc(end) > utc(start)).then(|| utc(end).into())
        }
        When::Day(start) => {
            let last = match end {
                None => start,
                Some(When::Day(day)) => day,
                Some(When::At(at)) => at.checked_to_offset(UtcOffset::UTC).unwrap_or(at).date(),
            };
            let after = naive_date(last.max(start)).succ_opt()?;
            Some(after.into())
        }
    }
}

/// The earliest and latest moments a four-digit year can write:
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const FIRST_SECOND: i64 = -62_135_596_800;
const LAST_SECOND: i64 = 253_402_300_799;

/// The moment in UTC, to the second. A moment before year 1 or after 9999
/// becomes the nearest one a four-digit year can write.
fn utc(when: OffsetDateTime) -> DateTime<Utc> {
    let seconds = when.unix_timestamp().clamp(FIRST_SECOND, LAST_SECOND);
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// The day as a `chrono` date. A day before year 1 or after 9999 becomes
/// the nearest one a four-digit year can write.
fn naive_date(day: Date) -> NaiveDate {
    let (year, month, day) = match day.year() {
        ..=0 => (1, 1, 1),
        10_000.. => (9999, 12, 31),
        year => (year, u8::from(day.month()).into(), day.day().into()),
    };
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

/// Text as RFC 5545 can carry it before escaping: line breaks are `\n`, and
/// control characters other than tab and line break are left out.
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !c.is_control())
        .collect()
}

/// TEXT as RFC 5545 (section 3.3.11) escapes it: backslashes, semicolons,
/// commas and line breaks.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A value that must stay on one line (a UID, a URL), without control
/// characters.
fn one_line(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// Folds each content line longer than 75 octets (RFC 5545, section 3.1).
/// The rest goes on continuation lines that start with a space and hold at
/// most 74 octets more, and no line is broken inside a UTF-8 character.
fn fold(unfolded: &str) -> String {
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LINE_OCTETS;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LINE_OCTETS - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
