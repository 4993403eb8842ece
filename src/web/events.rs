//! Events on pages and in calendars: a festival's programme by day and
//! venue, a venue's and a film's screenings, a film's timeline from
//! announcement to release, "in the news", the "what's on" page, and the
//! iCalendar feeds calendar programs subscribe to.
//!
//! Screenings are read from the store's derived rows (by day, film, venue
//! or event) and placed in time with their venue's zone; a programme shows
//! local time ("12:45, Amsterdam time"), a calendar file UTC.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use kinora_core::model::{
    Citation, Entity, Event, MentionStatus, Screening, Source, Venue, preferred_first,
};
use kinora_core::when::{Instant, TimeZone};
use kinora_core::{EntityId, EntityKind, PartialDate};
use kinora_formats::ical::{self, Calendar, CalendarEvent, When};
use kinora_store::{ScreeningFilter, ScreeningRow, Store};
use serde::Deserialize;
use serde_json::Value;

use super::auth::Viewer;
use super::render::render;
use super::view::{Body, Cell, Lookup, Row, Section, capitalize};
use super::{AppState, WebError};
use askama::Template;

/// How many screenings a page or a calendar shows at most.
const SCREENINGS_SHOWN: i64 = 1000;

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
            match entity {
                Entity::Event(event) => {
                    events.insert(id, event);
                }
                Entity::Venue(venue) => {
                    venues.insert(id, venue);
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
    fn named(&self) -> Vec<(EntityKind, EntityId)> {
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
    fn film_keys(&self) -> Vec<(EntityKind, EntityId)> {
        let mut seen = HashSet::new();
        self.rows
            .iter()
            .filter(|row| seen.insert(row.film.clone()))
            .map(|row| (EntityKind::Film, row.film.clone()))
            .collect()
    }
}

/// "Sun 18 Nov 2012".
pub fn day_label(date: time::Date) -> String {
    let weekday = &date.weekday().to_string()[..3];
    let month = &date.month().to_string()[..3];
    format!("{weekday} {} {month} {}", date.day(), date.year())
}

/// What each column of a schedule shows beside the day and time.
#[derive(Clone, Copy, PartialEq)]
enum Columns {
    /// A festival's or venue's programme: the film, then where.
    Programme,
    /// A film's screenings: where, then which event.
    Film,
}

/// A schedule table: one row per screening, the day written once per day.
fn schedule_rows(showings: &[Showing<'_>], columns: Columns, lookup: &mut Lookup) -> Vec<Row> {
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
        let mut time = Cell::text(screening.start.clock().unwrap_or_else(|| "all day".into()));
        if let Some(zone) = showing.zone {
            time = time.aside(format!("{} time", zone.city()));
        }
        let venue = lookup.entity_cell(EntityKind::Venue, &screening.venue.id, None);
        let mut film = lookup.entity_cell(EntityKind::Film, &screening.film.id, None);
        let mut details = Vec::new();
        if let Some(minutes) = screening.minutes {
            details.push(format!("{minutes} min"));
        }
        if let Some(premiere) = screening.premiere {
            details.push(premiere.label().to_owned());
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
            cells.push(vec![Cell::link("Tickets", tickets.clone())]);
        } else {
            cells.push(vec![Cell::text("")]);
        }
        rows.push(lookup.row(screening, &screening.note, cells));
    }
    rows
}

fn schedule_headers(columns: Columns) -> Vec<String> {
    let mut headers = vec!["Day".to_owned(), "Time".to_owned()];
    match columns {
        Columns::Programme => headers.extend(["Film".to_owned(), "Venue".to_owned()]),
        Columns::Film => headers.extend(["Venue".to_owned(), "Event".to_owned()]),
    }
    headers.push(String::new());
    headers
}

/// A link from a page to one of its feeds.
#[derive(Debug, Clone)]
pub struct FeedLink {
    pub title: String,
    pub href: String,
    pub media_type: &'static str,
}

/// What the events and news add to an entity's page.
pub struct Additions {
    pub sections: Vec<Section>,
    pub feeds: Vec<FeedLink>,
    /// schema.org `ScreeningEvent`s, under `subEvent` (an event) or
    /// `subjectOf` (a film).
    pub screenings_ld: Vec<Value>,
}

/// The sources and names a part of a page cites that the page has not read.
async fn read_into(
    back: &mut Backlinks<'_>,
    lookup: &mut Lookup,
    keys: Vec<(EntityKind, EntityId)>,
    citations: &[&Citation],
) -> Result<(), WebError> {
    let sources: Vec<(EntityKind, EntityId)> = citations
        .iter()
        .map(|citation| (EntityKind::Source, citation.source.id.clone()))
        .filter(|(_, id)| !lookup.sources.contains_key(id))
        .collect();
    for ((_, id), entity) in back.documents(&sources).await? {
        if let Entity::Source(source) = entity {
            lookup.sources.insert(id, source);
        }
    }
    back.summaries_into(lookup, keys).await
}

/// The line of a listing that names an entity read whole.
pub fn summary_of(entity: &Entity) -> kinora_store::Summary {
    kinora_store::Summary {
        kind: entity.kind(),
        id: entity.id().to_string(),
        label: entity.label(),
        year: entity.year().map(i64::from),
    }
}

/// The entities that refer to others, each read from the store once per
/// page or calendar: the programme, the timeline and the news all look at
/// the same backlinks of one entity.
/// The references to one entity a page reads at most.
const REFERRERS_READ: i64 = 2000;
/// The entities making them that a page reads whole at once.
const DOCUMENTS_READ: i64 = 500;

pub struct Backlinks<'s> {
    pub store: &'s Store,
    read: HashMap<(EntityKind, EntityId), Vec<kinora_store::Referrer>>,
    /// The documents read so far (`None`: not in the store).
    documents: HashMap<(EntityKind, EntityId), Option<Entity>>,
}

impl<'s> Backlinks<'s> {
    pub fn new(store: &'s Store) -> Backlinks<'s> {
        Backlinks {
            store,
            read: HashMap::new(),
            documents: HashMap::new(),
        }
    }

    /// The documents of these entities that the store holds, each read
    /// once per page: the ones not read yet, in one statement.
    pub async fn documents(
        &mut self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<std::collections::BTreeMap<(EntityKind, EntityId), Entity>, WebError> {
        let mut missing: Vec<(EntityKind, EntityId)> = keys
            .iter()
            .filter(|key| !self.documents.contains_key(*key))
            .cloned()
            .collect();
        missing.sort();
        missing.dedup();
        if !missing.is_empty() {
            let mut found = self.store.get_many(&missing).await?;
            for key in missing {
                let entity = found.remove(&key);
                self.documents.insert(key, entity);
            }
        }
        Ok(keys
            .iter()
            .filter_map(|key| {
                self.documents
                    .get(key)
                    .and_then(Option::as_ref)
                    .map(|entity| (key.clone(), entity.clone()))
            })
            .collect())
    }

    /// A document read already on this page.
    pub fn cached(&self, key: &(EntityKind, EntityId)) -> Option<&Entity> {
        self.documents.get(key).and_then(Option::as_ref)
    }

    /// The references to an entity read already on this page.
    pub fn cached_referrers(
        &self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Option<&[kinora_store::Referrer]> {
        self.read.get(&(kind, id.clone())).map(Vec::as_slice)
    }

    /// Remembers documents read elsewhere on the page.
    pub fn remember(&mut self, documents: impl IntoIterator<Item = Entity>) {
        for entity in documents {
            self.documents
                .insert((entity.kind(), entity.id().clone()), Some(entity));
        }
    }

    /// Reads the references to this entity and, whole, the first 500
    /// entities that make them, in one statement, so that the programme,
    /// the news and the backward sections find them.
    pub async fn read_referring(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<(), WebError> {
        let key = (kind, id.clone());
        if self.read.contains_key(&key) {
            return Ok(());
        }
        let (referrers, documents) = self
            .store
            .referrers_with_documents(kind, id, REFERRERS_READ, DOCUMENTS_READ)
            .await?;
        self.read.insert(key, referrers);
        self.remember(documents);
        Ok(())
    }

    /// The names of these entities, from the documents read when there.
    async fn summaries_into(
        &mut self,
        lookup: &mut Lookup,
        keys: Vec<(EntityKind, EntityId)>,
    ) -> Result<(), WebError> {
        let mut missing = Vec::new();
        for key in keys {
            if lookup.summaries.contains_key(&key) {
                continue;
            }
            match self.documents.get(&key) {
                Some(Some(entity)) => {
                    lookup.summaries.insert(key, summary_of(entity));
                }
                Some(None) => {}
                None => missing.push(key),
            }
        }
        if !missing.is_empty() {
            lookup
                .summaries
                .extend(self.store.summaries(&missing).await?);
        }
        Ok(())
    }

    /// Every reference to this entity (the first 2,000).
    pub async fn all(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<&[kinora_store::Referrer], WebError> {
        let key = (kind, id.clone());
        if !self.read.contains_key(&key) {
            let referrers = self.store.referrers(kind, id, REFERRERS_READ).await?;
            self.read.insert(key.clone(), referrers);
        }
        Ok(&self.read[&key])
    }

    /// The entities of a kind that refer to this one through a field.
    async fn referring(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
        from: EntityKind,
        field: &str,
    ) -> Result<Vec<EntityId>, WebError> {
        let mut ids = Vec::new();
        for referrer in self.all(kind, id).await? {
            if referrer.from.kind == from
                && referrer.path.list() == Some(field)
                && let Ok(id) = EntityId::parse(&referrer.from.id)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}

/// An event and the events that are part of it (a festival edition and its
/// sections), two levels down.
async fn event_family(back: &mut Backlinks<'_>, id: &EntityId) -> Result<Vec<EntityId>, WebError> {
    let mut family = vec![id.clone()];
    let mut index = 0;
    while index < family.len() && family.len() < 500 {
        let parts = back
            .referring(
                EntityKind::Event,
                &family[index],
                EntityKind::Event,
                "part_of",
            )
            .await?;
        for part in parts {
            if !family.contains(&part) {
                family.push(part);
            }
        }
        index += 1;
    }
    Ok(family)
}

/// A venue and the venues in it (a cinema and its screens).
async fn venue_family(back: &mut Backlinks<'_>, id: &EntityId) -> Result<Vec<EntityId>, WebError> {
    let mut family = vec![id.clone()];
    family.extend(
        back.referring(EntityKind::Venue, id, EntityKind::Venue, "part_of")
            .await?,
    );
    Ok(family)
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
async fn programme_for(
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
            if let Entity::Event(event) = entity {
                programme.events.insert(id, event);
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

/// What events and news add to an entity's page: the programme or the
/// screenings, a film's timeline, "in the news", and the feeds.
pub async fn additions(
    back: &mut Backlinks<'_>,
    entity: &Entity,
    lookup: &mut Lookup,
) -> Result<Additions, WebError> {
    let kind = entity.kind();
    let id = entity.id();
    let mut additions = Additions {
        sections: Vec::new(),
        feeds: Vec::new(),
        screenings_ld: Vec::new(),
    };
    let base = format!("/{}/{id}", kind.plural());
    if let Some(programme) = programme_for(back, entity).await? {
        let showings = programme.showings();
        let keys = programme.named();
        let citations: Vec<&Citation> = showings
            .iter()
            .flat_map(|showing| showing.screening.sources.iter())
            .collect();
        read_into(back, lookup, keys, &citations).await?;
        let columns = if kind == EntityKind::Film {
            Columns::Film
        } else {
            Columns::Programme
        };
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let (upcoming, past): (Vec<_>, Vec<_>) = showings
            .into_iter()
            .partition(|showing| showing.row.day >= today);
        let title = |when: &str| match kind {
            EntityKind::Event | EntityKind::Company => format!("Programme{when}"),
            _ => format!("Screenings{when}"),
        };
        let (upcoming_title, past_title) = if upcoming.is_empty() || past.is_empty() {
            (title(""), title(""))
        } else {
            (title(": coming"), title(": past"))
        };
        for (anchor, title, list) in [
            ("screenings", upcoming_title, &upcoming),
            ("past-screenings", past_title, &past),
        ] {
            let rows = schedule_rows(list, columns, lookup);
            additions.sections.extend(Section::new(
                anchor,
                &title,
                Body::Table {
                    headers: schedule_headers(columns),
                    rows,
                },
            ));
        }
        let label = |kind: EntityKind, id: &EntityId| {
            lookup
                .summaries
                .get(&(kind, id.clone()))
                .map(|s| s.label.clone())
        };
        let no_source = |_: &EntityId| None;
        let jsonld = kinora_formats::jsonld::Context {
            base: "",
            label: &label,
            source: &no_source,
        };
        for showing in upcoming.iter().chain(past.iter()) {
            let zone_of = |venue: &EntityId| programme.venues.get(venue).and_then(Venue::zone);
            if let Ok(timed) = showing.event.timed_screenings(&zone_of)
                && let Some(timed) = timed.iter().find(|t| t.position == showing.row.position)
            {
                additions
                    .screenings_ld
                    .push(kinora_formats::jsonld::screening(
                        showing.event,
                        timed,
                        showing.venue,
                        &jsonld,
                    ));
            }
        }
        additions.feeds.push(FeedLink {
            title: format!("Calendar of {}", entity.label()),
            href: format!("{base}/calendar.ics"),
            media_type: "text/calendar",
        });
    }
    // The events part of an event (a festival's sections), the venues
    // part of a venue (a cinema's screens), listed before the programme.
    let parts_title = match kind {
        EntityKind::Event => Some(("Sections and events", "Event")),
        EntityKind::Venue => Some(("Screens and halls", "Venue")),
        _ => None,
    };
    if let Some((title, header)) = parts_title {
        let parts = back.referring(kind, id, kind, "part_of").await?;
        let keys: Vec<_> = parts.iter().map(|p| (kind, p.clone())).collect();
        read_into(back, lookup, keys, &[]).await?;
        let rows: Vec<Row> = parts
            .iter()
            .map(|part| Row {
                cells: vec![vec![lookup.entity_cell(kind, part, None)]],
                ..Row::default()
            })
            .collect();
        if let Some(section) = Section::new(
            "parts",
            title,
            Body::Table {
                headers: vec![header.into()],
                rows,
            },
        ) {
            additions.sections.insert(0, section);
        }
    }
    if matches!(
        kind,
        EntityKind::Film | EntityKind::Person | EntityKind::Company
    ) {
        let articles = news_about(back, kind, id).await?;
        if let Entity::Film(film) = entity {
            let timeline = timeline(back, film, &articles, lookup).await?;
            additions.sections.extend(timeline);
        }
        // Each line cites the article itself, with the words it used.
        let citations: Vec<(EntityId, Citation)> = articles
            .iter()
            .map(|article| {
                (
                    article.id.clone(),
                    Citation {
                        source: kinora_core::id::SourceRef::new(article.id.clone()),
                        quote: mentioned_as(article, kind, id),
                    },
                )
            })
            .collect();
        for article in &articles {
            lookup
                .sources
                .entry(article.id.clone())
                .or_insert_with(|| article.clone());
        }
        let rows: Vec<Row> = articles
            .iter()
            .map(|article| {
                let cites = citations
                    .iter()
                    .filter(|(of, _)| *of == article.id)
                    .map(|(_, citation)| citation.clone())
                    .collect::<Vec<_>>();
                let mut title =
                    Cell::link(article.title.clone(), format!("/sources/{}", article.id));
                if let Some(written) = mentioned_as(article, kind, id)
                    && written != entity.label()
                {
                    title = title.aside(format!("as “{written}”"));
                }
                Row {
                    cells: vec![
                        vec![Cell::text(
                            article.date.map(|d| d.display()).unwrap_or_default(),
                        )],
                        vec![title],
                        vec![Cell::text(article.publisher.clone().unwrap_or_default())],
                    ],
                    cites: lookup.cite(&cites),
                    ..Row::default()
                }
            })
            .collect();
        additions.sections.extend(Section::new(
            "news",
            "In the news",
            Body::Table {
                headers: vec!["Date".into(), "Article".into(), "Publisher".into()],
                rows,
            },
        ));
        additions.feeds.push(FeedLink {
            title: format!("News about {}", entity.label()),
            href: format!("{base}/news.atom"),
            media_type: "application/atom+xml",
        });
    }
    Ok(additions)
}

/// The spelling an article used for an entity it names.
fn mentioned_as(article: &Source, kind: EntityKind, id: &EntityId) -> Option<String> {
    article
        .mentions
        .iter()
        .find(|mention| mention.target() == Some((kind, id)))
        .map(|mention| mention.written.clone())
}

/// The articles that name an entity, as an editor confirmed, newest first.
pub async fn news_about(
    back: &mut Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Result<Vec<Source>, WebError> {
    let ids = back
        .referring(kind, id, EntityKind::Source, "mentions")
        .await?;
    let keys: Vec<_> = ids.into_iter().map(|id| (EntityKind::Source, id)).collect();
    let mut articles: Vec<Source> = back
        .documents(&keys)
        .await?
        .into_values()
        .filter_map(|entity| match entity {
            Entity::Source(source) => Some(source),
            _ => None,
        })
        .filter(|source| {
            source.mentions.iter().any(|mention| {
                mention.status == MentionStatus::Confirmed && mention.target() == Some((kind, id))
            })
        })
        .collect();
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    Ok(articles)
}

/// One step of a film's story, with the sources that tell it.
struct Step {
    date: PartialDate,
    what: Vec<Cell>,
    note: Option<String>,
    citations: Vec<Citation>,
}

/// A film's timeline: its statuses, releases, the events that showed or
/// presented it, and the articles that named it, by date, each with its
/// sources.
async fn timeline(
    back: &mut Backlinks<'_>,
    film: &kinora_core::model::Film,
    articles: &[Source],
    lookup: &mut Lookup,
) -> Result<Option<Section>, WebError> {
    let mut steps: Vec<Step> = Vec::new();
    for status in preferred_first(&film.statuses) {
        if let Some(date) = status.date {
            steps.push(Step {
                date,
                what: vec![Cell::text(capitalize(status.status.label())).aside("status")],
                note: status.note.clone(),
                citations: status.sources.clone(),
            });
        }
    }
    // Cast and crew joining or leaving a film not yet made.
    for credit in &film.credits {
        if let (Some(status), Some(date)) = (credit.status, credit.date) {
            let person = lookup
                .entity_cell(
                    EntityKind::Person,
                    &credit.person.id,
                    credit.credited_as.as_deref(),
                )
                .aside(format!("{} · {}", status.label(), credit.job));
            steps.push(Step {
                date,
                what: vec![person],
                note: None,
                citations: credit.sources.clone(),
            });
        }
    }
    for release in preferred_first(&film.releases) {
        if let Some(date) = release.date {
            let mut text = capitalize(release.kind.label());
            if let Some(country) = &release.country {
                text.push_str(&format!(", {}", country.name()));
            }
            let mut cell = Cell::text(text);
            if let Some(event) = &release.event {
                cell = cell.aside(event.clone());
            }
            steps.push(Step {
                date,
                what: vec![cell],
                note: release.note.clone(),
                citations: release.sources.clone(),
            });
        }
    }
    let mut event_ids = back
        .referring(EntityKind::Film, &film.id, EntityKind::Event, "films")
        .await?;
    for id in back
        .referring(EntityKind::Film, &film.id, EntityKind::Event, "screenings")
        .await?
    {
        if !event_ids.contains(&id) {
            event_ids.push(id);
        }
    }
    let keys: Vec<_> = event_ids
        .iter()
        .map(|id| (EntityKind::Event, id.clone()))
        .collect();
    let events: BTreeMap<EntityId, Event> = back
        .store
        .get_many(&keys)
        .await?
        .into_iter()
        .filter_map(|((_, id), entity)| match entity {
            Entity::Event(event) => Some((id, event)),
            _ => None,
        })
        .collect();
    for event in events.values() {
        let own: Vec<&Screening> = event
            .screenings
            .iter()
            .filter(|screening| screening.film.id == film.id)
            .collect();
        let (date, citations) = match (event.dates(), own.first()) {
            (_, Some(screening)) => (
                PartialDate::from_date(screening.start.date()),
                screening.sources.clone(),
            ),
            (Some(dates), None) => (dates.start, dates.sources.clone()),
            (None, None) => continue,
        };
        let mut cell = Cell::link(event_name(event), format!("/events/{}", event.id));
        cell = cell.aside(if own.len() > 1 {
            format!("{}, {} screenings", event.kind.label(), own.len())
        } else {
            event.kind.label().to_owned()
        });
        steps.push(Step {
            date,
            what: vec![cell],
            note: None,
            citations,
        });
    }
    for article in articles {
        if let Some(date) = article.date {
            steps.push(Step {
                date,
                what: vec![
                    Cell::link(article.title.clone(), format!("/sources/{}", article.id))
                        .aside(article.publisher.clone().unwrap_or_else(|| "news".into())),
                ],
                note: None,
                citations: vec![Citation {
                    source: kinora_core::id::SourceRef::new(article.id.clone()),
                    quote: None,
                }],
            });
        }
    }
    if steps.is_empty() {
        return Ok(None);
    }
    steps.sort_by_key(|step| step.date);
    let citations: Vec<Citation> = steps.iter().flat_map(|s| s.citations.clone()).collect();
    let refs: Vec<&Citation> = citations.iter().collect();
    read_into(back, lookup, Vec::new(), &refs).await?;
    let rows: Vec<Row> = steps
        .into_iter()
        .map(|step| Row {
            cells: vec![vec![Cell::text(step.date.display())], step.what],
            note: step.note,
            cites: lookup.cite(&step.citations),
            ..Row::default()
        })
        .collect();
    Ok(Section::new(
        "timeline",
        "Timeline",
        Body::Table {
            headers: vec!["Date".into(), "What happened".into()],
            rows,
        },
    ))
}

/// An event's name: its preferred name, else its first.
fn event_name(event: &Event) -> String {
    kinora_core::model::preferred_or_first(&event.names)
        .map(|name| name.text.clone())
        .unwrap_or_else(|| event.id.to_string())
}

// ---------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------

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
    let (kind, id) = super::render::parse_path(&kind, &id)?;
    let entity = match state.store.lookup(kind, &id).await? {
        kinora_store::Lookup::Present { entity, .. } => entity,
        kinora_store::Lookup::Redirect { to } => {
            return Ok(super::moved_permanently(&format!(
                "/{}/{to}/calendar.ics",
                kind.plural()
            )));
        }
        kinora_store::Lookup::Missing => {
            return Err(WebError::NotFound(format!(
                "There is no {kind} with id `{id}`."
            )));
        }
    };
    let Some(programme) = programme_for(&mut Backlinks::new(&state.store), &entity).await? else {
        return Err(WebError::NotFound(format!(
            "A {kind} has no calendar of its own."
        )));
    };
    let base = state.config.base_url();
    let calendar = calendar_of(
        &state.store,
        &base,
        &programme,
        format!("{} — Kinora", entity.label()),
        format!("Screenings of {} on Kinora", entity.label()),
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
async fn calendar_of(
    store: &Store,
    base: &str,
    programme: &Programme,
    name: String,
    description: String,
    url: String,
) -> Result<Calendar, WebError> {
    let films = store.summaries(&programme.film_keys()).await?;
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
            (Some(clock), Some(zone)) => format!(
                "{} {clock} ({} time)",
                day_label(showing.screening.start.date()),
                zone.city()
            ),
            _ => day_label(showing.screening.start.date()),
        };
        events.push(CalendarEvent {
            uid: screening_uid(showing.row, showing.screening),
            summary: format!("{} — {event_name}", film_name(&showing.row.film)),
            start: when_of(showing.start),
            end: showing.end.map(when_of),
            location: Some(location),
            description: Some(format!(
                "{} at {venue_name}, {local}. {base}/films/{}",
                film_name(&showing.row.film),
                showing.row.film
            )),
            url: Some(format!("{base}/events/{}", showing.row.event)),
            categories: vec![capitalize(showing.event.kind.label())],
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
                capitalize(event.kind.label())
            )),
            url: Some(format!("{base}/events/{id}")),
            categories: vec![capitalize(event.kind.label())],
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
        .and_then(|entry| {
            time::OffsetDateTime::parse(&entry.at, &time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH))
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
    let place = city.clone().unwrap_or_else(|| "every city".into());
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
        format!("What's on in {place} — Kinora"),
        format!("Screenings in {place} on Kinora"),
        format!("{base}/whats-on{city_query}"),
    )
    .await?;
    Ok((
        [(header::CONTENT_TYPE, ical::CONTENT_TYPE)],
        ical::write(&calendar),
    )
        .into_response())
}

/// A day written `YYYY-MM-DD`, or a message naming the parameter.
fn parse_day(name: &str, text: &str) -> Result<time::Date, WebError> {
    time::Date::parse(
        text,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| WebError::BadRequest(format!("{name}: `{text}` is not a day; write YYYY-MM-DD")))
}

// ---------------------------------------------------------------------------
// What's on
// ---------------------------------------------------------------------------

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
                .unwrap_or_else(|| "all day".into()),
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
            .and_then(|day| {
                time::Date::parse(
                    &day,
                    &time::macros::format_description!("[year]-[month]-[day]"),
                )
                .ok()
            })
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

// ---------------------------------------------------------------------------
// The JSON API
// ---------------------------------------------------------------------------

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
    responses((status = 200, body = ScreeningsResponse), (status = 400, body = super::error::ErrorResponse))
)]
pub async fn api_screenings(
    State(state): State<AppState>,
    Query(params): Query<ScreeningParams>,
) -> Result<axum::Json<ScreeningsResponse>, WebError> {
    let bad = |message: String| WebError::BadRequest(message).api();
    let day = |name: &str, text: &Option<String>| -> Result<Option<String>, WebError> {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|text| parse_day(name, text).map(|date| date.to_string()))
            .transpose()
            .map_err(WebError::api)
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
        filter.venues = venue_family(&mut Backlinks::new(&state.store), &venue)
            .await
            .map_err(WebError::api)?;
    }
    if let Some(event) = id("event", &params.event)? {
        filter.events = event_family(&mut Backlinks::new(&state.store), &event)
            .await
            .map_err(WebError::api)?;
    }
    let programme = Programme::read(&state.store, &filter)
        .await
        .map_err(WebError::api)?;
    let names = state
        .store
        .summaries(&programme.film_keys())
        .await
        .map_err(|e| WebError::from(e).api())?;
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
