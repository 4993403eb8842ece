//! What the catalog has already: IMDb ids resolved to the entities that
//! carry them, and an imported entity combined with the catalog's own, only
//! the facts that cite IMDb alone replaced.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_store::{Digests, Store, WriteReport};

use super::report::{ImdbReport, count};

use super::entities::SOURCE_ID;

/// The catalog an import writes into, and whether it held no entity when
/// the import began. Then every IMDb id is its own entity's id, and no
/// entity of the files is in the catalog before the import writes it (each
/// is written once), so neither is looked up.
///
/// Batches are written one behind the reading: while a batch is written
/// (on another thread, with the database's own), the next one is read and
/// built. Each batch is still one change, committed before the next
/// begins, in the files' order.
pub(super) struct Catalog<'s> {
    pub(super) store: &'s Store,
    pub(super) fresh: bool,
    writing: Mutex<Option<Writing>>,
}

/// The batch being written.
struct Writing {
    task: tokio::task::JoinHandle<kinora_store::Result<WriteReport>>,
    /// The entities it writes: not in the catalog yet, but they will be
    /// before the next batch is.
    ids: HashSet<EntityId>,
}

impl<'s> Catalog<'s> {
    pub(super) fn new(store: &'s Store, fresh: bool) -> Catalog<'s> {
        Catalog {
            store,
            fresh,
            writing: Mutex::new(None),
        }
    }

    /// Starts writing a batch as one change, once the batch before it is
    /// committed.
    pub(super) async fn put(
        &self,
        entities: Vec<Entity>,
        digests: HashMap<(EntityKind, EntityId), i64>,
        author: &str,
        summary: String,
        report: &mut ImdbReport,
    ) -> anyhow::Result<()> {
        self.settle(report).await?;
        let ids = entities.iter().map(|entity| entity.id().clone()).collect();
        let store = self.store.clone();
        let author = author.to_owned();
        let digests = Digests {
            scheme: "imdb".into(),
            digests,
        };
        let task =
            tokio::spawn(
                async move { store.put_noted(entities, &digests, &author, &summary).await },
            );
        *self.writing.lock().unwrap_or_else(PoisonError::into_inner) = Some(Writing { task, ids });
        Ok(())
    }

    /// Waits for the batch being written, and counts what it did.
    pub(super) async fn settle(&self, report: &mut ImdbReport) -> anyhow::Result<()> {
        let writing = self
            .writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(writing) = writing {
            count(report, writing.task.await??);
        }
        Ok(())
    }

    /// Whether the batch being written holds this entity.
    pub(super) fn being_written(&self, id: &EntityId) -> bool {
        self.writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|writing| writing.ids.contains(id))
    }

    /// Maps IMDb ids to the entities that already carry them, else to the
    /// id itself (`tt1119191` is a valid Kinora id); and to the digest the
    /// last import noted of each (`digest`).
    pub(super) async fn resolve_ids(
        &self,
        ids: &[String],
    ) -> anyhow::Result<(HashMap<String, EntityId>, HashMap<String, i64>)> {
        let found = if self.fresh {
            Default::default()
        } else {
            self.store.find_imported("imdb", ids).await?
        };
        let mut resolved = HashMap::with_capacity(ids.len());
        let mut noted = HashMap::new();
        for id in ids {
            let entity = match found.get(id) {
                Some(found) => {
                    if let Some(digest) = found.digest {
                        noted.insert(id.clone(), digest);
                    }
                    found.id.clone()
                }
                None => EntityId::parse(id)?,
            };
            resolved.insert(id.clone(), entity);
        }
        Ok((resolved, noted))
    }

    /// The entities of these keys the catalog holds already.
    pub(super) async fn existing(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> anyhow::Result<BTreeMap<(EntityKind, EntityId), Entity>> {
        if self.fresh {
            return Ok(BTreeMap::new());
        }
        Ok(self.store.get_many(keys).await?)
    }
}

/// The entity as it should be after the import: the existing one's facts
/// that other sources state, and the imported facts. With no existing
/// entity, the imported one, with its first name or title preferred. None
/// when the catalog holds that already.
pub(super) fn combine(
    existing: Option<&Entity>,
    mut imported: Entity,
) -> anyhow::Result<Option<Entity>> {
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
