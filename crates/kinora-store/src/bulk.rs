//! Loading into an empty catalog the way bulk loaders do: the catalog's
//! secondary indexes dropped first and built once at the end, from sorted
//! rows, instead of kept up to date row by row in random order.
//!
//! Every other promise holds meanwhile: each batch is a change in the edit
//! log, checked and committed as usual, and reads stay correct (only
//! slower, without their indexes). The dropped indexes' definitions are
//! kept in the store (`bulk_index`) in the transaction that drops them, so
//! a load cut short has them built again when the store is next opened.

use sqlx::Row;

use crate::{Dialect, Result, Store};

/// Memory for sorting the rows of an index being built, in KiB.
const SORT_KIB: i64 = 256 * 1024;

/// The catalog's tables whose secondary indexes a bulk load drops: the
/// ones every entity written adds rows to.
const TABLES: &str = "'entity', 'entity_link', 'edit', 'external_id', 'entity_key'";

impl Store {
    /// Whether the catalog holds no entity, present or merged away.
    pub async fn catalog_is_empty(&self) -> Result<bool> {
        let row = sqlx::query("select count(*) from (select 1 from entity limit 1) as one")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>(0)? == 0)
    }

    /// Starts a bulk load: drops the secondary indexes of the catalog's
    /// tables, keeping their definitions for `end_bulk`. Returns how many it
    /// dropped.
    pub async fn begin_bulk(&self) -> Result<usize> {
        let listed = match self.dialect {
            Dialect::Sqlite => format!(
                "select name, sql as definition from sqlite_master \
                 where type = 'index' and sql is not null and tbl_name in ({TABLES}) order by name"
            ),
            // An index that backs a constraint (a primary key) stays.
            Dialect::Postgres => format!(
                "select cast(indexname as text) as name, indexdef as definition from pg_indexes \
                 where schemaname = current_schema() and tablename in ({TABLES}) \
                 and indexname not in (select conname from pg_constraint) order by indexname"
            ),
        };
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query(&listed).fetch_all(&mut *tx).await?;
        for row in &rows {
            let name: String = row.try_get("name")?;
            let definition: String = row.try_get("definition")?;
            sqlx::query("insert into bulk_index (name, definition) values ($1, $2)")
                .bind(&name)
                .bind(&definition)
                .execute(&mut *tx)
                .await?;
            sqlx::query(&format!("drop index {name}"))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }

    /// Ends a bulk load, or finishes one cut short: builds the indexes it
    /// dropped, all in one transaction. Does nothing when none wait.
    pub async fn end_bulk(&self) -> Result<usize> {
        let waiting = sqlx::query("select count(*) from bulk_index")
            .fetch_one(&self.pool)
            .await?;
        if waiting.try_get::<i64, _>(0)? == 0 {
            return Ok(0);
        }
        let mut tx = match self.dialect {
            Dialect::Sqlite => {
                let mut tx = self.pool.begin_with("begin immediate").await?;
                // An index is built by sorting its rows: in memory as far as
                // the page cache allows (a quarter of a gigabyte here, not
                // the 32 MiB a connection keeps), on two threads.
                sqlx::query(&format!(
                    "pragma cache_size = -{SORT_KIB}; pragma threads = 2"
                ))
                .execute(&mut *tx)
                .await?;
                tx
            }
            Dialect::Postgres => {
                let mut tx = self.pool.begin().await?;
                // Building an index of tens of millions of rows takes
                // longer than a request may, and sorts in this much memory.
                sqlx::query("set local statement_timeout = 0")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(&format!("set local maintenance_work_mem = '{SORT_KIB}kB'"))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("lock table bulk_index in exclusive mode")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
        let rows = sqlx::query("select name, definition from bulk_index order by name")
            .fetch_all(&mut *tx)
            .await?;
        for row in &rows {
            let name: String = row.try_get("name")?;
            let definition: String = row.try_get("definition")?;
            tracing::info!(index = %name, "building an index the bulk load dropped");
            sqlx::query(&definition).execute(&mut *tx).await?;
        }
        sqlx::query("delete from bulk_index")
            .execute(&mut *tx)
            .await?;
        if self.dialect == Dialect::Sqlite {
            // The connection goes back to the pool as the others are.
            sqlx::query(&format!(
                "pragma cache_size = -{}; pragma threads = 0",
                crate::open::CACHE_KIB
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }
}
