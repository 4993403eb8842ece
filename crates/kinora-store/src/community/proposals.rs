//! Members' proposed edits of the catalog, waiting for an editor to accept
//! (the edit is then made, under the member's name and the editor's) or
//! reject them with a reason: one claim added, changed or removed, a new
//! entity, or one entity merged into another.

use kinora_core::community::{AccountId, Timestamp};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::decode::{moment_of, moment_or_none};
use crate::sql::first_row;
use crate::{Result, Store, StoreError, now};

/// What a proposal does to its claim list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProposalAction {
    Add,
    Change,
    Remove,
    /// A new entity: `entity_id` is its id, `claim` its whole document.
    Create,
    /// `entity_id` merged into another: `claim` is `{"into": id}`.
    Merge,
    /// The entity's document replaced (a source's own fields): `claim` is
    /// the whole new document.
    Replace,
}

impl ProposalAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalAction::Add => "add",
            ProposalAction::Change => "change",
            ProposalAction::Remove => "remove",
            ProposalAction::Create => "create",
            ProposalAction::Merge => "merge",
            ProposalAction::Replace => "replace",
        }
    }

    fn parse(text: &str) -> Result<ProposalAction> {
        match text {
            "add" => Ok(ProposalAction::Add),
            "change" => Ok(ProposalAction::Change),
            "remove" => Ok(ProposalAction::Remove),
            "create" => Ok(ProposalAction::Create),
            "merge" => Ok(ProposalAction::Merge),
            "replace" => Ok(ProposalAction::Replace),
            other => Err(StoreError::Invalid(format!(
                "action in the store: `{other}` is not add, change, remove, create, merge or replace"
            ))),
        }
    }
}

/// A proposal to make.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub kind: String,
    pub entity_id: String,
    pub list: String,
    pub action: ProposalAction,
    pub position: Option<i64>,
    /// The claim as JSON, for add and change; the document, for create;
    /// `{"into": id}`, for merge.
    pub claim: Option<serde_json::Value>,
    pub base_change: i64,
    pub summary: String,
}

/// A proposal as the queue shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub id: i64,
    pub kind: String,
    pub entity_id: String,
    pub list: String,
    pub action: ProposalAction,
    pub position: Option<i64>,
    pub claim: Option<serde_json::Value>,
    pub base_change: i64,
    /// The proposing account's name.
    pub author: String,
    pub account_id: AccountId,
    pub summary: String,
    pub created_at: Timestamp,
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub reason: Option<String>,
    pub change_id: Option<i64>,
}

const PROPOSAL_SELECT: &str = "select p.id, p.kind, p.entity_id, p.list, p.action, p.position, \
     p.claim, p.base_change, p.account_id, a.name as author, p.summary, p.created_at, p.status, \
     d.name as decider, p.decided_at, p.reason, p.change_id from proposal p \
     join account a on a.id = p.account_id left join account d on d.id = p.decided_by";

fn proposal_of(row: &AnyRow) -> Result<Proposal> {
    let claim: Option<String> = row.try_get("claim")?;
    Ok(Proposal {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        entity_id: row.try_get("entity_id")?,
        list: row.try_get("list")?,
        action: ProposalAction::parse(&row.try_get::<String, _>("action")?)?,
        position: row.try_get("position")?,
        claim: claim.map(|text| serde_json::from_str(&text)).transpose()?,
        base_change: row.try_get("base_change")?,
        author: row.try_get("author")?,
        account_id: AccountId(row.try_get("account_id")?),
        summary: row.try_get("summary")?,
        created_at: moment_of(row, "created_at")?,
        status: row.try_get("status")?,
        decided_by: row.try_get("decider")?,
        decided_at: moment_or_none(row, "decided_at")?,
        reason: row.try_get("reason")?,
        change_id: row.try_get("change_id")?,
    })
}

impl Store {
    /// Records a member's proposal; returns its number.
    pub async fn propose(&self, account: AccountId, proposal: &NewProposal) -> Result<i64> {
        Ok(sqlx::query(
            "insert into proposal (kind, entity_id, list, action, position, claim, base_change, \
             account_id, summary, created_at, status) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open') returning id",
        )
        .bind(&proposal.kind)
        .bind(&proposal.entity_id)
        .bind(&proposal.list)
        .bind(proposal.action.as_str())
        .bind(proposal.position)
        .bind(proposal.claim.as_ref().map(|claim| claim.to_string()))
        .bind(proposal.base_change)
        .bind(account.get())
        .bind(&proposal.summary)
        .bind(now())
        .fetch_all(&self.pool)
        .await
        .and_then(first_row)?
        .try_get("id")?)
    }

    /// The proposals waiting for an editor, oldest first.
    pub async fn open_proposals(&self, limit: i64) -> Result<Vec<Proposal>> {
        let rows = sqlx::query(&format!(
            "{PROPOSAL_SELECT} where p.status = 'open' order by p.id limit $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(proposal_of).collect()
    }

    /// An account's proposals, newest first, decided or not.
    pub async fn proposals_by(&self, account: AccountId, limit: i64) -> Result<Vec<Proposal>> {
        let rows = sqlx::query(&format!(
            "{PROPOSAL_SELECT} where p.account_id = $1 order by p.id desc limit $2"
        ))
        .bind(account.get())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(proposal_of).collect()
    }

    pub async fn proposal(&self, id: i64) -> Result<Option<Proposal>> {
        let row = sqlx::query(&format!("{PROPOSAL_SELECT} where p.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(proposal_of).transpose()
    }

    /// Marks an open proposal decided: accepted (with the change that made
    /// it) or rejected (with a reason). A proposal decided already is a
    /// conflict: two editors do not both decide one.
    pub async fn decide_proposal(
        &self,
        id: i64,
        editor: AccountId,
        accepted: bool,
        reason: Option<&str>,
        change_id: Option<i64>,
    ) -> Result<()> {
        let done = sqlx::query(
            "update proposal set status = $1, decided_by = $2, decided_at = $3, reason = $4, \
             change_id = $5 where id = $6 and status = 'open'",
        )
        .bind(if accepted { "accepted" } else { "rejected" })
        .bind(editor.get())
        .bind(now())
        .bind(reason)
        .bind(change_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "proposal #{id} is decided already, or there is none"
            )));
        }
        Ok(())
    }
}
