//! The parsers of files members and operators bring, fed what breaks
//! parsers: random bytes, real files cut and spliced, quotes left open,
//! control characters, invalid UTF-8. They never panic, every error names
//! where it is, and every line of an IMDb file is accounted for.
//!
//! This is proptest (thousands of cases a run, shrunk to the smallest that
//! fails), which runs in `cargo test` on the stable toolchain. The same
//! parsers are also fuzzed with coverage guidance by cargo-fuzz
//! (`scripts/fuzz.sh`, libFuzzer), which needs a nightly feature.

use kinora_formats::imdb::{ImdbFile, NameRow, TitleRow, TsvReader};
use kinora_formats::{imdb_lists, letterboxd};
use proptest::prelude::*;

const DIARY: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
2024-06-25,Crossing,2008,https://boxd.it/b5Cr5n,4.5,,korea,2024-06-25\n\
2024-06-26,\"The Defector: Escape from North Korea\",2012,https://boxd.it/x,4,Yes,\"a, b\",2024-06-26\n";

const IMDB_RATINGS: &str = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n\
tt1186373,9,2024-06-25,Crossing,Keuroshing,https://www.imdb.com/title/tt1186373/,Movie,7.5,107,2008,Drama,5000,2008-06-26,Kim Tae-kyun\n";

const BASICS: &str = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
tt1186373\tmovie\tCrossing\tKeuroshing\t0\t2008\t\\N\t107\tDrama\n\
tt2345678\tmovie\tThe Defector\tThe Defector\t0\t2012\t\\N\t80\tDocumentary\n";

/// Bytes that look like the file, then are broken: spliced with random
/// bytes, cut, with characters a parser trips on.
fn mangled(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\t".to_vec()),
        Just(b",".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\\N".to_vec()),
        Just("크로싱".as_bytes().to_vec()),
        Just(b"tt0000001".to_vec()),
        Just(b"2024-13-45".to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    (
        prop::collection::vec((0..base.len(), pieces), 0..8),
        0..=base.len(),
    )
        .prop_map(move |(edits, cut)| {
            let mut bytes = base.as_bytes()[..cut.max(base.find('\n').unwrap_or(0))].to_vec();
            for (at, piece) in edits {
                let at = at.min(bytes.len());
                bytes.splice(at..at, piece);
            }
            bytes
        })
}

/// A message says where: a file, and a line when it is about one.
fn named(error: &letterboxd::Error) -> bool {
    let text = error.to_string();
    !text.trim().is_empty() && (error.file.is_some() || error.line.is_none())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn a_letterboxd_csv_is_read_or_refused_naming_where(bytes in mangled(DIARY)) {
        match letterboxd::read_csv("diary.csv", bytes.as_slice()) {
            Ok(export) => prop_assert!(export.diary.len() <= bytes.iter().filter(|&&b| b == b'\n').count() + 1),
            Err(error) => prop_assert!(named(&error), "{error:?}"),
        }
    }

    #[test]
    fn random_bytes_are_no_letterboxd_file(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(error) = letterboxd::read_csv("diary.csv", bytes.as_slice()) {
            prop_assert!(named(&error), "{error:?}");
        }
        if let Err(error) = letterboxd::read_export(std::io::Cursor::new(&bytes)) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn an_imdb_list_is_read_or_refused_naming_where(bytes in mangled(IMDB_RATINGS)) {
        if let Err(error) = imdb_lists::read("ratings.csv", bytes.as_slice()) {
            prop_assert!(named(&error), "{error:?}");
        }
    }

    /// Every line after the header is a row or a reject with its own
    /// number, in order, whatever the bytes.
    #[test]
    fn every_line_of_an_imdb_file_is_accounted_for(bytes in mangled(BASICS)) {
        let Ok(mut reader) = TsvReader::open(ImdbFile::TitleBasics, bytes.as_slice()) else {
            return Ok(());
        };
        let mut numbers = Vec::new();
        while let Some(line) = reader.next_line() {
            let number = match line {
                Ok(line) => {
                    let number = line.number;
                    let _ = TitleRow::parse(&line);
                    let _ = NameRow::parse(&line);
                    number
                }
                Err(reject) => {
                    prop_assert!(!reject.reason.is_empty());
                    reject.line
                }
            };
            numbers.push(number);
        }
        prop_assert!(reader.failure().is_none());
        let body = &bytes[bytes.iter().position(|&b| b == b'\n').map_or(bytes.len(), |at| at + 1)..];
        let lines = body.iter().filter(|&&b| b == b'\n').count()
            + usize::from(!body.is_empty() && !body.ends_with(b"\n"));
        let expected: Vec<u64> = (2..2 + lines as u64).collect();
        prop_assert_eq!(numbers, expected);
    }
}
