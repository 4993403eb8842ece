//! The edits that are not a document written whole: deleting, merging one
//! entity into another, reverting a change.

use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::write::Writer;
use crate::{ChangeMeta, ChangeRecord, Result, State, Store, StoreError, parse_id, state};

impl Store {
    /// Deletes an entity nothing refers to.
    pub async fn delete(
        &self,
        kind: EntityKind,
        id: &EntityId,
        author: &str,
        summary: &str,
    ) -> Result<i64> {
        let meta = ChangeMeta::new(author, summary, None);
        self.retrying(|| self.delete_once(kind, id, meta.clone()))
            .await
    }

    pub(crate) async fn delete_once(
        &self,
        kind: EntityKind,
        id: &EntityId,
        meta: ChangeMeta,
    ) -> Result<i64> {
        let mut writer = Writer::begin(self, meta).await?;
        let before = writer.load(kind, id).await?;
        if !matches!(before, State::Present(_)) {
            return Err(StoreError::NotFound {
                kind,
                id: id.clone(),
            });
        }
        let referrers = writer.referrers(kind, id).await?;
        if let Some((from_kind, from_id)) = referrers.iter().find(|(k, i)| !(*k == kind && i == id))
        {
            return Err(StoreError::Conflict(format!(
                "{kind} `{id}` is still referred to by {from_kind} `{from_id}`; merge it instead, or remove the references first"
            )));
        }
        writer.write(kind, id, &before, &State::Absent).await?;
        writer.commit_one().await
    }

    /// Merges `from` into `into`: `into` gains `from`'s facts, every reference
    /// to `from` is rewritten, and `from` redirects to `into` from then on.
    pub async fn merge(
        &self,
        kind: EntityKind,
        from: &EntityId,
        into: &EntityId,
        author: &str,
    ) -> Result<i64> {
        self.merge_saying(kind, from, into, author, "").await
    }

    /// A merge whose history line says more than what was merged: why, or
    /// whose proposal it was.
    pub async fn merge_saying(
        &self,
        kind: EntityKind,
        from: &EntityId,
        into: &EntityId,
        author: &str,
        why: &str,
    ) -> Result<i64> {
        if from == into {
            return Err(StoreError::Invalid(format!(
                "cannot merge {kind} `{from}` into itself"
            )));
        }
        let mut summary = format!("Merge {kind} {from} into {into}");
        if !why.trim().is_empty() {
            summary = format!("{summary}: {}", why.trim());
        }
        let meta = ChangeMeta::new(author, &summary, None);
        self.retrying(|| self.merge_once(kind, from, into, meta.clone()))
            .await
    }

    pub(crate) async fn merge_once(
        &self,
        kind: EntityKind,
        from: &EntityId,
        into: &EntityId,
        meta: ChangeMeta,
    ) -> Result<i64> {
        let mut writer = Writer::begin(self, meta).await?;
        let State::Present(from_entity) = writer.load(kind, from).await? else {
            return Err(StoreError::NotFound {
                kind,
                id: from.clone(),
            });
        };
        let into_before = writer.load(kind, into).await?;
        let State::Present(into_entity) = &into_before else {
            return Err(StoreError::NotFound {
                kind,
                id: into.clone(),
            });
        };
        let mut merged = state::merge_entities(into_entity, &from_entity)?;
        merged.redirect_references(kind, from, into);
        writer
            .write(kind, into, &into_before, &State::Present(merged))
            .await?;

        for (other_kind, other_id) in writer.referrers(kind, from).await? {
            if other_kind == kind && (&other_id == from || &other_id == into) {
                continue;
            }
            let before = writer.load(other_kind, &other_id).await?;
            if let State::Present(mut entity) = before.clone() {
                entity.redirect_references(kind, from, into);
                writer
                    .write(other_kind, &other_id, &before, &State::Present(entity))
                    .await?;
            }
        }
        // Older redirects to `from` now lead straight to `into`.
        let chained = sqlx::query("select id from entity where kind = $1 and redirect_to = $2")
            .bind(kind.as_str())
            .bind(from.as_str())
            .fetch_all(&mut *writer.tx)
            .await?;
        for row in chained {
            let old: String = row.try_get(0)?;
            let old = parse_id(&old)?;
            let before = writer.load(kind, &old).await?;
            writer
                .write(kind, &old, &before, &State::Redirect(into.clone()))
                .await?;
        }
        writer
            .write(
                kind,
                from,
                &State::Present(from_entity),
                &State::Redirect(into.clone()),
            )
            .await?;
        writer.commit_one().await
    }

    /// Undoes a change: every entity it touched goes back to its state before
    /// it, in a new change. Refused if a later change touched one of them.
    pub async fn revert(&self, change_id: i64, author: &str) -> Result<i64> {
        let record = self.change(change_id).await?;
        let summary = format!("Revert change #{change_id}: {}", record.summary);
        let meta = ChangeMeta::new(author, &summary, Some(change_id));
        self.retrying(|| self.revert_once(&record, meta.clone()))
            .await
    }

    pub(crate) async fn revert_once(&self, record: &ChangeRecord, meta: ChangeMeta) -> Result<i64> {
        let change_id = record.id;
        let mut writer = Writer::begin(self, meta).await?;
        for edit in record.edits.iter().rev() {
            let (kind, id) = edit.key()?;
            let current = writer.load(kind, &id).await?;
            let expected = State::from_json(edit.after.clone())?;
            if current != expected {
                let later = sqlx::query(
                    "select max(change_id) from edit where kind = $1 and entity_id = $2 and change_id > $3",
                )
                .bind(kind.as_str())
                .bind(id.as_str())
                .bind(change_id)
                .fetch_one(&mut *writer.tx)
                .await?;
                let later: Option<i64> = later.try_get(0)?;
                return Err(StoreError::Conflict(format!(
                    "{kind} `{id}` was changed again{} after change #{change_id}; revert the later change first",
                    later
                        .map(|later| format!(" by change #{later}"))
                        .unwrap_or_default()
                )));
            }
            let target = State::from_json(edit.before.clone())?;
            if let State::Absent = target {
                let referrers = writer.referrers(kind, &id).await?;
                if let Some((from_kind, from_id)) =
                    referrers.iter().find(|(k, i)| !(*k == kind && *i == id))
                {
                    return Err(StoreError::Conflict(format!(
                        "cannot remove {kind} `{id}`: {from_kind} `{from_id}` now refers to it"
                    )));
                }
            }
            writer.write(kind, &id, &current, &target).await?;
        }
        writer.commit_one().await
    }
}
