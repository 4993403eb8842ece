//! iCalendar feeds that calendar programs subscribe to: the calendar of an
//! event, venue, film, person or festival, and a programme written as a
//! calendar in UTC, each screening under a UID that lasts.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kinora_core::model::{Entity, Screening, Venue};
use kinora_core::when::Instant;
use kinora_core::{EntityId, EntityKind, PartialDate};
use kinora_formats::ical::{self, Calendar, CalendarEvent, When};
use kinora_store::{ScreeningRow, Store};

use super::gather::Backlinks;
use super::programme::{Programme, day_label, event_name, programme_for};
use crate::web::view::capitalize;
use crate::web::{AppState, WebError};

/// A stable UID for a screening: the same screening has the same UID in
/// every calendar (the festival's, the venue's, the film's), and keeps it
/// when the programme is reordered. With the programme's own code it keeps
/// it when the screening moves too; without one, a screening moved to
/// another time is a new event.
fn screening_uid(row: &ScreeningRow, screening: &Screening) -> String {
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    };
    match &screening.code {
        Some(code) => format!("screening-{}-code-{}@kinora", row.event, clean(code)),
        None => format!(
            "screening-{}-{}-{}-{}@kinora",
            row.event,
            row.film,
            row.venue,
            clean(&row.local_start).replace('-', "")
        ),
    }
}

fn when_of(instant: Instant) -> When {
    match instant {
        Instant::At(at) => When::At(at),
        Instant::Day(day) => When::Day(day),
    }
}

/// `GET /{films,people,companies,venues,events}/{id}/calendar.ics`.
pub async fn calendar(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = crate::web::render::parse_path(&kind, &id)?;
    let entity = match state.store.lookup(kind, &id).await? {
        kinora_store::Lookup::Present { entity, .. } => entity,
        kinora_store::Lookup::Redirect { to } => {
            return Ok(crate::web::moved_permanently(&format!(
                "/{}/{to}/calendar.ics",
                kind.plural()
            )));
        }
        kinora_store::Lookup::Missing => {
            return Err(WebError::NotFound(kinora_i18n::t_with(
                "error-no-entity",
                &[
                    ("kind", kind.local_name().into()),
                    ("id", id.to_string().into()),
                ],
            )));
        }
    };
    let Some(programme) = programme_for(&mut Backlinks::new(&state.store), &entity).await? else {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-calendar",
            &[("kind", kind.local_name().into())],
        )));
    };
    let base = state.config.base_url();
    let calendar = calendar_of(
        &state.store,
        &base,
        &programme,
        kinora_i18n::t_with(
            "feed-site-title",
            &[(
                "title",
                kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()).into(),
            )],
        ),
        kinora_i18n::t_with(
            "calendar-screenings-of",
            &[(
                "name",
                kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()).into(),
            )],
        ),
        format!("{base}/{}/{id}", kind.plural()),
    )
    .await?;
    Ok((
        [(header::CONTENT_TYPE, ical::CONTENT_TYPE)],
        ical::write(&calendar),
    )
        .into_response())
}

/// The screenings of a programme as a calendar. Each event's time of last
/// change is that of its festival event's last edit, so a calendar program
/// sees what moved.
pub(super) async fn calendar_of(
    store: &Store,
    base: &str,
    programme: &Programme,
    name: String,
    description: String,
    url: String,
) -> Result<Calendar, WebError> {
    let mut films = store.summaries(&programme.film_keys()).await?;
    // Titles as the reader chose, when they chose other than the usual.
    let reader = kinora_i18n::Reader::current();
    if reader != kinora_i18n::Reader::default() && !films.is_empty() {
        let keys: Vec<(EntityKind, EntityId)> = films.keys().cloned().collect();
        let documents = store.get_many(&keys).await?;
        for (key, summary) in films.iter_mut() {
            if let Some(entity) = documents.get(key) {
                summary.label = kinora_core::model::shown_label(entity, reader);
            }
        }
    }
    let film_name = |id: &EntityId| {
        films
            .get(&(EntityKind::Film, id.clone()))
            .map(|s| s.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut updated: HashMap<EntityId, time::OffsetDateTime> = HashMap::new();
    for id in programme.events.keys() {
        updated.insert(id.clone(), updated_of(store, id).await?);
    }
    let mut events = Vec::new();
    for showing in programme.showings() {
        let event_name = event_name(showing.event);
        let venue_name = showing
            .venue
            .map(|venue| Entity::Venue(venue.clone()).label())
            .unwrap_or_else(|| showing.row.venue.to_string());
        let location = match showing.venue.and_then(Venue::city) {
            Some(city) => format!("{venue_name}, {}", city.name),
            None => venue_name.clone(),
        };
        let local = match (showing.screening.start.clock(), showing.zone) {
            (Some(clock), Some(zone)) => kinora_i18n::t_with(
                "calendar-local-time",
                &[
                    ("day", day_label(showing.screening.start.date()).into()),
                    ("time", clock.into()),
                    ("city", zone.city().into()),
                ],
            ),
            // A day with no time given: said so, with the end when a source
            // gives one ("the film finished at around 5 p.m.").
            _ => {
                let day = day_label(showing.screening.start.date());
                match showing.screening.end.as_ref().and_then(|end| end.clock()) {
                    Some(clock) => kinora_i18n::t_with(
                        "calendar-time-not-given-ended",
                        &[("day", day.into()), ("time", clock.into())],
                    ),
                    None => kinora_i18n::t_with("calendar-time-not-given", &[("day", day.into())]),
                }
            }
        };
        events.push(CalendarEvent {
            uid: screening_uid(showing.row, showing.screening),
            summary: format!("{} — {event_name}", film_name(&showing.row.film)),
            start: when_of(showing.start),
            end: showing.end.map(when_of),
            location: Some(location),
            description: Some(kinora_i18n::t_with(
                "calendar-description",
                &[
                    ("film", film_name(&showing.row.film).into()),
                    ("venue", venue_name.clone().into()),
                    ("when", local.clone().into()),
                    ("url", format!("{base}/films/{}", showing.row.film).into()),
                ],
            )),
            url: Some(format!("{base}/events/{}", showing.row.event)),
            categories: vec![capitalize(showing.event.kind.local_label())],
            updated: updated
                .get(&showing.row.event)
                .copied()
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            cancelled: showing.screening.cancelled,
        });
    }
    for id in &programme.dated {
        let Some(event) = programme.events.get(id) else {
            continue;
        };
        let Some(dates) = event.dates() else {
            continue;
        };
        let day = |date: PartialDate| -> Option<time::Date> {
            time::Date::from_calendar_date(
                date.year(),
                time::Month::try_from(date.month()?).ok()?,
                date.day()?,
            )
            .ok()
        };
        let Some(start) = day(dates.start) else {
            continue;
        };
        let place = kinora_core::model::preferred_or_first(&event.places)
            .map(|claim| claim.place.name.clone());
        events.push(CalendarEvent {
            uid: format!("event-{id}@kinora"),
            summary: event_name(event),
            start: When::Day(start),
            end: dates.end.and_then(day).map(When::Day),
            location: place,
            description: Some(format!(
                "{} on Kinora: {base}/events/{id}",
                capitalize(event.kind.local_label())
            )),
            url: Some(format!("{base}/events/{id}")),
            categories: vec![capitalize(event.kind.local_label())],
            updated: updated_of(store, id).await?,
            cancelled: false,
        });
    }
    Ok(Calendar {
        name,
        description: Some(description),
        url: Some(url),
        events,
    })
}

/// When an event was last edited: the newest entry of its history.
async fn updated_of(store: &Store, id: &EntityId) -> Result<time::OffsetDateTime, WebError> {
    Ok(store
        .history(EntityKind::Event, id)
        .await?
        .first()
        .map(|entry| entry.at.time())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH))
}
