//! The pages of people and companies.

use kinora_core::EntityKind;
use kinora_core::model::{Company, Person, preferred_first};

use super::blocks::*;
use super::facts::*;

pub fn person_sections(person: &Person, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(names_section(
        lookup,
        &person.names,
        "Names and spellings",
        "Language · script · system",
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "Born", person.birth_dates, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Born in", person.birth_places, |c| vec![
        Cell::text(c.place.name.clone())
    ]);
    facts!(lookup, facts, "Died", person.death_dates, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Country", person.countries, |c| vec![
        Cell::text(c.country.name())
    ]);
    facts!(lookup, facts, "Occupation", person.occupations, |c| vec![
        Cell::text(c.occupation.clone())
    ]);
    facts!(lookup, facts, "Affiliation", person.affiliations, |c| {
        vec![
            lookup.entity_cell(EntityKind::Company, &c.company.id, None),
            Cell::text(c.role.clone()),
        ]
    });
    facts!(lookup, facts, "Relative", person.relatives, |c| {
        vec![
            lookup.entity_cell(EntityKind::Person, &c.person.id, None),
            Cell::text(c.relation.local_label()),
        ]
    });
    facts!(lookup, facts, "Link", person.links, |c| link_cell(c));
    facts!(lookup, facts, "Elsewhere", person.external_ids, |c| {
        external_cell(c)
    });
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, person.descriptions);
    prose!(lookup, about, person.trivia);
    sections.extend(Section::new("about", "About", Body::Prose(about)));
    sections
}

pub fn company_sections(company: &Company, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(names_section(
        lookup,
        &company.names,
        "Names",
        "Language · script",
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "Kind", company.kinds, |c| vec![Cell::text(
        c.kind.local_label()
    )]);
    facts!(lookup, facts, "Country", company.countries, |c| vec![
        Cell::text(c.country.name())
    ]);
    facts!(lookup, facts, "Location", company.locations, |c| vec![
        Cell::text(c.place.name.clone())
    ]);
    facts!(lookup, facts, "Founded", company.founded, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Part of", company.parents, |c| {
        vec![
            lookup.entity_cell(EntityKind::Company, &c.company.id, None),
            Cell::text(c.relation.clone()),
        ]
    });
    facts!(lookup, facts, "Link", company.links, |c| link_cell(c));
    facts!(lookup, facts, "Elsewhere", company.external_ids, |c| {
        external_cell(c)
    });
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, company.descriptions);
    sections.extend(Section::new("about", "About", Body::Prose(about)));
    sections
}
