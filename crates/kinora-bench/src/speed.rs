//! Speed at scale: a generated IMDb-format catalog of millions of names and
//! titles, indexed by each engine, then queried one query at a time, in
//! process (PostgreSQL over a loopback socket, as it is used).

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use kinora::generate::Random;
use kinora_core::names::is_cjk;
use kinora_search::Document;

use crate::engines::{Engine, Key};

/// A kind of query a user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A name or title as written, one to three words.
    Name,
    /// The same with one typo (two letters swapped) in its longest word.
    Typo,
    /// An alternative title in Hangul.
    Hangul,
    /// The first letters of a name, as typed into the search box.
    Suggest,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Name, Class::Typo, Class::Hangul, Class::Suggest];

    fn label(self) -> &'static str {
        match self {
            Class::Name => "name, 1–3 words",
            Class::Typo => "with a typo",
            Class::Hangul => "Hangul",
            Class::Suggest => "suggest (first letters)",
        }
    }
}

pub struct Query {
    pub class: Class,
    pub text: String,
    pub expected: Key,
    /// Every entity that answers the query: the one it was drawn from, and
    /// for Hangul titles (which repeat in a generated catalog) every entity
    /// of that title.
    pub answers: Vec<Key>,
}

/// `per_class` queries of each class, drawn from the documents.
pub fn queries(documents: &[Document], per_class: usize, seed: u64) -> Vec<Query> {
    use kinora_core::names::compact;
    // A generated catalog repeats names, as a real one does ("John Smith").
    // Only names of one entity make queries whose answer is known.
    let mut owners: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for document in documents {
        for name in &document.names {
            *owners.entry(compact(name)).or_default() += 1;
        }
    }
    let unique = |name: &str| owners.get(&compact(name)).is_some_and(|count| *count == 1);
    let mut hangul_holders: std::collections::HashMap<String, Vec<Key>> =
        std::collections::HashMap::new();
    for document in documents {
        for name in document
            .names
            .iter()
            .filter(|name| name.chars().any(is_cjk))
        {
            hangul_holders
                .entry(compact(name))
                .or_default()
                .push((document.kind.clone(), document.id.clone()));
        }
    }
    let mut random = Random(seed);
    let mut out = Vec::new();
    for class in Class::ALL {
        let mut made = 0;
        let mut tries = 0;
        while made < per_class && tries < per_class * 200 {
            tries += 1;
            let document = &documents[random.below(documents.len() as u64) as usize];
            let expected = (document.kind.clone(), document.id.clone());
            let label = &document.label;
            if class != Class::Hangul && !unique(label) {
                continue;
            }
            let words = label.split_whitespace().count();
            let text = match class {
                Class::Name if (1..=3).contains(&words) => label.clone(),
                Class::Typo if (1..=3).contains(&words) => {
                    let Some(longest) = label.split_whitespace().max_by_key(|w| w.chars().count())
                    else {
                        continue;
                    };
                    let chars: Vec<char> = longest.chars().collect();
                    if chars.len() < 5 {
                        continue;
                    }
                    let at = 1 + random.below(chars.len() as u64 - 2) as usize;
                    let mut typo = chars.clone();
                    typo.swap(at, at + 1);
                    if typo == chars {
                        continue;
                    }
                    let typo: String = typo.into_iter().collect();
                    label.replacen(longest, &typo, 1)
                }
                Class::Hangul => {
                    let Some(hangul) = document.names.iter().find(|n| n.chars().any(is_cjk)) else {
                        continue;
                    };
                    hangul.clone()
                }
                Class::Suggest if label.chars().count() >= 6 => {
                    let length = 3 + random.below(4) as usize;
                    label
                        .chars()
                        .take(length)
                        .collect::<String>()
                        .to_lowercase()
                }
                _ => continue,
            };
            let answers = match class {
                Class::Hangul => hangul_holders
                    .get(&compact(&text))
                    .cloned()
                    .unwrap_or_default(),
                _ => vec![expected.clone()],
            };
            out.push(Query {
                class,
                text,
                expected,
                answers,
            });
            made += 1;
        }
    }
    out
}

/// Latencies of one engine on one class of queries.
pub struct Timing {
    pub p50: Duration,
    pub p99: Duration,
    /// Share of queries whose entity came in the first three. For
    /// suggestions, many names share their first letters, so this is low
    /// for every engine: it is shown for completeness.
    pub found: f64,
    pub count: usize,
}

pub async fn time(engine: &Engine, queries: &[Query], class: Class) -> anyhow::Result<Timing> {
    let chosen: Vec<&Query> = queries.iter().filter(|q| q.class == class).collect();
    // Warm up caches as a running server's are.
    for query in chosen.iter().take(50) {
        engine
            .find(&query.text, 10, class == Class::Suggest)
            .await?;
    }
    let mut latencies = Vec::with_capacity(chosen.len());
    let mut found = 0;
    // A slow engine gets a minute per class: the queries it answered in
    // that time are its sample.
    let budget = Instant::now();
    for query in &chosen {
        if budget.elapsed() > Duration::from_secs(60) {
            break;
        }
        let started = Instant::now();
        let hits = engine
            .find(&query.text, 10, class == Class::Suggest)
            .await?;
        latencies.push(started.elapsed());
        if hits.iter().take(3).any(|hit| query.answers.contains(hit)) {
            found += 1;
        }
    }
    latencies.sort();
    let at = |share: f64| {
        latencies
            .get(((latencies.len() as f64 * share) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Ok(Timing {
        p50: at(0.5),
        p99: at(0.99),
        found: found as f64 / latencies.len().max(1) as f64,
        count: latencies.len(),
    })
}

fn ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.0}")
    }
}

/// Runs the whole comparison on the catalog in `dir` and reports it.
pub async fn run(
    dir: &Path,
    work: &Path,
    postgres: Option<&str>,
    per_class: usize,
    peers: bool,
) -> anyhow::Result<String> {
    let started = Instant::now();
    let documents = crate::corpus::from_imdb(dir)?;
    let names = crate::corpus::names(&documents);
    eprintln!(
        "read {} entities with {} names in {:.1} s",
        documents.len(),
        names.len(),
        started.elapsed().as_secs_f64()
    );
    let queries = queries(&documents, per_class, 7);
    let mut engines = Vec::new();
    let (kinora, built) = Engine::kinora(&documents, Some(&work.join("kinora-index")))?;
    eprintln!("Kinora index built in {:.1} s", built.as_secs_f64());
    engines.push((kinora, built));
    drop(documents);
    if peers {
        let (fts5, built) = Engine::fts5(&names, &work.join("fts5.sqlite")).await?;
        eprintln!("FTS5 built in {:.1} s", built.as_secs_f64());
        engines.push((fts5, built));
    }
    if let Some(url) = postgres.filter(|_| peers) {
        let (pg, built) = Engine::pg_trgm(&names, url).await?;
        eprintln!("pg_trgm built in {:.1} s", built.as_secs_f64());
        engines.push((pg, built));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} names of {} entities; {} queries per class, one at a time.\n",
        names.len(),
        names
            .iter()
            .map(|(k, i, _)| (k, i))
            .collect::<std::collections::HashSet<_>>()
            .len(),
        per_class
    );
    let _ = write!(out, "| engine | index build |");
    for class in Class::ALL {
        let _ = write!(out, " {} p50 / p99 ms (found in top 3) |", class.label());
    }
    let _ = write!(out, "\n|---|---:|");
    for _ in Class::ALL {
        let _ = write!(out, "---:|");
    }
    out.push('\n');
    for (engine, built) in &engines {
        let _ = write!(out, "| {} | {:.1} s |", engine.name(), built.as_secs_f64());
        for class in Class::ALL {
            let timing = time(engine, &queries, class).await?;
            eprintln!(
                "{}: {}: p50 {} ms, p99 {} ms, found {:.0} % of {}",
                engine.name(),
                class.label(),
                ms(timing.p50),
                ms(timing.p99),
                timing.found * 100.0,
                timing.count
            );
            let sample = if timing.count < per_class {
                format!(", {} queries in 60 s", timing.count)
            } else {
                String::new()
            };
            let _ = write!(
                out,
                " {} / {} ({:.0} %{sample}) |",
                ms(timing.p50),
                ms(timing.p99),
                timing.found * 100.0
            );
        }
        out.push('\n');
    }
    Ok(out)
}
