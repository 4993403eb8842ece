//! Opening a store: connecting to SQLite or PostgreSQL, running the
//! migrations, retrying what a busy or restarting database refuses for a
//! moment, and hiding a database URL's password in messages.

use std::path::Path;
use std::str::FromStr;

use kinora_core::EntityId;
use kinora_core::model::Entity;
use kinora_core::names::name_keys;
use sqlx::Row;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};

use crate::decode::entity_of_row;
use crate::write::insert_keys;
use crate::{Dialect, Result, Store, StoreError, Tx};

/// How many times a write that lost a race (a serialization failure in
/// PostgreSQL, a busy database in SQLite) is tried again.
const WRITE_ATTEMPTS: u32 = 8;

fn is_retryable(error: &StoreError) -> bool {
    let StoreError::Database(sqlx::Error::Database(database)) = error else {
        return false;
    };
    // PostgreSQL: 40001 serialization_failure, 40P01 deadlock_detected, and
    // 23505 unique_violation, which a write meets only when another created
    // the same entity first. SQLite: 5 SQLITE_BUSY, 6 SQLITE_LOCKED,
    // 517 SQLITE_BUSY_SNAPSHOT.
    matches!(
        database.code().as_deref(),
        Some("40001" | "40P01" | "23505" | "5" | "6" | "517")
    )
}

/// Hides the password of a database URL in messages; a text that is no
/// URL (a folder's path) is shown as it is.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Setting a password fails only on URLs that cannot have one.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Each PostgreSQL connection's setup: a statement that runs away is cut
/// off, and so is a transaction left open by a client that went away.
const POSTGRES_SETUP: &str =
    "set statement_timeout = '15s'; set idle_in_transaction_session_timeout = '60s';";

/// The typed PostgreSQL connections of the write path (see `tx`), set up
/// and returned to their pool as the `Any` pool's are.
fn connect_writers(url: &str) -> Result<sqlx::PgPool> {
    let options = sqlx::postgres::PgConnectOptions::from_str(url)?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .after_connect(|connection, _| {
            Box::pin(async move {
                use sqlx::Executor;
                connection.execute(POSTGRES_SETUP).await?;
                Ok(())
            })
        })
        .after_release(|connection, _| Box::pin(outside_transaction(connection)))
        .connect_lazy_with(options);
    Ok(pool)
}

/// Whether a connection given back to its pool is outside a transaction,
/// after the rollback queued when its transaction was dropped has run; one
/// that is not is closed and replaced (see `Store::connect`).
async fn outside_transaction<C: sqlx::Connection>(connection: &mut C) -> sqlx::Result<bool> {
    if connection.is_in_transaction() {
        connection.ping().await?;
        if connection.is_in_transaction() {
            tracing::debug!("closing a database connection left inside a transaction");
            return Ok(false);
        }
    }
    Ok(true)
}

/// A journal (SQLite's write-ahead log) larger than this when the store is
/// opened was left by a large write that did not end (a bulk load's index
/// build, killed): it is copied into the database before the pool opens.
pub(crate) const LEFT_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// Copies a large journal left behind into the database, on one
/// connection that may take as long as that needs. Otherwise the pool's
/// first connection would have to read the whole journal (17 GB after an
/// import of all of IMDb was stopped in its last step: two minutes) within
/// the pool's wait for a connection, and the store could not be opened at
/// all; and every read after would search the journal's index.
async fn replay_journal(url: &str) -> Result<()> {
    use sqlx::{ConnectOptions, Connection, Executor};
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    let mut journal = options.get_filename().as_os_str().to_owned();
    journal.push("-wal");
    let journal = Path::new(&journal);
    let size = std::fs::metadata(journal).map_or(0, |metadata| metadata.len());
    if size <= LEFT_JOURNAL_BYTES {
        return Ok(());
    }
    tracing::warn!(
        journal = %journal.display(),
        megabytes = size / (1024 * 1024),
        "copying the journal of a write that did not end into the database"
    );
    let started = std::time::Instant::now();
    let mut connection = options
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_secs(5))
        .connect()
        .await?;
    // Another process reading the store may keep part of the journal in
    // use: what it holds stays, and is copied by a later checkpoint.
    connection
        .execute("pragma wal_checkpoint(truncate)")
        .await?;
    connection.close().await?;
    tracing::info!(
        "journal copied into the database in {:.1?}",
        started.elapsed()
    );
    Ok(())
}

/// Each SQLite connection's page cache, in KiB.
pub(crate) const CACHE_KIB: i64 = 32 * 1024;

impl Store {
    /// Opens (creating if needed) the embedded store in `dir`.
    pub async fn open_dir(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|error| {
            StoreError::Invalid(format!("cannot create {}: {error}", dir.display()))
        })?;
        let url = format!("sqlite://{}?mode=rwc", dir.join("kinora.db").display());
        Store::open(&url).await
    }

    /// Opens a store by URL (`sqlite://PATH` or `postgres://…`) and brings its
    /// schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without touching the schema.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            return Err(StoreError::Invalid(format!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://USER@HOST:PORT/DATABASE",
                redact(url)
            )));
        };
        if dialect == Dialect::Sqlite {
            replay_journal(url).await?;
        }
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            // Bounded: a burst of requests waits for a connection rather than
            // opening hundreds; a wait longer than this is an error.
            .max_connections(match dialect {
                Dialect::Sqlite => 8,
                Dialect::Postgres => 16,
            })
            .acquire_timeout(std::time::Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    use sqlx::Executor;
                    let setup = match dialect {
                        Dialect::Sqlite => {
                            // A 32 MiB page cache per connection, and the
                            // file mapped into memory, so that reading a page
                            // the OS holds needs no copy.
                            format!(
                                "pragma journal_mode = wal; pragma foreign_keys = on; \
                                 pragma busy_timeout = 5000; pragma synchronous = normal; \
                                 pragma mmap_size = 4294967296; pragma cache_size = -{CACHE_KIB};"
                            )
                        }
                        Dialect::Postgres => POSTGRES_SETUP.to_owned(),
                    };
                    connection.execute(setup.as_str()).await?;
                    Ok(())
                })
            })
            // A connection goes back to the pool only outside a transaction.
            // When a COMMIT fails (a full disk), SQLite may have rolled the
            // transaction back by itself, so the driver's ROLLBACK fails and
            // the driver still counts the connection as inside one: the next
            // `begin` would open a savepoint, its statements would report
            // success inside a transaction that never commits, and the write
            // lock would be held until the process ends. Such a connection
            // is closed (which ends any transaction) and replaced.
            .after_release(|connection, _| Box::pin(outside_transaction(connection)))
            .connect_with(options)
            .await?;
        let writers = match dialect {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(connect_writers(url)?),
        };
        Ok(Store {
            pool,
            writers,
            dialect,
        })
    }

    /// Applies the migrations this build has and the database lacks. On
    /// PostgreSQL the migrator holds an advisory lock, so processes starting
    /// together do not race.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        let migrator = match self.dialect {
            Dialect::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Dialect::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&self.pool).await?;
        // A bulk load cut short left its indexes to build.
        let built = self.end_bulk().await?;
        if built > 0 {
            tracing::warn!(
                indexes = built,
                "built the indexes of a bulk load that was cut short"
            );
        }
        self.build_missing_keys().await?;
        Ok(migrator.iter().map(|migration| migration.version).collect())
    }

    /// Whether the store has entities but no name keys.
    pub(crate) async fn keys_missing<'e, E>(&self, executor: E) -> Result<bool>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row = sqlx::query(
            "select case when exists (select 1 from entity where doc is not null) \
             and not exists (select 1 from entity_key) then 1 else 0 end",
        )
        .fetch_one(executor)
        .await?;
        Ok(row.try_get::<i64, _>(0)? == 1)
    }

    /// Builds `entity_key` for a store that has entities but no keys: one
    /// made before the keys were (migration 5). Once, in one transaction
    /// that holds off other writers and other instances doing the same.
    pub(crate) async fn build_missing_keys(&self) -> Result<()> {
        // Without a lock first: every start-up asks, almost always no.
        if !self.keys_missing(&self.pool).await? {
            return Ok(());
        }
        let mut tx: Tx<'_> = match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("begin immediate").await?,
            Dialect::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("lock table entity_key in exclusive mode")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        }
        .into();
        if !self.keys_missing(&mut *tx).await? {
            tx.commit().await?;
            return Ok(());
        }
        let (mut after_kind, mut after_id) = (String::new(), String::new());
        loop {
            let rows = sqlx::query(
                "select kind, id, doc from entity where doc is not null \
                 and (kind > $1 or (kind = $1 and id > $2)) order by kind, id limit 2000",
            )
            .bind(&after_kind)
            .bind(&after_id)
            .fetch_all(&mut *tx)
            .await?;
            let Some(last) = rows.last() else {
                break;
            };
            after_kind = last.try_get("kind")?;
            after_id = last.try_get("id")?;
            let entities = rows
                .iter()
                .map(entity_of_row)
                .collect::<Result<Vec<Entity>>>()?;
            let ids: Vec<EntityId> = entities.iter().map(|entity| entity.id().clone()).collect();
            let mut keys = Vec::new();
            for (entity, id) in entities.iter().zip(&ids) {
                for name in entity.findable_names() {
                    for key in name_keys(&name.text) {
                        keys.push((entity.kind(), id, name.text.clone(), key));
                    }
                }
            }
            insert_keys(&mut tx, self.dialect, &keys).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Connections open and idle, for the metrics.
    pub fn pool_state(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Runs a write, again when it lost a race with another writer.
    pub(crate) async fn retrying<T, F, Fut>(&self, mut operation: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let mut attempt = 1;
        loop {
            match operation().await {
                Err(error) if attempt < WRITE_ATTEMPTS && is_retryable(&error) => {
                    // Growing pauses, spread so that racing writers part ways.
                    let spread =
                        u64::from(std::process::id() ^ attempt.wrapping_mul(2_654_435_761)) % 10;
                    let pause = std::time::Duration::from_millis(5 * 2u64.pow(attempt) + spread);
                    tokio::time::sleep(pause).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// A transaction for a write outside the edit log (accounts, reviews,
    /// posts). On SQLite it takes the write lock at once (`begin
    /// immediate`): a writer waits its turn (busy_timeout) where a deferred
    /// transaction that read first would fail with "database is locked" when
    /// it came to write, and once it holds the lock nothing can make it lose
    /// a race; a wait that runs out is tried again, like the catalog's
    /// writes. On PostgreSQL, read committed: its writes lock the rows they
    /// change.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        self.retrying(|| async {
            Ok(match self.dialect {
                Dialect::Sqlite => self.pool.begin_with("begin immediate").await?,
                Dialect::Postgres => self.pool.begin().await?,
            })
        })
        .await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Runs one statement of administration (`create database …`), outside
    /// any transaction.
    pub async fn execute_raw(&self, statement: &str) -> Result<()> {
        sqlx::raw_sql(statement).execute(&self.pool).await?;
        Ok(())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------
    // Reads
    // -----------------------------------------------------------------------
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_is_hidden_and_the_rest_kept() {
        assert_eq!(
            super::redact("postgres://kinora:s3cret@db.example:5432/kinora"),
            "postgres://kinora:***@db.example:5432/kinora"
        );
        assert_eq!(
            super::redact("postgres://kinora@localhost/kinora"),
            "postgres://kinora@localhost/kinora"
        );
        assert_eq!(super::redact("/var/lib/kinora"), "/var/lib/kinora");
        assert_eq!(
            super::redact("sqlite:///var/lib/kinora/kinora.db?mode=rwc"),
            "sqlite:///var/lib/kinora/kinora.db?mode=rwc"
        );
    }
}
