//! Likely duplicates, an entity's history, and one change read as a list of
//! facts added, removed and changed.

use crate::web::auth::Viewer;
use crate::web::render::{parse_path, render};
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use kinora_core::{EntityId, EntityKind};
use kinora_store::{ChangeRecord, HistoryEntry, Lookup as Stored};

#[derive(Template)]
#[template(path = "duplicates.html")]
pub(crate) struct DuplicatesTemplate {
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
pub(crate) struct HistoryTemplate {
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
pub(crate) struct ChangeTemplate {
    viewer: Viewer,
    change: ChangeRecord,
    edits: Vec<crate::web::diff::EditView>,
    /// Edits not shown, in a large change.
    more: usize,
}

pub async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Html<String>, WebError> {
    let change = state.store.change(change).await?;
    let shown = &change.edits[..change.edits.len().min(crate::web::diff::EDITS_SHOWN)];
    let keys: Vec<(EntityKind, EntityId)> = shown
        .iter()
        .flat_map(crate::web::diff::references)
        .collect();
    let summaries = state.store.summaries(&keys).await?;
    let name_of = |kind: EntityKind, id: &EntityId| {
        summaries
            .get(&(kind, id.clone()))
            .map(|summary| summary.label.clone())
    };
    let edits = shown
        .iter()
        .map(|edit| crate::web::diff::view(edit, &name_of))
        .collect();
    let more = change
        .edits
        .len()
        .saturating_sub(crate::web::diff::EDITS_SHOWN);
    render(&ChangeTemplate {
        viewer,
        change,
        edits,
        more,
    })
}
