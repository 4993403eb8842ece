//! People as schema.org `Person` and companies as `Organization`.

use kinora_core::EntityKind;
use kinora_core::model::{Company, Person, preferred_or_first};
use serde_json::{Value, json};

use super::{Context, external_urls, header, insert, one_or_many};

pub(super) fn person(person: &Person, context: &Context<'_>) -> Value {
    let mut object = header(
        "Person",
        EntityKind::Person,
        &person.id,
        preferred_or_first(&person.names).map(|name| name.text.as_str()),
        person.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(
        &mut object,
        "birthDate",
        json!(preferred_or_first(&person.birth_dates).map(|d| d.date.to_string())),
    );
    insert(
        &mut object,
        "deathDate",
        json!(preferred_or_first(&person.death_dates).map(|d| d.date.to_string())),
    );
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&person.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "jobTitle",
        Value::Array(
            person
                .occupations
                .iter()
                .map(|occupation| json!(occupation.occupation))
                .collect(),
        ),
    );
    let nationality: Vec<Value> = person
        .countries
        .iter()
        .map(|claim| json!({"@type": "Country", "name": claim.country.name()}))
        .collect();
    insert(&mut object, "nationality", one_or_many(nationality));
    let affiliations: Vec<Value> = person
        .affiliations
        .iter()
        .map(|affiliation| {
            context.thing(
                "Organization",
                EntityKind::Company,
                &affiliation.company.id,
                None,
            )
        })
        .collect();
    insert(&mut object, "affiliation", Value::Array(affiliations));
    insert(
        &mut object,
        "sameAs",
        Value::Array(
            person
                .links
                .iter()
                .map(|link| json!(link.url))
                .chain(external_urls(&person.external_ids))
                .collect(),
        ),
    );
    Value::Object(object)
}

pub(super) fn company(company: &Company, context: &Context<'_>) -> Value {
    let mut object = header(
        "Organization",
        EntityKind::Company,
        &company.id,
        preferred_or_first(&company.names).map(|name| name.text.as_str()),
        company.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&company.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "foundingDate",
        json!(preferred_or_first(&company.founded).map(|d| d.date.to_string())),
    );
    let locations: Vec<Value> = company
        .locations
        .iter()
        .map(|claim| json!({"@type": "Place", "name": claim.place.name}))
        .collect();
    insert(&mut object, "location", one_or_many(locations));
    let parents: Vec<Value> = company
        .parents
        .iter()
        .map(|parent| {
            context.thing(
                "Organization",
                EntityKind::Company,
                &parent.company.id,
                None,
            )
        })
        .collect();
    insert(&mut object, "parentOrganization", one_or_many(parents));
    insert(
        &mut object,
        "sameAs",
        Value::Array(company.links.iter().map(|link| json!(link.url)).collect()),
    );
    Value::Object(object)
}
