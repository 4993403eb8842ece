//! The groups of entities whose names are spellings of one name (likely
//! duplicates), found by the keys every spelling is filed under. Looking a
//! name up is the search index's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use kinora_core::{EntityId, EntityKind};
use serde::Serialize;
use sqlx::Row;

use crate::decode::{key_of, kind_of, summary_of};
use crate::{Result, Store, Summary};

/// Entities of one kind whose names are spellings of one name.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateGroup {
    /// The key they share (`ko 김 tekyon`: surname 김, given name Tae-kyun).
    pub key: String,
    /// Each entity with its names that have the key.
    pub entities: Vec<(Summary, Vec<String>)>,
    /// Evidence beyond the name: what two or more of them are linked with
    /// (the films both people are credited in, the people both films
    /// credit). Sources do not count: one article names many.
    pub shared: Vec<Summary>,
}

impl DuplicateGroup {
    /// Evidence beyond the name: the entities share a year.
    pub fn same_year(&self) -> bool {
        let years: Vec<i64> = self.entities.iter().filter_map(|(e, _)| e.year).collect();
        years.len() > 1 && years.iter().all(|year| *year == years[0])
    }

    /// Why they are listed, in words of the reader's language.
    pub fn reason(&self) -> String {
        let mut reason = kinora_i18n::t("duplicate-spellings");
        if self.same_year() {
            reason.push_str(&kinora_i18n::t("duplicate-same-year"));
        }
        if !self.shared.is_empty() {
            let names: Vec<String> = self
                .shared
                .iter()
                .take(3)
                .map(|entity| match entity.year {
                    Some(year) => format!("{} ({year})", entity.label),
                    None => entity.label.clone(),
                })
                .collect();
            let names = names.join(", ");
            reason.push_str(&if self.shared.len() > 3 {
                kinora_i18n::t_with(
                    "duplicate-linked-more",
                    &[
                        ("names", names.into()),
                        ("more", (self.shared.len() - 3).into()),
                    ],
                )
            } else {
                kinora_i18n::t_with("duplicate-linked", &[("names", names.into())])
            });
        }
        reason
    }
}

impl Store {
    /// Possible duplicates: entities of one kind whose names are spellings
    /// of one name (they share a key), the first `limit` groups by key.
    /// Without a kind: films, people and companies (sources share their
    /// publishers' names without being one another).
    pub async fn duplicates(
        &self,
        kind: Option<EntityKind>,
        limit: i64,
    ) -> Result<Vec<DuplicateGroup>> {
        let rows = sqlx::query(
            "select k.key, k.kind, k.id, k.name, e.label, e.year from entity_key k \
             join entity e on e.kind = k.kind and e.id = k.id \
             where (k.key, k.kind) in (select key, kind from entity_key \
             where (($1 = '' and kind in ('film', 'person', 'company')) or kind = $1) \
             group by key, kind having count(distinct id) > 1 order by key, kind limit $2) \
             order by k.key, k.kind, k.id, k.name",
        )
        .bind(kind.map(|kind| kind.as_str()).unwrap_or(""))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut groups: Vec<DuplicateGroup> = Vec::new();
        for row in rows {
            let key: String = row.try_get("key")?;
            let entity = summary_of(&row, kind_of(&row, "kind")?, "id")?;
            let name: String = row.try_get("name")?;
            if groups
                .last()
                .is_none_or(|group| group.key != key || group.entities[0].0.kind != entity.kind)
            {
                groups.push(DuplicateGroup {
                    key: key.clone(),
                    entities: Vec::new(),
                    shared: Vec::new(),
                });
            }
            let Some(group) = groups.last_mut() else {
                continue;
            };
            match group.entities.iter_mut().find(|(e, _)| e.id == entity.id) {
                Some((_, names)) => {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                None => group.entities.push((entity, vec![name])),
            }
        }
        // Two entities that meet under several keys are listed once.
        let mut seen = HashSet::new();
        groups.retain(|group| {
            let ids: Vec<(EntityKind, EntityId)> = group
                .entities
                .iter()
                .map(|(e, _)| (e.kind, e.id.clone()))
                .collect();
            seen.insert(ids)
        });
        let members: Vec<(EntityKind, EntityId)> = groups
            .iter()
            .flat_map(|group| &group.entities)
            .map(|(entity, _)| (entity.kind, entity.id.clone()))
            .collect();
        let neighbours = self.neighbours(&members).await?;
        let mut wanted = Vec::new();
        for group in &mut groups {
            let mut counts: BTreeMap<&(EntityKind, EntityId), usize> = BTreeMap::new();
            for (entity, _) in &group.entities {
                if let id = entity.id.clone()
                    && let kind = entity.kind
                    && let Some(linked) = neighbours.get(&(kind, id))
                {
                    for other in linked {
                        *counts.entry(other).or_default() += 1;
                    }
                }
            }
            let shared: Vec<(EntityKind, EntityId)> = counts
                .into_iter()
                .filter(|(_, count)| *count > 1)
                .map(|(key, _)| key.clone())
                .collect();
            wanted.push(shared);
        }
        let all: Vec<(EntityKind, EntityId)> = wanted.iter().flatten().cloned().collect();
        let summaries = self.summaries(&all).await?;
        for (group, shared) in groups.iter_mut().zip(wanted) {
            group.shared = shared
                .iter()
                .filter_map(|key| summaries.get(key).cloned())
                .collect();
        }
        Ok(groups)
    }

    /// The entities each of `keys` links to or is linked from, sources
    /// aside.
    pub(crate) async fn neighbours(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), BTreeSet<(EntityKind, EntityId)>>> {
        let mut neighbours: HashMap<_, BTreeSet<_>> = HashMap::new();
        for (this, other) in [("from", "to"), ("to", "from")] {
            let (this_kind, this_id) = (format!("{this}_kind"), format!("{this}_id"));
            let (other_kind, other_id) = (format!("{other}_kind"), format!("{other}_id"));
            let statement = format!(
                "select {this_kind}, {this_id}, {other_kind}, {other_id} from entity_link \
                 where ({this_kind}, {this_id}) in (KEYS) and {other_kind} <> 'source'"
            );
            for row in self.rows_by_keys(&statement, keys).await? {
                neighbours
                    .entry(key_of(&row, &this_kind, &this_id)?)
                    .or_default()
                    .insert(key_of(&row, &other_kind, &other_id)?);
            }
        }
        Ok(neighbours)
    }
}
