//! Editing the catalog from the web, for editors: an entity's document,
//! merging duplicates, reverting a change. Every edit goes through the
//! store's one write path and names its author, `@` and the account's name.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::model::Entity;
use kinora_store::Lookup as Stored;
use serde::Deserialize;

use super::account_pages::{Field, FormPage, form_error, form_page};
use super::auth::Viewer;
use super::render::parse_path;
use super::{AppState, WebError};

/// How the edit log names an account's edits.
pub fn author(name: &str) -> String {
    format!("@{name}")
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub summary: String,
}

fn edit_form(action: &str, label: &str, form: &EditForm) -> FormPage {
    FormPage {
        title: format!("Edit {label}"),
        intro: Some(
            "The whole entity in Kinora's catalog format (docs/format.md). Every fact keeps its sources; the edit is recorded and can be reverted."
                .into(),
        ),
        action: action.to_owned(),
        fields: vec![
            Field::new("document", "Document (JSON)", "textarea")
                .value(&form.document)
                .required(),
            Field::new("summary", "What you changed and why", "text")
                .value(&form.summary)
                .required(),
        ],
        submit: "Save the edit".into(),
        ..FormPage::default()
    }
}

pub async fn edit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    viewer.require(Role::Editor)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let entity = match state.store.lookup(kind, &id).await? {
        Stored::Present { entity, .. } => entity,
        _ => return Err(WebError::NotFound(format!("There is no {kind} `{id}`."))),
    };
    let document = serde_json::to_string_pretty(&entity).map_err(anyhow::Error::from)?;
    let form = EditForm {
        document,
        summary: String::new(),
    };
    let action = format!("/{}/{id}/edit", kind.plural());
    Ok(form_page(
        viewer,
        edit_form(&action, &entity.label(), &form),
        StatusCode::OK,
    ))
}

/// Saves an editor's new version of an entity; the id cannot change. The
/// change's number, or none when nothing changed.
pub async fn save_entity(
    state: &AppState,
    viewer: &Viewer,
    kind: kinora_core::EntityKind,
    id: &kinora_core::EntityId,
    document: &str,
    summary: &str,
) -> Result<Option<i64>, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let summary = summary.trim();
    if summary.is_empty() {
        return Err(WebError::BadRequest("Say what you changed and why.".into()));
    }
    let entity: Entity = kinora_formats::json::parse_tagged_entity(document)
        .map_err(|error| WebError::BadRequest(error.to_string()))?;
    if entity.kind() != kind || entity.id() != id {
        return Err(WebError::BadRequest(format!(
            "document: this page edits {kind} `{id}`, not {} `{}`",
            entity.kind(),
            entity.id()
        )));
    }
    let names = state.store.missing(&entity_references(&entity)).await?;
    if let Some((missing_kind, missing_id)) = names.first() {
        return Err(WebError::BadRequest(format!(
            "document: it refers to {missing_kind} `{missing_id}`, which does not exist"
        )));
    }
    let report = state
        .store
        .put(vec![entity], &author(&editor.name), summary)
        .await?;
    Ok(report.change_id)
}

pub(crate) fn entity_references(
    entity: &Entity,
) -> Vec<(kinora_core::EntityKind, kinora_core::EntityId)> {
    entity
        .references()
        .into_iter()
        .map(|reference| (reference.kind, reference.id))
        .collect()
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    axum::Form(form): axum::Form<EditForm>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    match save_entity(&state, &viewer, kind, &id, &form.document, &form.summary).await {
        Ok(_) => Ok(Redirect::to(&format!("/{}/{id}/history", kind.plural())).into_response()),
        Err(error @ (WebError::BadRequest(_) | WebError::Conflict(_))) => {
            let action = format!("/{}/{id}/edit", kind.plural());
            Ok(form_error(
                viewer,
                edit_form(&action, id.as_str(), &form),
                error,
            ))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    pub kind: String,
    /// The ids of the group, comma-separated.
    #[serde(default)]
    pub ids: String,
    /// The one that stays.
    #[serde(default)]
    pub keep: String,
}

/// Merges every other entity of a group into the one kept.
pub async fn merge(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<MergeForm>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let (kind, keep) = parse_path(&form.kind, &form.keep)?;
    let mut merged = 0;
    for other in form.ids.split(',').map(str::trim) {
        if other.is_empty() || other == keep.as_str() {
            continue;
        }
        let (_, other) = parse_path(&form.kind, other)?;
        state
            .store
            .merge(kind, &other, &keep, &author(&editor.name))
            .await?;
        merged += 1;
    }
    if merged == 0 {
        return Err(WebError::BadRequest(
            "Nothing to merge: choose the one to keep among others.".into(),
        ));
    }
    Ok(Redirect::to(&format!("/{}/{keep}/history", kind.plural())).into_response())
}

pub async fn revert(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let new = state.store.revert(change, &author(&editor.name)).await?;
    Ok(Redirect::to(&format!("/changes/{new}")).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiEdit {
    /// The whole entity in the catalog format.
    #[schema(value_type = Object)]
    document: serde_json::Value,
    summary: String,
}

/// Replaces an entity with a new version (editors).
#[utoipa::path(put, path = "/api/v1/{kind}/{id}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums or sources"),
           ("id" = String, Path, description = "The entity's id")),
    request_body = ApiEdit,
    responses((status = 200), (status = 400), (status = 401), (status = 403)))]
pub async fn api_edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    Json(request): Json<ApiEdit>,
) -> Result<Json<serde_json::Value>, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let change = save_entity(
        &state,
        &viewer,
        kind,
        &id,
        &request.document.to_string(),
        &request.summary,
    )
    .await?;
    Ok(Json(serde_json::json!({"change": change})))
}

/// Reverts a change (editors).
#[utoipa::path(post, path = "/api/v1/changes/{change}/revert", tag = "catalog",
    params(("change" = i64, Path, description = "The change's number")),
    responses((status = 200), (status = 401), (status = 403), (status = 409)))]
pub async fn api_revert(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Json<serde_json::Value>, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let new = state
        .store
        .revert(change, &author(&editor.name))
        .await
        .map_err(WebError::from)?;
    Ok(Json(serde_json::json!({"change": new})))
}
