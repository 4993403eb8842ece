//! The search index itself: opening it on disk or in memory, the version
//! and position its last commit records, and an index of another version
//! or an interrupted rebuild marked for rebuilding.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};

use crate::error::{Result, SearchError};
use crate::schema::{Fields, schema};

/// Bumped whenever the schema or what is indexed changes: an index of
/// another version is rebuilt.
pub(crate) const VERSION: u32 = 4;

/// What the index's last commit says about it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub(crate) version: u32,
    /// The last change of the store it reflects.
    pub(crate) position: i64,
    /// False while a rebuild is under way: an index left so by a crash is
    /// rebuilt.
    pub(crate) complete: bool,
}

/// The search index, on disk or in memory. Searches run concurrently; one
/// writer at a time.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    /// Made on the first write, so that a process that only searches
    /// can open an index another process writes to.
    pub(crate) writer: Mutex<Option<IndexWriter>>,
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) position: AtomicI64,
    /// Whether the index must be rebuilt before it can be trusted (new,
    /// of another version, or a rebuild was interrupted).
    pub(crate) stale: AtomicBool,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if there is none. An index of
    /// another version is removed and made anew (and [`needs_rebuild`]).
    ///
    /// [`needs_rebuild`]: SearchIndex::needs_rebuild
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let io = |source| SearchError::Io {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema();
        if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir)?;
            let payload = read_payload(&index)?;
            if payload.is_some_and(|p| p.version == VERSION) && index.schema() == schema {
                return SearchIndex::with(index, fields, payload);
            }
            drop(index);
            std::fs::remove_dir_all(dir).map_err(io)?;
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let index = Index::create_in_dir(dir, schema)?;
        SearchIndex::with(index, fields, None)
    }

    /// An index in memory, for tests and the demo.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema();
        SearchIndex::with(Index::create_in_ram(schema), fields, None)
    }

    fn with(index: Index, fields: Fields, payload: Option<Payload>) -> Result<SearchIndex> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let stale = !payload.is_some_and(|p| p.complete);
        Ok(SearchIndex {
            reader,
            writer: Mutex::new(None),
            index,
            fields,
            position: AtomicI64::new(payload.map_or(0, |p| p.position)),
            stale: stale.into(),
        })
    }

    /// The last change of the store the index reflects.
    pub fn position(&self) -> i64 {
        self.position.load(Ordering::SeqCst)
    }

    /// Whether the index must be rebuilt from the store before use.
    pub fn needs_rebuild(&self) -> bool {
        self.stale.load(Ordering::SeqCst)
    }

    /// How many entities the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn read_payload(index: &Index) -> Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok()))
}
