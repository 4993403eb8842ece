//! The state of one entity as the edit log records it.

use kinora_core::EntityId;
use kinora_core::model::Entity;
use serde_json::Value;

use crate::{Result, StoreError};

/// What the store holds for an (kind, id): the entity, a redirect left by a
/// merge, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    Absent,
    Present(Entity),
    Redirect(EntityId),
}

impl State {
    /// The state as the edit log stores it: the entity's JSON,
    /// `{"redirect_to": id}`, or null.
    pub fn to_json_text(&self) -> Result<Option<String>> {
        Ok(match self {
            State::Absent => None,
            State::Present(entity) => Some(serde_json::to_string(entity)?),
            State::Redirect(to) => Some(serde_json::json!({ "redirect_to": to }).to_string()),
        })
    }

    pub fn from_json(value: Option<Value>) -> Result<State> {
        match value {
            None | Some(Value::Null) => Ok(State::Absent),
            Some(Value::Object(object)) if object.contains_key("redirect_to") => {
                let to = object["redirect_to"].as_str().unwrap_or_default();
                EntityId::parse(to)
                    .map(State::Redirect)
                    .map_err(|error| StoreError::Invalid(error.to_string()))
            }
            Some(value) => Ok(State::Present(serde_json::from_value(value)?)),
        }
    }
}

/// The survivor of a merge: `into` with every fact of `from` it lacks
/// (`Entity::absorb`).
pub fn merge_entities(into: &Entity, from: &Entity) -> Result<Entity> {
    let mut merged = into.clone();
    merged
        .absorb(from.clone())
        .map_err(|error| StoreError::Invalid(error.to_string()))?;
    Ok(merged)
}
