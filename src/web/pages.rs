//! HTML pages. Handlers gather what a page needs from the store, build view
//! models (see `view`) and render a template; they write no SQL and no HTML.

use std::collections::{BTreeMap, HashMap, HashSet};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kinora_core::model::{Album, Entity, Source};
use kinora_core::traverse::ClaimPath;
use kinora_core::{EntityId, EntityKind};
use kinora_search::MatchKind;
use kinora_store::{ChangeRecord, HistoryEntry, Lookup as Stored, Store, Summary};
use serde::Deserialize;

use super::auth::Viewer;
use super::render::{parse_path, render, script_json};
use super::view::{self, Body, Cell, Lookup, Row, Section, SourceLine};
use super::{AppState, WebError};

pub async fn not_found() -> WebError {
    WebError::NotFound("There is no page at this address.".into())
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListTemplate {
    viewer: Viewer,
    title: String,
    items: Vec<Summary>,
    page: i64,
    more: bool,
    plural: String,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

const PAGE_SIZE: i64 = 100;

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let kind = EntityKind::parse(&kind)
        .filter(|parsed| parsed.plural() == kind)
        .ok_or_else(|| WebError::NotFound("There is no page at this address.".into()))?;
    let page = query.page.unwrap_or(1).max(1);
    let mut items = state
        .store
        .list(kind, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
        .await?;
    let more = items.len() as i64 > PAGE_SIZE;
    items.truncate(PAGE_SIZE as usize);
    let plural = kind.plural().to_owned();
    let title = format!("{}{}", plural[..1].to_uppercase(), &plural[1..]);
    render(&ListTemplate {
        viewer,
        title,
        items,
        page,
        more,
        plural,
    })
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityTemplate {
    viewer: Viewer,
    page: EntityPage,
    community: super::community::Community,
}

pub async fn entity(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let entity = match state.store.lookup(kind, &id).await? {
        Stored::Present { entity, .. } => entity,
        Stored::Redirect { to } => {
            return Ok(super::moved_permanently(&format!(
                "/{}/{}",
                kind.plural(),
                to
            )));
        }
        Stored::Missing => {
            return Err(WebError::NotFound(format!(
                "There is no {kind} with id `{id}`."
            )));
        }
    };
    let mut page = entity_page(&state.store, &entity).await?;
    page.card_image = page
        .hero
        .picture
        .as_ref()
        .map(|picture| format!("{}{}", state.config.base_url(), picture.src));
    let community =
        super::community::gather(&state, &viewer, &entity, &mut page.ld, &page.known).await?;
    page.json_ld = script_json(&page.ld)?;
    Ok(render(&EntityTemplate {
        viewer,
        page,
        community,
    })?
    .into_response())
}

/// The page of an entity: its header and sections.
pub struct EntityPage {
    pub kind: EntityKind,
    pub id: String,
    pub kind_label: String,
    pub title: String,
    pub title_lang: Option<String>,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub sources: Vec<SourceLine>,
    /// The page's schema.org JSON-LD, and the same ready for its script
    /// element.
    pub json_ld: String,
    pub ld: serde_json::Value,
    /// The page's calendars and news feeds.
    pub feeds: Vec<super::events::FeedLink>,
    /// The top of the page: picture, title, the first facts.
    pub hero: super::summary::Hero,
    /// Every picture of the entity, the shown ones first.
    pub pictures: Vec<super::pictures::PictureView>,
    /// The address of the picture a shared link previews with.
    pub card_image: Option<String>,
    /// A film's first-billed cast, with photos.
    pub cast: Vec<super::summary::PersonCard>,
    /// A person's films, the most recent first, as poster cards.
    pub known_for: Vec<super::browse::FilmCard>,
    /// The names of the entities the page read, the entity's own included,
    /// for the parts gathered after (the community's).
    pub known: super::community::Known,
}

/// Everything an entity's page shows, from the store.
pub async fn entity_page(store: &Store, entity: &Entity) -> Result<EntityPage, WebError> {
    let kind = entity.kind();
    let id = entity.id().clone();
    // The soundtrack albums of a film are shown with their tracks.
    // Every entity the page names, its soundtrack albums and the sources
    // its facts cite, read whole in one statement: their names and years
    // come from the documents, the sources are at hand for the marks.
    let mut keys: Vec<(EntityKind, EntityId)> = entity
        .references()
        .into_iter()
        .map(|r| (r.kind, r.id))
        .collect();
    if let Entity::Film(film) = entity {
        keys.extend(
            film.soundtracks
                .iter()
                .map(|s| (EntityKind::Album, s.album.id.clone())),
        );
    }
    keys.sort();
    keys.dedup();
    let documents = store.get_many(&keys).await?;
    // The page's backlinks and documents, each read once for the programme,
    // the news and the sections that look backwards alike.
    let mut back = super::events::Backlinks::new(store);
    back.remember(documents.values().cloned());
    back.remember([entity.clone()]);
    let mut albums: Vec<Album> = Vec::new();
    if let Entity::Film(film) = entity {
        for soundtrack in &film.soundtracks {
            if let Some(Entity::Album(album)) =
                documents.get(&(EntityKind::Album, soundtrack.album.id.clone()))
            {
                albums.push(album.clone());
            }
        }
    }
    let summary_of = super::events::summary_of;
    let mut summaries: BTreeMap<(EntityKind, EntityId), Summary> = documents
        .iter()
        .map(|(key, entity)| (key.clone(), summary_of(entity)))
        .collect();
    let mut sources: HashMap<EntityId, Source> = documents
        .into_iter()
        .filter_map(|((_, id), entity)| match entity {
            Entity::Source(source) => Some((id, source)),
            _ => None,
        })
        .collect();
    // The albums' tracks name their artists and cite their sources.
    let album_keys: Vec<(EntityKind, EntityId)> = albums
        .iter()
        .flat_map(|album| Entity::Album(album.clone()).references())
        .map(|r| (r.kind, r.id))
        .filter(|key| !summaries.contains_key(key))
        .collect();
    if !album_keys.is_empty() {
        for (key, entity) in store.get_many(&album_keys).await? {
            summaries.insert(key.clone(), summary_of(&entity));
            if let Entity::Source(source) = entity {
                sources.insert(key.1, source);
            }
        }
    }
    let json_ld = {
        let label = |kind: EntityKind, id: &EntityId| {
            summaries.get(&(kind, id.clone())).map(|s| s.label.clone())
        };
        let source = |id: &EntityId| sources.get(id).cloned();
        let context = kinora_formats::jsonld::Context {
            base: "",
            label: &label,
            source: &source,
        };
        kinora_formats::jsonld::entity(entity, &context)
    };
    let mut lookup = Lookup::new(summaries, sources);
    let hero = super::summary::hero(entity, &mut lookup);
    let label = entity.label();
    let mut pictures: Vec<super::pictures::PictureView> = entity
        .images()
        .iter()
        .map(|image| super::pictures::PictureView::new(image, &label))
        .collect();
    pictures.sort_by_key(|picture| (!picture.preferred, picture.role));
    let mut sections = match entity {
        Entity::Film(film) => view::film_sections(film, &albums, &mut lookup),
        Entity::Person(person) => view::person_sections(person, &mut lookup),
        Entity::Company(company) => view::company_sections(company, &mut lookup),
        Entity::Album(album) => view::album_sections(album, &mut lookup),
        Entity::Source(source) => view::source_sections(source, &mut lookup),
        Entity::Venue(venue) => view::venue_sections(venue, &mut lookup),
        Entity::Event(event) => view::event_sections(event, &mut lookup),
    };
    back.read_referring(kind, &id).await?;
    let cast = match entity {
        Entity::Film(film) => super::summary::cast_cards(
            film,
            &|person| back.cached(&(EntityKind::Person, person.clone())).cloned(),
            12,
        ),
        _ => Vec::new(),
    };
    let known_for = match entity {
        Entity::Person(_) => known_for(&back, kind, &id),
        _ => Vec::new(),
    };
    let additions = super::events::additions(&mut back, entity, &mut lookup).await?;
    sections.extend(additions.sections);
    sections.extend(referrer_sections(&mut back, kind, &id, &mut lookup).await?);
    let mut json_ld = json_ld;
    let key = if kind == EntityKind::Event {
        "subEvent"
    } else {
        "subjectOf"
    };
    kinora_formats::jsonld::add_screenings(&mut json_ld, key, additions.screenings_ld);
    let title = entity.label();
    let title_lang = kinora_core::Script::detect(&title)
        .filter(|s| s.as_str() == "Hang")
        .map(|_| "ko".to_owned());
    Ok(EntityPage {
        kind,
        id: id.to_string(),
        kind_label: kind.as_str().to_owned(),
        title,
        title_lang,
        subtitle: view::entity_subtitle(entity),
        sections,
        sources: lookup.source_lines(),
        known: {
            let mut known = std::mem::take(&mut lookup.summaries);
            known.insert((kind, id.clone()), super::events::summary_of(entity));
            known
        },
        // Written once the community part has added its reviews.
        json_ld: String::new(),
        ld: json_ld,
        feeds: additions.feeds,
        hero,
        pictures,
        card_image: None,
        cast,
        known_for,
    })
}

/// A person's films (the credits that name them, from the page's
/// documents), the latest first, as poster cards: at most eight.
fn known_for(
    back: &super::events::Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Vec<super::browse::FilmCard> {
    let Some(referrers) = back.cached_referrers(kind, id) else {
        return Vec::new();
    };
    let mut films: Vec<&kinora_core::model::Film> = Vec::new();
    for referrer in referrers {
        if referrer.from.kind != EntityKind::Film || referrer.path.list() != Some("credits") {
            continue;
        }
        let Ok(film_id) = EntityId::parse(&referrer.from.id) else {
            continue;
        };
        if let Some(Entity::Film(film)) = back.cached(&(EntityKind::Film, film_id))
            && !films.iter().any(|f| f.id == film.id)
        {
            films.push(film);
        }
    }
    films.sort_by_key(|film| std::cmp::Reverse(film.year()));
    films
        .into_iter()
        .take(8)
        .map(|film| {
            let label = Entity::Film(film.clone()).label();
            super::browse::FilmCard {
                id: film.id.to_string(),
                poster: kinora_core::image::shown(
                    &film.images,
                    kinora_core::image::ImageRole::Poster,
                )
                .map(|poster| super::pictures::PictureView::new(poster, &label)),
                label,
                year: film.year().map(i64::from),
                note: None,
            }
        })
        .collect()
}

/// How many references back a page shows at most.
const REFERRERS_SHOWN: i64 = 500;

/// Sections built by looking backwards: a person's films, a company's films,
/// an album's film, the facts a source states.
async fn referrer_sections(
    back: &mut super::events::Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
    lookup: &mut Lookup,
) -> Result<Vec<Section>, WebError> {
    let store = back.store;
    let all = back.all(kind, id).await?;
    let referrers: Vec<kinora_store::Referrer> =
        all.iter().take(REFERRERS_SHOWN as usize).cloned().collect();
    let total = if all.len() as i64 > REFERRERS_SHOWN {
        store.count_referrers(kind, id).await?
    } else {
        0
    };
    let mut filmography = Vec::new();
    let mut company_films = Vec::new();
    let mut soundtrack_of = Vec::new();
    let mut cited_facts = Vec::new();
    let mut reposts = Vec::new();
    let mut track_counts: BTreeMap<(EntityKind, EntityId), (Summary, usize)> = BTreeMap::new();
    let mut others = Vec::new();
    let mut events = Vec::new();
    // Every referring entity, read at once.
    let mut referring = Vec::new();
    for referrer in &referrers {
        let from_id = EntityId::parse(&referrer.from.id).map_err(anyhow::Error::from)?;
        referring.push((referrer.from.kind, from_id));
    }
    let documents: BTreeMap<(EntityKind, EntityId), Entity> =
        back.documents(&referring).await?.into_iter().collect();
    // The store keeps one citation link per citing entity; every claim of
    // that entity citing this source is read from its document.
    let referrers: Vec<(EntityKind, EntityId, Summary, ClaimPath)> = {
        let mut seen = HashSet::new();
        let mut expanded = Vec::with_capacity(referrers.len());
        for (referrer, key) in referrers.into_iter().zip(referring) {
            let paths = match documents.get(&key) {
                Some(document) if referrer.path.is_citation() => document
                    .references()
                    .into_iter()
                    .filter(|reference| {
                        reference.kind == kind
                            && &reference.id == id
                            && reference.path.is_citation()
                    })
                    .map(|reference| reference.path)
                    .collect(),
                _ => vec![referrer.path.clone()],
            };
            for path in paths {
                if seen.insert((key.clone(), path.clone())) {
                    expanded.push((key.0, key.1.clone(), referrer.from.clone(), path));
                }
            }
        }
        expanded
    };
    // The sources their claims cite, read at once too.
    let mut cited: Vec<(EntityKind, EntityId)> = documents
        .values()
        .flat_map(Entity::cited_sources)
        .filter(|id| !lookup.sources.contains_key(id))
        .map(|id| (EntityKind::Source, id))
        .collect();
    cited.dedup();
    for ((_, id), entity) in back.documents(&cited).await? {
        if let Entity::Source(source) = entity {
            lookup.sources.insert(id, source);
        }
    }
    // The entities the referring claims name, for reading them, and the
    // series an episode belongs to: it is listed as "Series: Episode".
    let series_of = |document: &Entity| match document {
        Entity::Film(film) => film.episode_of.first().map(|part| part.series.id.clone()),
        _ => None,
    };
    let mut named = Vec::new();
    for (from_kind, from_id, _, path) in &referrers {
        if let Some((_, claim)) = documents
            .get(&(*from_kind, from_id.clone()))
            .and_then(|document| document.claim_at(path))
        {
            claim.each_ref(&mut ClaimPath::new(), &mut |path, found| {
                if !path.is_citation() {
                    named.push((found.kind, found.id.clone()));
                }
            });
        }
    }
    named.extend(
        documents
            .values()
            .filter_map(series_of)
            .map(|series| (EntityKind::Film, series)),
    );
    let names: BTreeMap<(EntityKind, EntityId), Summary> = back
        .documents(&named)
        .await?
        .into_iter()
        .map(|(key, entity)| (key, super::events::summary_of(&entity)))
        .collect();
    let name_of = |kind: EntityKind, id: &EntityId| {
        names
            .get(&(kind, id.clone()))
            .map(|summary| summary.label.clone())
    };
    for (from_kind, from_id, from, path) in referrers {
        let key = (from_kind, from_id);
        let Some(document) = documents.get(&key) else {
            continue;
        };
        let Some((field, claim)) = document.claim_at(&path) else {
            continue;
        };
        let index = path.index().unwrap_or_default();
        let year = from.year.map(|year| year.to_string()).unwrap_or_default();
        let label =
            match series_of(document).and_then(|series| names.get(&(EntityKind::Film, series))) {
                Some(series) => format!("{}: {}", series.label, from.label),
                None => from.label.clone(),
            };
        let link = Cell::link(label, format!("/{}/{}", from_kind.plural(), key.1)).aside(year);
        // The referring claim's own sources, for the rows that restate it.
        let citations = claim.sources();
        if path.is_citation() {
            let quote = citations
                .iter()
                .filter(|citation| &citation.source.id == id)
                .filter_map(|citation| citation.quote.as_deref())
                .map(|quote| format!("“{quote}”"))
                .collect::<Vec<_>>()
                .join(" ");
            cited_facts.push(Row {
                cells: vec![
                    vec![link],
                    vec![Cell::text(view::describe_claim(field, claim, &name_of))],
                    vec![Cell::text(quote)],
                ],
                ..Row::default()
            });
            continue;
        }
        match (document, field) {
            (Entity::Film(film), "credits") => {
                let Some(credit) = film.credits.get(index) else {
                    continue;
                };
                let characters: Vec<&str> =
                    credit.characters.iter().map(|c| c.name.as_str()).collect();
                let mut role = credit.job.clone();
                if !characters.is_empty() {
                    role = format!("{role} as {}", characters.join(", "));
                }
                let credited = credit
                    .credited_as
                    .as_ref()
                    .map(|name| format!("credited as {name}"))
                    .unwrap_or_default();
                let cites = lookup.cite(citations);
                filmography.push((
                    from.year,
                    Row {
                        cells: vec![vec![link], vec![Cell::text(role).aside(credited)]],
                        cites,
                        ..Row::default()
                    },
                ));
            }
            (Entity::Film(film), "companies") => {
                let Some(company) = film.companies.get(index) else {
                    continue;
                };
                let cites = lookup.cite(citations);
                company_films.push((
                    from.year,
                    Row {
                        cells: vec![vec![link], vec![Cell::text(company.role.label())]],
                        cites,
                        ..Row::default()
                    },
                ));
            }
            (_, "soundtracks") => {
                let cites = lookup.cite(citations);
                soundtrack_of.push(Row {
                    cells: vec![vec![Cell::text("Soundtrack of")], vec![link]],
                    cites,
                    ..Row::default()
                });
            }
            (_, "tracks") => {
                track_counts.entry(key).or_insert((from, 0)).1 += 1;
            }
            (Entity::Source(_), "via") => reposts.push(Row {
                cells: vec![vec![link]],
                ..Row::default()
            }),
            // Shown by the page's programme, timeline, sections and news.
            (Entity::Source(_), "mentions")
            | (Entity::Event(_), "screenings" | "films" | "part_of")
            | (Entity::Venue(_), "part_of") => {}
            (Entity::Event(event), _) => {
                let cites = lookup.cite(citations);
                let what = match field {
                    "participants" => match event.participants.get(index) {
                        Some(participant) => match &participant.capacity {
                            Some(capacity) => {
                                format!("{}, as {capacity}", participant.role.label())
                            }
                            None => participant.role.label().to_owned(),
                        },
                        None => continue,
                    },
                    "organisers" => "organiser".to_owned(),
                    "awards" => match event.awards.get(index) {
                        Some(award) => format!("{}: {}", award.award, award.outcome.label()),
                        None => continue,
                    },
                    _ => view::describe_claim(field, claim, &name_of),
                };
                events.push(Row {
                    cells: vec![vec![link], vec![Cell::text(what)]],
                    cites,
                    ..Row::default()
                });
            }
            _ => {
                let cites = lookup.cite(citations);
                others.push(Row {
                    cells: vec![
                        vec![link],
                        vec![Cell::text(view::describe_claim(field, claim, &name_of))],
                    ],
                    cites,
                    ..Row::default()
                });
            }
        }
    }
    for (summary, count) in track_counts.into_values() {
        let link = Cell::link(
            summary.label.clone(),
            format!("/{}/{}", summary.kind.plural(), summary.id),
        );
        others.push(Row {
            cells: vec![vec![link], vec![Cell::text(format!("{count} tracks"))]],
            ..Row::default()
        });
    }
    // Newest first, as filmographies are read.
    filmography.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    company_films.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    let filmography: Vec<Row> = filmography.into_iter().map(|(_, row)| row).collect();
    let company_films: Vec<Row> = company_films.into_iter().map(|(_, row)| row).collect();
    let by_name = |row: &Row| {
        row.cells[0]
            .first()
            .map(|cell| cell.text.to_lowercase())
            .unwrap_or_default()
    };
    cited_facts.sort_by_key(by_name);
    others.sort_by_key(by_name);
    let mut sections = Vec::new();
    let table = |headers: &[&str], rows| Body::Table {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    };
    sections.extend(Section::new(
        "filmography",
        "Filmography",
        table(&["Film", "Credit"], filmography),
    ));
    sections.extend(Section::new(
        "films",
        "Films",
        table(&["Film", "Role"], company_films),
    ));
    sections.extend(Section::new(
        "soundtrack-of",
        "Film",
        Body::Facts(soundtrack_of),
    ));
    sections.extend(Section::new(
        "cited",
        "Facts from this source",
        table(&["Entity", "Fact", "Quote"], cited_facts),
    ));
    sections.extend(Section::new(
        "reposts",
        "Documents read in this one",
        table(&["Source"], reposts),
    ));
    events.sort_by_key(by_name);
    sections.extend(Section::new(
        "events",
        "Events",
        table(&["Event", "As"], events),
    ));
    sections.extend(Section::new(
        "referred",
        "Referred to by",
        table(&["Entity", "As"], others),
    ));
    if total > REFERRERS_SHOWN {
        let note = format!(
            "These are the first {REFERRERS_SHOWN} of {total} references to this page's subject."
        );
        sections.extend(Section::new(
            "more",
            "More",
            Body::Prose(vec![Row {
                cells: vec![vec![Cell::text(note)]],
                ..Row::default()
            }]),
        ));
    }
    Ok(sections)
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchTemplate {
    viewer: Viewer,
    q: String,
    /// The kind filter's options: value, label, whether chosen.
    kind_options: Vec<(&'static str, &'static str, bool)>,
    year: String,
    country: String,
    available: String,
    /// The signed-in member's country and the same search filtered by it.
    mine: Option<(String, String)>,
    error: Option<String>,
    groups: Vec<(String, Vec<SearchHitView>)>,
}

/// A hit as the search page shows it.
struct SearchHitView {
    url: String,
    label: String,
    year: Option<i32>,
    matched: String,
    /// Why it is here when not by the name shown: "another spelling".
    how: &'static str,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    country: String,
    /// Only films that can be watched in this country.
    #[serde(default)]
    available: String,
}

/// The signed-in member's country, for "available in my country".
fn viewer_country(viewer: &Viewer) -> Option<String> {
    viewer
        .account
        .as_ref()
        .and_then(|account| account.country.clone())
}

pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let mine = viewer_country(&viewer)
        .filter(|_| query.available.trim().is_empty() && !query.q.trim().is_empty())
        .map(|country| {
            let href = form_urlencoded::Serializer::new(String::from("/search?"))
                .append_pair("q", &query.q)
                .append_pair("kind", &query.kind)
                .append_pair("year", &query.year)
                .append_pair("country", &query.country)
                .append_pair("available", &country)
                .finish();
            (country, href)
        });
    let mut page = SearchTemplate {
        viewer,
        q: query.q.clone(),
        kind_options: [
            ("", "any"),
            ("film", "films"),
            ("person", "people"),
            ("company", "companies"),
            ("source", "sources"),
            ("event", "events"),
            ("venue", "venues"),
        ]
        .into_iter()
        .map(|(value, label)| (value, label, query.kind == value))
        .collect(),
        year: query.year.clone(),
        country: query.country.clone(),
        available: query.available.clone(),
        mine,
        error: None,
        groups: Vec::new(),
    };
    if let Err(message) = crate::search::check_query(&query.q) {
        // The page shows the beginning of what was asked, not all of it.
        page.q = query.q.chars().take(crate::search::QUERY_LIMIT).collect();
        page.error = Some(message);
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let filters = || -> Result<kinora_search::SearchFilters, String> {
        Ok(kinora_search::SearchFilters {
            kinds: crate::search::parse_kinds(Some(&query.kind))?,
            years: crate::search::parse_years(Some(&query.year))?,
            country: crate::search::parse_country(Some(&query.country))?,
            available: crate::search::parse_country(Some(&query.available))
                .map_err(|message| format!("available in: {message}"))?,
        })
    };
    let filters = match filters() {
        Ok(filters) => filters,
        Err(message) => {
            page.error = Some(message);
            return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
        }
    };
    let search = kinora_search::Search {
        text: &query.q,
        filters,
        limit: 60,
        prefix: false,
    };
    let hits = state.search.search(&state.store, search).await?;
    for kind in [
        EntityKind::Film,
        EntityKind::Person,
        EntityKind::Company,
        EntityKind::Event,
        EntityKind::Venue,
        EntityKind::Album,
        EntityKind::Source,
    ] {
        let of_kind: Vec<SearchHitView> = hits
            .iter()
            .filter(|hit| hit.kind == kind)
            .map(|hit| SearchHitView {
                url: format!("/{}/{}", kind.plural(), hit.id),
                label: hit.label.clone(),
                year: hit.year,
                matched: hit.matched.clone(),
                how: match hit.how {
                    MatchKind::Exact | MatchKind::Words | MatchKind::Prefix => "",
                    MatchKind::Spelling => "another spelling",
                    MatchKind::Typo => "close spelling",
                    MatchKind::Part => "part of the name",
                },
            })
            .collect();
        if !of_kind.is_empty() {
            let plural = kind.plural();
            page.groups.push((
                format!("{}{}", plural[..1].to_uppercase(), &plural[1..]),
                of_kind,
            ));
        }
    }
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct DuplicatesTemplate {
    viewer: Viewer,
    groups: Vec<kinora_store::DuplicateGroup>,
}

/// Possible duplicates: entities whose names are spellings of one name.
pub async fn duplicates(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Html<String>, WebError> {
    let groups = state.store.duplicates(None, 200).await?;
    render(&DuplicatesTemplate { viewer, groups })
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryTemplate {
    viewer: Viewer,
    label: String,
    href: String,
    entries: Vec<HistoryEntry>,
}

pub async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let entries = state.store.history(kind, &id).await?;
    if entries.is_empty() {
        return Err(WebError::NotFound(format!(
            "There is no {kind} with id `{id}`."
        )));
    }
    let label = match state.store.lookup(kind, &id).await? {
        Stored::Present { entity, .. } => entity.label(),
        _ => id.to_string(),
    };
    render(&HistoryTemplate {
        viewer,
        label,
        href: format!("/{}/{}", kind.plural(), id),
        entries,
    })
}

#[derive(Template)]
#[template(path = "change.html")]
struct ChangeTemplate {
    viewer: Viewer,
    change: ChangeRecord,
    edits: Vec<super::diff::EditView>,
    /// Edits not shown, in a large change.
    more: usize,
}

pub async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Html<String>, WebError> {
    let change = state.store.change(change).await?;
    let shown = &change.edits[..change.edits.len().min(super::diff::EDITS_SHOWN)];
    let keys: Vec<(EntityKind, EntityId)> =
        shown.iter().flat_map(super::diff::references).collect();
    let summaries = state.store.summaries(&keys).await?;
    let name_of = |kind: EntityKind, id: &EntityId| {
        summaries
            .get(&(kind, id.clone()))
            .map(|summary| summary.label.clone())
    };
    let edits = shown
        .iter()
        .map(|edit| super::diff::view(edit, &name_of))
        .collect();
    let more = change.edits.len().saturating_sub(super::diff::EDITS_SHOWN);
    render(&ChangeTemplate {
        viewer,
        change,
        edits,
        more,
    })
}
