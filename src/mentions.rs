//! What an article names: the films, people and companies of the catalog
//! found in its text in any spelling and script, proposed to an editor.
//!
//! The names are kept in an automaton (`kinora_core::mentions::Gazetteer`)
//! built from the store's name table and rebuilt when the catalog has
//! changed since; the context rules (a one-word title needs quotes, a year
//! or a tie to someone named in full) ask the store which candidates are
//! linked to each other.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use kinora_core::mentions::{Gazetteer, NameEntry, Proposal};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Store;
use tokio::sync::Mutex;

/// The automaton of the catalog's names, and the change it was built at.
#[derive(Default)]
pub struct Names {
    built: Mutex<Option<(i64, Arc<Gazetteer>)>>,
}

impl Names {
    /// The automaton as of the store's last change, built again when the
    /// catalog changed since it was built.
    pub async fn gazetteer(&self, store: &Store) -> anyhow::Result<Arc<Gazetteer>> {
        let last = store.last_change().await?;
        let mut built = self.built.lock().await;
        if let Some((at, gazetteer)) = &*built
            && *at == last
        {
            return Ok(gazetteer.clone());
        }
        let started = std::time::Instant::now();
        let names = store
            .all_names(&[EntityKind::Film, EntityKind::Person, EntityKind::Company])
            .await?;
        let count = names.len();
        let gazetteer = tokio::task::spawn_blocking(move || {
            Gazetteer::new(
                names
                    .into_iter()
                    .map(|(kind, id, name)| NameEntry { kind, id, name }),
            )
        })
        .await?;
        tracing::info!(
            names = count,
            ms = started.elapsed().as_millis() as u64,
            "built the automaton of names"
        );
        let gazetteer = Arc::new(gazetteer);
        *built = Some((last, gazetteer.clone()));
        Ok(gazetteer)
    }

    /// The entities a text names, with how sure Kinora is of each and why.
    pub async fn propose(&self, store: &Store, text: &str) -> anyhow::Result<Vec<Proposal>> {
        let gazetteer = self.gazetteer(store).await?;
        let found = gazetteer.find(text);
        let mut candidates: Vec<(EntityKind, EntityId)> = found
            .iter()
            .flat_map(|found| found.candidates.iter().cloned())
            .collect();
        candidates.sort();
        candidates.dedup();
        // Which candidates the catalog links: a film and its director, a
        // film and its companies.
        let mut links: HashSet<((EntityKind, EntityId), (EntityKind, EntityId))> = HashSet::new();
        let wanted: HashSet<&(EntityKind, EntityId)> = candidates.iter().collect();
        for (key, entity) in store.get_many(&candidates).await? {
            for reference in entity.references() {
                let other = (reference.kind, reference.id);
                if wanted.contains(&other) {
                    links.insert((key.clone(), other.clone()));
                    links.insert((other, key.clone()));
                }
            }
        }
        let years: HashMap<(EntityKind, EntityId), i32> = store
            .summaries(&candidates)
            .await?
            .into_iter()
            .filter_map(|(key, summary)| summary.year.map(|year| (key, year as i32)))
            .collect();
        let related = |a: &(EntityKind, EntityId), b: &(EntityKind, EntityId)| {
            links.contains(&(a.clone(), b.clone()))
        };
        let year_of = |key: &(EntityKind, EntityId)| years.get(key).copied();
        Ok(kinora_core::mentions::propose(&found, &related, &year_of))
    }
}
