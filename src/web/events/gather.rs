//! What a page gathers from the store, each thing once: the references to
//! an entity, the documents of the entities making them (kept for the rest
//! of the page), the names a part of a page needs, and the families an
//! event or a venue heads (a festival's sections, a cinema's screens).

use std::collections::HashMap;
use std::sync::Arc;

use kinora_core::model::{Citation, Entity};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Store;

use crate::web::WebError;
use crate::web::view::Lookup;

/// The references to one entity a page reads at most.
const REFERRERS_READ: i64 = 2000;
/// The entities making them that a page reads whole at once.
const DOCUMENTS_READ: i64 = 500;

/// The entities that refer to others, each read from the store once per
/// page or calendar: the programme, the timeline and the news all look at
/// the same backlinks of one entity.
pub struct Backlinks<'s> {
    pub store: &'s Store,
    read: HashMap<(EntityKind, EntityId), Vec<kinora_store::Referrer>>,
    /// The documents read so far (`None`: not in the store), shared with
    /// the parts of the page that ask for them rather than copied.
    documents: HashMap<(EntityKind, EntityId), Option<Arc<Entity>>>,
}

impl<'s> Backlinks<'s> {
    pub fn new(store: &'s Store) -> Backlinks<'s> {
        Backlinks {
            store,
            read: HashMap::new(),
            documents: HashMap::new(),
        }
    }

    /// The documents of these entities that the store holds, each read
    /// once per page: the ones not read yet, in one statement.
    pub async fn documents(
        &mut self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<std::collections::BTreeMap<(EntityKind, EntityId), Arc<Entity>>, WebError> {
        let mut missing: Vec<(EntityKind, EntityId)> = keys
            .iter()
            .filter(|key| !self.documents.contains_key(*key))
            .cloned()
            .collect();
        missing.sort();
        missing.dedup();
        if !missing.is_empty() {
            let mut found = self.store.get_many(&missing).await?;
            for key in missing {
                let entity = found.remove(&key).map(Arc::new);
                self.documents.insert(key, entity);
            }
        }
        Ok(keys
            .iter()
            .filter_map(|key| {
                self.documents
                    .get(key)
                    .and_then(Option::as_ref)
                    .map(|entity| (key.clone(), Arc::clone(entity)))
            })
            .collect())
    }

    /// A document read already on this page.
    pub fn cached(&self, key: &(EntityKind, EntityId)) -> Option<&Entity> {
        self.documents.get(key).and_then(Option::as_deref)
    }

    /// The references to an entity read already on this page.
    pub fn cached_referrers(
        &self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Option<&[kinora_store::Referrer]> {
        self.read.get(&(kind, id.clone())).map(Vec::as_slice)
    }

    /// Remembers documents read elsewhere on the page.
    pub fn remember(&mut self, documents: impl IntoIterator<Item = impl Into<Arc<Entity>>>) {
        for entity in documents {
            let entity = entity.into();
            self.documents
                .insert((entity.kind(), entity.id().clone()), Some(entity));
        }
    }

    /// Reads the references to this entity and, whole, the first 500
    /// entities that make them, in one statement, so that the programme,
    /// the news and the backward sections find them.
    pub async fn read_referring(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<(), WebError> {
        let key = (kind, id.clone());
        if self.read.contains_key(&key) {
            return Ok(());
        }
        let (referrers, documents) = self
            .store
            .referrers_with_documents(kind, id, REFERRERS_READ, DOCUMENTS_READ)
            .await?;
        self.read.insert(key, referrers);
        self.remember(documents);
        Ok(())
    }

    /// The names of these entities, from the documents read when there.
    async fn summaries_into(
        &mut self,
        lookup: &mut Lookup,
        keys: Vec<(EntityKind, EntityId)>,
    ) -> Result<(), WebError> {
        let mut missing = Vec::new();
        for key in keys {
            if lookup.summaries.contains_key(&key) {
                continue;
            }
            match self.documents.get(&key) {
                Some(Some(entity)) => {
                    lookup.summaries.insert(key, summary_of(entity));
                }
                Some(None) => {}
                None => missing.push(key),
            }
        }
        if !missing.is_empty() {
            lookup
                .summaries
                .extend(self.store.summaries(&missing).await?);
        }
        Ok(())
    }

    /// Every reference to this entity (the first 2,000).
    pub async fn all(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<&[kinora_store::Referrer], WebError> {
        let key = (kind, id.clone());
        if !self.read.contains_key(&key) {
            let referrers = self.store.referrers(kind, id, REFERRERS_READ).await?;
            self.read.insert(key.clone(), referrers);
        }
        Ok(&self.read[&key])
    }

    /// The entities of a kind that refer to this one through a field.
    pub(super) async fn referring(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
        from: EntityKind,
        field: &str,
    ) -> Result<Vec<EntityId>, WebError> {
        let mut ids = Vec::new();
        for referrer in self.all(kind, id).await? {
            if referrer.from.kind == from
                && referrer.path.list() == Some(field)
                && !ids.contains(&referrer.from.id)
            {
                ids.push(referrer.from.id.clone());
            }
        }
        Ok(ids)
    }
}

/// The line of a listing that names an entity read whole.
pub fn summary_of(entity: &Entity) -> kinora_store::Summary {
    kinora_store::Summary {
        kind: entity.kind(),
        id: entity.id().clone(),
        // As the reader chose: 차인표 for a Korean reader, Cha In-pyo
        // for an English one.
        label: kinora_core::model::shown_label(entity, kinora_i18n::Reader::current()),
        year: entity.year().map(i64::from),
    }
}

/// The sources and names a part of a page cites that the page has not read.
pub(super) async fn read_into(
    back: &mut Backlinks<'_>,
    lookup: &mut Lookup,
    keys: Vec<(EntityKind, EntityId)>,
    citations: &[&Citation],
) -> Result<(), WebError> {
    let sources: Vec<(EntityKind, EntityId)> = citations
        .iter()
        .map(|citation| (EntityKind::Source, citation.source.id.clone()))
        .filter(|(_, id)| !lookup.sources.contains_key(id))
        .collect();
    for ((_, id), entity) in back.documents(&sources).await? {
        if let Entity::Source(source) = &*entity {
            lookup.sources.insert(id, source.clone());
        }
    }
    back.summaries_into(lookup, keys).await
}

/// An event and the events that are part of it (a festival edition and its
/// sections), two levels down.
pub(super) async fn event_family(
    back: &mut Backlinks<'_>,
    id: &EntityId,
) -> Result<Vec<EntityId>, WebError> {
    let mut family = vec![id.clone()];
    let mut index = 0;
    while index < family.len() && family.len() < 500 {
        let parts = back
            .referring(
                EntityKind::Event,
                &family[index],
                EntityKind::Event,
                "part_of",
            )
            .await?;
        for part in parts {
            if !family.contains(&part) {
                family.push(part);
            }
        }
        index += 1;
    }
    Ok(family)
}

/// A venue and the venues in it (a cinema and its screens).
pub(super) async fn venue_family(
    back: &mut Backlinks<'_>,
    id: &EntityId,
) -> Result<Vec<EntityId>, WebError> {
    let mut family = vec![id.clone()];
    family.extend(
        back.referring(EntityKind::Venue, id, EntityKind::Venue, "part_of")
            .await?,
    );
    Ok(family)
}
