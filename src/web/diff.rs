//! A change as a reader follows it: for each entity, the facts added,
//! removed and changed, one line each, instead of two documents side by
//! side. The documents stay one click away.

use std::collections::{BTreeMap, BTreeSet};

use kinora_core::{EntityId, EntityKind};
use kinora_store::EditRecord;
use serde_json::Value;

use super::view::{capitalize, describe_claim};

/// Edits a change page shows in full; the rest are counted.
pub const EDITS_SHOWN: usize = 60;

/// One field's difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// "Titles", "Images", "Publisher".
    pub field: String,
    pub removed: Vec<String>,
    pub added: Vec<String>,
    /// The same fact with other sources, note or preference: (before, after).
    pub changed: Vec<(String, String)>,
}

/// One entity's edit, readable.
#[derive(Debug, Clone)]
pub struct EditView {
    pub action: String,
    pub name: String,
    pub href: String,
    pub fields: Vec<FieldDiff>,
    /// The documents as stored, pretty-printed, for who wants them.
    pub before: String,
    pub after: String,
}

/// An edit's state as an entity, however the log wrote it (with its
/// `type` or without).
fn entity(kind: EntityKind, value: &Value) -> Option<kinora_core::Entity> {
    serde_json::from_value::<kinora_core::Entity>(value.clone())
        .ok()
        .or_else(|| kinora_core::Entity::from_untagged_json(kind, &value.to_string()).ok())
}

/// The references an edit's states make, to name them.
pub fn references(edit: &EditRecord) -> Vec<(EntityKind, EntityId)> {
    let Ok((kind, _)) = edit.key() else {
        return Vec::new();
    };
    [&edit.before, &edit.after]
        .into_iter()
        .flatten()
        .filter_map(|value| entity(kind, value))
        .flat_map(|entity| entity.references())
        .map(|reference| (reference.kind, reference.id))
        .collect()
}

pub fn view(edit: &EditRecord, name_of: &dyn Fn(EntityKind, &str) -> Option<String>) -> EditView {
    let pretty = |value: &Option<Value>| {
        value
            .as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_else(|| "(absent)".into())
    };
    let kind = EntityKind::parse(&edit.kind);
    let name = [&edit.after, &edit.before]
        .into_iter()
        .flatten()
        .find_map(|value| {
            kind.and_then(|kind| entity(kind, value))
                .map(|entity| entity.label())
        })
        .unwrap_or_else(|| edit.entity_id.clone());
    EditView {
        action: match edit.action.as_str() {
            "create" => "Added",
            "delete" => "Deleted",
            "redirect" => "Merged away",
            "restore" => "Restored",
            _ => "Changed",
        }
        .to_owned(),
        name: format!("{name} ({})", edit.kind),
        href: format!(
            "/{}/{}",
            kind.map_or("films", EntityKind::plural),
            edit.entity_id
        ),
        fields: fields(edit.before.as_ref(), edit.after.as_ref(), name_of),
        before: pretty(&edit.before),
        after: pretty(&edit.after),
    }
}

/// The differences between two states of a document, field by field in
/// the order the document has them.
pub fn fields(
    before: Option<&Value>,
    after: Option<&Value>,
    name_of: &dyn Fn(EntityKind, &str) -> Option<String>,
) -> Vec<FieldDiff> {
    let empty = serde_json::Map::new();
    let object = |value: Option<&Value>| match value {
        Some(Value::Object(map)) => map.clone(),
        _ => empty.clone(),
    };
    let (before, after) = (object(before), object(after));
    let mut keys: Vec<&String> = after.keys().collect();
    keys.extend(before.keys().filter(|key| !after.contains_key(*key)));
    let mut out = Vec::new();
    for key in keys {
        if key == "id" || key == "type" {
            continue;
        }
        let (old, new) = (before.get(key), after.get(key));
        if old == new {
            continue;
        }
        let mut diff = FieldDiff {
            field: capitalize(&key.replace('_', " ")),
            removed: Vec::new(),
            added: Vec::new(),
            changed: Vec::new(),
        };
        let items = |value: Option<&Value>| match value {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::Null) | None => Vec::new(),
            Some(other) => vec![other.clone()],
        };
        let (old_items, new_items) = (items(old), items(new));
        let removed: Vec<&Value> = old_items
            .iter()
            .filter(|i| !new_items.contains(i))
            .collect();
        let added: Vec<&Value> = new_items
            .iter()
            .filter(|i| !old_items.contains(i))
            .collect();
        // A fact in both, with other sources, note or preference, is changed.
        let describe = |item: &Value| line(key, item, name_of);
        let mut paired: BTreeSet<usize> = BTreeSet::new();
        let added_lines: Vec<String> = added.iter().map(|item| describe(item)).collect();
        for item in removed {
            let text = describe(item);
            match added_lines
                .iter()
                .enumerate()
                .find(|(index, other)| **other == text && !paired.contains(index))
            {
                Some((index, _)) => {
                    paired.insert(index);
                    let what = what_changed(item, added[index]);
                    diff.changed.push((text, what));
                }
                None => diff.removed.push(text),
            }
        }
        for (index, text) in added_lines.into_iter().enumerate() {
            if !paired.contains(&index) {
                diff.added.push(text);
            }
        }
        out.push(diff);
    }
    out
}

/// A claim or value in one line.
fn line(field: &str, item: &Value, name_of: &dyn Fn(EntityKind, &str) -> Option<String>) -> String {
    match item {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Object(map) if field == "images" => {
            let text = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or_default();
            let mut parts = vec![format!(
                "{} {}×{}",
                text("role"),
                map.get("width").unwrap_or(&Value::Null),
                map.get("height").unwrap_or(&Value::Null)
            )];
            if !text("caption").is_empty() {
                parts.push(format!("“{}”", text("caption")));
            }
            let file = text("file");
            parts.push(
                file.get(..("sha256:".len() + 12))
                    .unwrap_or(file)
                    .to_owned(),
            );
            parts.join(" · ")
        }
        Value::Object(_) => {
            let text = describe_claim(field, item, name_of);
            // The field's name leads `describe_claim`'s line; the diff
            // shows it once above.
            let text = text
                .split_once(": ")
                .map_or(text.as_str(), |(_, rest)| rest)
                .trim()
                .to_owned();
            if text.is_empty() { compact(item) } else { text }
        }
        other => compact(other),
    }
}

fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

/// What differs between two versions of one fact: "now preferred",
/// "sources: 2 → 3", "note".
fn what_changed(old: &Value, new: &Value) -> String {
    let mut parts = Vec::new();
    let get = |value: &Value, key: &str| value.get(key).cloned().unwrap_or(Value::Null);
    let preferred = |value: &Value| get(value, "preferred").as_bool().unwrap_or(false);
    match (preferred(old), preferred(new)) {
        (false, true) => parts.push("now preferred".to_owned()),
        (true, false) => parts.push("no longer preferred".to_owned()),
        _ => {}
    }
    let sources = |value: &Value| get(value, "sources").as_array().map_or(0, Vec::len);
    if get(old, "sources") != get(new, "sources") {
        parts.push(format!("sources: {} → {}", sources(old), sources(new)));
    }
    if get(old, "note") != get(new, "note") {
        parts.push("note changed".to_owned());
    }
    let others: BTreeMap<&String, &Value> = new
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, value)| {
            !["preferred", "sources", "note"].contains(&key.as_str())
                && old.get(key.as_str()) != Some(*value)
        })
        .collect();
    for key in others.keys() {
        parts.push(format!("{} changed", key.replace('_', " ")));
    }
    if parts.is_empty() {
        parts.push("details changed".to_owned());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_word_changed_is_one_line_not_two_documents() {
        let before = json!({"id": "x", "titles": [{"text": "Crosing", "kind": "original"}], "genres": [{"genre": "drama"}]});
        let after = json!({"id": "x", "titles": [{"text": "Crossing", "kind": "original"}], "genres": [{"genre": "drama", "preferred": true}], "keywords": [{"keyword": "refugees"}]});
        let diff = fields(Some(&before), Some(&after), &|_, _| None);
        assert_eq!(diff.len(), 3, "{diff:?}");
        assert_eq!(diff[0].field, "Titles");
        assert_eq!(diff[0].removed, ["Crosing · original"]);
        assert_eq!(diff[0].added, ["Crossing · original"]);
        assert_eq!(diff[1].field, "Genres");
        assert_eq!(
            diff[1].changed,
            [("drama".to_owned(), "now preferred".to_owned())]
        );
        assert_eq!(diff[2].added, ["refugees"]);
    }
}
