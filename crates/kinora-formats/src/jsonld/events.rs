//! Venues as schema.org `MovieTheater`, events as `Festival`,
//! `ScreeningEvent` or `Event`, and each screening as a `ScreeningEvent`
//! of its own.

use kinora_core::EntityKind;
use kinora_core::model::{Event, EventKind, TimedScreening, Venue, preferred_or_first};
use serde_json::{Map, Value, json};

use super::{Context, header, insert, one_or_many};

pub(super) fn venue(venue: &Venue, context: &Context<'_>) -> Value {
    let mut object = header(
        "MovieTheater",
        EntityKind::Venue,
        &venue.id,
        preferred_or_first(&venue.names).map(|name| name.text.as_str()),
        venue.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(&mut object, "address", place_address(venue));
    if let Some(part) = preferred_or_first(&venue.part_of) {
        insert(
            &mut object,
            "containedInPlace",
            context.thing("Place", EntityKind::Venue, &part.venue.id, None),
        );
    }
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&venue.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "sameAs",
        Value::Array(venue.links.iter().map(|link| json!(link.url)).collect()),
    );
    Value::Object(object)
}

fn place_address(venue: &Venue) -> Value {
    let mut address = Map::new();
    insert(&mut address, "@type", json!("PostalAddress"));
    insert(
        &mut address,
        "streetAddress",
        json!(preferred_or_first(&venue.addresses).map(|a| a.address.clone())),
    );
    if let Some(city) = venue.city() {
        insert(&mut address, "addressLocality", json!(city.name));
        insert(
            &mut address,
            "addressCountry",
            json!(city.country.as_ref().map(|c| c.to_string())),
        );
    }
    if address.len() > 1 {
        Value::Object(address)
    } else {
        Value::Null
    }
}

/// The schema.org type of an event: `Festival` for an edition, and for a
/// section of one, `ScreeningEvent` for a screening, `Event` otherwise.
pub fn event_type(kind: EventKind) -> &'static str {
    match kind {
        EventKind::FestivalEdition | EventKind::Section => "Festival",
        EventKind::Screening | EventKind::Premiere => "ScreeningEvent",
        _ => "Event",
    }
}

pub(super) fn event(event: &Event, context: &Context<'_>) -> Value {
    let mut object = header(
        event_type(event.kind),
        EntityKind::Event,
        &event.id,
        preferred_or_first(&event.names).map(|name| name.text.as_str()),
        event.names.iter().map(|name| name.text.as_str()),
        context,
    );
    if let Some(dates) = event.dates() {
        insert(&mut object, "startDate", json!(dates.start.to_string()));
        insert(
            &mut object,
            "endDate",
            json!(dates.end.map(|end| end.to_string())),
        );
    }
    let places: Vec<Value> = event
        .places
        .iter()
        .map(|claim| json!({"@type": "Place", "name": claim.place.name}))
        .collect();
    insert(&mut object, "location", one_or_many(places));
    let organisers: Vec<Value> = event
        .organisers
        .iter()
        .map(|claim| context.thing("Organization", EntityKind::Company, &claim.company.id, None))
        .collect();
    insert(&mut object, "organizer", one_or_many(organisers));
    let parents: Vec<Value> = event
        .part_of
        .iter()
        .map(|claim| context.thing("Event", EntityKind::Event, &claim.event.id, None))
        .collect();
    insert(&mut object, "superEvent", one_or_many(parents));
    let performers: Vec<Value> = event
        .participants
        .iter()
        .filter_map(|participant| {
            participant
                .person
                .as_ref()
                .map(|person| context.thing("Person", EntityKind::Person, &person.id, None))
        })
        .collect();
    insert(&mut object, "attendee", Value::Array(performers));
    let works: Vec<Value> = event
        .films
        .iter()
        .map(|claim| context.thing("Movie", EntityKind::Film, &claim.film.id, None))
        .collect();
    insert(&mut object, "workFeatured", Value::Array(works));
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&event.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "eventStatus",
        json!("https://schema.org/EventScheduled"),
    );
    Value::Object(object)
}

/// A screening as schema.org `ScreeningEvent` describes it: the film, the
/// venue, the start with its local offset, languages, and where to buy
/// tickets.
pub fn screening(
    event: &Event,
    timed: &TimedScreening,
    venue: Option<&Venue>,
    context: &Context<'_>,
) -> Value {
    let screening = &event.screenings[timed.position];
    let film_name = (context.label)(EntityKind::Film, &screening.film.id)
        .unwrap_or_else(|| screening.film.id.to_string());
    let mut object = Map::new();
    insert(&mut object, "@type", json!("ScreeningEvent"));
    insert(&mut object, "name", json!(film_name));
    insert(&mut object, "startDate", json!(timed.start.iso()));
    insert(
        &mut object,
        "endDate",
        json!(timed.end.map(|end| end.iso())),
    );
    insert(
        &mut object,
        "workPresented",
        context.thing("Movie", EntityKind::Film, &screening.film.id, None),
    );
    let mut location = match venue {
        Some(venue) => self::venue(venue, context),
        None => context.thing("MovieTheater", EntityKind::Venue, &screening.venue.id, None),
    };
    if let Value::Object(location) = &mut location {
        location.remove("sameAs");
        location.remove("description");
    }
    insert(&mut object, "location", location);
    insert(
        &mut object,
        "inLanguage",
        one_or_many(
            screening
                .languages
                .iter()
                .map(|l| json!(l.to_string()))
                .collect(),
        ),
    );
    insert(
        &mut object,
        "subtitleLanguage",
        one_or_many(
            screening
                .subtitles
                .iter()
                .map(|l| json!(l.to_string()))
                .collect(),
        ),
    );
    insert(
        &mut object,
        "eventStatus",
        json!(if screening.cancelled {
            "https://schema.org/EventCancelled"
        } else {
            "https://schema.org/EventScheduled"
        }),
    );
    if let Some(tickets) = &screening.tickets {
        insert(
            &mut object,
            "offers",
            json!({"@type": "Offer", "url": tickets}),
        );
    }
    insert(
        &mut object,
        "superEvent",
        context.thing(event_type(event.kind), EntityKind::Event, &event.id, None),
    );
    Value::Object(object)
}

/// Adds screenings to an event's or a film's JSON-LD: `subEvent` of an
/// event; a film's are `subjectOf` (schema.org has no property from a
/// film to its screenings; `ScreeningEvent.workPresented` points back).
pub fn add_screenings(value: &mut Value, key: &str, screenings: Vec<Value>) {
    if let Value::Object(object) = value {
        insert(object, key, Value::Array(screenings));
    }
}
