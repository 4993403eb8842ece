//! The catalog written through the JSON API, by editors: an entity
//! replaced from the change it was read at (`base_change`), and a new
//! entity created. Both go through the checks and the save the web editor
//! uses (`editing::checked_document`, `editing::save_entity`), so a save
//! that another change overtook is merged or refused the same way.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kinora_core::EntityKind;
use kinora_core::model::Entity;
use kinora_store::{Base, Stale, State as Stored};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api::{ErrorBody, ErrorResponse, HistoryItem};
use super::auth::Viewer;
use super::editing::{checked_document, save_entity};
use super::render::parse_path;
use super::{AppState, WebError};

#[derive(Deserialize, ToSchema)]
pub struct ApiEdit {
    /// The whole entity in the catalog format, as `entity` in the answer
    /// to `GET /api/v1/{kind}/{id}`; its `type` may be left out.
    #[schema(value_type = Object)]
    document: serde_json::Value,
    /// What changed and why, for the history.
    summary: String,
    /// The `base_change` the entity was read with. When another change
    /// touched the entity after it, the two edits are merged if they
    /// changed different claim lists (each list as the edit that changed
    /// it left it), and otherwise the edit is refused with 409 and the
    /// entity as it is now. Without it the document replaces whatever the
    /// entity holds (the last write wins), as for clients written before
    /// this field; send it.
    #[serde(default)]
    base_change: Option<i64>,
    /// Why facts that cite sources are removed, when the edit removes any
    /// (claims with sources that the new document no longer states): such
    /// an edit without a reason is refused with 400 naming the facts. The
    /// reason is recorded with the summary.
    #[serde(default)]
    reason: String,
}

/// What an edit did.
#[derive(Serialize, ToSchema)]
pub struct ApiSaved {
    /// The change recorded; null when the document is the entity as it
    /// stands, so nothing changed. It is the entity's new `base_change`.
    change: Option<i64>,
    /// The changes after `base_change` that the edit was merged with,
    /// oldest first: the claim lists they changed stay as they left them.
    merged_with: Vec<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct ApiCreate {
    /// The new entity in the catalog format, with its `id`; its `type`
    /// may be left out (the collection says it).
    #[schema(value_type = Object)]
    document: serde_json::Value,
    /// What the entity is and where its facts come from, for the history.
    summary: String,
}

/// A new entity.
#[derive(Serialize, ToSchema)]
pub struct ApiCreated {
    pub kind: String,
    pub id: String,
    /// The change that created it: its `base_change`.
    pub change: i64,
    /// Its page.
    pub url: String,
}

/// An edit refused: the entity is no longer as the edit was made from,
/// or (a creation) exists already. Nothing was saved.
#[derive(Serialize, ToSchema)]
pub struct ConflictResponse {
    pub error: ErrorBody,
    /// The entity as it is now; null when it was deleted or merged into
    /// another (`redirect_to`).
    pub entity: Option<Entity>,
    /// The entity it was merged into, if it was.
    pub redirect_to: Option<String>,
    /// The last change that touched the entity: the base to edit from now.
    pub base_change: i64,
    /// The changes after the edit's `base_change`, newest first: what it
    /// did not know of.
    pub changes_since: Vec<HistoryItem>,
    /// The claim lists both edits changed, differently (`fields`: the
    /// entity's own fields, outside its claim lists).
    pub overlap: Vec<String>,
}

/// The 409 of a stale edit, with what the entity is now.
pub(crate) fn conflict(stale: Stale) -> Response {
    let message = stale.to_string();
    let (entity, redirect_to) = match stale.current {
        Stored::Present(entity) => (Some(entity), None),
        Stored::Redirect(to) => (None, Some(to.to_string())),
        Stored::Absent => (None, None),
    };
    let body = ConflictResponse {
        error: ErrorBody {
            status: StatusCode::CONFLICT.as_u16(),
            message,
        },
        entity,
        redirect_to,
        base_change: stale.last_change,
        changes_since: stale.since.into_iter().map(HistoryItem::from).collect(),
        overlap: stale
            .overlap
            .iter()
            .map(|list| (*list).to_owned())
            .collect(),
    };
    (StatusCode::CONFLICT, Json(body)).into_response()
}

/// Replaces an entity with a new version (editors). Send the
/// `base_change` the entity was read with: an edit that another change
/// overtook is merged with it when the two changed different claim lists,
/// and refused with 409 otherwise; without `base_change` the last write
/// wins.
#[utoipa::path(put, path = "/api/v1/{kind}/{id}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, sources, venues or events"),
           ("id" = String, Path, description = "The entity's id")),
    request_body = ApiEdit,
    responses(
        (status = 200, body = ApiSaved, description = "Saved, or nothing to change"),
        (status = 400, body = ErrorResponse, description = "The document is not a valid entity of this kind and id, or refers to entities that do not exist; the message names the field"),
        (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse),
        (status = 409, body = ConflictResponse, description = "Another change touched the entity after `base_change` and changed what this edit changed; nothing was saved"),
    ))]
pub async fn api_edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    Json(request): Json<ApiEdit>,
) -> Result<Response, WebError> {
    viewer.require(kinora_core::community::Role::Editor)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let entity = checked_document(&state, kind, Some(&id), &request.document.to_string()).await?;
    let base = request.base_change.map_or(Base::Any, Base::Change);
    match save_entity(
        &state,
        &viewer,
        entity,
        base,
        &request.summary,
        &request.reason,
    )
    .await
    {
        Ok(saved) => Ok(Json(ApiSaved {
            change: saved.report.change_id,
            merged_with: saved.merged_with,
        })
        .into_response()),
        Err(WebError::Stale(stale)) => Ok(conflict(*stale)),
        Err(error) => Err(error),
    }
}

/// Creates an entity (editors): 201 with its address in `Location`.
#[utoipa::path(post, path = "/api/v1/{kind}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, sources, venues or events")),
    request_body = ApiCreate,
    responses(
        (status = 201, body = ApiCreated, headers(("Location" = String, description = "The new entity in the API"))),
        (status = 400, body = ErrorResponse, description = "The document is not a valid entity of this kind, or refers to entities that do not exist; the message names the field"),
        (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse),
        (status = 404, body = ErrorResponse, description = "No such collection"),
        (status = 409, body = ConflictResponse, description = "An entity of this id exists already (or was merged into another)"),
    ))]
pub async fn api_create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Json(request): Json<ApiCreate>,
) -> Result<Response, WebError> {
    viewer.require(kinora_core::community::Role::Editor)?;
    let kind = EntityKind::parse(&kind)
        .filter(|parsed| parsed.plural() == kind)
        .ok_or_else(|| WebError::NotFound(format!("no such collection `{kind}`")))?;
    let entity = checked_document(&state, kind, None, &request.document.to_string()).await?;
    let id = entity.id().clone();
    let saved = match save_entity(&state, &viewer, entity, Base::Absent, &request.summary, "").await
    {
        Ok(saved) => saved,
        Err(WebError::Stale(stale)) => return Ok(conflict(*stale)),
        Err(error) => return Err(error),
    };
    let change = saved
        .report
        .change_id
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("a creation recorded no change")))?;
    let location = format!("/api/v1/{}/{id}", kind.plural());
    let created = ApiCreated {
        kind: kind.as_str().to_owned(),
        id: id.to_string(),
        change,
        url: format!("/{}/{id}", kind.plural()),
    };
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(created),
    )
        .into_response())
}
