//! Measuring Kinora's search against what a user would otherwise pick:
//! recall on an evaluation set ([`eval`]) and speed on a generated catalog
//! ([`speed`]), each side by side with SQLite FTS5 and PostgreSQL pg_trgm
//! on the same names and queries ([`engines`]).

pub mod corpus;
pub mod engines;
pub mod eval;
pub mod speed;

use std::path::PathBuf;

/// The repository's root, where the fixtures are.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The documents of the quality evaluation: the demo catalog and the
/// Wikidata fixture.
pub fn quality_corpus() -> anyhow::Result<Vec<kinora_search::Document>> {
    let mut documents = corpus::from_demo()?;
    documents.extend(corpus::from_imdb(
        &repository().join("tests/fixtures/wikidata-films"),
    )?);
    Ok(documents)
}
