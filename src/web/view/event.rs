//! The pages of venues and events.

use kinora_core::EntityKind;
use kinora_core::model::{Event, Venue, preferred_first};

use super::blocks::*;
use super::facts::*;
use kinora_i18n::t;

pub fn venue_sections(venue: &Venue, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(names_section(
        lookup,
        &venue.names,
        &t("section-names"),
        &t("col-language-script"),
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, &t("fact-in"), venue.part_of, |c| vec![
        lookup.entity_cell(EntityKind::Venue, &c.venue.id, None)
    ]);
    facts!(
        lookup,
        facts,
        &t("fact-address"),
        venue.addresses,
        |c| vec![Cell::text(c.address.clone())]
    );
    facts!(lookup, facts, &t("fact-city"), venue.cities, |c| vec![
        Cell::text(c.place.name.clone()).aside(
            c.place
                .country
                .as_ref()
                .map(|c| c.local_name())
                .unwrap_or_default()
        )
    ]);
    facts!(
        lookup,
        facts,
        &t("fact-time-zone"),
        venue.time_zones,
        |c| vec![Cell::text(c.zone.name())]
    );
    facts!(lookup, facts, &t("fact-run-by"), venue.operators, |c| vec![
        lookup.entity_cell(EntityKind::Company, &c.company.id, None)
    ]);
    facts!(lookup, facts, &t("fact-link"), venue.links, |c| link_cell(
        c
    ));
    sections.extend(Section::new(
        "facts",
        &t("section-facts"),
        Body::Facts(facts),
    ));
    let mut about = Vec::new();
    prose!(lookup, about, venue.descriptions);
    sections.extend(Section::new(
        "about",
        &t("section-about"),
        Body::Prose(about),
    ));
    sections
}

pub fn event_sections(event: &Event, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut facts = Vec::new();
    facts.push(Row {
        cells: vec![
            vec![Cell::text(t("fact-kind"))],
            vec![Cell::text(capitalize(event.kind.local_label()))],
        ],
        ..Row::default()
    });
    facts!(lookup, facts, &t("fact-part-of"), event.part_of, |c| vec![
        lookup.entity_cell(EntityKind::Event, &c.event.id, None)
    ]);
    facts!(
        lookup,
        facts,
        &t("fact-organised-by"),
        event.organisers,
        |c| vec![lookup.entity_cell(EntityKind::Company, &c.company.id, None)]
    );
    facts!(lookup, facts, &t("fact-dates"), event.dates, |c| {
        let text = match c.end {
            Some(end) if end != c.start => format!("{} – {}", c.start.display(), end.display()),
            _ => c.start.display(),
        };
        vec![Cell::text(text)]
    });
    facts!(lookup, facts, &t("fact-place"), event.places, |c| vec![
        Cell::text(c.place.name.clone()).aside(
            c.place
                .country
                .as_ref()
                .map(|c| c.local_name())
                .unwrap_or_default()
        )
    ]);
    facts!(lookup, facts, &t("fact-link"), event.links, |c| link_cell(
        c
    ));
    sections.extend(Section::new(
        "facts",
        &t("section-facts"),
        Body::Facts(facts),
    ));
    let mut about = Vec::new();
    prose!(lookup, about, event.descriptions);
    sections.extend(Section::new(
        "about",
        &t("section-about"),
        Body::Prose(about),
    ));

    let film_rows: Vec<Row> = preferred_first(&event.films)
        .into_iter()
        .map(|claim| {
            let film = lookup.entity_cell(EntityKind::Film, &claim.film.id, None);
            lookup.row(
                claim,
                &claim.note,
                vec![
                    vec![film],
                    vec![Cell::text(capitalize(claim.relation.local_label()))],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "films",
        &t("section-films"),
        Body::Table {
            headers: vec![t("col-film"), "".into()],
            rows: film_rows,
        },
    ));
    let award_rows: Vec<Row> = preferred_first(&event.awards)
        .into_iter()
        .map(|claim| {
            let mut who = Vec::new();
            if let Some(film) = &claim.film {
                who.push(lookup.entity_cell(EntityKind::Film, &film.id, None));
            }
            if let Some(person) = &claim.person {
                who.push(lookup.entity_cell(EntityKind::Person, &person.id, None));
            }
            lookup.row(
                claim,
                &claim.note,
                vec![
                    vec![Cell::text(claim.award.clone())],
                    who,
                    vec![Cell::text(capitalize(claim.outcome.local_label()))],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "awards",
        &t("section-awards"),
        Body::Table {
            headers: vec![t("col-award"), t("col-for"), "".into()],
            rows: award_rows,
        },
    ));
    let people: Vec<Row> = preferred_first(&event.participants)
        .into_iter()
        .map(|claim| {
            let who = match (&claim.person, &claim.company) {
                (Some(person), _) => {
                    lookup.entity_cell(EntityKind::Person, &person.id, claim.name.as_deref())
                }
                (None, Some(company)) => {
                    lookup.entity_cell(EntityKind::Company, &company.id, claim.name.as_deref())
                }
                (None, None) => Cell::text(claim.name.clone().unwrap_or_default()),
            };
            let who = who.aside(claim.capacity.clone().unwrap_or_default());
            lookup.row(
                claim,
                &claim.note,
                vec![
                    vec![who],
                    vec![Cell::text(capitalize(claim.role.local_label()))],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "people",
        &t("section-who-was-there"),
        Body::Table {
            headers: vec![t("col-who"), "".into()],
            rows: people,
        },
    ));
    sections
}
