//! Operations that span the store and the file formats: importing and
//! exporting catalogs, loading the demo.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use kinora_core::{EntityId, EntityKind};
use kinora_formats::json::{self, FormatError};
use kinora_store::{Lookup, Store, WriteReport};

/// A catalog file to import: its name (for messages) and its text.
pub struct ImportFile {
    pub name: String,
    pub text: Vec<u8>,
}

impl ImportFile {
    pub fn read(path: &Path) -> anyhow::Result<ImportFile> {
        let mut text = Vec::new();
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_end(&mut text))
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(ImportFile {
            name: path.display().to_string(),
            text,
        })
    }
}

/// Imports catalog files into the store in one change: all of them, or, at
/// the first problem, none. References may cross files.
pub async fn import(
    store: &Store,
    files: &[ImportFile],
    author: &str,
) -> Result<WriteReport, ImportError> {
    let mut entities = Vec::new();
    let mut outside = Vec::new();
    let mut defined: HashMap<(EntityKind, EntityId), String> = HashMap::new();
    for file in files {
        let catalog = json::read(&file.name, file.text.as_slice())?;
        for (index, entity) in catalog.entities.iter().enumerate() {
            let key = (entity.kind(), entity.id().clone());
            if let Some(first) = defined.get(&key) {
                let message = format!("{} `{}` is also defined in {first}", key.0, key.1);
                return Err(catalog.error_at(&file.name, index, "id", message).into());
            }
            // An id merged away stays a redirect; writing to it would hide the survivor.
            if let Lookup::Redirect { to } = store.lookup(key.0, &key.1).await? {
                let message = format!(
                    "{} `{}` was merged into `{to}`; write to `{to}` instead",
                    key.0, key.1
                );
                return Err(catalog.error_at(&file.name, index, "id", message).into());
            }
            defined.insert(key, file.name.clone());
        }
        entities.extend(catalog.entities);
        outside.extend(
            catalog
                .outside_references
                .into_iter()
                .map(|reference| (file.name.clone(), reference)),
        );
    }
    let unresolved: Vec<_> = outside
        .iter()
        .filter(|(_, r)| !defined.contains_key(&(r.kind, r.id.clone())))
        .collect();
    let keys: Vec<_> = unresolved
        .iter()
        .map(|(_, r)| (r.kind, r.id.clone()))
        .collect();
    let missing = store.missing(&keys).await?;
    if let Some((file, reference)) = unresolved
        .iter()
        .find(|(_, r)| missing.contains(&(r.kind, r.id.clone())))
    {
        let mut error = reference.missing(file);
        if let Lookup::Redirect { to } = store.lookup(reference.kind, &reference.id).await? {
            error.message = format!(
                "{} `{}` was merged into `{to}`; refer to `{to}`",
                reference.kind, reference.id
            );
        }
        return Err(ImportError::Format(error));
    }
    let names: Vec<&str> = files.iter().map(|file| file.name.as_str()).collect();
    let summary = format!("Import {}", names.join(", "));
    Ok(store.put(entities, author, &summary).await?)
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
        .map(|(name, text)| ImportFile {
            name: (*name).to_owned(),
            text: text.as_bytes().to_vec(),
        })
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
    json::write(entities, writer)?;
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
    match kinora_core::EntityKind::parse(text) {
        Some(kind) => Ok(kind),
        // Articles are sources: news, press releases, blog posts.
        None if text == "article" || text == "articles" => Ok(kinora_core::EntityKind::Source),
        None => bail!(
            "unknown kind `{text}`: use film, person, company, album, source, article, venue or event"
        ),
    }
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
    let total = from.count_changes().await?;
    let progress = crate::cli::progress_bar(total as u64, "changes");
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
/// its own change, and reports the rate and latencies.
pub async fn bench_writes(
    store: &Store,
    seconds: u64,
    concurrency: usize,
    prefix: &str,
) -> anyhow::Result<BenchReport> {
    let body = "A review-sized text about a film, written to measure writes. ".repeat(24);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for writer in 0..concurrency {
        let store = store.clone();
        let body = body.clone();
        let prefix = prefix.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut sequence = 0u64;
            while std::time::Instant::now() < deadline {
                let id = format!("{prefix}-{writer}-{sequence}");
                let entity: kinora_core::Entity = serde_json::from_value(serde_json::json!({
                    "type": "source", "id": id, "kind": "review", "title": format!("Review {sequence}"),
                    "lang": "en", "summary": body,
                }))?;
                let one = std::time::Instant::now();
                store.put(vec![entity], "bench", "Benchmark write").await?;
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
