//! The pages of people and companies.

use kinora_core::EntityKind;
use kinora_core::model::{Company, Person, preferred_first};

use super::blocks::*;
use super::facts::*;
use kinora_i18n::t;

pub fn person_sections(person: &Person, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(names_section(
        lookup,
        &person.names,
        &t("section-names-spellings"),
        &t("col-language-script-system"),
    ));
    let mut facts = Vec::new();
    facts!(
        lookup,
        facts,
        &t("fact-born"),
        person.birth_dates,
        |c| vec![date_cell(Some(c.date))]
    );
    facts!(
        lookup,
        facts,
        &t("fact-born-in"),
        person.birth_places,
        |c| vec![Cell::text(c.place.name.clone())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-died"),
        person.death_dates,
        |c| vec![date_cell(Some(c.date))]
    );
    facts!(
        lookup,
        facts,
        &t("fact-country"),
        person.countries,
        |c| vec![Cell::text(c.country.local_name())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-occupation"),
        person.occupations,
        |c| vec![Cell::text(c.occupation.clone())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-affiliation"),
        person.affiliations,
        |c| {
            vec![
                lookup.entity_cell(EntityKind::Company, &c.company.id, None),
                Cell::text(c.role.clone()),
            ]
        }
    );
    facts!(lookup, facts, &t("fact-relative"), person.relatives, |c| {
        vec![
            lookup.entity_cell(EntityKind::Person, &c.person.id, None),
            Cell::text(c.relation.local_label()),
        ]
    });
    facts!(lookup, facts, &t("fact-link"), person.links, |c| link_cell(
        c
    ));
    facts!(
        lookup,
        facts,
        &t("fact-elsewhere"),
        person.external_ids,
        |c| { external_cell(c) }
    );
    sections.extend(Section::new(
        "facts",
        &t("section-facts"),
        Body::Facts(facts),
    ));
    let mut about = Vec::new();
    prose!(lookup, about, person.descriptions);
    prose!(lookup, about, person.trivia);
    sections.extend(Section::new(
        "about",
        &t("section-about"),
        Body::Prose(about),
    ));
    sections
}

pub fn company_sections(company: &Company, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(names_section(
        lookup,
        &company.names,
        &t("section-names"),
        &t("col-language-script"),
    ));
    let mut facts = Vec::new();
    facts!(
        lookup,
        facts,
        &t("fact-company-kind"),
        company.kinds,
        |c| vec![Cell::text(c.kind.local_label())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-country"),
        company.countries,
        |c| vec![Cell::text(c.country.local_name())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-location"),
        company.locations,
        |c| vec![Cell::text(c.place.name.clone())]
    );
    facts!(
        lookup,
        facts,
        &t("fact-founded"),
        company.founded,
        |c| vec![date_cell(Some(c.date))]
    );
    facts!(
        lookup,
        facts,
        &t("fact-parent-company"),
        company.parents,
        |c| {
            vec![
                lookup.entity_cell(EntityKind::Company, &c.company.id, None),
                Cell::text(c.relation.clone()),
            ]
        }
    );
    facts!(
        lookup,
        facts,
        &t("fact-link"),
        company.links,
        |c| link_cell(c)
    );
    facts!(
        lookup,
        facts,
        &t("fact-elsewhere"),
        company.external_ids,
        |c| { external_cell(c) }
    );
    sections.extend(Section::new(
        "facts",
        &t("section-facts"),
        Body::Facts(facts),
    ));
    let mut about = Vec::new();
    prose!(lookup, about, company.descriptions);
    sections.extend(Section::new(
        "about",
        &t("section-about"),
        Body::Prose(about),
    ));
    sections
}
