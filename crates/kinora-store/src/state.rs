//! The state of one entity as the edit log records it.

use kinora_core::EntityId;
use kinora_core::model::Entity;
use serde_json::{Map, Value};

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

/// The survivor of a merge: `into` with every fact of `from` it lacks.
/// Facts already present (equal values) are not repeated; `from`'s preferred
/// marks give way where `into` already prefers a value.
pub fn merge_entities(into: &Entity, from: &Entity) -> Result<Entity> {
    let Value::Object(mut merged) = serde_json::to_value(into)? else {
        return Err(StoreError::Invalid(
            "an entity serializes to an object".into(),
        ));
    };
    let Value::Object(extra) = serde_json::to_value(from)? else {
        return Err(StoreError::Invalid(
            "an entity serializes to an object".into(),
        ));
    };
    for (field, value) in extra {
        if field == "id" || field == "type" {
            continue;
        }
        match (merged.get_mut(&field), value) {
            (Some(Value::Array(kept)), Value::Array(added)) => {
                let has_preferred = kept.iter().any(is_preferred);
                for mut item in added {
                    if has_preferred && let Value::Object(object) = &mut item {
                        object.remove("preferred");
                    }
                    if !kept.iter().any(|existing| same_value(existing, &item)) {
                        kept.push(item);
                    }
                }
            }
            (None, value) => {
                merged.insert(field, value);
            }
            // A scalar field both have (a source's title): keep the survivor's.
            _ => {}
        }
    }
    Ok(serde_json::from_value(Value::Object(merged))?)
}

fn is_preferred(value: &Value) -> bool {
    value
        .get("preferred")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Two claims state the same value if they are equal apart from their
/// preferred mark, note and sources.
fn same_value(a: &Value, b: &Value) -> bool {
    let strip = |value: &Value| -> Value {
        match value {
            Value::Object(object) => Value::Object(
                object
                    .iter()
                    .filter(|(key, _)| !matches!(key.as_str(), "preferred" | "note" | "sources"))
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect::<Map<String, Value>>(),
            ),
            other => other.clone(),
        }
    };
    strip(a) == strip(b)
}
