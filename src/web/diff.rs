//! A change as a reader follows it: for each entity, the claims added,
//! removed and changed, a changed one's old and new value side by side with
//! the changed words marked, instead of two documents. The documents stay
//! one click away. A history line says the same in a few words ("title
//! changed; 1 release added").

mod claims;
mod words;

use kinora_core::traverse::NameOf;
use kinora_core::{Entity, EntityId, EntityKind};
use kinora_store::EditRecord;
use serde_json::Value;

pub use claims::{ClaimView, EntityDiff, KEPT_SHOWN, ListDiff, compare_entities};
use kinora_i18n::{t, t_with};
#[cfg(test)]
use words::Segment;

/// Edits a change page shows in full; the rest are counted.
pub const EDITS_SHOWN: usize = 60;

/// Claims of a list a created or deleted entity shows before "and N more".
pub const FIRST_SHOWN: usize = 3;

/// An entity's state as the edit log recorded it.
#[derive(Debug, Clone)]
pub enum Stated {
    Absent,
    Present(Box<Entity>),
    /// Merged into another entity, which the id names.
    Redirect(EntityId),
}

impl Stated {
    /// A state however the log wrote it (with its `type` or without).
    pub fn read(kind: Option<EntityKind>, value: Option<&Value>) -> Stated {
        let Some(value) = value.filter(|value| !value.is_null()) else {
            return Stated::Absent;
        };
        if let Some(to) = value.get("redirect_to").and_then(Value::as_str) {
            return EntityId::parse(to).map_or(Stated::Absent, Stated::Redirect);
        }
        serde_json::from_value::<Entity>(value.clone())
            .ok()
            .or_else(|| {
                kind.and_then(|kind| Entity::from_untagged_json(kind, &value.to_string()).ok())
            })
            .map_or(Stated::Absent, |entity| Stated::Present(Box::new(entity)))
    }

    fn entity(&self) -> Option<&Entity> {
        match self {
            Stated::Present(entity) => Some(entity),
            _ => None,
        }
    }
}

/// One edit's two states, read.
pub struct Edit {
    pub kind: Option<EntityKind>,
    pub before: Stated,
    pub after: Stated,
}

impl Edit {
    pub fn read(record: &EditRecord) -> Edit {
        let kind = EntityKind::parse(&record.kind);
        Edit {
            kind,
            before: Stated::read(kind, record.before.as_ref()),
            after: Stated::read(kind, record.after.as_ref()),
        }
    }

    /// The entities the edit's states name (their claims' values, their
    /// sources, the survivor of a merge), to name them.
    pub fn references(&self) -> Vec<(EntityKind, EntityId)> {
        let mut out = Vec::new();
        for state in [&self.before, &self.after] {
            match state {
                Stated::Present(entity) => out.extend(
                    entity
                        .references()
                        .into_iter()
                        .map(|reference| (reference.kind, reference.id)),
                ),
                Stated::Redirect(to) => out.extend(self.kind.map(|kind| (kind, to.clone()))),
                Stated::Absent => {}
            }
        }
        out
    }

    /// The survivor of a merge this edit made, if it made one.
    pub fn merged_into(&self) -> Option<&EntityId> {
        match &self.after {
            Stated::Redirect(to) => Some(to),
            _ => None,
        }
    }

    /// The claims that differ between the two states.
    pub fn compare(&self, names: &NameOf<'_>) -> EntityDiff {
        compare_entities(self.before.entity(), self.after.entity(), names)
    }

    fn href_of(&self, id: &EntityId) -> String {
        format!("/{}/{}", self.kind.map_or("films", EntityKind::plural), id)
    }
}

/// One entity's edit, readable.
#[derive(Debug, Clone)]
pub struct EditView {
    /// "Changed", "Added", "Deleted", "Merged", "Restored".
    pub action: String,
    pub name: String,
    /// "film", "person".
    pub kind: String,
    pub href: String,
    /// The survivor of a merge: its name and address.
    pub merged_into: Option<(String, String)>,
    pub diff: EntityDiff,
    /// Whether every claim is new or gone (an entity added or deleted), so
    /// that lists are summed up rather than shown whole.
    pub whole: bool,
    /// The edit in a line: "title changed; 1 release added".
    pub line: String,
    /// The documents as stored, pretty-printed, for who wants them.
    pub before: String,
    pub after: String,
}

impl EditView {
    /// The claim lists and fields that changed, counted: none means nothing
    /// a reader sees changed.
    pub fn shows_nothing(&self) -> bool {
        self.diff.lists.is_empty() && self.diff.fields.is_empty() && self.merged_into.is_none()
    }

    /// A list's claims added: the first few of an entity added whole.
    pub fn first_added<'l>(&self, list: &'l ListDiff) -> &'l [ClaimView] {
        list.first_added(self.whole)
    }

    /// A list's claims removed: the first few of an entity deleted whole.
    pub fn first_removed<'l>(&self, list: &'l ListDiff) -> &'l [ClaimView] {
        list.first_removed(self.whole)
    }

    /// The claims of a list of an entity added or deleted whole, after the
    /// first few.
    pub fn rest<'l>(&self, list: &'l ListDiff) -> &'l [ClaimView] {
        list.rest(self.whole)
    }
}

pub fn view(record: &EditRecord, names: &NameOf<'_>) -> EditView {
    let edit = Edit::read(record);
    let pretty = |value: &Option<Value>| {
        value
            .as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_else(|| "(absent)".into())
    };
    let name = edit
        .after
        .entity()
        .or(edit.before.entity())
        .map(Entity::label)
        .unwrap_or_else(|| record.entity_id.clone());
    // A merge's facts are shown where they went, on the survivor.
    let diff = match edit.after {
        Stated::Redirect(_) => EntityDiff::default(),
        _ => edit.compare(names),
    };
    let merged_into = edit.merged_into().map(|to| {
        let label = edit
            .kind
            .and_then(|kind| names(kind, to))
            .unwrap_or_else(|| to.to_string());
        (label, edit.href_of(to))
    });
    EditView {
        action: t(match record.action.as_str() {
            "create" => "edit-added",
            "delete" => "edit-deleted",
            "redirect" => "edit-merged",
            "restore" => "edit-restored",
            _ => "edit-changed",
        }),
        name,
        kind: record.kind.clone(),
        href: format!(
            "/{}/{}",
            edit.kind.map_or("films", EntityKind::plural),
            record.entity_id
        ),
        whole: matches!(
            (&edit.before, &edit.after),
            (Stated::Present(_), Stated::Absent)
                | (Stated::Absent | Stated::Redirect(_), Stated::Present(_))
        ),
        line: line(&edit, &diff, names),
        merged_into,
        diff,
        before: pretty(&record.before),
        after: pretty(&record.after),
    }
}

/// An edit in a line, for a history: "title changed; 1 release added",
/// "created with 2 titles, 5 credits and 9 more facts", "merged into X".
pub fn line(edit: &Edit, diff: &EntityDiff, names: &NameOf<'_>) -> String {
    match (&edit.before, &edit.after) {
        (_, Stated::Redirect(to)) => {
            let name = edit
                .kind
                .and_then(|kind| names(kind, to))
                .unwrap_or_else(|| to.to_string());
            return t_with("change-merged-into", &[("name", name.into())]);
        }
        (Stated::Present(_) | Stated::Redirect(_), Stated::Absent) => return t("change-deleted"),
        (Stated::Absent, Stated::Absent) => return t("change-nothing"),
        (Stated::Absent, Stated::Present(_)) => return whole_line(&t("change-created"), diff),
        (Stated::Redirect(_), Stated::Present(_)) => {
            return whole_line(&t("change-restored"), diff);
        }
        (Stated::Present(_), Stated::Present(_)) => {}
    }
    let mut parts: Vec<String> = diff
        .fields
        .iter()
        .map(|field| {
            t_with(
                "change-field-changed",
                &[("field", field.heading.to_lowercase().into())],
            )
        })
        .collect();
    for list in &diff.lists {
        match list.changed.len() {
            0 => {}
            1 => parts.push(t_with(
                "change-one-changed",
                &[("noun", local_noun(list.name, 1).into())],
            )),
            n => parts.push(t_with(
                "change-n-changed",
                &[
                    ("count", n.into()),
                    ("noun", local_noun(list.name, n).into()),
                ],
            )),
        }
        for (count, what) in [
            (list.added.len(), "change-n-added"),
            (list.removed.len(), "change-n-removed"),
        ] {
            if count > 0 {
                parts.push(t_with(
                    what,
                    &[
                        ("count", count.into()),
                        ("noun", local_noun(list.name, count).into()),
                    ],
                ));
            }
        }
    }
    const SAID: usize = 4;
    match parts.len() {
        0 => t("change-no-visible"),
        n if n > SAID => t_with(
            "change-and-more",
            &[
                ("said", parts[..SAID].join("; ").into()),
                ("count", (n - SAID).into()),
            ],
        ),
        _ => parts.join("; "),
    }
}

/// A created entity's lists counted: "created with 2 titles, 5 credits
/// and 9 more facts".
fn whole_line(start: &str, diff: &EntityDiff) -> String {
    const SAID: usize = 3;
    let counts: Vec<(usize, &str)> = diff
        .lists
        .iter()
        .map(|list| (list.added.len(), list.name))
        .filter(|(count, _)| *count > 0)
        .collect();
    if counts.is_empty() {
        // A source: a document of fields, not claims.
        return start.to_owned();
    }
    let said: Vec<String> = counts
        .iter()
        .take(SAID)
        .map(|(count, name)| {
            t_with(
                "count-noun",
                &[
                    ("count", (*count).into()),
                    ("noun", local_noun(name, *count).into()),
                ],
            )
        })
        .collect();
    let rest: usize = counts.iter().skip(SAID).map(|(count, _)| count).sum();
    let what = match rest {
        0 if said.len() > 1 => t_with(
            "list-and",
            &[
                ("head", said[..said.len() - 1].join(", ").into()),
                ("last", said[said.len() - 1].clone().into()),
            ],
        ),
        0 => said[0].clone(),
        rest => t_with(
            "and-more-facts",
            &[("said", said.join(", ").into()), ("count", rest.into())],
        ),
    };
    t_with(
        "change-with",
        &[("start", start.into()), ("what", what.into())],
    )
}

/// A claim list's name as the reader's language counts it: English's
/// noun in its number ("release", "birth dates"); another language's name
/// of the list, which a count follows without inflecting it.
fn local_noun(list: &str, count: usize) -> String {
    match kinora_i18n::Lang::current() {
        kinora_i18n::Lang::En => noun(list, count),
        _ => kinora_i18n::vocabulary(&format!("list-{list}"), &noun(list, count)),
    }
}

/// A claim list's name as a noun for `count` of its claims: "1 release",
/// "2 birth dates".
pub fn noun(list: &str, count: usize) -> String {
    let (one, many) = match list {
        "availability" => ("place to watch", "places to watch"),
        "based_on" => ("source work", "source works"),
        "episode_of" => ("series link", "series links"),
        "founded" => ("founding date", "founding dates"),
        "images" => ("picture", "pictures"),
        "money" => ("amount", "amounts"),
        "part_of" => ("“part of” link", "“part of” links"),
        "related" => ("related entry", "related entries"),
        "synopses" => ("synopsis", "synopses"),
        "trivia" => ("trivia item", "trivia items"),
        _ => ("", ""),
    };
    if !one.is_empty() {
        return if count == 1 { one } else { many }.to_owned();
    }
    let plural = list.replace('_', " ");
    if count != 1 {
        return plural;
    }
    if let Some(stem) = plural.strip_suffix("ies") {
        format!("{stem}y")
    } else if plural.ends_with("sses") || plural.ends_with("uses") {
        plural[..plural.len() - 2].to_owned()
    } else if let Some(stem) = plural.strip_suffix('s') {
        stem.to_owned()
    } else {
        plural
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn film(value: serde_json::Value) -> Entity {
        Entity::from_untagged_json(EntityKind::Film, &value.to_string()).unwrap()
    }

    fn record(before: Option<Value>, after: Option<Value>, action: &str) -> EditRecord {
        EditRecord {
            kind: "film".into(),
            entity_id: "x".into(),
            action: action.into(),
            before,
            after,
        }
    }

    fn written(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| {
                if segment.is_gone() {
                    format!("[-{}-]", segment.text)
                } else if segment.is_new() {
                    format!("{{+{}+}}", segment.text)
                } else {
                    segment.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn one_word_changed_is_one_changed_claim() {
        let before = film(
            json!({"id": "x", "titles": [{"text": "Crossing", "kind": "original"}, {"text": "크로싱", "kind": "original"}], "genres": [{"genre": "drama"}]}),
        );
        let after = film(
            json!({"id": "x", "titles": [{"text": "Crossing!", "kind": "original"}, {"text": "크로싱", "kind": "original"}], "genres": [{"genre": "drama", "preferred": true, "note": "as the poster says"}], "keywords": [{"keyword": "refugees", "sources": [{"source": "kofic"}]}]}),
        );
        let names = |kind: EntityKind, id: &EntityId| {
            (kind == EntityKind::Source && id.as_str() == "kofic").then(|| "KOFIC".to_owned())
        };
        let diff = compare_entities(Some(&before), Some(&after), &names);
        assert!(diff.fields.is_empty(), "{:?}", diff.fields);
        assert_eq!(diff.unchanged, 1);
        let lists: Vec<&str> = diff.lists.iter().map(|list| list.name).collect();
        assert_eq!(lists, ["titles", "genres", "keywords"]);
        let titles = &diff.lists[0];
        assert!(titles.added.is_empty() && titles.removed.is_empty());
        assert_eq!(titles.unchanged, 1);
        let [title] = &titles.changed[..] else {
            panic!("{titles:?}")
        };
        assert!(title.value_changed);
        assert_eq!(written(&title.old), "[-Crossing-] · original title");
        assert_eq!(written(&title.new), "{+Crossing!+} · original title");
        let [genre] = &diff.lists[1].changed[..] else {
            panic!("{:?}", diff.lists[1])
        };
        assert!(!genre.value_changed);
        assert_eq!(genre.preferred, Some(true));
        let note = genre.note.as_ref().unwrap();
        assert_eq!(written(&note.new), "{+as the poster says+}");
        let [keyword] = &diff.lists[2].added[..] else {
            panic!("{:?}", diff.lists[2])
        };
        assert_eq!(keyword.value, "refugees");
        assert_eq!(keyword.sources[0].title, "KOFIC");
        assert_eq!(keyword.sources[0].href, "/sources/kofic");

        let edit = record(
            Some(serde_json::to_value(&before).unwrap()),
            Some(serde_json::to_value(&after).unwrap()),
            "update",
        );
        assert_eq!(
            view(&edit, &names).line,
            "title changed; genre changed; 1 keyword added"
        );
    }

    #[test]
    fn a_source_cited_again_is_added_and_other_words_are_compared() {
        let before = film(
            json!({"id": "x", "titles": [{"text": "A", "kind": "original", "sources": [{"source": "s", "quote": "A film"}, {"source": "t"}]}]}),
        );
        let after = film(
            json!({"id": "x", "titles": [{"text": "A", "kind": "original", "sources": [{"source": "s", "quote": "A film"}, {"source": "s"}, {"source": "t", "quote": "A"}]}]}),
        );
        let diff = compare_entities(Some(&before), Some(&after), &|_, _| None);
        let [title] = &diff.lists[0].changed[..] else {
            panic!("{diff:?}")
        };
        let cited: Vec<(&str, bool, bool, bool)> = title
            .sources
            .iter()
            .map(|source| {
                (
                    source.title.as_str(),
                    source.is_added(),
                    source.is_removed(),
                    source.quote.is_some(),
                )
            })
            .collect();
        assert_eq!(
            cited,
            [
                ("s", false, false, false),
                ("s", true, false, false),
                ("t", false, false, true)
            ]
        );
        let quote = title.sources[2].quote.as_ref().unwrap();
        assert_eq!(written(&quote.new), "{+A+}");
    }

    #[test]
    fn another_value_is_removed_and_added_not_changed() {
        let before = film(
            json!({"id": "x", "titles": [{"text": "A", "kind": "original"}], "genres": [{"genre": "drama"}]}),
        );
        let after = film(
            json!({"id": "x", "titles": [{"text": "A", "kind": "original"}], "genres": [{"genre": "thriller"}]}),
        );
        let diff = compare_entities(Some(&before), Some(&after), &|_, _| None);
        let genres = &diff.lists[0];
        assert_eq!(genres.name, "genres");
        assert!(genres.changed.is_empty());
        assert_eq!(genres.added[0].value, "thriller");
        assert_eq!(genres.removed[0].value, "drama");
    }

    #[test]
    fn lines_say_what_happened() {
        let crossing = json!({"type": "film", "id": "x", "titles": [{"text": "Crossing", "kind": "original"}, {"text": "크로싱", "kind": "original"}], "credits": [{"person": "p", "department": "directing", "job": "Director"}], "years": [{"year": 2008}], "genres": [{"genre": "drama"}]});
        let names = |_: EntityKind, id: &EntityId| Some(format!("Name of {id}"));
        for (before, after, action, want) in [
            (
                None,
                Some(crossing.clone()),
                "create",
                "created with 2 titles, 1 year, 1 genre and 1 more fact",
            ),
            (Some(crossing.clone()), None, "delete", "deleted"),
            (
                Some(crossing.clone()),
                Some(json!({"redirect_to": "y"})),
                "redirect",
                "merged into Name of y",
            ),
            (
                Some(json!({"redirect_to": "y"})),
                Some(
                    json!({"type": "film", "id": "x", "titles": [{"text": "C", "kind": "original"}]}),
                ),
                "restore",
                "restored after a merge with 1 title",
            ),
        ] {
            assert_eq!(view(&record(before, after, action), &names).line, want);
        }
    }

    #[test]
    fn nouns_are_singular_for_one() {
        for (list, count, want) in [
            ("titles", 1, "title"),
            ("birth_dates", 1, "birth date"),
            ("countries", 1, "country"),
            ("addresses", 1, "address"),
            ("statuses", 1, "status"),
            ("credits", 2, "credits"),
            ("images", 1, "picture"),
            ("trivia", 3, "trivia items"),
        ] {
            assert_eq!(noun(list, count), want);
        }
    }
}
