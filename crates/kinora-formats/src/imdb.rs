//! IMDb's dataset files: seven tab-separated files with a header line, UTF-8,
//! `\N` for a missing value, no quoting (titles hold quotes as they are).
//!
//! This module reads them row by row from any reader and turns each line
//! into a typed row or a [`Reject`] that says why; it keeps nothing, so it
//! reads files of any size in the same small memory. Deciding what the rows
//! mean for the catalog is the importer's work.

use std::io::Read;

/// The seven files, by the name IMDb gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImdbFile {
    NameBasics,
    TitleBasics,
    TitleAkas,
    TitleCrew,
    TitleEpisode,
    TitlePrincipals,
    TitleRatings,
}

impl ImdbFile {
    pub const ALL: [ImdbFile; 7] = [
        ImdbFile::NameBasics,
        ImdbFile::TitleBasics,
        ImdbFile::TitleAkas,
        ImdbFile::TitleCrew,
        ImdbFile::TitleEpisode,
        ImdbFile::TitlePrincipals,
        ImdbFile::TitleRatings,
    ];

    /// `title.basics`: the file is `title.basics.tsv` or `title.basics.tsv.gz`.
    pub fn stem(self) -> &'static str {
        match self {
            ImdbFile::NameBasics => "name.basics",
            ImdbFile::TitleBasics => "title.basics",
            ImdbFile::TitleAkas => "title.akas",
            ImdbFile::TitleCrew => "title.crew",
            ImdbFile::TitleEpisode => "title.episode",
            ImdbFile::TitlePrincipals => "title.principals",
            ImdbFile::TitleRatings => "title.ratings",
        }
    }

    /// The header line IMDb writes, field by field.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            ImdbFile::NameBasics => &[
                "nconst",
                "primaryName",
                "birthYear",
                "deathYear",
                "primaryProfession",
                "knownForTitles",
            ],
            ImdbFile::TitleBasics => &[
                "tconst",
                "titleType",
                "primaryTitle",
                "originalTitle",
                "isAdult",
                "startYear",
                "endYear",
                "runtimeMinutes",
                "genres",
            ],
            ImdbFile::TitleAkas => &[
                "titleId",
                "ordering",
                "title",
                "region",
                "language",
                "types",
                "attributes",
                "isOriginalTitle",
            ],
            ImdbFile::TitleCrew => &["tconst", "directors", "writers"],
            ImdbFile::TitleEpisode => &["tconst", "parentTconst", "seasonNumber", "episodeNumber"],
            ImdbFile::TitlePrincipals => &[
                "tconst",
                "ordering",
                "nconst",
                "category",
                "job",
                "characters",
            ],
            ImdbFile::TitleRatings => &["tconst", "averageRating", "numVotes"],
        }
    }
}

/// A line that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub line: u64,
    pub reason: String,
}

/// A file that is not the IMDb file it should be: refused before any row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this is not IMDb's {stem} file: {why}")]
pub struct NotImdb {
    pub stem: &'static str,
    pub why: String,
}

/// The fields of one line, borrowed from the reader's buffer.
pub struct Line<'a> {
    pub number: u64,
    text: &'a str,
    fields: Vec<&'a str>,
}

/// The longest line read whole. IMDb's longest lines (a person known for
/// many titles, a title with many genres) are a few hundred bytes; a longer
/// one is rejected, and never held in memory whole.
pub const MAX_LINE_BYTES: usize = 64 << 10;

/// Reads an IMDb file line by line, in bounded memory: every line is
/// read, then imported or rejected with its number.
///
/// Read by hand, not with the csv crate, which would hold a line of any
/// length whole.
pub struct TsvReader<R> {
    file: ImdbFile,
    reader: std::io::BufReader<R>,
    bytes: Vec<u8>,
    line: u64,
    /// Why reading stopped before the end (a file cut short).
    failed: Option<std::io::Error>,
}

/// How one physical line ended up.
enum Physical {
    End,
    Line,
    TooLong,
}

impl<R: Read> TsvReader<R> {
    /// Checks the header line; a file without IMDb's header is refused.
    pub fn open(file: ImdbFile, reader: R) -> Result<TsvReader<R>, NotImdb> {
        let reader = std::io::BufReader::with_capacity(1 << 16, reader);
        let mut tsv = TsvReader {
            file,
            reader,
            bytes: Vec::new(),
            line: 0,
            failed: None,
        };
        let not = |why: String| NotImdb {
            stem: file.stem(),
            why,
        };
        let read = tsv
            .read_line()
            .map_err(|error| not(format!("it cannot be read ({error})")))?;
        tsv.line = 1;
        let head = &tsv.bytes;
        if head.starts_with(b"\xFF\xFE")
            || head.starts_with(b"\xFE\xFF")
            || (head.len() >= 2 && (head[0] == 0) != (head[1] == 0))
        {
            return Err(not(
                "it is UTF-16 text; IMDb's files are UTF-8, as IMDb publishes them".into(),
            ));
        }
        if matches!(read, Physical::TooLong) {
            return Err(not(format!(
                "its first line is longer than {} KB",
                MAX_LINE_BYTES >> 10
            )));
        }
        let header = String::from_utf8_lossy(&tsv.bytes).into_owned();
        let found: Vec<&str> = header.trim_end_matches(['\n', '\r']).split('\t').collect();
        if found != file.header() {
            let expected = file.header().join(" ");
            let shown: String = header.trim_end().chars().take(80).collect();
            return Err(not(format!(
                "its first line should name the columns `{expected}`, but is `{shown}`"
            )));
        }
        Ok(tsv)
    }

    /// Why the file could not be read to its end, with the line it stopped
    /// at; `None` when it was read whole.
    pub fn failure(&self) -> Option<String> {
        self.failed.as_ref().map(|error| {
            format!(
                "it cannot be read past line {} ({error})",
                self.line.saturating_sub(1)
            )
        })
    }

    /// Reads the next physical line into `bytes`, at most
    /// [`MAX_LINE_BYTES`] of it; the rest of a longer line is passed over.
    fn read_line(&mut self) -> std::io::Result<Physical> {
        use std::io::BufRead;
        self.bytes.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let (taken, done) = match available.iter().position(|&b| b == b'\n') {
                Some(end) => (end + 1, true),
                None => (available.len(), false),
            };
            if self.bytes.len() + taken <= MAX_LINE_BYTES {
                self.bytes.extend_from_slice(&available[..taken]);
            } else {
                too_long = true;
            }
            self.reader.consume(taken);
            if done {
                break;
            }
        }
        Ok(match (any, too_long) {
            (false, _) => Physical::End,
            (true, true) => Physical::TooLong,
            (true, false) => Physical::Line,
        })
    }

    /// The next line's fields, `None` at the end. A line with the wrong
    /// number of fields, that is not UTF-8, holds a NUL or is too long is a
    /// reject with its own number; reading goes on with the next line.
    ///
    /// A file that cannot be read to its end (a .gz cut short) ends here;
    /// [`TsvReader::failure`] then says why.
    pub fn next_line(&mut self) -> Option<Result<Line<'_>, Reject>> {
        if self.failed.is_some() {
            return None;
        }
        let read = self.read_line();
        self.line += 1;
        let line = self.line;
        let reject = |reason: String| Some(Err(Reject { line, reason }));
        match read {
            Ok(Physical::End) => None,
            Err(error) => {
                self.failed = Some(error);
                None
            }
            Ok(Physical::TooLong) => reject(format!(
                "the line is longer than {} KB",
                MAX_LINE_BYTES >> 10
            )),
            Ok(Physical::Line) => match std::str::from_utf8(&self.bytes) {
                Err(error) => reject(format!(
                    "the line is not UTF-8 text (a bad byte at column {})",
                    error.valid_up_to() + 1
                )),
                Ok(text) if text.contains('\0') => {
                    reject("the line holds a NUL character".to_owned())
                }
                Ok(text) => Some(Line::split(self.file, line, text)),
            },
        }
    }
}

impl<'a> Line<'a> {
    /// Splits one line of `file` (its line break, if any, is dropped). A line
    /// with the wrong number of fields is a reject.
    pub fn split(file: ImdbFile, number: u64, text: &'a str) -> Result<Line<'a>, Reject> {
        let text = text.trim_end_matches(['\n', '\r']);
        let fields: Vec<&str> = text.split('\t').collect();
        let expected = file.header().len();
        if fields.len() != expected {
            return Err(Reject {
                line: number,
                reason: format!("{} fields where {expected} are expected", fields.len()),
            });
        }
        Ok(Line {
            number,
            text,
            fields,
        })
    }
}

impl Line<'_> {
    /// The whole line, without its line break.
    pub fn text(&self) -> &str {
        self.text
    }

    fn reject(&self, reason: impl Into<String>) -> Reject {
        Reject {
            line: self.number,
            reason: reason.into(),
        }
    }

    /// A field's text, `None` for `\N`.
    fn optional(&self, index: usize) -> Option<&str> {
        let value = self.fields[index];
        (value != "\\N" && !value.is_empty()).then_some(value)
    }

    fn required(&self, index: usize, name: &str) -> Result<&str, Reject> {
        self.optional(index)
            .ok_or_else(|| self.reject(format!("`{name}` is missing")))
    }

    fn id(&self, index: usize, name: &str, prefix: &str) -> Result<String, Reject> {
        let value = self.required(index, name)?;
        parse_id(value, prefix).ok_or_else(|| {
            self.reject(format!(
                "`{name}` is `{value}`, not an IMDb id ({prefix}0000000)"
            ))
        })
    }

    fn number<T: std::str::FromStr>(&self, index: usize, name: &str) -> Result<Option<T>, Reject> {
        match self.optional(index) {
            None => Ok(None),
            Some(text) => text
                .parse()
                .map(Some)
                .map_err(|_| self.reject(format!("`{name}` is `{text}`, not a number"))),
        }
    }

    /// A list inside one field (genres, ids), its items separated by commas.
    fn list(&self, index: usize) -> Vec<String> {
        self.optional(index)
            .map(|text| text.split(',').map(str::to_owned).collect())
            .unwrap_or_default()
    }

    fn ids(&self, index: usize, name: &str, prefix: &str) -> Result<Vec<String>, Reject> {
        self.list(index)
            .into_iter()
            .map(|value| {
                parse_id(&value, prefix).ok_or_else(|| {
                    self.reject(format!(
                        "`{name}` holds `{value}`, not an IMDb id ({prefix}0000000)"
                    ))
                })
            })
            .collect()
    }

    fn flag(&self, index: usize, name: &str) -> Result<bool, Reject> {
        match self.optional(index) {
            None | Some("0") => Ok(false),
            Some("1") => Ok(true),
            Some(other) => Err(self.reject(format!("`{name}` is `{other}`, not 0 or 1"))),
        }
    }
}

/// An IMDb id: the prefix and at least seven digits.
fn parse_id(value: &str, prefix: &str) -> Option<String> {
    let digits = value.strip_prefix(prefix)?;
    (digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| value.to_owned())
}

/// An IMDb title id: `tt` and at least seven digits.
pub(crate) fn is_imdb_id(text: &str) -> bool {
    parse_id(text, "tt").is_some()
}

/// A year as IMDb gives it, within the years films have.
fn year(line: &Line<'_>, index: usize, name: &str) -> Result<Option<i32>, Reject> {
    let year: Option<i32> = line.number(index, name)?;
    match year {
        Some(year) if !(1800..=2200).contains(&year) => {
            Err(line.reject(format!("`{name}` is {year}, not a plausible year")))
        }
        other => Ok(other),
    }
}

/// A row of name.basics.
#[derive(Debug, Clone, PartialEq)]
pub struct NameRow {
    pub nconst: String,
    pub primary_name: String,
    pub birth_year: Option<i32>,
    pub death_year: Option<i32>,
    pub professions: Vec<String>,
    pub known_for: Vec<String>,
}

impl NameRow {
    pub fn parse(line: &Line<'_>) -> Result<NameRow, Reject> {
        Ok(NameRow {
            nconst: line.id(0, "nconst", "nm")?,
            primary_name: line.required(1, "primaryName")?.to_owned(),
            birth_year: year(line, 2, "birthYear")?,
            death_year: year(line, 3, "deathYear")?,
            professions: line.list(4),
            known_for: line.ids(5, "knownForTitles", "tt")?,
        })
    }
}

/// A row of title.basics.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleRow {
    pub tconst: String,
    pub title_type: String,
    pub primary_title: String,
    pub original_title: Option<String>,
    pub is_adult: bool,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    pub genres: Vec<String>,
}

impl TitleRow {
    pub fn parse(line: &Line<'_>) -> Result<TitleRow, Reject> {
        Ok(TitleRow {
            tconst: line.id(0, "tconst", "tt")?,
            title_type: line.required(1, "titleType")?.to_owned(),
            primary_title: line.required(2, "primaryTitle")?.to_owned(),
            original_title: line.optional(3).map(str::to_owned),
            is_adult: line.flag(4, "isAdult")?,
            start_year: year(line, 5, "startYear")?,
            end_year: year(line, 6, "endYear")?,
            runtime_minutes: line.number(7, "runtimeMinutes")?,
            genres: line.list(8),
        })
    }
}

/// A row of title.akas.
#[derive(Debug, Clone, PartialEq)]
pub struct AkaRow {
    pub title_id: String,
    pub ordering: u32,
    pub title: String,
    pub region: Option<String>,
    pub language: Option<String>,
    pub types: Vec<String>,
    pub attributes: Vec<String>,
    pub is_original_title: bool,
}

impl AkaRow {
    pub fn parse(line: &Line<'_>) -> Result<AkaRow, Reject> {
        Ok(AkaRow {
            title_id: line.id(0, "titleId", "tt")?,
            ordering: line
                .number(1, "ordering")?
                .ok_or_else(|| line.reject("`ordering` is missing"))?,
            title: line.required(2, "title")?.to_owned(),
            region: line.optional(3).map(str::to_owned),
            language: line.optional(4).map(str::to_owned),
            // IMDb separates several types with the character 0x02.
            types: line
                .optional(5)
                .map(|t| t.split('\u{2}').map(str::to_owned).collect())
                .unwrap_or_default(),
            attributes: line
                .optional(6)
                .map(|t| t.split('\u{2}').map(str::to_owned).collect())
                .unwrap_or_default(),
            is_original_title: line.flag(7, "isOriginalTitle")?,
        })
    }
}

/// A row of title.crew.
#[derive(Debug, Clone, PartialEq)]
pub struct CrewRow {
    pub tconst: String,
    pub directors: Vec<String>,
    pub writers: Vec<String>,
}

impl CrewRow {
    pub fn parse(line: &Line<'_>) -> Result<CrewRow, Reject> {
        Ok(CrewRow {
            tconst: line.id(0, "tconst", "tt")?,
            directors: line.ids(1, "directors", "nm")?,
            writers: line.ids(2, "writers", "nm")?,
        })
    }
}

/// A row of title.episode.
#[derive(Debug, Clone, PartialEq)]
pub struct EpisodeRow {
    pub tconst: String,
    pub parent: String,
    pub season: Option<u32>,
    pub episode: Option<u32>,
}

impl EpisodeRow {
    pub fn parse(line: &Line<'_>) -> Result<EpisodeRow, Reject> {
        Ok(EpisodeRow {
            tconst: line.id(0, "tconst", "tt")?,
            parent: line.id(1, "parentTconst", "tt")?,
            season: line.number(2, "seasonNumber")?,
            episode: line.number(3, "episodeNumber")?,
        })
    }
}

/// A row of title.principals.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalRow {
    pub tconst: String,
    pub ordering: u32,
    pub nconst: String,
    pub category: String,
    pub job: Option<String>,
    /// The characters, from the JSON list IMDb writes: `["Kim Yong-soo"]`.
    pub characters: Vec<String>,
}

impl PrincipalRow {
    pub fn parse(line: &Line<'_>) -> Result<PrincipalRow, Reject> {
        let characters = match line.optional(5) {
            None => Vec::new(),
            Some(text) => serde_json::from_str::<Vec<String>>(text).map_err(|_| {
                line.reject(format!(
                    "`characters` is `{text}`, not a JSON list of names"
                ))
            })?,
        };
        Ok(PrincipalRow {
            tconst: line.id(0, "tconst", "tt")?,
            ordering: line
                .number(1, "ordering")?
                .ok_or_else(|| line.reject("`ordering` is missing"))?,
            nconst: line.id(2, "nconst", "nm")?,
            category: line.required(3, "category")?.to_owned(),
            job: line.optional(4).map(str::to_owned),
            characters,
        })
    }
}

/// A row of title.ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub tconst: String,
    pub average: String,
    pub votes: u64,
}

impl RatingRow {
    pub fn parse(line: &Line<'_>) -> Result<RatingRow, Reject> {
        let average = line.required(1, "averageRating")?;
        let value: f64 = average
            .parse()
            .map_err(|_| line.reject(format!("`averageRating` is `{average}`, not a number")))?;
        if !(0.0..=10.0).contains(&value) {
            return Err(line.reject(format!("`averageRating` is {average}, outside 0 to 10")));
        }
        Ok(RatingRow {
            tconst: line.id(0, "tconst", "tt")?,
            average: average.to_owned(),
            votes: line
                .number(2, "numVotes")?
                .ok_or_else(|| line.reject("`numVotes` is missing"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows<T>(
        file: ImdbFile,
        text: &str,
        parse: fn(&Line<'_>) -> Result<T, Reject>,
    ) -> Vec<Result<T, Reject>> {
        let mut reader = TsvReader::open(file, text.as_bytes()).expect("the header is IMDb's");
        let mut out = Vec::new();
        while let Some(line) = reader.next_line() {
            out.push(line.and_then(|line| parse(&line)));
        }
        out
    }

    fn reasons<T: std::fmt::Debug>(results: &[Result<T, Reject>]) -> Vec<String> {
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|r| format!("{}: {}", r.line, r.reason))
            .collect()
    }

    #[test]
    fn a_file_without_imdbs_header_is_refused() {
        let error = TsvReader::open(
            ImdbFile::TitleBasics,
            "{\"format\": \"kinora-catalog\"}\n".as_bytes(),
        )
        .err()
        .unwrap();
        assert!(
            error.to_string().contains("not IMDb's title.basics file"),
            "{error}"
        );
        let error = TsvReader::open(ImdbFile::NameBasics, "tconst\ttitleType\n".as_bytes())
            .err()
            .unwrap();
        assert!(error.to_string().contains("nconst primaryName"), "{error}");
    }

    #[test]
    fn title_rows_read_with_nulls_and_lists() {
        let text = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
                    tt1119191\tmovie\tCrossing\t크로싱\t0\t2008\t\\N\t107\tDrama\n\
                    tt0000002\tshort\tLe \"clown\" et ses chiens\t\\N\t0\t1892\t\\N\t5\tAnimation,Short\n";
        let rows = rows(ImdbFile::TitleBasics, text, TitleRow::parse);
        let crossing = rows[0].as_ref().unwrap();
        assert_eq!(crossing.original_title.as_deref(), Some("크로싱"));
        assert_eq!(
            (crossing.start_year, crossing.runtime_minutes),
            (Some(2008), Some(107))
        );
        let short = rows[1].as_ref().unwrap();
        assert_eq!(short.primary_title, "Le \"clown\" et ses chiens");
        assert_eq!(short.genres, ["Animation", "Short"]);
        assert_eq!(short.original_title, None);
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line_and_reason() {
        let text = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
                    tt1119191\tmovie\tCrossing\n\
                    xx1119191\tmovie\tCrossing\tCrossing\t0\t2008\t\\N\t107\tDrama\n\
                    tt1119191\tmovie\tCrossing\tCrossing\t0\t2008\t\\N\tlong\tDrama\n\
                    tt1119191\tmovie\tCrossing\tCrossing\t2\t2008\t\\N\t107\tDrama\n\
                    tt1119191\tmovie\tCrossing\tCrossing\t0\t208\t\\N\t107\tDrama\n\
                    tt1119191\tmovie\t\\N\tCrossing\t0\t2008\t\\N\t107\tDrama\n";
        let results = rows(ImdbFile::TitleBasics, text, TitleRow::parse);
        assert_eq!(
            reasons(&results),
            [
                "2: 3 fields where 9 are expected",
                "3: `tconst` is `xx1119191`, not an IMDb id (tt0000000)",
                "4: `runtimeMinutes` is `long`, not a number",
                "5: `isAdult` is `2`, not 0 or 1",
                "6: `startYear` is 208, not a plausible year",
                "7: `primaryTitle` is missing",
            ]
        );
    }

    #[test]
    fn principals_keep_their_character_names() {
        let text = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n\
                    tt1119191\t1\tnm1234567\tactor\t\\N\t[\"Kim Yong-soo\"]\n\
                    tt1119191\t2\tnm7654321\tactor\t\\N\t[not json\n";
        let results = rows(ImdbFile::TitlePrincipals, text, PrincipalRow::parse);
        assert_eq!(results[0].as_ref().unwrap().characters, ["Kim Yong-soo"]);
        assert_eq!(
            reasons(&results),
            ["3: `characters` is `[not json`, not a JSON list of names"]
        );
    }

    #[test]
    fn akas_split_their_types_and_ratings_stay_on_the_scale() {
        let akas = "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n\
                    tt1119191\t1\t크로싱\tKR\tko\timdbDisplay\u{2}original\t\\N\t1\n";
        let aka = rows(ImdbFile::TitleAkas, akas, AkaRow::parse)
            .remove(0)
            .unwrap();
        assert_eq!(aka.types, ["imdbDisplay", "original"]);
        assert!(aka.is_original_title);
        let ratings = "tconst\taverageRating\tnumVotes\ntt1119191\t7.5\t3105\ntt1119191\t11\t3\n";
        let results = rows(ImdbFile::TitleRatings, ratings, RatingRow::parse);
        assert_eq!(results[0].as_ref().unwrap().votes, 3105);
        assert_eq!(
            reasons(&results),
            ["3: `averageRating` is 11, outside 0 to 10"]
        );
    }

    #[test]
    fn the_real_fixture_reads_without_a_reject() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/wikidata-films");
        for (file, expected) in [
            (ImdbFile::TitleBasics, 17_470),
            (ImdbFile::NameBasics, 63_815),
        ] {
            let path = dir.join(format!("{}.tsv.gz", file.stem()));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let decoder = flate2::read::GzDecoder::new(bytes.as_slice());
            let mut reader = TsvReader::open(file, decoder).unwrap();
            let mut good = 0;
            while let Some(line) = reader.next_line() {
                let line = line.unwrap();
                let parsed = match file {
                    ImdbFile::TitleBasics => TitleRow::parse(&line).map(|_| ()),
                    _ => NameRow::parse(&line).map(|_| ()),
                };
                parsed.unwrap_or_else(|reject| panic!("{}: {reject:?}", file.stem()));
                good += 1;
            }
            assert_eq!(good, expected, "{}", file.stem());
        }
    }
}
