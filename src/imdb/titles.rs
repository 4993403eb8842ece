//! A batch of titles written: every IMDb id it names resolved, an episode
//! whose series is missing held back or written without it, each film built
//! from its lines, combined with the catalog's and written as one change.

use std::collections::{HashMap, HashSet};

use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::imdb::{ImdbFile, Reject};

use super::catalog::{Catalog, combine};
use super::digest;
use super::entities::film_from;
use super::lines::TitleLines;
use super::rejects::Rejects;
use super::report::{ImdbOptions, ImdbReport};

/// Writes a batch of titles. An episode whose series is neither in the
/// catalog nor in the batch waits in `waiting` when there is one, else it
/// is written without its series, and its episode line is rejected.
pub(super) async fn write_titles(
    catalog: &Catalog<'_>,
    options: &ImdbOptions,
    mut titles: Vec<(String, TitleLines)>,
    waiting: Option<&mut Vec<(String, TitleLines)>>,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    if titles.is_empty() {
        return Ok(());
    }
    for (key, lines) in &titles {
        for line in &lines.repeated_basics {
            rejects.add(
                ImdbFile::TitleBasics,
                &Reject {
                    line: *line as u64,
                    reason: format!("a second line for {key}: the first one is imported"),
                },
            )?;
        }
    }
    let (Some(first), Some(last)) = (
        titles.first().map(|(key, _)| key.clone()),
        titles.last().map(|(key, _)| key.clone()),
    ) else {
        return Ok(());
    };
    // Resolve every IMDb id the batch mentions: titles, series, people.
    let mut title_ids: Vec<String> = titles.iter().map(|(key, _)| key.clone()).collect();
    title_ids.extend(
        titles
            .iter()
            .flat_map(|(_, lines)| lines.episode.iter().map(|(_, e)| e.parent.clone())),
    );
    let (titles_resolved, noted) = catalog.resolve_ids(&title_ids).await?;
    // A title whose lines are as they were when last imported is left
    // alone: not built, read or compared.
    let before = titles.len();
    titles.retain(|(key, lines)| {
        !lines.repeated_basics.is_empty()
            || noted.get(key) != Some(&digest::entity(lines.digest, options.as_of))
    });
    report.unchanged += before - titles.len();
    if titles.is_empty() {
        return Ok(());
    }
    let in_batch: HashSet<&EntityId> = titles
        .iter()
        .map(|(key, _)| &titles_resolved[key])
        .collect();
    let series_keys: Vec<_> = titles
        .iter()
        .flat_map(|(_, lines)| {
            lines
                .episode
                .iter()
                .map(|(_, e)| (EntityKind::Film, titles_resolved[&e.parent].clone()))
        })
        // A series in the batch being written will be in the catalog
        // before this batch is.
        .filter(|(_, id)| !in_batch.contains(id) && !catalog.being_written(id))
        .collect();
    let missing_series: HashSet<EntityId> = catalog
        .store
        .missing(&series_keys)
        .await?
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    if let Some(waiting) = waiting {
        let (wait, go): (Vec<_>, Vec<_>) = titles.into_iter().partition(|(_, lines)| {
            lines
                .episode
                .iter()
                .any(|(_, e)| missing_series.contains(&titles_resolved[&e.parent]))
        });
        waiting.extend(wait);
        titles = go;
        if titles.is_empty() {
            return Ok(());
        }
    }
    let people: Vec<String> = titles
        .iter()
        .flat_map(|(_, lines)| {
            lines
                .principals
                .iter()
                .map(|(_, row)| row.nconst.clone())
                .chain(
                    lines
                        .crew
                        .iter()
                        .flat_map(|crew| crew.directors.iter().chain(&crew.writers).cloned()),
                )
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let (people_resolved, _) = catalog.resolve_ids(&people).await?;
    let person_keys: Vec<_> = people_resolved
        .values()
        .map(|id| (EntityKind::Person, id.clone()))
        .collect();
    let missing_people: HashSet<EntityId> = catalog
        .store
        .missing(&person_keys)
        .await?
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    let film_keys: Vec<_> = titles
        .iter()
        .map(|(key, _)| (EntityKind::Film, titles_resolved[key].clone()))
        .collect();
    let existing = catalog.existing(&film_keys).await?;

    let mut films = Vec::with_capacity(titles.len());
    let mut digests = HashMap::new();
    for (key, lines) in titles {
        let id = titles_resolved[&key].clone();
        let rejected = rejects.total();
        let film = film_from(
            &lines,
            id.clone(),
            options,
            &people_resolved,
            &missing_people,
            &titles_resolved,
            &missing_series,
            rejects,
        )?;
        let film_key = (EntityKind::Film, id);
        // A title some of whose lines were rejected (a credit of a person
        // not in name.basics) is built again by every import, so that its
        // lines are rejected again.
        if rejects.total() == rejected && lines.repeated_basics.is_empty() {
            digests.insert(
                film_key.clone(),
                digest::entity(lines.digest, options.as_of),
            );
        }
        match combine(existing.get(&film_key), Entity::Film(film))? {
            Some(film) => films.push(film),
            // An unchanged one is written as it is, for its digest.
            None => match existing.get(&film_key) {
                Some(film) if digests.contains_key(&film_key) => films.push(film.clone()),
                _ => report.unchanged += 1,
            },
        }
    }
    let summary = format!("Import IMDb datasets: titles {first} to {last}");
    catalog
        .put(films, digests, &options.author, summary, report)
        .await?;
    Ok(())
}
