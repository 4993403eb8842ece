//! Kinora's integration tests, in one binary: in-process HTTP against a real
//! store in a temporary folder, and the `kinora` command itself.

/// Runs each named test, an `async fn(Backend)`, on SQLite and, when a test
/// server is configured, on PostgreSQL (see kinora_store::testing).
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(kinora_store::testing::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(backend) = kinora_store::testing::Backend::postgres_if_configured() {
                        super::$name(backend).await;
                    }
                }
            )*
        }
    };
}

mod accounts;
mod browse;
mod caching;
mod changes;
mod claim_api;
mod claim_forms;
mod cli;
mod common;
mod community;
mod community_import;
mod conflicts;
mod docs;
mod durability;
mod edits;
mod events;
mod holes;
mod i18n;
mod imdb;
mod imdb_integrity;
mod instances;
mod limits;
mod pages;
mod pictures;
mod search;
mod security;
mod seeds;
mod similar;
