//! A film's timeline, from announcement to release: its statuses, cast and
//! crew joining or leaving, releases, the events that showed or presented
//! it and the articles that named it, by date, each with its sources.

use std::collections::BTreeMap;

use kinora_core::model::{Citation, Entity, Event, Screening, Source, preferred_first};
use kinora_core::{EntityId, EntityKind, PartialDate};

use super::gather::{Backlinks, read_into};
use super::programme::event_name;
use crate::web::WebError;
use crate::web::view::{Body, Cell, Lookup, Row, Section, capitalize};

/// One step of a film's story, with the sources that tell it.
struct Step {
    date: PartialDate,
    what: Vec<Cell>,
    note: Option<String>,
    citations: Vec<Citation>,
}

/// A film's timeline: its statuses, releases, the events that showed or
/// presented it, and the articles that named it, by date, each with its
/// sources.
pub(super) async fn timeline(
    back: &mut Backlinks<'_>,
    film: &kinora_core::model::Film,
    articles: &[Source],
    lookup: &mut Lookup,
) -> Result<Option<Section>, WebError> {
    let mut steps: Vec<Step> = Vec::new();
    for status in preferred_first(&film.statuses) {
        if let Some(date) = status.date {
            steps.push(Step {
                date,
                what: vec![
                    Cell::text(capitalize(status.status.local_label()))
                        .aside(kinora_i18n::t("aside-status")),
                ],
                note: status.note.clone(),
                citations: status.sources.clone(),
            });
        }
    }
    // Cast and crew joining or leaving a film not yet made.
    for credit in &film.credits {
        if let (Some(status), Some(date)) = (credit.status, credit.date) {
            let person = lookup
                .entity_cell(
                    EntityKind::Person,
                    &credit.person.id,
                    credit.credited_as.as_deref(),
                )
                .aside(format!("{} · {}", status.local_label(), credit.job));
            steps.push(Step {
                date,
                what: vec![person],
                note: None,
                citations: credit.sources.clone(),
            });
        }
    }
    for release in preferred_first(&film.releases) {
        if let Some(date) = release.date {
            let mut text = capitalize(release.kind.local_label());
            if let Some(country) = &release.country {
                text.push_str(&format!(", {}", country.local_name()));
            }
            let mut cell = Cell::text(text);
            if let Some(event) = &release.event {
                cell = cell.aside(event.clone());
            }
            steps.push(Step {
                date,
                what: vec![cell],
                note: release.note.clone(),
                citations: release.sources.clone(),
            });
        }
    }
    let mut event_ids = back
        .referring(EntityKind::Film, &film.id, EntityKind::Event, "films")
        .await?;
    for id in back
        .referring(EntityKind::Film, &film.id, EntityKind::Event, "screenings")
        .await?
    {
        if !event_ids.contains(&id) {
            event_ids.push(id);
        }
    }
    let keys: Vec<_> = event_ids
        .iter()
        .map(|id| (EntityKind::Event, id.clone()))
        .collect();
    let events: BTreeMap<EntityId, Event> = back
        .store
        .get_many(&keys)
        .await?
        .into_iter()
        .filter_map(|((_, id), entity)| match entity {
            Entity::Event(event) => Some((id, event)),
            _ => None,
        })
        .collect();
    for event in events.values() {
        let own: Vec<&Screening> = event
            .screenings
            .iter()
            .filter(|screening| screening.film.id == film.id)
            .collect();
        let (date, citations) = match (event.dates(), own.first()) {
            (_, Some(screening)) => (
                PartialDate::from_date(screening.start.date()),
                screening.sources.clone(),
            ),
            (Some(dates), None) => (dates.start, dates.sources.clone()),
            (None, None) => continue,
        };
        let mut cell = Cell::link(event_name(event), format!("/events/{}", event.id));
        cell = cell.aside(if own.len() > 1 {
            kinora_i18n::t_with(
                "event-screenings",
                &[
                    ("kind", event.kind.local_label().into()),
                    ("count", own.len().into()),
                ],
            )
        } else {
            event.kind.local_label().to_owned()
        });
        steps.push(Step {
            date,
            what: vec![cell],
            note: None,
            citations,
        });
    }
    for article in articles {
        if let Some(date) = article.date {
            steps.push(Step {
                date,
                what: vec![
                    Cell::link(article.title.clone(), format!("/sources/{}", article.id))
                        .aside(article.publisher.clone().unwrap_or_else(|| "news".into())),
                ],
                note: None,
                citations: vec![Citation {
                    source: kinora_core::id::SourceRef::new(article.id.clone()),
                    quote: None,
                }],
            });
        }
    }
    if steps.is_empty() {
        return Ok(None);
    }
    steps.sort_by_key(|step| step.date);
    let citations: Vec<Citation> = steps.iter().flat_map(|s| s.citations.clone()).collect();
    let refs: Vec<&Citation> = citations.iter().collect();
    read_into(back, lookup, Vec::new(), &refs).await?;
    let rows: Vec<Row> = steps
        .into_iter()
        .map(|step| Row {
            cells: vec![vec![Cell::text(step.date.display())], step.what],
            note: step.note,
            cites: lookup.cite(&step.citations),
            ..Row::default()
        })
        .collect();
    Ok(Section::new(
        "timeline",
        &kinora_i18n::t("section-timeline"),
        Body::Table {
            headers: vec![
                kinora_i18n::t("col-date"),
                kinora_i18n::t("col-what-happened"),
            ],
            rows,
        },
    ))
}
