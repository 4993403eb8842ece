//! Editing the catalog from the web, for editors: an entity's document,
//! merging duplicates, reverting a change. Every edit goes through the
//! store's one write path and names its author, `@` and the account's name.
//! An edit carries the change its document was read at (`base_change`), so
//! that a save never writes over a change made meanwhile: the store merges
//! the two when they changed different claim lists and refuses it
//! otherwise, and the form comes back with the editor's text and the
//! change that came first.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_store::community::{NewProposal, ProposalAction};
use kinora_store::{Base, HistoryEntry, Lookup as Stored, Saved, Stale};
use serde::Deserialize;

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
    /// The change the document was read at, a hidden field of the page.
    #[serde(default)]
    pub base_change: String,
    /// Why facts that cite sources are removed, when the edit removes any.
    #[serde(default)]
    pub reason: String,
}

/// The editor of one entity's document.
#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage {
    viewer: Viewer,
    label: String,
    action: String,
    history: String,
    form: EditForm,
    error: Option<String>,
    conflict: Option<Conflict>,
}

/// What the editor is told when another change came first.
struct Conflict {
    /// The kind, as a reader says it: "film".
    noun: &'static str,
    /// The changes the editor did not know of, newest first.
    since: Vec<HistoryEntry>,
    /// The claim lists both changed, in words.
    overlap: String,
    /// The entity as it is now, in the catalog format, to compare with.
    current: Option<String>,
}

fn edit_page_response(page: EditPage, status: StatusCode) -> Response {
    match page.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(error) => WebError::Internal(error.into()).into_response(),
    }
}

pub async fn edit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    viewer.require(Role::Editor)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let (entity, last_change) = match state.store.lookup(kind, &id).await? {
        Stored::Present {
            entity,
            last_change,
        } => (entity, last_change),
        _ => {
            return Err(WebError::NotFound(kinora_i18n::t_with(
                "error-no-entity",
                &[
                    ("kind", kind.local_name().into()),
                    ("id", id.to_string().into()),
                ],
            )));
        }
    };
    let document = serde_json::to_string_pretty(&entity).map_err(anyhow::Error::from)?;
    let form = EditForm {
        document,
        summary: String::new(),
        base_change: last_change.to_string(),
        reason: String::new(),
    };
    let page = EditPage {
        viewer,
        label: entity.label(),
        action: format!("/{}/{id}/edit", kind.plural()),
        history: format!("/{}/{id}/history", kind.plural()),
        form,
        error: None,
        conflict: None,
    };
    Ok(edit_page_response(page, StatusCode::OK))
}

/// An editor's document read and checked as every save checks it: a
/// well-formed entity of `kind` (and id `id`, when one is edited) whose
/// references all exist. `type` may be left out; the kind says it.
pub async fn checked_document(
    state: &AppState,
    kind: EntityKind,
    id: Option<&EntityId>,
    document: &str,
) -> Result<Entity, WebError> {
    let wrong_kind = |other: &str| {
        WebError::BadRequest(format!("document: type: this is a {other}, not a {kind}"))
    };
    let entity: Entity = match serde_json::from_str::<serde_json::Value>(document) {
        Ok(serde_json::Value::Object(mut fields)) => {
            match fields.get("type").and_then(serde_json::Value::as_str) {
                None if !fields.contains_key("type") => {
                    fields.insert("type".into(), kind.as_str().into());
                }
                Some(other) if EntityKind::parse(other).is_some_and(|other| other != kind) => {
                    return Err(wrong_kind(other));
                }
                _ => {}
            }
            kinora_formats::json::parse_tagged_entity(
                &serde_json::Value::Object(fields).to_string(),
            )
        }
        _ => kinora_formats::json::parse_tagged_entity(document),
    }
    .map_err(|error| WebError::BadRequest(error.to_string()))?;
    if entity.kind() != kind {
        return Err(wrong_kind(entity.kind().as_str()));
    }
    if let Some(id) = id.filter(|id| entity.id() != *id) {
        return Err(WebError::BadRequest(format!(
            "document: id: this edits {kind} `{id}`, not `{}`; an id cannot change",
            entity.id()
        )));
    }
    let names = state.store.missing(&entity_references(&entity)).await?;
    if let Some((missing_kind, missing_id)) = names.first() {
        return Err(WebError::BadRequest(format!(
            "document: it refers to {missing_kind} `{missing_id}`, which does not exist"
        )));
    }
    Ok(entity)
}

/// Saves an editor's document, made from `base`: a new version of an
/// entity (`Base::Change`, or `Base::Any`), or a new one (`Base::Absent`).
/// An edit that removes facts citing sources says why (`reason`), and the
/// reason is recorded with its summary. A save that another change
/// overtook is `WebError::Stale`.
pub async fn save_entity(
    state: &AppState,
    viewer: &Viewer,
    entity: Entity,
    base: Base,
    summary: &str,
    reason: &str,
) -> Result<Saved, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let current = match base {
        Base::Absent => None,
        _ => match state.store.lookup(entity.kind(), entity.id()).await? {
            Stored::Present { entity, .. } => Some(entity),
            _ => None,
        },
    };
    let summary = recorded_summary(current.as_ref(), &entity, summary, reason)
        .map_err(|(_, message)| WebError::BadRequest(message))?;
    state.limits.check_edit(editor.id)?;
    Ok(state
        .store
        .save(entity, base, &author(&editor.name), &summary)
        .await?)
}

/// The summary an edit is recorded with. Every edit says what it does and
/// why; one that removes facts citing sources says why they go (`reason`:
/// the sources are wrong, misread, or about something else), and the
/// reason joins the summary. Refused with the field to fill in and a
/// message naming the facts.
pub fn recorded_summary(
    before: Option<&Entity>,
    after: &Entity,
    summary: &str,
    reason: &str,
) -> Result<String, (&'static str, String)> {
    let summary = summary.trim();
    if summary.is_empty() {
        return Err(("summary", "summary: say what you changed and why.".into()));
    }
    let removed = before.map_or_else(Vec::new, |before| before.sourced_claims_removed(after));
    let reason = reason.trim();
    if removed.is_empty() {
        return Ok(summary.to_owned());
    }
    if reason.is_empty() {
        let paths: Vec<String> = removed.iter().map(ToString::to_string).collect();
        let count = match removed.len() {
            1 => "a fact".to_owned(),
            n => format!("{n} facts"),
        };
        return Err((
            "reason",
            format!(
                "reason: this edit removes {count} that {} sources ({}): say why, \
                 for instance that the source is wrong, misread or about something else. \
                 Nothing was saved.",
                if removed.len() == 1 { "cites" } else { "cite" },
                paths.join(", ")
            ),
        ));
    }
    Ok(format!("{summary} (removes sourced facts: {reason})"))
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

/// The base a page's form names; the page always sends it.
fn form_base(form: &EditForm) -> Result<Base, WebError> {
    form.base_change
        .trim()
        .parse::<i64>()
        .map(Base::Change)
        .map_err(|_| {
            WebError::BadRequest(
                "base_change: the form does not say which version of the entity you edited; open the edit page again and redo your edit there".into(),
            )
        })
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    axum::Form(mut form): axum::Form<EditForm>,
) -> Result<Response, WebError> {
    viewer.require(Role::Editor)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let saved = async {
        let entity = checked_document(&state, kind, Some(&id), &form.document).await?;
        let base = form_base(&form)?;
        save_entity(&state, &viewer, entity, base, &form.summary, &form.reason).await
    }
    .await;
    let (error, conflict) = match saved {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/{}/{id}/history", kind.plural())).into_response());
        }
        Err(WebError::Stale(stale)) => {
            // Saving again is a choice made knowing what came first: the
            // form now names the entity's last change.
            form.base_change = stale.last_change.to_string();
            (None, Some(conflict_of(*stale)?))
        }
        Err(error @ (WebError::BadRequest(_) | WebError::Conflict(_))) => (Some(error), None),
        Err(error) => return Err(error),
    };
    let status = error
        .as_ref()
        .map_or(StatusCode::CONFLICT, WebError::status);
    let page = EditPage {
        viewer,
        label: id.to_string(),
        action: format!("/{}/{id}/edit", kind.plural()),
        history: format!("/{}/{id}/history", kind.plural()),
        form,
        error: error.map(|error| error.to_string()),
        conflict,
    };
    Ok(edit_page_response(page, status))
}

fn conflict_of(stale: Stale) -> Result<Conflict, WebError> {
    let current = match &stale.current {
        kinora_store::State::Present(entity) => {
            Some(serde_json::to_string_pretty(entity).map_err(anyhow::Error::from)?)
        }
        _ => None,
    };
    Ok(Conflict {
        noun: stale.kind.as_str(),
        since: stale.since,
        overlap: stale.overlap.join(", "),
        current,
    })
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
    /// Why they are one: the history keeps it; a member's proposal needs it.
    #[serde(default)]
    pub why: String,
}

/// Merges every other entity of a group into the one kept (editors); a
/// member proposes the merge to the editors instead, saying why.
pub async fn merge(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<MergeForm>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    state.limits.check_edit(account.id)?;
    let (kind, keep) = parse_path(&form.kind, &form.keep)?;
    let proposing = !viewer.can(Role::Editor);
    let why = form.why.trim();
    if proposing && why.is_empty() {
        return Err(WebError::BadRequest(
            "why: say why they are one, for the editor who decides.".into(),
        ));
    }
    let mut merged = Vec::new();
    for other in form.ids.split(',').map(str::trim) {
        if other.is_empty() || other == keep.as_str() {
            continue;
        }
        let (_, other) = parse_path(&form.kind, other)?;
        if proposing {
            let number = state
                .store
                .propose(
                    account.id,
                    &NewProposal {
                        kind: kind.as_str().to_owned(),
                        entity_id: other.to_string(),
                        list: String::new(),
                        action: ProposalAction::Merge,
                        position: None,
                        claim: Some(serde_json::json!({ "into": keep.as_str() })),
                        base_change: 0,
                        summary: why.to_owned(),
                    },
                )
                .await?;
            merged.push(number);
        } else {
            merged.push(
                state
                    .store
                    .merge_saying(kind, &other, &keep, &author(&account.name), why)
                    .await?,
            );
        }
    }
    match merged.first() {
        None => Err(WebError::BadRequest(kinora_i18n::t(
            "error-nothing-to-merge",
        ))),
        Some(number) if proposing => {
            Ok(Redirect::to(&format!("/me/proposals#proposal-{number}")).into_response())
        }
        Some(_) => Ok(Redirect::to(&format!("/{}/{keep}/history", kind.plural())).into_response()),
    }
}

pub async fn revert(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?;
    state.limits.check_edit(editor.id)?;
    let new = state.store.revert(change, &author(&editor.name)).await?;
    Ok(Redirect::to(&format!("/changes/{new}")).into_response())
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
    state.limits.check_edit(editor.id)?;
    let new = state
        .store
        .revert(change, &author(&editor.name))
        .await
        .map_err(WebError::from)?;
    Ok(Json(serde_json::json!({"change": new})))
}
