//! The sections an entity's page builds by looking backwards: a person's
//! filmography, a company's films, an album's film, the facts a source
//! states, the events an entity took part in, what else refers to it.

use crate::web::WebError;
use crate::web::view::{self, Body, Cell, Lookup, Row, Section};
use kinora_core::model::Entity;
use kinora_core::traverse::ClaimPath;
use kinora_core::{EntityId, EntityKind};
use kinora_store::Summary;
use std::collections::{BTreeMap, HashSet};

/// How many references back a page shows at most.
pub(crate) const REFERRERS_SHOWN: i64 = 500;

/// Sections built by looking backwards: a person's films, a company's films,
/// an album's film, the facts a source states.
pub(crate) async fn referrer_sections(
    back: &mut crate::web::events::Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
    lookup: &mut Lookup,
) -> Result<Vec<Section>, WebError> {
    let store = back.store;
    let all = back.all(kind, id).await?;
    let referrers: Vec<kinora_store::Referrer> =
        all.iter().take(REFERRERS_SHOWN as usize).cloned().collect();
    let total = if all.len() as i64 > REFERRERS_SHOWN {
        store.count_referrers(kind, id).await?
    } else {
        0
    };
    let mut filmography = Vec::new();
    let mut company_films = Vec::new();
    let mut soundtrack_of = Vec::new();
    let mut cited_facts = Vec::new();
    let mut reposts = Vec::new();
    let mut track_counts: BTreeMap<(EntityKind, EntityId), (Summary, usize)> = BTreeMap::new();
    let mut others = Vec::new();
    let mut events = Vec::new();
    // Every referring entity, read at once.
    let mut referring = Vec::new();
    for referrer in &referrers {
        referring.push((referrer.from.kind, referrer.from.id.clone()));
    }
    let documents: BTreeMap<(EntityKind, EntityId), std::sync::Arc<Entity>> =
        back.documents(&referring).await?;
    // The store keeps one citation link per citing entity; every claim of
    // that entity citing this source is read from its document.
    let referrers: Vec<(EntityKind, EntityId, Summary, ClaimPath)> = {
        let mut seen = HashSet::new();
        let mut expanded = Vec::with_capacity(referrers.len());
        for (referrer, key) in referrers.into_iter().zip(referring) {
            let paths = match documents.get(&key) {
                Some(document) if referrer.path.is_citation() => document
                    .references()
                    .into_iter()
                    .filter(|reference| {
                        reference.kind == kind
                            && &reference.id == id
                            && reference.path.is_citation()
                    })
                    .map(|reference| reference.path)
                    .collect(),
                _ => vec![referrer.path.clone()],
            };
            for path in paths {
                // A claim citing this source twice (two quotes) is one fact:
                // its citations are told apart by the claim, not the path.
                let seen_as = if path.is_citation() {
                    (path.list().map(str::to_owned), path.index(), None)
                } else {
                    (None, None, Some(path.clone()))
                };
                if seen.insert((key.clone(), seen_as)) {
                    expanded.push((key.0, key.1.clone(), referrer.from.clone(), path));
                }
            }
        }
        expanded
    };
    // The sources their claims cite, read at once too.
    let mut cited: Vec<(EntityKind, EntityId)> = documents
        .values()
        .flat_map(|document| document.cited_sources())
        .filter(|id| !lookup.sources.contains_key(id))
        .map(|id| (EntityKind::Source, id))
        .collect();
    cited.dedup();
    for ((_, id), entity) in back.documents(&cited).await? {
        if let Entity::Source(source) = &*entity {
            lookup.sources.insert(id, source.clone());
        }
    }
    // The entities the referring claims name, for reading them, and the
    // series an episode belongs to: it is listed as "Series: Episode".
    let series_of = |document: &Entity| match document {
        Entity::Film(film) => film.episode_of.first().map(|part| part.series.id.clone()),
        _ => None,
    };
    let mut named = Vec::new();
    for (from_kind, from_id, _, path) in &referrers {
        if let Some((_, claim)) = documents
            .get(&(*from_kind, from_id.clone()))
            .and_then(|document| document.claim_at(path))
        {
            claim.each_ref(&mut ClaimPath::new(), &mut |path, found| {
                if !path.is_citation() {
                    named.push((found.kind, found.id.clone()));
                }
            });
        }
    }
    named.extend(
        documents
            .values()
            .filter_map(|document| series_of(document))
            .map(|series| (EntityKind::Film, series)),
    );
    let names: BTreeMap<(EntityKind, EntityId), Summary> = back
        .documents(&named)
        .await?
        .into_iter()
        .map(|(key, entity)| (key, crate::web::events::summary_of(&entity)))
        .collect();
    let name_of = crate::web::render::labels_in(&names);
    for (from_kind, from_id, from, path) in referrers {
        let key = (from_kind, from_id);
        let Some(document) = documents.get(&key) else {
            continue;
        };
        let Some((field, claim)) = document.claim_at(&path) else {
            continue;
        };
        let index = path.index().unwrap_or_default();
        let year = from.year.map(|year| year.to_string()).unwrap_or_default();
        let label =
            match series_of(document).and_then(|series| names.get(&(EntityKind::Film, series))) {
                Some(series) => format!("{}: {}", series.label, from.label),
                None => from.label.clone(),
            };
        let link = Cell::link(label, format!("/{}/{}", from_kind.plural(), key.1)).aside(year);
        // The referring claim's own sources, for the rows that restate it.
        let citations = claim.sources();
        if path.is_citation() {
            let quote = citations
                .iter()
                .filter(|citation| &citation.source.id == id)
                .filter_map(|citation| citation.quote.as_deref())
                .map(|quote| format!("“{quote}”"))
                .collect::<Vec<_>>()
                .join(" ");
            cited_facts.push(Row {
                cells: vec![
                    vec![link],
                    vec![Cell::text(view::describe_claim(field, claim, &name_of))],
                    vec![Cell::text(quote)],
                ],
                ..Row::default()
            });
            continue;
        }
        match (&**document, field) {
            (Entity::Film(film), "credits") => {
                let Some(credit) = film.credits.get(index) else {
                    continue;
                };
                let characters: Vec<&str> =
                    credit.characters.iter().map(|c| c.name.as_str()).collect();
                let mut role = credit.job.clone();
                if !characters.is_empty() {
                    role = kinora_i18n::t_with(
                        "role-as",
                        &[
                            ("role", role.into()),
                            ("characters", characters.join(", ").into()),
                        ],
                    );
                }
                let credited = credit
                    .credited_as
                    .as_ref()
                    .map(|name| {
                        kinora_i18n::t_with("credited-as", &[("name", name.clone().into())])
                    })
                    .unwrap_or_default();
                let cites = lookup.cite(citations);
                filmography.push((
                    from.year,
                    Row {
                        cells: vec![vec![link], vec![Cell::text(role).aside(credited)]],
                        cites,
                        ..Row::default()
                    },
                ));
            }
            (Entity::Film(film), "companies") => {
                let Some(company) = film.companies.get(index) else {
                    continue;
                };
                let cites = lookup.cite(citations);
                company_films.push((
                    from.year,
                    Row {
                        cells: vec![vec![link], vec![Cell::text(company.role.local_label())]],
                        cites,
                        ..Row::default()
                    },
                ));
            }
            (_, "soundtracks") => {
                let cites = lookup.cite(citations);
                soundtrack_of.push(Row {
                    cells: vec![
                        vec![Cell::text(kinora_i18n::t("soundtrack-of"))],
                        vec![link],
                    ],
                    cites,
                    ..Row::default()
                });
            }
            (_, "tracks") => {
                track_counts.entry(key).or_insert((from, 0)).1 += 1;
            }
            (Entity::Source(_), "via") => reposts.push(Row {
                cells: vec![vec![link]],
                ..Row::default()
            }),
            // Shown by the page's programme, timeline, sections and news.
            (Entity::Source(_), "mentions")
            | (Entity::Event(_), "screenings" | "films" | "part_of")
            | (Entity::Venue(_), "part_of") => {}
            (Entity::Event(event), _) => {
                let cites = lookup.cite(citations);
                let what = match field {
                    "participants" => match event.participants.get(index) {
                        Some(participant) => match &participant.capacity {
                            Some(capacity) => kinora_i18n::t_with(
                                "participant-as",
                                &[
                                    ("role", participant.role.local_label().into()),
                                    ("capacity", capacity.clone().into()),
                                ],
                            ),
                            None => participant.role.local_label(),
                        },
                        None => continue,
                    },
                    "organisers" => kinora_i18n::t("organiser"),
                    "awards" => match event.awards.get(index) {
                        Some(award) => format!("{}: {}", award.award, award.outcome.local_label()),
                        None => continue,
                    },
                    _ => view::describe_claim(field, claim, &name_of),
                };
                events.push(Row {
                    cells: vec![vec![link], vec![Cell::text(what)]],
                    cites,
                    ..Row::default()
                });
            }
            _ => {
                let cites = lookup.cite(citations);
                others.push(Row {
                    cells: vec![
                        vec![link],
                        vec![Cell::text(view::describe_claim(field, claim, &name_of))],
                    ],
                    cites,
                    ..Row::default()
                });
            }
        }
    }
    for (summary, count) in track_counts.into_values() {
        let link = Cell::link(
            summary.label.clone(),
            format!("/{}/{}", summary.kind.plural(), summary.id),
        );
        others.push(Row {
            cells: vec![
                vec![link],
                vec![Cell::text(kinora_i18n::t_with(
                    "tracks-count",
                    &[("count", count.into())],
                ))],
            ],
            ..Row::default()
        });
    }
    // Newest first, as filmographies are read.
    filmography.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    company_films.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    let filmography: Vec<Row> = filmography.into_iter().map(|(_, row)| row).collect();
    let company_films: Vec<Row> = company_films.into_iter().map(|(_, row)| row).collect();
    let by_name = |row: &Row| {
        row.cells[0]
            .first()
            .map(|cell| cell.text.to_lowercase())
            .unwrap_or_default()
    };
    cited_facts.sort_by_key(by_name);
    others.sort_by_key(by_name);
    let mut sections = Vec::new();
    let table = |headers: &[&str], rows| Body::Table {
        headers: headers.iter().map(|key| kinora_i18n::t(key)).collect(),
        rows,
    };
    let t = kinora_i18n::t;
    sections.extend(Section::new(
        "filmography",
        &t("section-filmography"),
        table(&["col-film", "col-credit"], filmography),
    ));
    sections.extend(Section::new(
        "films",
        &t("section-films"),
        table(&["col-film", "col-role"], company_films),
    ));
    sections.extend(Section::new(
        "soundtrack-of",
        &t("col-film"),
        Body::Facts(soundtrack_of),
    ));
    sections.extend(Section::new(
        "cited",
        &t("section-cited"),
        table(&["col-entity", "col-fact", "col-quote"], cited_facts),
    ));
    sections.extend(Section::new(
        "reposts",
        &t("section-reposts"),
        table(&["col-source"], reposts),
    ));
    events.sort_by_key(by_name);
    sections.extend(Section::new(
        "events",
        &t("kinds-events"),
        table(&["col-event", "col-as"], events),
    ));
    sections.extend(Section::new(
        "referred",
        &t("section-referred"),
        table(&["col-entity", "col-as"], others),
    ));
    if total > REFERRERS_SHOWN {
        let note = kinora_i18n::t_with(
            "referrers-first",
            &[("shown", REFERRERS_SHOWN.into()), ("total", total.into())],
        );
        sections.extend(Section::new(
            "more",
            &t("section-more"),
            Body::Prose(vec![Row {
                cells: vec![vec![Cell::text(note)]],
                ..Row::default()
            }]),
        ));
    }
    Ok(sections)
}
