//! A change as a reader follows it: for each entity, the facts added,
//! removed and changed, one line each, instead of two documents side by
//! side. The documents stay one click away.

use std::collections::BTreeSet;

use kinora_core::claim::{List, ListVisitor};
use kinora_core::model::{Citation, Claim};
use kinora_core::traverse::NameOf;
use kinora_core::{Entity, EntityId, EntityKind};
use kinora_store::EditRecord;
use serde_json::Value;

use super::view::capitalize;

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
fn entity(kind: EntityKind, value: &Value) -> Option<Entity> {
    serde_json::from_value::<Entity>(value.clone())
        .ok()
        .or_else(|| Entity::from_untagged_json(kind, &value.to_string()).ok())
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

pub fn view(edit: &EditRecord, name_of: &NameOf<'_>) -> EditView {
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
        fields: {
            let state = |value: &Option<Value>| {
                value
                    .as_ref()
                    .and_then(|value| kind.and_then(|kind| entity(kind, value)))
            };
            fields(
                state(&edit.before).as_ref(),
                state(&edit.after).as_ref(),
                name_of,
            )
        },
        before: pretty(&edit.before),
        after: pretty(&edit.after),
    }
}

/// The differences between two states of an entity, fact by fact in the
/// order the entity declares them.
pub fn fields(
    before: Option<&Entity>,
    after: Option<&Entity>,
    name_of: &NameOf<'_>,
) -> Vec<FieldDiff> {
    let (before, after) = (
        before
            .map(|entity| lines(entity, name_of))
            .unwrap_or_default(),
        after
            .map(|entity| lines(entity, name_of))
            .unwrap_or_default(),
    );
    let mut keys: Vec<&'static str> = after.iter().map(|(key, _)| *key).collect();
    keys.extend(
        before
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| !after.iter().any(|(other, _)| other == key)),
    );
    let items = |state: &[(&'static str, Vec<Line>)], key: &str| -> Vec<Line> {
        state
            .iter()
            .find(|(other, _)| *other == key)
            .map(|(_, lines)| lines.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for key in keys {
        let (old_items, new_items) = (items(&before, key), items(&after, key));
        if old_items == new_items {
            continue;
        }
        let mut diff = FieldDiff {
            field: capitalize(&key.replace('_', " ")),
            removed: Vec::new(),
            added: Vec::new(),
            changed: Vec::new(),
        };
        let removed: Vec<&Line> = old_items
            .iter()
            .filter(|i| !new_items.contains(i))
            .collect();
        let added: Vec<&Line> = new_items
            .iter()
            .filter(|i| !old_items.contains(i))
            .collect();
        // A fact in both, with other sources, note or preference, is changed.
        let mut paired: BTreeSet<usize> = BTreeSet::new();
        for item in removed {
            match added
                .iter()
                .enumerate()
                .find(|(index, other)| other.text == item.text && !paired.contains(index))
            {
                Some((index, other)) => {
                    paired.insert(index);
                    diff.changed
                        .push((item.text.clone(), what_changed(item, other)));
                }
                None => diff.removed.push(item.text.clone()),
            }
        }
        for (index, item) in added.into_iter().enumerate() {
            if !paired.contains(&index) {
                diff.added.push(item.text.clone());
            }
        }
        out.push(diff);
    }
    out
}

/// A claim, or a field of a source, read out for comparing.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    preferred: bool,
    sources: Vec<Citation>,
    note: Option<String>,
}

/// Every claim list of an entity (or every field of a source) in lines.
fn lines(entity: &Entity, name_of: &NameOf<'_>) -> Vec<(&'static str, Vec<Line>)> {
    struct Collect<'n, 'f> {
        name_of: &'n NameOf<'f>,
        out: Vec<(&'static str, Vec<Line>)>,
    }
    impl<'a> ListVisitor<'a> for Collect<'_, '_> {
        fn visit<C: Claim + 'a>(&mut self, list: List, claims: &'a [C]) {
            let lines = claims
                .iter()
                .map(|claim| Line {
                    text: claim.describe_value(self.name_of).join(" · "),
                    preferred: claim.preferred(),
                    sources: claim.sources().to_vec(),
                    note: claim.note().map(str::to_owned),
                })
                .collect();
            self.out.push((list.name, lines));
        }
    }
    if let Entity::Source(source) = entity {
        return source
            .describe_fields(name_of)
            .into_iter()
            // The id is in the heading; a change of id is no edit.
            .filter(|(field, _)| *field != "id")
            .map(|(field, parts)| {
                let lines = parts
                    .into_iter()
                    .map(|text| Line {
                        text: truncate(text),
                        preferred: false,
                        sources: Vec::new(),
                        note: None,
                    })
                    .collect();
                (field, lines)
            })
            .collect();
    }
    let mut collect = Collect {
        name_of,
        out: Vec::new(),
    };
    entity.each_list(&mut collect);
    collect.out
}

/// A long text (a source's article) in its first 200 characters.
fn truncate(text: String) -> String {
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

/// What differs between two versions of one fact: "now preferred",
/// "sources: 2 → 3", "note changed".
fn what_changed(old: &Line, new: &Line) -> String {
    let mut parts = Vec::new();
    match (old.preferred, new.preferred) {
        (false, true) => parts.push("now preferred".to_owned()),
        (true, false) => parts.push("no longer preferred".to_owned()),
        _ => {}
    }
    if old.sources != new.sources {
        parts.push(format!(
            "sources: {} → {}",
            old.sources.len(),
            new.sources.len()
        ));
    }
    if old.note != new.note {
        parts.push("note changed".to_owned());
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
        let film = |value: serde_json::Value| {
            Entity::from_untagged_json(EntityKind::Film, &value.to_string()).unwrap()
        };
        let before = film(
            json!({"id": "x", "titles": [{"text": "Crosing", "kind": "original"}], "genres": [{"genre": "drama"}]}),
        );
        let after = film(
            json!({"id": "x", "titles": [{"text": "Crossing", "kind": "original"}], "genres": [{"genre": "drama", "preferred": true}], "keywords": [{"keyword": "refugees"}]}),
        );
        let diff = fields(Some(&before), Some(&after), &|_, _| None);
        assert_eq!(diff.len(), 3, "{diff:?}");
        assert_eq!(diff[0].field, "Titles");
        assert_eq!(diff[0].removed, ["Crosing · original title"]);
        assert_eq!(diff[0].added, ["Crossing · original title"]);
        assert_eq!(diff[1].field, "Genres");
        assert_eq!(
            diff[1].changed,
            [("drama".to_owned(), "now preferred".to_owned())]
        );
        assert_eq!(diff[2].added, ["refugees"]);
    }
}
