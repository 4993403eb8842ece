//! Kinora's store. The SQL database is the truth; everything else (search
//! indexes, caches) is derived from it.
//!
//! **Architecture invariant:** every write goes through `Writer::write`,
//! which records an edit (who, when, entity, before and after) in the same
//! transaction as the change and keeps the derived tables (names, links) in
//! step with the entity's document. There is no other code that writes
//! `entity`, `entity_name` or `entity_link`.
//!
//! Queries are written in the SQL that SQLite and PostgreSQL share, with
//! `$1`-style parameters, through sqlx's `Any` driver, so one query serves
//! both stores.

pub mod community;
pub mod community_films;
mod discovery;
pub mod pictures;
mod put;
pub mod screenings;
pub mod spool;
mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;

use kinora_core::model::{Entity, Source};
use kinora_core::names::{compact, fold, name_keys};
use kinora_core::traverse::ClaimPath;
use kinora_core::{EntityId, EntityKind};
use serde::Serialize;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Row};

pub use put::{Presence, Put};
pub use screenings::{ScreeningFilter, ScreeningRow};
pub use state::State;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no {kind} with id `{id}`")]
    NotFound { kind: EntityKind, id: EntityId },
    #[error("no change #{0}")]
    NoSuchChange(i64),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored document is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The store: a pool of connections to one database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
}

/// The database behind a store. The SQL is shared; the few statements that
/// differ are chosen by this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Who made a change, and, when a change is copied from another store, its
/// original number and time.
#[derive(Debug, Clone)]
struct ChangeMeta {
    author: String,
    summary: String,
    reverts: Option<i64>,
    id: Option<i64>,
    at: Option<String>,
}

impl ChangeMeta {
    fn new(author: &str, summary: &str, reverts: Option<i64>) -> ChangeMeta {
        ChangeMeta {
            author: author.to_owned(),
            summary: summary.to_owned(),
            reverts,
            id: None,
            at: None,
        }
    }
}

/// Why the database could not do what was asked, when it is the database's
/// state and not the request: the web answers 507 or 503, never 500, and
/// never that a write was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    /// The disk (or the database's size limit) is full.
    Full,
    /// The database is busy, unreachable, out of memory or failing to read
    /// or write its files; trying again later may work.
    Unavailable,
}

impl StoreError {
    /// Whether this error is the database's state rather than the request's.
    pub fn outage(&self) -> Option<Outage> {
        let StoreError::Database(error) = self else {
            return None;
        };
        match error {
            sqlx::Error::Database(database) => {
                let code = database.code()?;
                // A PostgreSQL SQLSTATE is five characters, often all digits
                // (53100); a SQLite extended code is a number below 10,000.
                let sqlite = code.len() < 5;
                if let Some(extended) = code.parse::<i32>().ok().filter(|_| sqlite) {
                    // SQLite: the primary code is the low byte of the
                    // extended one. 13 FULL; 5 BUSY, 6 LOCKED, 7 NOMEM,
                    // 8 READONLY, 10 IOERR, 14 CANTOPEN, 15 PROTOCOL.
                    return match extended & 0xff {
                        13 => Some(Outage::Full),
                        5 | 6 | 7 | 8 | 10 | 14 | 15 => Some(Outage::Unavailable),
                        _ => None,
                    };
                }
                // PostgreSQL: 53100 disk_full; class 53 insufficient
                // resources, 08 connection, 57P admin shutdown or cannot
                // connect now, 58 system errors (I/O); 40001 and 40P01 when
                // every retry lost its race.
                match code.as_ref() {
                    "53100" => Some(Outage::Full),
                    "40001" | "40P01" => Some(Outage::Unavailable),
                    code if code.starts_with("53")
                        || code.starts_with("08")
                        || code.starts_with("57P")
                        || code.starts_with("58") =>
                    {
                        Some(Outage::Unavailable)
                    }
                    _ => None,
                }
            }
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Protocol(_) => Some(Outage::Unavailable),
            _ => None,
        }
    }
}

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

/// An entity as the store holds it.
#[derive(Debug, Clone)]
pub enum Lookup {
    Present {
        entity: Entity,
        version: i64,
    },
    /// Merged into another entity: follow `to`.
    Redirect {
        to: EntityId,
    },
    Missing,
}

/// A row of a listing: enough to link to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub year: Option<i64>,
}

/// A reference to an entity from another, found by looking backwards.
#[derive(Debug, Clone, Serialize)]
pub struct Referrer {
    pub from: Summary,
    /// The field of the referring entity: `credits[2].person`.
    pub path: ClaimPath,
}

/// One edit in an entity's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub change_id: i64,
    pub at: String,
    pub author: String,
    pub summary: String,
    pub action: String,
    pub reverts: Option<i64>,
}

/// What one edit did, with its states.
#[derive(Debug, Clone, Serialize)]
pub struct EditRecord {
    pub kind: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl EditRecord {
    /// The kind and id of the entity edited.
    pub fn key(&self) -> Result<(EntityKind, EntityId)> {
        Ok((parse_kind(&self.kind)?, parse_id(&self.entity_id)?))
    }
}

/// A change with its edits.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRecord {
    pub id: i64,
    pub at: String,
    pub author: String,
    pub summary: String,
    pub reverts: Option<i64>,
    pub edits: Vec<EditRecord>,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WriteReport {
    /// None when nothing changed, so no change was recorded.
    pub change_id: Option<i64>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn parse_kind(text: &str) -> Result<EntityKind> {
    EntityKind::parse(text)
        .ok_or_else(|| StoreError::Invalid(format!("unknown kind `{text}` in the store")))
}

fn parse_path(text: &str) -> Result<ClaimPath> {
    ClaimPath::parse(text)
        .map_err(|error| StoreError::Invalid(format!("in the store's entity links: {error}")))
}

/// An entity from a row whose first two columns are kind and document.
fn entity_of_row(row: &sqlx::any::AnyRow) -> Result<Entity> {
    let kind: String = row.try_get(0)?;
    let doc: String = row.try_get(1)?;
    Ok(Entity::from_untagged_json(parse_kind(&kind)?, &doc)?)
}

fn parse_id(text: &str) -> Result<EntityId> {
    EntityId::parse(text).map_err(|error| StoreError::Invalid(error.to_string()))
}

/// Hides the password of a database URL in messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

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

    /// Why they are listed, in words.
    pub fn reason(&self) -> String {
        let mut reason = String::from("names are spellings of one name");
        if self.same_year() {
            reason.push_str("; same year");
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
            reason.push_str("; both linked with ");
            reason.push_str(&names.join(", "));
            if self.shared.len() > 3 {
                reason.push_str(&format!(" and {} more", self.shared.len() - 3));
            }
        }
        reason
    }
}

/// A name that matched a plain search.
#[derive(Debug, Clone, Serialize)]
pub struct NameHit {
    pub entity: Summary,
    pub matched: String,
    pub exact: bool,
    pub primary: bool,
}

type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("the current time formats")
}

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
                            "pragma journal_mode = wal; pragma foreign_keys = on; \
                             pragma busy_timeout = 5000; pragma synchronous = normal; \
                             pragma cache_size = -32768; pragma mmap_size = 4294967296;"
                        }
                        // A statement that runs away is cut off, and so is a
                        // transaction left open by a client that went away.
                        Dialect::Postgres => {
                            "set statement_timeout = '15s'; \
                             set idle_in_transaction_session_timeout = '60s';"
                        }
                    };
                    connection.execute(setup).await?;
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
            .after_release(|connection, _| {
                Box::pin(async move {
                    use sqlx::Connection;
                    if connection.is_in_transaction() {
                        // Runs the rollback queued when the transaction was
                        // dropped, then looks again.
                        connection.ping().await?;
                        if connection.is_in_transaction() {
                            tracing::debug!(
                                "closing a database connection left inside a transaction"
                            );
                            return Ok(false);
                        }
                    }
                    Ok(true)
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store { pool, dialect })
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
        self.build_missing_keys().await?;
        Ok(migrator.iter().map(|migration| migration.version).collect())
    }

    /// Whether the store has entities but no name keys.
    async fn keys_missing<'e, E>(&self, executor: E) -> Result<bool>
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
    async fn build_missing_keys(&self) -> Result<()> {
        // Without a lock first: every start-up asks, almost always no.
        if !self.keys_missing(&self.pool).await? {
            return Ok(());
        }
        let mut tx = match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("begin immediate").await?,
            Dialect::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("lock table entity_key in exclusive mode")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
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
            after_kind = last.try_get(0)?;
            after_id = last.try_get(1)?;
            let mut entities = Vec::with_capacity(rows.len());
            for row in &rows {
                let kind: String = row.try_get(0)?;
                let doc: String = row.try_get(2)?;
                entities.push(Entity::from_untagged_json(parse_kind(&kind)?, &doc)?);
            }
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
    async fn retrying<T, F, Fut>(&self, mut operation: F) -> Result<T>
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
    pub(crate) async fn begin_write(&self) -> Result<Tx<'static>> {
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

    pub async fn lookup(&self, kind: EntityKind, id: &EntityId) -> Result<Lookup> {
        let row =
            sqlx::query("select doc, redirect_to, version from entity where kind = $1 and id = $2")
                .bind(kind.as_str())
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else {
            return Ok(Lookup::Missing);
        };
        let doc: Option<String> = row.try_get(0)?;
        let redirect: Option<String> = row.try_get(1)?;
        match (doc, redirect) {
            (Some(doc), _) => Ok(Lookup::Present {
                entity: Entity::from_untagged_json(kind, &doc)?,
                version: row.try_get(2)?,
            }),
            (None, Some(to)) => Ok(Lookup::Redirect { to: parse_id(&to)? }),
            (None, None) => Ok(Lookup::Missing),
        }
    }

    /// The entity, or `NotFound` (redirects count as not found here).
    pub async fn get(&self, kind: EntityKind, id: &EntityId) -> Result<Entity> {
        match self.lookup(kind, id).await? {
            Lookup::Present { entity, .. } => Ok(entity),
            _ => Err(StoreError::NotFound {
                kind,
                id: id.clone(),
            }),
        }
    }

    /// Label and year of each given entity that exists, for showing references.
    pub async fn summaries(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<BTreeMap<(EntityKind, EntityId), Summary>> {
        let mut found = BTreeMap::new();
        for row in self.rows_for_keys("kind, id, label, year", keys).await? {
            let kind: String = row.try_get(0)?;
            let id: String = row.try_get(1)?;
            let key = (parse_kind(&kind)?, parse_id(&id)?);
            found.insert(
                key.clone(),
                Summary {
                    kind: key.0,
                    id,
                    label: row.try_get(2)?,
                    year: row.try_get(3)?,
                },
            );
        }
        Ok(found)
    }

    /// The present entities among `keys`, in one round trip per few hundred.
    pub async fn get_many(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<BTreeMap<(EntityKind, EntityId), Entity>> {
        let mut found = BTreeMap::new();
        for row in self.rows_for_keys("kind, id, doc", keys).await? {
            let kind: String = row.try_get(0)?;
            let id: String = row.try_get(1)?;
            let doc: String = row.try_get(2)?;
            let kind = parse_kind(&kind)?;
            found.insert(
                (kind, parse_id(&id)?),
                Entity::from_untagged_json(kind, &doc)?,
            );
        }
        Ok(found)
    }

    /// The entities that claim each of these ids of another catalog
    /// (`scheme` as written in the catalog format: `imdb`, `wikidata`).
    pub async fn find_external_ids(
        &self,
        scheme: &str,
        values: &[String],
    ) -> Result<BTreeMap<String, (EntityKind, EntityId)>> {
        let mut found = BTreeMap::new();
        for chunk in values.chunks(400) {
            let placeholders: Vec<String> = (0..chunk.len())
                .map(|index| format!("${}", index + 2))
                .collect();
            let sql = format!(
                "select value, kind, id from external_id where scheme = $1 and value in ({}) order by kind, id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(scheme);
            for value in chunk {
                query = query.bind(value.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                let value: String = row.try_get(0)?;
                let kind: String = row.try_get(1)?;
                let id: String = row.try_get(2)?;
                found
                    .entry(value)
                    .or_insert((parse_kind(&kind)?, parse_id(&id)?));
            }
        }
        Ok(found)
    }

    /// Rows of present entities for many keys: `where (kind, id) in (…)`,
    /// searched in the index key by key (see `key_list`).
    async fn rows_for_keys(
        &self,
        columns: &str,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<sqlx::any::AnyRow>> {
        self.rows_by_keys(
            &format!("select {columns} from entity where doc is not null and (kind, id) in (KEYS)"),
            keys,
        )
        .await
    }

    /// Runs a statement whose `KEYS` stands for a list of entity keys, a
    /// few hundred keys at a time, each key once; returns every row.
    async fn rows_by_keys(
        &self,
        statement: &str,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<sqlx::any::AnyRow>> {
        let unique: Vec<&(EntityKind, EntityId)> = {
            let mut seen = HashSet::new();
            keys.iter().filter(|key| seen.insert(*key)).collect()
        };
        let mut rows = Vec::new();
        for chunk in unique.chunks(200) {
            let sql = statement.replace("KEYS", &key_list(self.dialect, chunk.len()));
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            rows.extend(query.fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }

    /// How many links point at each of the given entities (a person's
    /// credits, a source's citations): the popularity search ranks by.
    /// Entities nothing points at are left out.
    pub async fn incoming_counts(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), u64>> {
        let mut counts = HashMap::new();
        let rows = self
            .rows_by_keys(
                "select to_kind, to_id, count(*) from entity_link \
                 where (to_kind, to_id) in (KEYS) group by to_kind, to_id",
                keys,
            )
            .await?;
        for row in rows {
            let kind: String = row.try_get(0)?;
            let id: String = row.try_get(1)?;
            let count: i64 = row.try_get(2)?;
            counts.insert(
                (parse_kind(&kind)?, parse_id(&id)?),
                u64::try_from(count).unwrap_or(0),
            );
        }
        Ok(counts)
    }

    /// Present entities in the order of kind and id, `limit` at a time,
    /// after the entity `after` (None: from the start). For walking a whole
    /// catalog in bounded memory, as a reindex does.
    pub async fn scan(
        &self,
        after: Option<&(EntityKind, EntityId)>,
        limit: i64,
    ) -> Result<Vec<Entity>> {
        let (kind, id) = after
            .map(|(kind, id)| (kind.as_str(), id.as_str()))
            .unwrap_or(("", ""));
        let rows = sqlx::query(
            "select kind, doc from entity where doc is not null \
             and (kind > $1 or (kind = $1 and id > $2)) order by kind, id limit $3",
        )
        .bind(kind)
        .bind(id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entity_of_row).collect()
    }

    /// The number of the newest change, 0 in a store without any.
    pub async fn last_change(&self) -> Result<i64> {
        let row = sqlx::query("select coalesce(max(id), 0) from change")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Which of the given entities do not exist (redirected ones do not count).
    pub async fn missing(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<(EntityKind, EntityId)>> {
        let present = self.summaries(keys).await?;
        Ok(keys
            .iter()
            .filter(|key| !present.contains_key(key))
            .cloned()
            .collect())
    }

    /// Entities of a kind, by label.
    pub async fn list(&self, kind: EntityKind, limit: i64, offset: i64) -> Result<Vec<Summary>> {
        self.listing(kind, "sort_label, id", limit, offset).await
    }

    /// Entities of a kind in an order (a fixed SQL `order by` list), a page
    /// of them: `select id, label, year`, the same for every listing.
    pub(crate) async fn listing(
        &self,
        kind: EntityKind,
        order: &'static str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Summary>> {
        let rows = sqlx::query(&format!(
            "select id, label, year from entity where kind = $1 and doc is not null \
             order by {order} limit $2 offset $3"
        ))
        .bind(kind.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Summary {
                    kind,
                    id: row.try_get(0)?,
                    label: row.try_get(1)?,
                    year: row.try_get(2)?,
                })
            })
            .collect()
    }

    /// Articles (news, press releases, blog posts), newest year first, at
    /// most `limit`. A source's kind is the second field of its stored
    /// document, so it is matched in the text, the same on both stores.
    pub async fn articles(&self, limit: i64) -> Result<Vec<Source>> {
        let rows = sqlx::query(
            "select kind, doc from entity where kind = 'source' and doc is not null \
             and (doc like '%\"kind\":\"news\"%' or doc like '%\"kind\":\"press_release\"%' \
             or doc like '%\"kind\":\"blog\"%') \
             order by year desc, id limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut articles = Vec::with_capacity(rows.len());
        for row in &rows {
            if let Entity::Source(source) = entity_of_row(row)?
                && source.kind.is_article()
            {
                articles.push(source);
            }
        }
        Ok(articles)
    }

    /// Every name and title of the entities of these kinds, for finding
    /// them in a text.
    pub async fn all_names(
        &self,
        kinds: &[EntityKind],
    ) -> Result<Vec<(EntityKind, EntityId, String)>> {
        let mut names = Vec::new();
        for kind in kinds {
            let rows = sqlx::query("select id, name from entity_name where kind = $1")
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await?;
            for row in rows {
                let id: String = row.try_get(0)?;
                names.push((*kind, parse_id(&id)?, row.try_get(1)?));
            }
        }
        Ok(names)
    }

    pub async fn count(&self, kind: EntityKind) -> Result<i64> {
        let row = sqlx::query("select count(*) from entity where kind = $1 and doc is not null")
            .bind(kind.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Every present entity, ordered by kind and id.
    pub async fn all_entities(&self) -> Result<Vec<Entity>> {
        let rows =
            sqlx::query("select kind, doc from entity where doc is not null order by kind, id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(entity_of_row).collect()
    }

    /// The entities that refer to this one, with the field that does.
    /// At most `limit` of them, by the referring entity's kind and id (the
    /// order of the index, so that a source cited a million times answers
    /// as fast as one cited once).
    pub async fn referrers(
        &self,
        kind: EntityKind,
        id: &EntityId,
        limit: i64,
    ) -> Result<Vec<Referrer>> {
        let rows = sqlx::query(
            "select l.from_kind, l.from_id, l.path, e.label, e.year from entity_link l \
             join entity e on e.kind = l.from_kind and e.id = l.from_id \
             where l.to_kind = $1 and l.to_id = $2 order by l.from_kind, l.from_id, l.path limit $3",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Referrer {
                    from: Summary {
                        kind: parse_kind(&row.try_get::<String, _>(0)?)?,
                        id: row.try_get(1)?,
                        label: row.try_get(3)?,
                        year: row.try_get(4)?,
                    },
                    path: parse_path(&row.try_get::<String, _>(2)?)?,
                })
            })
            .collect()
    }

    /// The references to an entity, as `referrers` gives them, and the
    /// whole documents of the first `documents` entities that make them,
    /// in one statement.
    pub async fn referrers_with_documents(
        &self,
        kind: EntityKind,
        id: &EntityId,
        limit: i64,
        documents: i64,
    ) -> Result<(Vec<Referrer>, Vec<Entity>)> {
        let rows = sqlx::query(
            "select from_kind, from_id, path, label, year, \
               case when entity_rank <= $4 and path_rank = 1 then doc end from ( \
               select l.from_kind, l.from_id, l.path, e.label, e.year, e.doc, \
                 dense_rank() over (order by l.from_kind, l.from_id) as entity_rank, \
                 row_number() over (partition by l.from_kind, l.from_id order by l.path) as path_rank \
               from entity_link l join entity e on e.kind = l.from_kind and e.id = l.from_id \
               where l.to_kind = $1 and l.to_id = $2 \
             ) ranked order by from_kind, from_id, path limit $3",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .bind(limit)
        .bind(documents)
        .fetch_all(&self.pool)
        .await?;
        let mut referrers = Vec::with_capacity(rows.len());
        let mut entities = Vec::new();
        for row in rows {
            let from_kind: String = row.try_get(0)?;
            let doc: Option<String> = row.try_get(5)?;
            if let Some(doc) = doc {
                entities.push(Entity::from_untagged_json(parse_kind(&from_kind)?, &doc)?);
            }
            referrers.push(Referrer {
                from: Summary {
                    kind: parse_kind(&from_kind)?,
                    id: row.try_get(1)?,
                    label: row.try_get(3)?,
                    year: row.try_get(4)?,
                },
                path: parse_path(&row.try_get::<String, _>(2)?)?,
            });
        }
        Ok((referrers, entities))
    }

    /// How many references point at an entity.
    pub async fn count_referrers(&self, kind: EntityKind, id: &EntityId) -> Result<i64> {
        let row = sqlx::query("select count(*) from entity_link where to_kind = $1 and to_id = $2")
            .bind(kind.as_str())
            .bind(id.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Exact and prefix matches over every name and title, ignoring case,
    /// accents, punctuation and spacing. Exact matches first, then primary
    /// names, then by label.
    pub async fn find_names(
        &self,
        query: &str,
        kind: Option<EntityKind>,
        limit: i64,
    ) -> Result<Vec<NameHit>> {
        let folded = fold(query);
        let compacted = compact(query);
        if compacted.is_empty() {
            return Ok(Vec::new());
        }
        // A prefix range that works the same in SQLite and PostgreSQL.
        let upper = format!("{compacted}\u{10FFFF}");
        let rows = sqlx::query(
            "select n.kind, n.id, n.name, n.compact, n.is_primary, e.label, e.year, n.folded \
             from entity_name n join entity e on e.kind = n.kind and e.id = n.id \
             where (n.compact >= $1 and n.compact < $2 or n.folded = $3) and ($4 = '' or n.kind = $4) \
             order by case when n.compact = $1 then 0 else 1 end, n.is_primary desc, e.sort_label, n.id \
             limit $5",
        )
        .bind(&compacted)
        .bind(&upper)
        .bind(&folded)
        .bind(kind.map(|kind| kind.as_str()).unwrap_or(""))
        .bind(limit.saturating_mul(8))
        .fetch_all(&self.pool)
        .await?;
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        // Exact spellings first, then other spellings of the same name
        // (another romanization, Hangul, the other name order), then names
        // that begin with the query.
        let (exact, prefix): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| {
            row.try_get::<String, _>(3)
                .is_ok_and(|name_compact| name_compact == compacted)
        });
        // A row of the first query: kind, id, name, compact, is_primary,
        // label, year.
        let name_hit = |row: &sqlx::any::AnyRow, exact: bool| -> Result<NameHit> {
            let primary: i64 = row.try_get(4)?;
            Ok(NameHit {
                entity: Summary {
                    kind: parse_kind(&row.try_get::<String, _>(0)?)?,
                    id: row.try_get(1)?,
                    label: row.try_get(5)?,
                    year: row.try_get(6)?,
                },
                matched: row.try_get(2)?,
                exact,
                primary: primary != 0,
            })
        };
        let mut push = |hit: NameHit, hits: &mut Vec<NameHit>| {
            if seen.insert((hit.entity.kind, hit.entity.id.clone())) {
                hits.push(hit);
            }
        };
        for row in &exact {
            push(name_hit(row, true)?, &mut hits);
        }
        let keys = name_keys(query);
        if !keys.is_empty() && (hits.len() as i64) < limit {
            let sql = format!(
                "select k.kind, k.id, k.name, e.label, e.year from entity_key k \
                 join entity e on e.kind = k.kind and e.id = k.id \
                 where k.key in ({}) and (${} = '' or k.kind = ${}) \
                 order by e.sort_label, k.id limit ${}",
                (1..=keys.len())
                    .map(|index| format!("${index}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                keys.len() + 1,
                keys.len() + 1,
                keys.len() + 2
            );
            let mut variants = sqlx::query(&sql);
            for key in &keys {
                variants = variants.bind(key.as_str());
            }
            let variants = variants
                .bind(kind.map(|kind| kind.as_str()).unwrap_or(""))
                .bind(limit.saturating_mul(8))
                .fetch_all(&self.pool)
                .await?;
            for row in variants {
                let hit = NameHit {
                    entity: Summary {
                        kind: parse_kind(&row.try_get::<String, _>(0)?)?,
                        id: row.try_get(1)?,
                        label: row.try_get(3)?,
                        year: row.try_get(4)?,
                    },
                    matched: row.try_get(2)?,
                    exact: false,
                    primary: false,
                };
                push(hit, &mut hits);
            }
        }
        for row in &prefix {
            if hits.len() as i64 >= limit {
                break;
            }
            push(name_hit(row, false)?, &mut hits);
        }
        hits.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(hits)
    }

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
            let key: String = row.try_get(0)?;
            let entity = Summary {
                kind: parse_kind(&row.try_get::<String, _>(1)?)?,
                id: row.try_get(2)?,
                label: row.try_get(4)?,
                year: row.try_get(5)?,
            };
            let name: String = row.try_get(3)?;
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
            let ids: Vec<(EntityKind, String)> = group
                .entities
                .iter()
                .map(|(e, _)| (e.kind, e.id.clone()))
                .collect();
            seen.insert(ids)
        });
        let members: Vec<(EntityKind, EntityId)> = groups
            .iter()
            .flat_map(|group| &group.entities)
            .filter_map(|(entity, _)| Some((entity.kind, EntityId::parse(&entity.id).ok()?)))
            .collect();
        let neighbours = self.neighbours(&members).await?;
        let mut wanted = Vec::new();
        for group in &mut groups {
            let mut counts: BTreeMap<&(EntityKind, EntityId), usize> = BTreeMap::new();
            for (entity, _) in &group.entities {
                if let Some(id) = EntityId::parse(&entity.id).ok()
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
    async fn neighbours(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), BTreeSet<(EntityKind, EntityId)>>> {
        let mut neighbours: HashMap<_, BTreeSet<_>> = HashMap::new();
        for (this, other) in [("from", "to"), ("to", "from")] {
            let statement = format!(
                "select {this}_kind, {this}_id, {other}_kind, {other}_id from entity_link \
                 where ({this}_kind, {this}_id) in (KEYS) and {other}_kind <> 'source'"
            );
            for row in self.rows_by_keys(&statement, keys).await? {
                let (kind, id, other_kind, other_id): (String, String, String, String) = (
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                );
                neighbours
                    .entry((parse_kind(&kind)?, parse_id(&id)?))
                    .or_default()
                    .insert((parse_kind(&other_kind)?, parse_id(&other_id)?));
            }
        }
        Ok(neighbours)
    }

    /// The edits that touched an entity, newest first.
    pub async fn history(&self, kind: EntityKind, id: &EntityId) -> Result<Vec<HistoryEntry>> {
        let rows = sqlx::query(
            "select c.id, c.at, c.author, c.summary, d.action, c.reverts from edit d \
             join change c on c.id = d.change_id where d.kind = $1 and d.entity_id = $2 \
             order by c.id desc, d.id desc",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(HistoryEntry {
                    change_id: row.try_get(0)?,
                    at: row.try_get(1)?,
                    author: row.try_get(2)?,
                    summary: row.try_get(3)?,
                    action: row.try_get(4)?,
                    reverts: row.try_get(5)?,
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

    async fn delete_once(&self, kind: EntityKind, id: &EntityId, meta: ChangeMeta) -> Result<i64> {
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
        if from == into {
            return Err(StoreError::Invalid(format!(
                "cannot merge {kind} `{from}` into itself"
            )));
        }
        let meta = ChangeMeta::new(author, &format!("Merge {kind} {from} into {into}"), None);
        self.retrying(|| self.merge_once(kind, from, into, meta.clone()))
            .await
    }

    async fn merge_once(
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

    async fn revert_once(&self, record: &ChangeRecord, meta: ChangeMeta) -> Result<i64> {
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

impl Store {
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
                id: row.try_get(0)?,
                at: row.try_get(1)?,
                author: row.try_get(2)?,
                summary: row.try_get(3)?,
                reverts: row.try_get(4)?,
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
            let change_id: i64 = edit.try_get(0)?;
            let kind: String = edit.try_get(1)?;
            let current: i64 = edit.try_get(6)?;
            let after = if current == 1 {
                Some(current_state(&kind, edit.try_get(7)?, edit.try_get(8)?)?)
            } else {
                parse(edit.try_get(5)?)?
            };
            let record = EditRecord {
                kind,
                entity_id: edit.try_get(2)?,
                action: edit.try_get(3)?,
                before: parse(edit.try_get(4)?)?,
                after,
            };
            if let Some(position) = index.get(&change_id) {
                changes[*position].edits.push(record);
            }
        }
        Ok(changes)
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
            let kind: String = row.try_get(0)?;
            let id: String = row.try_get(1)?;
            keys.push((parse_kind(&kind)?, parse_id(&id)?));
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
            at: Some(change.at.clone()),
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

/// A transaction that records one change. Writing through it is the only
/// way entities change.
struct Writer<'c> {
    tx: Tx<'c>,
    dialect: Dialect,
    meta: ChangeMeta,
    change_id: Option<i64>,
    touched: Vec<(EntityKind, EntityId)>,
}

impl<'c> Writer<'c> {
    async fn begin(store: &'c Store, meta: ChangeMeta) -> Result<Writer<'c>> {
        if meta.author.trim().is_empty() {
            return Err(StoreError::Invalid("every change needs an author".into()));
        }
        // SQLite: take the write lock at once, so that a second writer waits
        // (busy_timeout) instead of failing when it tries to upgrade a read.
        // PostgreSQL: read committed, with each entity read for update (see
        // `load`), so two writers of one entity take turns and neither
        // writes over the other's edit.
        let tx = match store.dialect {
            Dialect::Sqlite => store.pool.begin_with("begin immediate").await?,
            Dialect::Postgres => store.pool.begin().await?,
        };
        Ok(Writer {
            tx,
            dialect: store.dialect,
            meta,
            change_id: None,
            touched: Vec::new(),
        })
    }

    /// The entity's state, locked until the end of the transaction.
    async fn load(&mut self, kind: EntityKind, id: &EntityId) -> Result<State> {
        load_state(&mut self.tx, kind, id, self.dialect == Dialect::Postgres).await
    }

    async fn referrers(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<Vec<(EntityKind, EntityId)>> {
        referrers_in(&mut self.tx, kind, id).await
    }

    /// The states of many entities, locked until the end of the transaction;
    /// an entity the store lacks is absent from the map.
    async fn load_many(
        &mut self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), State>> {
        let mut states = HashMap::with_capacity(keys.len());
        let lock = if self.dialect == Dialect::Postgres {
            " order by kind, id for update"
        } else {
            ""
        };
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "select kind, id, doc, redirect_to from entity where (kind, id) in ({}){lock}",
                key_list(self.dialect, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            for row in query.fetch_all(&mut *self.tx).await? {
                let kind: String = row.try_get(0)?;
                let id: String = row.try_get(1)?;
                let doc: Option<String> = row.try_get(2)?;
                let redirect: Option<String> = row.try_get(3)?;
                let kind = parse_kind(&kind)?;
                let state = match (doc, redirect) {
                    (Some(doc), _) => State::Present(Entity::from_untagged_json(kind, &doc)?),
                    (None, Some(to)) => State::Redirect(parse_id(&to)?),
                    (None, None) => State::Absent,
                };
                states.insert((kind, parse_id(&id)?), state);
            }
        }
        Ok(states)
    }

    /// Checks references, commits, and returns the change, if anything changed.
    async fn commit(mut self) -> Result<Option<i64>> {
        check_links(&mut self.tx, self.dialect, &self.touched).await?;
        screenings::rebuild(&mut self.tx, self.dialect, &self.touched).await?;
        self.tx.commit().await?;
        Ok(self.change_id)
    }

    async fn commit_one(self) -> Result<i64> {
        let change = self.commit().await?;
        change.ok_or_else(|| StoreError::Invalid("nothing to change".into()))
    }

    /// Sets one entity's state; see `write_many`.
    async fn write(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
        before: &State,
        after: &State,
    ) -> Result<()> {
        self.write_many(&[Edit {
            kind,
            id: id.clone(),
            before: before.clone(),
            after: after.clone(),
        }])
        .await
    }

    /// The one write path: sets the state of each entity, keeps the derived
    /// tables in step, and records each edit, in the same transaction. A
    /// batch is written with a few multi-row statements, not a few per
    /// entity, which is what makes imports of millions fast. When a batch
    /// edits one entity twice, each edit is recorded, and the entity ends in
    /// the last edit's state.
    async fn write_many(&mut self, edits: &[Edit]) -> Result<()> {
        if edits.is_empty() {
            return Ok(());
        }
        let change_id = match self.change_id {
            Some(change_id) => change_id,
            None => {
                let change_id = begin_change(&mut self.tx, &self.meta).await?;
                *self.change_id.insert(change_id)
            }
        };
        let at = now();
        // Each entity's state before the batch and after it.
        let mut finals: Vec<(EntityKind, &EntityId, &State, &State)> = Vec::new();
        let mut position: HashMap<(EntityKind, &EntityId), usize> = HashMap::new();
        for edit in edits {
            match position.get(&(edit.kind, &edit.id)) {
                Some(&index) => finals[index].3 = &edit.after,
                None => {
                    position.insert((edit.kind, &edit.id), finals.len());
                    finals.push((edit.kind, &edit.id, &edit.before, &edit.after));
                }
            }
        }
        self.touched
            .extend(finals.iter().map(|(kind, id, _, _)| (*kind, (*id).clone())));
        let present: Vec<&Entity> = finals
            .iter()
            .filter_map(|(_, _, _, after)| match after {
                State::Present(entity) => Some(entity),
                _ => None,
            })
            .collect();
        pictures::check_pictures(&mut self.tx, &present).await?;
        let tx = &mut self.tx;

        // The derived rows of entities that existed are rebuilt.
        let existed: Vec<(EntityKind, &EntityId)> = finals
            .iter()
            .filter(|(_, _, before, _)| !matches!(before, State::Absent))
            .map(|(kind, id, _, _)| (*kind, *id))
            .collect();
        // The edits, in order. The last edit of an entity that stays in the
        // store says "as the entity stands" instead of copying it.
        let mut last: HashMap<(EntityKind, &EntityId), usize> = HashMap::new();
        for (index, edit) in edits.iter().enumerate() {
            last.insert((edit.kind, &edit.id), index);
        }
        let mut recorded = Vec::with_capacity(edits.len());
        for (index, edit) in edits.iter().enumerate() {
            let current = last.get(&(edit.kind, &edit.id)) == Some(&index)
                && !matches!(edit.after, State::Absent);
            let action = match (&edit.before, &edit.after) {
                (State::Absent, _) => "create",
                (_, State::Absent) => "delete",
                (_, State::Redirect(_)) => "redirect",
                (State::Redirect(_), State::Present(_)) => "restore",
                _ => "update",
            };
            let after = if current {
                None
            } else {
                edit.after.to_json_text()?
            };
            recorded.push((edit, action, edit.before.to_json_text()?, after, current));
        }
        // The last edits of these entities said "as the entity stands";
        // they get their state after written out before it changes: the
        // state before the first edit of each in this batch.
        let mut first_seen = HashSet::new();
        let previous: Vec<(EntityKind, &EntityId, &Option<String>)> = recorded
            .iter()
            .filter(|(edit, ..)| first_seen.insert((edit.kind, &edit.id)))
            .filter(|(edit, ..)| !matches!(edit.before, State::Absent))
            .map(|(edit, _, before, ..)| (edit.kind, &edit.id, before))
            .collect();
        for chunk in previous.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "update edit set after_state = v.column3, after_is_current = 0 \
                 from (values {}) as v \
                 where edit.kind = v.column1 and edit.entity_id = v.column2 and edit.after_is_current = 1",
                placeholders(self.dialect, chunk.len(), 3, 0)
            );
            let mut query = sqlx::query(&sql);
            for (kind, id, state) in chunk {
                query = query
                    .bind(kind.as_str())
                    .bind(id.as_str())
                    .bind((*state).clone());
            }
            query.execute(&mut **tx).await?;
        }
        for (table, columns) in [
            ("entity_name", "kind, id"),
            ("entity_key", "kind, id"),
            ("external_id", "kind, id"),
            ("entity_link", "from_kind, from_id"),
        ] {
            for chunk in existed.chunks(KEYS_PER_STATEMENT) {
                let sql = format!(
                    "delete from {table} where ({columns}) in ({})",
                    key_list(self.dialect, chunk.len())
                );
                let mut query = sqlx::query(&sql);
                for (kind, id) in chunk {
                    query = query.bind(kind.as_str()).bind(id.as_str());
                }
                query.execute(&mut **tx).await?;
            }
        }
        let removed: Vec<(EntityKind, &EntityId)> = finals
            .iter()
            .filter(|(_, _, before, after)| {
                matches!(after, State::Absent) && !matches!(before, State::Absent)
            })
            .map(|(kind, id, _, _)| (*kind, *id))
            .collect();
        for chunk in removed.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "delete from entity where (kind, id) in ({})",
                key_list(self.dialect, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            query.execute(&mut **tx).await?;
        }

        // Entity rows, and the rows derived from them.
        let mut rows = Vec::new();
        let mut names = Vec::new();
        let mut keys = Vec::new();
        let mut externals = Vec::new();
        let mut links = Vec::new();
        for (kind, id, before, after) in &finals {
            let label_of = |state: &State| match state {
                State::Present(entity) => Some((entity.label(), entity.year())),
                _ => None,
            };
            let (doc, redirect) = match after {
                State::Absent => continue,
                State::Present(entity) => (Some(entity.to_untagged_json()?), None),
                State::Redirect(to) => (None, Some(to.to_string())),
            };
            let (label, year) = label_of(after)
                .or_else(|| label_of(before))
                .unwrap_or((id.to_string(), None));
            rows.push(EntityRow {
                kind: *kind,
                id,
                doc,
                redirect,
                sort_label: fold(&label),
                label,
                year: year.map(i64::from),
            });
            let State::Present(entity) = after else {
                continue;
            };
            for name in entity.findable_names() {
                for key in name_keys(&name.text) {
                    keys.push((*kind, *id, name.text.clone(), key));
                }
                names.push((*kind, *id, fold(&name.text), compact(&name.text), name));
            }
            for external in entity.external_ids() {
                let scheme = serde_json::to_value(external.scheme)?
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                externals.push((scheme, external.value.clone(), *kind, *id));
            }
            // One citation link per cited source is enough for integrity and
            // for finding the entities that cite a source (which claims cite
            // it is read from the document); other references keep a row per
            // field, so that a person credited twice in a film is listed
            // twice.
            let mut cited = HashSet::new();
            for reference in entity.references() {
                if reference.path.is_citation()
                    && !cited.insert((reference.kind, reference.id.clone()))
                {
                    continue;
                }
                links.push((*kind, *id, reference));
            }
        }
        for chunk in rows.chunks(PARAMETERS_PER_STATEMENT / 10) {
            let sql = format!(
                "insert into entity (kind, id, doc, redirect_to, label, sort_label, year, version, created_at, updated_at) \
                 values {} on conflict (kind, id) do update set doc = excluded.doc, redirect_to = excluded.redirect_to, \
                 label = excluded.label, sort_label = excluded.sort_label, year = excluded.year, \
                 version = entity.version + 1, updated_at = excluded.updated_at",
                placeholders(self.dialect, chunk.len(), 10, 0)
            );
            let mut query = sqlx::query(&sql);
            for row in chunk {
                query = query
                    .bind(row.kind.as_str())
                    .bind(row.id.as_str())
                    .bind(row.doc.clone())
                    .bind(row.redirect.clone())
                    .bind(row.label.clone())
                    .bind(row.sort_label.clone())
                    .bind(row.year)
                    .bind(1_i64)
                    .bind(at.clone())
                    .bind(at.clone());
            }
            query.execute(&mut **tx).await?;
        }
        for chunk in names.chunks(PARAMETERS_PER_STATEMENT / 6) {
            let sql = format!(
                "insert into entity_name (kind, id, name, folded, compact, is_primary) values {}",
                placeholders(self.dialect, chunk.len(), 6, 0)
            );
            let mut query = sqlx::query(&sql);
            for (kind, id, folded, compact, name) in chunk {
                query = query
                    .bind(kind.as_str())
                    .bind(id.as_str())
                    .bind(name.text.clone())
                    .bind(folded.clone())
                    .bind(compact.clone())
                    .bind(i64::from(name.primary));
            }
            query.execute(&mut **tx).await?;
        }
        insert_keys(tx, self.dialect, &keys).await?;
        for chunk in externals.chunks(PARAMETERS_PER_STATEMENT / 4) {
            let sql = format!(
                "insert into external_id (scheme, value, kind, id) values {}",
                placeholders(self.dialect, chunk.len(), 4, 0)
            );
            let mut query = sqlx::query(&sql);
            for (scheme, value, kind, id) in chunk {
                query = query
                    .bind(scheme.clone())
                    .bind(value.clone())
                    .bind(kind.as_str())
                    .bind(id.as_str());
            }
            query.execute(&mut **tx).await?;
        }
        for chunk in links.chunks(PARAMETERS_PER_STATEMENT / 5) {
            let sql = format!(
                "insert into entity_link (from_kind, from_id, path, to_kind, to_id) values {}",
                placeholders(self.dialect, chunk.len(), 5, 0)
            );
            let mut query = sqlx::query(&sql);
            for (kind, id, reference) in chunk {
                query = query
                    .bind(kind.as_str())
                    .bind(id.as_str())
                    .bind(reference.path.to_string())
                    .bind(reference.kind.as_str())
                    .bind(reference.id.as_str());
            }
            query.execute(&mut **tx).await?;
        }

        for chunk in recorded.chunks(PARAMETERS_PER_STATEMENT / 7) {
            let sql = format!(
                "insert into edit (change_id, kind, entity_id, action, before_state, after_state, after_is_current) values {}",
                placeholders(self.dialect, chunk.len(), 7, 0)
            );
            let mut query = sqlx::query(&sql);
            for (edit, action, before, after, current) in chunk {
                query = query
                    .bind(change_id)
                    .bind(edit.kind.as_str())
                    .bind(edit.id.as_str())
                    .bind(*action)
                    .bind(before.clone())
                    .bind(after.clone())
                    .bind(i64::from(*current));
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// An entity's row as the edit log writes states: its document tagged with
/// its kind (`{"type": "film", …}`), or `{"redirect_to": id}`.
fn current_state(
    kind: &str,
    doc: Option<String>,
    redirect: Option<String>,
) -> Result<serde_json::Value> {
    match (doc, redirect) {
        (Some(doc), _) => {
            let serde_json::Value::Object(fields) = serde_json::from_str(&doc)? else {
                return Err(StoreError::Invalid(format!(
                    "the stored {kind} is not a JSON object"
                )));
            };
            let mut tagged = serde_json::Map::with_capacity(fields.len() + 1);
            tagged.insert("type".into(), serde_json::Value::String(kind.to_owned()));
            tagged.extend(fields);
            Ok(serde_json::Value::Object(tagged))
        }
        (None, Some(to)) => Ok(serde_json::json!({ "redirect_to": to })),
        (None, None) => Err(StoreError::Invalid(format!(
            "an edit of a {kind} says its state is the current one, but the {kind} is gone"
        ))),
    }
}

/// Rows of `entity_key`: an entity, one of its names, and a key it is found
/// under.
type KeyRow<'a> = (EntityKind, &'a EntityId, String, String);

async fn insert_keys(tx: &mut Tx<'_>, dialect: Dialect, keys: &[KeyRow<'_>]) -> Result<()> {
    for chunk in keys.chunks(PARAMETERS_PER_STATEMENT / 4) {
        let sql = format!(
            "insert into entity_key (kind, id, name, key) values {}",
            placeholders(dialect, chunk.len(), 4, 0)
        );
        let mut query = sqlx::query(&sql);
        for (kind, id, name, key) in chunk {
            query = query
                .bind(kind.as_str())
                .bind(id.as_str())
                .bind(name.clone())
                .bind(key.clone());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// One edit of a write: an entity from one state to another.
struct Edit {
    kind: EntityKind,
    id: EntityId,
    before: State,
    after: State,
}

/// An entity's row, as written.
struct EntityRow<'a> {
    kind: EntityKind,
    id: &'a EntityId,
    doc: Option<String>,
    redirect: Option<String>,
    label: String,
    sort_label: String,
    year: Option<i64>,
}

/// Bound parameters per statement: under SQLite's limit (32,766) and
/// PostgreSQL's (65,535), and large enough that a batch of a thousand
/// entities takes a few statements.
const PARAMETERS_PER_STATEMENT: usize = 30_000;

/// Keys per `(kind, id) in (…)` list.
const KEYS_PER_STATEMENT: usize = 500;

/// A list of `rows` (kind, id) keys for `where (kind, id) in (…)`, as a
/// subquery over `values`: SQLite searches the index for each key of a
/// subquery, but scans the whole table for a plain list of row values.
/// `column1, column2` are the names both SQLite and PostgreSQL give the
/// columns of `values`.
fn key_list(dialect: Dialect, rows: usize) -> String {
    format!(
        "select column1, column2 from (values {}) as k",
        placeholders(dialect, rows, 2, 0)
    )
}

/// `($1, $2), ($3, $4)`: `rows` tuples of `width` parameters, numbered from
/// `first + 1`. SQLite gets plain `?`, which it numbers in order: a named
/// or numbered parameter (`$1`, `?1`) is looked up in a list of every
/// parameter before it, each time sqlx binds one, which makes binding a
/// statement with thousands of them quadratic (seconds per batch).
fn placeholders(dialect: Dialect, rows: usize, width: usize, first: usize) -> String {
    let mut out = String::with_capacity(rows * width * 5);
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..width {
            if column > 0 {
                out.push_str(", ");
            }
            match dialect {
                Dialect::Sqlite => out.push('?'),
                Dialect::Postgres => {
                    out.push('$');
                    out.push_str(&(first + row * width + column + 1).to_string());
                }
            }
        }
        out.push(')');
    }
    out
}

/// The first row a write's `returning` clause gives. A write that returns
/// rows is read to its end (`fetch_all`), never with `fetch_one`: SQLite
/// commits a statement outside a transaction only when it runs to its end,
/// and a read that stops at the first row leaves the commit, and its error
/// (a full disk), to a reset whose error nobody sees; the write would be
/// acknowledged and lost.
pub(crate) fn first_row(rows: Vec<sqlx::any::AnyRow>) -> Result<sqlx::any::AnyRow, sqlx::Error> {
    rows.into_iter().next().ok_or(sqlx::Error::RowNotFound)
}

async fn begin_change(tx: &mut Tx<'_>, meta: &ChangeMeta) -> Result<i64> {
    let at = meta.at.clone().unwrap_or_else(now);
    let row = match meta.id {
        Some(id) => {
            sqlx::query(
                "insert into change (id, at, author, summary, reverts) values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(id)
            .bind(at)
            .bind(&meta.author)
            .bind(&meta.summary)
            .bind(meta.reverts)
            .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
        }
        None => {
            sqlx::query("insert into change (at, author, summary, reverts) values ($1, $2, $3, $4) returning id")
                .bind(at)
                .bind(&meta.author)
                .bind(&meta.summary)
                .bind(meta.reverts)
                .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
        }
    };
    Ok(row.try_get(0)?)
}

async fn load_state(
    tx: &mut Tx<'_>,
    kind: EntityKind,
    id: &EntityId,
    for_update: bool,
) -> Result<State> {
    let query = if for_update {
        "select doc, redirect_to from entity where kind = $1 and id = $2 for update"
    } else {
        "select doc, redirect_to from entity where kind = $1 and id = $2"
    };
    let row = sqlx::query(query)
        .bind(kind.as_str())
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(State::Absent);
    };
    let doc: Option<String> = row.try_get(0)?;
    let redirect: Option<String> = row.try_get(1)?;
    match (doc, redirect) {
        (Some(doc), _) => Ok(State::Present(Entity::from_untagged_json(kind, &doc)?)),
        (None, Some(to)) => Ok(State::Redirect(parse_id(&to)?)),
        (None, None) => Ok(State::Absent),
    }
}

async fn referrers_in(
    tx: &mut Tx<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Result<Vec<(EntityKind, EntityId)>> {
    let rows = sqlx::query(
        "select distinct from_kind, from_id from entity_link where to_kind = $1 and to_id = $2 order by from_kind, from_id",
    )
    .bind(kind.as_str())
    .bind(id.as_str())
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter()
        .map(|row| {
            let from_kind: String = row.try_get(0)?;
            let from_id: String = row.try_get(1)?;
            let from_kind = parse_kind(&from_kind)?;
            let from_id = parse_id(&from_id)?;
            Ok((from_kind, from_id))
        })
        .collect()
}

/// Refuses to commit a reference to an entity that is missing or merged
/// away, with a message that names both ends: the references from every
/// entity the change wrote, and those to every entity it removed or merged
/// away (a reference to a present entity is always sound).
async fn check_links(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    touched: &[(EntityKind, EntityId)],
) -> Result<()> {
    let unique: Vec<&(EntityKind, EntityId)> = {
        let mut seen = HashSet::new();
        touched.iter().filter(|key| seen.insert(*key)).collect()
    };
    for chunk in unique.chunks(KEYS_PER_STATEMENT) {
        let keys = key_list(dialect, chunk.len());
        fn bind<'q>(
            sql: &'q str,
            keys: &[&'q (EntityKind, EntityId)],
        ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
            let mut query = sqlx::query(sql);
            for (kind, id) in keys {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            query
        }
        let from = format!(
            "select l.from_kind, l.from_id, l.path, l.to_kind, l.to_id, e.redirect_to from entity_link l \
             left join entity e on e.kind = l.to_kind and e.id = l.to_id \
             where (l.from_kind, l.from_id) in ({keys}) and (e.id is null or e.doc is null) limit 1"
        );
        report_dangling(bind(&from, chunk).fetch_optional(&mut **tx).await?)?;
        let to = format!(
            "select l.from_kind, l.from_id, l.path, l.to_kind, l.to_id, e.redirect_to from entity_link l \
             left join entity e on e.kind = l.to_kind and e.id = l.to_id \
             where (l.to_kind, l.to_id) in ({keys}) and (e.id is null or e.doc is null) limit 1"
        );
        report_dangling(bind(&to, chunk).fetch_optional(&mut **tx).await?)?;
    }
    Ok(())
}

fn report_dangling(dangling: Option<sqlx::any::AnyRow>) -> Result<()> {
    if let Some(row) = dangling {
        let from_kind: String = row.try_get(0)?;
        let from_id: String = row.try_get(1)?;
        let path: String = row.try_get(2)?;
        let to_kind: String = row.try_get(3)?;
        let to_id: String = row.try_get(4)?;
        let redirect: Option<String> = row.try_get(5)?;
        let why = match redirect {
            Some(survivor) => format!("it was merged into `{survivor}`"),
            None => "it does not exist".to_owned(),
        };
        return Err(StoreError::Invalid(format!(
            "{from_kind} `{from_id}` field `{path}` refers to {to_kind} `{to_id}`, but {why}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
