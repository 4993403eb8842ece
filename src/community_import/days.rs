//! A day as members' files and the account's history write it:
//! `2026-11-22`, four, two and two digits.

use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

/// `YYYY-MM-DD`.
const DAY: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// A date written as [`DAY`].
pub(super) fn day(date: Date) -> String {
    // A date has every part the description names, and a String takes any
    // text: writing it cannot fail.
    date.format(DAY).expect("a date is written YYYY-MM-DD")
}

/// A day written as [`DAY`], strictly.
pub(super) fn parse_day(text: &str) -> Option<Date> {
    // Ten bytes: the description alone would also take a sign before the year.
    (text.len() == 10)
        .then(|| Date::parse(text, DAY).ok())
        .flatten()
}
