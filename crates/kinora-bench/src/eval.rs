//! Recall on the evaluation set: queries a reader, a fan or a researcher
//! would type, each with the entity they mean
//! (tests/fixtures/search-eval.tsv).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use anyhow::Context;

use crate::engines::Engine;

#[derive(Debug, Clone)]
pub struct Case {
    pub category: String,
    pub query: String,
    pub kind: String,
    pub id: String,
    /// Line in the file, for messages.
    pub line: usize,
}

/// Reads the evaluation set: a header, then `category query kind id`
/// separated by tabs.
pub fn load(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut cases = Vec::new();
    for (index, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [category, query, kind, id] = fields.as_slice() else {
            anyhow::bail!(
                "{}:{}: {} fields where 4 are expected (category, query, kind, id)",
                path.display(),
                index + 1,
                fields.len()
            );
        };
        cases.push(Case {
            category: (*category).to_owned(),
            query: (*query).to_owned(),
            kind: (*kind).to_owned(),
            id: (*id).to_owned(),
            line: index + 1,
        });
    }
    Ok(cases)
}

/// Where each case's entity came among an engine's first three hits.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Per case: 0-based rank among the first three, or None.
    pub ranks: Vec<Option<usize>>,
}

impl Outcome {
    pub fn recall(&self, cases: &[Case], category: Option<&str>, at: usize) -> (usize, usize) {
        let mut found = 0;
        let mut total = 0;
        for (case, rank) in cases.iter().zip(&self.ranks) {
            if category.is_some_and(|category| category != case.category) {
                continue;
            }
            total += 1;
            if rank.is_some_and(|rank| rank < at) {
                found += 1;
            }
        }
        (found, total)
    }
}

pub async fn run(engine: &Engine, cases: &[Case]) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    for case in cases {
        let hits = engine.find(&case.query, 3, false).await?;
        outcome.ranks.push(
            hits.iter()
                .position(|(kind, id)| *kind == case.kind && *id == case.id),
        );
    }
    Ok(outcome)
}

/// A table: per category, recall at 1 and at 3 of each engine.
pub fn report(cases: &[Case], results: &[(&str, &Outcome)]) -> String {
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    for case in cases {
        *categories.entry(&case.category).or_default() += 1;
    }
    let mut out = String::new();
    let _ = write!(out, "| category | queries |");
    for (name, _) in results {
        let _ = write!(out, " {name} @1 | @3 |");
    }
    let _ = write!(out, "\n|---|---:|");
    for _ in results {
        let _ = write!(out, "---:|---:|");
    }
    out.push('\n');
    let percent = |(found, total): (usize, usize)| {
        if total == 0 {
            "–".to_owned()
        } else {
            format!("{:.0} %", 100.0 * found as f64 / total as f64)
        }
    };
    let rows = categories
        .iter()
        .map(|(category, count)| (Some(*category), *category, *count))
        .chain(std::iter::once((None, "**all**", cases.len())));
    for (filter, label, count) in rows {
        let _ = write!(out, "| {label} | {count} |");
        for (_, outcome) in results {
            let _ = write!(
                out,
                " {} | {} |",
                percent(outcome.recall(cases, filter, 1)),
                percent(outcome.recall(cases, filter, 3))
            );
        }
        out.push('\n');
    }
    out
}

/// The cases an engine missed in its first three, for reading.
pub fn misses<'a>(cases: &'a [Case], outcome: &Outcome) -> Vec<&'a Case> {
    cases
        .iter()
        .zip(&outcome.ranks)
        .filter(|(_, rank)| rank.is_none())
        .map(|(case, _)| case)
        .collect()
}
