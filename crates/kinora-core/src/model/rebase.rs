//! Two edits made from one state of an entity, merged when they changed
//! different facts: as Wikidata does, claim list by claim list. An editor
//! who saved from an older state than the entity's keeps the lists they
//! changed; the lists the other changed stay as the other left them; a
//! list both changed, differently, is a conflict for a person to settle.

use crate::claim::{Claim, List, ListVisitorMut, ListZipper};

use super::entity::Entity;

/// What two edits of one base both changed, differently: the names of the
/// claim lists (`credits`), and `fields` for the entity's own fields (a
/// source's title, an event's kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap(pub Vec<&'static str>);

impl std::fmt::Display for Overlap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "both edits changed {}", self.0.join(", "))
    }
}

/// The name `Overlap` gives an entity's own fields, those outside its
/// claim lists.
pub const OWN_FIELDS: &str = "fields";

impl Entity {
    /// `mine`, an edit made from `base`, carried over `theirs`, another
    /// edit made from `base` that came first: each claim list is the one
    /// that changed (either side's, or both's when they agree), and the
    /// entity's own fields likewise. When both changed one list, or the
    /// own fields, differently, nothing is merged and the overlap is named.
    /// The three must be one entity (one kind and id); the result is
    /// checked by the write like any other document.
    pub fn rebase(base: &Entity, mine: &Entity, theirs: &Entity) -> Result<Entity, Overlap> {
        let kinds_match = base.kind() == mine.kind() && base.kind() == theirs.kind();
        if !kinds_match {
            return Err(Overlap(vec![OWN_FIELDS]));
        }
        let mine_changed = changed_lists(base, mine);
        let theirs_changed = changed_lists(base, theirs);
        let disagree = changed_lists(mine, theirs);
        let mut overlap: Vec<&'static str> = mine_changed
            .iter()
            .copied()
            .filter(|list| theirs_changed.contains(list) && disagree.contains(list))
            .collect();
        let (base_own, mine_own, theirs_own) = (own(base), own(mine), own(theirs));
        let mine_own_changed = mine_own != base_own;
        if mine_own_changed && theirs_own != base_own && mine_own != theirs_own {
            overlap.push(OWN_FIELDS);
        }
        if !overlap.is_empty() {
            return Err(Overlap(overlap));
        }
        // Start from the side whose own fields count, and take the other
        // side's changed lists into it.
        let (mut merged, other, take) = if mine_own_changed {
            (mine.clone(), theirs.clone(), theirs_changed)
        } else {
            (theirs.clone(), mine.clone(), mine_changed)
        };
        // Sources and two kinds have no lists to take: nothing to do.
        let _ = merged.zip_lists(other, &mut Take(&take));
        Ok(merged)
    }
}

/// The entity with its claim lists emptied: what is left are its own
/// fields.
fn own(entity: &Entity) -> Entity {
    struct Empty;
    impl ListVisitorMut for Empty {
        fn visit<C: Claim + Clone + PartialEq>(&mut self, _: List, claims: &mut Vec<C>) {
            claims.clear();
        }
    }
    let mut own = entity.clone();
    own.each_list_mut(&mut Empty);
    own
}

/// The names of the claim lists in which `b` differs from `a`.
fn changed_lists(a: &Entity, b: &Entity) -> Vec<&'static str> {
    struct Differ(Vec<&'static str>);
    impl ListZipper for Differ {
        fn zip<C: Claim + Clone + PartialEq>(
            &mut self,
            list: List,
            kept: &mut Vec<C>,
            added: Vec<C>,
        ) {
            if *kept != added {
                self.0.push(list.name);
            }
        }
    }
    let mut differ = Differ(Vec::new());
    let _ = a.clone().zip_lists(b.clone(), &mut differ);
    differ.0
}

/// Takes the other side's claims for the lists named.
struct Take<'a>(&'a [&'static str]);

impl ListZipper for Take<'_> {
    fn zip<C: Claim + Clone + PartialEq>(&mut self, list: List, kept: &mut Vec<C>, added: Vec<C>) {
        if self.0.contains(&list.name) {
            *kept = added;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn film(value: Value) -> Entity {
        let mut value = value;
        value["type"] = json!("film");
        value["id"] = json!("crossing-2008");
        serde_json::from_value(value).unwrap()
    }

    fn base() -> Entity {
        film(json!({
            "titles": [{"text": "크로싱", "kind": "original", "preferred": true}],
            "runtimes": [{"minutes": 107}],
            "genres": [{"genre": "drama"}]
        }))
    }

    /// Each case: mine, theirs, and the merge or the overlap.
    fn check(mine: Value, theirs: Value, expected: Result<Value, Vec<&'static str>>) {
        let (mine, theirs) = (film(mine), film(theirs));
        let merged = Entity::rebase(&base(), &mine, &theirs);
        match expected {
            Ok(value) => assert_eq!(merged, Ok(film(value))),
            Err(lists) => assert_eq!(merged, Err(Overlap(lists))),
        }
    }

    #[test]
    fn edits_of_different_lists_merge_and_of_one_list_overlap() {
        let titles = json!([{"text": "크로싱", "kind": "original", "preferred": true}]);
        let retitled = json!([{"text": "Crossing", "kind": "english"}]);
        // Mine added a title, theirs a runtime: both stay.
        check(
            json!({"titles": retitled, "runtimes": [{"minutes": 107}], "genres": [{"genre": "drama"}]}),
            json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            Ok(
                json!({"titles": retitled, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            ),
        );
        // Mine removed the genres, theirs changed the runtime.
        check(
            json!({"titles": titles, "runtimes": [{"minutes": 107}]}),
            json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            Ok(json!({"titles": titles, "runtimes": [{"minutes": 110}]})),
        );
        // Both changed the runtimes, alike: nothing to settle.
        check(
            json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            Ok(
                json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            ),
        );
        // Both changed the runtimes, differently; mine the titles too.
        check(
            json!({"titles": retitled, "runtimes": [{"minutes": 111}], "genres": [{"genre": "drama"}]}),
            json!({"titles": titles, "runtimes": [{"minutes": 110}], "genres": [{"genre": "drama"}]}),
            Err(vec!["runtimes"]),
        );
        // A note on one claim is a change of its list.
        check(
            json!({"titles": titles, "runtimes": [{"minutes": 107, "note": "mine"}], "genres": [{"genre": "drama"}]}),
            json!({"titles": titles, "runtimes": [{"minutes": 107, "note": "theirs"}], "genres": [{"genre": "drama"}]}),
            Err(vec!["runtimes"]),
        );
    }

    #[test]
    fn a_source_is_one_document() {
        let source = |title: &str| -> Entity {
            serde_json::from_value(json!({
                "type": "source", "id": "kofic", "kind": "dataset", "title": title
            }))
            .unwrap()
        };
        let base = source("KOFIC");
        assert_eq!(
            Entity::rebase(&base, &source("KOFIC (mine)"), &base),
            Ok(source("KOFIC (mine)"))
        );
        assert_eq!(
            Entity::rebase(&base, &base, &source("KOFIC (theirs)")),
            Ok(source("KOFIC (theirs)"))
        );
        assert_eq!(
            Entity::rebase(&base, &source("KOFIC (mine)"), &source("KOFIC (theirs)")),
            Err(Overlap(vec![OWN_FIELDS]))
        );
    }
}
