//! An entity or a claim in a line: a page's subtitle, a fact in the list
//! of those a source states.

use kinora_core::model::Entity;

use super::blocks::*;
use super::facts::*;

/// A one-line reading of any claim, for the list of facts a source states:
/// its list's name and its value's parts; `name_of` gives the names of the
/// entities it refers to.
pub fn describe_claim(
    field: &str,
    claim: &dyn kinora_core::model::Claim,
    name_of: &kinora_core::traverse::NameOf<'_>,
) -> String {
    let label = capitalize(field.replace('_', " "));
    // The list's name in the reader's language, from the catalog's data
    // words (`list-credits`), else as the model names it.
    let label = kinora_i18n::vocabulary(&format!("list-{field}"), &label);
    format!("{}: {}", label, claim.describe_value(name_of).join(" · "))
}

pub fn entity_subtitle(entity: &Entity) -> String {
    match entity {
        Entity::Film(film) => {
            // The title's other forms are beside it (`also-written`).
            let mut parts = Vec::new();
            if let Some(year) = film.year() {
                parts.push(year.to_string());
            }
            if let Some(form) = kinora_core::model::preferred_or_first(&film.forms) {
                parts.push(form.form.local_label().to_owned());
            }
            let countries: Vec<String> = film
                .countries
                .iter()
                .map(|c| c.country.local_name())
                .collect();
            if !countries.is_empty() {
                parts.push(countries.join(", "));
            }
            if let Some(runtime) = kinora_core::model::preferred_or_first(&film.runtimes) {
                parts.push(kinora_i18n::t_with(
                    "minutes",
                    &[("minutes", runtime.minutes.into())],
                ));
            }
            parts.join(" · ")
        }
        Entity::Person(person) => {
            // The names beside the title are not said again.
            let shown = kinora_core::model::shown(entity, kinora_i18n::Reader::current());
            let others: Vec<&str> = person
                .names
                .iter()
                .map(|n| n.text.as_str())
                .filter(|text| {
                    *text != shown.first.text && !shown.beside.iter().any(|b| b.text == *text)
                })
                .collect();
            let mut parts: Vec<String> = others.iter().take(4).map(|n| n.to_string()).collect();
            if others.len() > 4 {
                parts.push(kinora_i18n::t_with(
                    "more-spellings",
                    &[("count", (others.len() - 4).into())],
                ));
            }
            parts.join(" · ")
        }
        Entity::Company(company) => company
            .kinds
            .iter()
            .map(|k| k.kind.local_label())
            .collect::<Vec<_>>()
            .join(" · "),
        Entity::Album(album) => {
            kinora_i18n::t_with("tracks-count", &[("count", album.tracks.len().into())])
        }
        Entity::Source(source) => source_credit(source),
        Entity::Venue(venue) => {
            let mut parts = Vec::new();
            if let Some(city) = venue.city() {
                parts.push(city.name.clone());
            }
            if let Some(zone) = venue.zone() {
                parts.push(zone.name().to_owned());
            }
            parts.join(" · ")
        }
        Entity::Event(event) => {
            let mut parts = vec![capitalize(event.kind.local_label())];
            if let Some(dates) = event.dates() {
                let mut when = match dates.end {
                    Some(end) if end != dates.start => {
                        format!("{} – {}", dates.start.display(), end.display())
                    }
                    _ => dates.start.display(),
                };
                // The subtitle is text: the inference is said in words.
                if kinora_core::model::Claim::inferred(dates) {
                    when = kinora_i18n::t_with("inferred-date", &[("date", when.into())]);
                }
                parts.push(when);
            }
            if let Some(place) = kinora_core::model::preferred_or_first(&event.places) {
                parts.push(place.place.name.clone());
            }
            parts.join(" · ")
        }
    }
}
