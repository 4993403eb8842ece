//! Stores for tests: every test gets a database of its own, in SQLite (a
//! temporary folder) or in PostgreSQL (a new database on the server named by
//! `KINORA_TEST_POSTGRES_URL`), so that one suite runs on both stores.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::Store;

/// Which store a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Keeps a test's database alive; dropping it removes the database.
pub struct TestDatabase {
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
    /// A tablespace made for the database, dropped after it.
    tablespace: Option<String>,
    /// The URL the test's store was opened with, for tests that start the
    /// `kinora` binary on the same database.
    pub url: String,
}

impl TestDatabase {
    /// A SQLite store in a folder the test made itself (on a small
    /// filesystem, say), which the test removes.
    pub async fn sqlite_in(dir: &std::path::Path) -> (TestDatabase, Store) {
        let url = format!("sqlite://{}?mode=rwc", dir.join("kinora.db").display());
        let store = Store::open(&url).await.expect("a SQLite store opens");
        (
            TestDatabase {
                _dir: None,
                postgres: None,
                tablespace: None,
                url,
            },
            store,
        )
    }

    /// A PostgreSQL store whose files are in `dir` (a small filesystem,
    /// say): a tablespace there, and a new database in it, on the server
    /// named by `KINORA_TEST_POSTGRES_URL`, which must run on this machine
    /// and be able to write to `dir`.
    pub async fn postgres_in(dir: &std::path::Path) -> (TestDatabase, Store) {
        let mut database = Backend::empty_postgres_database().await;
        let (admin_url, name) = database.postgres.clone().expect("a PostgreSQL database");
        let admin = Store::connect(&admin_url)
            .await
            .expect("the PostgreSQL test server answers");
        let tablespace = format!("{name}_space");
        admin
            .execute_raw(&format!(
                "create tablespace {tablespace} location '{}'",
                dir.display()
            ))
            .await
            .expect("a tablespace in the folder (the server must be able to write there)");
        database.tablespace = Some(tablespace.clone());
        admin
            .execute_raw(&format!("drop database {name}"))
            .await
            .expect("the empty database is dropped");
        admin
            .execute_raw(&format!("create database {name} tablespace {tablespace}"))
            .await
            .expect("a database in the tablespace");
        admin.close().await;
        let store = Store::open(&database.url)
            .await
            .expect("a PostgreSQL store opens");
        (database, store)
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl Backend {
    /// The PostgreSQL backend if a test server is configured. When it is not,
    /// the PostgreSQL variants of the tests are skipped, unless
    /// `KINORA_TEST_REQUIRE_POSTGRES` is set (as CI sets it): then they fail.
    pub fn postgres_if_configured() -> Option<Backend> {
        match std::env::var("KINORA_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres),
            _ if std::env::var_os("KINORA_TEST_REQUIRE_POSTGRES").is_some() => {
                panic!("KINORA_TEST_REQUIRE_POSTGRES is set but KINORA_TEST_POSTGRES_URL is not")
            }
            _ => {
                eprintln!("skipped: set KINORA_TEST_POSTGRES_URL to run this test on PostgreSQL");
                None
            }
        }
    }

    /// A new, empty, migrated store.
    pub async fn store(self) -> (TestDatabase, Store) {
        match self {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("kinora.db").display()
                );
                let store = Store::open(&url).await.expect("a SQLite store opens");
                (
                    TestDatabase {
                        _dir: Some(dir),
                        postgres: None,
                        tablespace: None,
                        url,
                    },
                    store,
                )
            }
            Backend::Postgres => {
                let database = Backend::empty_postgres_database().await;
                let store = Store::open(&database.url)
                    .await
                    .expect("a PostgreSQL store opens");
                (database, store)
            }
        }
    }

    /// A new PostgreSQL database with no schema at all, for tests of the
    /// migrations themselves.
    pub async fn empty_postgres_database() -> TestDatabase {
        let admin_url =
            std::env::var("KINORA_TEST_POSTGRES_URL").expect("KINORA_TEST_POSTGRES_URL");
        let name = format!(
            "kinora_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            time::OffsetDateTime::now_utc().unix_timestamp_nanos() % 1_000_000
        );
        let admin = Store::connect(&admin_url)
            .await
            .expect("the PostgreSQL test server answers");
        admin
            .execute_raw(&format!("create database {name}"))
            .await
            .expect("a test database");
        admin.close().await;
        let url = with_database(&admin_url, &name);
        TestDatabase {
            _dir: None,
            postgres: Some((admin_url, name)),
            tablespace: None,
            url,
        }
    }
}

/// The URL of another database on the same server.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let authority_end = base.find("://").map(|at| at + 3).unwrap_or(0);
    let path_start = base[authority_end..]
        .find('/')
        .map(|at| at + authority_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{database}", &base[..path_start]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.postgres.take() {
            let tablespace = self.tablespace.take();
            // Drop runs outside any runtime the test may still hold, so the
            // database is removed from a thread of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                runtime.block_on(async {
                    let admin = Store::connect(&admin_url).await.ok()?;
                    let _ = admin
                        .execute_raw(&format!("drop database if exists {name} with (force)"))
                        .await;
                    if let Some(tablespace) = tablespace {
                        let _ = admin
                            .execute_raw(&format!("drop tablespace if exists {tablespace}"))
                            .await;
                    }
                    admin.close().await;
                    Some(())
                })
            })
            .join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn a_url_is_pointed_at_another_database() {
        assert_eq!(
            with_database("postgres://u@h:5/postgres", "t1"),
            "postgres://u@h:5/t1"
        );
        assert_eq!(
            with_database("postgres://u@h:5", "t1"),
            "postgres://u@h:5/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t1"),
            "postgres://u:p@h/t1?sslmode=disable"
        );
    }
}
