//! Creating and replacing whole entities in one change: all at once
//! (`Store::put`), or batch by batch as a large file is read (`Put`), so
//! that an import holds one batch in memory, not the catalog.

use std::collections::HashMap;

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::decode::{id_of, key_of};
use crate::sql::{KEYS_PER_STATEMENT, key_list};
use crate::write::{Edit, Writer};
use crate::{ChangeMeta, Result, State, Store, StoreError, WriteReport};

/// Where an entity stands in the store, as far as a reference cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Present,
    /// Merged into this one.
    Redirect(EntityId),
}

/// One change being written batch by batch: nothing is visible to anyone
/// else until `commit`, and dropping it (an error, a refused file) rolls
/// everything back.
pub struct Put<'s> {
    writer: Writer<'s>,
    report: WriteReport,
    /// Entities with a digest noted that were as the store holds them:
    /// their digest is set at commit.
    noted_unchanged: Vec<(EntityKind, EntityId)>,
}

impl Store {
    /// Creates or replaces entities, all in one change, or none if any fails.
    pub async fn put(
        &self,
        entities: Vec<Entity>,
        author: &str,
        summary: &str,
    ) -> Result<WriteReport> {
        self.put_noted(entities, &Digests::default(), author, summary)
            .await
    }

    /// `put`, noting for each entity in `digests` a digest of the input it
    /// was built from, on its id in the other catalog (see `Digests`).
    pub async fn put_noted(
        &self,
        entities: Vec<Entity>,
        digests: &Digests,
        author: &str,
        summary: &str,
    ) -> Result<WriteReport> {
        self.retrying(|| async {
            let mut put = self.begin_put(author, summary).await?;
            put.note(digests.clone());
            put.write(entities.clone()).await?;
            put.commit().await
        })
        .await
    }

    /// Starts a change to write in batches (`Put::write`). On SQLite it
    /// holds the write lock until it is committed or dropped, so a batch
    /// never waits for another writer; a busy store is waited for here.
    pub async fn begin_put(&self, author: &str, summary: &str) -> Result<Put<'_>> {
        let meta = ChangeMeta::new(author, summary, None);
        let writer = self.retrying(|| Writer::begin(self, meta.clone())).await?;
        Ok(Put {
            writer,
            report: WriteReport::default(),
            noted_unchanged: Vec::new(),
        })
    }
}

impl<'s> Put<'s> {
    pub(crate) fn transaction(&mut self) -> &mut crate::Tx<'s> {
        &mut self.writer.tx
    }

    pub(crate) fn writer(&mut self) -> &mut Writer<'s> {
        &mut self.writer
    }
}

/// What an import notes of the entities it writes: for each, a digest of
/// the lines it was built from, kept on the entity's id in the other
/// catalog (`external_id` of `scheme`). The next import of the same lines
/// finds the same digest and need not build the entity again. Any other
/// write of the entity drops the digest.
#[derive(Debug, Clone, Default)]
pub struct Digests {
    pub scheme: String,
    pub digests: HashMap<(EntityKind, EntityId), i64>,
}

impl Put<'_> {
    /// Notes digests for entities this change writes next (see `Digests`).
    pub fn note(&mut self, digests: Digests) {
        self.writer.digests = digests;
    }

    /// Writes a batch of whole entities. An entity written again, in this
    /// batch or a later one, is recorded as a second edit; one that is as
    /// the store holds it counts as unchanged.
    pub async fn write(&mut self, entities: Vec<Entity>) -> Result<()> {
        for entity in &entities {
            checked(entity)?;
        }
        let keys: Vec<(EntityKind, EntityId)> = entities
            .iter()
            .map(|entity| (entity.kind(), entity.id().clone()))
            .collect();
        let mut states = self.writer.load_many(&keys).await?;
        let mut edits: Vec<Edit> = Vec::with_capacity(entities.len());
        // The last edit of each entity, when one is written twice.
        let mut last_edit: HashMap<(EntityKind, EntityId), usize> = HashMap::new();
        for ((kind, id), entity) in keys.into_iter().zip(entities) {
            let before = match last_edit.get(&(kind, id.clone())) {
                Some(&index) => edits[index].after.clone(),
                None => states.remove(&(kind, id.clone())).unwrap_or(State::Absent),
            };
            if let Some(edit) = self.edit_of(before, entity)? {
                last_edit.insert((kind, id), edits.len());
                edits.push(edit);
            }
        }
        self.writer.write_many(&edits).await
    }

    /// Writes one entity over `before`, its state as this change has read
    /// (and locked) it already: what was checked against is what is
    /// replaced, with no second read between.
    pub(crate) async fn write_over(&mut self, entity: Entity, before: State) -> Result<()> {
        checked(&entity)?;
        match self.edit_of(before, entity)? {
            Some(edit) => self.writer.write_many(&[edit]).await,
            None => Ok(()),
        }
    }

    /// The edit that sets an entity over `before`, counted in the report;
    /// none when it is as the store holds it.
    fn edit_of(&mut self, before: State, entity: Entity) -> Result<Option<Edit>> {
        let (kind, id) = (entity.kind(), entity.id().clone());
        if let State::Redirect(to) = &before {
            return Err(StoreError::Conflict(format!(
                "{kind} `{id}` was merged into `{to}`; edit `{to}` instead"
            )));
        }
        let after = State::Present(entity);
        if before == after {
            self.report.unchanged += 1;
            if self
                .writer
                .digests
                .digests
                .contains_key(&(kind, id.clone()))
            {
                self.noted_unchanged.push((kind, id));
            }
            return Ok(None);
        }
        if matches!(before, State::Absent) {
            self.report.created += 1;
        } else {
            self.report.updated += 1;
        }
        Ok(Some(Edit {
            kind,
            id,
            before,
            after,
        }))
    }

    /// Which of these entities the store holds, as this change sees it
    /// (its own writes included): the ones it lacks are not in the map.
    pub async fn presence(
        &mut self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), Presence>> {
        let mut found = HashMap::with_capacity(keys.len());
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "select kind, id, case when doc is null then redirect_to end as redirect_to from entity \
                 where (doc is not null or redirect_to is not null) and (kind, id) in ({})",
                key_list(self.writer.dialect, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            for row in query.fetch_all(&mut *self.writer.tx).await? {
                let presence = match row.try_get::<Option<String>, _>("redirect_to")? {
                    Some(_) => Presence::Redirect(id_of(&row, "redirect_to")?),
                    None => Presence::Present,
                };
                found.insert(key_of(&row, "kind", "id")?, presence);
            }
        }
        Ok(found)
    }

    /// Checks every reference the change made, commits, and says what
    /// changed; with nothing changed, no change is recorded.
    pub async fn commit(mut self) -> Result<WriteReport> {
        let noted = std::mem::take(&mut self.noted_unchanged);
        self.writer.set_digests_of(&noted).await?;
        let mut report = self.report;
        report.change_id = self.writer.commit().await?;
        Ok(report)
    }
}

/// An entity that passes the checks its types cannot make.
fn checked(entity: &Entity) -> Result<()> {
    entity.check().map_err(|problems| {
        StoreError::Invalid(format!(
            "{} `{}`: {}",
            entity.kind(),
            entity.id(),
            problems.join("; ")
        ))
    })
}
