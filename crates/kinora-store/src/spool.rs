//! A spool: a scratch SQLite file that holds lines of input files keyed by an
//! id, so that an importer can read files in any order, in bounded memory,
//! and then take all the lines of one id (a title's akas, credits, rating)
//! together. It is not the store: it is deleted after the import.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};

use crate::Result;

pub struct Spool {
    pool: SqlitePool,
    path: PathBuf,
}

/// Lines waiting to be written, flushed in large transactions.
pub struct SpoolWriter<'s> {
    spool: &'s Spool,
    table: String,
    pending: Vec<(String, i64, String)>,
}

/// One spooled line: its key, its line number in its file, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpooledLine {
    pub key: String,
    pub line: i64,
    pub text: String,
}

impl Spool {
    /// Creates an empty spool at `path`, replacing one left by an earlier run.
    pub async fn create(path: &Path) -> Result<Spool> {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            // Scratch data: nothing here must survive a crash.
            .journal_mode(SqliteJournalMode::Off)
            .synchronous(SqliteSynchronous::Off);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        sqlx::query("create table line (tab text not null, key text not null, line integer not null, text text not null)")
            .execute(&pool)
            .await?;
        Ok(Spool {
            pool,
            path: path.to_owned(),
        })
    }

    pub fn writer(&self, table: &str) -> SpoolWriter<'_> {
        SpoolWriter {
            spool: self,
            table: table.to_owned(),
            pending: Vec::new(),
        }
    }

    /// Indexes the lines by table and key; call once all are written.
    pub async fn index(&self) -> Result<()> {
        sqlx::query("create index line_by_key on line (tab, key, line)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Up to `limit` keys of a table after `after`, in order.
    pub async fn keys(&self, table: &str, after: &str, limit: i64) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "select distinct key from line where tab = ?1 and key > ?2 order by key limit ?3",
        )
        .bind(table)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    /// Every line of a table whose key is between `first` and `last`.
    pub async fn lines(&self, table: &str, first: &str, last: &str) -> Result<Vec<SpooledLine>> {
        let rows = sqlx::query(
            "select key, line, text from line where tab = ?1 and key >= ?2 and key <= ?3 order by key, line",
        )
        .bind(table)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(line_of).collect()
    }

    /// Lines of `table` whose key no line of `keys_table` has.
    pub async fn orphans(&self, table: &str, keys_table: &str) -> Result<Vec<SpooledLine>> {
        let rows = sqlx::query(
            "select key, line, text from line l where tab = ?1 \
             and not exists (select 1 from line k where k.tab = ?2 and k.key = l.key) order by line",
        )
        .bind(table)
        .bind(keys_table)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(line_of).collect()
    }

    /// Closes the spool and deletes its file.
    pub async fn remove(self) {
        self.pool.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }

    async fn write(&self, table: &str, lines: &[(String, i64, String)]) -> Result<()> {
        let mut tx: Transaction<'_, Sqlite> = self.pool.begin().await?;
        for (key, line, text) in lines {
            sqlx::query("insert into line (tab, key, line, text) values (?1, ?2, ?3, ?4)")
                .bind(table)
                .bind(key)
                .bind(line)
                .bind(text)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl SpoolWriter<'_> {
    pub async fn push(&mut self, key: &str, line: u64, text: &str) -> Result<()> {
        self.pending
            .push((key.to_owned(), line as i64, text.to_owned()));
        if self.pending.len() >= 20_000 {
            self.flush().await?;
        }
        Ok(())
    }

    pub async fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            self.spool.write(&self.table, &self.pending).await?;
            self.pending.clear();
        }
        Ok(())
    }
}

/// A spooled line from a row's `key`, `line` and `text` columns.
fn line_of(row: &sqlx::sqlite::SqliteRow) -> Result<SpooledLine> {
    Ok(SpooledLine {
        key: row.try_get("key")?,
        line: row.try_get("line")?,
        text: row.try_get("text")?,
    })
}
