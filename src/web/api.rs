//! The JSON API, version 1, and its OpenAPI document, generated from these
//! handlers and the domain types.

use axum::Json;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinora_core::model::{Entity, Source};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Lookup as Stored;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::render::parse_path;
use super::{AppState, WebError};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kinora API",
        version = "1",
        description = "An open film database: every fact with its sources."
    ),
    components(schemas(
        EntityResponse,
        EntitySummary,
        ListResponse,
        SearchResponse,
        SearchHit,
        DuplicatesResponse,
        DuplicateGroup,
        DuplicateEntity,
        HistoryResponse,
        HistoryItem,
        ErrorResponse,
        ErrorBody,
        super::api_write::ApiEdit,
        super::api_write::ApiSaved,
        super::api_write::ApiCreate,
        super::api_write::ApiCreated,
        super::api_write::ConflictResponse,
        super::api_claims::ApiClaimEdit,
        super::api_claims::ApiClaimSaved,
        super::pictures::ApiImage,
        super::pictures::ApiImageUrl
    ))
)]
pub struct ApiDoc;

/// Every route of the JSON API (and `/healthz`), each registered from its
/// handler's `#[utoipa::path]`, which also writes its part of the OpenAPI
/// document: the route and its documentation cannot drift apart.
pub fn routes() -> OpenApiRouter<AppState> {
    use super::{
        account_pages, api_claims, api_write, avatars, community, editing, events, imports,
        pictures, threads, users,
    };
    let pictures_limit = || DefaultBodyLimit::max(pictures::UPLOAD_LIMIT);
    // In the order the OpenAPI document lists them.
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(entity, api_write::api_edit))
        .routes(routes!(list, api_write::api_create))
        .routes(routes!(api_claims::api_add_claim))
        .routes(routes!(
            api_claims::api_change_claim,
            api_claims::api_remove_claim
        ))
        .routes(routes!(search))
        .routes(routes!(suggest))
        .routes(routes!(duplicates))
        .routes(routes!(history))
        .routes(routes!(change))
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(
            account_pages::api_session,
            account_pages::api_sign_in,
            account_pages::api_sign_out
        ))
        .routes(routes!(account_pages::api_sign_up))
        .routes(routes!(
            community::api_film_reviews,
            community::api_post_review
        ))
        .routes(routes!(community::api_like))
        .routes(routes!(threads::api_threads, threads::api_create_thread))
        .routes(routes!(threads::api_thread))
        .routes(routes!(threads::api_reply))
        .routes(routes!(threads::api_edit))
        .routes(routes!(threads::api_moderate))
        .routes(routes!(threads::api_moderation))
        .routes(routes!(users::api_user))
        .routes(routes!(users::api_log))
        .routes(routes!(users::api_create_list))
        .routes(routes!(editing::api_revert))
        .routes(routes!(pictures::api_upload).layer(pictures_limit()))
        .routes(routes!(pictures::api_remove))
        .routes(routes!(avatars::api_upload, avatars::api_remove).layer(pictures_limit()))
        .routes(routes!(imports::api_import).layer(DefaultBodyLimit::max(imports::UPLOAD_LIMIT)))
        .routes(routes!(imports::api_pending))
        .routes(routes!(imports::api_settle))
        .routes(routes!(imports::api_export))
        .routes(routes!(events::api_screenings))
        .route("/api/openapi.json", axum::routing::get(openapi))
}

/// The OpenAPI document, as the routes declare it.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: std::sync::LazyLock<utoipa::openapi::OpenApi> =
        std::sync::LazyLock::new(|| routes().split_for_parts().1);
    &DOCUMENT
}

pub async fn openapi() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
}

/// An entity with what is needed to show it: the sources its facts cite and
/// the names of the entities it refers to.
#[derive(Serialize, ToSchema)]
pub struct EntityResponse {
    pub entity: Entity,
    /// The number of the last change that touched the entity, read with
    /// it (its history lists it first). Send it back as `base_change` with
    /// an edit (`PUT`), so that a change made meanwhile is not overwritten.
    pub base_change: i64,
    /// Every source cited by the entity's facts, by id.
    pub sources: Vec<Source>,
    /// The entities it refers to, with their names.
    pub references: Vec<EntitySummary>,
    /// The entities that refer to it (a person's films, a source's citers).
    pub referred_by: Vec<EntitySummary>,
    /// Its pictures, as in `entity.images`, with the addresses of their copies.
    pub images: Vec<super::pictures::ApiImage>,
}

#[derive(Serialize, ToSchema, Clone)]
pub struct EntitySummary {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub year: Option<i64>,
    /// The field of the referring entity, for `referred_by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<kinora_store::Summary> for EntitySummary {
    fn from(summary: kinora_store::Summary) -> Self {
        EntitySummary {
            kind: summary.kind.as_str().to_owned(),
            id: summary.id.to_string(),
            name: summary.label,
            year: summary.year,
            field: None,
        }
    }
}

pub use super::error::{ErrorBody, ErrorResponse};

/// The whole entity, with its names, claims and the sources they cite.
#[utoipa::path(
    get,
    path = "/api/v1/{kind}/{id}",
    params(
        ("kind" = String, Path, description = "films, people, companies, albums, sources, venues, events, or articles (the sources that are news)"),
        ("id" = String, Path, description = "The entity's id, as in its page's URL"),
    ),
    responses(
        (status = 200, body = EntityResponse),
        (status = 301, description = "The entity was merged into another; follow Location"),
        (status = 404, body = ErrorResponse),
    )
)]
pub async fn entity(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    // Articles are the sources that are news, press releases or blog posts.
    let article = kind == "articles";
    let kind = if article { "sources".to_owned() } else { kind };
    let (kind, id) = parse_path(&kind, &id)?;
    let (entity, base_change) = match state
        .store
        .lookup(kind, &id)
        .await
        .map_err(WebError::from)?
    {
        Stored::Present {
            entity,
            last_change,
        } => (entity, last_change),
        Stored::Redirect { to } => {
            return Ok(super::moved_permanently(&format!(
                "/api/v1/{}/{}",
                kind.plural(),
                to
            )));
        }
        Stored::Missing => {
            return Err(WebError::NotFound(format!("no {kind} with id `{id}`")));
        }
    };
    if article && !matches!(&entity, Entity::Source(source) if source.kind.is_article()) {
        return Err(WebError::NotFound(format!("no article with id `{id}`")));
    }
    let references = entity.references();
    let keys: Vec<(EntityKind, EntityId)> =
        references.iter().map(|r| (r.kind, r.id.clone())).collect();
    let summaries = state.store.summaries(&keys).await.map_err(WebError::from)?;
    let source_keys: Vec<_> = summaries
        .keys()
        .filter(|(kind, _)| *kind == EntityKind::Source)
        .cloned()
        .collect();
    let sources: Vec<Source> = state
        .store
        .get_many(&source_keys)
        .await
        .map_err(WebError::from)?
        .into_values()
        .filter_map(|entity| match entity {
            Entity::Source(source) => Some(source),
            _ => None,
        })
        .collect();
    let referred_by = state
        .store
        .referrers(kind, &id, 1000)
        .await
        .map_err(WebError::from)?
        .into_iter()
        .map(|referrer| EntitySummary {
            field: Some(referrer.path.to_string()),
            ..referrer.from.into()
        })
        .collect();
    let images = entity
        .images()
        .iter()
        .map(super::pictures::api_image)
        .collect();
    let mut response = Json(EntityResponse {
        images,
        entity,
        base_change,
        sources,
        references: summaries.into_values().map(EntitySummary::from).collect(),
        referred_by,
    })
    .into_response();
    // Every part of it was read through the store's noted reads.
    response
        .extensions_mut()
        .insert(super::page_cache::ByWhatItRead);
    Ok(response)
}

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// At most this many (default 100, at most 1000).
    limit: Option<i64>,
    offset: Option<i64>,
    /// Films only: a genre, as the catalog names it (`drama`).
    genre: Option<String>,
    /// Films only: a year (`2008`), a decade (`2000s`) or a range (`2000-2010`).
    year: Option<String>,
    /// Films only: an ISO 3166 country code.
    country: Option<String>,
    /// Films only: a language code (`ko`).
    language: Option<String>,
    /// Films only: where it can be watched, an ISO 3166 country code.
    available: Option<String>,
    /// Films only: popular, rating, newest or oldest. Without it and the
    /// filters, films are listed by title.
    sort: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListResponse {
    pub items: Vec<EntitySummary>,
    pub total: i64,
}

/// Entities of one kind, by name.
#[utoipa::path(
    get,
    path = "/api/v1/{kind}",
    params(("kind" = String, Path, description = "films, people, companies, albums, sources, venues, events, or articles (the sources that are news)"), ListParams),
    responses((status = 200, body = ListResponse), (status = 404, body = ErrorResponse))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Json<ListResponse>, WebError> {
    let kind = EntityKind::parse(&kind)
        .filter(|parsed| parsed.plural() == kind)
        .ok_or_else(|| WebError::NotFound(format!("no such collection `{kind}`")))?;
    let limit = params.limit.unwrap_or(100).clamp(1, 1000);
    let offset = params.offset.unwrap_or(0).max(0);
    let browse = super::browse::FilmsQuery {
        genre: params.genre.unwrap_or_default(),
        year: params.year.unwrap_or_default(),
        country: params.country.unwrap_or_default(),
        language: params.language.unwrap_or_default(),
        available: params.available.unwrap_or_default(),
        sort: params.sort.unwrap_or_default(),
        page: None,
    };
    if browse.filters() {
        if kind != EntityKind::Film {
            return Err(WebError::BadRequest(format!(
                "genre, year, country, language, available and sort filter films, not {}",
                kind.plural()
            )));
        }
        let browse = browse
            .browse(offset as usize, limit as usize)
            .map_err(WebError::BadRequest)?;
        let browsed = state
            .search
            .browse(&state.store, browse)
            .await
            .map_err(WebError::Internal)?;
        return Ok(Json(ListResponse {
            items: browsed
                .items
                .into_iter()
                .map(|item| EntitySummary {
                    kind: item.kind,
                    id: item.id,
                    name: item.label,
                    year: item.year.map(i64::from),
                    field: None,
                })
                .collect(),
            total: browsed.total as i64,
        }));
    }
    let items = state
        .store
        .list(kind, limit, offset)
        .await
        .map_err(WebError::from)?;
    let total = state.store.count(kind).await.map_err(WebError::from)?;
    Ok(Json(ListResponse {
        items: items.into_iter().map(EntitySummary::from).collect(),
        total,
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    /// The text to find, in any of an entity's names or titles, in any
    /// script or spelling.
    q: String,
    /// film, person, company, album or source; several with commas.
    kind: Option<String>,
    /// A year or a range: 2008, 2000-2010, -1960, 2020- (a film's year, a
    /// person's birth, a company's founding, a source's date).
    year: Option<String>,
    /// An ISO 3166 country code: a film's country, a person's or company's.
    country: Option<String>,
    /// An ISO 3166 country code: only films that can be watched there.
    available: Option<String>,
    /// At most this many hits (default 20, at most 200).
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResponse {
    pub hits: Vec<SearchHit>,
    /// Present while the search index is being rebuilt: the hits are only
    /// those of the entities indexed so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indexing: Option<crate::search::Building>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub kind: String,
    pub id: String,
    /// The entity's display name.
    pub name: String,
    /// A film's year, a person's year of birth.
    pub year: Option<i64>,
    /// The name or title that matched the query (one of the entity's own).
    pub matched: String,
    /// How it matched, best first: exact, spelling (another romanization,
    /// script or name order), words, prefix, typo, part.
    #[serde(rename = "match")]
    pub how: String,
    /// Whether the name matched as asked (`match` is exact).
    pub exact: bool,
    /// The entity's page.
    pub url: String,
}

impl From<kinora_search::Hit> for SearchHit {
    fn from(hit: kinora_search::Hit) -> SearchHit {
        SearchHit {
            url: format!("/{}/{}", hit.kind.plural(), hit.id),
            exact: hit.how == kinora_search::MatchKind::Exact,
            kind: hit.kind.as_str().to_owned(),
            id: hit.id,
            name: hit.label,
            year: hit.year.map(i64::from),
            matched: hit.matched,
            how: hit.how.as_str().to_owned(),
        }
    }
}

/// Films, people, companies and sources by any of their names, in any
/// script and spelling, within a few typos; best first.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorResponse))
)]
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResponse>, WebError> {
    crate::search::check_query(&params.q).map_err(WebError::BadRequest)?;
    let bad = WebError::BadRequest;
    let filters = kinora_search::SearchFilters {
        kinds: crate::search::parse_kinds(params.kind.as_deref()).map_err(bad)?,
        years: crate::search::parse_years(params.year.as_deref()).map_err(bad)?,
        country: crate::search::parse_country(params.country.as_deref()).map_err(bad)?,
        available: crate::search::parse_country(params.available.as_deref())
            .map_err(|message| bad(format!("available: {message}")))?,
    };
    let limit = params.limit.unwrap_or(20).clamp(1, 200);
    let search = kinora_search::Search {
        text: &params.q,
        filters,
        limit: usize::try_from(limit).unwrap_or(20),
        prefix: false,
    };
    let hits = state
        .search
        .search(&state.store, search)
        .await
        .map_err(WebError::Internal)?;
    Ok(Json(SearchResponse {
        hits: hits.into_iter().map(SearchHit::from).collect(),
        indexing: state.search.building(),
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct SuggestParams {
    /// What has been typed so far: the last word may be unfinished.
    q: String,
    /// At most this many suggestions (default 8, at most 20).
    limit: Option<i64>,
    /// The language of the names shown (`en`, `ko`): a title in it where
    /// the entity has one. Without it, names are the entities' usual ones.
    #[allow(dead_code)]
    lang: Option<String>,
    /// How names are shown first: `local` (in `lang`), `original` (its
    /// own script) or `romanized`.
    #[allow(dead_code)]
    names: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SuggestResponse {
    pub suggestions: Vec<SearchHit>,
}

/// Suggestions as the user types: names that begin with the text, or match
/// it in another spelling; popular ones first.
#[utoipa::path(
    get,
    path = "/api/v1/suggest",
    params(SuggestParams),
    responses((status = 200, body = SuggestResponse))
)]
pub async fn suggest(
    State(state): State<AppState>,
    Query(params): Query<SuggestParams>,
) -> Result<Json<SuggestResponse>, WebError> {
    crate::search::check_query(&params.q).map_err(WebError::BadRequest)?;
    let limit = params.limit.unwrap_or(8).clamp(1, 20);
    let search = kinora_search::Search {
        text: &params.q,
        limit: usize::try_from(limit).unwrap_or(8),
        prefix: true,
        ..kinora_search::Search::default()
    };
    let hits = state
        .search
        .search(&state.store, search)
        .await
        .map_err(WebError::Internal)?;
    // Names as the page asked (`lang`, `names`), read from the hits'
    // documents in one statement; the usual names otherwise.
    let reader = kinora_i18n::Reader::current();
    let documents = if reader == kinora_i18n::Reader::default() {
        Default::default()
    } else {
        let keys: Vec<(kinora_core::EntityKind, EntityId)> = hits
            .iter()
            .filter_map(|hit| EntityId::parse(&hit.id).ok().map(|id| (hit.kind, id)))
            .collect();
        state.store.get_many(&keys).await?
    };
    Ok(Json(SuggestResponse {
        suggestions: hits
            .into_iter()
            .map(|hit| {
                let entity = EntityId::parse(&hit.id)
                    .ok()
                    .and_then(|id| documents.get(&(hit.kind, id)));
                let name = entity.map(|entity| kinora_core::model::shown_label(entity, reader));
                let mut shown = SearchHit::from(hit);
                if let Some(name) = name {
                    shown.name = name;
                }
                shown
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct DuplicatesResponse {
    pub groups: Vec<DuplicateGroup>,
}

/// Entities of one kind whose names are spellings of one name.
#[derive(Serialize, ToSchema)]
pub struct DuplicateGroup {
    /// The name key they share.
    pub key: String,
    /// Whether they also share a year.
    pub same_year: bool,
    /// Why they are listed, in words.
    pub reason: String,
    /// What two or more of them are linked with: the films both people are
    /// credited in, the people both films credit.
    pub shared: Vec<EntitySummary>,
    pub entities: Vec<DuplicateEntity>,
}

#[derive(Serialize, ToSchema)]
pub struct DuplicateEntity {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub year: Option<i64>,
    /// Its names that are spellings of the others'.
    pub matched: Vec<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct DuplicatesParams {
    /// Only this kind: film, person, company, album or source.
    pub kind: Option<String>,
    /// At most this many groups (default 50, at most 500).
    pub limit: Option<i64>,
}

/// Possible duplicates, for an editor to merge.
#[utoipa::path(
    get,
    path = "/api/v1/duplicates",
    params(DuplicatesParams),
    responses((status = 200, body = DuplicatesResponse), (status = 400, body = ErrorResponse))
)]
pub async fn duplicates(
    State(state): State<AppState>,
    Query(params): Query<DuplicatesParams>,
) -> Result<Json<DuplicatesResponse>, WebError> {
    let kind = parse_kind_param(params.kind.as_deref())?;
    let limit = params.limit.unwrap_or(50).clamp(1, 500);
    let groups = state
        .store
        .duplicates(kind, limit)
        .await
        .map_err(WebError::from)?;
    Ok(Json(DuplicatesResponse {
        groups: groups
            .into_iter()
            .map(|group| DuplicateGroup {
                same_year: group.same_year(),
                reason: group.reason(),
                shared: group
                    .shared
                    .iter()
                    .map(|entity| EntitySummary::from(entity.clone()))
                    .collect(),
                key: group.key,
                entities: group
                    .entities
                    .into_iter()
                    .map(|(entity, matched)| DuplicateEntity {
                        kind: entity.kind.as_str().to_owned(),
                        id: entity.id.to_string(),
                        name: entity.label,
                        year: entity.year,
                        matched,
                    })
                    .collect(),
            })
            .collect(),
    }))
}

/// A `kind` query parameter, if given.
fn parse_kind_param(kind: Option<&str>) -> Result<Option<EntityKind>, WebError> {
    match kind {
        None | Some("") => Ok(None),
        Some(text) => kinora_core::EntityKind::from_name(text)
            .map(Some)
            .map_err(|error| WebError::BadRequest(error.to_string())),
    }
}

#[derive(Serialize, ToSchema)]
pub struct HistoryResponse {
    pub edits: Vec<HistoryItem>,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryItem {
    pub change: i64,
    pub at: kinora_core::community::Timestamp,
    pub author: String,
    pub action: String,
    pub summary: String,
    pub reverts: Option<i64>,
}

impl From<kinora_store::HistoryEntry> for HistoryItem {
    fn from(entry: kinora_store::HistoryEntry) -> Self {
        HistoryItem {
            change: entry.change_id,
            at: entry.at,
            author: entry.author,
            action: entry.action,
            summary: entry.summary,
            reverts: entry.reverts,
        }
    }
}

/// The edits to an entity, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/{kind}/{id}/history",
    params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = HistoryResponse), (status = 404, body = ErrorResponse))
)]
pub async fn history(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<HistoryResponse>, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let entries = state
        .store
        .history(kind, &id)
        .await
        .map_err(WebError::from)?;
    if entries.is_empty() {
        return Err(WebError::NotFound(format!("no {kind} with id `{id}`")));
    }
    Ok(Json(HistoryResponse {
        edits: entries.into_iter().map(HistoryItem::from).collect(),
    }))
}

/// One change: who, when, and each entity's state before and after.
#[utoipa::path(
    get,
    path = "/api/v1/changes/{change}",
    params(("change" = i64, Path)),
    responses((status = 200, description = "The change with its edits"), (status = 404, body = ErrorResponse))
)]
pub async fn change(
    State(state): State<AppState>,
    Path(change): Path<i64>,
) -> Result<Json<kinora_store::ChangeRecord>, WebError> {
    Ok(Json(
        state.store.change(change).await.map_err(WebError::from)?,
    ))
}

/// Whether the server and its database answer.
/// Whether the server answers fully: its database answers and its search
/// index is built.
#[derive(Serialize, ToSchema)]
pub struct Readiness {
    pub ready: bool,
    pub database: bool,
    /// The last change of the store the search index reflects.
    pub search_position: i64,
    /// A rebuild of the search index under way, with its progress.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_building: Option<crate::search::Building>,
}

/// Readiness, for a load balancer or an operator: 200 when the server
/// answers fully, 503 while its database is away or its search index is
/// still being built (with how far it has gone).
#[utoipa::path(get, path = "/readyz", responses((status = 200, body = Readiness), (status = 503, body = Readiness)))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.store.ping().await.is_ok();
    let building = state.search.building();
    let readiness = Readiness {
        ready: database && building.is_none(),
        database,
        search_position: state.search.index().position(),
        search_building: building,
    };
    let status = if readiness.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(readiness)).into_response()
}

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "ok"), (status = 503, description = "the database does not answer")))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!("health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}
