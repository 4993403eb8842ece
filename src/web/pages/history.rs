//! Likely duplicates, an entity's history, and one change read as a list of
//! facts added, removed and changed.

use crate::web::auth::Viewer;
use crate::web::diff::{self, Edit, EditView, Stated};
use crate::web::render::{parse_path, render};
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use kinora_core::{EntityId, EntityKind};
use kinora_store::{ChangeRecord, HistoryEntry};
use serde::Deserialize;

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

/// Edits a history page lists; older ones are a link away.
const HISTORY_PAGE: i64 = 100;

#[derive(Template)]
#[template(path = "history.html")]
pub(crate) struct HistoryTemplate {
    viewer: Viewer,
    label: String,
    href: String,
    entries: Vec<HistoryLine>,
    /// The address of the page of older edits, when there are more.
    older: Option<String>,
}

/// One edit of an entity's history and what it did, in a line.
pub(crate) struct HistoryLine {
    entry: HistoryEntry,
    /// "title changed; 1 release added".
    what: String,
}

#[derive(Deserialize)]
pub struct HistoryQuery {
    /// Edits of changes before this one.
    before: Option<i64>,
}

pub async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    Query(query): Query<HistoryQuery>,
) -> Result<Html<String>, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let mut rows = state
        .store
        .history_edits(kind, &id, query.before, HISTORY_PAGE + 1)
        .await?;
    if rows.is_empty() && query.before.is_none() {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-entity",
            &[
                ("kind", kind.local_name().into()),
                ("id", id.to_string().into()),
            ],
        )));
    }
    let href = format!("/{}/{}", kind.plural(), id);
    let older = (rows.len() as i64 > HISTORY_PAGE).then(|| {
        rows.truncate(HISTORY_PAGE as usize);
        let last = rows.last().map_or(0, |row| row.entry.change_id);
        format!("{href}/history?before={last}")
    });
    let edits: Vec<Edit> = rows.iter().map(|row| Edit::read(&row.edit)).collect();
    // The name: the newest state that has one.
    let label = edits
        .iter()
        .flat_map(|edit| [&edit.after, &edit.before])
        .find_map(|state| match state {
            Stated::Present(entity) => Some(kinora_core::model::shown_label(
                entity,
                kinora_i18n::Reader::current(),
            )),
            _ => None,
        })
        .unwrap_or_else(|| id.to_string());
    // Only a merge names another entity in its line: read those names, if any.
    let merged: Vec<(EntityKind, EntityId)> = edits
        .iter()
        .filter_map(|edit| edit.merged_into().map(|to| (kind, to.clone())))
        .collect();
    let summaries = if merged.is_empty() {
        Default::default()
    } else {
        state.store.summaries(&merged).await?
    };
    let names = crate::web::render::labels_in(&summaries);
    let entries = rows
        .iter()
        .zip(&edits)
        .map(|(row, edit)| HistoryLine {
            entry: row.entry.clone(),
            what: diff::line(edit, &edit.compare(&names), &names),
        })
        .collect();
    render(&HistoryTemplate {
        viewer,
        label,
        href,
        entries,
        older,
    })
}

#[derive(Template)]
#[template(path = "change.html")]
pub(crate) struct ChangeTemplate {
    viewer: Viewer,
    change: ChangeRecord,
    edits: Vec<EditView>,
    /// Edits not shown, in a large change.
    more: usize,
}

pub async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(change): Path<i64>,
) -> Result<Html<String>, WebError> {
    let change = state.store.change(change).await?;
    let shown = &change.edits[..change.edits.len().min(diff::EDITS_SHOWN)];
    let mut keys: Vec<(EntityKind, EntityId)> = shown
        .iter()
        .flat_map(|record| Edit::read(record).references())
        .collect();
    keys.sort();
    keys.dedup();
    let summaries = state.store.summaries(&keys).await?;
    let names = crate::web::render::labels_in(&summaries);
    let edits = shown
        .iter()
        .map(|record| diff::view(record, &names))
        .collect();
    let more = change.edits.len().saturating_sub(diff::EDITS_SHOWN);
    render(&ChangeTemplate {
        viewer,
        change,
        edits,
        more,
    })
}
