//! The import queue: rows no film matched for certain, told on a line with
//! their candidates, and settled by the member with a film or dropped.

use anyhow::{Context, anyhow, bail};
use kinora_core::community::{AccountId, PendingImportId};
use kinora_core::{EntityId, EntityKind};
use kinora_store::community::PendingImport;
use kinora_store::{Lookup, Store};

use super::intake::ImportRow;
use super::matching::Candidate;
use super::settle::{Existing, ImportReport, write_row};

/// Settles a row of the import queue: with a film (any catalog film, most
/// often one of the row's candidates), the row is written as the import
/// would have written it; with none, it is dropped.
pub async fn resolve_pending(
    store: &Store,
    account_id: AccountId,
    pending_id: PendingImportId,
    film_id: Option<&str>,
) -> anyhow::Result<()> {
    let pending = store
        .pending_imports(account_id)
        .await?
        .into_iter()
        .find(|pending| pending.id == pending_id)
        .ok_or_else(|| anyhow!("no row #{pending_id} waits in this account's import queue"))?;
    let row: ImportRow = serde_json::from_value(pending.entry.clone())
        .with_context(|| format!("row #{pending_id} of the import queue cannot be read"))?;
    let film = match film_id {
        Some(text) => Some(existing_film(store, text).await?),
        None => None,
    };
    if store
        .take_pending_import(account_id, pending_id)
        .await?
        .is_none()
    {
        // Settled meanwhile, by another request.
        return Ok(());
    }
    if let Some(film) = film {
        let mut existing = Existing::load(store, account_id).await?;
        let mut report = ImportReport::default();
        write_row(store, account_id, &film, &row, &mut existing, &mut report).await?;
    }
    Ok(())
}

/// The id of a film of the catalog, following a merge.
async fn existing_film(store: &Store, text: &str) -> anyhow::Result<String> {
    let id = EntityId::parse(text.trim()).map_err(|_| anyhow!("`{text}` is not a film id"))?;
    match store.lookup(EntityKind::Film, &id).await? {
        Lookup::Present { .. } => Ok(id.as_str().to_owned()),
        Lookup::Redirect { to } => Ok(to.as_str().to_owned()),
        Lookup::Missing => bail!("no film `{id}` in the catalog"),
    }
}

/// One row of an account's import queue on one line, with its candidates:
/// what `kinora user pending` prints.
pub fn describe_pending(pending: &PendingImport) -> String {
    let candidates: Vec<String> = pending_candidates(pending)
        .iter()
        .map(|candidate| match candidate.year {
            Some(year) => format!("{} ({}, {year})", candidate.id, candidate.label),
            None => format!("{} ({})", candidate.id, candidate.label),
        })
        .collect();
    format!(
        "#{}\t{} {}\t{}\tcandidates: {}",
        pending.id,
        pending.import_label,
        pending.origin,
        pending_what(pending),
        if candidates.is_empty() {
            "none".to_owned()
        } else {
            candidates.join(", ")
        }
    )
}

/// What a queued row would write: `viewing of Crossing (2009)`.
pub fn pending_what(pending: &PendingImport) -> String {
    match serde_json::from_value::<ImportRow>(pending.entry.clone()) {
        Ok(row) => {
            let kind = match row {
                ImportRow::Viewing { .. } => "viewing",
                ImportRow::Rating { .. } => "rating",
                ImportRow::Watchlist { .. } => "watchlist",
                ImportRow::ListItem { .. } => "list item",
            };
            format!("{kind} of {}", row.film().label())
        }
        Err(_) => pending.entry.to_string(),
    }
}

/// The films a queued row might mean, best first.
pub fn pending_candidates(pending: &PendingImport) -> Vec<Candidate> {
    serde_json::from_value(pending.candidates.clone()).unwrap_or_default()
}
