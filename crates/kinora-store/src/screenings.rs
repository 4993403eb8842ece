//! Screenings: rows derived from the events that list them, kept in step by
//! the write path, and read by day, city, film, venue or event for the
//! calendars.
//!
//! A screening's local time means something only in its venue's zone, so
//! the rows of an event are rebuilt whenever the event or one of its venues
//! is written, in the same transaction; a write that would leave a
//! screening at a time its venue's zone skips, or at a venue without a
//! zone, is refused and nothing is saved.

use std::collections::{HashMap, HashSet};

use kinora_core::model::Entity;
use kinora_core::when::{Instant, TimeZone};
use kinora_core::{EntityId, EntityKind};
use serde::Serialize;
use sqlx::Row;

use crate::decode::{entity_of_row, id_of, key_of};
use crate::sql::{KEYS_PER_STATEMENT, PARAMETERS_PER_STATEMENT, key_list, placeholders};
use crate::{Dialect, Result, Store, StoreError, Tx, parse_id};

/// One screening as the calendars read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreeningRow {
    pub event: EntityId,
    /// Its place in the event's `screenings`.
    pub position: usize,
    pub film: EntityId,
    pub venue: EntityId,
    /// The local time as written: `2012-11-19T12:45` or `2008-04-28`.
    pub local_start: String,
    /// The local day: `2012-11-19`.
    pub day: String,
    /// RFC 3339 in UTC; none for a day without a time.
    pub start_utc: Option<String>,
    pub end_utc: Option<String>,
    /// The venue's city, as named.
    pub city: Option<String>,
}

/// Which screenings to read. Empty lists do not filter.
#[derive(Debug, Clone, Default)]
pub struct ScreeningFilter {
    pub events: Vec<EntityId>,
    pub films: Vec<EntityId>,
    pub venues: Vec<EntityId>,
    /// The first local day, included (`YYYY-MM-DD`).
    pub from_day: Option<String>,
    /// The last local day, included.
    pub to_day: Option<String>,
    pub city: Option<String>,
    /// Latest first, for "past screenings".
    pub latest_first: bool,
    pub limit: i64,
    /// Also the screenings of these events, whatever the other lists say:
    /// a film's own screenings and those of the events it took part in,
    /// in one statement.
    pub or_events: Vec<EntityId>,
}

impl Store {
    /// Screenings in local-time order (day, then start), filtered.
    pub async fn screenings(&self, filter: &ScreeningFilter) -> Result<Vec<ScreeningRow>> {
        let mut sql = String::from(
            "select event_id, position, film_id, venue_id, local_start, day, start_utc, end_utc, city \
             from screening where 1 = 1",
        );
        let mut binds: Vec<String> = Vec::new();
        let mut list = |sql: &mut String, column: &str, ids: &[EntityId]| {
            if ids.is_empty() {
                return;
            }
            let marks: Vec<String> = ids
                .iter()
                .map(|id| {
                    binds.push(id.to_string());
                    format!("${}", binds.len())
                })
                .collect();
            sql.push_str(&format!(" and {column} in ({})", marks.join(", ")));
        };
        let mut lists = String::from("1 = 1");
        list(&mut lists, "event_id", &filter.events);
        list(&mut lists, "film_id", &filter.films);
        list(&mut lists, "venue_id", &filter.venues);
        if filter.or_events.is_empty() {
            sql.push_str(&lists[5..]);
        } else {
            let mut either = String::from("1 = 0");
            list(&mut either, "event_id", &filter.or_events);
            sql.push_str(&format!(
                " and (({lists}) or {})",
                either[10..].trim_start()
            ));
        }
        for (condition, value) in [
            ("day >=", &filter.from_day),
            ("day <=", &filter.to_day),
            ("city =", &filter.city),
        ] {
            if let Some(value) = value {
                binds.push(value.clone());
                sql.push_str(&format!(" and {condition} ${}", binds.len()));
            }
        }
        let order = if filter.latest_first { "desc" } else { "asc" };
        sql.push_str(&format!(
            " order by day {order}, local_start {order}, event_id, position limit {}",
            filter.limit.max(0)
        ));
        let mut query = sqlx::query(&sql);
        for value in &binds {
            query = query.bind(value.clone());
        }
        let rows = query.fetch_all(&self.pool).await?;
        if crate::built_from::recording_now() {
            // An event's screenings come from its document; a film's or a
            // venue's from the events that link to it.
            for id in filter.events.iter().chain(&filter.or_events) {
                crate::built_from::note(EntityKind::Event, id.as_str());
            }
            for (kind, ids) in [
                (EntityKind::Film, &filter.films),
                (EntityKind::Venue, &filter.venues),
            ] {
                for id in ids {
                    crate::built_from::note_links(kind, id.as_str());
                }
            }
        }
        rows.into_iter()
            .map(|row| {
                let position: i64 = row.try_get("position")?;
                Ok(ScreeningRow {
                    event: id_of(&row, "event_id")?,
                    position: usize::try_from(position).map_err(|_| {
                        StoreError::Invalid(format!(
                            "position in the store: {position} is not a place in a programme"
                        ))
                    })?,
                    film: id_of(&row, "film_id")?,
                    venue: id_of(&row, "venue_id")?,
                    local_start: row.try_get("local_start")?,
                    day: row.try_get("day")?,
                    start_utc: row.try_get("start_utc")?,
                    end_utc: row.try_get("end_utc")?,
                    city: row.try_get("city")?,
                })
                .inspect(|screening: &ScreeningRow| {
                    crate::built_from::note(EntityKind::Event, screening.event.as_str());
                    crate::built_from::note(EntityKind::Venue, screening.venue.as_str());
                    crate::built_from::note(EntityKind::Film, screening.film.as_str());
                })
            })
            .collect()
    }

    /// The cities with screenings from a day on (`""` for every day), with
    /// how many each has.
    pub async fn screening_cities(&self, from_day: &str) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "select city, count(*) as screenings from screening where city is not null and day >= $1 \
             group by city order by city",
        )
        .bind(from_day)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| Ok((row.try_get("city")?, row.try_get("screenings")?)))
            .collect()
    }

    /// The local day of the last screening before a day, to point a
    /// visitor from an empty "what's on" to the latest programme.
    pub async fn last_screening_day_before(&self, day: &str) -> Result<Option<String>> {
        let row = sqlx::query("select max(day) from screening where day < $1")
            .bind(day)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}

/// Rebuilds the screening rows of the events a write touched, and of the
/// events at the venues it touched; refuses the write when a screening
/// cannot be placed in time.
pub(crate) async fn rebuild(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    touched: &[(EntityKind, EntityId)],
) -> Result<()> {
    let mut events: Vec<EntityId> = Vec::new();
    let mut seen = HashSet::new();
    let venues: Vec<&EntityId> = touched
        .iter()
        .filter(|(kind, _)| *kind == EntityKind::Venue)
        .map(|(_, id)| id)
        .collect();
    for (kind, id) in touched {
        if *kind == EntityKind::Event && seen.insert(id.clone()) {
            events.push(id.clone());
        }
    }
    for chunk in venues.chunks(KEYS_PER_STATEMENT) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "select distinct from_id from entity_link where from_kind = 'event' and to_kind = 'venue' and to_id in ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(id.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            let id: String = row.try_get(0)?;
            let id = parse_id(&id)?;
            if seen.insert(id.clone()) {
                events.push(id);
            }
        }
    }
    if events.is_empty() {
        return Ok(());
    }
    for chunk in events.chunks(KEYS_PER_STATEMENT) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "delete from screening where event_id in ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(id.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    let event_keys: Vec<(EntityKind, EntityId)> = events
        .iter()
        .map(|id| (EntityKind::Event, id.clone()))
        .collect();
    let documents = present(tx, dialect, &event_keys).await?;
    let mut venue_keys: Vec<(EntityKind, EntityId)> = Vec::new();
    let mut wanted = HashSet::new();
    for entity in documents.values() {
        if let Entity::Event(event) = entity {
            for screening in &event.screenings {
                if wanted.insert(screening.venue.id.clone()) {
                    venue_keys.push((EntityKind::Venue, screening.venue.id.clone()));
                }
            }
        }
    }
    let venue_documents = present(tx, dialect, &venue_keys).await?;
    let mut zones: HashMap<EntityId, TimeZone> = HashMap::new();
    let mut cities: HashMap<EntityId, String> = HashMap::new();
    for ((_, id), entity) in &venue_documents {
        if let Entity::Venue(venue) = entity {
            if let Some(zone) = venue.zone() {
                zones.insert(id.clone(), zone);
            }
            if let Some(city) = venue.city() {
                cities.insert(id.clone(), city.name.clone());
            }
        }
    }
    let mut rows: Vec<ScreeningRow> = Vec::new();
    for id in &events {
        let Some(Entity::Event(event)) = documents.get(&(EntityKind::Event, id.clone())) else {
            continue;
        };
        let zone_of = |venue: &EntityId| zones.get(venue).copied();
        let timed = event.timed_screenings(&zone_of).map_err(|problems| {
            StoreError::Invalid(format!("event `{id}`: {}", problems.join("; ")))
        })?;
        for timed in timed {
            let screening = &event.screenings[timed.position];
            let utc = |instant: Option<Instant>| {
                instant.and_then(|instant| instant.utc()).map(|at| {
                    at.format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default()
                })
            };
            rows.push(ScreeningRow {
                event: id.clone(),
                position: timed.position,
                film: screening.film.id.clone(),
                venue: screening.venue.id.clone(),
                local_start: screening.start.to_string(),
                day: screening.start.day(),
                start_utc: utc(Some(timed.start)),
                end_utc: utc(timed.end),
                city: cities.get(&screening.venue.id).cloned(),
            });
        }
    }
    for chunk in rows.chunks(PARAMETERS_PER_STATEMENT / 9) {
        let sql = format!(
            "insert into screening (event_id, position, film_id, venue_id, local_start, day, start_utc, end_utc, city) values {}",
            placeholders(dialect, chunk.len(), 9, 0)
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = query
                .bind(row.event.to_string())
                .bind(row.position as i64)
                .bind(row.film.to_string())
                .bind(row.venue.to_string())
                .bind(row.local_start.clone())
                .bind(row.day.clone())
                .bind(row.start_utc.clone())
                .bind(row.end_utc.clone())
                .bind(row.city.clone());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The documents of those entities that are present, by key.
async fn present(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    keys: &[(EntityKind, EntityId)],
) -> Result<HashMap<(EntityKind, EntityId), Entity>> {
    let mut documents = HashMap::with_capacity(keys.len());
    for chunk in keys.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "select kind, id, doc from entity where (kind, id) in ({}) and doc is not null",
            key_list(dialect, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for (kind, id) in chunk {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            documents.insert(key_of(&row, "kind", "id")?, entity_of_row(&row)?);
        }
    }
    Ok(documents)
}
