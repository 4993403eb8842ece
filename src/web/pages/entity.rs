//! An entity's page, gathered once: the entity, what it names, the
//! sections that look backwards, the community part, its JSON-LD.

use super::referrers::*;
use crate::web::auth::Viewer;
use crate::web::page_cache::StoreClock;
use crate::web::render::{parse_path, render, script_json};
use crate::web::view::{self, Body, Lookup, Section, SourceLine};
use crate::web::{AppState, WebError};
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use kinora_core::model::{Album, Entity, Source};
use kinora_core::{EntityId, EntityKind};
use kinora_store::{Lookup as Stored, Store, Summary};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Template)]
#[template(path = "entity.html")]
pub(crate) struct EntityTemplate {
    viewer: Viewer,
    page: Arc<EntityPage>,
    community: crate::web::community::Community,
    /// The page's schema.org JSON-LD with the community's part, ready for
    /// its script element.
    json_ld: String,
    /// The address of the picture a shared link previews with.
    card_image: Option<String>,
}

pub async fn entity(
    State(state): State<AppState>,
    viewer: Viewer,
    clock: Option<Extension<StoreClock>>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let entity = match state.store.lookup(kind, &id).await? {
        Stored::Present { entity, .. } => entity,
        Stored::Redirect { to } => {
            return Ok(crate::web::moved_permanently(&format!(
                "/{}/{}",
                kind.plural(),
                to
            )));
        }
        Stored::Missing => {
            return Err(WebError::NotFound(kinora_i18n::t_with(
                "error-no-entity",
                &[
                    ("kind", kind.local_name().into()),
                    ("id", id.to_string().into()),
                ],
            )));
        }
    };
    // The page but its community part is the same for every reader of a
    // language: kept by what it read, for members too.
    let page = if state.pages.enabled() {
        let clock = match clock {
            Some(Extension(StoreClock(clock))) => clock,
            None => {
                let clock = state.store.clock().await?;
                state.pages.catch_up(&state.store, clock).await;
                clock
            }
        };
        let reader = kinora_i18n::Reader::current();
        let key = format!(
            "{}/{id}\u{1f}{}\u{1f}{}",
            kind.as_str(),
            reader.lang.tag(),
            reader.names.code()
        );
        state
            .pages
            .part(&key, clock, || entity_page(&state.store, &entity))
            .await?
    } else {
        Arc::new(entity_page(&state.store, &entity).await?)
    };
    let card_image = page
        .hero
        .picture
        .as_ref()
        .map(|picture| format!("{}{}", state.config.base_url(), picture.src));
    let mut ld = page.ld.clone();
    let community =
        crate::web::community::gather(&state, &viewer, &entity, &mut ld, &page.known).await?;
    let mut response = render(&EntityTemplate {
        viewer,
        json_ld: script_json(&ld)?,
        card_image,
        page,
        community,
    })?
    .into_response();
    // Every part of it was read through the store's noted reads.
    response
        .extensions_mut()
        .insert(crate::web::page_cache::ByWhatItRead);
    Ok(response)
}

/// The page of an entity: its header and sections.
pub struct EntityPage {
    pub kind: EntityKind,
    pub id: String,
    pub kind_label: String,
    /// The kind in the reader's language: "영화".
    pub kind_name: String,
    pub title: String,
    pub title_lang: Option<String>,
    /// The title's or name's other forms, shown beside it: "Keurosing ·
    /// Crossing".
    pub title_beside: Vec<kinora_core::model::Written>,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub sources: Vec<SourceLine>,
    /// The page's schema.org JSON-LD, without the community's part.
    pub ld: serde_json::Value,
    /// The page's calendars and news feeds.
    pub feeds: Vec<crate::web::events::FeedLink>,
    /// The top of the page: picture, title, the first facts.
    pub hero: crate::web::summary::Hero,
    /// Every picture of the entity, the shown ones first.
    pub pictures: Vec<crate::web::pictures::PictureView>,
    /// A film's first-billed cast, with photos.
    pub cast: Vec<crate::web::summary::PersonCard>,
    /// A person's films, the most recent first, as poster cards.
    pub known_for: Vec<crate::web::browse::FilmCard>,
    /// The names of the entities the page read, the entity's own included,
    /// for the parts gathered after (the community's).
    pub known: crate::web::community::Known,
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
    let documents: BTreeMap<(EntityKind, EntityId), Arc<Entity>> = store
        .get_many(&keys)
        .await?
        .into_iter()
        .map(|(key, entity)| (key, Arc::new(entity)))
        .collect();
    // The page's backlinks and documents, each read once for the programme,
    // the news and the sections that look backwards alike.
    let mut back = crate::web::events::Backlinks::new(store);
    back.remember(documents.values().cloned());
    back.remember([entity.clone()]);
    let mut albums: Vec<Album> = Vec::new();
    if let Entity::Film(film) = entity {
        for soundtrack in &film.soundtracks {
            if let Some(Entity::Album(album)) = documents
                .get(&(EntityKind::Album, soundtrack.album.id.clone()))
                .map(|entity| &**entity)
            {
                albums.push(album.clone());
            }
        }
    }
    let summary_of = crate::web::events::summary_of;
    let mut summaries: BTreeMap<(EntityKind, EntityId), Summary> = documents
        .iter()
        .map(|(key, entity)| (key.clone(), summary_of(entity)))
        .collect();
    let mut sources: HashMap<EntityId, Source> = documents
        .into_iter()
        .filter_map(|((_, id), entity)| match &*entity {
            Entity::Source(source) => Some((id, source.clone())),
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
    let hero = crate::web::summary::hero(entity, &mut lookup);
    let label = entity.label();
    let mut pictures: Vec<crate::web::pictures::PictureView> = entity
        .images()
        .iter()
        .map(|image| crate::web::pictures::PictureView::new(image, &label))
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
        Entity::Film(film) => crate::web::summary::cast_cards(
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
    let additions = crate::web::events::additions(&mut back, entity, &mut lookup).await?;
    sections.extend(additions.sections);
    sections.extend(referrer_sections(&mut back, kind, &id, &mut lookup).await?);
    let mut json_ld = json_ld;
    let key = if kind == EntityKind::Event {
        "subEvent"
    } else {
        "subjectOf"
    };
    kinora_formats::jsonld::add_screenings(&mut json_ld, key, additions.screenings_ld);
    let shown = kinora_core::model::shown(entity, kinora_i18n::Reader::current());
    let title = shown.first.text.clone();
    let title_lang = shown.first.lang.clone().or_else(|| {
        kinora_core::Script::detect(&title)
            .filter(|s| s.as_str() == "Hang")
            .map(|_| "ko".to_owned())
    });
    Ok(EntityPage {
        kind,
        id: id.to_string(),
        kind_label: kind.as_str().to_owned(),
        kind_name: kind.local_name(),
        title,
        title_lang,
        title_beside: shown.beside,
        subtitle: view::entity_subtitle(entity),
        sections,
        sources: lookup.source_lines(),
        known: {
            let mut known = std::mem::take(&mut lookup.summaries);
            known.insert((kind, id.clone()), crate::web::events::summary_of(entity));
            known
        },
        ld: json_ld,
        feeds: additions.feeds,
        hero,
        pictures,
        cast,
        known_for,
    })
}

/// A person's films (the credits that name them, from the page's
/// documents), the latest first, as poster cards: at most eight.
pub(crate) fn known_for(
    back: &crate::web::events::Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Vec<crate::web::browse::FilmCard> {
    let Some(referrers) = back.cached_referrers(kind, id) else {
        return Vec::new();
    };
    let mut films: Vec<&kinora_core::model::Film> = Vec::new();
    for referrer in referrers {
        if referrer.from.kind != EntityKind::Film || referrer.path.list() != Some("credits") {
            continue;
        }
        let film_id = referrer.from.id.clone();
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
            let label = kinora_core::model::shown_label(
                &Entity::Film(film.clone()),
                kinora_i18n::Reader::current(),
            );
            crate::web::browse::FilmCard {
                id: film.id.to_string(),
                poster: kinora_core::image::shown(
                    &film.images,
                    kinora_core::image::ImageRole::Poster,
                )
                .map(|poster| crate::web::pictures::PictureView::new(poster, &label)),
                label,
                year: film.year().map(i64::from),
                note: None,
            }
        })
        .collect()
}
