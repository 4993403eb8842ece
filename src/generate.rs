//! Generated catalogs in IMDb's dataset format, of any size, for benchmarks
//! and scale tests.
//!
//! The proportions follow IMDb's own files (2026 dumps: about 12.7 M titles,
//! three quarters of them TV episodes; 15.6 M people, 1.23 per title; 59 M
//! alternative titles, 4.6 per title; 7 principal credits per title on
//! average; ratings for one title in eight), and so do their shapes: ids in order, `\N` for null, character
//! names as a JSON list, a few popular people credited very often. One title
//! in ten is Korean, with a Hangul alternative title and Korean names in the
//! romanizations newspapers and IMDb use.
//!
//! The same `N` and seed always give the same files. The random numbers come
//! from SplitMix64, written out here, because the `rand` crate does not
//! promise the same sequence across its versions, and these files are
//! compared across versions.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// SplitMix64 (Steele, Lea and Flood, 2014): the same seed gives the same
/// numbers, so generated files and benchmark queries repeat.
pub struct Random(pub u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// A count with the given mean, spread like IMDb's (geometric).
    fn count(&mut self, mean: f64) -> u64 {
        let p = 1.0 / (1.0 + mean);
        let u = self.unit().max(f64::MIN_POSITIVE);
        (u.ln() / (1.0 - p).ln()).floor() as u64
    }

    /// An index in `0..n` skewed towards 0: a few entries are picked often,
    /// as a few people are credited in thousands of titles.
    fn popular(&mut self, n: u64) -> u64 {
        let u = self.unit();
        ((u * u) * n as f64) as u64 % n.max(1)
    }
}

/// People per title in IMDb's files (15.6 M for 12.7 M titles).
const PEOPLE_PER_TITLE: f64 = 1.23;

/// The means of alternative titles below, scaled to IMDb's 4.6 per title
/// (59 M for 12.7 M titles); the means give the types' shape.
const AKAS_SCALE: f64 = 1.38;

/// Title types with their share of IMDb's titles, their mean number of
/// alternative titles and of principal credits.
const TITLE_TYPES: &[(&str, f64, f64, f64)] = &[
    ("tvEpisode", 0.720, 2.5, 7.0),
    ("short", 0.090, 3.0, 6.0),
    ("movie", 0.063, 14.0, 10.0),
    ("video", 0.026, 2.0, 6.0),
    ("tvSeries", 0.024, 8.0, 9.0),
    ("tvMovie", 0.013, 4.0, 9.0),
    ("tvSpecial", 0.005, 3.0, 8.0),
    ("tvMiniSeries", 0.005, 6.0, 9.0),
    ("videoGame", 0.004, 2.0, 8.0),
    ("tvShort", 0.0008, 1.5, 5.0),
    ("tvPilot", 0.0002, 1.0, 6.0),
];

const GENRES: &[&str] = &[
    "Drama",
    "Comedy",
    "Documentary",
    "Action",
    "Romance",
    "Thriller",
    "Crime",
    "Horror",
    "Adventure",
    "Family",
    "Animation",
    "Reality-TV",
    "Music",
    "Mystery",
    "Fantasy",
    "History",
    "Biography",
    "Sci-Fi",
    "War",
    "Talk-Show",
];

const ADJECTIVES: &[&str] = &[
    "Silent",
    "Last",
    "Red",
    "Hidden",
    "Long",
    "Broken",
    "Golden",
    "Lost",
    "Northern",
    "Quiet",
    "Burning",
    "Secret",
    "Endless",
    "Distant",
    "Frozen",
    "Wild",
    "Crossing",
    "Little",
    "Dark",
    "Bright",
    "Empty",
    "Wandering",
    "Final",
    "Sweet",
];

const NOUNS: &[&str] = &[
    "River", "Border", "Journey", "Night", "Road", "Winter", "Garden", "City", "Children", "Train",
    "Letter", "Mountain", "Promise", "Harbor", "Voices", "Summer", "Bridge", "Dream", "Defector",
    "Family", "Sea", "Station", "Escape", "Song", "Window", "Home",
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "James", "Maria", "John", "Sophie", "Michael", "Laura", "David", "Emma", "Pierre",
    "Lucia", "Thomas", "Olga", "Hans", "Yuki", "Carlos", "Ingrid", "Ahmed", "Fatima", "Giulia",
    "Lars", "Amélie", "José", "Zoë", "Björn", "Nadia", "Kenji", "Priya", "Rafael", "Chloé",
];

const LAST_NAMES: &[&str] = &[
    "Smith",
    "García",
    "Müller",
    "Rossi",
    "Dubois",
    "Tanaka",
    "Johansson",
    "Novak",
    "Kowalski",
    "O'Brien",
    "Wertmüller",
    "Fernández",
    "Nguyen",
    "Ivanova",
    "Schmidt",
    "Martin",
    "Haddad",
    "Silva",
    "Jensen",
    "Yamamoto",
    "Costa",
    "Brown",
    "Moreau",
    "Petrović",
];

/// Korean surnames in Hangul with the spellings IMDb and newspapers use.
const KOREAN_SURNAMES: &[(&str, &[&str])] = &[
    ("김", &["Kim", "Gim"]),
    ("이", &["Lee", "Yi", "Rhee"]),
    ("박", &["Park", "Pak", "Bak"]),
    ("최", &["Choi", "Choe"]),
    ("정", &["Jung", "Jeong", "Chung"]),
    ("강", &["Kang", "Gang"]),
    ("조", &["Cho", "Jo"]),
    ("윤", &["Yoon", "Yun"]),
    ("장", &["Jang", "Chang"]),
    ("임", &["Lim", "Im"]),
    ("한", &["Han"]),
    ("신", &["Shin", "Sin"]),
    ("차", &["Cha"]),
];

/// Syllables of Korean given names with their common romanizations.
const KOREAN_SYLLABLES: &[(&str, &[&str])] = &[
    ("태", &["tae"]),
    ("균", &["gyun", "kyun"]),
    ("인", &["in"]),
    ("권", &["kwon", "gwon"]),
    ("명", &["myung", "myeong"]),
    ("철", &["chul", "cheol"]),
    ("성", &["sung", "seong"]),
    ("영", &["young", "yeong"]),
    ("수", &["soo", "su"]),
    ("준", &["joon", "jun"]),
    ("민", &["min"]),
    ("지", &["ji"]),
    ("현", &["hyun", "hyeon"]),
    ("은", &["eun"]),
    ("희", &["hee", "hui"]),
    ("우", &["woo", "u"]),
    ("석", &["seok", "suk"]),
    ("경", &["kyung", "gyeong"]),
];

const KOREAN_TITLE_WORDS: &[&str] = &[
    "크로싱",
    "강",
    "국경",
    "밤",
    "길",
    "겨울",
    "정원",
    "도시",
    "아이들",
    "기차",
    "편지",
    "산",
    "약속",
    "바다",
    "여름",
    "다리",
    "꿈",
    "가족",
    "탈출",
    "노래",
    "집",
];

const REGIONS: &[(&str, &str)] = &[
    ("US", "en"),
    ("GB", "en"),
    ("FR", "fr"),
    ("DE", "de"),
    ("ES", "es"),
    ("IT", "it"),
    ("JP", "ja"),
    ("BR", "pt"),
    ("RU", "ru"),
    ("XWW", "en"),
    ("IN", "hi"),
    ("MX", "es"),
    ("SUHH", "ru"),
    ("CA", "fr"),
];

const CATEGORIES: &[&str] = &[
    "actor",
    "actress",
    "self",
    "director",
    "writer",
    "producer",
    "composer",
    "cinematographer",
    "editor",
    "production_designer",
    "casting_director",
    "archive_footage",
];

const PROFESSIONS: &[&str] = &[
    "actor",
    "actress",
    "director",
    "writer",
    "producer",
    "composer",
    "cinematographer",
    "editor",
    "miscellaneous",
    "camera_department",
    "soundtrack",
    "art_department",
];

/// What was written, file by file.
pub struct Generated {
    pub files: Vec<(PathBuf, u64)>,
}

impl Generated {
    pub fn lines(&self) -> u64 {
        self.files.iter().map(|(_, lines)| lines).sum()
    }
}

struct Out {
    path: PathBuf,
    lines: u64,
    writer: Box<dyn Write>,
}

impl Out {
    fn create(dir: &Path, stem: &str, gzip: bool, header: &str) -> anyhow::Result<Out> {
        let path = dir.join(if gzip {
            format!("{stem}.tsv.gz")
        } else {
            format!("{stem}.tsv")
        });
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let writer: Box<dyn Write> = if gzip {
            Box::new(flate2::write::GzEncoder::new(
                BufWriter::with_capacity(1 << 20, file),
                flate2::Compression::fast(),
            ))
        } else {
            Box::new(BufWriter::with_capacity(1 << 20, file))
        };
        let mut out = Out {
            path,
            lines: 0,
            writer,
        };
        writeln!(out.writer, "{header}")?;
        Ok(out)
    }

    fn line(&mut self, fields: std::fmt::Arguments<'_>) -> anyhow::Result<()> {
        self.writer.write_fmt(fields)?;
        self.writer.write_all(b"\n")?;
        self.lines += 1;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<(PathBuf, u64)> {
        self.writer.flush()?;
        drop(self.writer);
        Ok((self.path, self.lines))
    }
}

fn null(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "\\N".to_owned(), |value| value.to_string())
}

/// A person's name: Korean (romanized, in one of its spellings, either
/// order) for one in ten, else Western.
fn person_name(random: &mut Random) -> String {
    if random.chance(0.1) {
        let (_, surnames) = KOREAN_SURNAMES[random.below(KOREAN_SURNAMES.len() as u64) as usize];
        let surname = random.pick(surnames);
        let (_, first) = KOREAN_SYLLABLES[random.below(KOREAN_SYLLABLES.len() as u64) as usize];
        let (_, second) = KOREAN_SYLLABLES[random.below(KOREAN_SYLLABLES.len() as u64) as usize];
        let first = random.pick(first);
        let second = random.pick(second);
        let mut given = String::new();
        let mut letters = first.chars();
        if let Some(initial) = letters.next() {
            given.extend(initial.to_uppercase());
            given.push_str(letters.as_str());
        }
        given.push_str(match random.below(3) {
            0 => "-",
            1 => " ",
            _ => "",
        });
        given.push_str(second);
        if random.chance(0.8) {
            format!("{surname} {given}")
        } else {
            format!("{given} {surname}")
        }
    } else {
        format!("{} {}", random.pick(FIRST_NAMES), random.pick(LAST_NAMES))
    }
}

fn english_title(random: &mut Random) -> String {
    match random.below(4) {
        0 => format!("The {} {}", random.pick(ADJECTIVES), random.pick(NOUNS)),
        1 => format!("{} {}", random.pick(ADJECTIVES), random.pick(NOUNS)),
        2 => format!("{} of the {}", random.pick(NOUNS), random.pick(NOUNS)),
        _ => random.pick(NOUNS).to_owned(),
    }
}

fn korean_title(random: &mut Random) -> String {
    if random.chance(0.5) {
        random.pick(KOREAN_TITLE_WORDS).to_owned()
    } else {
        format!(
            "{}의 {}",
            random.pick(KOREAN_TITLE_WORDS),
            random.pick(KOREAN_TITLE_WORDS)
        )
    }
}

/// Writes the seven files for `titles` titles into `dir`.
pub fn imdb(titles: u64, dir: &Path, gzip: bool, seed: u64) -> anyhow::Result<Generated> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut random = Random(seed);
    let people = (titles as f64 * PEOPLE_PER_TITLE).ceil() as u64;
    let progress = crate::progress::progress_bar(titles + people, "rows");
    progress.set_message("generating");

    let mut basics = Out::create(
        dir,
        "title.basics",
        gzip,
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
    )?;
    let mut akas = Out::create(
        dir,
        "title.akas",
        gzip,
        "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle",
    )?;
    let mut crew = Out::create(dir, "title.crew", gzip, "tconst\tdirectors\twriters")?;
    let mut episodes = Out::create(
        dir,
        "title.episode",
        gzip,
        "tconst\tparentTconst\tseasonNumber\tepisodeNumber",
    )?;
    let mut principals = Out::create(
        dir,
        "title.principals",
        gzip,
        "tconst\tordering\tnconst\tcategory\tjob\tcharacters",
    )?;
    let mut ratings = Out::create(
        dir,
        "title.ratings",
        gzip,
        "tconst\taverageRating\tnumVotes",
    )?;
    let tconst = |n: u64| format!("tt{n:07}");
    let nconst = |n: u64| format!("nm{n:07}");
    // Series come every so often, and their episodes after them, as in
    // IMDb, where most episodes have ids above their series'.
    let mut series: Vec<u64> = Vec::new();
    for n in 1..=titles {
        let mut roll = random.unit();
        let mut kind = TITLE_TYPES[0];
        for entry in TITLE_TYPES {
            if roll < entry.1 {
                kind = *entry;
                break;
            }
            roll -= entry.1;
        }
        let (title_type, _, aka_mean, principal_mean) = kind;
        // An episode needs a series before it.
        let title_type = if title_type == "tvEpisode" && series.is_empty() {
            "tvSeries"
        } else {
            title_type
        };
        let korean = random.chance(0.1);
        let id = tconst(n);
        let primary = if title_type == "tvEpisode" {
            format!("Episode #{}.{}", 1 + random.below(12), 1 + random.below(24))
        } else {
            english_title(&mut random)
        };
        let original = if korean && title_type != "tvEpisode" {
            korean_title(&mut random)
        } else {
            primary.clone()
        };
        let year = 1900 + random.popular(126) as i32;
        let year = 2025 - (year - 1900);
        let end_year = matches!(title_type, "tvSeries" | "tvMiniSeries")
            .then(|| year + random.below(8) as i32)
            .filter(|end| *end <= 2026);
        let runtime = (!random.chance(0.3)).then(|| match title_type {
            "movie" | "tvMovie" => 70 + random.below(80),
            "short" | "tvShort" => 1 + random.below(30),
            _ => 20 + random.below(40),
        });
        let genre_count = 1 + random.below(3);
        let mut genres: Vec<&str> = Vec::new();
        for _ in 0..genre_count {
            let genre = GENRES[random.popular(GENRES.len() as u64) as usize];
            if !genres.contains(&genre) {
                genres.push(genre);
            }
        }
        let genres = if random.chance(0.05) {
            "\\N".to_owned()
        } else {
            genres.join(",")
        };
        basics.line(format_args!(
            "{id}\t{title_type}\t{primary}\t{original}\t0\t{year}\t{}\t{}\t{genres}",
            null(end_year),
            null(runtime)
        ))?;
        if matches!(title_type, "tvSeries" | "tvMiniSeries") {
            series.push(n);
        }
        if title_type == "tvEpisode" {
            // Episodes cluster in recent series.
            let back = random.popular(series.len() as u64) as usize;
            let parent = series[series.len() - 1 - back];
            episodes.line(format_args!(
                "{id}\t{}\t{}\t{}",
                tconst(parent),
                null((!random.chance(0.2)).then(|| 1 + random.below(10))),
                null((!random.chance(0.2)).then(|| 1 + random.below(30)))
            ))?;
        }

        // Alternative titles: the original first, then translations.
        let aka_count = random.count(aka_mean * AKAS_SCALE);
        let mut ordering = 0;
        for k in 0..aka_count {
            ordering += 1;
            if k == 0 {
                akas.line(format_args!(
                    "{id}\t{ordering}\t{original}\t\\N\t\\N\toriginal\t\\N\t1"
                ))?;
            } else if korean && k == 1 {
                akas.line(format_args!(
                    "{id}\t{ordering}\t{original}\tKR\t\\N\timdbDisplay\t\\N\t0"
                ))?;
            } else {
                let (region, language) = REGIONS[random.below(REGIONS.len() as u64) as usize];
                let types = match random.below(10) {
                    0 => "working",
                    1 => "festival",
                    2 => "alternative",
                    3..=5 => "imdbDisplay",
                    _ => "\\N",
                };
                let attributes = match random.below(12) {
                    0 => "literal English title",
                    1 => "reissue title",
                    _ => "\\N",
                };
                let language = if random.chance(0.3) { language } else { "\\N" };
                let title = if language == "en" || region == "US" || region == "GB" {
                    primary.clone()
                } else {
                    english_title(&mut random)
                };
                akas.line(format_args!(
                    "{id}\t{ordering}\t{title}\t{region}\t{language}\t{types}\t{attributes}\t0"
                ))?;
            }
        }

        // Principal credits, from a pool of people where a few are popular.
        let principal_count = 1 + random.count(principal_mean - 1.0).min(30);
        let mut directors = Vec::new();
        let mut writers = Vec::new();
        for ordering in 1..=principal_count {
            let person = 1 + random.popular(people);
            let category = if ordering <= 4 {
                CATEGORIES[random.below(3) as usize]
            } else {
                random.pick(CATEGORIES)
            };
            let job = match category {
                "writer" if random.chance(0.5) => "screenplay",
                "producer" if random.chance(0.5) => "executive producer",
                _ => "\\N",
            };
            let characters = if matches!(category, "actor" | "actress" | "self") {
                let name = if category == "self" {
                    "Self".to_owned()
                } else {
                    person_name(&mut random)
                };
                format!("[\"{name}\"]")
            } else {
                "\\N".to_owned()
            };
            if category == "director" {
                directors.push(nconst(person));
            }
            if category == "writer" {
                writers.push(nconst(person));
            }
            principals.line(format_args!(
                "{id}\t{ordering}\t{}\t{category}\t{job}\t{characters}",
                nconst(person)
            ))?;
        }
        crew.line(format_args!(
            "{id}\t{}\t{}",
            list_or_null(&directors),
            list_or_null(&writers)
        ))?;
        if random.chance(0.13) {
            let votes = 5 + (random.count(200.0) * (1 + random.popular(50)));
            ratings.line(format_args!(
                "{id}\t{}.{}\t{votes}",
                1 + random.below(9),
                random.below(10)
            ))?;
        }
        progress.inc(1);
    }

    let mut names = Out::create(
        dir,
        "name.basics",
        gzip,
        "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
    )?;
    for n in 1..=people {
        let birth = (!random.chance(0.8)).then(|| 1880 + random.below(125));
        let death = birth
            .filter(|birth| *birth < 1960 && random.chance(0.5))
            .map(|birth| birth + 30 + random.below(60));
        let profession_count = random.below(4);
        let mut professions: Vec<&str> = Vec::new();
        for _ in 0..profession_count {
            let profession = random.pick(PROFESSIONS);
            if !professions.contains(&profession) {
                professions.push(profession);
            }
        }
        let known: Vec<String> = (0..random.below(5))
            .map(|_| tconst(1 + random.below(titles)))
            .collect();
        names.line(format_args!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            nconst(n),
            person_name(&mut random),
            null(birth),
            null(death),
            if professions.is_empty() {
                "\\N".to_owned()
            } else {
                professions.join(",")
            },
            list_or_null(&known)
        ))?;
        progress.inc(1);
    }
    progress.finish_and_clear();
    let files = vec![
        names.finish()?,
        basics.finish()?,
        akas.finish()?,
        crew.finish()?,
        episodes.finish()?,
        principals.finish()?,
        ratings.finish()?,
    ];
    Ok(Generated { files })
}

fn list_or_null(ids: &[String]) -> String {
    if ids.is_empty() {
        "\\N".to_owned()
    } else {
        ids.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_files_with_imdb_proportions() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let made = imdb(2000, first.path(), false, 7).unwrap();
        imdb(2000, second.path(), false, 7).unwrap();
        for (path, _) in &made.files {
            let name = path.file_name().unwrap();
            assert_eq!(
                std::fs::read(path).unwrap(),
                std::fs::read(second.path().join(name)).unwrap(),
                "{name:?} differs between two runs"
            );
        }
        let lines = |stem: &str| {
            made.files
                .iter()
                .find(|(path, _)| {
                    path.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(stem)
                })
                .map(|(_, lines)| *lines as f64 / 2000.0)
                .unwrap()
        };
        assert_eq!(lines("title.basics"), 1.0);
        assert_eq!(lines("title.crew"), 1.0);
        assert!((1.2..1.35).contains(&lines("name.basics")));
        assert!(
            (3.0..6.0).contains(&lines("title.akas")),
            "{}",
            lines("title.akas")
        );
        assert!(
            (6.0..10.0).contains(&lines("title.principals")),
            "{}",
            lines("title.principals")
        );
        assert!((0.6..0.8).contains(&lines("title.episode")));
        assert!((0.1..0.16).contains(&lines("title.ratings")));
        let akas = std::fs::read_to_string(first.path().join("title.akas.tsv")).unwrap();
        assert!(
            akas.lines()
                .any(|line| line.contains("\tKR\t")
                    && line.chars().any(|c| ('가'..='힣').contains(&c))),
            "no Hangul alternative title"
        );
    }
}
