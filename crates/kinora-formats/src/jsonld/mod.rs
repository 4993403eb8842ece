//! schema.org JSON-LD for every kind of entity, embedded in its HTML page.
//!
//! Types: films are `Movie` (`TVSeries` for series), people `Person`,
//! companies `Organization`, albums `MusicAlbum`, sources `NewsArticle`,
//! `DiscussionForumPosting`, `Review`, `WebPage` or `CreativeWork` by kind.
//! The sources cited by a film's facts are listed under `citation`.

use kinora_core::model::{Entity, Source};
use kinora_core::{EntityId, EntityKind};
use serde_json::{Map, Value, json};

mod album;
mod events;
mod film;
mod people;
mod reviews;
mod source;

use self::album::album;
pub use self::events::{add_screenings, event_type, screening};
use self::events::{event, venue};
use self::film::film;
use self::people::{company, person};
pub use self::reviews::{PostLd, ReviewLd, add_reviews, discussion};
use self::source::{source, source_summary};

/// What the JSON-LD needs from outside the entity: where pages live and the
/// names of the entities and sources it refers to.
pub struct Context<'a> {
    /// The site's base URL, without a trailing slash: `https://kinora.example`.
    pub base: &'a str,
    pub label: &'a dyn Fn(EntityKind, &EntityId) -> Option<String>,
    pub source: &'a dyn Fn(&EntityId) -> Option<Source>,
}

impl Context<'_> {
    fn url(&self, kind: EntityKind, id: &EntityId) -> String {
        format!("{}/{}/{}", self.base, kind.plural(), id)
    }

    fn thing(
        &self,
        schema_type: &str,
        kind: EntityKind,
        id: &EntityId,
        fallback: Option<&str>,
    ) -> Value {
        let name = (self.label)(kind, id)
            .or(fallback.map(str::to_owned))
            .unwrap_or_else(|| id.to_string());
        json!({"@type": schema_type, "@id": self.url(kind, id), "name": name, "url": self.url(kind, id)})
    }
}

/// The JSON-LD document of an entity.
pub fn entity(entity: &Entity, context: &Context<'_>) -> Value {
    let mut value = match entity {
        Entity::Film(film) => self::film(film, context),
        Entity::Person(person) => self::person(person, context),
        Entity::Company(company) => self::company(company, context),
        Entity::Album(album) => self::album(album, context),
        Entity::Source(source) => self::source(source, context),
        Entity::Venue(venue) => self::venue(venue, context),
        Entity::Event(event) => self::event(event, context),
    };
    if let Value::Object(object) = &mut value {
        // Creative works list the sources their facts cite.
        if matches!(entity, Entity::Film(_) | Entity::Album(_)) {
            insert(object, "citation", citations(entity, context));
        }
        insert(object, "image", images(entity, context));
        let mut with_context = Map::new();
        with_context.insert("@context".into(), json!("https://schema.org"));
        with_context.extend(std::mem::take(object));
        *object = with_context;
    }
    value
}

/// The entity's pictures as ImageObjects, the shown ones first: the widest
/// copy kept, with its credit and licence.
fn images(entity: &Entity, context: &Context<'_>) -> Value {
    let mut shown: Vec<&kinora_core::image::Image> = entity.images().iter().collect();
    shown.sort_by_key(|image| !image.preferred);
    one_or_many(
        shown
            .into_iter()
            .map(|image| {
                let width = *crate::picture::widths(image.width)
                    .last()
                    .unwrap_or(&image.width);
                let height = (u64::from(image.height) * u64::from(width)
                    / u64::from(image.width.max(1))) as u32;
                let url = format!(
                    "{}{}",
                    context.base,
                    crate::picture::path(&image.file, width, crate::picture::Encoding::Jpeg)
                );
                let mut object = Map::new();
                insert(&mut object, "@type", json!("ImageObject"));
                insert(&mut object, "contentUrl", json!(url));
                insert(&mut object, "width", json!(width));
                insert(&mut object, "height", json!(height));
                insert(&mut object, "caption", json!(image.caption));
                insert(&mut object, "creditText", json!(image.author));
                insert(&mut object, "license", json!(image.licence));
                Value::Object(object)
            })
            .collect(),
    )
}

fn insert(object: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    };
    if !empty {
        object.insert(key.to_owned(), value);
    }
}

fn one_or_many(mut values: Vec<Value>) -> Value {
    match values.len() {
        0 => Value::Null,
        1 => values.remove(0),
        _ => Value::Array(values),
    }
}

/// Every source cited anywhere in an entity, once, in order of first citation.
fn citations(entity: &Entity, context: &Context<'_>) -> Value {
    let mut seen = std::collections::HashSet::new();
    let mut cited = Vec::new();
    for reference in entity.references() {
        if reference.kind == EntityKind::Source && seen.insert(reference.id.clone()) {
            match (context.source)(&reference.id) {
                Some(source) => cited.push(source_summary(&source, context)),
                None => cited.push(json!({"@id": context.url(EntityKind::Source, &reference.id)})),
            }
        }
    }
    Value::Array(cited)
}

/// The fields every entity's JSON-LD starts with: type, id, URL, name and
/// the other names (every spelling and script) as `alternateName`.
fn header<'n>(
    schema_type: &str,
    kind: EntityKind,
    id: &EntityId,
    name: Option<&str>,
    names: impl Iterator<Item = &'n str>,
    context: &Context<'_>,
) -> Map<String, Value> {
    let mut object = Map::new();
    let name = name.unwrap_or_default();
    insert(&mut object, "@type", json!(schema_type));
    insert(&mut object, "@id", json!(context.url(kind, id)));
    insert(&mut object, "url", json!(context.url(kind, id)));
    insert(&mut object, "name", json!(name));
    let alternates: Vec<Value> = names
        .filter(|other| *other != name)
        .map(|other| json!(other))
        .collect();
    insert(&mut object, "alternateName", Value::Array(alternates));
    object
}

fn external_urls(ids: &[kinora_core::model::ExternalId]) -> impl Iterator<Item = Value> + '_ {
    ids.iter()
        .filter_map(|external| external.scheme.url(&external.value))
        .map(|url| json!(url))
}
