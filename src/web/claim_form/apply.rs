//! One claim added, changed or removed, as the claim forms and the JSON API
//! both ask for it: the edit made on the entity as it is now, checked (the
//! claim's own reader, the entity's rules, a source for every fact, a
//! reason for removing what a source states, references that exist), then
//! saved from the change the editor read (merged with a change made since
//! to another part, refused when that change touched this part too), or,
//! for a member, recorded as a proposal for the editors.

use kinora_core::community::Role;
use kinora_core::model::{ClaimEdit, Entity};
use kinora_core::{EntityId, EntityKind};
use kinora_store::community::{NewProposal, ProposalAction};
use kinora_store::{Base, Stale, StoreError};

use crate::web::auth::Viewer;
use crate::web::editing::{author, entity_references};
use crate::web::{AppState, WebError};

/// What is asked: an edit of one claim of `list`, made from `base`.
pub struct ClaimRequest<'a> {
    pub kind: EntityKind,
    pub id: &'a EntityId,
    pub list: &'a str,
    pub edit: ClaimEdit,
    /// The entity's last change when the editor read it.
    pub base: i64,
    pub summary: &'a str,
    /// Why a fact a source states goes, when the edit removes one.
    pub reason: &'a str,
}

/// What became of it.
pub enum Applied {
    /// Saved as this change (none when it changed nothing), merged with
    /// these changes made since the base.
    Saved {
        change: Option<i64>,
        merged_with: Vec<i64>,
    },
    /// A member's edit, recorded as this proposal.
    Proposed(i64),
}

/// Why it was not made; nothing was saved.
pub enum Refused {
    /// A field to fix: its path in the claim as the catalog format writes
    /// it (`date`, `sources[0].source`), `summary` or `reason`, or none for
    /// the claim as a whole; and why, in words.
    Field {
        field: Option<String>,
        message: String,
    },
    /// Another change touched this part after the base.
    Stale(Box<Stale>),
    Error(WebError),
}

impl From<WebError> for Refused {
    fn from(error: WebError) -> Refused {
        Refused::Error(error)
    }
}

fn field(field: Option<&str>, message: impl Into<String>) -> Refused {
    Refused::Field {
        field: field.map(str::to_owned),
        message: message.into(),
    }
}

/// Makes `request` on `current`, the entity as it is now.
pub async fn apply(
    state: &AppState,
    viewer: &Viewer,
    current: &Entity,
    request: ClaimRequest<'_>,
) -> Result<Applied, Refused> {
    let account = viewer.require(Role::Member)?.clone();
    state.limits.check_edit(account.id)?;
    if request.summary.trim().is_empty() {
        return Err(field(
            Some("summary"),
            kinora_i18n::t("error-summary-needed"),
        ));
    }
    // Every fact has its sources: a claim added or changed cites one.
    if let ClaimEdit::Add(claim) | ClaimEdit::Change(_, claim) = &request.edit
        && claim
            .get("sources")
            .and_then(serde_json::Value::as_array)
            .is_none_or(|sources| sources.is_empty())
    {
        return Err(field(
            Some("sources[0].source"),
            kinora_i18n::t("error-cite-a-source"),
        ));
    }
    let mut entity = current.clone();
    if let Err(error) = entity.edit_claim(request.list, request.edit.clone()) {
        return Err(field(error.field.as_deref(), error.message));
    }
    if let Err(problems) = entity.check() {
        return Err(field(None, problems.join("; ")));
    }
    let summary = super::form_summary(current, &entity, request.summary, request.reason)
        .map_err(|(name, message)| field(Some(&name), message))?;
    if let Some((kind, id)) = state
        .store
        .missing(&entity_references(&entity))
        .await
        .map_err(WebError::from)?
        .first()
    {
        return Err(field(None, super::missing_reference(*kind, id)));
    }
    // A member's edit goes to the editors as a proposal.
    if !viewer.can(Role::Editor) {
        let (action, position, claim) = match request.edit {
            ClaimEdit::Add(claim) => (ProposalAction::Add, None, Some(claim)),
            ClaimEdit::Change(index, claim) => (ProposalAction::Change, Some(index), Some(claim)),
            ClaimEdit::Remove(index) => (ProposalAction::Remove, Some(index), None),
        };
        let number = state
            .store
            .propose(
                account.id,
                &NewProposal {
                    kind: request.kind.as_str().to_owned(),
                    entity_id: request.id.to_string(),
                    list: request.list.to_owned(),
                    action,
                    position: position.and_then(|index| i64::try_from(index).ok()),
                    claim,
                    base_change: request.base,
                    summary,
                },
            )
            .await
            .map_err(WebError::from)?;
        return Ok(Applied::Proposed(number));
    }
    match state
        .store
        .save(
            entity,
            Base::Change(request.base),
            &author(&account.name),
            &summary,
        )
        .await
    {
        Ok(saved) => Ok(Applied::Saved {
            change: saved.report.change_id,
            merged_with: saved.merged_with,
        }),
        Err(StoreError::Stale(stale)) => Err(Refused::Stale(stale)),
        Err(error) => Err(Refused::Error(error.into())),
    }
}
