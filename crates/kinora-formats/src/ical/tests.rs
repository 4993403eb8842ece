use super::*;
use chrono::TimeZone;
use icalendar::CalendarDateTime;
use time::Duration;
use time::macros::{date, datetime};

const DEFECTOR: &str = "The Defector: Escape from North Korea";
/// Longer than 75 octets, with a comma, a semicolon and a backslash.
const HANGUL_SUMMARY: &str =
    "크로싱, 탈북자의 이야기; 북한을 떠나 중국과 몽골을 거쳐 한국으로 가는 \\ 긴 여정";

fn screening(n: u32, venue: &str, start: OffsetDateTime) -> CalendarEvent {
    CalendarEvent {
        uid: format!("screening-idfa-2012-{n}@kinora"),
        summary: DEFECTOR.to_owned(),
        start: When::At(start),
        end: Some(When::At(start + Duration::minutes(71))),
        location: Some(format!("{venue}, Amsterdam")),
        description: Some(
            "Ann Shin follows two defectors on the underground railroad through China.\n\
             Director: Ann Shin; 71 min."
                .to_owned(),
        ),
        url: Some("https://kinora.example/films/the-defector-escape-from-north-korea".to_owned()),
        categories: vec!["IDFA 2012".to_owned(), "Best of Fests".to_owned()],
        updated: datetime!(2012-10-25 09:00 +02:00),
        cancelled: false,
    }
}

fn sample() -> Calendar {
    Calendar {
        name: "Screenings on Kinora".to_owned(),
        description: Some("The Defector at IDFA 2012, and Crossing".to_owned()),
        url: Some("https://kinora.example/events/idfa-2012".to_owned()),
        events: vec![
            screening(
                1,
                "Brakke Grond Rode Zaal",
                datetime!(2012-11-18 17:00 +01:00),
            ),
            screening(2, "Tuschinski 1", datetime!(2012-11-19 12:45 +01:00)),
            screening(3, "Munt 11", datetime!(2012-11-21 15:00 +01:00)),
            screening(4, "Tuschinski 4", datetime!(2012-11-24 16:45 +01:00)),
            CalendarEvent {
                uid: "screening-loc-2008@kinora".to_owned(),
                summary: "Crossing (크로싱)".to_owned(),
                start: When::Day(date!(2008 - 04 - 28)),
                end: None,
                location: Some("Library of Congress, Washington, D.C.".to_owned()),
                description: Some("A screening for members of Congress\r\nand staff.".to_owned()),
                url: Some("https://kinora.example/films/crossing-2008".to_owned()),
                categories: Vec::new(),
                updated: datetime!(2008-04-01 00:00 UTC),
                cancelled: false,
            },
            CalendarEvent {
                uid: "screening-seoul-2008@kinora".to_owned(),
                summary: HANGUL_SUMMARY.to_owned(),
                start: When::At(datetime!(2008-06-26 19:30 +09:00)),
                end: None,
                location: Some("서울, 대한극장; 1관".to_owned()),
                description: Some("Back\\slash, comma; semicolon\nnew line\u{7}".to_owned()),
                url: None,
                categories: vec!["드라마, 한국".to_owned(), " ".to_owned(), "a;b".to_owned()],
                updated: datetime!(2008-06-01 12:00:30.75 +09:00),
                cancelled: true,
            },
        ],
    }
}

fn parse(ics: &str) -> icalendar::Calendar {
    ics.parse::<icalendar::Calendar>()
        .unwrap_or_else(|e| panic!("the calendar reads back: {e}\n{ics}"))
}

fn at_utc(when: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match when {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => at,
        other => panic!("expected a UTC time, got {other:?}"),
    }
}

fn ymd_hm(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn round_trips_through_the_parser() {
    let ics = write(&sample());
    if let Some(path) = std::env::var_os("KINORA_ICAL_SAMPLE") {
        std::fs::write(path, &ics).expect("the sample is written");
    }
    let calendar = parse(&ics);

    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    assert_eq!(calendar.property_value("PRODID"), Some(PRODUCT_ID));
    assert_eq!(calendar.property_value("CALSCALE"), Some("GREGORIAN"));
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Screenings on Kinora")
    );
    assert_eq!(
        calendar.property_value("X-WR-CALDESC"),
        Some("The Defector at IDFA 2012, and Crossing")
    );
    assert_eq!(
        calendar.property_value("URL"),
        Some("https://kinora.example/events/idfa-2012")
    );
    assert_eq!(calendar.property_value("REFRESH-INTERVAL"), Some("PT12H"));
    assert_eq!(calendar.property_value("X-PUBLISHED-TTL"), Some("PT12H"));
    assert_eq!(
        calendar.get_ttl(),
        Some(chrono::Duration::hours(12)),
        "the refresh interval reads as a duration"
    );

    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), 6);
    let uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(
        uids,
        [
            "screening-idfa-2012-1@kinora",
            "screening-idfa-2012-2@kinora",
            "screening-idfa-2012-3@kinora",
            "screening-idfa-2012-4@kinora",
            "screening-loc-2008@kinora",
            "screening-seoul-2008@kinora",
        ]
    );

    let starts: Vec<DateTime<Utc>> = events[..4].iter().map(|e| at_utc(e.get_start())).collect();
    assert_eq!(
        starts,
        [
            ymd_hm(2012, 11, 18, 16, 0),
            ymd_hm(2012, 11, 19, 11, 45),
            ymd_hm(2012, 11, 21, 14, 0),
            ymd_hm(2012, 11, 24, 15, 45),
        ]
    );
    for event in &events[..4] {
        let length = at_utc(event.get_end()) - at_utc(event.get_start());
        assert_eq!(length, chrono::Duration::minutes(71));
        assert_eq!(event.get_summary(), Some(DEFECTOR));
        assert_eq!(event.get_status(), Some(EventStatus::Confirmed));
        assert_eq!(
            event.get_timestamp(),
            Some(ymd_hm(2012, 10, 25, 7, 0)),
            "DTSTAMP is the time the event was updated"
        );
        assert_eq!(event.get_last_modified(), event.get_timestamp());
        assert_eq!(
            event.get_description(),
            Some(
                "Ann Shin follows two defectors on the underground railroad through China.\n\
                 Director: Ann Shin; 71 min."
            )
        );
        assert_eq!(
            event.get_categories(),
            Some(vec!["IDFA 2012".to_owned(), "Best of Fests".to_owned()])
        );
        assert_eq!(
            event.get_url(),
            Some("https://kinora.example/films/the-defector-escape-from-north-korea")
        );
    }
    assert_eq!(
        events[1].get_location(),
        Some("Tuschinski 1, Amsterdam"),
        "the comma survives escaping"
    );

    let crossing = events[4];
    assert_eq!(
        crossing.get_start(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2008, 4, 28).unwrap()
        ))
    );
    assert_eq!(
        crossing.get_end(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2008, 4, 29).unwrap()
        )),
        "a one-day event ends, not inclusive, on the next day"
    );
    assert_eq!(crossing.get_summary(), Some("Crossing (크로싱)"));
    assert_eq!(
        crossing.get_location(),
        Some("Library of Congress, Washington, D.C.")
    );
    assert_eq!(
        crossing.get_description(),
        Some("A screening for members of Congress\nand staff.")
    );
    assert_eq!(crossing.get_categories(), None);

    let seoul = events[5];
    assert_eq!(seoul.get_summary(), Some(HANGUL_SUMMARY));
    assert_eq!(seoul.get_location(), Some("서울, 대한극장; 1관"));
    assert_eq!(
        seoul.get_description(),
        Some("Back\\slash, comma; semicolon\nnew line"),
        "the control character is left out"
    );
    assert_eq!(
        seoul.get_categories(),
        Some(vec!["드라마, 한국".to_owned(), "a;b".to_owned()])
    );
    assert_eq!(at_utc(seoul.get_start()), ymd_hm(2008, 6, 26, 10, 30));
    assert_eq!(seoul.get_end(), None);
    assert_eq!(seoul.get_url(), None);
    assert_eq!(seoul.get_status(), Some(EventStatus::Cancelled));
    assert_eq!(
        seoul.get_timestamp(),
        Some(Utc.with_ymd_and_hms(2008, 6, 1, 3, 0, 30).unwrap()),
        "written to the second"
    );
}

#[test]
fn lines_are_short_and_end_in_crlf() {
    let ics = write(&sample());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    let lines: Vec<&str> = ics.split_terminator("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "a stray line break: {line:?}");
        assert!(!line.is_empty());
    }
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "the long Hangul summary is folded"
    );
    assert!(
        lines
            .iter()
            .filter(|l| l.starts_with(' '))
            .any(|l| l.chars().nth(1).is_some_and(|c| ('가'..='힣').contains(&c))),
        "a continuation line starts inside the Hangul text"
    );
}

#[test]
fn escapes_text() {
    let ics = write(&sample());
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\r\nLOCATION:Tuschinski 1\\, Amsterdam\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\r\nDESCRIPTION:Back\\\\slash\\, comma\\; semicolon\\nnew line\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\r\nCATEGORIES:드라마\\, 한국,a\\;b\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\r\nX-WR-CALDESC:The Defector at IDFA 2012\\, and Crossing\r\n"),
        "{unfolded}"
    );
}

#[test]
fn writes_the_same_bytes_for_the_same_calendar() {
    assert_eq!(write(&sample()), write(&sample()));
}

#[test]
fn writes_a_small_calendar_exactly() {
    let calendar = Calendar {
        name: "Tuschinski 1".to_owned(),
        description: None,
        url: None,
        events: vec![CalendarEvent {
            uid: "screening-idfa-2012-2@kinora".to_owned(),
            summary: DEFECTOR.to_owned(),
            start: When::At(datetime!(2012-11-19 12:45 +01:00)),
            end: Some(When::At(datetime!(2012-11-19 13:56 +01:00))),
            location: Some("Tuschinski 1, Amsterdam".to_owned()),
            description: None,
            url: None,
            categories: Vec::new(),
            updated: datetime!(2012-10-25 07:00 UTC),
            cancelled: false,
        }],
    };
    let expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kinora//Kinora//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Tuschinski 1",
        "X-WR-CALNAME:Tuschinski 1",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        "BEGIN:VEVENT",
        "DTEND:20121119T125600Z",
        "DTSTAMP:20121025T070000Z",
        "DTSTART:20121119T114500Z",
        "LAST-MODIFIED:20121025T070000Z",
        "LOCATION:Tuschinski 1\\, Amsterdam",
        "STATUS:CONFIRMED",
        "SUMMARY:The Defector: Escape from North Korea",
        "UID:screening-idfa-2012-2@kinora",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    assert_eq!(write(&calendar), expected);
}

#[test]
fn an_empty_calendar_is_valid() {
    let calendar = Calendar {
        name: String::new(),
        description: Some(" ".to_owned()),
        url: Some(String::new()),
        events: Vec::new(),
    };
    let ics = write(&calendar);
    let read = parse(&ics);
    assert_eq!(read.events().count(), 0);
    assert!(!ics.contains("X-WR-CALDESC"), "{ics}");
    assert!(!ics.contains("\r\nURL"), "{ics}");
}

#[test]
fn all_day_events_end_the_day_after_their_last_day() {
    let ends = |start: When, end: Option<When>| {
        let mut calendar = sample();
        calendar.events.truncate(1);
        calendar.events[0].start = start;
        calendar.events[0].end = end;
        let read = parse(&write(&calendar));
        let event = read.events().next().expect("one event").clone();
        (event.get_start(), event.get_end())
    };
    let day = |y, m, d| {
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        ))
    };

    let festival = ends(
        When::Day(date!(2012 - 11 - 14)),
        Some(When::Day(date!(2012 - 11 - 25))),
    );
    assert_eq!(festival, (day(2012, 11, 14), day(2012, 11, 26)));

    let backwards = ends(
        When::Day(date!(2012 - 11 - 14)),
        Some(When::Day(date!(2012 - 11 - 01))),
    );
    assert_eq!(backwards, (day(2012, 11, 14), day(2012, 11, 15)));

    let until_a_moment = ends(
        When::Day(date!(2012 - 11 - 14)),
        Some(When::At(datetime!(2012-11-16 00:30 +01:00))),
    );
    assert_eq!(until_a_moment, (day(2012, 11, 14), day(2012, 11, 16)));

    let last_day = ends(When::Day(date!(9999 - 12 - 31)), None);
    assert_eq!(last_day, (day(9999, 12, 31), None));
}

#[test]
fn timed_events_end_after_they_start() {
    let ends = |end: Option<When>| {
        let mut calendar = sample();
        calendar.events.truncate(1);
        calendar.events[0].start = When::At(datetime!(2012-11-19 12:45 +01:00));
        calendar.events[0].end = end;
        let read = parse(&write(&calendar));
        read.events().next().expect("one event").get_end()
    };
    assert_eq!(ends(None), None);
    assert_eq!(
        ends(Some(When::At(datetime!(2012-11-19 12:45 +01:00)))),
        None
    );
    assert_eq!(ends(Some(When::At(datetime!(2012-11-19 10:00 UTC)))), None);
    assert_eq!(
        at_utc(ends(Some(When::Day(date!(2012 - 11 - 19))))),
        ymd_hm(2012, 11, 20, 0, 0)
    );
}

#[test]
fn dates_out_of_range_are_clamped() {
    assert_eq!(
        DateTime::from_timestamp(FIRST_SECOND, 0).unwrap(),
        ymd_hm(1, 1, 1, 0, 0)
    );
    assert_eq!(
        DateTime::from_timestamp(LAST_SECOND, 0).unwrap(),
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap()
    );
    assert_eq!(utc(datetime!(-0005-06-01 00:00 UTC)), ymd_hm(1, 1, 1, 0, 0));
    assert_eq!(
        utc(datetime!(2012-11-19 12:45:59.999 +01:00)),
        Utc.with_ymd_and_hms(2012, 11, 19, 11, 45, 59).unwrap()
    );
    assert_eq!(
        naive_date(date!(-0004 - 02 - 29)),
        NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
    );
    assert_eq!(
        naive_date(date!(2008 - 02 - 29)),
        NaiveDate::from_ymd_opt(2008, 2, 29).unwrap()
    );
}

#[test]
fn folds_at_75_octets_on_character_boundaries() {
    for piece in ["x", "é", "크", "🎬", "a크 "] {
        for count in 0..200 {
            let line = format!("SUMMARY:{}", piece.repeat(count));
            let folded = fold(&format!("{line}\r\n"));
            assert!(folded.ends_with("\r\n"));
            for physical in folded.split_terminator("\r\n") {
                assert!(
                    physical.len() <= 75,
                    "{} octets in {physical:?}",
                    physical.len()
                );
            }
            assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }
    // Two full lines' worth: a first line of 75 octets and a
    // continuation of a space and 74.
    let line = "x".repeat(149);
    assert_eq!(
        fold(&line),
        format!("{}\r\n {}\r\n", "x".repeat(75), "x".repeat(74))
    );
}

/// Text the way an attacker or a careless editor writes it: line
/// breaks, control characters, and what would start a property or an
/// event if it began a line.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("\r\n".to_owned()),
                Just("\n".to_owned()),
                Just("\r".to_owned()),
                Just("BEGIN:VEVENT".to_owned()),
                Just("END:VCALENDAR".to_owned()),
                Just("SUMMARY:".to_owned()),
                Just(" ".to_owned()),
                "[;,:\\\\\"\t\u{0}\u{b}\u{c}\u{7f}\u{85}\u{2028}]",
                "[a-z크로싱 ]{1,8}",
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// No text given to a calendar, wherever it goes, starts a line:
    /// every line of the file is one of the properties Kinora writes,
    /// there is one event per event given, and the texts read back as
    /// they were given (line breaks kept, other control characters
    /// left out).
    #[test]
    fn no_text_starts_a_line_of_its_own(
        name in hostile_text(),
        description in hostile_text(),
        summary in hostile_text(),
        location in hostile_text(),
        category in hostile_text(),
        url in hostile_text(),
        uid in hostile_text(),
    ) {
        let calendar = Calendar {
            name: name.clone(),
            description: Some(description),
            url: Some(url.clone()),
            events: vec![CalendarEvent {
                uid,
                summary: summary.clone(),
                start: When::At(datetime!(2012-11-19 12:45 +01:00)),
                end: None,
                location: Some(location),
                description: None,
                url: Some(url),
                categories: vec![category],
                updated: datetime!(2012-11-01 09:00 UTC),
                cancelled: false,
            }],
        };
        let ics = write(&calendar);
        const KEYS: &[&str] = &[
            "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "NAME",
            "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "URL", "REFRESH-INTERVAL",
            "X-PUBLISHED-TTL", "UID", "DTSTAMP", "LAST-MODIFIED", "SUMMARY", "DTSTART",
            "STATUS", "LOCATION", "CATEGORIES",
        ];
        for line in ics.split_terminator("\r\n") {
            proptest::prop_assert!(line.len() <= LINE_OCTETS, "a long line: {line:?}");
            proptest::prop_assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        for line in unfolded.split_terminator("\r\n") {
            let key = line.split([':', ';']).next().unwrap_or_default();
            proptest::prop_assert!(KEYS.contains(&key), "a line of its own: {line:?}");
        }
        proptest::prop_assert_eq!(unfolded.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);
        let parsed = parse(&ics);
        let read_back = |written: &str| text(written);
        proptest::prop_assert_eq!(
            parsed.property_value("X-WR-CALNAME").unwrap_or_default(),
            read_back(&name)
        );
        let event = parsed.components.iter().find_map(|c| c.as_event()).unwrap();
        proptest::prop_assert_eq!(
            event.get_summary().unwrap_or_default(),
            read_back(&summary)
        );
    }
}
