//! Screenings in the JSON API: by day, city, film, venue or event, in
//! local time and in UTC.

use axum::extract::{Query, State};
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_store::ScreeningFilter;
use serde::Deserialize;

use super::gather::{Backlinks, event_family, venue_family};
use super::programme::{Programme, SCREENINGS_SHOWN, event_name, parse_day};
use crate::web::{AppState, WebError};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ScreeningParams {
    /// The first local day, `YYYY-MM-DD` (default: today).
    from: Option<String>,
    /// The last local day, `YYYY-MM-DD`.
    to: Option<String>,
    /// The venue's city, as the venue names it.
    city: Option<String>,
    /// A film's id.
    film: Option<String>,
    /// A venue's id (its screens included).
    venue: Option<String>,
    /// An event's id (its sections included).
    event: Option<String>,
    /// At most this many (default 100, at most 1000).
    limit: Option<i64>,
}

/// A screening, in local time and in UTC.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ScreeningItem {
    pub event: String,
    pub event_name: String,
    pub film: String,
    pub film_name: String,
    pub venue: String,
    pub venue_name: String,
    pub city: Option<String>,
    /// As the programme prints it: `2012-11-19T12:45`.
    pub local_start: String,
    pub time_zone: Option<String>,
    /// RFC 3339 with the local offset, or the day for a screening without a time.
    pub start: String,
    pub start_utc: Option<String>,
    pub end_utc: Option<String>,
    pub cancelled: bool,
    pub tickets: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ScreeningsResponse {
    pub screenings: Vec<ScreeningItem>,
}

/// Screenings by day, city, film, venue or event, in local-time order.
#[utoipa::path(
    get,
    path = "/api/v1/screenings",
    params(ScreeningParams),
    responses((status = 200, body = ScreeningsResponse), (status = 400, body = crate::web::error::ErrorResponse))
)]
pub async fn api_screenings(
    State(state): State<AppState>,
    Query(params): Query<ScreeningParams>,
) -> Result<axum::Json<ScreeningsResponse>, WebError> {
    let bad = |message: String| WebError::BadRequest(message);
    let day = |name: &str, text: &Option<String>| -> Result<Option<String>, WebError> {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|text| parse_day(name, text).map(|date| date.to_string()))
            .transpose()
    };
    let id = |name: &str, text: &Option<String>| -> Result<Option<EntityId>, WebError> {
        text.as_deref()
            .filter(|t| !t.is_empty())
            .map(|text| EntityId::parse(text).map_err(|error| bad(format!("{name}: {error}"))))
            .transpose()
    };
    let mut filter = ScreeningFilter {
        from_day: day("from", &params.from)?
            .or_else(|| Some(time::OffsetDateTime::now_utc().date().to_string())),
        to_day: day("to", &params.to)?,
        city: params.city.clone().filter(|c| !c.trim().is_empty()),
        limit: params.limit.unwrap_or(100).clamp(1, SCREENINGS_SHOWN),
        ..ScreeningFilter::default()
    };
    if let Some(film) = id("film", &params.film)? {
        filter.films = vec![film];
    }
    if let Some(venue) = id("venue", &params.venue)? {
        filter.venues = venue_family(&mut Backlinks::new(&state.store), &venue).await?;
    }
    if let Some(event) = id("event", &params.event)? {
        filter.events = event_family(&mut Backlinks::new(&state.store), &event).await?;
    }
    let programme = Programme::read(&state.store, &filter).await?;
    let names = state
        .store
        .summaries(&programme.film_keys())
        .await
        .map_err(WebError::from)?;
    let screenings = programme
        .showings()
        .into_iter()
        .map(|showing| ScreeningItem {
            event: showing.row.event.to_string(),
            event_name: event_name(showing.event),
            film: showing.row.film.to_string(),
            film_name: names
                .get(&(EntityKind::Film, showing.row.film.clone()))
                .map(|s| s.label.clone())
                .unwrap_or_else(|| showing.row.film.to_string()),
            venue: showing.row.venue.to_string(),
            venue_name: showing
                .venue
                .map(|venue| Entity::Venue(venue.clone()).label())
                .unwrap_or_else(|| showing.row.venue.to_string()),
            city: showing.row.city.clone(),
            local_start: showing.row.local_start.clone(),
            time_zone: showing.zone.map(|zone| zone.name().to_owned()),
            start: showing.start.iso(),
            start_utc: showing.row.start_utc.clone(),
            end_utc: showing.row.end_utc.clone(),
            cancelled: showing.screening.cancelled,
            tickets: showing.screening.tickets.clone(),
        })
        .collect();
    Ok(axum::Json(ScreeningsResponse { screenings }))
}
