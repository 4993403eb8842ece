//! People from name.basics, a batch at a time: each line checked, a
//! repeated person rejected, each batch combined with the catalog and
//! written as one change.

use std::path::Path;

use kinora_core::EntityKind;
use kinora_core::model::Entity;
use kinora_formats::imdb::{ImdbFile, NameRow, Reject, TsvReader};

use super::catalog::{Catalog, combine};
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
    let mut batch: Vec<NameRow> = Vec::new();
    // The last person of the batch written before, for a repeated line
    // across batches.
    let mut previous_person: Option<String> = None;
    loop {
        let next = tsv
            .next_line()
            .map(|line| line.and_then(|line| NameRow::parse(&line).map(|row| (line.number, row))));
        let done = next.is_none();
        if done {
            read_whole(&tsv, path)?;
        }
        match next {
            Some(Ok((number, row))) => {
                counts.read += 1;
                if batch.last().is_some_and(|last| last.nconst == row.nconst)
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
                    batch.push(row);
                }
            }
            Some(Err(reject)) => {
                counts.read += 1;
                rejects.add(ImdbFile::NameBasics, &reject)?;
            }
            None => {}
        }
        if batch.len() >= options.batch || (done && !batch.is_empty()) {
            previous_person = batch.last().map(|row| row.nconst.clone());
            let ids: Vec<String> = batch.iter().map(|row| row.nconst.clone()).collect();
            let resolved = catalog.resolve_ids(&ids).await?;
            let keys: Vec<_> = resolved
                .values()
                .map(|id| (EntityKind::Person, id.clone()))
                .collect();
            let existing = catalog.existing(&keys).await?;
            let mut people = Vec::new();
            for row in batch.drain(..) {
                let id = resolved[&row.nconst].clone();
                let imported = Entity::Person(person_from(&row, id.clone())?);
                match combine(existing.get(&(EntityKind::Person, id)), imported)? {
                    Some(person) => people.push(person),
                    None => report.unchanged += 1,
                }
            }
            let summary = format!(
                "Import IMDb datasets: people {} to {}",
                ids[0],
                ids[ids.len() - 1]
            );
            catalog
                .put(people, &options.author, summary, report)
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
