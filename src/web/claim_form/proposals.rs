//! The open proposals (`/edits/open`): members' edits of one claim each,
//! read out in words, that an editor accepts (the edit is made from the
//! change it was proposed on, merged with later changes to other parts, or
//! refused when the same part changed) or rejects with a reason.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::model::{ClaimEdit, Entity};
use kinora_core::{EntityId, EntityKind};
use kinora_store::community::{Proposal, ProposalAction};
use kinora_store::{Base, Lookup, StoreError};
use serde::Deserialize;

use crate::web::auth::Viewer;
use crate::web::editing::{author, entity_references};
use crate::web::render::render;
use crate::web::{AppState, WebError};

/// A proposal as the queue shows it.
struct ProposalLine {
    proposal: Proposal,
    /// The entity's page and name.
    href: String,
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

fn edit_of(proposal: &Proposal) -> Result<ClaimEdit, WebError> {
    let position = || {
        proposal
            .position
            .and_then(|position| usize::try_from(position).ok())
            .ok_or_else(|| WebError::BadRequest("The proposal names no claim.".into()))
    };
    let claim = || {
        proposal
            .claim
            .clone()
            .ok_or_else(|| WebError::BadRequest("The proposal holds no claim.".into()))
    };
    Ok(match proposal.action {
        ProposalAction::Add => ClaimEdit::Add(claim()?),
        ProposalAction::Change => ClaimEdit::Change(position()?, claim()?),
        ProposalAction::Remove => ClaimEdit::Remove(position()?),
    })
}

fn key_of(proposal: &Proposal) -> Result<(EntityKind, EntityId), WebError> {
    let kind = EntityKind::parse(&proposal.kind)
        .ok_or_else(|| WebError::BadRequest(format!("unknown kind `{}`", proposal.kind)))?;
    let id = EntityId::parse(&proposal.entity_id)
        .map_err(|error| WebError::BadRequest(error.to_string()))?;
    Ok((kind, id))
}

/// The line saying what a proposal does, read against the entity as it is.
async fn line_of(state: &AppState, proposal: Proposal) -> Result<ProposalLine, WebError> {
    let (kind, id) = key_of(&proposal)?;
    let href = format!("/{}/{id}", kind.plural());
    let Lookup::Present { entity, .. } = state.store.lookup(kind, &id).await? else {
        return Ok(ProposalLine {
            what: "its entity is gone".into(),
            label: id.to_string(),
            href,
            proposal,
        });
    };
    let mut changed = entity.clone();
    let (reading_of, index) = match edit_of(&proposal)? {
        ClaimEdit::Remove(index) => (&entity, Some(index)),
        edit => {
            let index = match &edit {
                ClaimEdit::Change(index, _) => Some(*index),
                _ => None,
            };
            let _ = changed.edit_claim(&proposal.list, edit);
            (&changed, index)
        }
    };
    let summaries = state
        .store
        .summaries(&entity_references(reading_of))
        .await?;
    let name_of = crate::web::render::labels_in(&summaries);
    let readings = reading_of
        .list_form(&proposal.list, &name_of)
        .map(|form| form.readings)
        .unwrap_or_default();
    let reading = match index {
        Some(index) => readings.get(index).cloned(),
        None => readings.last().cloned(),
    }
    .unwrap_or_default();
    let part = super::fields::label_of(&proposal.list);
    let what = match proposal.action {
        ProposalAction::Add => format!("adds to {part}: {reading}"),
        ProposalAction::Change => format!("changes in {part}: {reading}"),
        ProposalAction::Remove => format!("removes from {part}: {reading}"),
    };
    Ok(ProposalLine {
        label: entity.label(),
        href,
        what,
        proposal,
    })
}

/// `GET /edits/open`: the proposals waiting for an editor.
pub async fn open_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let mut lines = Vec::new();
    for proposal in state.store.open_proposals(200).await? {
        lines.push(line_of(&state, proposal).await?);
    }
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
    let mut lines = Vec::new();
    for proposal in state.store.proposals_by(account.id, 200).await? {
        lines.push(line_of(&state, proposal).await?);
    }
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
        .ok_or_else(|| WebError::NotFound(format!("There is no open proposal #{number}.")))
}

/// `POST /edits/{id}/accept`: an editor makes the proposed edit, from the
/// change it was proposed on, under the editor's name with the member's.
pub async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<i64>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?.clone();
    state.limits.check_edit(editor.id)?;
    let proposal = open_proposal(&state, number).await?;
    let (kind, id) = key_of(&proposal)?;
    let Lookup::Present { entity, .. } = state.store.lookup(kind, &id).await? else {
        return Err(WebError::Conflict(format!(
            "The {kind} `{id}` is gone: reject the proposal."
        )));
    };
    let mut entity: Entity = entity;
    entity
        .edit_claim(&proposal.list, edit_of(&proposal)?)
        .map_err(|error| WebError::Conflict(format!("The proposal no longer fits: {error}")))?;
    entity
        .check()
        .map_err(|problems| WebError::Conflict(problems.join("; ")))?;
    if let Some((missing_kind, missing_id)) = state
        .store
        .missing(&entity_references(&entity))
        .await?
        .first()
    {
        return Err(WebError::Conflict(format!(
            "The proposal refers to {missing_kind} `{missing_id}`, which is gone."
        )));
    }
    let summary = format!(
        "Proposal #{number} by @{}: {}",
        proposal.author, proposal.summary
    );
    let saved = match state
        .store
        .save(
            entity,
            Base::Change(proposal.base_change),
            &author(&editor.name),
            &summary,
        )
        .await
    {
        Ok(saved) => saved,
        Err(StoreError::Stale(_)) => {
            return Err(WebError::Conflict(format!(
                "The {kind} changed in this part since the proposal was made: \
                 reject it with that reason, or make the edit yourself."
            )));
        }
        Err(error) => return Err(error.into()),
    };
    state
        .store
        .decide_proposal(number, editor.id, true, None, saved.report.change_id)
        .await?;
    Ok(Redirect::to("/edits/open").into_response())
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
        return Err(WebError::BadRequest(
            "Say why the proposal is rejected: its author reads it.".into(),
        ));
    }
    open_proposal(&state, number).await?;
    state
        .store
        .decide_proposal(number, editor.id, false, Some(reason), None)
        .await?;
    Ok(Redirect::to("/edits/open").into_response())
}
