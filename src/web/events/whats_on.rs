//! What's on: the screenings by day, in one city or all, from a day on, as
//! a page and as a calendar to subscribe to.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use kinora_core::EntityKind;
use kinora_formats::ical;
use kinora_store::ScreeningFilter;
use serde::Deserialize;

use super::calendar::calendar_of;
use super::programme::{DAY, Programme, SCREENINGS_SHOWN, day_label, parse_day};
use crate::web::auth::Viewer;
use crate::web::render::render;
use crate::web::view::{Cell, Lookup};
use crate::web::{AppState, WebError};

#[derive(Debug, Deserialize, Default)]
pub struct WhatsOnQuery {
    /// The first day, `YYYY-MM-DD`; today when absent.
    pub from: Option<String>,
    pub city: Option<String>,
    /// How many days, 1 to 31; 7 when absent.
    pub days: Option<i64>,
}

/// One day of "what's on".
pub struct DayLine {
    pub label: String,
    pub rows: Vec<WhatsOnLine>,
}

pub struct WhatsOnLine {
    pub time: String,
    pub zone: String,
    pub film: Vec<Cell>,
    pub venue: Vec<Cell>,
    pub city: String,
    pub event: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "whats_on.html")]
struct WhatsOnTemplate {
    viewer: Viewer,
    from: String,
    to: String,
    city: Option<String>,
    cities: Vec<(String, i64)>,
    days: Vec<DayLine>,
    earlier: Option<String>,
    later: String,
    calendar: String,
}

/// `GET /whats-on`: screenings by day, in one city or all, from a day on.
pub async fn whats_on(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<WhatsOnQuery>,
) -> Result<Html<String>, WebError> {
    let today = time::OffsetDateTime::now_utc().date();
    let from = match query.from.as_deref().filter(|text| !text.is_empty()) {
        Some(text) => parse_day("from", text)?,
        None => today,
    };
    let days = query.days.unwrap_or(7).clamp(1, 31);
    let to = from + time::Duration::days(days - 1);
    let city = query.city.clone().filter(|city| !city.trim().is_empty());
    let filter = ScreeningFilter {
        from_day: Some(from.to_string()),
        to_day: Some(to.to_string()),
        city: city.clone(),
        limit: SCREENINGS_SHOWN,
        ..ScreeningFilter::default()
    };
    let programme = Programme::read(&state.store, &filter).await?;
    let keys = programme.named();
    let lookup = Lookup::new(state.store.summaries(&keys).await?, HashMap::new());
    let mut lines: Vec<DayLine> = Vec::new();
    for showing in programme.showings() {
        let label = day_label(showing.screening.start.date());
        if lines.last().is_none_or(|line| line.label != label) {
            lines.push(DayLine {
                label,
                rows: Vec::new(),
            });
        }
        let line = WhatsOnLine {
            time: showing
                .screening
                .start
                .clock()
                .unwrap_or_else(|| kinora_i18n::t("all-day")),
            zone: showing.zone.map(|zone| zone.city()).unwrap_or_default(),
            film: vec![lookup.entity_cell(EntityKind::Film, &showing.row.film, None)],
            venue: vec![lookup.entity_cell(EntityKind::Venue, &showing.row.venue, None)],
            city: showing.row.city.clone().unwrap_or_default(),
            event: vec![lookup.entity_cell(EntityKind::Event, &showing.row.event, None)],
        };
        if let Some(day) = lines.last_mut() {
            day.rows.push(line);
        }
    }
    let earlier = if lines.is_empty() {
        state
            .store
            .last_screening_day_before(&from.to_string())
            .await?
            .and_then(|day| time::Date::parse(&day, DAY).ok())
            .map(|day| (day - time::Duration::days(days - 1)).to_string())
    } else {
        None
    };
    let cities = state
        .store
        // Every city that has had screenings, so a visitor can look back too.
        .screening_cities("")
        .await?;
    let city_query = city
        .as_ref()
        .map(|city| {
            format!(
                "&city={}",
                form_urlencoded::byte_serialize(city.as_bytes()).collect::<String>()
            )
        })
        .unwrap_or_default();
    render(&WhatsOnTemplate {
        viewer,
        from: from.to_string(),
        to: to.to_string(),
        later: format!(
            "/whats-on?from={}&days={days}{city_query}",
            to + time::Duration::days(1)
        ),
        earlier: earlier.map(|day| format!("/whats-on?from={day}&days={days}{city_query}")),
        calendar: format!("/whats-on.ics{}", city_query.replacen('&', "?", 1)),
        city,
        cities,
        days: lines,
    })
}

/// `GET /whats-on.ics?city=…`: the coming screenings, in one city or all,
/// as a calendar to subscribe to.
pub async fn whats_on_calendar(
    State(state): State<AppState>,
    Query(query): Query<WhatsOnQuery>,
) -> Result<Response, WebError> {
    let base = state.config.base_url();
    let city = query.city.clone().filter(|city| !city.trim().is_empty());
    let from = match query.from.as_deref().filter(|text| !text.is_empty()) {
        Some(text) => parse_day("from", text)?,
        None => time::OffsetDateTime::now_utc().date() - time::Duration::days(1),
    };
    let filter = ScreeningFilter {
        from_day: Some(from.to_string()),
        city: city.clone(),
        limit: SCREENINGS_SHOWN,
        ..ScreeningFilter::default()
    };
    let programme = Programme::read(&state.store, &filter).await?;
    let place = city
        .clone()
        .unwrap_or_else(|| kinora_i18n::t("every-city-lower"));
    let city_query = city
        .map(|city| {
            format!(
                "?city={}",
                form_urlencoded::byte_serialize(city.as_bytes()).collect::<String>()
            )
        })
        .unwrap_or_default();
    let calendar = calendar_of(
        &state.store,
        &base,
        &programme,
        kinora_i18n::t_with("calendar-whats-on-in", &[("place", place.clone().into())]),
        kinora_i18n::t_with("calendar-screenings-in", &[("place", place.clone().into())]),
        format!("{base}/whats-on{city_query}"),
    )
    .await?;
    Ok((
        [(header::CONTENT_TYPE, ical::CONTENT_TYPE)],
        ical::write(&calendar),
    )
        .into_response())
}
