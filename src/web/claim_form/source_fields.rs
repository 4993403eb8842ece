//! A source's own fields in a form (`/sources/{id}/fields`): its address,
//! title, kind, publisher, authors, date, language, what it credits, where
//! it was read, its summary and text. A source is a document, not a list of
//! claims: the form replaces those fields (the confirmed mentions stay as
//! they are), as one change from the version the page was drawn from; a
//! member's edit goes to the editors as a proposal.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::EntityKind;
use kinora_core::community::Role;
use kinora_core::form::{FormInput, Input};
use kinora_core::model::{Entity, Source};
use kinora_store::community::{NewProposal, ProposalAction};
use kinora_store::{Base, StoreError};
use serde_json::Value;

use super::fields::{Values, claim_of, draw, form_name, values_of};
use super::{changes_since, dangling, error_html_for, form_summary, load};
use crate::web::auth::Viewer;
use crate::web::editing::author;
use crate::web::render::{parse_path, render};
use crate::web::{AppState, WebError};

/// The fields edited here: all of a source's but its id (which never
/// changes) and its mentions (confirmed on their own page).
fn input() -> Input {
    Input::Group(
        Source::input()
            .fields()
            .iter()
            .filter(|field| !matches!(field.name, "id" | "mentions"))
            .cloned()
            .collect(),
    )
}

#[derive(Template)]
#[template(path = "source_fields.html")]
struct FieldsTemplate {
    viewer: Viewer,
    id: String,
    label: String,
    fields: String,
    base_change: i64,
    summary: String,
    error: Option<String>,
    field_error: Option<(String, String)>,
    proposing: bool,
}

fn page(
    viewer: Viewer,
    source: &Entity,
    base_change: i64,
    values: &Values,
    summary: String,
    error: Option<(Option<String>, String)>,
) -> FieldsTemplate {
    let value_error = error
        .as_ref()
        .and_then(|(field, message)| field.as_deref().map(|field| (field, message.as_str())))
        .filter(|(field, _)| field.starts_with("v."));
    FieldsTemplate {
        proposing: !viewer.can(Role::Editor),
        fields: draw(&input(), values, value_error),
        id: source.id().to_string(),
        label: source.label(),
        base_change,
        summary,
        error: error
            .as_ref()
            .filter(|(field, _)| field.is_none())
            .map(|(_, message)| message.clone()),
        field_error: error.and_then(|(field, message)| {
            field.filter(|f| !f.starts_with("v.")).map(|f| (f, message))
        }),
        viewer,
    }
}

/// `GET /sources/{id}/fields`: the form, filled in.
pub async fn fields_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let (_, id) = parse_path("sources", &id)?;
    let (source, base_change) = load(&state, EntityKind::Source, &id).await?;
    let document = serde_json::to_value(&source).map_err(anyhow::Error::from)?;
    let values = values_of(&input(), &document);
    Ok(render(&page(
        viewer,
        &source,
        base_change,
        &values,
        String::new(),
        None,
    ))?
    .into_response())
}

/// `POST /sources/{id}/fields`: replaces the source's fields.
pub async fn save_fields(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?.clone();
    let (_, id) = parse_path("sources", &id)?;
    let mut values: Values = form_urlencoded::parse(&body).into_owned().collect();
    values.remove("csrf");
    let summary = values.remove("summary").unwrap_or_default();
    let base: i64 = values
        .remove("base_change")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            WebError::BadRequest(
                "base_change: the form names the version it was made from; reload the page.".into(),
            )
        })?;
    let (current, last_change) = load(&state, EntityKind::Source, &id).await?;
    let refuse = |field: Option<&str>, message: String, values: &Values| {
        let template = page(
            viewer.clone(),
            &current,
            last_change,
            values,
            summary.clone(),
            Some((field.map(str::to_owned), message)),
        );
        render(&template).map(|html| (StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
    };
    state.limits.check_edit(account.id)?;
    // The form's fields over the document as it is: a field left empty is
    // removed; the id and the mentions stay.
    let mut document = serde_json::to_value(&current).map_err(anyhow::Error::from)?;
    let read = claim_of(&input(), &values);
    if let Value::Object(object) = &mut document {
        for field in input().fields() {
            match read.get(field.name) {
                Some(value) => object.insert(field.name.to_owned(), value.clone()),
                None => object.remove(field.name),
            };
        }
    }
    let entity = match kinora_formats::json::parse_tagged_entity(&document.to_string()) {
        Ok(entity) => entity,
        Err(error) => {
            let field = error.field.as_deref().map(form_name);
            return refuse(field.as_deref(), error.message, &values);
        }
    };
    if let Err(problems) = entity.check() {
        return refuse(None, problems.join("; "), &values);
    }
    if let Some(message) = dangling(&state, &entity).await? {
        return refuse(None, message, &values);
    }
    let summary = match form_summary(&current, &entity, &summary, "") {
        Ok(summary) => summary,
        Err((field, message)) => return refuse(Some(&field), message, &values),
    };
    if !viewer.can(Role::Editor) {
        let number = state
            .store
            .propose(
                account.id,
                &NewProposal {
                    kind: EntityKind::Source.as_str().to_owned(),
                    entity_id: id.to_string(),
                    list: String::new(),
                    action: ProposalAction::Replace,
                    position: None,
                    claim: Some(serde_json::to_value(&entity).map_err(anyhow::Error::from)?),
                    base_change: base,
                    summary,
                },
            )
            .await?;
        return Ok(Redirect::to(&format!("/me/proposals#proposal-{number}")).into_response());
    }
    match state
        .store
        .save(entity, Base::Change(base), &author(&account.name), &summary)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/sources/{id}")).into_response()),
        Err(StoreError::Stale(stale)) => refuse(
            None,
            kinora_i18n::t_with(
                "error-stale-source",
                &[("changes", changes_since(&stale).into())],
            ),
            &values,
        ),
        Err(error) => Err(error.into()),
    }
}

/// For the template: an error beside a field outside the document's.
fn error_html(page: &FieldsTemplate, name: &str) -> String {
    error_html_for(page.field_error.as_ref(), name)
}
