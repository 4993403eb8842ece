//! Creating an entity in a form (`/new/films`, `/new/people`, …): its name
//! or title with the sources that give it (a source first: its address,
//! title, publisher, authors, date and language), a check for one that
//! exists under any spelling of the name ("did you mean Kim Tae-kyun?"),
//! then one change in the edit log. The rest of its facts are added in the
//! claim forms it opens on.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::form::{FormInput, Input};
use kinora_core::model::{EventKind, Name, Source, Title};
use kinora_core::{EntityId, EntityKind};
use kinora_search::{MatchKind, Search, SearchFilters};
use kinora_store::Lookup;
use kinora_store::community::{NewProposal, ProposalAction};
use serde_json::{Value, json};

use super::fields::{Values, claim_of, draw, form_name};
use super::{citations, error_html_for};
use crate::web::auth::Viewer;
use crate::web::editing::author;
use crate::web::render::render;
use crate::web::{AppState, WebError};

/// The kinds created here, by the plural in their address.
fn kind_of(plural: &str) -> Result<EntityKind, WebError> {
    EntityKind::ALL
        .into_iter()
        .find(|kind| kind.plural() == plural)
        .ok_or_else(|| WebError::NotFound(kinora_i18n::t("error-no-page")))
}

/// The fields a new entity of a kind starts with: its name's (or title's,
/// or, for a source, the document's own).
fn input_of(kind: EntityKind) -> Input {
    match kind {
        EntityKind::Film | EntityKind::Album => Title::input(),
        EntityKind::Source => {
            let fields = Source::input()
                .fields()
                .iter()
                .filter(|field| {
                    matches!(
                        field.name,
                        "url"
                            | "title"
                            | "kind"
                            | "publisher"
                            | "authors"
                            | "date"
                            | "lang"
                            | "text"
                    )
                })
                .cloned()
                .collect();
            Input::Group(fields)
        }
        _ => Name::input(),
    }
}

/// One that may already exist, for "did you mean".
struct Candidate {
    href: String,
    label: String,
    matched: String,
}

#[derive(Template)]
#[template(path = "create.html")]
struct CreateTemplate {
    viewer: Viewer,
    kind: EntityKind,
    fields: String,
    /// Event kinds, for an event: (value, label).
    event_kinds: Vec<(String, String)>,
    values: Values,
    citations: Vec<(usize, String, String)>,
    candidates: Vec<Candidate>,
    error: Option<String>,
    field_error: Option<(String, String)>,
    /// A member who is not an editor: the form proposes.
    proposing: bool,
}

impl CreateTemplate {
    fn value(&self, name: &str) -> &str {
        self.values
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

fn page(
    viewer: Viewer,
    kind: EntityKind,
    values: Values,
    error: Option<(Option<String>, String)>,
    candidates: Vec<Candidate>,
) -> CreateTemplate {
    let field = error.as_ref().and_then(|(field, _)| field.clone());
    let message = error.as_ref().map(|(_, message)| message.as_str());
    let fields = draw(
        &input_of(kind),
        &values,
        field
            .as_deref()
            .zip(message)
            .filter(|(f, _)| f.starts_with("v.")),
    );
    let event_kinds = match EventKind::input() {
        Input::Choice(options) => options,
        _ => Vec::new(),
    };
    CreateTemplate {
        proposing: !viewer.can(Role::Editor),
        viewer,
        kind,
        fields,
        event_kinds,
        citations: citations(&values),
        candidates,
        error: error
            .as_ref()
            .filter(|(field, _)| field.is_none())
            .map(|(_, message)| message.clone()),
        field_error: error.clone().and_then(|(field, message)| {
            field.filter(|f| !f.starts_with("v.")).map(|f| (f, message))
        }),
        values,
    }
}

/// `GET /new/{kind}`: the form.
pub async fn create_page(viewer: Viewer, Path(plural): Path<String>) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let kind = kind_of(&plural)?;
    Ok(render(&page(viewer, kind, Values::new(), None, Vec::new()))?.into_response())
}

/// `POST /new/{kind}`: creates the entity, unless one may exist already and
/// the editor did not say it is another; a member's goes to the editors as
/// a proposal.
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(plural): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Member)?.clone();
    let kind = kind_of(&plural)?;
    state.limits.check_edit(editor.id)?;
    let mut values: Values = form_urlencoded::parse(&body).into_owned().collect();
    values.remove("csrf");
    let refuse =
        |viewer: Viewer, values: Values, field: Option<&str>, message: String, candidates| {
            let template = page(
                viewer,
                kind,
                values,
                Some((field.map(str::to_owned), message)),
                candidates,
            );
            render(&template).map(|html| (StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        };
    let summary = values
        .get("summary")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    if summary.is_empty() {
        return refuse(
            viewer,
            values,
            Some("summary"),
            kinora_i18n::t("error-create-summary"),
            Vec::new(),
        );
    }
    let input = input_of(kind);
    let claim = claim_of(&input, &values);
    let name = match kind {
        EntityKind::Source => claim.get("title"),
        EntityKind::Film => claim.get("text"),
        _ => claim.get("text"),
    }
    .and_then(Value::as_str)
    .unwrap_or_default()
    .to_owned();
    let year = values
        .get("year")
        .map(|y| y.trim().to_owned())
        .filter(|y| !y.is_empty());
    let id = match values
        .get("id")
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
    {
        Some(id) => EntityId::parse(id).map_err(|error| error.to_string()),
        None => {
            let base = match (&year, kind) {
                (Some(year), EntityKind::Film) => format!("{name} {year}"),
                _ => name.clone(),
            };
            EntityId::slug_of(&base).ok_or_else(|| kinora_i18n::t("error-create-no-slug"))
        }
    };
    let id = match id {
        Ok(id) => id,
        Err(message) => return refuse(viewer, values, Some("id"), message, Vec::new()),
    };
    if !matches!(state.store.lookup(kind, &id).await?, Lookup::Missing) {
        return refuse(
            viewer,
            values,
            Some("id"),
            kinora_i18n::t_with("error-create-id-taken", &[("id", id.to_string().into())]),
            Vec::new(),
        );
    }
    // One that exists under this name in any spelling is offered first.
    if !values.contains_key("another") && !name.is_empty() {
        let search = Search {
            text: &name,
            filters: SearchFilters {
                kinds: vec![kind],
                ..Default::default()
            },
            limit: 5,
            prefix: false,
        };
        let hits = state.search.search(&state.store, search).await?;
        let candidates: Vec<Candidate> = hits
            .into_iter()
            .filter(|hit| matches!(hit.how, MatchKind::Exact | MatchKind::Spelling))
            .map(|hit| Candidate {
                href: format!("/{}/{}", kind.plural(), hit.id),
                label: match hit.year {
                    Some(year) => format!("{} ({year})", hit.label),
                    None => hit.label.clone(),
                },
                matched: hit.matched,
            })
            .collect();
        if !candidates.is_empty() {
            return refuse(
                viewer,
                values,
                None,
                kinora_i18n::t_with("create-did-you-mean", &[("kind", kind.local_name().into())]),
                candidates,
            );
        }
    }
    let mut document = match kind {
        EntityKind::Source => claim,
        EntityKind::Film => {
            let mut film = json!({ "titles": [claim] });
            if let Some(year) = &year {
                let year: Value = year
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(year.clone()));
                let mut claim = json!({ "year": year });
                if let Some(sources) = film["titles"][0].get("sources") {
                    claim["sources"] = sources.clone();
                }
                film["years"] = json!([claim]);
            }
            film
        }
        EntityKind::Event => json!({
            "kind": values.get("kind").cloned().unwrap_or_default(),
            "names": [claim],
        }),
        EntityKind::Album => json!({ "titles": [claim] }),
        _ => json!({ "names": [claim] }),
    };
    document["id"] = Value::String(id.to_string());
    document["type"] = Value::String(kind.as_str().to_owned());
    let entity = match kinora_formats::json::parse_tagged_entity(&document.to_string()) {
        Ok(entity) => entity,
        Err(error) => {
            let field = error.field.as_deref().map(|path| field_of(kind, path));
            return refuse(viewer, values, field.as_deref(), error.message, Vec::new());
        }
    };
    if let Err(problems) = entity.check() {
        return refuse(viewer, values, None, problems.join("; "), Vec::new());
    }
    if let Some(message) = super::dangling(&state, &entity).await? {
        return refuse(viewer, values, None, message, Vec::new());
    }
    if !viewer.can(Role::Editor) {
        let number = state
            .store
            .propose(
                editor.id,
                &NewProposal {
                    kind: kind.as_str().to_owned(),
                    entity_id: id.to_string(),
                    list: String::new(),
                    action: ProposalAction::Create,
                    position: None,
                    claim: Some(document),
                    base_change: 0,
                    summary,
                },
            )
            .await?;
        return Ok(Redirect::to(&format!("/me/proposals#proposal-{number}")).into_response());
    }
    state
        .store
        .put(vec![entity], &author(&editor.name), &summary)
        .await?;
    let next = match kind {
        EntityKind::Source => format!("/sources/{id}"),
        _ => format!("/{}/{id}/claims", kind.plural()),
    };
    Ok(Redirect::to(&next).into_response())
}

/// The form's name of a field the document's reader named:
/// `titles[0].lang` → `v.lang`, `titles[0].sources[1].quote` →
/// `sources.1.quote`, `years[0].year` → `year`.
fn field_of(kind: EntityKind, path: &str) -> String {
    let rest = ["titles[0].", "names[0]."]
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))
        .unwrap_or(path);
    match rest {
        _ if rest.starts_with("years[") => "year".to_owned(),
        "kind" if kind == EntityKind::Event && path == "kind" => "kind".to_owned(),
        _ => form_name(rest),
    }
}

/// For the template: an error beside a field outside the value.
fn error_html(page: &CreateTemplate, name: &str) -> String {
    error_html_for(page.field_error.as_ref(), name)
}

#[cfg(test)]
mod tests {
    use kinora_core::EntityKind;

    use super::field_of;

    #[test]
    fn reader_paths_become_form_names() {
        assert_eq!(field_of(EntityKind::Film, "titles[0].lang"), "v.lang");
        assert_eq!(
            field_of(EntityKind::Person, "names[0].sources[1].quote"),
            "sources.1.quote"
        );
        assert_eq!(field_of(EntityKind::Film, "years[0].year"), "year");
        assert_eq!(field_of(EntityKind::Source, "url"), "v.url");
        assert_eq!(field_of(EntityKind::Source, "kind"), "v.kind");
        assert_eq!(field_of(EntityKind::Event, "kind"), "kind");
    }
}
