//! The block at the top of an entity's page: its picture (or a placeholder
//! of the same shape), its title, the few facts a reader looks for first
//! (who made it, when, where to watch it), and for a film its one
//! synopsis. Every fact here is also in the sections below, with all its
//! sources; the lede keeps its citation.

use kinora_core::image::{self, ImageRole};
use kinora_core::model::{Claim, Department, Entity, Film, preferred_first, preferred_or_first};
use kinora_core::{EntityId, EntityKind};

use super::pictures::{PictureView, main_role};
use super::view::{Cell, Lookup, Row};
use kinora_i18n::t;

/// What the top of a page shows.
#[derive(Debug, Clone)]
pub struct Hero {
    pub picture: Option<PictureView>,
    /// The role of the picture the block holds: "poster", "photo"…
    pub role: ImageRole,
    /// A label and its values: "Directed by" — Anders Østergaard.
    pub lines: Vec<(String, Vec<Cell>)>,
    /// The film's synopsis (the preferred one), with its citation.
    pub lede: Option<Row>,
}

impl Hero {
    /// Whether the block has a picture column (every kind but sources).
    pub fn framed(&self, kind: EntityKind) -> bool {
        kind != EntityKind::Source
    }
}

pub fn hero(entity: &Entity, lookup: &mut Lookup) -> Hero {
    let role = main_role(entity.kind());
    let label = entity.label();
    let picture = image::shown(entity.images(), role)
        .or_else(|| entity.images().first())
        .map(|image| PictureView::new(image, &label));
    let mut lines = Vec::new();
    let mut lede = None;
    match entity {
        Entity::Film(film) => {
            film_lines(film, lookup, &mut lines);
            if let Some(synopsis) = preferred_or_first(&film.synopses) {
                let cell = Cell::text(synopsis.text.clone())
                    .lang(synopsis.lang.as_ref().map(ToString::to_string));
                let mut row = lookup.row(synopsis, &synopsis.note, vec![vec![cell]]);
                // The lede is one text, not a choice among values.
                row.preferred = false;
                lede = Some(row);
            }
        }
        Entity::Person(person) => {
            let mut known: Vec<Cell> = Vec::new();
            for occupation in preferred_first(&person.occupations) {
                if !known.iter().any(|c| c.text == occupation.occupation) {
                    known.push(
                        Cell::text(occupation.occupation.clone()).inferred(occupation.inferred()),
                    );
                }
            }
            push(&mut lines, &t("fact-known-as"), known);
            if let Some(born) = preferred_or_first(&person.birth_dates) {
                let mut text = born.date.display();
                if let Some(place) = preferred_or_first(&person.birth_places) {
                    text.push_str(&format!(", {}", place.place.name));
                }
                push(
                    &mut lines,
                    &t("fact-born"),
                    vec![Cell::text(text).inferred(born.inferred())],
                );
            }
            if let Some(died) = preferred_or_first(&person.death_dates) {
                push(
                    &mut lines,
                    &t("fact-died"),
                    vec![Cell::text(died.date.display()).inferred(died.inferred())],
                );
            }
        }
        Entity::Company(company) => {
            let kinds = dedup(
                company
                    .kinds
                    .iter()
                    .map(|k| k.kind.local_label().to_owned()),
            );
            push(
                &mut lines,
                &t("fact-kind"),
                kinds.into_iter().map(Cell::text).collect(),
            );
            let countries = dedup(
                company
                    .countries
                    .iter()
                    .map(|c| c.country.local_name().to_owned()),
            );
            push(
                &mut lines,
                &t("fact-country"),
                countries.into_iter().map(Cell::text).collect(),
            );
            if let Some(founded) = preferred_or_first(&company.founded) {
                push(
                    &mut lines,
                    &t("fact-founded"),
                    vec![Cell::text(founded.date.display()).inferred(founded.inferred())],
                );
            }
        }
        Entity::Album(album) => {
            let artists = album
                .artists
                .iter()
                .map(|a| match &a.artist.person {
                    Some(person) => {
                        lookup.entity_cell(EntityKind::Person, &person.id, Some(&a.artist.name))
                    }
                    None => Cell::text(a.artist.name.clone()),
                })
                .collect();
            push(&mut lines, &t("fact-by"), artists);
            if let Some(date) = album.releases.iter().filter_map(|r| r.date).min() {
                push(
                    &mut lines,
                    &t("fact-released"),
                    vec![Cell::text(date.display())],
                );
            }
            if !album.tracks.is_empty() {
                let count = album.tracks.len();
                push(
                    &mut lines,
                    &t("fact-tracks"),
                    vec![Cell::link(count.to_string(), "#tracks")],
                );
            }
        }
        Entity::Venue(venue) => {
            if let Some(city) = venue.city() {
                let mut text = city.name.clone();
                if let Some(country) = &city.country {
                    text.push_str(&format!(", {}", country.local_name()));
                }
                push(&mut lines, &t("fact-city"), vec![Cell::text(text)]);
            }
            if let Some(address) = preferred_or_first(&venue.addresses) {
                push(
                    &mut lines,
                    &t("fact-address"),
                    vec![Cell::text(address.address.clone())],
                );
            }
            let parts = venue
                .part_of
                .iter()
                .map(|p| lookup.entity_cell(EntityKind::Venue, &p.venue.id, None))
                .collect();
            push(&mut lines, &t("fact-part-of"), parts);
        }
        Entity::Event(event) => {
            if let Some(dates) = event.dates() {
                let text = match dates.end {
                    Some(end) if end != dates.start => kinora_i18n::t_with(
                        "date-range",
                        &[
                            ("start", dates.start.display().into()),
                            ("end", end.display().into()),
                        ],
                    ),
                    _ => dates.start.display(),
                };
                push(
                    &mut lines,
                    &t("fact-when"),
                    vec![Cell::text(text).inferred(dates.inferred())],
                );
            }
            let parts = event
                .part_of
                .iter()
                .map(|p| lookup.entity_cell(EntityKind::Event, &p.event.id, None))
                .collect();
            push(&mut lines, &t("fact-part-of"), parts);
            let organisers = event
                .organisers
                .iter()
                .map(|o| lookup.entity_cell(EntityKind::Company, &o.company.id, None))
                .collect();
            push(&mut lines, &t("fact-organised-by"), organisers);
            if !event.screenings.is_empty() {
                let count = event.screenings.len();
                let text = kinora_i18n::t_with("screenings-count", &[("count", count.into())]);
                push(
                    &mut lines,
                    &t("fact-programme"),
                    vec![Cell::link(text, "#programme")],
                );
            }
        }
        Entity::Source(source) => {
            if let Some(publisher) = &source.publisher {
                let cell = match &source.publisher_company {
                    Some(company) => {
                        lookup.entity_cell(EntityKind::Company, &company.id, Some(publisher))
                    }
                    None => Cell::text(publisher.clone()),
                };
                push(&mut lines, &t("fact-published-by"), vec![cell]);
            }
            let authors = source
                .authors
                .iter()
                .map(|a| match &a.person {
                    Some(person) => {
                        lookup.entity_cell(EntityKind::Person, &person.id, Some(&a.name))
                    }
                    None => Cell::text(a.name.clone()),
                })
                .collect();
            push(&mut lines, &t("fact-by"), authors);
            if let Some(date) = source.date {
                push(
                    &mut lines,
                    &t("fact-date"),
                    vec![Cell::text(date.display())],
                );
            }
        }
    }
    Hero {
        picture,
        role,
        lines,
        lede,
    }
}

fn push(lines: &mut Vec<(String, Vec<Cell>)>, label: &str, cells: Vec<Cell>) {
    if !cells.is_empty() {
        lines.push((label.to_owned(), cells));
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// People of a film's credits, once each, in billing order.
fn people<'f>(
    film: &'f Film,
    lookup: &Lookup,
    wanted: impl Fn(&kinora_core::model::Credit) -> bool,
    most: usize,
) -> Vec<Cell> {
    let mut credits: Vec<&'f kinora_core::model::Credit> =
        film.credits.iter().filter(|c| wanted(c)).collect();
    credits.sort_by_key(|c| c.billing.unwrap_or(u32::MAX));
    let mut seen: Vec<&EntityId> = Vec::new();
    let mut cells = Vec::new();
    for credit in credits {
        if seen.contains(&&credit.person.id) {
            continue;
        }
        seen.push(&credit.person.id);
        if cells.len() == most {
            break;
        }
        cells.push(
            lookup
                .entity_cell(
                    EntityKind::Person,
                    &credit.person.id,
                    credit.credited_as.as_deref(),
                )
                .inferred(credit.inferred()),
        );
    }
    cells
}

fn film_lines(film: &Film, lookup: &Lookup, lines: &mut Vec<(String, Vec<Cell>)>) {
    let directors = people(
        film,
        lookup,
        |c| c.department == Department::Directing && c.job.eq_ignore_ascii_case("director"),
        4,
    );
    push(lines, &t("fact-directed-by"), directors);
    let cast = people(film, lookup, |c| c.department == Department::Cast, 4);
    push(lines, &t("fact-starring"), cast);
    let genres = dedup(
        preferred_first(&film.genres)
            .into_iter()
            .map(|g| kinora_i18n::common_word("genre", &g.genre)),
    );
    push(
        lines,
        &t("fact-genre"),
        genres.into_iter().map(Cell::text).collect(),
    );
    if let Some(release) = preferred_or_first(&film.releases)
        && let Some(date) = release.date
    {
        let mut cell = Cell::text(date.display()).inferred(release.inferred());
        if let Some(country) = &release.country {
            cell = cell.aside(country.local_name());
        }
        push(lines, &t("fact-released"), vec![cell]);
    }
    let mut watch: Vec<Cell> = Vec::new();
    for offer in &film.availability {
        let text = format!("{} ({})", offer.service, offer.country.local_name());
        if watch.iter().any(|c| c.text == text) {
            continue;
        }
        watch.push(match &offer.url {
            Some(url) => Cell::link(text, url.clone()),
            None => Cell::text(text),
        });
    }
    push(lines, &t("fact-where-to-watch"), watch);
}

/// A person as a card: their photo (or initial), name and part.
#[derive(Debug, Clone)]
pub struct PersonCard {
    pub id: String,
    pub name: String,
    pub initial: String,
    /// "Kim Yong-soo", "Director".
    pub part: String,
    pub photo: Option<PictureView>,
}

/// A film's cast as cards, in billing order, with the photos of the people
/// the page has read; at most `most`.
pub fn cast_cards(
    film: &Film,
    people: &dyn Fn(&EntityId) -> Option<Entity>,
    most: usize,
) -> Vec<PersonCard> {
    let mut credits: Vec<&kinora_core::model::Credit> = film
        .credits
        .iter()
        .filter(|c| c.department == Department::Cast)
        .collect();
    credits.sort_by_key(|c| c.billing.unwrap_or(u32::MAX));
    let mut cards: Vec<PersonCard> = Vec::new();
    for credit in credits {
        if cards.len() == most {
            break;
        }
        if cards
            .iter()
            .any(|card| card.id == credit.person.id.as_str())
        {
            continue;
        }
        let person = people(&credit.person.id);
        let name = person
            .as_ref()
            .map(|person| kinora_core::model::shown_label(person, kinora_i18n::Reader::current()))
            .or_else(|| credit.credited_as.clone())
            .unwrap_or_else(|| credit.person.id.to_string());
        let photo = person
            .as_ref()
            .and_then(|p| image::shown(p.images(), ImageRole::Photo))
            .map(|photo| PictureView::new(photo, &name));
        cards.push(PersonCard {
            id: credit.person.id.to_string(),
            initial: name.chars().next().map(String::from).unwrap_or_default(),
            part: credit
                .characters
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            name,
            photo,
        });
    }
    cards
}
