//! Importing IMDb's datasets into the catalog, in bounded memory whatever
//! the size of the files.
//!
//! People come first, from name.basics, in batches. Then titles, each with
//! all its lines from the other title files (akas, crew, episode, principal
//! credits, rating), in batches:
//!
//! - IMDb's files are sorted by title id, and sorted files are merged as
//!   they are read: one pass, nothing stored on the side. An episode whose
//!   series comes later in the files waits in memory until the end.
//! - Files in any other order (the Wikidata fixture's) are first copied into
//!   a spool, a scratch SQLite file keyed by title id, and titles are taken
//!   from it in id order, series before episodes.
//!
//! Every line is checked as it is read; a bad line goes to the rejects file
//! with its file, line and reason, and the import goes on.
//!
//! Every fact the import writes cites one source, `imdb-datasets`. An
//! entity the import finds already in the catalog (by its IMDb id in the
//! crosswalk, or by id) keeps every fact other sources state; only the facts
//! that cite IMDb alone are replaced. So importing the same files again
//! changes nothing, and a newer dump changes what changed. Each batch is one
//! change in the edit log; an interrupted import stops at a committed batch,
//! and running it again finishes the job.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kinora_core::model::{
    AggregateRating, Character, Citation, Credit, DateClaim, Department, Entity, EpisodeOf,
    ExternalId, Film, FilmForm, FormClaim, Genre, IdScheme, Name, NameKind, Occupation, Person,
    Runtime, Source, SourceKind, Title, TitleKind, YearClaim,
};
use kinora_core::{Country, EntityId, EntityKind, Language, PartialDate};
use kinora_formats::imdb::{
    AkaRow, CrewRow, EpisodeRow, ImdbFile, NameRow, PrincipalRow, RatingRow, Reject, TitleRow,
    TsvReader,
};
use kinora_store::Store;
use kinora_store::spool::{Spool, SpooledLine};

/// The source every imported fact cites.
pub const SOURCE_ID: &str = "imdb-datasets";

pub struct ImdbOptions {
    pub author: String,
    /// The date of the dump, for the source and the ratings.
    pub as_of: PartialDate,
    /// Where rejected lines are written.
    pub rejects: PathBuf,
    /// Where the spool lives during the import.
    pub spool: PathBuf,
    /// Entities per change.
    pub batch: usize,
}

/// What an import did, file by file and in all.
#[derive(Debug, Default, Clone)]
pub struct ImdbReport {
    pub files: BTreeMap<&'static str, FileCounts>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub seconds: f64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct FileCounts {
    pub read: u64,
    pub rejected: u64,
}

impl ImdbReport {
    pub fn rows_read(&self) -> u64 {
        self.files.values().map(|counts| counts.read).sum()
    }

    pub fn rejected(&self) -> u64 {
        self.files.values().map(|counts| counts.rejected).sum()
    }
}

/// The files of a dump found in a folder, each opened and its header checked.
fn find_files(dir: &Path) -> anyhow::Result<Vec<(ImdbFile, PathBuf)>> {
    let mut found = Vec::new();
    for file in ImdbFile::ALL {
        for extension in ["tsv", "tsv.gz"] {
            let path = dir.join(format!("{}.{extension}", file.stem()));
            if path.exists() {
                // Refuse a file that is not IMDb's, or that cannot be read
                // to its end (a download cut short), before anything is
                // written.
                TsvReader::open(file, open(&path, &indicatif::ProgressBar::hidden())?)
                    .with_context(|| format!("{}", path.display()))?;
                readable_to_the_end(&path)?;
                found.push((file, path));
                break;
            }
        }
    }
    if found.is_empty() {
        bail!(
            "{} holds none of IMDb's files (name.basics.tsv.gz, title.basics.tsv.gz, …)",
            dir.display()
        );
    }
    Ok(found)
}

/// Reads a compressed file through once: a .gz cut short or damaged is
/// refused, naming it, before the import writes anything. (A plain file has
/// nothing to check: each of its lines is read as it is.)
fn readable_to_the_end(path: &Path) -> anyhow::Result<()> {
    if path.extension().is_none_or(|ext| ext != "gz") {
        return Ok(());
    }
    let progress = file_progress(path, "checking");
    let mut reader = open(path, &progress)?;
    let read = std::io::copy(&mut reader, &mut std::io::sink());
    progress.finish_and_clear();
    read.map(|_| ()).map_err(|error| {
        anyhow::anyhow!(
            "{}: the file cannot be read to its end ({error}); it may be cut short: download it again. Nothing was imported.",
            path.display()
        )
    })
}

/// Why a file could not be read to its end, as an error; Ok when it was.
fn read_whole<R: Read>(tsv: &TsvReader<R>, path: &Path) -> anyhow::Result<()> {
    match tsv.failure() {
        Some(why) => bail!("{}: {why}", path.display()),
        None => Ok(()),
    }
}

/// Opens a file, unzipping it if its name ends in .gz, and counting the bytes
/// read from disk on `progress`.
fn open(path: &Path, progress: &indicatif::ProgressBar) -> anyhow::Result<Box<dyn Read + Send>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let counted = ProgressReader {
        inner: file,
        progress: progress.clone(),
    };
    let reader: Box<dyn Read + Send> = if path.extension().is_some_and(|ext| ext == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            counted,
        )))
    } else {
        Box::new(counted)
    };
    Ok(reader)
}

/// A progress bar over a file's size on disk.
fn file_progress(path: &Path, name: &'static str) -> indicatif::ProgressBar {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let progress = crate::progress::progress_bar(size, "bytes");
    progress.set_message(name);
    progress
}

/// Rejected lines, written as TSV: file, line, reason; and counted.
struct Rejects {
    out: BufWriter<std::fs::File>,
    names: HashMap<ImdbFile, String>,
    counts: HashMap<ImdbFile, u64>,
}

impl Rejects {
    fn create(path: &Path, files: &[(ImdbFile, PathBuf)]) -> anyhow::Result<Rejects> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = BufWriter::new(file);
        writeln!(out, "file\tline\treason")?;
        let names = files
            .iter()
            .map(|(file, path)| {
                (
                    *file,
                    path.file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        Ok(Rejects {
            out,
            names,
            counts: HashMap::new(),
        })
    }

    fn add(&mut self, file: ImdbFile, reject: &Reject) -> anyhow::Result<()> {
        let name = self
            .names
            .get(&file)
            .map(String::as_str)
            .unwrap_or(file.stem());
        writeln!(
            self.out,
            "{name}\t{}\t{}",
            reject.line,
            reject.reason.replace(['\t', '\n'], " ")
        )?;
        *self.counts.entry(file).or_default() += 1;
        Ok(())
    }
}

pub async fn import(
    store: &Store,
    dir: &Path,
    options: &ImdbOptions,
) -> anyhow::Result<ImdbReport> {
    let started = std::time::Instant::now();
    let files = find_files(dir)?;
    let mut report = ImdbReport::default();
    let mut rejects = Rejects::create(&options.rejects, &files)?;
    let source = Entity::Source(Source {
        id: EntityId::parse(SOURCE_ID)?,
        kind: SourceKind::Dataset,
        title: "IMDb non-commercial datasets".into(),
        publisher: Some("IMDb".into()),
        publisher_company: None,
        authors: Vec::new(),
        date: Some(options.as_of),
        url: Some("https://developer.imdb.com/non-commercial-datasets/".into()),
        lang: Some(Language::parse("en")?),
        via: None,
        summary: Some("IMDb's catalog as tab-separated files: titles, alternative titles, crew, episodes, principal credits, ratings and people.".into()),
        text: None,
        mentions: Vec::new(),
    });
    let put = store
        .put(
            vec![source],
            &options.author,
            "Import IMDb datasets: the source",
        )
        .await?;
    count(&mut report, put);

    // Title files sorted by id, as IMDb's are, are merged as they are read;
    // others are spooled first.
    let titles = match sorted_order(&files)? {
        Some(order) => Titles::Merged(order),
        None => {
            let spool = Spool::create(&options.spool).await?;
            for (file, path) in files
                .iter()
                .filter(|(file, _)| *file != ImdbFile::NameBasics)
            {
                let counts = spool_file(&spool, *file, path, &mut rejects).await?;
                report.files.insert(file.stem(), counts);
            }
            spool.index().await?;
            Titles::Spooled(spool)
        }
    };

    // People first, then titles, which refer to them.
    if let Some((_, path)) = files.iter().find(|(file, _)| *file == ImdbFile::NameBasics) {
        let counts = import_people(store, path, options, &mut rejects, &mut report).await?;
        report.files.insert(ImdbFile::NameBasics.stem(), counts);
    }
    match titles {
        Titles::Merged(order) => {
            import_titles_streaming(store, &files, order, options, &mut rejects, &mut report)
                .await?;
        }
        Titles::Spooled(spool) => {
            if files.iter().any(|(file, _)| *file == ImdbFile::TitleBasics) {
                for series_first in [true, false] {
                    import_titles_spooled(
                        store,
                        &spool,
                        options,
                        series_first,
                        &mut rejects,
                        &mut report,
                    )
                    .await?;
                }
                reject_orphans(&spool, &files, &mut rejects).await?;
            }
            spool.remove().await;
        }
    }
    rejects.out.flush()?;
    // The rejects file is the one count of what was rejected, wherever.
    for (file, rejected) in &rejects.counts {
        report.files.entry(file.stem()).or_default().rejected = *rejected;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn count(report: &mut ImdbReport, put: kinora_store::WriteReport) {
    report.created += put.created;
    report.updated += put.updated;
    report.unchanged += put.unchanged;
}

/// The key a title file's line is grouped by: its first field, the title id.
fn title_key(text: &str) -> &str {
    text.split('\t').next().unwrap_or_default()
}

async fn spool_file(
    spool: &Spool,
    file: ImdbFile,
    path: &Path,
    rejects: &mut Rejects,
) -> anyhow::Result<FileCounts> {
    let progress = file_progress(path, file.stem());
    let reader = open(path, &progress)?;
    let mut tsv = TsvReader::open(file, reader).with_context(|| format!("{}", path.display()))?;
    let mut writer = spool.writer(file.stem());
    let mut counts = FileCounts::default();
    while let Some(line) = tsv.next_line() {
        counts.read += 1;
        let checked = line.and_then(|line| {
            let valid = match file {
                ImdbFile::TitleBasics => TitleRow::parse(&line).map(|_| ()),
                ImdbFile::TitleAkas => AkaRow::parse(&line).map(|_| ()),
                ImdbFile::TitleCrew => CrewRow::parse(&line).map(|_| ()),
                ImdbFile::TitleEpisode => EpisodeRow::parse(&line).map(|_| ()),
                ImdbFile::TitlePrincipals => PrincipalRow::parse(&line).map(|_| ()),
                ImdbFile::TitleRatings => RatingRow::parse(&line).map(|_| ()),
                ImdbFile::NameBasics => NameRow::parse(&line).map(|_| ()),
            };
            valid.map(|()| (line.number, line.text().to_owned()))
        });
        match checked {
            Ok((number, text)) => writer.push(title_key(&text), number, &text).await?,
            Err(reject) => rejects.add(file, &reject)?,
        }
    }
    read_whole(&tsv, path)?;
    writer.flush().await?;
    progress.finish_and_clear();
    tracing::info!("{}: {} lines read", file.stem(), counts.read);
    Ok(counts)
}

/// Counts the compressed bytes read, for the progress bar.
struct ProgressReader<R> {
    inner: R,
    progress: indicatif::ProgressBar,
}

impl<R: Read> Read for ProgressReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.progress.inc(read as u64);
        Ok(read)
    }
}

fn citation() -> Vec<Citation> {
    vec![Citation {
        source: kinora_core::id::SourceRef::new(EntityId::parse(SOURCE_ID).expect("a valid id")),
        quote: None,
    }]
}

/// Maps IMDb ids to the entities that already carry them, else to the id
/// itself (`tt1119191` is a valid Kinora id).
async fn resolve_ids(store: &Store, ids: &[String]) -> anyhow::Result<HashMap<String, EntityId>> {
    let found = store.find_external_ids("imdb", ids).await?;
    let mut resolved = HashMap::new();
    for id in ids {
        let entity = match found.get(id) {
            Some((_, entity)) => entity.clone(),
            None => EntityId::parse(id)?,
        };
        resolved.insert(id.clone(), entity);
    }
    Ok(resolved)
}

async fn import_people(
    store: &Store,
    path: &Path,
    options: &ImdbOptions,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<FileCounts> {
    let progress = file_progress(path, ImdbFile::NameBasics.stem());
    let reader = open(path, &progress)?;
    let mut tsv = TsvReader::open(ImdbFile::NameBasics, reader)?;
    let mut counts = FileCounts::default();
    let mut batch: Vec<NameRow> = Vec::new();
    // The last person of the batch written before, for a repeated line
    // across batches.
    let mut previous_person: Option<String> = None;
    loop {
        let next = tsv
            .next_line()
            .map(|line| line.and_then(|line| NameRow::parse(&line).map(|row| (line.number, row))));
        let done = next.is_none();
        if done {
            read_whole(&tsv, path)?;
        }
        match next {
            Some(Ok((number, row))) => {
                counts.read += 1;
                if batch.last().is_some_and(|last| last.nconst == row.nconst)
                    || previous_person.as_deref() == Some(row.nconst.as_str())
                {
                    rejects.add(
                        ImdbFile::NameBasics,
                        &Reject {
                            line: number,
                            reason: format!(
                                "a second line for {}: the first one is imported",
                                row.nconst
                            ),
                        },
                    )?;
                } else {
                    batch.push(row);
                }
            }
            Some(Err(reject)) => {
                counts.read += 1;
                rejects.add(ImdbFile::NameBasics, &reject)?;
            }
            None => {}
        }
        if batch.len() >= options.batch || (done && !batch.is_empty()) {
            previous_person = batch.last().map(|row| row.nconst.clone());
            let ids: Vec<String> = batch.iter().map(|row| row.nconst.clone()).collect();
            let resolved = resolve_ids(store, &ids).await?;
            let keys: Vec<_> = resolved
                .values()
                .map(|id| (EntityKind::Person, id.clone()))
                .collect();
            let existing = store.get_many(&keys).await?;
            let mut people = Vec::new();
            for row in batch.drain(..) {
                let id = resolved[&row.nconst].clone();
                let imported = Entity::Person(person_from(&row, id.clone())?);
                match combine(existing.get(&(EntityKind::Person, id)), imported)? {
                    Some(person) => people.push(person),
                    None => report.unchanged += 1,
                }
            }
            let summary = format!(
                "Import IMDb datasets: people {} to {}",
                ids[0],
                ids[ids.len() - 1]
            );
            count(report, store.put(people, &options.author, &summary).await?);
        }
        if done {
            break;
        }
    }
    progress.finish_and_clear();
    tracing::info!("name.basics: {} lines read", counts.read);
    Ok(counts)
}

fn person_from(row: &NameRow, id: EntityId) -> anyhow::Result<Person> {
    let sources = citation();
    let date = |year: Option<i32>| -> anyhow::Result<Vec<DateClaim>> {
        Ok(year
            .map(|year| PartialDate::parse(&format!("{year:04}")))
            .transpose()?
            .map(|date| DateClaim {
                date,
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect())
    };
    Ok(Person {
        id,
        images: Vec::new(),
        names: vec![Name {
            text: row.primary_name.clone(),
            kind: NameKind::Primary,
            lang: None,
            script: kinora_core::Script::detect(&row.primary_name),
            system: None,
            order: None,
            preferred: false,
            note: None,
            sources: sources.clone(),
        }],
        birth_dates: date(row.birth_year)?,
        birth_places: Vec::new(),
        death_dates: date(row.death_year)?,
        countries: Vec::new(),
        occupations: row
            .professions
            .iter()
            .map(|profession| Occupation {
                occupation: profession.replace('_', " "),
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
            .collect(),
        descriptions: Vec::new(),
        affiliations: Vec::new(),
        relatives: Vec::new(),
        links: Vec::new(),
        trivia: Vec::new(),
        external_ids: vec![ExternalId {
            scheme: IdScheme::Imdb,
            value: row.nconst.clone(),
            preferred: false,
            note: None,
            sources: sources.clone(),
        }],
    })
}

/// The entity as it should be after the import: the existing one's facts
/// that other sources state, and the imported facts. With no existing
/// entity, the imported one, with its first name or title preferred. None
/// when the catalog holds that already.
fn combine(existing: Option<&Entity>, mut imported: Entity) -> anyhow::Result<Option<Entity>> {
    // The imported entity prefers its first name or title; where the
    // existing entity already prefers one of its own, that one stays.
    match &mut imported {
        Entity::Film(film) => {
            if let Some(first) = film.titles.first_mut() {
                first.preferred = true;
            }
        }
        Entity::Person(person) => {
            if let Some(first) = person.names.first_mut() {
                first.preferred = true;
            }
        }
        _ => {}
    }
    let Some(existing) = existing else {
        return Ok(Some(imported));
    };
    // A re-import's common case: an entity that only IMDb describes, and
    // that has not changed.
    if *existing == imported {
        return Ok(None);
    }
    let mut combined = existing.clone();
    let source = EntityId::parse(SOURCE_ID).expect("the IMDb source's id is valid");
    combined.replace_claims_of(&source, imported)?;
    Ok((combined != *existing).then_some(combined))
}

/// The lines of one title, from every title file.
#[derive(Default)]
struct TitleLines {
    basics: Option<TitleRow>,
    /// Lines of title.basics for a title that had one already: rejected,
    /// the first is imported.
    repeated_basics: Vec<i64>,
    akas: Vec<AkaRow>,
    crew: Vec<CrewRow>,
    episode: Vec<(i64, EpisodeRow)>,
    principals: Vec<(i64, PrincipalRow)>,
    rating: Vec<RatingRow>,
}

fn is_series(row: &TitleRow) -> bool {
    matches!(row.title_type.as_str(), "tvSeries" | "tvMiniSeries")
}

/// Titles from the spool, a batch at a time: series first, then the rest.
async fn import_titles_spooled(
    store: &Store,
    spool: &Spool,
    options: &ImdbOptions,
    series_first: bool,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    let mut after = String::new();
    loop {
        let keys = spool
            .keys(ImdbFile::TitleBasics.stem(), &after, options.batch as i64)
            .await?;
        let (Some(first), Some(last)) = (keys.first(), keys.last()) else {
            break;
        };
        after = last.clone();
        let mut titles: BTreeMap<String, TitleLines> = BTreeMap::new();
        for file in ImdbFile::ALL
            .into_iter()
            .filter(|file| *file != ImdbFile::NameBasics)
        {
            for SpooledLine { key, line, text } in spool.lines(file.stem(), first, last).await? {
                let entry = titles.entry(key).or_default();
                entry.add(line, parse_spooled(file, line, &text)?);
            }
        }
        titles.retain(|_, lines| {
            lines
                .basics
                .as_ref()
                .is_some_and(|row| is_series(row) == series_first)
        });
        let titles: Vec<(String, TitleLines)> = titles.into_iter().collect();
        write_titles(store, options, titles, None, rejects, report).await?;
    }
    Ok(())
}

impl TitleLines {
    fn add(&mut self, line: i64, row: Spooled) {
        match row {
            Spooled::Basics(row) => {
                if self.basics.is_some() {
                    self.repeated_basics.push(line);
                } else {
                    self.basics = Some(row);
                }
            }
            Spooled::Aka(row) => self.akas.push(row),
            Spooled::Crew(row) => self.crew.push(row),
            Spooled::Episode(row) => self.episode.push((line, row)),
            Spooled::Principal(row) => self.principals.push((line, row)),
            Spooled::Rating(row) => self.rating.push(row),
        }
    }
}

/// How the title files are read: merged in one pass, or from a spool.
enum Titles {
    Merged(IdOrder),
    Spooled(Spool),
}

/// The order of the ids in IMDb's files: by number (`tt9999999` before
/// `tt10000000`), or as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IdOrder {
    Numeric,
    Text,
}

impl IdOrder {
    fn compare(self, a: &str, b: &str) -> std::cmp::Ordering {
        match self {
            // Ids are a prefix and digits without leading zeros beyond a
            // fixed width, so a longer id is a larger number.
            IdOrder::Numeric => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            IdOrder::Text => a.cmp(b),
        }
    }
}

/// The order every title file is sorted in, if they all are (IMDb's own
/// files are, by title id). Reads only the first field of each line.
fn sorted_order(files: &[(ImdbFile, PathBuf)]) -> anyhow::Result<Option<IdOrder>> {
    let mut numeric = true;
    let mut text = true;
    for (file, path) in files
        .iter()
        .filter(|(file, _)| *file != ImdbFile::NameBasics)
    {
        let progress = file_progress(path, "checking order");
        // Line by line in bounded memory, as the import reads them; a line
        // the import rejects has no id to order.
        let mut tsv = TsvReader::open(*file, open(path, &progress)?)
            .with_context(|| format!("{}", path.display()))?;
        let mut previous: Option<String> = None;
        while let Some(line) = tsv.next_line() {
            let Ok(line) = line else {
                continue;
            };
            let key = std::borrow::Cow::Borrowed(title_key(line.text()));
            if let Some(previous) = &previous {
                numeric &= IdOrder::Numeric.compare(previous, &key).is_le();
                text &= IdOrder::Text.compare(previous, &key).is_le();
            }
            if !numeric && !text {
                progress.finish_and_clear();
                tracing::info!(
                    "{} is not sorted by title id: its lines are spooled",
                    file.stem()
                );
                return Ok(None);
            }
            match &mut previous {
                Some(previous) => {
                    previous.clear();
                    previous.push_str(&key);
                }
                None => previous = Some(key.into_owned()),
            }
        }
        read_whole(&tsv, path)?;
        progress.finish_and_clear();
    }
    Ok(Some(if numeric {
        IdOrder::Numeric
    } else {
        IdOrder::Text
    }))
}

/// One title file read in order, a good line ahead.
struct Cursor {
    file: ImdbFile,
    tsv: TsvReader<Box<dyn Read + Send>>,
    progress: indicatif::ProgressBar,
    next: Option<(String, i64, Spooled)>,
    read: u64,
    path: PathBuf,
}

impl Cursor {
    /// Opens a file; only a file whose progress is shown gets a bar (the
    /// files are read together, and title.basics stands for all).
    fn open(
        file: ImdbFile,
        path: &Path,
        shown: bool,
        rejects: &mut Rejects,
    ) -> anyhow::Result<Cursor> {
        let progress = if shown {
            file_progress(path, "titles, from all title files")
        } else {
            indicatif::ProgressBar::hidden()
        };
        let reader = open(path, &progress)?;
        let tsv = TsvReader::open(file, reader).with_context(|| format!("{}", path.display()))?;
        let mut cursor = Cursor {
            file,
            tsv,
            progress,
            next: None,
            read: 0,
            path: path.to_owned(),
        };
        cursor.advance(rejects)?;
        Ok(cursor)
    }

    /// Moves to the next good line; bad ones go to the rejects.
    fn advance(&mut self, rejects: &mut Rejects) -> anyhow::Result<()> {
        self.next = None;
        while let Some(line) = self.tsv.next_line() {
            self.read += 1;
            match line.and_then(|line| parse_line(self.file, &line)) {
                Ok(parsed) => {
                    self.next = Some(parsed);
                    break;
                }
                Err(reject) => rejects.add(self.file, &reject)?,
            }
        }
        if self.next.is_none() {
            self.progress.finish_and_clear();
            read_whole(&self.tsv, &self.path)?;
        }
        Ok(())
    }

    fn key(&self) -> Option<&str> {
        self.next.as_ref().map(|(key, _, _)| key.as_str())
    }
}

/// Titles from files sorted by title id, merged as they are read: no
/// spool, one pass. An episode whose series comes later in the files waits
/// in memory until the end (IMDb has few).
async fn import_titles_streaming(
    store: &Store,
    files: &[(ImdbFile, PathBuf)],
    order: IdOrder,
    options: &ImdbOptions,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    let Some((_, basics_path)) = files
        .iter()
        .find(|(file, _)| *file == ImdbFile::TitleBasics)
    else {
        return Ok(());
    };
    let mut basics = Cursor::open(ImdbFile::TitleBasics, basics_path, true, rejects)?;
    let mut others = Vec::new();
    for (file, path) in files
        .iter()
        .filter(|(file, _)| !matches!(file, ImdbFile::TitleBasics | ImdbFile::NameBasics))
    {
        others.push(Cursor::open(*file, path, false, rejects)?);
    }
    let orphan = |cursor: &Cursor, rejects: &mut Rejects| -> anyhow::Result<()> {
        if let Some((key, line, _)) = &cursor.next {
            rejects.add(
                cursor.file,
                &Reject {
                    line: *line as u64,
                    reason: format!("{key} is not in title.basics"),
                },
            )?;
        }
        Ok(())
    };
    let mut waiting: Vec<(String, TitleLines)> = Vec::new();
    loop {
        let mut batch: Vec<(String, TitleLines)> = Vec::with_capacity(options.batch);
        while batch.len() < options.batch {
            let Some((key, line, row)) = basics.next.take() else {
                break;
            };
            basics.advance(rejects)?;
            let mut lines = TitleLines::default();
            lines.add(line, row);
            // The same title again, on the next lines: rejected, not
            // written over the first.
            while basics.key() == Some(key.as_str()) {
                if let Some((_, again, _)) = basics.next.take() {
                    lines.repeated_basics.push(again);
                }
                basics.advance(rejects)?;
            }
            for cursor in &mut others {
                while let Some(other) = cursor.key() {
                    match order.compare(other, &key) {
                        std::cmp::Ordering::Less => {
                            orphan(cursor, rejects)?;
                            cursor.advance(rejects)?;
                        }
                        std::cmp::Ordering::Equal => {
                            if let Some((_, line, row)) = cursor.next.take() {
                                lines.add(line, row);
                            }
                            cursor.advance(rejects)?;
                        }
                        std::cmp::Ordering::Greater => break,
                    }
                }
            }
            batch.push((key, lines));
        }
        if batch.is_empty() {
            break;
        }
        write_titles(store, options, batch, Some(&mut waiting), rejects, report).await?;
    }
    for cursor in &mut others {
        while cursor.next.is_some() {
            orphan(cursor, rejects)?;
            cursor.advance(rejects)?;
        }
    }
    while !waiting.is_empty() {
        let rest = waiting.split_off(waiting.len().min(options.batch.max(1)));
        let chunk = std::mem::replace(&mut waiting, rest);
        write_titles(store, options, chunk, None, rejects, report).await?;
    }
    report.files.insert(
        ImdbFile::TitleBasics.stem(),
        FileCounts {
            read: basics.read,
            rejected: 0,
        },
    );
    for cursor in &others {
        report.files.insert(
            cursor.file.stem(),
            FileCounts {
                read: cursor.read,
                rejected: 0,
            },
        );
    }
    Ok(())
}

/// Writes a batch of titles. An episode whose series is neither in the
/// catalog nor in the batch waits in `waiting` when there is one, else it
/// is written without its series, and its episode line is rejected.
async fn write_titles(
    store: &Store,
    options: &ImdbOptions,
    mut titles: Vec<(String, TitleLines)>,
    waiting: Option<&mut Vec<(String, TitleLines)>>,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    if titles.is_empty() {
        return Ok(());
    }
    for (key, lines) in &titles {
        for line in &lines.repeated_basics {
            rejects.add(
                ImdbFile::TitleBasics,
                &Reject {
                    line: *line as u64,
                    reason: format!("a second line for {key}: the first one is imported"),
                },
            )?;
        }
    }
    let (Some(first), Some(last)) = (
        titles.first().map(|(key, _)| key.clone()),
        titles.last().map(|(key, _)| key.clone()),
    ) else {
        return Ok(());
    };
    // Resolve every IMDb id the batch mentions: titles, series, people.
    let mut title_ids: Vec<String> = titles.iter().map(|(key, _)| key.clone()).collect();
    title_ids.extend(
        titles
            .iter()
            .flat_map(|(_, lines)| lines.episode.iter().map(|(_, e)| e.parent.clone())),
    );
    let titles_resolved = resolve_ids(store, &title_ids).await?;
    let in_batch: HashSet<&EntityId> = titles
        .iter()
        .map(|(key, _)| &titles_resolved[key])
        .collect();
    let series_keys: Vec<_> = titles
        .iter()
        .flat_map(|(_, lines)| {
            lines
                .episode
                .iter()
                .map(|(_, e)| (EntityKind::Film, titles_resolved[&e.parent].clone()))
        })
        .filter(|(_, id)| !in_batch.contains(id))
        .collect();
    let missing_series: HashSet<EntityId> = store
        .missing(&series_keys)
        .await?
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    if let Some(waiting) = waiting {
        let (wait, go): (Vec<_>, Vec<_>) = titles.into_iter().partition(|(_, lines)| {
            lines
                .episode
                .iter()
                .any(|(_, e)| missing_series.contains(&titles_resolved[&e.parent]))
        });
        waiting.extend(wait);
        titles = go;
        if titles.is_empty() {
            return Ok(());
        }
    }
    let people: Vec<String> = titles
        .iter()
        .flat_map(|(_, lines)| {
            lines
                .principals
                .iter()
                .map(|(_, row)| row.nconst.clone())
                .chain(
                    lines
                        .crew
                        .iter()
                        .flat_map(|crew| crew.directors.iter().chain(&crew.writers).cloned()),
                )
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let people_resolved = resolve_ids(store, &people).await?;
    let person_keys: Vec<_> = people_resolved
        .values()
        .map(|id| (EntityKind::Person, id.clone()))
        .collect();
    let missing_people: HashSet<EntityId> = store
        .missing(&person_keys)
        .await?
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    let film_keys: Vec<_> = titles
        .iter()
        .map(|(key, _)| (EntityKind::Film, titles_resolved[key].clone()))
        .collect();
    let existing = store.get_many(&film_keys).await?;

    let mut films = Vec::with_capacity(titles.len());
    for (key, lines) in titles {
        let id = titles_resolved[&key].clone();
        let film = film_from(
            &lines,
            id.clone(),
            options,
            &people_resolved,
            &missing_people,
            &titles_resolved,
            &missing_series,
            rejects,
        )?;
        match combine(existing.get(&(EntityKind::Film, id)), Entity::Film(film))? {
            Some(film) => films.push(film),
            None => report.unchanged += 1,
        }
    }
    let summary = format!("Import IMDb datasets: titles {first} to {last}");
    count(report, store.put(films, &options.author, &summary).await?);
    Ok(())
}

enum Spooled {
    Basics(TitleRow),
    Aka(AkaRow),
    Crew(CrewRow),
    Episode(EpisodeRow),
    Principal(PrincipalRow),
    Rating(RatingRow),
}

/// A line of a title file, parsed, with its title id and line number.
fn parse_line(
    file: ImdbFile,
    line: &kinora_formats::imdb::Line<'_>,
) -> Result<(String, i64, Spooled), Reject> {
    let row = match file {
        ImdbFile::TitleBasics => TitleRow::parse(line).map(Spooled::Basics),
        ImdbFile::TitleAkas => AkaRow::parse(line).map(Spooled::Aka),
        ImdbFile::TitleCrew => CrewRow::parse(line).map(Spooled::Crew),
        ImdbFile::TitleEpisode => EpisodeRow::parse(line).map(Spooled::Episode),
        ImdbFile::TitlePrincipals => PrincipalRow::parse(line).map(Spooled::Principal),
        ImdbFile::TitleRatings => RatingRow::parse(line).map(Spooled::Rating),
        ImdbFile::NameBasics => Err(Reject {
            line: line.number,
            reason: "name.basics holds people, not titles".into(),
        }),
    }?;
    Ok((title_key(line.text()).to_owned(), line.number as i64, row))
}

fn parse_spooled(file: ImdbFile, line: i64, text: &str) -> anyhow::Result<Spooled> {
    // The line was checked when it was spooled; a failure here is a bug.
    kinora_formats::imdb::Line::split(file, line as u64, text)
        .and_then(|parsed| parse_line(file, &parsed))
        .map(|(_, _, row)| row)
        .map_err(|reject| anyhow::anyhow!("spooled {} line {line}: {}", file.stem(), reject.reason))
}

fn film_form(title_type: &str) -> FilmForm {
    match title_type {
        "movie" => FilmForm::Feature,
        "short" => FilmForm::Short,
        "tvSeries" => FilmForm::Series,
        "tvMiniSeries" => FilmForm::MiniSeries,
        "tvEpisode" => FilmForm::Episode,
        "tvMovie" => FilmForm::TvMovie,
        "tvSpecial" => FilmForm::TvSpecial,
        "tvShort" => FilmForm::TvShort,
        "tvPilot" => FilmForm::Pilot,
        "videoGame" => FilmForm::VideoGame,
        _ => FilmForm::Video,
    }
}

/// IMDb's principal categories, as departments and jobs.
fn department(category: &str) -> (Department, &'static str) {
    match category {
        "director" => (Department::Directing, "Director"),
        "writer" => (Department::Writing, "Writer"),
        "producer" => (Department::Production, "Producer"),
        "composer" => (Department::Music, "Composer"),
        "cinematographer" => (Department::Camera, "Cinematographer"),
        "editor" => (Department::Editing, "Editor"),
        "production_designer" => (Department::Art, "Production designer"),
        "casting_director" => (Department::Production, "Casting director"),
        "actor" => (Department::Cast, "Actor"),
        "actress" => (Department::Cast, "Actress"),
        "self" => (Department::Cast, "Self"),
        "archive_footage" => (Department::Cast, "Archive footage"),
        "archive_sound" => (Department::Sound, "Archive sound"),
        _ => (Department::Crew, "Crew"),
    }
}

#[allow(clippy::too_many_arguments)]
fn film_from(
    lines: &TitleLines,
    id: EntityId,
    options: &ImdbOptions,
    people: &HashMap<String, EntityId>,
    missing_people: &HashSet<EntityId>,
    titles: &HashMap<String, EntityId>,
    missing_series: &HashSet<EntityId>,
    rejects: &mut Rejects,
) -> anyhow::Result<Film> {
    let basics = lines
        .basics
        .as_ref()
        .context("a title without its title.basics line")?;
    let sources = citation();
    let claim_title = |text: &str,
                       kind: TitleKind,
                       country: Option<Country>,
                       lang: Option<Language>,
                       note: Option<String>| {
        Title {
            text: text.to_owned(),
            kind,
            script: kinora_core::Script::detect(text),
            lang,
            country,
            preferred: false,
            note,
            sources: sources.clone(),
        }
    };
    let mut film_titles = vec![claim_title(
        &basics.primary_title,
        TitleKind::AlsoKnownAs,
        None,
        None,
        None,
    )];
    match &basics.original_title {
        Some(original) if *original == basics.primary_title => {
            film_titles[0].kind = TitleKind::Original
        }
        Some(original) => {
            film_titles.push(claim_title(original, TitleKind::Original, None, None, None))
        }
        None => {}
    }
    // In IMDb's order (`ordering`), whatever the order of the lines.
    let mut akas: Vec<&AkaRow> = lines.akas.iter().collect();
    akas.sort_by_key(|aka| aka.ordering);
    for aka in akas {
        let kind = if aka.is_original_title || aka.types.iter().any(|t| t == "original") {
            TitleKind::Original
        } else if aka.types.iter().any(|t| t == "working") {
            TitleKind::Working
        } else if aka.types.iter().any(|t| t == "festival") {
            TitleKind::Festival
        } else {
            TitleKind::AlsoKnownAs
        };
        // IMDb's regions are mostly ISO 3166 codes, with some of its own
        // (XWW for worldwide, SUHH for the Soviet Union): those become a note.
        let country = aka
            .region
            .as_deref()
            .and_then(|region| Country::parse(region).ok());
        let lang = aka
            .language
            .as_deref()
            .and_then(|language| Language::parse(language).ok());
        let mut notes = Vec::new();
        if let Some(region) = aka.region.as_deref().filter(|_| country.is_none()) {
            notes.push(format!("IMDb region {region}"));
        }
        if let Some(language) = aka.language.as_deref().filter(|_| lang.is_none()) {
            notes.push(format!("IMDb language {language}"));
        }
        notes.extend(aka.attributes.iter().cloned());
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        let title = claim_title(&aka.title, kind, country, lang, note);
        let duplicate = film_titles
            .iter()
            .any(|t| t.text == title.text && t.kind == title.kind && t.country == title.country);
        if !duplicate {
            film_titles.push(title);
        }
    }

    let mut credits = Vec::new();
    let mut credited: HashSet<(String, Department)> = HashSet::new();
    let mut principals: Vec<&(i64, PrincipalRow)> = lines.principals.iter().collect();
    principals.sort_by_key(|(line, principal)| (principal.ordering, *line));
    for (line, principal) in principals {
        let person = &people[&principal.nconst];
        if missing_people.contains(person) {
            rejects.add(
                ImdbFile::TitlePrincipals,
                &Reject {
                    line: *line as u64,
                    reason: format!(
                        "{} is not in name.basics nor in the catalog",
                        principal.nconst
                    ),
                },
            )?;
            continue;
        }
        let (department, job) = department(&principal.category);
        credited.insert((principal.nconst.clone(), department));
        credits.push(Credit {
            person: kinora_core::id::PersonRef::new(person.clone()),
            department,
            job: principal.job.clone().unwrap_or_else(|| job.to_owned()),
            credited_as: None,
            characters: principal
                .characters
                .iter()
                .map(|name| Character {
                    name: name.clone(),
                    also: Vec::new(),
                    description: None,
                })
                .collect(),
            billing: Some(principal.ordering),
            status: None,
            date: None,
            preferred: false,
            note: None,
            sources: sources.clone(),
        });
    }
    for crew in &lines.crew {
        let listed = crew
            .directors
            .iter()
            .map(|nconst| (nconst, Department::Directing, "Director"))
            .chain(
                crew.writers
                    .iter()
                    .map(|nconst| (nconst, Department::Writing, "Writer")),
            );
        for (nconst, department, job) in listed {
            let person = &people[nconst];
            if missing_people.contains(person) || !credited.insert((nconst.clone(), department)) {
                continue;
            }
            credits.push(Credit {
                person: kinora_core::id::PersonRef::new(person.clone()),
                department,
                job: job.to_owned(),
                credited_as: None,
                characters: Vec::new(),
                billing: None,
                status: None,
                date: None,
                preferred: false,
                note: None,
                sources: sources.clone(),
            });
        }
    }
    let mut episode_of = Vec::new();
    for (line, episode) in &lines.episode {
        if missing_series.contains(&titles[&episode.parent]) {
            rejects.add(
                ImdbFile::TitleEpisode,
                &Reject {
                    line: *line as u64,
                    reason: format!(
                        "series {} is not in title.basics nor in the catalog",
                        episode.parent
                    ),
                },
            )?;
            continue;
        }
        episode_of.push(EpisodeOf {
            series: kinora_core::id::FilmRef::new(titles[&episode.parent].clone()),
            season: episode.season,
            episode: episode.episode,
            preferred: false,
            note: None,
            sources: sources.clone(),
        });
    }
    let ratings = lines
        .rating
        .iter()
        .map(|rating| -> anyhow::Result<AggregateRating> {
            Ok(AggregateRating {
                by: "IMDb".into(),
                value: kinora_core::money::Decimal::parse(&rating.average)?,
                best: kinora_core::money::Decimal::parse("10")?,
                votes: rating.votes,
                date: Some(options.as_of),
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Film {
        id,
        images: Vec::new(),
        titles: film_titles,
        forms: vec![FormClaim {
            form: film_form(&basics.title_type),
            preferred: false,
            note: None,
            sources: sources.clone(),
        }],
        years: basics
            .start_year
            .map(|year| YearClaim {
                year,
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect(),
        releases: Vec::new(),
        runtimes: basics
            .runtime_minutes
            .map(|minutes| Runtime {
                minutes,
                country: None,
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect(),
        colors: Vec::new(),
        formats: Vec::new(),
        countries: Vec::new(),
        languages: Vec::new(),
        genres: basics
            .genres
            .iter()
            .map(|genre| Genre {
                genre: genre.clone(),
                preferred: false,
                note: None,
                sources: sources.clone(),
            })
            .collect(),
        keywords: Vec::new(),
        synopses: Vec::new(),
        credits,
        companies: Vec::new(),
        money: Vec::new(),
        filming_locations: Vec::new(),
        filming_periods: Vec::new(),
        based_on: Vec::new(),
        soundtracks: Vec::new(),
        statuses: Vec::new(),
        related: Vec::new(),
        links: Vec::new(),
        trailers: Vec::new(),
        trivia: Vec::new(),
        episode_of,
        ratings,
        availability: Vec::new(),
        external_ids: vec![ExternalId {
            scheme: IdScheme::Imdb,
            value: basics.tconst.clone(),
            preferred: false,
            note: None,
            sources: sources.clone(),
        }],
    })
}

/// Lines of the other title files whose title is not in title.basics.
async fn reject_orphans(
    spool: &Spool,
    files: &[(ImdbFile, PathBuf)],
    rejects: &mut Rejects,
) -> anyhow::Result<()> {
    for (file, _) in files
        .iter()
        .filter(|(file, _)| !matches!(file, ImdbFile::TitleBasics | ImdbFile::NameBasics))
    {
        for orphan in spool
            .orphans(file.stem(), ImdbFile::TitleBasics.stem())
            .await?
        {
            rejects.add(
                *file,
                &Reject {
                    line: orphan.line as u64,
                    reason: format!("{} is not in title.basics", orphan.key),
                },
            )?;
        }
    }
    Ok(())
}
