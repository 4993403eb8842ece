//! The open proposals (`/edits/open`): members' edits read out in words
//! (a claim added, changed or removed, a new entity, a merge) that an
//! editor accepts or rejects with a reason. A claim edit is made from the
//! change it was proposed on, merged with later changes to other parts, or
//! refused when the same part changed; a new entity is created if its id is
//! still free; a merge is made as the duplicates page makes it.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::model::{ClaimEdit, Entity};
use kinora_core::{EntityId, EntityKind};
use kinora_store::community::{Proposal, ProposalAction};
use kinora_store::{Base, Lookup, StoreError, Summary};
use serde::Deserialize;

use crate::web::auth::Viewer;
use crate::web::editing::{author, entity_references};
use crate::web::render::{labels_in, render};
use crate::web::{AppState, WebError};

/// A proposal as the queue shows it.
struct ProposalLine {
    proposal: Proposal,
    /// The entity's page (none for one not yet created) and name.
    href: Option<String>,
    label: String,
    /// What it does, in words: "adds to Releases: festival screening ·
    /// South Korea · 2008-10-05".
    what: String,
}

#[derive(Template)]
#[template(path = "proposals.html")]
struct ProposalsTemplate {
    viewer: Viewer,
    lines: Vec<ProposalLine>,
    can_decide: bool,
    /// The signed-in member's own proposals, decided or not, rather than
    /// the open ones.
    mine: bool,
}

/// What a proposal asks for, read from its row.
enum Proposed {
    Claim(ClaimEdit),
    Create(Box<Entity>),
    Merge(EntityId),
    /// The whole document, replaced (a source's fields).
    Replace(Box<Entity>),
}

fn proposed(proposal: &Proposal) -> Result<Proposed, WebError> {
    let position = || {
        proposal
            .position
            .and_then(|position| usize::try_from(position).ok())
            .ok_or_else(|| WebError::BadRequest(kinora_i18n::t("error-proposal-no-position")))
    };
    let claim = || {
        proposal
            .claim
            .clone()
            .ok_or_else(|| WebError::BadRequest(kinora_i18n::t("error-proposal-no-claim")))
    };
    Ok(match proposal.action {
        ProposalAction::Add => Proposed::Claim(ClaimEdit::Add(claim()?)),
        ProposalAction::Change => Proposed::Claim(ClaimEdit::Change(position()?, claim()?)),
        ProposalAction::Remove => Proposed::Claim(ClaimEdit::Remove(position()?)),
        ProposalAction::Create => Proposed::Create(document(claim()?)?),
        ProposalAction::Replace => Proposed::Replace(document(claim()?)?),
        ProposalAction::Merge => {
            let into = claim()?;
            let into = into
                .get("into")
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| WebError::BadRequest(kinora_i18n::t("error-proposal-no-target")))?;
            Proposed::Merge(
                EntityId::parse(into).map_err(|error| WebError::BadRequest(error.to_string()))?,
            )
        }
    })
}

fn document(value: serde_json::Value) -> Result<Box<Entity>, WebError> {
    kinora_formats::json::parse_tagged_entity(&value.to_string())
        .map(Box::new)
        .map_err(|error| WebError::BadRequest(error.to_string()))
}

fn key_of(proposal: &Proposal) -> Result<(EntityKind, EntityId), WebError> {
    let kind = EntityKind::parse(&proposal.kind)
        .ok_or_else(|| WebError::BadRequest(format!("unknown kind `{}`", proposal.kind)))?;
    let id = EntityId::parse(&proposal.entity_id)
        .map_err(|error| WebError::BadRequest(error.to_string()))?;
    Ok((kind, id))
}

/// A proposal read against the catalog as it is: the entity whose claims
/// name it, and which claim.
struct Reading {
    proposal: Proposal,
    key: (EntityKind, EntityId),
    proposed: Proposed,
    /// The entity as it is (for a claim edit, a merge), or as it would be
    /// (a claim added or changed, a new entity, a replaced document).
    shown: Option<Entity>,
    /// The fields a replaced document changes.
    fields: Vec<String>,
    index: Option<usize>,
}

/// The queue's lines, read in three statements whatever their number: the
/// entities the proposals touch, then the names of what they refer to.
async fn lines_of(
    state: &AppState,
    proposals: Vec<Proposal>,
) -> Result<Vec<ProposalLine>, WebError> {
    let mut keys = Vec::new();
    let mut readings = Vec::new();
    for proposal in proposals {
        let key = key_of(&proposal)?;
        let proposed = proposed(&proposal)?;
        if let Proposed::Merge(into) = &proposed {
            keys.push((key.0, into.clone()));
        }
        keys.push(key.clone());
        readings.push(Reading {
            proposal,
            key,
            proposed,
            shown: None,
            index: None,
            fields: Vec::new(),
        });
    }
    let entities = state.store.get_many(&keys).await?;
    let mut references = keys.clone();
    for reading in &mut readings {
        let current = entities.get(&reading.key);
        (reading.shown, reading.index) = match (&reading.proposed, current) {
            (Proposed::Claim(ClaimEdit::Remove(index)), Some(entity)) => {
                (Some(entity.clone()), Some(*index))
            }
            (Proposed::Claim(edit), Some(entity)) => {
                let mut changed = entity.clone();
                let _ = changed.edit_claim(&reading.proposal.list, edit.clone());
                let index = match edit {
                    ClaimEdit::Change(index, _) => Some(*index),
                    _ => None,
                };
                (Some(changed), index)
            }
            (Proposed::Create(entity), _) => (Some((**entity).clone()), None),
            (Proposed::Replace(entity), Some(current)) => {
                reading.fields = changed_fields(current, entity);
                (Some((**entity).clone()), None)
            }
            (Proposed::Merge(_), Some(entity)) => (Some(entity.clone()), None),
            (_, None) => (None, None),
        };
        if let Some(shown) = &reading.shown {
            references.extend(entity_references(shown));
        }
    }
    let summaries = state.store.summaries(&references).await?;
    Ok(readings
        .into_iter()
        .map(|reading| line_of(reading, &summaries))
        .collect())
}

/// The line saying what a proposal does.
fn line_of(
    reading: Reading,
    summaries: &BTreeMap<(EntityKind, EntityId), Summary>,
) -> ProposalLine {
    let (kind, id) = reading.key;
    let name_of = labels_in(summaries);
    let label_of = |kind: EntityKind, id: &EntityId| {
        summaries
            .get(&(kind, id.clone()))
            .map_or_else(|| id.to_string(), |summary| summary.label.clone())
    };
    let href = Some(format!("/{}/{id}", kind.plural()));
    let Some(shown) = reading.shown else {
        return ProposalLine {
            what: match reading.proposed {
                Proposed::Create(_) => unreachable!("a new entity is always shown"),
                _ => kinora_i18n::t("proposal-entity-gone"),
            },
            label: id.to_string(),
            href: None,
            proposal: reading.proposal,
        };
    };
    let what = match &reading.proposed {
        Proposed::Claim(edit) => {
            let readings = shown
                .list_form(&reading.proposal.list, &name_of)
                .map(|form| form.readings)
                .unwrap_or_default();
            let claim = match reading.index {
                Some(index) => readings.get(index).cloned(),
                None => readings.last().cloned(),
            }
            .unwrap_or_default();
            let part = super::fields::label_of(&reading.proposal.list);
            match edit {
                ClaimEdit::Add(_) => format!("adds to {part}: {claim}"),
                ClaimEdit::Change(..) => format!("changes in {part}: {claim}"),
                ClaimEdit::Remove(_) => format!("removes from {part}: {claim}"),
            }
        }
        Proposed::Create(_) => {
            let sources: Vec<String> = shown
                .cited_sources()
                .iter()
                .map(|source| label_of(EntityKind::Source, source))
                .collect();
            let mut what = format!("a new {kind} (id {id})");
            if !sources.is_empty() {
                what.push_str(&format!(", as {} names it", sources.join(" and ")));
            }
            what
        }
        Proposed::Merge(into) => format!(
            "is the same {kind} as {} ({into}): merge it into that one",
            label_of(kind, into)
        ),
        Proposed::Replace(_) if reading.fields.is_empty() => "changes nothing now".to_owned(),
        Proposed::Replace(_) => format!("changes {}", reading.fields.join(", ")),
    };
    let created = matches!(reading.proposed, Proposed::Create(_));
    let label = match &reading.proposed {
        // The entity by the name it has now.
        Proposed::Replace(_) => label_of(kind, &id),
        _ => shown.label(),
    };
    ProposalLine {
        label,
        // A new entity has a page once it is made.
        href: if created && reading.proposal.status != "accepted" {
            None
        } else {
            href
        },
        what,
        proposal: reading.proposal,
    }
}

/// The top-level fields in which `after` differs from `before`, as a
/// reader names them, with the old and new text when both are short:
/// "title “Crossing Screens” → “Crossing Screens at …”", "text".
fn changed_fields(before: &Entity, after: &Entity) -> Vec<String> {
    use serde_json::Value;
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let short = |value: Option<&Value>| match value {
        Some(Value::String(text)) if text.chars().count() <= 80 => Some(format!("“{text}”")),
        None => Some("nothing".to_owned()),
        _ => None,
    };
    keys.into_iter()
        .filter(|key| a.get(*key) != b.get(*key))
        .map(|key| {
            let name = super::fields::label_of(key).to_lowercase();
            match (short(a.get(key)), short(b.get(key))) {
                (Some(old), Some(new)) => format!("{name} {old} → {new}"),
                _ => name,
            }
        })
        .collect()
}

/// `GET /edits/open`: the proposals waiting for an editor.
pub async fn open_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let lines = lines_of(&state, state.store.open_proposals(200).await?).await?;
    Ok(render(&ProposalsTemplate {
        can_decide: viewer.can(Role::Editor),
        viewer,
        lines,
        mine: false,
    })?
    .into_response())
}

/// `GET /me/proposals`: the member's own proposals and what became of them.
pub async fn my_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?.clone();
    let lines = lines_of(&state, state.store.proposals_by(account.id, 200).await?).await?;
    Ok(render(&ProposalsTemplate {
        can_decide: false,
        viewer,
        lines,
        mine: true,
    })?
    .into_response())
}

async fn open_proposal(state: &AppState, number: i64) -> Result<Proposal, WebError> {
    state
        .store
        .proposal(number)
        .await?
        .filter(|proposal| proposal.status == "open")
        .ok_or_else(|| {
            WebError::NotFound(kinora_i18n::t_with(
                "error-no-proposal",
                &[("number", number.to_string().into())],
            ))
        })
}

/// `POST /edits/{id}/accept`: an editor makes the proposed edit, under the
/// editor's name with the member's.
pub async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<i64>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?.clone();
    state.limits.check_edit(editor.id)?;
    let proposal = open_proposal(&state, number).await?;
    let (kind, id) = key_of(&proposal)?;
    let summary = format!(
        "Proposal #{number} by @{}: {}",
        proposal.author, proposal.summary
    );
    let change = match proposed(&proposal)? {
        Proposed::Claim(edit) => {
            let Lookup::Present { entity, .. } = state.store.lookup(kind, &id).await? else {
                return Err(WebError::Conflict(proposal_gone(kind, &id)));
            };
            let mut entity: Entity = entity;
            entity.edit_claim(&proposal.list, edit).map_err(|error| {
                WebError::Conflict(kinora_i18n::t_with(
                    "error-proposal-no-longer-fits",
                    &[("error", error.to_string().into())],
                ))
            })?;
            save(
                &state,
                entity,
                Base::Change(proposal.base_change),
                &editor.name,
                &summary,
            )
            .await?
        }
        Proposed::Create(entity) => {
            if !matches!(state.store.lookup(kind, &id).await?, Lookup::Missing) {
                return Err(WebError::Conflict(kinora_i18n::t_with(
                    "error-proposal-id-taken",
                    &[
                        ("id", id.to_string().into()),
                        ("kind", kind.local_name().into()),
                    ],
                )));
            }
            save(&state, *entity, Base::Absent, &editor.name, &summary).await?
        }
        Proposed::Replace(entity) => {
            if matches!(state.store.lookup(kind, &id).await?, Lookup::Missing) {
                return Err(WebError::Conflict(proposal_gone(kind, &id)));
            }
            save(
                &state,
                *entity,
                Base::Change(proposal.base_change),
                &editor.name,
                &summary,
            )
            .await?
        }
        Proposed::Merge(into) => Some(
            state
                .store
                .merge_saying(kind, &id, &into, &author(&editor.name), &summary)
                .await?,
        ),
    };
    state
        .store
        .decide_proposal(number, editor.id, true, None, change)
        .await?;
    Ok(Redirect::to("/edits/open").into_response())
}

/// Saves an accepted proposal's entity, checked as every save is.
async fn save(
    state: &AppState,
    entity: Entity,
    base: Base,
    editor: &str,
    summary: &str,
) -> Result<Option<i64>, WebError> {
    let kind = entity.kind();
    entity
        .check()
        .map_err(|problems| WebError::Conflict(problems.join("; ")))?;
    if let Some((missing_kind, missing_id)) = state
        .store
        .missing(&entity_references(&entity))
        .await?
        .first()
    {
        return Err(WebError::Conflict(kinora_i18n::t_with(
            "error-proposal-refers-to-gone",
            &[
                ("kind", missing_kind.local_name().into()),
                ("id", missing_id.to_string().into()),
            ],
        )));
    }
    match state
        .store
        .save(entity, base, &author(editor), summary)
        .await
    {
        Ok(saved) => Ok(saved.report.change_id),
        Err(StoreError::Stale(_)) => Err(WebError::Conflict(kinora_i18n::t_with(
            "error-proposal-stale",
            &[("kind", kind.local_name().into())],
        ))),
        Err(error) => Err(error.into()),
    }
}

/// Why a proposal on an entity that is gone cannot be accepted.
fn proposal_gone(kind: EntityKind, id: &EntityId) -> String {
    kinora_i18n::t_with(
        "error-proposal-gone",
        &[
            ("kind", kind.local_name().into()),
            ("id", id.to_string().into()),
        ],
    )
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

/// `POST /edits/{id}/reject`: an editor turns a proposal down, saying why.
pub async fn reject(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<i64>,
    axum::Form(form): axum::Form<RejectForm>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?.clone();
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(WebError::BadRequest(kinora_i18n::t("error-reject-reason")));
    }
    open_proposal(&state, number).await?;
    state
        .store
        .decide_proposal(number, editor.id, false, Some(reason), None)
        .await?;
    Ok(Redirect::to("/edits/open").into_response())
}
