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

/// The evaluation set run through Kinora, FTS5 and (given a database)
/// pg_trgm, over the quality corpus.
pub struct Evaluation {
    pub cases: Vec<eval::Case>,
    pub engines: Vec<&'static str>,
    pub outcomes: Vec<eval::Outcome>,
}

impl Evaluation {
    pub fn results(&self) -> Vec<(&str, &eval::Outcome)> {
        self.engines
            .iter()
            .copied()
            .zip(self.outcomes.iter())
            .collect()
    }
}

pub async fn evaluate(
    cases: &std::path::Path,
    postgres: Option<&str>,
    work: &std::path::Path,
) -> anyhow::Result<Evaluation> {
    use engines::Engine;
    let cases = eval::load(cases)?;
    let documents = quality_corpus()?;
    let names = corpus::names(&documents);
    let mut engines = vec![Engine::kinora(&documents, None)?.0];
    engines.push(Engine::fts5(&names, &work.join("fts5.sqlite")).await?.0);
    if let Some(url) = postgres {
        engines.push(Engine::pg_trgm(&names, url).await?.0);
    }
    let mut outcomes = Vec::new();
    for engine in &engines {
        outcomes.push(eval::run(engine, &cases).await?);
    }
    Ok(Evaluation {
        cases,
        engines: engines.iter().map(Engine::name).collect(),
        outcomes,
    })
}
