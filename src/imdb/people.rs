//! People from name.basics, a batch at a time: each line checked, a
//! repeated person rejected, each batch combined with the catalog and
//! written as one change.

use std::collections::HashMap;
use std::path::Path;

use kinora_core::EntityKind;
use kinora_core::model::Entity;
use kinora_formats::imdb::{ImdbFile, NameRow, Reject, TsvReader};

use super::catalog::{Catalog, combine};
use super::digest;
use super::entities::person_from;
use super::files::{file_progress, open, read_whole};
use super::rejects::Rejects;
use super::report::{FileCounts, ImdbOptions, ImdbReport};

pub(super) async fn import_people(
    catalog: &Catalog<'_>,
    path: &Path,
    options: &ImdbOptions,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<FileCounts> {
    let progress = file_progress(path, ImdbFile::NameBasics.stem());
    let reader = open(path, &progress)?;
    let mut tsv = TsvReader::open(ImdbFile::NameBasics, reader)?;
    let mut counts = FileCounts::default();
    // Each person's line, and its digest.
    let mut batch: Vec<(NameRow, u64)> = Vec::new();
    // The last person of the batch written before, for a repeated line
    // across batches.
    let mut previous_person: Option<String> = None;
    loop {
        let next = tsv.next_line().map(|line| {
            line.and_then(|line| {
                let digest = digest::line(ImdbFile::NameBasics, line.text());
                NameRow::parse(&line).map(|row| (line.number, row, digest))
            })
        });
        let done = next.is_none();
        if done {
            read_whole(&tsv, path)?;
        }
        match next {
            Some(Ok((number, row, digest))) => {
                counts.read += 1;
                if batch
                    .last()
                    .is_some_and(|(last, _)| last.nconst == row.nconst)
                    || previous_person.as_deref() == Some(row.nconst.as_str())
                {
                    rejects.add(
                        ImdbFile::NameBasics,
                        &Reject {
                            line: number,
                            reason: format!(
                                "a second line for {}: the first one is imported",
                                row.nconst
                            ),
                        },
                    )?;
                } else {
                    batch.push((row, digest));
                }
            }
            Some(Err(reject)) => {
                counts.read += 1;
                rejects.add(ImdbFile::NameBasics, &reject)?;
            }
            None => {}
        }
        if batch.len() >= options.batch || (done && !batch.is_empty()) {
            previous_person = batch.last().map(|(row, _)| row.nconst.clone());
            let ids: Vec<String> = batch.iter().map(|(row, _)| row.nconst.clone()).collect();
            let (resolved, noted) = catalog.resolve_ids(&ids).await?;
            // A person whose line is as it was when last imported is left
            // alone.
            let (same, changed): (Vec<_>, Vec<_>) = batch.drain(..).partition(|(row, digest)| {
                noted.get(&row.nconst) == Some(&digest::entity(*digest, options.as_of))
            });
            report.unchanged += same.len();
            let keys: Vec<_> = changed
                .iter()
                .map(|(row, _)| (EntityKind::Person, resolved[&row.nconst].clone()))
                .collect();
            let existing = catalog.existing(&keys).await?;
            let mut people = Vec::new();
            let mut digests = HashMap::new();
            for (row, digest) in changed {
                let id = resolved[&row.nconst].clone();
                let key = (EntityKind::Person, id.clone());
                digests.insert(key.clone(), digest::entity(digest, options.as_of));
                let imported = Entity::Person(person_from(&row, id)?);
                // One unchanged is written too, as it is: its digest is
                // noted, and the next import leaves it alone.
                match combine(existing.get(&key), imported)? {
                    Some(person) => people.push(person),
                    None => match existing.get(&key) {
                        Some(person) => people.push(person.clone()),
                        None => report.unchanged += 1,
                    },
                }
            }
            let summary = format!(
                "Import IMDb datasets: people {} to {}",
                ids[0],
                ids[ids.len() - 1]
            );
            catalog
                .put(people, digests, &options.author, summary, report)
                .await?;
        }
        if done {
            break;
        }
    }
    // Titles look their people up: every one is committed first.
    catalog.settle(report).await?;
    progress.finish_and_clear();
    tracing::info!("name.basics: {} lines read", counts.read);
    Ok(counts)
}
