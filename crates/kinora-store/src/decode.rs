//! Rows decoded into typed values, once, by column name: an entity's kind
//! and id, a claim path, a document, a listing's summary, a time. A value
//! the store holds that is not what its column says is an error naming
//! the column, never a default.

use kinora_core::community::Timestamp;
use kinora_core::model::Entity;
use kinora_core::traverse::ClaimPath;
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, State, StoreError, Summary};

fn invalid(column: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{column} in the store: {error}"))
}

pub(crate) fn parse_kind(text: &str) -> Result<EntityKind> {
    EntityKind::parse(text)
        .ok_or_else(|| StoreError::Invalid(format!("unknown kind `{text}` in the store")))
}

pub(crate) fn parse_id(text: &str) -> Result<EntityId> {
    EntityId::parse(text).map_err(|error| StoreError::Invalid(error.to_string()))
}

/// An entity kind column.
pub(crate) fn kind_of(row: &AnyRow, column: &str) -> Result<EntityKind> {
    let text: String = row.try_get(column)?;
    EntityKind::parse(&text).ok_or_else(|| invalid(column, format_args!("unknown kind `{text}`")))
}

/// An entity id column.
pub(crate) fn id_of(row: &AnyRow, column: &str) -> Result<EntityId> {
    let text: String = row.try_get(column)?;
    EntityId::parse(&text).map_err(|error| invalid(column, error))
}

/// An entity's key from its kind and id columns.
pub(crate) fn key_of(row: &AnyRow, kind: &str, id: &str) -> Result<(EntityKind, EntityId)> {
    Ok((kind_of(row, kind)?, id_of(row, id)?))
}

/// A claim path column (`credits[3].person`).
pub(crate) fn path_of(row: &AnyRow, column: &str) -> Result<ClaimPath> {
    let text: String = row.try_get(column)?;
    ClaimPath::parse(&text).map_err(|error| invalid(column, error))
}

/// A listing's line: the entity of the given kind whose id is in
/// `id_column`, with the row's `label` and `year`.
pub(crate) fn summary_of(row: &AnyRow, kind: EntityKind, id_column: &str) -> Result<Summary> {
    Ok(Summary {
        kind,
        id: id_of(row, id_column)?,
        label: row.try_get("label")?,
        year: row.try_get("year")?,
    })
}

/// An entity from a row's `kind` and `doc` columns.
pub(crate) fn entity_of_row(row: &AnyRow) -> Result<Entity> {
    let kind = kind_of(row, "kind")?;
    document_of(kind, row.try_get("doc")?)
}

/// The entity of a stored document, packed or not (`packed`).
pub(crate) fn document_of(kind: EntityKind, stored: String) -> Result<Entity> {
    Ok(Entity::from_untagged_json(
        kind,
        &crate::packed::unpack(stored)?,
    )?)
}

/// An entity's state from a row's `doc` and `redirect_to` columns: a
/// document, a redirect to the entity it was merged into, or nothing.
pub(crate) fn state_of(row: &AnyRow, kind: EntityKind) -> Result<State> {
    let doc: Option<String> = row.try_get("doc")?;
    Ok(match doc {
        Some(doc) => State::Present(document_of(kind, doc)?),
        None => match row.try_get::<Option<String>, _>("redirect_to")? {
            Some(_) => State::Redirect(id_of(row, "redirect_to")?),
            None => State::Absent,
        },
    })
}

/// A time column: RFC 3339 text.
pub(crate) fn moment_of(row: &AnyRow, column: &str) -> Result<Timestamp> {
    let text: String = row.try_get(column)?;
    Timestamp::parse(&text).map_err(|error| invalid(column, error))
}

/// A time column that may be empty.
pub(crate) fn moment_or_none(row: &AnyRow, column: &str) -> Result<Option<Timestamp>> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| Timestamp::parse(&text).map_err(|error| invalid(column, error)))
        .transpose()
}
