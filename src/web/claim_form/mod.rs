//! Editing an entity's facts in forms, one claim at a time: the parts of an
//! entity (`/films/crossing-2008/claims`), and a part's claims, each in a
//! form of its own with its sources, note and marks, plus a form to add one
//! (`/films/crossing-2008/claims/releases`). The forms are drawn from the
//! claims' declarations (kinora-core's `form`); a save is one change in the
//! edit log with the editor's summary, through the one write path. The JSON
//! document editor stays, as the advanced view.

mod apply;
mod create;
mod fields;
mod proposals;
mod source_fields;

pub use apply::{Applied, ClaimRequest, Refused, apply};
pub use create::{create, create_page};
pub use proposals::{accept, my_page, open_page, reject};
pub use source_fields::{fields_page, save_fields};

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::model::{ClaimEdit, Entity, ListForm};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Lookup;

use self::fields::{Values, claim_of, draw, esc, form_name, label_of, values_of};
use super::auth::Viewer;
use super::editing::{entity_references, recorded_summary};
use super::render::{parse_path, render};
use super::{AppState, WebError};

/// One part of an entity, as the parts page lists it.
struct Part {
    name: &'static str,
    label: String,
    claims: usize,
}

#[derive(Template)]
#[template(path = "claims.html")]
struct PartsTemplate {
    viewer: Viewer,
    kind: EntityKind,
    id: EntityId,
    label: String,
    parts: Vec<Part>,
}

/// One claim's form as the list page draws it.
struct ClaimBox {
    /// Its place in the list; none for the form that adds one.
    index: Option<usize>,
    /// A line saying what it states.
    reading: String,
    preferred: bool,
    inferred: bool,
    /// The value's fields, drawn (safe HTML).
    fields: String,
    values: Values,
    /// The citations' rows: (row, source, quote), one spare.
    citations: Vec<(usize, String, String)>,
    error: Option<String>,
    field_error: Option<(String, String)>,
    open: bool,
}

#[derive(Template)]
#[template(path = "claim_list.html")]
struct ListTemplate {
    viewer: Viewer,
    kind: EntityKind,
    id: EntityId,
    label: String,
    part: String,
    list: &'static str,
    /// The entity's last change when the page was drawn: the base a save
    /// is made from.
    base_change: i64,
    claims: Vec<ClaimBox>,
    summary: String,
    /// A member who is not an editor: the forms propose.
    proposing: bool,
}

async fn load(
    state: &AppState,
    kind: EntityKind,
    id: &EntityId,
) -> Result<(Entity, i64), WebError> {
    match state.store.lookup(kind, id).await? {
        Lookup::Present {
            entity,
            last_change,
        } => Ok((entity, last_change)),
        _ => Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-entity",
            &[
                ("kind", kind.local_name().into()),
                ("id", id.to_string().into()),
            ],
        ))),
    }
}

/// `GET /{kind}/{id}/claims`: the entity's parts, to pick one to edit.
pub async fn parts_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let (entity, _) = load(&state, kind, &id).await?;
    let parts = entity
        .claim_lists()
        .into_iter()
        .map(|(name, claims)| Part {
            name,
            label: kinora_i18n::vocabulary(&format!("list-{name}"), &label_of(name)),
            claims,
        })
        .collect();
    Ok(render(&PartsTemplate {
        viewer,
        kind,
        id,
        label: kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()),
        parts,
    })?
    .into_response())
}

/// `GET /{kind}/{id}/claims/{list}`: a part's claims, each in its form.
pub async fn list_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, list)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let (entity, base_change) = load(&state, kind, &id).await?;
    let form = list_of(&state, &entity, &list).await?;
    let claims = boxes(&form, None);
    Ok(render(&ListTemplate {
        proposing: !viewer.can(Role::Editor),
        viewer,
        kind,
        id,
        label: kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()),
        part: kinora_i18n::vocabulary(&format!("list-{}", form.name), &label_of(form.name)),
        list: form.name,
        base_change,
        claims,
        summary: String::new(),
    })?
    .into_response())
}

/// A part's form, its claims read out with the names of what they refer to.
async fn list_of(state: &AppState, entity: &Entity, list: &str) -> Result<ListForm, WebError> {
    let summaries = state.store.summaries(&entity_references(entity)).await?;
    let name_of = crate::web::render::labels_in(&summaries);
    entity.list_form(list, &name_of).ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-such-part",
            &[
                ("kind", entity.kind().local_name().into()),
                ("list", list.to_owned().into()),
            ],
        ))
    })
}

/// A form that failed: which one, what it held, and why.
struct Failed {
    index: Option<usize>,
    values: Values,
    message: String,
    field: Option<String>,
}

/// The forms of a list's claims and the one that adds one; a failed form is
/// drawn as it was sent, open, with its error.
fn boxes(form: &ListForm, failed: Option<&Failed>) -> Vec<ClaimBox> {
    let mut boxes = Vec::with_capacity(form.claims.len() + 1);
    let adding = failed.is_some_and(|failed| failed.index.is_none());
    let mut add = ClaimBox::new(
        &form.input,
        None,
        Values::new(),
        form.claims.is_empty() || adding,
    );
    if let Some(failed) = failed.filter(|failed| failed.index.is_none()) {
        add = add.failed(&form.input, failed);
    }
    boxes.push(add);
    for (index, claim) in form.claims.iter().enumerate() {
        let mut claim_box = ClaimBox::new(
            &form.input,
            Some(index),
            values_of(&form.input, claim),
            false,
        );
        claim_box.reading = form.readings[index].clone();
        if let Some(failed) = failed.filter(|failed| failed.index == Some(index)) {
            claim_box = claim_box.failed(&form.input, failed);
        }
        boxes.push(claim_box);
    }
    boxes
}

impl ClaimBox {
    fn new(
        input: &kinora_core::form::Input,
        index: Option<usize>,
        values: Values,
        open: bool,
    ) -> ClaimBox {
        let fields = draw(input, &values, None);
        let citations = citations(&values);
        ClaimBox {
            index,
            reading: String::new(),
            preferred: values.contains_key("preferred"),
            inferred: values.contains_key("inferred"),
            fields,
            values,
            citations,
            error: None,
            field_error: None,
            open,
        }
    }

    fn failed(mut self, input: &kinora_core::form::Input, failed: &Failed) -> ClaimBox {
        let error = failed
            .field
            .as_deref()
            .map(|field| (field, failed.message.as_str()));
        self.fields = draw(input, &failed.values, error);
        self.citations = citations(&failed.values);
        self.values = failed.values.clone();
        self.preferred = failed.values.contains_key("preferred");
        self.inferred = failed.values.contains_key("inferred");
        self.field_error = failed
            .field
            .clone()
            .filter(|field| !field.starts_with("v."))
            .map(|field| (field, failed.message.clone()));
        if failed.field.is_none() {
            self.error = Some(failed.message.clone());
        }
        self.open = true;
        self
    }

    /// Whether removing the claim asks why: it cites a source (or a
    /// removal was just refused for want of a reason).
    fn asks_reason(&self) -> bool {
        self.index.is_some()
            && (self
                .citations
                .iter()
                .any(|(_, source, _)| !source.trim().is_empty())
                || self
                    .field_error
                    .as_ref()
                    .is_some_and(|(field, _)| field == "reason"))
    }

    fn value(&self, name: &str) -> &str {
        self.values
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// The citation rows of a form, with one empty row to add a source.
fn citations(values: &Values) -> Vec<(usize, String, String)> {
    let mut rows = Vec::new();
    let mut index = 0;
    while values.contains_key(&format!("sources.{index}.source")) {
        let get = |part: &str| {
            values
                .get(&format!("sources.{index}.{part}"))
                .cloned()
                .unwrap_or_default()
        };
        rows.push((index, get("source"), get("quote")));
        index += 1;
    }
    rows.push((index, String::new(), String::new()));
    rows
}

/// `POST /{kind}/{id}/claims/{list}`: saves, adds or removes one claim.
pub async fn post_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, list)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let (kind, id) = parse_path(&kind, &id)?;
    let mut values: Values = form_urlencoded::parse(&body).into_owned().collect();
    let action = values.remove("action").unwrap_or_default();
    let summary = values.remove("summary").unwrap_or_default();
    let reason = values.get("reason").cloned().unwrap_or_default();
    let base: Option<i64> = values.remove("base_change").and_then(|v| v.parse().ok());
    let index: Option<usize> = values.remove("index").and_then(|v| v.parse().ok());
    values.remove("csrf");
    let (entity, current) = load(&state, kind, &id).await?;
    let form = list_of(&state, &entity, &list).await?;
    let list_name = form.name;
    let Some(base) = base else {
        return Err(WebError::BadRequest(kinora_i18n::t("error-form-no-base")));
    };
    let edit = match (action.as_str(), index) {
        ("remove", Some(index)) => ClaimEdit::Remove(index),
        ("save", Some(index)) => ClaimEdit::Change(index, claim_of(&form.input, &values)),
        ("save", None) => ClaimEdit::Add(claim_of(&form.input, &values)),
        _ => {
            return Err(WebError::BadRequest(kinora_i18n::t("error-save-or-remove")));
        }
    };
    let request = ClaimRequest {
        kind,
        id: &id,
        list: list_name,
        edit,
        base,
        summary: &summary,
        reason: &reason,
    };
    let (message, field) = match apply(&state, &viewer, &entity, request).await {
        Ok(Applied::Proposed(number)) => {
            return Ok(Redirect::to(&format!("/edits/open#proposal-{number}")).into_response());
        }
        Ok(Applied::Saved { .. }) => {
            return Ok(
                Redirect::to(&format!("/{}/{id}/claims/{list_name}#saved", kind.plural()))
                    .into_response(),
            );
        }
        Err(Refused::Error(error)) => return Err(error),
        Err(Refused::Field { field, message }) => {
            let field = field.map(|field| match field.as_str() {
                "summary" | "reason" => field,
                path => form_name(path),
            });
            (message, field)
        }
        Err(Refused::Stale(stale)) => (
            kinora_i18n::t_with(
                "error-stale-claims",
                &[
                    ("kind", kind.local_name().into()),
                    ("changes", changes_since(&stale).into()),
                ],
            ),
            None,
        ),
    };
    // The page again, as it was sent, with the error beside its field.
    let failed = Failed {
        index,
        values,
        message,
        field,
    };
    let page = render(&ListTemplate {
        proposing: !viewer.can(Role::Editor),
        viewer: viewer.clone(),
        kind,
        id: id.clone(),
        label: kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()),
        part: kinora_i18n::vocabulary(&format!("list-{}", form.name), &label_of(form.name)),
        list: form.name,
        base_change: current,
        claims: boxes(&form, Some(&failed)),
        summary,
    })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// For the list template: a claim box's citation error, escaped.
fn error_html(claim: &ClaimBox, name: &str) -> String {
    error_html_for(claim.field_error.as_ref(), name)
}

/// The error beside a field outside a claim's value (a citation, the
/// summary), escaped; none when the error is another field's.
fn error_html_for(error: Option<&(String, String)>, name: &str) -> String {
    error
        .filter(|(field, _)| field == name)
        .map(|(_, message)| {
            format!(
                "<small class=\"field-error\" role=\"alert\">{}</small>",
                esc(&crate::web::community::quoted(message))
            )
        })
        .unwrap_or_default()
}

/// Why an entity from a form cannot be saved: it names an entity that does
/// not exist (a typed id, one deleted since).
async fn dangling(state: &AppState, entity: &Entity) -> Result<Option<String>, WebError> {
    Ok(state
        .store
        .missing(&entity_references(entity))
        .await?
        .first()
        .map(|(kind, id)| missing_reference(*kind, id)))
}

/// The changes another editor made since a form was drawn, in a line:
/// "change #12 by @ed, “Title”; change #13 …".
fn changes_since(stale: &kinora_store::Stale) -> String {
    stale
        .since
        .iter()
        .map(|entry| {
            kinora_i18n::t_with(
                "change-by",
                &[
                    ("number", entry.change_id.to_string().into()),
                    ("author", entry.author.clone().into()),
                    ("summary", entry.summary.clone().into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a form that names an entity that does not exist is refused.
pub(crate) fn missing_reference(kind: EntityKind, id: &EntityId) -> String {
    kinora_i18n::t_with(
        "error-missing-reference",
        &[
            ("kind", kind.local_name().into()),
            ("id", id.to_string().into()),
        ],
    )
}

/// The summary a form's edit is recorded with (`editing::recorded_summary`),
/// or the field to fill in and why, worded for beside the field.
fn form_summary(
    before: &Entity,
    after: &Entity,
    summary: &str,
    reason: &str,
) -> Result<String, (String, String)> {
    recorded_summary(Some(before), after, summary, reason).map_err(|(field, message)| {
        let message = match field {
            // A form removes one fact at a time: no paths, just why.
            "reason" => "A source states this fact: say why it goes (the source is wrong, \
                         misread, or about something else). Nothing was saved."
                .to_owned(),
            _ => message
                .split_once(": ")
                .map_or(message.clone(), |(_, rest)| rest.to_owned()),
        };
        (field.to_owned(), message)
    })
}
