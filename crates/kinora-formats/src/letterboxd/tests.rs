use std::io::{Cursor, Write};

use time::macros::date;

use super::rows::half_stars;
use super::*;

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/letterboxd")
}

/// The fixture's files, by their name in an export.
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let dir = fixture_dir();
    let mut files = Vec::new();
    for name in [
        "diary.csv",
        "reviews.csv",
        "ratings.csv",
        "watched.csv",
        "watchlist.csv",
        "likes/films.csv",
        "lists/films-on-north-korean-refugees.csv",
        "lists/classics-i-keep-coming-back-to.csv",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        files.push((name.to_owned(), bytes));
    }
    files
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        writer
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn file(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.to_owned(), text.as_bytes().to_vec())
}

fn key(title: &str, year: i32) -> (String, Option<i32>) {
    (title.to_owned(), Some(year))
}

#[test]
fn the_sample_export_reads_from_a_zip_with_a_top_folder() {
    let folder = "letterboxd-kinora_sample-2026-11-22-08-00-utc/";
    let mut files: Vec<(String, Vec<u8>)> = fixture_files()
        .into_iter()
        .map(|(name, bytes)| (format!("{folder}{name}"), bytes))
        .collect();
    // Files an export also holds, which are not read: deleted entries
    // keep the same file names one folder down.
    files.push(file(
        &format!("{folder}deleted/diary.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2025-01-01,Deleted,2000,https://boxd.it/x,9,,,\n",
    ));
    files.push(file(
        &format!("{folder}comments.csv"),
        "Date,Content,Comment\n",
    ));
    let export = read_export(Cursor::new(zip_of(&files))).unwrap();

    assert_eq!(export.diary.len(), 12, "11 viewings and a review alone");
    assert_eq!(export.reviews.len(), 3);
    assert_eq!(export.ratings.len(), 12);
    assert_eq!(export.watched.len(), 18);
    assert_eq!(export.watchlist.len(), 6);
    assert_eq!(export.likes.len(), 3);

    let crossing = export
        .diary
        .iter()
        .find(|entry| entry.film.title == "Crossing")
        .unwrap();
    assert_eq!(crossing.film.year, Some(2008));
    assert_eq!(crossing.rating, Some(10));
    assert_eq!(crossing.watched, Some(date!(2026 - 06 - 25)));
    assert_eq!(crossing.tags, ["north korea", "refugees"]);
    let review = crossing.review.as_deref().unwrap();
    assert!(
        review.contains("||Joon-i dies in the Mongolian desert"),
        "{review}"
    );
    assert!(review.contains("\n\n"), "the review keeps its paragraphs");
    assert_eq!(
        crossing.line,
        Origin {
            file: "diary.csv".to_owned(),
            line: 7
        }
    );

    let oldboy: Vec<_> = export
        .diary
        .iter()
        .filter(|entry| entry.film.title == "Oldboy")
        .map(|entry| (entry.watched, entry.rating, entry.rewatch))
        .collect();
    assert_eq!(
        oldboy,
        [
            (Some(date!(2026 - 03 - 07)), Some(9), true),
            (Some(date!(2026 - 10 - 31)), Some(10), true)
        ]
    );

    let quoted = export
        .diary
        .iter()
        .find(|entry| entry.film.title.starts_with("Waiting"))
        .unwrap();
    assert_eq!(quoted.film.title, "Waiting for \"Superman\"");
    assert_eq!(quoted.rating, None);
    assert!(
        export
            .diary
            .iter()
            .any(|entry| entry.film.title == "The Good, the Bad, the Weird")
    );

    let tokyo = export.diary.last().unwrap();
    assert_eq!(
        (
            tokyo.film.title.as_str(),
            tokyo.watched,
            tokyo.review.is_some()
        ),
        ("Tokyo Story", None, true)
    );
    assert_eq!(tokyo.line.file, "reviews.csv");

    let rated: Vec<_> = export
        .ratings
        .iter()
        .map(|rating| (rating.film.title.as_str(), rating.rating))
        .take(3)
        .collect();
    assert_eq!(
        rated,
        [("Seven Samurai", 10), ("Ikiru", 9), ("Rashomon", 8)]
    );
    assert!(export.watched.iter().any(
        |listed| (listed.film.title.clone(), listed.film.year) == key("Le Samouraï", 1967)
    ));

    let names: Vec<_> = export.lists.iter().map(|list| list.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Classics I keep coming back to",
            "Films on North Korean refugees"
        ]
    );
    let refugees = &export.lists[1];
    assert_eq!(refugees.file, "lists/films-on-north-korean-refugees.csv");
    assert_eq!(refugees.created, Some(date!(2026 - 06 - 26)));
    assert_eq!(refugees.tags, ["north korea", "refugees", "documentary"]);
    assert!(
        refugees
            .description
            .as_deref()
            .unwrap()
            .starts_with("Fiction and documentary")
    );
    let items: Vec<_> = refugees
        .items
        .iter()
        .map(|item| (item.position, item.film.title.as_str(), item.film.year))
        .collect();
    assert_eq!(
        items,
        [
            (1, "Crossing", Some(2008)),
            (2, "Kimjongilia", Some(2009)),
            (3, "Camp 14: Total Control Zone", Some(2012)),
            (4, "The Defector: Escape from North Korea", Some(2012)),
            (5, "Beyond Utopia", Some(2023)),
        ]
    );
    assert!(
        refugees.items[0]
            .note
            .as_deref()
            .unwrap()
            .starts_with("Start here")
    );
    assert_eq!(
        refugees.items[0].film.letterboxd_uri.as_deref(),
        Some("https://letterboxd.com/film/crossing-2008/")
    );
    assert_eq!(refugees.items[0].line.line, 6);
    let classics = &export.lists[0];
    assert_eq!(classics.description, None);
    assert_eq!(classics.items.len(), 6);
    assert_eq!(classics.items[0].note, None);
    assert_eq!(classics.items[5].film.title, "Le Samouraï");
}

#[test]
fn an_export_at_the_top_of_the_zip_reads_too() {
    let export = read_export(Cursor::new(zip_of(&fixture_files()))).unwrap();
    assert_eq!(export.diary.len(), 12);
    assert_eq!(export.lists.len(), 2);
    let only_lists = vec![fixture_files().remove(6)];
    let export = read_export(Cursor::new(zip_of(&only_lists))).unwrap();
    assert_eq!(export.lists.len(), 1);
}

#[test]
fn a_zip_without_an_export_says_what_it_holds() {
    let zip = zip_of(&[file("a.txt", "hello"), file("b.csv", "x,y\n")]);
    let error = read_export(Cursor::new(zip)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "this ZIP holds no Letterboxd export: found a.txt, b.csv"
    );
    let error = read_export(Cursor::new(b"Date,Name\n".to_vec())).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("this is not a ZIP file that can be read"),
        "{error}"
    );
}

#[test]
fn bad_values_are_refused_naming_file_line_and_column() {
    const DIARY: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n";
    const REVIEWS: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n";
    let many_good_reviews: String = (0..12)
        .map(|_| "2026-01-01,Ikiru,1952,https://boxd.it/a,4,,Good.,,2026-01-01\n")
        .collect();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "reviews.csv",
            format!(
                "{REVIEWS}{many_good_reviews}2026-01-02,Oldboy,2003,https://boxd.it/b,6,,Too much.,,2026-01-02\n"
            ),
            "reviews.csv line 14, column \"Rating\": \"6\" is not a rating from 0.5 to 5",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,Ikiru,1952,,4.25,,,2026-01-01\n"),
            "diary.csv line 2, column \"Rating\": \"4.25\" is not a rating from 0.5 to 5",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,Ikiru,1952,,0,,,2026-01-01\n"),
            "diary.csv line 2, column \"Rating\": \"0\" is not a rating from 0.5 to 5",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,Ikiru,1952,,4,,,2026-02-30\n"),
            "diary.csv line 2, column \"Watched Date\": \"2026-02-30\" is not a date written YYYY-MM-DD",
        ),
        (
            "diary.csv",
            format!("{DIARY}22/11/2026,Ikiru,1952,,4,,,2026-02-03\n"),
            "diary.csv line 2, column \"Date\": \"22/11/2026\" is not a date written YYYY-MM-DD",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,Ikiru,19522,,4,,,2026-02-03\n"),
            "diary.csv line 2, column \"Year\": \"19522\" is not a year",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,Ikiru,1952,,4,Twice,,2026-02-03\n"),
            "diary.csv line 2, column \"Rewatch\": \"Twice\" is not Yes, true or false",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,,1952,,4,,,2026-02-03\n"),
            "diary.csv line 2, column \"Name\": the field is empty",
        ),
        (
            "diary.csv",
            "Date,Name,Year,Letterboxd URI,Rating\n".to_owned(),
            "diary.csv: the column \"Watched Date\" is missing: the header row is Date, Name, Year, Letterboxd URI, Rating",
        ),
        (
            "ratings.csv",
            "Date,Name,Year,Letterboxd URI,Rating\n2026-01-01,Ikiru,1952,,\n".to_owned(),
            "ratings.csv line 2, column \"Rating\": the rating is missing",
        ),
        (
            "diary.csv",
            format!("{DIARY}2026-01-01,\"Ikiru,1952\n"),
            "diary.csv line 2: the line is not UTF-8 text",
        ),
    ];
    for (name, text, expected) in cases {
        let mut bytes = text.into_bytes();
        if expected.contains("UTF-8") {
            bytes.extend_from_slice(b"\xff\"\n");
        }
        let zip = zip_of(&[(name.to_owned(), bytes.clone())]);
        let error = read_export(Cursor::new(zip)).unwrap_err();
        assert_eq!(error.to_string(), expected);
        // A single file uploaded on its own fails the same way.
        let error = read_csv(name, bytes.as_slice()).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn columns_are_found_by_name_in_any_order_after_a_byte_order_mark() {
    let text = "\u{feff}Watched Date,Rating,Name,Extra,Year,Tags,Rewatch\n\
                2026-06-25,5,Crossing,whatever,2008,north korea,Yes\n";
    let export = read_csv("diary.csv", text.as_bytes()).unwrap();
    let entry = &export.diary[0];
    assert_eq!(
        (
            entry.film.title.as_str(),
            entry.film.year,
            entry.rating,
            entry.rewatch,
            entry.watched,
            entry.logged,
            entry.film.letterboxd_uri.clone()
        ),
        (
            "Crossing",
            Some(2008),
            Some(10),
            true,
            Some(date!(2026 - 06 - 25)),
            None,
            None
        )
    );
}

#[test]
fn a_single_file_is_read_by_its_columns_and_name() {
    let dir = fixture_dir();
    let read = |name: &str, as_name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        read_csv(as_name, bytes.as_slice()).unwrap()
    };
    assert_eq!(read("ratings.csv", "ratings.csv").ratings.len(), 12);
    assert_eq!(read("diary.csv", "diary.csv").diary.len(), 11);
    let reviews = read("reviews.csv", "reviews.csv");
    assert_eq!((reviews.diary.len(), reviews.reviews.len()), (3, 3));
    assert_eq!(read("watchlist.csv", "watchlist.csv").watchlist.len(), 6);
    assert_eq!(read("watched.csv", "watched.csv").watched.len(), 18);
    // Names a browser gives a second download.
    assert_eq!(
        read("watchlist.csv", "watchlist (1).csv").watchlist.len(),
        6
    );
    assert_eq!(read("diary.csv", "export.csv").diary.len(), 11);
    assert_eq!(
        read("ratings.csv", "C:\\Users\\me\\ratings.csv")
            .ratings
            .len(),
        12
    );
    let list = read(
        "lists/films-on-north-korean-refugees.csv",
        "films-on-north-korean-refugees.csv",
    );
    assert_eq!(list.lists[0].items.len(), 5);

    let error = read_csv("films.csv", "Film,Score\nIkiru,9\n".as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "films.csv: this is not a Letterboxd file: its columns are Film, Score"
    );
    let error = read_csv("empty.csv", "".as_bytes()).unwrap_err();
    assert_eq!(error.to_string(), "empty.csv: the file is empty");
}

#[test]
fn a_list_file_is_checked() {
    let cases = [
        (
            "Position,Name,Year,URL,Description\n1,Ikiru,1952,,\n",
            "lists/x.csv line 1: this is not a Letterboxd list: its first line should be \"Letterboxd list export v7\", but is \"Position, Name, Year, URL, Description\"",
        ),
        (
            "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n",
            "lists/x.csv: the list's own row is missing",
        ),
        (
            "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2026-01-01,Mine,,,\n\nPosition,Name,Year,URL,Description\nfirst,Ikiru,1952,,\n",
            "lists/x.csv line 6, column \"Position\": \"first\" is not a position",
        ),
    ];
    for (text, expected) in cases {
        let zip = zip_of(&[file("lists/x.csv", text)]);
        let error = read_export(Cursor::new(zip)).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
    // A list with no films yet.
    let text = "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2026-01-01,Mine,,,\n";
    let export = read_csv("mine.csv", text.as_bytes()).unwrap();
    assert_eq!(export.lists[0].name, "Mine");
    assert!(export.lists[0].items.is_empty());
}

fn sample_rows() -> Vec<ImportRow> {
    vec![
        ImportRow {
            film: FilmKey {
                title: "Crossing".to_owned(),
                year: Some(2008),
                letterboxd_uri: Some("https://letterboxd.com/film/crossing-2008/".to_owned()),
                imdb_id: None,
                tmdb_id: None,
            },
            rating: Some(10),
            watched: Some(date!(2026 - 06 - 25)),
            rewatch: false,
            tags: vec!["north korea".to_owned(), "refugees".to_owned()],
            review: Some("A father, a son, a border.\n\n||He does not make it.||".to_owned()),
        },
        ImportRow {
            film: FilmKey {
                title: "The Good, the Bad, the Weird".to_owned(),
                year: Some(2008),
                letterboxd_uri: None,
                imdb_id: Some("tt0901487".to_owned()),
                tmdb_id: None,
            },
            rating: Some(5),
            watched: None,
            rewatch: true,
            tags: Vec::new(),
            review: None,
        },
        ImportRow {
            film: FilmKey {
                title: "Waiting for \"Superman\"".to_owned(),
                year: Some(2010),
                letterboxd_uri: None,
                imdb_id: Some("tt1566648".to_owned()),
                tmdb_id: Some(39_440),
            },
            rating: None,
            watched: Some(date!(2026 - 09 - 13)),
            rewatch: false,
            tags: vec!["documentary".to_owned()],
            review: None,
        },
    ]
}

#[test]
fn the_import_file_written_is_read_back() {
    let rows = sample_rows();
    let mut out = Vec::new();
    write_import(&rows, &mut out).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.starts_with(
        "LetterboxdURI,tmdbID,imdbID,Title,Year,Rating10,WatchedDate,Rewatch,Tags,Review\n"
    ));
    assert!(
        text.contains(",tt0901487,\"The Good, the Bad, the Weird\",2008,5,,true,,\n"),
        "{text}"
    );
    assert!(text.contains("\"Waiting for \"\"Superman\"\"\""), "{text}");

    let export = read_csv("kinora-letterboxd.csv", out.as_slice()).unwrap();
    let back: Vec<ImportRow> = export
        .diary
        .iter()
        .map(|entry| {
            assert_eq!(entry.logged, None);
            ImportRow {
                film: entry.film.clone(),
                rating: entry.rating,
                watched: entry.watched,
                rewatch: entry.rewatch,
                tags: entry.tags.clone(),
                review: entry.review.clone(),
            }
        })
        .collect();
    assert_eq!(back, rows);
    assert_eq!(
        export.diary[1].line.line, 5,
        "the review of row 1 spans lines"
    );
}

#[test]
fn the_import_layout_is_read_with_its_other_columns() {
    let text = "Title,Year,Directors,Rating,WatchedDate,Rewatch,imdbID\n\
                Ikiru,1952,Akira Kurosawa,4.5,2026-02-14,false,tt0044741\n\
                ,,,,,,tt0364569\n\
                Oldboy,2003,,4.5,,yes,tt364569\n";
    let error = read_csv("import.csv", text.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "import.csv line 4, column \"imdbID\": \"tt364569\" is not an IMDb id (tt0000000)"
    );
    let export = read_csv(
        "import.csv",
        &text.as_bytes()[..text.rfind("Oldboy").unwrap()],
    )
    .unwrap();
    assert_eq!(export.diary[0].rating, Some(9));
    assert_eq!(export.diary[1].film.imdb_id.as_deref(), Some("tt0364569"));
    assert_eq!(export.diary[1].film.title, "");

    let cases = [
        (
            "Title,Rating10\nIkiru,11\n",
            "i.csv line 2, column \"Rating10\": \"11\" is not a rating from 1 to 10",
        ),
        (
            "Title,Year\n,1952\n",
            "i.csv line 2: the row names no film: it needs a Title, an imdbID, a tmdbID or a LetterboxdURI",
        ),
        (
            "Title,tmdbID\nIkiru,abc\n",
            "i.csv line 2, column \"tmdbID\": \"abc\" is not a TMDB id",
        ),
    ];
    for (text, expected) in cases {
        let error = read_csv("i.csv", text.as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn rows_letterboxd_would_misread_are_not_written() {
    let base = sample_rows().remove(0);
    let cases = [
        (
            ImportRow {
                rating: Some(11),
                ..base.clone()
            },
            "line 2, column \"Rating10\": 11 is not a rating from 1 to 10",
        ),
        (
            ImportRow {
                tags: vec!["seoul, 2008".to_owned()],
                ..base.clone()
            },
            "line 2, column \"Tags\": the tag \"seoul, 2008\" holds a comma, which would split it in two",
        ),
        (
            ImportRow {
                film: FilmKey {
                    imdb_id: Some("1171305".to_owned()),
                    ..base.film.clone()
                },
                ..base.clone()
            },
            "line 2, column \"imdbID\": \"1171305\" is not an IMDb id",
        ),
        (
            ImportRow {
                film: FilmKey::default(),
                ..base.clone()
            },
            "line 2, column \"Title\": a row needs a title, an IMDb id, a TMDB id or a Letterboxd URI",
        ),
    ];
    for (row, expected) in cases {
        let error = write_import(&[row], Vec::new()).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn ratings_double_in_half_stars() {
    let cases = [
        ("0.5", Some(1)),
        ("1", Some(2)),
        ("2.5", Some(5)),
        ("4.5", Some(9)),
        ("5", Some(10)),
        ("5.0", Some(10)),
        ("0", None),
        ("5.5", None),
        ("4.25", None),
        ("NaN", None),
        ("-1", None),
        ("four", None),
    ];
    for (text, expected) in cases {
        assert_eq!(half_stars(text), expected, "{text}");
    }
}

#[test]
fn written_cells_never_start_a_formula() {
    let row = |title: &str, review: &str| ImportRow {
        film: FilmKey {
            title: title.to_owned(),
            year: Some(2008),
            letterboxd_uri: None,
            imdb_id: None,
            tmdb_id: None,
        },
        rating: None,
        watched: None,
        rewatch: false,
        tags: vec!["@everyone".to_owned()],
        review: Some(review.to_owned()),
    };
    let mut out = Vec::new();
    write_import(
        &[
            row(
                "=HYPERLINK(\"http://evil.example\",\"Crossing\")",
                "+1 from me",
            ),
            row("Crossing", "-\tfine"),
        ],
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?} in\n{text}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");
}
