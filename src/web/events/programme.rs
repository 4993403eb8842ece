//! The programme of an event, a venue or a film: its screenings read from
//! the store's derived rows with their events and venues, placed in time
//! with the venue's zone, and laid out as a schedule; which screenings an
//! entity's programme holds; a day as a programme writes it and as a query
//! asks for it.

use std::collections::{HashMap, HashSet};

use kinora_core::model::{Entity, Event, Screening, Venue};
use kinora_core::when::{Instant, TimeZone};
use kinora_core::{EntityId, EntityKind};
use kinora_store::{ScreeningFilter, ScreeningRow, Store};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::gather::{Backlinks, event_family, venue_family};
use crate::web::WebError;
use crate::web::view::{Cell, Lookup, Row};

/// How many screenings a page or a calendar shows at most.
pub(super) const SCREENINGS_SHOWN: i64 = 1000;

/// A screening with what it needs to be shown: its event, its claim, its
/// venue, and its start and end placed in the venue's zone.
pub struct Showing<'a> {
    pub row: &'a ScreeningRow,
    pub event: &'a Event,
    pub screening: &'a Screening,
    pub venue: Option<&'a Venue>,
    pub zone: Option<TimeZone>,
    pub start: Instant,
    pub end: Option<Instant>,
}

/// Screenings read from the store with their events and venues.
pub struct Programme {
    pub rows: Vec<ScreeningRow>,
    pub events: HashMap<EntityId, Event>,
    pub venues: HashMap<EntityId, Venue>,
    /// Events without screenings that a calendar shows by their day: a
    /// press conference a person spoke at.
    pub dated: Vec<EntityId>,
}

impl Programme {
    pub async fn read(store: &Store, filter: &ScreeningFilter) -> Result<Programme, WebError> {
        Programme::read_with(&mut Backlinks::new(store), filter).await
    }

    /// The same, with the events and venues from the page's documents.
    pub async fn read_with(
        back: &mut Backlinks<'_>,
        filter: &ScreeningFilter,
    ) -> Result<Programme, WebError> {
        let rows = back.store.screenings(filter).await?;
        let mut keys: Vec<(EntityKind, EntityId)> = Vec::new();
        let mut seen = HashSet::new();
        for row in &rows {
            for key in [
                (EntityKind::Event, row.event.clone()),
                (EntityKind::Venue, row.venue.clone()),
            ] {
                if seen.insert(key.clone()) {
                    keys.push(key);
                }
            }
        }
        let mut events = HashMap::new();
        let mut venues = HashMap::new();
        for ((_, id), entity) in back.documents(&keys).await? {
            match &*entity {
                Entity::Event(event) => {
                    events.insert(id, event.clone());
                }
                Entity::Venue(venue) => {
                    venues.insert(id, venue.clone());
                }
                _ => {}
            }
        }
        Ok(Programme {
            rows,
            events,
            venues,
            dated: Vec::new(),
        })
    }

    /// Every screening that still reads as stored, in the rows' order.
    pub fn showings(&self) -> Vec<Showing<'_>> {
        self.rows
            .iter()
            .filter_map(|row| {
                let event = self.events.get(&row.event)?;
                let screening = event.screenings.get(row.position)?;
                let venue = self.venues.get(&row.venue);
                let zone = venue.and_then(Venue::zone);
                let start = match zone {
                    Some(zone) => screening.start.resolve(zone).ok()?,
                    None => Instant::Day(screening.start.date()),
                };
                let end = match (zone, &screening.end, start, screening.minutes) {
                    (Some(zone), Some(end), _, _) => end.resolve(zone).ok(),
                    (_, None, Instant::At(at), Some(minutes)) => Some(Instant::At(
                        at + time::Duration::minutes(i64::from(minutes)),
                    )),
                    _ => None,
                };
                Some(Showing {
                    row,
                    event,
                    screening,
                    venue,
                    zone,
                    start,
                    end,
                })
            })
            .collect()
    }

    /// The films, venues and events the screenings name, each once.
    pub(super) fn named(&self) -> Vec<(EntityKind, EntityId)> {
        let mut keys: Vec<(EntityKind, EntityId)> = self
            .rows
            .iter()
            .flat_map(|row| {
                [
                    (EntityKind::Film, row.film.clone()),
                    (EntityKind::Venue, row.venue.clone()),
                    (EntityKind::Event, row.event.clone()),
                ]
            })
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The ids of the films the screenings show, for their names.
    pub(super) fn film_keys(&self) -> Vec<(EntityKind, EntityId)> {
        let mut seen = HashSet::new();
        self.rows
            .iter()
            .filter(|row| seen.insert(row.film.clone()))
            .map(|row| (EntityKind::Film, row.film.clone()))
            .collect()
    }
}

/// "Sun, 18 Nov 2012".
pub fn day_label(date: time::Date) -> String {
    kinora_i18n::Lang::current().day_with_weekday(date.year(), date.month() as u8, date.day())
}

/// A day as the store and a query write it: `2012-11-18`.
pub(super) const DAY: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// A day written `YYYY-MM-DD`, or a message naming the parameter.
pub(super) fn parse_day(name: &str, text: &str) -> Result<time::Date, WebError> {
    // Ten bytes: the description alone would also take a sign before the year.
    (text.len() == 10)
        .then(|| time::Date::parse(text, DAY).ok())
        .flatten()
        .ok_or_else(|| {
            WebError::BadRequest(kinora_i18n::t_with(
                "error-not-a-day",
                &[
                    ("field", name.to_string().into()),
                    ("text", text.to_string().into()),
                ],
            ))
        })
}

/// What each column of a schedule shows beside the day and time.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Columns {
    /// A festival's or venue's programme: the film, then where.
    Programme,
    /// A film's screenings: where, then which event.
    Film,
}

/// A schedule table: one row per screening, the day written once per day.
pub(super) fn schedule_rows(
    showings: &[Showing<'_>],
    columns: Columns,
    lookup: &mut Lookup,
) -> Vec<Row> {
    let mut previous_day = String::new();
    let mut rows = Vec::new();
    for showing in showings {
        let screening = showing.screening;
        let day = day_label(screening.start.date());
        let day_cell = if day == previous_day {
            Cell::text("")
        } else {
            previous_day = day.clone();
            Cell::text(day)
        };
        let mut time = Cell::text(
            screening
                .start
                .clock()
                .unwrap_or_else(|| kinora_i18n::t("all-day")),
        );
        if let Some(zone) = showing.zone {
            time = time.aside(kinora_i18n::t_with(
                "zone-time",
                &[("zone", zone.city().into())],
            ));
        }
        let venue = lookup.entity_cell(EntityKind::Venue, &screening.venue.id, None);
        let mut film = lookup.entity_cell(EntityKind::Film, &screening.film.id, None);
        let mut details = Vec::new();
        if let Some(minutes) = screening.minutes {
            details.push(format!("{minutes} min"));
        }
        if let Some(premiere) = screening.premiere {
            details.push(premiere.local_label().to_owned());
        }
        if !screening.languages.is_empty() {
            details.push(
                screening
                    .languages
                    .iter()
                    .map(|l| l.english_name())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        if !screening.subtitles.is_empty() {
            details.push(format!(
                "{} subtitles",
                screening
                    .subtitles
                    .iter()
                    .map(|l| l.english_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if screening.cancelled {
            details.push("cancelled".to_owned());
        }
        film = film.aside(details.join(" · "));
        let event = lookup.entity_cell(EntityKind::Event, &showing.event.id, None);
        let mut cells = vec![vec![day_cell], vec![time]];
        match columns {
            Columns::Programme => {
                cells.push(vec![film]);
                cells.push(vec![venue]);
            }
            Columns::Film => {
                cells.push(vec![venue]);
                cells.push(vec![event]);
            }
        }
        if let Some(tickets) = &screening.tickets {
            cells.push(vec![Cell::link(kinora_i18n::t("tickets"), tickets.clone())]);
        } else {
            cells.push(vec![Cell::text("")]);
        }
        rows.push(lookup.row(screening, &screening.note, cells));
    }
    rows
}

pub(super) fn schedule_headers(columns: Columns) -> Vec<String> {
    let t = kinora_i18n::t;
    let mut headers = vec![t("col-day"), t("col-time")];
    match columns {
        Columns::Programme => headers.extend([t("col-film"), t("col-venue")]),
        Columns::Film => headers.extend([t("col-venue"), t("col-event")]),
    }
    headers.push(String::new());
    headers
}

/// The screenings an entity's page and calendar show: an event's and its
/// sections', a venue's and its screens', a film's, the films of a person
/// or company, the editions a festival organises.
async fn filter_for(
    back: &mut Backlinks<'_>,
    entity: &Entity,
) -> Result<Option<ScreeningFilter>, WebError> {
    let id = entity.id();
    let mut filter = ScreeningFilter {
        limit: SCREENINGS_SHOWN,
        ..ScreeningFilter::default()
    };
    match entity {
        Entity::Event(_) => filter.events = event_family(back, id).await?,
        Entity::Venue(_) => filter.venues = venue_family(back, id).await?,
        Entity::Film(_) => filter.films = vec![id.clone()],
        Entity::Person(_) => {
            filter.films = back
                .referring(EntityKind::Person, id, EntityKind::Film, "credits")
                .await?;
            if filter.films.is_empty() {
                return Ok(None);
            }
        }
        Entity::Company(_) => {
            let mut events = Vec::new();
            for event in back
                .referring(EntityKind::Company, id, EntityKind::Event, "organisers")
                .await?
            {
                events.extend(event_family(back, &event).await?);
            }
            if events.is_empty() {
                return Ok(None);
            }
            filter.events = events;
        }
        _ => return Ok(None),
    }
    Ok(Some(filter))
}

/// The events an entity takes part in beyond its screenings: those a
/// person or company attended or spoke at, those that presented a film.
async fn taken_part(back: &mut Backlinks<'_>, entity: &Entity) -> Result<Vec<EntityId>, WebError> {
    let id = entity.id();
    let (kind, field) = match entity {
        Entity::Person(_) => (EntityKind::Person, "participants"),
        Entity::Company(_) => (EntityKind::Company, "participants"),
        Entity::Film(_) => (EntityKind::Film, "films"),
        _ => return Ok(Vec::new()),
    };
    back.referring(kind, id, EntityKind::Event, field).await
}

/// Everything an entity's calendar holds: its screenings, the screenings of
/// the events it took part in, and those events that have a day but no
/// screening. `None` for an entity that has no calendar.
pub(super) async fn programme_for(
    back: &mut Backlinks<'_>,
    entity: &Entity,
) -> Result<Option<Programme>, WebError> {
    let filter = filter_for(back, entity).await?;
    let taken = taken_part(back, entity).await?;
    if filter.is_none() && taken.is_empty() {
        return Ok(None);
    }
    // Its own screenings and those of the events it took part in, read
    // together.
    let filter = match filter {
        Some(mut filter) => {
            filter.or_events = taken.clone();
            filter
        }
        None => ScreeningFilter {
            events: taken.clone(),
            limit: SCREENINGS_SHOWN,
            ..ScreeningFilter::default()
        },
    };
    let mut programme = Programme::read_with(back, &filter).await?;
    if !taken.is_empty() {
        let missing: Vec<(EntityKind, EntityId)> = taken
            .iter()
            .filter(|id| !programme.events.contains_key(*id))
            .map(|id| (EntityKind::Event, id.clone()))
            .collect();
        for ((_, id), entity) in back.documents(&missing).await? {
            if let Entity::Event(event) = &*entity {
                programme.events.insert(id, event.clone());
            }
        }
        for id in &taken {
            let shown = programme.rows.iter().any(|row| &row.event == id);
            let has_day = programme
                .events
                .get(id)
                .and_then(Event::dates)
                .is_some_and(|dates| dates.start.day().is_some());
            if !shown && has_day {
                programme.dated.push(id.clone());
            }
        }
    }
    Ok(Some(programme))
}

/// An event's name: its preferred name, else its first.
pub(super) fn event_name(event: &Event) -> String {
    kinora_core::model::preferred_or_first(&event.names)
        .map(|name| name.text.clone())
        .unwrap_or_else(|| event.id.to_string())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn a_day_is_labelled_with_short_names_and_an_unpadded_day() {
        assert_eq!(day_label(date!(2012 - 11 - 18)), "Sun, 18 Nov 2012");
        assert_eq!(day_label(date!(2012 - 11 - 5)), "Mon, 5 Nov 2012");
        assert_eq!(day_label(date!(2008 - 04 - 28)), "Mon, 28 Apr 2008");
        assert_eq!(day_label(date!(2024 - 02 - 29)), "Thu, 29 Feb 2024");
        assert_eq!(day_label(date!(2026 - 09 - 1)), "Tue, 1 Sept 2026");
        assert_eq!(day_label(date!(999 - 12 - 31)), "Tue, 31 Dec 999 AD");
    }

    #[test]
    fn a_day_in_a_query_is_four_two_and_two_digits() {
        assert_eq!(
            parse_day("from", "2012-11-18").ok(),
            Some(date!(2012 - 11 - 18))
        );
        for text in [
            "+2012-11-18",
            "-2012-11-18",
            "2012-11-180",
            "02012-11-18",
            "2012-1-18",
            "2012-02-30",
            "soon",
            "",
        ] {
            match parse_day("to", text) {
                Err(WebError::BadRequest(message)) => assert_eq!(
                    message,
                    format!("to: `{text}` is not a day; write YYYY-MM-DD")
                ),
                _ => panic!("{text:?} was taken for a day"),
            }
        }
    }
}
