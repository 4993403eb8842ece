//! An edit saved from a known state of its entity (`Base`): the change an
//! editor read it at, or nothing for a creation. The check is made inside
//! the write's transaction, once the entity's row is locked (PostgreSQL
//! `for update`; SQLite has one writer), so of two editors who read one
//! state and both save, the second never writes over the first: their
//! edits are merged when they changed different claim lists
//! (`Entity::rebase`), and otherwise the second is refused (`Stale`) with
//! the entity as it is now and the changes it missed.

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use serde::Serialize;
use sqlx::Row;

use crate::log::history_after;
use crate::put::Put;
use crate::{HistoryEntry, Result, State, Store, StoreError, Tx, WriteReport};

/// What an edit of one entity was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Whatever the store holds: the edit replaces it (an import, an API
    /// client that names no base).
    Any,
    /// Nothing: a creation. An entity of that id, or the redirect a merge
    /// left there, refuses it.
    Absent,
    /// The entity as it stood after this change, the last that had touched
    /// it when it was read.
    Change(i64),
}

/// An edit refused because its entity is no longer as its base says.
/// Nothing was written.
#[derive(Debug, Clone)]
pub struct Stale {
    pub kind: EntityKind,
    pub id: EntityId,
    pub base: Base,
    /// What the store holds now.
    pub current: State,
    /// The last change that touched the entity (0 when none did): the base
    /// to save from now.
    pub last_change: i64,
    /// The edits of the entity after the base, newest first, one per
    /// change: what the refused edit did not know of.
    pub since: Vec<HistoryEntry>,
    /// The claim lists both edits changed, differently (`fields` for the
    /// entity's own fields), when the two could not be merged for that.
    pub overlap: Vec<&'static str>,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, id) = (self.kind, &self.id);
        match (self.base, self.since.first()) {
            (Base::Absent, _) => match &self.current {
                State::Redirect(to) => write!(
                    f,
                    "{kind} `{id}` exists already (it was merged into `{to}`); choose another id"
                ),
                _ => write!(f, "{kind} `{id}` exists already; choose another id"),
            },
            (Base::Change(base), Some(latest)) => {
                write!(
                    f,
                    "{kind} `{id}` was changed after change #{base}, which this edit was made from: change #{} by {}, “{}”",
                    latest.change_id, latest.author, latest.summary
                )?;
                if self.since.len() > 1 {
                    write!(f, ", and {} before it", self.since.len() - 1)?;
                }
                if !self.overlap.is_empty() {
                    write!(f, "; both changed {}", self.overlap.join(", "))?;
                }
                Ok(())
            }
            (Base::Change(base), None) => write!(
                f,
                "{kind} `{id}` was last changed by change #{}, not #{base}",
                self.last_change
            ),
            (Base::Any, _) => write!(f, "{kind} `{id}` changed"),
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Saved {
    pub report: WriteReport,
    /// The changes after the base that the edit was merged with, oldest
    /// first: the claim lists they changed stay as they left them.
    pub merged_with: Vec<i64>,
}

impl Store {
    /// Writes one entity as an editor saved it, made from `base`, in one
    /// change. When another change touched the entity after `base`, the
    /// two edits are merged if they changed different claim lists, and
    /// otherwise the save is refused with `StoreError::Stale`; a document
    /// equal to the entity's is no change, whatever its base.
    pub async fn save(
        &self,
        entity: Entity,
        base: Base,
        author: &str,
        summary: &str,
    ) -> Result<Saved> {
        self.retrying(|| async {
            let mut put = self.begin_put(author, summary).await?;
            let (entity, before, merged_with) = put.rebase(entity.clone(), base).await?;
            put.write_over(entity, before).await?;
            Ok(Saved {
                report: put.commit().await?,
                merged_with,
            })
        })
        .await
    }

    /// The last change that touched an entity, 0 when none did.
    pub async fn last_change_of(&self, kind: EntityKind, id: &EntityId) -> Result<i64> {
        last_change(&self.pool, kind, id).await
    }
}

impl Put<'_> {
    /// `mine` as it is to be written over what the store holds now (which
    /// is returned with it, the state to write over), given what it was
    /// made from, with the changes it was merged with; or `Stale`. The
    /// entity's row is locked first, so what is read here stays true until
    /// the change commits; a row that is absent cannot be locked, and when
    /// another writer creates it meanwhile, this change's insert fails as a
    /// unique violation and the save is tried again.
    pub(crate) async fn rebase(
        &mut self,
        mine: Entity,
        base: Base,
    ) -> Result<(Entity, State, Vec<i64>)> {
        let (kind, id) = (mine.kind(), mine.id().clone());
        let writer = self.writer();
        let current = writer.load(kind, &id).await?;
        let tx = &mut writer.tx;
        let base_change = match base {
            Base::Any => return Ok((mine, current, Vec::new())),
            Base::Absent if matches!(current, State::Absent) => {
                return Ok((mine, current, Vec::new()));
            }
            Base::Absent => None,
            Base::Change(change) => Some(change),
        };
        let last = last_change(&mut **tx, kind, &id).await?;
        if base_change == Some(last) || current == State::Present(mine.clone()) {
            return Ok((mine, current, Vec::new()));
        }
        let mut since =
            history_after(&mut **tx, kind, &id, base_change.unwrap_or(i64::MIN)).await?;
        since.dedup_by_key(|entry| entry.change_id);
        let mut overlap = Vec::new();
        if let (Some(base_change), State::Present(theirs)) = (base_change, &current)
            && base_change < last
            && let State::Present(base_entity) = state_after(tx, base_change, kind, &id).await?
        {
            match Entity::rebase(&base_entity, &mine, theirs) {
                Ok(merged) if merged.check().is_ok() => {
                    let merged_with = since.iter().rev().map(|entry| entry.change_id).collect();
                    return Ok((merged, current, merged_with));
                }
                Ok(_) => {}
                Err(both) => overlap = both.0,
            }
        }
        Err(StoreError::Stale(Box::new(Stale {
            kind,
            id,
            base,
            current,
            last_change: last,
            since,
            overlap,
        })))
    }
}

/// The last change that touched an entity, 0 when none did.
async fn last_change<'e, E>(executor: E, kind: EntityKind, id: &EntityId) -> Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "select coalesce(max(change_id), 0) as last_change from edit where kind = $1 and entity_id = $2",
    )
    .bind(kind.as_str())
    .bind(id.as_str())
    .fetch_one(executor)
    .await?;
    Ok(row.try_get("last_change")?)
}

/// The entity's state after a change, as its last edit in that change
/// recorded it; absent when the change did not touch it. Called for a
/// change that is not the entity's last, whose state after is written out.
async fn state_after(
    tx: &mut Tx<'_>,
    change: i64,
    kind: EntityKind,
    id: &EntityId,
) -> Result<State> {
    let row = sqlx::query(
        "select after_state from edit where change_id = $1 and kind = $2 and entity_id = $3 \
         and after_is_current = 0 order by id desc limit 1",
    )
    .bind(change)
    .bind(kind.as_str())
    .bind(id.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(State::Absent);
    };
    let text: Option<String> = row.try_get("after_state")?;
    let value = text
        .map(|text| serde_json::from_str::<serde_json::Value>(&text))
        .transpose()?;
    State::from_json(value)
}
