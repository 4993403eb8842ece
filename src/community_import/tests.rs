use time::{Date, Month};

use super::days::{day, parse_day};
use super::files::{HistoryFormat, guess_format};

#[test]
fn a_header_with_imdbs_const_column_is_imdbs() {
    let guess = |bytes: &[u8]| guess_format("file.csv", bytes).unwrap();
    assert_eq!(
        guess(b"Const,Your Rating,Date Rated\n"),
        HistoryFormat::Imdb
    );
    assert_eq!(guess(b"\"Const\", \"Title\"\r\n"), HistoryFormat::Imdb);
    assert_eq!(guess(b"Position, CONST ,Created\n"), HistoryFormat::Imdb);
    assert_eq!(
        guess(b"Date,Name,Year,Letterboxd URI\n"),
        HistoryFormat::Letterboxd
    );
    // A comma inside quotes is part of the name, not a second column.
    assert_eq!(guess(b"\"Title,Const\",Year\n"), HistoryFormat::Letterboxd);
    // Only the header row counts.
    assert_eq!(
        guess(b"Date,Name\n2024-01-01,Const\n"),
        HistoryFormat::Letterboxd
    );
}

#[test]
fn a_byte_order_mark_before_the_header_is_passed_over() {
    let guess = |bytes: &[u8]| guess_format("file.csv", bytes).unwrap();
    assert_eq!(guess(b"\xEF\xBB\xBFConst,Title\n"), HistoryFormat::Imdb);
    assert_eq!(
        guess(b"\xEF\xBB\xBF\"Const\",\"Title\"\n"),
        HistoryFormat::Imdb
    );
    let error = guess_format("empty.csv", b"\xEF\xBB\xBF").unwrap_err();
    assert_eq!(error.to_string(), "empty.csv: the file is empty");
}

#[test]
fn a_zip_is_a_letterboxd_export_and_an_empty_file_is_refused() {
    assert_eq!(
        guess_format("export.csv", b"PK\x03\x04").unwrap(),
        HistoryFormat::Letterboxd
    );
    assert_eq!(
        guess_format("EXPORT.ZIP", b"Const\n").unwrap(),
        HistoryFormat::Letterboxd
    );
    let error = guess_format("empty.csv", b"").unwrap_err();
    assert_eq!(error.to_string(), "empty.csv: the file is empty");
}

#[test]
fn a_day_is_four_two_and_two_digits() {
    let date = |year, month, day| Date::from_calendar_date(year, month, day).unwrap();
    assert_eq!(parse_day("2024-03-09"), Some(date(2024, Month::March, 9)));
    for text in [
        "+2024-03-09",
        "-2024-03-09",
        "02024-03-09",
        "2024-3-9",
        "2024-03-9",
        "2024-03-09 ",
        "2024-02-30",
        "",
    ] {
        assert_eq!(parse_day(text), None, "{text:?}");
    }
    assert_eq!(day(date(2024, Month::March, 9)), "2024-03-09");
    assert_eq!(day(date(987, Month::December, 31)), "0987-12-31");
}
