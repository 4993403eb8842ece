//! A write's transaction. On SQLite it is the store's `Any` connection's;
//! on PostgreSQL a typed connection's, which runs the same statements (the
//! way the `Any` driver runs them, through the connection's own `Any`
//! backend) and can also take rows through `COPY … FROM STDIN`, which the
//! `Any` driver cannot reach. So the SQL stays shared, and a large batch
//! on PostgreSQL is loaded the way its own bulk loader loads.

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{FutureExt, StreamExt, future, stream};
use sqlx::any::{Any, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{Either, Execute, Executor, Postgres};
use sqlx_core::any::AnyConnectionBackend;

use crate::Result;

/// A transaction the write path runs its statements in: `&mut *tx` (or
/// `&mut **tx` through a reference) is an executor of the `Any` driver's
/// queries on either store.
pub(crate) struct Tx<'c> {
    conn: TxConn<'c>,
}

/// The connection under a `Tx`.
pub(crate) enum TxConn<'c> {
    Any(sqlx::Transaction<'c, Any>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl std::fmt::Debug for TxConn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TxConn::Any(_) => "Tx(Any)",
            TxConn::Postgres(_) => "Tx(Postgres)",
        })
    }
}

impl<'c> From<sqlx::Transaction<'c, Any>> for Tx<'c> {
    fn from(tx: sqlx::Transaction<'c, Any>) -> Tx<'c> {
        Tx {
            conn: TxConn::Any(tx),
        }
    }
}

impl From<sqlx::Transaction<'static, Postgres>> for Tx<'_> {
    fn from(tx: sqlx::Transaction<'static, Postgres>) -> Self {
        Tx {
            conn: TxConn::Postgres(tx),
        }
    }
}

impl<'c> std::ops::Deref for Tx<'c> {
    type Target = TxConn<'c>;

    fn deref(&self) -> &TxConn<'c> {
        &self.conn
    }
}

impl std::ops::DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.conn
    }
}

impl Tx<'_> {
    /// Commits. A transaction dropped without it is rolled back.
    pub(crate) async fn commit(self) -> Result<()> {
        match self.conn {
            TxConn::Any(tx) => tx.commit().await?,
            TxConn::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// The typed PostgreSQL connection, for what only it can do (COPY).
    pub(crate) fn postgres(&mut self) -> Option<&mut sqlx::PgConnection> {
        match &mut self.conn {
            TxConn::Any(_) => None,
            TxConn::Postgres(tx) => Some(&mut **tx),
        }
    }
}

// What sqlx does for its own `AnyConnection` (sqlx-core's
// any/connection/executor.rs), for a connection that is either the `Any`
// driver's or a typed PostgreSQL one.
impl<'t> Executor<'t> for &'t mut TxConn<'_> {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        mut query: E,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        't: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            TxConn::Any(tx) => (&mut **tx).fetch_many(query),
            TxConn::Postgres(tx) => {
                let arguments = match query.take_arguments().map_err(sqlx::Error::Encode) {
                    Ok(arguments) => arguments,
                    Err(error) => return stream::once(future::ready(Err(error))).boxed(),
                };
                let connection: &'e mut sqlx::PgConnection = tx;
                AnyConnectionBackend::fetch_many(
                    connection,
                    query.sql(),
                    query.persistent(),
                    arguments,
                )
            }
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        mut query: E,
    ) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        't: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            TxConn::Any(tx) => (&mut **tx).fetch_optional(query),
            TxConn::Postgres(tx) => {
                let arguments = match query.take_arguments().map_err(sqlx::Error::Encode) {
                    Ok(arguments) => arguments,
                    Err(error) => return future::ready(Err(error)).boxed(),
                };
                let connection: &'e mut sqlx::PgConnection = tx;
                AnyConnectionBackend::fetch_optional(
                    connection,
                    query.sql(),
                    query.persistent(),
                    arguments,
                )
            }
        }
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
    where
        't: 'e,
    {
        match self {
            TxConn::Any(tx) => (&mut **tx).prepare_with(sql, parameters),
            TxConn::Postgres(tx) => AnyConnectionBackend::prepare_with(&mut **tx, sql, parameters),
        }
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<sqlx::Describe<Any>, sqlx::Error>>
    where
        't: 'e,
    {
        match self {
            TxConn::Any(tx) => (&mut **tx).describe(sql),
            TxConn::Postgres(tx) => AnyConnectionBackend::describe(&mut **tx, sql),
        }
    }
}
