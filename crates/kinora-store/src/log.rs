//! The edit log read back: an entity's history, one change, the changes
//! after a point (for copying a store and for the derived indexes), a
//! replay, backups.

use std::collections::BTreeMap;
use std::path::Path;

use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::decode::{key_of, moment_of};
use crate::write::{Writer, begin_change, current_state};
use crate::{
    ChangeMeta, ChangeRecord, Dialect, EditRecord, HistoryEdit, HistoryEntry, Result, State, Store,
    StoreError,
};

/// The edits that touched an entity in the changes after `after`, newest
/// first; through the pool, or inside a write's transaction.
pub(crate) async fn history_after<'e, E>(
    executor: E,
    kind: EntityKind,
    id: &EntityId,
    after: i64,
) -> Result<Vec<HistoryEntry>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "select c.id, c.at, c.author, c.summary, d.action, c.reverts from edit d \
         join change c on c.id = d.change_id where d.kind = $1 and d.entity_id = $2 \
         and d.change_id > $3 order by c.id desc, d.id desc",
    )
    .bind(kind.as_str())
    .bind(id.as_str())
    .bind(after)
    .fetch_all(executor)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(HistoryEntry {
                change_id: row.try_get("id")?,
                at: moment_of(&row, "at")?,
                author: row.try_get("author")?,
                summary: row.try_get("summary")?,
                action: row.try_get("action")?,
                reverts: row.try_get("reverts")?,
            })
        })
        .collect()
}

impl Store {
    /// The edits that touched an entity, newest first.
    pub async fn history(&self, kind: EntityKind, id: &EntityId) -> Result<Vec<HistoryEntry>> {
        history_after(&self.pool, kind, id, i64::MIN).await
    }

    /// The newest `limit` edits of an entity before change `before` (all
    /// when None), newest first, each with the entity's states before and
    /// after it: what a history page says each edit did, in one statement.
    pub async fn history_edits(
        &self,
        kind: EntityKind,
        id: &EntityId,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<HistoryEdit>> {
        // An edit marked "as the entity stands" reads the entity's row, in
        // the same statement, as `changes_after` does.
        let rows = sqlx::query(
            "select c.id, c.at, c.author, c.summary, d.action, c.reverts, d.before_state, \
             d.after_state, d.after_is_current, e.doc, e.redirect_to from edit d \
             join change c on c.id = d.change_id \
             left join entity e on d.after_is_current = 1 and e.kind = d.kind and e.id = d.entity_id \
             where d.kind = $1 and d.entity_id = $2 and c.id < $3 \
             order by c.id desc, d.id desc limit $4",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let parse = |text: Option<String>| -> Result<Option<serde_json::Value>> {
            Ok(text.map(|text| serde_json::from_str(&text)).transpose()?)
        };
        rows.into_iter()
            .map(|row| {
                let current: i64 = row.try_get("after_is_current")?;
                let after = if current == 1 {
                    Some(current_state(
                        kind.as_str(),
                        row.try_get("doc")?,
                        row.try_get("redirect_to")?,
                    )?)
                } else {
                    parse(row.try_get("after_state")?)?
                };
                let action: String = row.try_get("action")?;
                Ok(HistoryEdit {
                    entry: HistoryEntry {
                        change_id: row.try_get("id")?,
                        at: moment_of(&row, "at")?,
                        author: row.try_get("author")?,
                        summary: row.try_get("summary")?,
                        action: action.clone(),
                        reverts: row.try_get("reverts")?,
                    },
                    edit: EditRecord {
                        kind: kind.as_str().to_owned(),
                        entity_id: id.as_str().to_owned(),
                        action,
                        before: parse(row.try_get("before_state")?)?,
                        after,
                    },
                })
            })
            .collect()
    }

    /// One change with the before and after of each entity it touched.
    pub async fn change(&self, change_id: i64) -> Result<ChangeRecord> {
        self.changes_after(change_id - 1, 1)
            .await?
            .into_iter()
            .find(|change| change.id == change_id)
            .ok_or(StoreError::NoSuchChange(change_id))
    }

    pub async fn is_empty(&self) -> Result<bool> {
        let row = sqlx::query("select count(*) from entity")
            .fetch_one(&self.pool)
            .await?;
        let count: i64 = row.try_get(0)?;
        Ok(count == 0)
    }

    // -----------------------------------------------------------------------
    // Writes
    // -----------------------------------------------------------------------

    // -----------------------------------------------------------------------
    // Moving between stores, and backups
    // -----------------------------------------------------------------------

    pub async fn count_changes(&self) -> Result<i64> {
        let row = sqlx::query("select count(*) from change")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// The changes after `after`, oldest first, at most `limit` of them.
    pub async fn changes_after(&self, after: i64, limit: i64) -> Result<Vec<ChangeRecord>> {
        let rows = sqlx::query("select id, at, author, summary, reverts from change where id > $1 order by id limit $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut changes = Vec::with_capacity(rows.len());
        for row in rows {
            changes.push(ChangeRecord {
                id: row.try_get("id")?,
                at: moment_of(&row, "at")?,
                author: row.try_get("author")?,
                summary: row.try_get("summary")?,
                reverts: row.try_get("reverts")?,
                edits: Vec::new(),
            });
        }
        let (Some(first), Some(last)) =
            (changes.first().map(|c| c.id), changes.last().map(|c| c.id))
        else {
            return Ok(changes);
        };
        // The edits of every change in the range, in one query.
        // An edit marked "as the entity stands" reads the entity's row, in
        // the same statement, so the two agree.
        let edits = sqlx::query(
            "select d.change_id, d.kind, d.entity_id, d.action, d.before_state, d.after_state, \
             d.after_is_current, e.doc, e.redirect_to from edit d \
             left join entity e on d.after_is_current = 1 and e.kind = d.kind and e.id = d.entity_id \
             where d.change_id >= $1 and d.change_id <= $2 order by d.change_id, d.id",
        )
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let parse = |text: Option<String>| -> Result<Option<serde_json::Value>> {
            Ok(text.map(|text| serde_json::from_str(&text)).transpose()?)
        };
        let mut index: BTreeMap<i64, usize> = BTreeMap::new();
        for (position, change) in changes.iter().enumerate() {
            index.insert(change.id, position);
        }
        for edit in edits {
            let change_id: i64 = edit.try_get("change_id")?;
            let kind: String = edit.try_get("kind")?;
            let current: i64 = edit.try_get("after_is_current")?;
            let after = if current == 1 {
                Some(current_state(
                    &kind,
                    edit.try_get("doc")?,
                    edit.try_get("redirect_to")?,
                )?)
            } else {
                parse(edit.try_get("after_state")?)?
            };
            let record = EditRecord {
                kind,
                entity_id: edit.try_get("entity_id")?,
                action: edit.try_get("action")?,
                before: parse(edit.try_get("before_state")?)?,
                after,
            };
            if let Some(position) = index.get(&change_id) {
                changes[*position].edits.push(record);
            }
        }
        Ok(changes)
    }

    /// The store's clock: moved on by every write a shared page can show,
    /// in commit order (migration 18). A page rendered after reading it
    /// shows every write up to it.
    pub async fn clock(&self) -> Result<i64> {
        let row = sqlx::query("select value from store_clock where id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>(0)?)
    }

    /// The entities edited by the first `limit` changes after `after`, and
    /// the last of those changes (None when there are none): what a derived
    /// index must bring up to date, without the states of the edits.
    pub async fn edited_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<(Vec<(EntityKind, EntityId)>, Option<i64>)> {
        let last: Option<i64> = sqlx::query(
            "select max(id) from (select id from change where id > $1 order by id limit $2) as c",
        )
        .bind(after)
        .bind(limit)
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?;
        let Some(last) = last else {
            return Ok((Vec::new(), None));
        };
        let rows = sqlx::query(
            "select distinct kind, entity_id from edit where change_id > $1 and change_id <= $2",
        )
        .bind(after)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let mut keys = Vec::with_capacity(rows.len());
        for row in rows {
            keys.push(key_of(&row, "kind", "entity_id")?);
        }
        Ok((keys, Some(last)))
    }

    /// Replays a change read from another store: the same number, time,
    /// author and summary, and each entity brought to the state it had after
    /// it, through the one write path. Replaying every change of a store, in
    /// order, into an empty one rebuilds its catalog and its history.
    pub async fn replay(&self, change: &ChangeRecord) -> Result<()> {
        let meta = ChangeMeta {
            author: change.author.clone(),
            summary: change.summary.clone(),
            reverts: change.reverts,
            id: Some(change.id),
            at: Some(change.at.rfc3339()),
        };
        let mut writer = Writer::begin(self, meta).await?;
        for edit in &change.edits {
            let (kind, id) = edit.key()?;
            let before = writer.load(kind, &id).await?;
            let after = State::from_json(edit.after.clone())?;
            writer.write(kind, &id, &before, &after).await?;
        }
        if writer.change_id.is_none() {
            // A change with no edits still belongs to the history.
            begin_change(&mut writer.tx, &writer.meta).await?;
        }
        writer.commit().await?;
        Ok(())
    }

    /// After changes were written with their own numbers, new changes must
    /// be numbered after them.
    pub async fn renumber_after_copy(&self) -> Result<()> {
        if self.dialect == Dialect::Postgres {
            for table in ["change", "edit"] {
                sqlx::query(&format!(
                    "select setval(pg_get_serial_sequence('{table}', 'id'), coalesce((select max(id) from {table}), 0) + 1, false)"
                ))
                .execute(&self.pool)
                .await?;
            }
        }
        Ok(())
    }

    /// Whether the store has no entities and no history.
    pub async fn is_blank(&self) -> Result<bool> {
        let row =
            sqlx::query("select (select count(*) from entity) + (select count(*) from change)")
                .fetch_one(&self.pool)
                .await?;
        let count: i64 = row.try_get(0)?;
        Ok(count == 0)
    }

    /// Writes a consistent copy of an embedded store to `path` while it
    /// serves (SQLite's `VACUUM INTO`: one read transaction, so the copy is
    /// the store as of one instant, compacted). PostgreSQL stores are backed
    /// up with pg_dump; see docs/operations.md.
    pub async fn backup(&self, path: &Path) -> Result<()> {
        match self.dialect {
            Dialect::Sqlite => {
                if path.exists() {
                    return Err(StoreError::Invalid(format!("{} exists already; choose a new file", path.display())));
                }
                sqlx::query("vacuum into $1").bind(path.display().to_string()).execute(&self.pool).await?;
                Ok(())
            }
            Dialect::Postgres => Err(StoreError::Invalid(
                "a PostgreSQL store is backed up with pg_dump --format=custom and restored with pg_restore; see docs/operations.md".into(),
            )),
        }
    }
}
