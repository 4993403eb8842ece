//! One claim at a time through the JSON API, as the claim forms do it:
//! `POST /api/v1/{kind}/{id}/claims/{list}` adds a claim, `PUT …/{index}`
//! changes one, `DELETE …/{index}` removes one. Each is made from the
//! `base_change` the entity was read with (merged with a change made since
//! to another claim list, else 409), cites a source, says why when it
//! removes what a source states; a member's becomes a proposal (202).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinora_core::model::ClaimEdit;
use kinora_store::Lookup;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api::ErrorResponse;
use super::api_write::conflict;
use super::auth::Viewer;
use super::claim_form::{Applied, ClaimRequest, Refused, apply};
use super::render::parse_path;
use super::{AppState, WebError};

#[derive(Deserialize, ToSchema)]
pub struct ApiClaimEdit {
    /// The claim as the entity's list holds it in the catalog format (as in
    /// `GET /api/v1/{kind}/{id}`), with its `sources`; for adding and
    /// changing, not for removing.
    #[serde(default)]
    #[schema(value_type = Object)]
    claim: Option<serde_json::Value>,
    /// What changed and why, for the history.
    summary: String,
    /// The `base_change` the entity was read with.
    base_change: i64,
    /// Why the claim goes, when it is removed (or changed past recognition)
    /// and a source states it.
    #[serde(default)]
    reason: String,
}

/// What a claim edit did.
#[derive(Serialize, ToSchema)]
pub struct ApiClaimSaved {
    /// The change recorded: the entity's new `base_change`; null when the
    /// edit changed nothing, or was a proposal.
    change: Option<i64>,
    /// Changes made after `base_change` to other claim lists that the edit
    /// was merged with.
    merged_with: Vec<i64>,
    /// A member's edit is a proposal an editor accepts or rejects: its
    /// number (`/edits/open`); null for an editor's.
    proposal: Option<i64>,
}

async fn claim_edit(
    state: &AppState,
    viewer: &Viewer,
    (kind, id, list): (String, String, String),
    edit: impl FnOnce(Option<serde_json::Value>) -> Result<ClaimEdit, WebError>,
    request: ApiClaimEdit,
) -> Result<Response, WebError> {
    viewer.require(kinora_core::community::Role::Member)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let Lookup::Present { entity, .. } = state.store.lookup(kind, &id).await? else {
        return Err(WebError::NotFound(format!("no {kind} `{id}`")));
    };
    let request = ClaimRequest {
        kind,
        id: &id,
        list: &list,
        edit: edit(request.claim)?,
        base: request.base_change,
        summary: &request.summary,
        reason: &request.reason,
    };
    match apply(state, viewer, &entity, request).await {
        Ok(Applied::Saved {
            change,
            merged_with,
        }) => Ok(Json(ApiClaimSaved {
            change,
            merged_with,
            proposal: None,
        })
        .into_response()),
        Ok(Applied::Proposed(number)) => Ok((
            StatusCode::ACCEPTED,
            Json(ApiClaimSaved {
                change: None,
                merged_with: Vec::new(),
                proposal: Some(number),
            }),
        )
            .into_response()),
        Err(Refused::Field { field, message }) => Err(WebError::BadRequest(match field {
            Some(field) if matches!(field.as_str(), "summary" | "reason") => {
                format!("{field}: {message}")
            }
            Some(field) => format!("claim.{field}: {message}"),
            None => format!("claim: {message}"),
        })),
        Err(Refused::Stale(stale)) => Ok(conflict(*stale)),
        Err(Refused::Error(error)) => Err(error),
    }
}

fn claim_given(claim: Option<serde_json::Value>) -> Result<serde_json::Value, WebError> {
    claim.ok_or_else(|| WebError::BadRequest("claim: give the claim".into()))
}

/// Adds a claim to one of an entity's claim lists (`releases`, `credits`,
/// `titles`…). A member's addition becomes a proposal (202).
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/claims/{list}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, venues or events"),
           ("id" = String, Path, description = "The entity's id"),
           ("list" = String, Path, description = "The claim list, as the entity's document names it: releases, credits, titles…")),
    request_body = ApiClaimEdit,
    responses(
        (status = 200, body = ApiClaimSaved, description = "Saved"),
        (status = 202, body = ApiClaimSaved, description = "A member's edit, recorded as a proposal for the editors"),
        (status = 400, body = ErrorResponse, description = "The claim is not valid (the message names the field: `claim.date: …`), cites no source, or the summary is missing"),
        (status = 401, body = ErrorResponse),
        (status = 404, body = ErrorResponse),
        (status = 409, body = super::api_write::ConflictResponse, description = "Another change touched this claim list after `base_change`; nothing was saved"),
        (status = 429, body = ErrorResponse, description = "Too many edits from this account; wait"),
    ))]
pub async fn api_add_claim(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(path): Path<(String, String, String)>,
    Json(request): Json<ApiClaimEdit>,
) -> Result<Response, WebError> {
    claim_edit(
        &state,
        &viewer,
        path,
        |claim| Ok(ClaimEdit::Add(claim_given(claim)?)),
        request,
    )
    .await
}

/// Replaces the claim at `index` of a claim list (0 is the first, as in the
/// entity's document).
#[utoipa::path(put, path = "/api/v1/{kind}/{id}/claims/{list}/{index}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, venues or events"),
           ("id" = String, Path, description = "The entity's id"),
           ("list" = String, Path, description = "The claim list"),
           ("index" = usize, Path, description = "The claim's place in the list, from 0")),
    request_body = ApiClaimEdit,
    responses(
        (status = 200, body = ApiClaimSaved, description = "Saved"),
        (status = 202, body = ApiClaimSaved, description = "A member's edit, recorded as a proposal"),
        (status = 400, body = ErrorResponse, description = "The claim is not valid, or there is no claim at `index`"),
        (status = 401, body = ErrorResponse),
        (status = 404, body = ErrorResponse),
        (status = 409, body = super::api_write::ConflictResponse),
        (status = 429, body = ErrorResponse),
    ))]
pub async fn api_change_claim(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, list, index)): Path<(String, String, String, usize)>,
    Json(request): Json<ApiClaimEdit>,
) -> Result<Response, WebError> {
    claim_edit(
        &state,
        &viewer,
        (kind, id, list),
        |claim| Ok(ClaimEdit::Change(index, claim_given(claim)?)),
        request,
    )
    .await
}

/// Removes the claim at `index` of a claim list; a claim a source states
/// goes only with a `reason`.
#[utoipa::path(delete, path = "/api/v1/{kind}/{id}/claims/{list}/{index}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, venues or events"),
           ("id" = String, Path, description = "The entity's id"),
           ("list" = String, Path, description = "The claim list"),
           ("index" = usize, Path, description = "The claim's place in the list, from 0")),
    request_body = ApiClaimEdit,
    responses(
        (status = 200, body = ApiClaimSaved, description = "Removed"),
        (status = 202, body = ApiClaimSaved, description = "A member's removal, recorded as a proposal"),
        (status = 400, body = ErrorResponse, description = "No claim at `index`, no summary, or a sourced claim without a `reason`"),
        (status = 401, body = ErrorResponse),
        (status = 404, body = ErrorResponse),
        (status = 409, body = super::api_write::ConflictResponse),
        (status = 429, body = ErrorResponse),
    ))]
pub async fn api_remove_claim(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, list, index)): Path<(String, String, String, usize)>,
    Json(request): Json<ApiClaimEdit>,
) -> Result<Response, WebError> {
    claim_edit(
        &state,
        &viewer,
        (kind, id, list),
        |_| Ok(ClaimEdit::Remove(index)),
        request,
    )
    .await
}
