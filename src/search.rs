//! The search index kept up to date from the store.
//!
//! The index ([`kinora_search::SearchIndex`]) is derived data: it knows the
//! last change of the store it reflects and catches up from the edit log.
//! One task writes to it ([`Searcher::spawn`]); a search first asks the
//! store for its last change and, when the index is behind, wakes the task
//! and waits a moment for it, so that a search sees every write made before
//! it, by this process or another.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use kinora_core::{Entity, EntityId, EntityKind};
use kinora_search::{Document, Hit, Search, SearchIndex};
use kinora_store::Store;
use tokio::sync::{Mutex, Notify, Semaphore, watch};

/// Changes read from the edit log at a time while catching up.
const CHANGES_AT_ONCE: i64 = 4;
/// Entities read from the store at a time while rebuilding.
const ENTITIES_AT_ONCE: i64 = 5_000;
/// How long a search waits for the index to catch up with the store before
/// it answers from the index as it is.
const FRESHNESS_WAIT: Duration = Duration::from_secs(2);
/// How often the writer task looks for changes made by other processes when
/// nobody searches.
const POLL: Duration = Duration::from_secs(1);

/// The index, shared by every request, with the task that keeps it fresh.
#[derive(Clone)]
pub struct Searcher {
    index: Arc<SearchIndex>,
    /// Rebuilds and catch-ups, one at a time.
    writing: Arc<Mutex<()>>,
    wake: Arc<Notify>,
    position: watch::Sender<i64>,
    /// Searches running at once, off the async workers: a burst of
    /// searches waits its turn instead of taking every thread.
    searching: Arc<Semaphore>,
    /// A rebuild under way: entities indexed so far, and in all.
    building: Arc<std::sync::Mutex<Option<Building>>>,
}

/// How far a rebuild of the index has gone: searches meanwhile see only
/// the entities indexed so far, and pages say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Building {
    /// Entities indexed so far.
    pub done: u64,
    /// Entities in the store when the rebuild began.
    pub total: u64,
}

impl Building {
    /// The share done, in whole percent (0 to 99 while under way).
    pub fn percent(&self) -> u64 {
        (self.done * 100)
            .checked_div(self.total)
            .unwrap_or(0)
            .min(99)
    }
}

/// Clears the rebuild's progress when the rebuild ends, well or not.
struct BuildingGuard<'a>(&'a std::sync::Mutex<Option<Building>>);

impl Drop for BuildingGuard<'_> {
    fn drop(&mut self) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

/// How many searches run at once: one per core, and one more.
fn searches_at_once() -> usize {
    std::thread::available_parallelism().map_or(2, |cores| cores.get() + 1)
}

impl Searcher {
    pub fn new(index: SearchIndex) -> Searcher {
        let position = index.position();
        Searcher {
            index: Arc::new(index),
            writing: Arc::new(Mutex::new(())),
            wake: Arc::new(Notify::new()),
            position: watch::Sender::new(position),
            searching: Arc::new(Semaphore::new(searches_at_once())),
            building: Arc::new(std::sync::Mutex::new(None)),
        }
    }

    /// The rebuild under way, if one is, or one that must be made: an
    /// index left incomplete (a rebuild stopped midway, by a crash or a
    /// kill) answers as being built from nothing, not as current, until
    /// its rebuild ends.
    pub fn building(&self) -> Option<Building> {
        let building = *self
            .building
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        building.or_else(|| {
            self.index
                .needs_rebuild()
                .then_some(Building { done: 0, total: 0 })
        })
    }

    fn set_building(&self, building: Building) {
        *self
            .building
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(building);
    }

    /// An index in memory, for tests and stores without a folder.
    pub fn in_memory() -> anyhow::Result<Searcher> {
        Ok(Searcher::new(SearchIndex::in_memory()?))
    }

    /// The index in `dir` (made if missing).
    pub fn open(dir: &std::path::Path) -> anyhow::Result<Searcher> {
        let index = SearchIndex::open(dir)
            .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
        Ok(Searcher::new(index))
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Brings the index up to date now: rebuilds it if it must be, then
    /// applies every change it has not seen. `progress` hears of each
    /// rebuilt batch (entities so far, entities in all).
    pub async fn refresh(
        &self,
        store: &Store,
        progress: &mut (dyn FnMut(u64, u64) + Send),
    ) -> anyhow::Result<Refreshed> {
        let _writing = self.writing.lock().await;
        let mut refreshed = Refreshed::default();
        // An index ahead of its store belongs to a store that was replaced
        // (restored from a backup, copied anew): it is rebuilt.
        let behind_the_index = store.last_change().await? < self.index.position();
        if self.index.needs_rebuild() || behind_the_index {
            refreshed.rebuilt = Some(self.rebuild_locked(store, progress).await?);
        }
        refreshed.changes = self.catch_up_locked(store).await?;
        Ok(refreshed)
    }

    /// Rebuilds the whole index from the store, as `kinora reindex` does.
    pub async fn rebuild(
        &self,
        store: &Store,
        progress: &mut (dyn FnMut(u64, u64) + Send),
    ) -> anyhow::Result<u64> {
        let _writing = self.writing.lock().await;
        let count = self.rebuild_locked(store, progress).await?;
        self.catch_up_locked(store).await?;
        Ok(count)
    }

    async fn rebuild_locked(
        &self,
        store: &Store,
        progress: &mut (dyn FnMut(u64, u64) + Send),
    ) -> anyhow::Result<u64> {
        self.set_building(Building { done: 0, total: 0 });
        let _building = BuildingGuard(&self.building);
        let position = store.last_change().await?;
        let mut total = 0;
        for kind in EntityKind::ALL {
            total += u64::try_from(store.count(kind).await?).unwrap_or(0);
        }
        self.set_building(Building { done: 0, total });
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.clear(position)).await??;
        let mut after: Option<(EntityKind, EntityId)> = None;
        let mut done = 0;
        progress(0, total);
        // The store is read and the documents made while the batch before
        // is being indexed, on another thread: two cores, both busy.
        let mut adding: Option<(tokio::task::JoinHandle<kinora_search::Result<()>>, u64)> = None;
        loop {
            let entities = store.scan(after.as_ref(), ENTITIES_AT_ONCE).await?;
            let last = entities.last().map(|last| (last.kind(), last.id().clone()));
            let count = entities.len() as u64;
            let documents = documents(store, entities).await?;
            if let Some((added, count)) = adding.take() {
                added.await??;
                done += count;
                self.set_building(Building {
                    done,
                    total: total.max(done),
                });
                progress(done, total.max(done));
            }
            if last.is_none() {
                break;
            }
            after = last;
            let index = self.index.clone();
            adding = Some((
                tokio::task::spawn_blocking(move || index.add(&documents)),
                count,
            ));
        }
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.finish(position)).await??;
        self.position.send_replace(position);
        Ok(done)
    }

    /// Applies the changes after the index's position. Returns how many.
    async fn catch_up_locked(&self, store: &Store) -> anyhow::Result<u64> {
        let mut applied = 0;
        loop {
            let from = self.index.position();
            let (keys, last) = store.edited_after(from, CHANGES_AT_ONCE).await?;
            let Some(last) = last else {
                break;
            };
            let written: BTreeSet<_> = keys.iter().cloned().collect();
            let present = store.get_many(&keys).await?;
            let removed: Vec<(String, String)> = keys
                .iter()
                .filter(|key| !present.contains_key(key))
                .map(|(kind, id)| (kind.as_str().to_owned(), id.as_str().to_owned()))
                .collect();
            // What the written entities refer to is credited or cited once
            // more or less: its popularity moved.
            let referred: Vec<_> = present
                .values()
                .flat_map(Entity::references)
                .map(|reference| (reference.kind, reference.id))
                .filter(|key| !written.contains(key))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut entities: Vec<Entity> = present.into_values().collect();
            entities.extend(store.get_many(&referred).await?.into_values());
            let documents = documents(store, entities).await?;
            let index = self.index.clone();
            tokio::task::spawn_blocking(move || index.apply(&documents, &removed, last)).await??;
            applied += u64::try_from(last - from).unwrap_or(0);
            self.position.send_replace(last);
        }
        Ok(applied)
    }

    /// Keeps the index fresh in the background until the process ends:
    /// rebuilds it first if it must be, then catches up whenever a search
    /// finds it behind, and every second for writes of other processes.
    pub fn spawn(&self, store: Store) {
        let searcher = self.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let mut last_log = std::time::Instant::now();
            let mut progress = |done: u64, total: u64| {
                if last_log.elapsed() > Duration::from_secs(5) || done == total {
                    tracing::info!("search index: rebuilt {done} of {total} entities");
                    last_log = std::time::Instant::now();
                }
            };
            match searcher.refresh(&store, &mut progress).await {
                Ok(refreshed) => {
                    if let Some(count) = refreshed.rebuilt {
                        tracing::info!(
                            "search index: rebuilt from {count} entities in {:.1?}",
                            started.elapsed()
                        );
                    }
                }
                Err(error) => tracing::error!("search index: {error:#}"),
            }
            loop {
                let _ = tokio::time::timeout(POLL, searcher.wake.notified()).await;
                if let Err(error) = searcher.refresh(&store, &mut |_, _| {}).await {
                    tracing::warn!("search index: cannot catch up: {error:#}");
                }
            }
        });
    }

    /// Waits until the index reflects every change the store had when
    /// asked, or a moment has passed.
    pub async fn fresh(&self, store: &Store) -> anyhow::Result<()> {
        let last = store.last_change().await?;
        if self.index.position() >= last {
            return Ok(());
        }
        // A few changes behind (the usual case: someone just wrote), and
        // nobody else writing to the index: catch up here and now.
        if last - self.index.position() <= CHANGES_AT_ONCE
            && !self.index.needs_rebuild()
            && let Ok(_writing) = self.writing.try_lock()
        {
            self.catch_up_locked(store).await?;
            return Ok(());
        }
        let mut position = self.position.subscribe();
        self.wake.notify_one();
        let _ = tokio::time::timeout(FRESHNESS_WAIT, position.wait_for(|at| *at >= last)).await;
        Ok(())
    }

    /// Searches the index once it has caught up with the store.
    /// The search itself runs on a blocking thread, a few at a time.
    pub async fn search(&self, store: &Store, search: Search<'_>) -> anyhow::Result<Vec<Hit>> {
        self.fresh(store).await?;
        let _turn = self.searching.acquire().await?;
        let index = self.index.clone();
        let Search {
            text,
            filters,
            limit,
            prefix,
        } = search;
        let text = text.to_owned();
        let hits = tokio::task::spawn_blocking(move || {
            index.search(&Search {
                text: &text,
                filters,
                limit,
                prefix,
            })
        })
        .await??;
        Ok(hits)
    }
}

impl Searcher {
    /// A page of a kind's entities that pass the filters, once the index
    /// has caught up with the store.
    pub async fn browse(
        &self,
        store: &Store,
        browse: kinora_search::Browse,
    ) -> anyhow::Result<kinora_search::Browsed> {
        self.fresh(store).await?;
        let _turn = self.searching.acquire().await?;
        let index = self.index.clone();
        Ok(tokio::task::spawn_blocking(move || index.browse(&browse)).await??)
    }

    /// How many entities of each kind, once the index has caught up.
    pub async fn counts(
        &self,
        store: &Store,
        kinds: Vec<&'static str>,
    ) -> anyhow::Result<Vec<usize>> {
        self.fresh(store).await?;
        let index = self.index.clone();
        Ok(tokio::task::spawn_blocking(move || {
            kinds
                .into_iter()
                .map(|kind| index.count(kind))
                .collect::<Result<Vec<_>, _>>()
        })
        .await??)
    }

    /// The values a filter of a kind's list can take, most common first.
    pub async fn facets(
        &self,
        kind: &'static str,
        facet: &'static str,
    ) -> anyhow::Result<Vec<kinora_search::Facet>> {
        let _turn = self.searching.acquire().await?;
        let index = self.index.clone();
        Ok(tokio::task::spawn_blocking(move || index.facets(kind, facet)).await??)
    }
}

/// What a refresh did.
#[derive(Debug, Default)]
pub struct Refreshed {
    /// Entities indexed when the index had to be rebuilt.
    pub rebuilt: Option<u64>,
    /// Changes applied from the edit log.
    pub changes: u64,
}

/// The index's documents of these entities, with their popularity.
async fn documents(store: &Store, entities: Vec<Entity>) -> anyhow::Result<Vec<Document>> {
    let keys: Vec<_> = entities
        .iter()
        .map(|entity| (entity.kind(), entity.id().clone()))
        .collect();
    let incoming = store.incoming_counts(&keys).await?;
    Ok(entities
        .iter()
        .zip(&keys)
        .map(|(entity, key)| Document::from_entity(entity, incoming.get(key).copied().unwrap_or(0)))
        .collect())
}

/// The longest search a visitor may send, in characters.
pub const QUERY_LIMIT: usize = kinora_search::QUERY_MAX;

/// Refuses a search text longer than [`QUERY_LIMIT`], naming the limit.
pub fn check_query(text: &str) -> Result<(), String> {
    let length = text.chars().count();
    if length > QUERY_LIMIT {
        return Err(kinora_i18n::t_with(
            "error-search-too-long",
            &[("limit", QUERY_LIMIT.into()), ("length", length.into())],
        ));
    }
    Ok(())
}

/// The kinds a search keeps, as written in a URL or on the command line:
/// a list of kinds (`film,person`); none, every kind.
pub fn parse_kinds(text: Option<&str>) -> Result<Vec<EntityKind>, String> {
    text.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(EntityKind::from_name)
        .collect()
}

/// The years a search keeps, as written: a year or a range (`2008`,
/// `2000-2010`, `-1960`, `2020-`); none, every year.
pub fn parse_years(text: Option<&str>) -> Result<Option<(i32, i32)>, String> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    let bad = || kinora_i18n::t_with("error-search-year", &[("text", text.to_owned().into())]);
    let number = |part: &str, default: i32| -> Result<i32, String> {
        let part = part.trim();
        if part.is_empty() {
            Ok(default)
        } else {
            part.parse().map_err(|_| bad())
        }
    };
    let (from, to) = match text.split_once('-') {
        Some((from, to)) => (number(from, i32::MIN)?, number(to, i32::MAX)?),
        None => {
            let year = number(text, 0)?;
            (year, year)
        }
    };
    if from > to {
        return Err(kinora_i18n::t_with(
            "error-search-year-order",
            &[("text", text.to_owned().into())],
        ));
    }
    Ok(Some((from, to)))
}

/// A country a search keeps, as written: an ISO 3166 code (`KR`); none,
/// every country.
pub fn parse_country(text: Option<&str>) -> Result<Option<String>, String> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    let country = kinora_core::Country::parse(text).map_err(|_| {
        kinora_i18n::t_with("error-search-country", &[("text", text.to_owned().into())])
    })?;
    Ok(Some(country.as_str().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuilds_progress_is_shown_while_under_way_and_cleared_after() {
        assert_eq!(
            Building {
                done: 42,
                total: 100
            }
            .percent(),
            42
        );
        assert_eq!(
            Building {
                done: 100,
                total: 100
            }
            .percent(),
            99
        );
        assert_eq!(Building { done: 0, total: 0 }.percent(), 0);
        // An index never built, or whose rebuild was stopped midway (by a
        // kill: the index on disk says it is incomplete), is not current
        // even before its rebuild starts.
        let folder = tempfile::tempdir().unwrap();
        {
            let searcher = Searcher::open(folder.path()).unwrap();
            assert_eq!(searcher.building(), Some(Building { done: 0, total: 0 }));
            searcher.index().clear(0).unwrap();
            searcher.index().finish(0).unwrap();
            assert_eq!(searcher.building(), None, "built");
            searcher.index().clear(1).unwrap();
        }
        let searcher = Searcher::open(folder.path()).unwrap();
        assert_eq!(
            searcher.building(),
            Some(Building { done: 0, total: 0 }),
            "a rebuild stopped midway"
        );
        searcher.index().clear(1).unwrap();
        searcher.index().finish(1).unwrap();
        assert_eq!(searcher.building(), None);
        searcher.set_building(Building { done: 1, total: 2 });
        {
            let _guard = BuildingGuard(&searcher.building);
            assert_eq!(searcher.building().map(|b| b.percent()), Some(50));
        }
        assert_eq!(searcher.building(), None, "cleared when the rebuild ends");
    }
}
