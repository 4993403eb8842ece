//! Similar films, the bulk ratings they are computed from, and the queue
//! of members' imports waiting for their review.

use sqlx::Row;

use crate::sql::first_row;
use crate::{Result, Store, now};

use super::*;

impl Store {
    /// A film's similar films, best first.
    pub async fn similar(&self, film_id: &str, limit: i64) -> Result<Vec<Similar>> {
        crate::built_from::note_community("film", film_id);
        let rows = sqlx::query(&format!(
            "select other_id, score, reason from film_similar where {} order by score desc, other_id limit $2",
            film_ids_clause("film_id", "$1")
        ))
        .bind(film_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Similar {
                    film_id: row.try_get("other_id")?,
                    score: row.try_get("score")?,
                    reason: row.try_get("reason")?,
                })
            })
            .collect()
    }

    pub async fn count_bulk_ratings(&self) -> Result<i64> {
        Ok(sqlx::query("select count(*) from bulk_rating")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }

    pub async fn add_pending_import(
        &self,
        account_id: AccountId,
        import_label: &str,
        origin: &str,
        entry: &serde_json::Value,
        candidates: &serde_json::Value,
    ) -> Result<i64> {
        Ok(sqlx::query(
            "insert into import_pending (account_id, import_label, origin, entry, candidates, created_at) \
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(account_id.get())
        .bind(import_label)
        .bind(origin)
        .bind(entry.to_string())
        .bind(candidates.to_string())
        .bind(now())
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?)
    }

    pub async fn pending_imports(&self, account_id: AccountId) -> Result<Vec<PendingImport>> {
        let rows = sqlx::query(
            "select id, import_label, origin, entry, candidates, created_at from import_pending \
             where account_id = $1 order by id",
        )
        .bind(account_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let entry: String = row.try_get("entry")?;
                let candidates: String = row.try_get("candidates")?;
                Ok(PendingImport {
                    id: PendingImportId(row.try_get("id")?),
                    import_label: row.try_get("import_label")?,
                    origin: row.try_get("origin")?,
                    entry: serde_json::from_str(&entry)?,
                    candidates: serde_json::from_str(&candidates)?,
                    created_at: moment_of(row, "created_at")?,
                })
            })
            .collect()
    }

    /// Takes a row off an account's queue, returning it; none if the
    /// account has no such row.
    pub async fn take_pending_import(
        &self,
        account_id: AccountId,
        id: PendingImportId,
    ) -> Result<Option<PendingImport>> {
        let pending = self
            .pending_imports(account_id)
            .await?
            .into_iter()
            .find(|pending| pending.id == id);
        if pending.is_some() {
            sqlx::query("delete from import_pending where id = $1 and account_id = $2")
                .bind(id.get())
                .bind(account_id.get())
                .execute(&self.pool)
                .await?;
        }
        Ok(pending)
    }
}
