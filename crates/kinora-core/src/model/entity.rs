//! Any entity: the kinds together, what every kind has (an id, a label,
//! the names it is found under, pictures).

use serde::{Deserialize, Serialize};

use crate::claim::preferred_or_first;
use crate::id::{EntityId, EntityKind};
use crate::image::Image;

use super::album::Album;
use super::common::ExternalId;
use super::event::{Event, Venue};
use super::film::Film;
use super::people::{Company, Person};
use super::source::Source;

/// One entity of any kind, as stored, exported and served.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entity {
    Film(Film),
    Person(Person),
    Company(Company),
    Album(Album),
    Source(Source),
    Venue(Venue),
    Event(Event),
}

/// A name or title under which an entity can be found.
#[derive(Debug, Clone, PartialEq)]
pub struct FindableName {
    pub text: String,
    pub primary: bool,
}

impl Entity {
    /// The entity as JSON without its `type` tag: the form the store keeps,
    /// since the store knows the kind from its own column. Reading it back
    /// (`from_untagged_json`) parses straight into the right struct, without
    /// the buffering an internally tagged enum needs.
    pub fn to_untagged_json(&self) -> serde_json::Result<String> {
        match self {
            Entity::Film(film) => serde_json::to_string(film),
            Entity::Person(person) => serde_json::to_string(person),
            Entity::Company(company) => serde_json::to_string(company),
            Entity::Album(album) => serde_json::to_string(album),
            Entity::Source(source) => serde_json::to_string(source),
            Entity::Venue(venue) => serde_json::to_string(venue),
            Entity::Event(event) => serde_json::to_string(event),
        }
    }

    pub fn from_untagged_json(kind: EntityKind, text: &str) -> serde_json::Result<Entity> {
        Ok(match kind {
            EntityKind::Film => Entity::Film(serde_json::from_str(text)?),
            EntityKind::Person => Entity::Person(serde_json::from_str(text)?),
            EntityKind::Company => Entity::Company(serde_json::from_str(text)?),
            EntityKind::Album => Entity::Album(serde_json::from_str(text)?),
            EntityKind::Source => Entity::Source(serde_json::from_str(text)?),
            EntityKind::Venue => Entity::Venue(serde_json::from_str(text)?),
            EntityKind::Event => Entity::Event(serde_json::from_str(text)?),
        })
    }

    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Film(_) => EntityKind::Film,
            Entity::Person(_) => EntityKind::Person,
            Entity::Company(_) => EntityKind::Company,
            Entity::Album(_) => EntityKind::Album,
            Entity::Source(_) => EntityKind::Source,
            Entity::Venue(_) => EntityKind::Venue,
            Entity::Event(_) => EntityKind::Event,
        }
    }

    pub fn id(&self) -> &EntityId {
        match self {
            Entity::Film(film) => &film.id,
            Entity::Person(person) => &person.id,
            Entity::Company(company) => &company.id,
            Entity::Album(album) => &album.id,
            Entity::Source(source) => &source.id,
            Entity::Venue(venue) => &venue.id,
            Entity::Event(event) => &event.id,
        }
    }

    pub fn set_id(&mut self, id: EntityId) {
        match self {
            Entity::Film(film) => film.id = id,
            Entity::Person(person) => person.id = id,
            Entity::Company(company) => company.id = id,
            Entity::Album(album) => album.id = id,
            Entity::Source(source) => source.id = id,
            Entity::Venue(venue) => venue.id = id,
            Entity::Event(event) => event.id = id,
        }
    }

    /// The name to show: the preferred title or name, else the first.
    pub fn label(&self) -> String {
        match self {
            Entity::Film(film) => preferred_or_first(&film.titles).map(|t| t.text.clone()),
            Entity::Person(person) => preferred_or_first(&person.names).map(|n| n.text.clone()),
            Entity::Company(company) => preferred_or_first(&company.names).map(|n| n.text.clone()),
            Entity::Album(album) => preferred_or_first(&album.titles).map(|t| t.text.clone()),
            Entity::Source(source) => Some(source.title.clone()),
            Entity::Venue(venue) => preferred_or_first(&venue.names).map(|n| n.text.clone()),
            Entity::Event(event) => preferred_or_first(&event.names).map(|n| n.text.clone()),
        }
        .unwrap_or_else(|| self.id().to_string())
    }

    /// The year to show beside the label, when the entity has one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Entity::Film(film) => film.year(),
            Entity::Album(album) => album
                .releases
                .iter()
                .filter_map(|r| r.date)
                .min()
                .map(|d| d.year()),
            Entity::Source(source) => source.date.map(|date| date.year()),
            Entity::Venue(_) => None,
            Entity::Event(event) => event.dates().map(|dates| dates.start.year()).or_else(|| {
                event
                    .screenings
                    .iter()
                    .map(|s| s.start)
                    .min()
                    .map(|s| s.date().year())
            }),
            Entity::Person(person) => {
                preferred_or_first(&person.birth_dates).map(|claim| claim.date.year())
            }
            Entity::Company(company) => {
                preferred_or_first(&company.founded).map(|claim| claim.date.year())
            }
        }
    }

    /// Every name and title the entity can be found under.
    pub fn findable_names(&self) -> Vec<FindableName> {
        let label = self.label();
        let mut names: Vec<String> = match self {
            Entity::Film(film) => film.titles.iter().map(|t| t.text.clone()).collect(),
            Entity::Person(person) => person.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Company(company) => company.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Album(album) => album.titles.iter().map(|t| t.text.clone()).collect(),
            Entity::Source(source) => {
                let mut names = vec![source.title.clone()];
                names.extend(source.publisher.clone());
                names
            }
            Entity::Venue(venue) => venue.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Event(event) => event.names.iter().map(|n| n.text.clone()).collect(),
        };
        let mut seen = std::collections::HashSet::new();
        names.retain(|name| seen.insert(name.clone()));
        names
            .into_iter()
            .map(|text| FindableName {
                primary: text == label,
                text,
            })
            .collect()
    }

    /// The entity's ids in other catalogs.
    pub fn external_ids(&self) -> &[ExternalId] {
        match self {
            Entity::Film(film) => &film.external_ids,
            Entity::Person(person) => &person.external_ids,
            Entity::Company(company) => &company.external_ids,
            Entity::Album(_) | Entity::Source(_) | Entity::Venue(_) | Entity::Event(_) => &[],
        }
    }

    /// The entity's pictures (a source has none: it is a document).
    pub fn images(&self) -> &[Image] {
        match self {
            Entity::Film(film) => &film.images,
            Entity::Person(person) => &person.images,
            Entity::Company(company) => &company.images,
            Entity::Album(album) => &album.images,
            Entity::Venue(venue) => &venue.images,
            Entity::Event(event) => &event.images,
            Entity::Source(_) => &[],
        }
    }

    /// The entity's pictures to change, or `None` for a source.
    pub fn images_mut(&mut self) -> Option<&mut Vec<Image>> {
        match self {
            Entity::Film(film) => Some(&mut film.images),
            Entity::Person(person) => Some(&mut person.images),
            Entity::Company(company) => Some(&mut company.images),
            Entity::Album(album) => Some(&mut album.images),
            Entity::Venue(venue) => Some(&mut venue.images),
            Entity::Event(event) => Some(&mut event.images),
            Entity::Source(_) => None,
        }
    }
}
