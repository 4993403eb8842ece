//! Kinora's store. The SQL database is the truth; everything else (search
//! indexes, caches) is derived from it.
//!
//! **Architecture invariant:** every write goes through `Writer::write`,
//! which records an edit (who, when, entity, before and after) in the same
//! transaction as the change and keeps the derived tables (name keys,
//! external ids, links) in step with the entity's document. There is no
//! other code that writes `entity`, `entity_key` or `entity_link`.
//!
//! Queries are written in the SQL that SQLite and PostgreSQL share, with
//! `$1`-style parameters, through sqlx's `Any` driver, so one query serves
//! both stores.

mod base;
pub mod built_from;
mod bulk;
mod checks;
pub mod community;
pub mod community_films;
mod decode;
mod discovery;
mod edits;
mod log;
mod names;
mod open;
mod packed;
pub mod pictures;
mod put;
mod reads;
mod rows;
pub mod screenings;
pub mod spool;
mod sql;
mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod tx;
mod write;

use kinora_core::model::Entity;
use kinora_core::traverse::ClaimPath;
use kinora_core::{EntityId, EntityKind};
use serde::Serialize;
use sqlx::AnyPool;

pub use base::{Base, Saved, Stale};
pub use names::DuplicateGroup;
pub use open::redact;
pub use put::{Digests, Presence, Put};
pub use reads::Imported;
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
    /// A write made from a state of the entity that is no longer its own:
    /// another change came first (`Base`). Nothing was written.
    #[error("{0}")]
    Stale(Box<Stale>),
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
    /// PostgreSQL: typed connections for the write path, which loads large
    /// batches through COPY (see `tx`).
    writers: Option<sqlx::PgPool>,
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
                // A FATAL error from PostgreSQL ends the connection: the
                // server could not go on (a backend that cannot write its
                // cache file on a full disk says only "could not write init
                // file", with the internal-error code).
                if let Some(postgres) =
                    database.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                {
                    use sqlx::postgres::PgSeverity;
                    if matches!(postgres.severity(), PgSeverity::Fatal | PgSeverity::Panic) {
                        return Some(Outage::Unavailable);
                    }
                }
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

/// An entity as the store holds it.
#[derive(Debug, Clone)]
pub enum Lookup {
    Present {
        entity: Entity,
        /// The number of the last change that touched it, read with the
        /// document: the base an editor's save names (`Base::Change`).
        last_change: i64,
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
    pub id: EntityId,
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
    pub at: kinora_core::community::Timestamp,
    pub author: String,
    pub summary: String,
    pub action: String,
    pub reverts: Option<i64>,
}

/// One edit in an entity's history, with the entity's states before and
/// after it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEdit {
    pub entry: HistoryEntry,
    pub edit: EditRecord,
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
    pub at: kinora_core::community::Timestamp,
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

pub(crate) use decode::{parse_id, parse_kind};

use tx::Tx;

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("the current time formats")
}

#[cfg(test)]
mod tests;
