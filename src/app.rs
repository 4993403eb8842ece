//! Operations that span the store and the file formats: importing and
//! exporting catalogs, loading the demo.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kinora_core::image::FileHash;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::json::{self, FormatError, OutsideReference, ReadEntity, ReadItem};
use kinora_store::pictures::StoredPicture;
use kinora_store::{Presence, Put, Store, WriteReport};

/// A catalog file to import: its name (for messages) and where to read it.
pub struct ImportFile {
    pub name: String,
    source: ImportSource,
}

enum ImportSource {
    Path(PathBuf),
    Text(&'static [u8]),
}

impl ImportFile {
    /// A file on disk, read as it is imported; refused now if it cannot
    /// be opened.
    pub fn read(path: &Path) -> anyhow::Result<ImportFile> {
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(ImportFile {
            name: path.display().to_string(),
            source: ImportSource::Path(path.to_owned()),
        })
    }

    /// A catalog built into the program (the demo).
    pub fn text(name: &str, text: &'static str) -> ImportFile {
        ImportFile {
            name: name.to_owned(),
            source: ImportSource::Text(text.as_bytes()),
        }
    }

    fn open(&self) -> Result<Box<dyn Read + Send>, FormatError> {
        match &self.source {
            ImportSource::Text(text) => Ok(Box::new(*text)),
            ImportSource::Path(path) => match std::fs::File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(error) => Err(FormatError {
                    file: self.name.clone(),
                    line: None,
                    column: None,
                    field: None,
                    message: format!("cannot read: {error}"),
                }),
            },
        }
    }
}

/// Entities handed from the reading thread to the writer at a time.
const IMPORT_BATCH: usize = 500;

/// What the reading thread hands the writer.
enum Piece {
    Entities {
        file: usize,
        read: Vec<ReadEntity>,
    },
    /// A picture carried by the file, checked and resized on the reading
    /// thread, with where it was read.
    Picture {
        picture: Box<StoredPicture>,
    },
    /// A file read to its end and good, with what it refers to outside.
    End {
        file: usize,
        outside: Vec<OutsideReference>,
    },
}

/// Imports catalog files into the store in one change: all of them, or, at
/// the first problem, none. References may cross files.
///
/// The files are read on a blocking thread and written batch by batch into
/// one transaction as they are read, so memory holds a few batches and the
/// ids seen, whatever the size of the files; the change is committed only
/// when every file has been read to its end and every reference resolves.
pub async fn import(
    store: &Store,
    files: &[ImportFile],
    author: &str,
) -> Result<WriteReport, ImportError> {
    let names: Vec<String> = files.iter().map(|file| file.name.clone()).collect();
    let summary = format!("Import {}", names.join(", "));
    let mut readers = Vec::with_capacity(files.len());
    for file in files {
        readers.push((file.name.clone(), file.open()?));
    }
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Piece>(2);
    let reading = tokio::task::spawn_blocking(move || -> Result<(), FormatError> {
        for (file, (name, reader)) in readers.into_iter().enumerate() {
            let mut batch = Vec::with_capacity(IMPORT_BATCH);
            let stopped = || FormatError {
                file: name.clone(),
                line: None,
                column: None,
                field: None,
                message: "the import stopped".into(),
            };
            let outside = json::read_items(&name, reader, |item| {
                let read = match item {
                    ReadItem::Entity(read) => read,
                    ReadItem::File(carried) => {
                        // Entities read before it go first, in file order.
                        if !batch.is_empty() {
                            let read =
                                std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                            sender
                                .blocking_send(Piece::Entities { file, read })
                                .map_err(|_| stopped())?;
                        }
                        let picture = crate::pictures::prepare_now(&carried.bytes)
                            .map_err(|error| carried.error(&name, "data", error.to_string()))?;
                        if picture.file != carried.file {
                            return Err(carried.error(
                                &name,
                                "data",
                                "the picture is not as Kinora keeps it (its metadata was not removed): export it from Kinora, or add it by upload",
                            ));
                        }
                        sender
                            .blocking_send(Piece::Picture {
                                picture: Box::new(picture),
                            })
                            .map_err(|_| stopped())?;
                        return Ok(());
                    }
                };
                batch.push(read);
                if batch.len() == IMPORT_BATCH {
                    let read = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                    sender
                        .blocking_send(Piece::Entities { file, read })
                        .map_err(|_| stopped())?;
                }
                Ok(())
            })?;
            if !batch.is_empty() {
                sender
                    .blocking_send(Piece::Entities { file, read: batch })
                    .map_err(|_| stopped())?;
            }
            sender
                .blocking_send(Piece::End { file, outside })
                .map_err(|_| stopped())?;
        }
        Ok(())
    });

    let mut put = store.begin_put(author, &summary).await?;
    // Which file defined each entity, for an entity defined in two.
    let mut defined: HashMap<(EntityKind, EntityId), usize> = HashMap::new();
    let mut outside: Vec<(usize, OutsideReference)> = Vec::new();
    let mut written = Ok(());
    // The pictures this import carried, and those found in the store.
    let mut pictures: HashMap<FileHash, (u32, u32)> = HashMap::new();
    while let Some(piece) = receiver.recv().await {
        match piece {
            Piece::Entities { file, read } => {
                written = write_batch(
                    &mut put,
                    store,
                    &mut defined,
                    &mut pictures,
                    &names,
                    file,
                    read,
                )
                .await;
                if written.is_err() {
                    break;
                }
            }
            Piece::Picture { picture } => {
                written = put.save_picture(&picture).await.map_err(ImportError::from);
                if written.is_err() {
                    break;
                }
                pictures.insert(picture.file.clone(), (picture.width, picture.height));
            }
            Piece::End {
                file,
                outside: references,
            } => outside.extend(references.into_iter().map(|reference| (file, reference))),
        }
    }
    // Ends the reading thread if the writing stopped first.
    drop(receiver);
    let read = reading.await.map_err(|error| {
        ImportError::Store(kinora_store::StoreError::Invalid(error.to_string()))
    })?;
    written?;
    read?;

    let unresolved: Vec<&(usize, OutsideReference)> = outside
        .iter()
        .filter(|(_, r)| !defined.contains_key(&(r.kind, r.id.clone())))
        .collect();
    let keys: Vec<_> = unresolved
        .iter()
        .map(|(_, r)| (r.kind, r.id.clone()))
        .collect();
    let presence = put.presence(&keys).await?;
    for (file, reference) in unresolved {
        match presence.get(&(reference.kind, reference.id.clone())) {
            Some(Presence::Present) => {}
            Some(Presence::Redirect(to)) => {
                let mut error = reference.missing(&names[*file]);
                error.message = format!(
                    "{} `{}` was merged into `{to}`; refer to `{to}`",
                    reference.kind, reference.id
                );
                return Err(error.into());
            }
            None => return Err(reference.missing(&names[*file]).into()),
        }
    }
    Ok(put.commit().await?)
}

/// Writes one batch read from `names[file]`, after checking that no entity
/// in it was defined by an earlier file or merged away.
async fn write_batch(
    put: &mut Put<'_>,
    store: &Store,
    defined: &mut HashMap<(EntityKind, EntityId), usize>,
    pictures: &mut HashMap<FileHash, (u32, u32)>,
    names: &[String],
    file: usize,
    read: Vec<ReadEntity>,
) -> Result<(), ImportError> {
    let name = &names[file];
    // Every picture shown is carried before it, or kept by the store already.
    let unknown: Vec<FileHash> = read
        .iter()
        .flat_map(|read| read.entity.images())
        .map(|image| image.file.clone())
        .filter(|file| !pictures.contains_key(file))
        .collect();
    if !unknown.is_empty() {
        pictures.extend(store.picture_sizes(&unknown).await?);
    }
    for read in &read {
        for (index, image) in read.entity.images().iter().enumerate() {
            match pictures.get(&image.file) {
                None => {
                    let message = format!(
                        "there is no picture {}: list it under `files` before the entities that show it, or upload it first",
                        image.file
                    );
                    return Err(read
                        .error(name, &format!("images[{index}].file"), message)
                        .into());
                }
                Some(&(width, height)) if (width, height) != (image.width, image.height) => {
                    let message = format!(
                        "the picture is {width}×{height} pixels, not {}×{}",
                        image.width, image.height
                    );
                    return Err(read
                        .error(name, &format!("images[{index}].width"), message)
                        .into());
                }
                Some(_) => {}
            }
        }
    }
    let keys: Vec<(EntityKind, EntityId)> = read
        .iter()
        .map(|read| (read.entity.kind(), read.entity.id().clone()))
        .collect();
    for (read, key) in read.iter().zip(&keys) {
        if let Some(&first) = defined.get(key) {
            let message = format!("{} `{}` is also defined in {}", key.0, key.1, names[first]);
            return Err(read.error(name, "id", message).into());
        }
        defined.insert(key.clone(), file);
    }
    // An id merged away stays a redirect; writing to it would hide the survivor.
    let presence = put.presence(&keys).await?;
    for (read, key) in read.iter().zip(&keys) {
        if let Some(Presence::Redirect(to)) = presence.get(key) {
            let message = format!(
                "{} `{}` was merged into `{to}`; write to `{to}` instead",
                key.0, key.1
            );
            return Err(read.error(name, "id", message).into());
        }
    }
    put.write(read.into_iter().map(|read| read.entity).collect())
        .await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error(transparent)]
    Store(#[from] kinora_store::StoreError),
}

/// Loads the demo catalog if the store is empty. Returns whether it did.
pub async fn load_demo_if_empty(store: &Store) -> anyhow::Result<bool> {
    if !store.is_empty().await? {
        return Ok(false);
    }
    let files: Vec<ImportFile> = crate::demo::FILES
        .iter()
        .map(|(name, text)| ImportFile::text(name, text))
        .collect();
    import(store, &files, "kinora-demo")
        .await
        .context("the demo catalog does not load")?;
    crate::demo::load_community(store)
        .await
        .context("the demo's reviews and threads do not load")?;
    Ok(true)
}

/// Writes the whole catalog in Kinora's JSON format.
pub async fn export(store: &Store, writer: impl std::io::Write) -> anyhow::Result<()> {
    let entities = store.all_entities().await?;
    // The pictures the catalog shows, as the store keeps them.
    let shown: std::collections::HashSet<FileHash> = entities
        .iter()
        .flat_map(|entity| entity.images())
        .map(|image| image.file.clone())
        .collect();
    let mut files = Vec::new();
    let mut after: Option<FileHash> = None;
    loop {
        let page = store.pictures_after(after.as_ref(), 50).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.file.clone());
        files.extend(
            page.into_iter()
                .filter(|picture| shown.contains(&picture.file))
                .map(|picture| {
                    json::CatalogFile::new(picture.file, &picture.media_type, &picture.bytes)
                }),
        );
    }
    json::write_with_files(entities, files, writer)?;
    Ok(())
}

/// How many entities of each kind the store holds.
pub async fn counts(store: &Store) -> anyhow::Result<BTreeMap<&'static str, i64>> {
    let mut counts = BTreeMap::new();
    for kind in kinora_core::EntityKind::ALL {
        counts.insert(kind.plural(), store.count(kind).await?);
    }
    Ok(counts)
}

/// Parses `KIND` as the command line and URLs write it.
pub fn parse_kind(text: &str) -> anyhow::Result<kinora_core::EntityKind> {
    kinora_core::EntityKind::from_name(text).map_err(anyhow::Error::msg)
}

/// What a copy moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyReport {
    pub changes: usize,
    pub entities: i64,
    /// Accounts, reviews, diary entries, lists, threads, posts… copied.
    pub community: u64,
}

/// Copies a whole catalog with its history into an empty store, by replaying
/// every change in order through the target's write path. Each change is one
/// transaction; an interrupted copy leaves a prefix of the history, and the
/// target is refused as not empty by the next attempt (start again on a new
/// database).
pub async fn copy(from: &Store, to: &Store) -> anyhow::Result<CopyReport> {
    if !to.is_blank().await? {
        bail!("the target store is not empty; copy into a new, empty database");
    }
    // Pictures first: the changes that show them need them.
    let mut after: Option<FileHash> = None;
    loop {
        let page = from.pictures_after(after.as_ref(), 50).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.file.clone());
        for picture in &page {
            to.save_picture(picture)
                .await
                .with_context(|| format!("cannot copy the picture {}", picture.file))?;
        }
    }
    let total = from.count_changes().await?;
    let progress = crate::progress::progress_bar(total as u64, "changes");
    let mut copied = 0;
    let mut after = 0;
    loop {
        let changes = from.changes_after(after, 200).await?;
        let Some(last) = changes.last() else { break };
        after = last.id;
        for change in &changes {
            to.replay(change)
                .await
                .with_context(|| format!("cannot copy change #{}", change.id))?;
            copied += 1;
            progress.inc(1);
        }
    }
    to.renumber_after_copy().await?;
    progress.finish_and_clear();
    let mut entities = 0;
    for kind in kinora_core::EntityKind::ALL {
        let (a, b) = (from.count(kind).await?, to.count(kind).await?);
        if a != b {
            bail!(
                "the copy has {b} {} where the original has {a}",
                kind.plural()
            );
        }
        entities += a;
    }
    let community = from
        .copy_community_to(to)
        .await
        .context("cannot copy the community's accounts, reviews and threads")?;
    Ok(CopyReport {
        changes: copied,
        entities,
        community,
    })
}

/// What a write benchmark measured.
#[derive(Debug, Clone, Copy)]
pub struct BenchReport {
    pub writes: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Writes review-sized entities (a source of about 1.5 KB, the size of a
/// user review) for `seconds`, from `concurrency` writers at once, each write
/// its own change, `rate` a second in all when above zero, and reports
/// the rate and latencies. With `ratings_of`, each write is instead a
/// rating of that film by one of the benchmark's accounts (one a writer,
/// made first), each a new value.
pub async fn bench_writes(
    store: &Store,
    seconds: u64,
    concurrency: usize,
    prefix: &str,
    rate: f64,
    ratings_of: Option<&str>,
) -> anyhow::Result<BenchReport> {
    let mut raters = Vec::new();
    if ratings_of.is_some() {
        for writer in 0..concurrency {
            let name = format!("{}-{writer}", prefix.to_ascii_lowercase());
            let handle = kinora_core::community::Handle::parse(&name)
                .map_err(|error| anyhow::anyhow!("--prefix: {error}"))?;
            let account = match store.account_by_name(&name).await? {
                Some(account) => account,
                None => {
                    store
                        .create_account(&kinora_store::community::NewAccount {
                            name: handle,
                            display_name: name.clone(),
                            email: None,
                            password_hash: None,
                            role: kinora_core::community::Role::Member,
                        })
                        .await?
                }
            };
            raters.push(account.id);
        }
    }
    // Each writer's pace, when a rate in all is asked for.
    let pause =
        (rate > 0.0).then(|| std::time::Duration::from_secs_f64(concurrency.max(1) as f64 / rate));
    let body = "A review-sized text about a film, written to measure writes. ".repeat(24);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for writer in 0..concurrency {
        let store = store.clone();
        let body = body.clone();
        let prefix = prefix.to_owned();
        let rating = ratings_of
            .zip(raters.get(writer).copied())
            .map(|(film, account)| (film.to_owned(), account));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut sequence = 0u64;
            let mut pace = pause.map(tokio::time::interval);
            while std::time::Instant::now() < deadline {
                if let Some(pace) = pace.as_mut() {
                    pace.tick().await;
                }
                let one = std::time::Instant::now();
                if let Some((film, account)) = &rating {
                    let value =
                        kinora_core::community::Rating::new(i64::try_from(sequence % 10)? + 1)
                            .map_err(anyhow::Error::msg)?;
                    store.set_rating(*account, film, Some(value), None).await?;
                } else {
                    let id = format!("{prefix}-{writer}-{sequence}");
                    let entity: kinora_core::Entity = serde_json::from_value(serde_json::json!({
                        "type": "source", "id": id, "kind": "review",
                        "title": format!("Review {sequence}"), "lang": "en", "summary": body,
                    }))?;
                    store.put(vec![entity], "bench", "Benchmark write").await?;
                }
                latencies.push(one.elapsed().as_secs_f64() * 1000.0);
                sequence += 1;
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(|a, b| a.total_cmp(b));
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    Ok(BenchReport {
        writes: latencies.len(),
        seconds: elapsed,
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.5),
        p99_ms: percentile(0.99),
    })
}
