//! Two states of an entity compared claim by claim, on the typed walk: each
//! claim list of the one beside the same list of the other
//! (`ClaimLists::zip_lists`), a claim that stayed as it was counted, one
//! that changed paired with what it became (the same value with other
//! sources, note or preferred mark; or a value edited, told by its
//! likeness), the rest added or removed.

use kinora_core::claim::{Claim, ClaimLists, List, ListVisitor, ListZipper};
use kinora_core::model::{Citation, Entity};
use kinora_core::traverse::NameOf;
use kinora_core::{EntityId, EntityKind};

use super::words::{Segment, compare, likeness, plain};
use super::{FIRST_SHOWN, noun};
use crate::web::view::capitalize;

/// A claim as the change page shows it.
#[derive(Debug, Clone)]
pub struct ClaimView {
    /// Its value read out: "Crossing · original title".
    pub value: String,
    pub preferred: bool,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
}

/// How a source of a changed claim changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cited {
    Kept,
    Added,
    Removed,
    /// Cited before and after, for other words.
    Requoted,
}

/// A source a claim cites, by its title.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub title: String,
    pub href: String,
    pub cited: Cited,
    /// The words the source used, old and new, when they changed.
    pub quote: Option<Compared>,
}

impl SourceView {
    pub fn is_added(&self) -> bool {
        self.cited == Cited::Added
    }

    pub fn is_removed(&self) -> bool {
        self.cited == Cited::Removed
    }
}

/// A text before and after, word by word.
#[derive(Debug, Clone)]
pub struct Compared {
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
}

impl Compared {
    fn of(old: &str, new: &str) -> Compared {
        let (old, new) = compare(old, new);
        Compared { old, new }
    }
}

/// One claim before and after.
#[derive(Debug, Clone)]
pub struct ChangedClaim {
    /// The value before and after, word by word; one unmarked segment on
    /// each side when only the sources, note or mark changed.
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
    pub value_changed: bool,
    /// The preferred mark after, when it changed.
    pub preferred: Option<bool>,
    /// The note before and after, word by word, when it changed.
    pub note: Option<Compared>,
    /// Its sources before and after, the kept ones first.
    pub sources: Vec<SourceView>,
}

impl ChangedClaim {
    /// The sources gained, lost or quoted in other words.
    pub fn changed_sources(&self) -> Vec<&SourceView> {
        self.sources
            .iter()
            .filter(|source| source.cited != Cited::Kept)
            .collect()
    }

    /// The sources cited before and after, as they were.
    pub fn kept_sources(&self) -> Vec<&SourceView> {
        self.sources
            .iter()
            .filter(|source| source.cited == Cited::Kept)
            .collect()
    }
}

/// Unchanged sources of a changed claim beyond this many are folded away.
pub const KEPT_SHOWN: usize = 3;

/// One claim list's differences.
#[derive(Debug, Clone)]
pub struct ListDiff {
    /// The list's name in the document: `birth_dates`.
    pub name: &'static str,
    /// "Birth dates".
    pub heading: String,
    pub changed: Vec<ChangedClaim>,
    pub added: Vec<ClaimView>,
    pub removed: Vec<ClaimView>,
    /// Claims the same before and after.
    pub unchanged: usize,
}

impl ListDiff {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// "1 changed, 2 added".
    pub fn counts(&self) -> String {
        [
            (self.changed.len(), "changed"),
            (self.added.len(), "added"),
            (self.removed.len(), "removed"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| {
            kinora_i18n::t_with(&format!("claims-{what}"), &[("count", count.into())])
        })
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The claims added, only the first few of an entity added whole.
    pub fn first_added(&self, whole: bool) -> &[ClaimView] {
        first(&self.added, whole)
    }

    /// The claims removed, only the first few of an entity deleted whole.
    pub fn first_removed(&self, whole: bool) -> &[ClaimView] {
        first(&self.removed, whole)
    }

    /// The claims of an entity added or deleted whole after the first few.
    pub fn rest(&self, whole: bool) -> &[ClaimView] {
        let all = if self.added.is_empty() {
            &self.removed
        } else {
            &self.added
        };
        if whole {
            all.get(FIRST_SHOWN..).unwrap_or_default()
        } else {
            &[]
        }
    }

    /// "added" or "removed": what happened to the claims of a list of an
    /// entity added or deleted whole.
    pub fn side(&self) -> &'static str {
        if self.added.is_empty() {
            "removed"
        } else {
            "added"
        }
    }

    /// "12 other titles unchanged".
    pub fn unchanged_line(&self) -> String {
        let noun = match kinora_i18n::Lang::current() {
            kinora_i18n::Lang::En => noun(self.name, self.unchanged),
            _ => kinora_i18n::vocabulary(&format!("list-{}", self.name), self.name),
        };
        kinora_i18n::t_with(
            "claims-other-unchanged",
            &[("count", self.unchanged.into()), ("noun", noun.into())],
        )
    }
}

fn first(claims: &[ClaimView], whole: bool) -> &[ClaimView] {
    if whole {
        &claims[..claims.len().min(FIRST_SHOWN)]
    } else {
        claims
    }
}

/// A field of an entity that is not a claim list (an id, an event's kind,
/// a source's title), before and after.
#[derive(Debug, Clone)]
pub struct FieldDiff {
    pub heading: String,
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
}

/// What differs between two states of an entity (either may be absent: a
/// creation, a deletion).
#[derive(Debug, Clone, Default)]
pub struct EntityDiff {
    pub fields: Vec<FieldDiff>,
    /// The lists that changed, in the order the entity declares them.
    pub lists: Vec<ListDiff>,
    /// Claims the same before and after, in every list.
    pub unchanged: usize,
}

impl EntityDiff {
    /// The claims unchanged in the lists that did not change at all.
    pub fn other_unchanged(&self) -> usize {
        self.unchanged - self.lists.iter().map(|list| list.unchanged).sum::<usize>()
    }

    /// "31 facts in other lists unchanged".
    pub fn other_unchanged_line(&self) -> String {
        kinora_i18n::t_with(
            "claims-other-lists-unchanged",
            &[("count", self.other_unchanged().into())],
        )
    }
}

/// Compares two states of one entity.
pub fn compare_entities(
    before: Option<&Entity>,
    after: Option<&Entity>,
    names: &NameOf<'_>,
) -> EntityDiff {
    let mut lists = match (before, after) {
        (Some(before), Some(after)) => zip(before, after, names).unwrap_or_else(|| {
            // Of two kinds (no edit does this): all of one out, all of the other in.
            let mut lists = one_side(before, Side::Removed, names);
            lists.extend(one_side(after, Side::Added, names));
            lists
        }),
        (Some(before), None) => one_side(before, Side::Removed, names),
        (None, Some(after)) => one_side(after, Side::Added, names),
        (None, None) => Vec::new(),
    };
    let unchanged = lists.iter().map(|list| list.unchanged).sum();
    lists.retain(|list| !list.is_empty());
    EntityDiff {
        fields: compare_fields(before, after, names),
        lists,
        unchanged,
    }
}

/// The fields that are not claims, each read out in a line.
fn plain_fields(entity: &Entity, names: &NameOf<'_>) -> Vec<(&'static str, String)> {
    let mut fields = match entity {
        Entity::Source(source) => source
            .describe_fields(names)
            .into_iter()
            .map(|(field, parts)| (field, parts.join(", ")))
            .collect(),
        _ => vec![("id", entity.id().to_string())],
    };
    if let Entity::Event(event) = entity {
        fields.push(("kind", event.kind.local_label()));
    }
    fields
}

fn compare_fields(
    before: Option<&Entity>,
    after: Option<&Entity>,
    names: &NameOf<'_>,
) -> Vec<FieldDiff> {
    let read = |entity: Option<&Entity>| {
        entity
            .map(|entity| plain_fields(entity, names))
            .unwrap_or_default()
    };
    // An entity added or deleted whole is named by its heading: its id is
    // no news. A source's fields are, as its claims.
    let whole = before.is_none() || after.is_none();
    let (before, after) = (read(before), read(after));
    let mut keys: Vec<&'static str> = after.iter().map(|(key, _)| *key).collect();
    keys.extend(
        before
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| !after.iter().any(|(other, _)| other == key)),
    );
    let value = |fields: &[(&'static str, String)], key: &str| {
        fields
            .iter()
            .find(|(other, _)| *other == key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    keys.into_iter()
        .filter_map(|key| {
            let (old, new) = (value(&before, key), value(&after, key));
            (old != new && !(whole && key == "id")).then(|| {
                let (old, new) = if old.is_empty() || new.is_empty() {
                    (plain(&shortened(&old)), plain(&shortened(&new)))
                } else {
                    compare(&old, &new)
                };
                FieldDiff {
                    heading: kinora_i18n::vocabulary(
                        &format!("doc-field-{key}"),
                        &capitalize(key.replace('_', " ")),
                    ),
                    old,
                    new,
                }
            })
        })
        .collect()
}

/// A field shown whole (an article's text) in its first 300 characters.
fn shortened(text: &str) -> String {
    const SHOWN: usize = 300;
    if text.chars().count() > SHOWN {
        format!("{}…", text.chars().take(SHOWN).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Added,
    Removed,
}

/// Every claim list of one state, all added or all removed.
fn one_side(entity: &Entity, side: Side, names: &NameOf<'_>) -> Vec<ListDiff> {
    struct Collect<'n, 'f> {
        names: &'n NameOf<'f>,
        side: Side,
        out: Vec<ListDiff>,
    }
    impl<'a> ListVisitor<'a> for Collect<'_, '_> {
        fn visit<C: Claim + 'a>(&mut self, list: List, claims: &'a [C]) {
            let claims: Vec<ClaimView> = claims
                .iter()
                .map(|claim| claim_view(claim, self.names))
                .collect();
            let mut diff = empty(list);
            match self.side {
                Side::Added => diff.added = claims,
                Side::Removed => diff.removed = claims,
            }
            self.out.push(diff);
        }
    }
    let mut collect = Collect {
        names,
        side,
        out: Vec::new(),
    };
    entity.each_list(&mut collect);
    collect.out
}

/// The claim lists of two states side by side; None for two kinds.
fn zip(before: &Entity, after: &Entity, names: &NameOf<'_>) -> Option<Vec<ListDiff>> {
    struct Compare<'n, 'f> {
        names: &'n NameOf<'f>,
        out: Vec<ListDiff>,
    }
    impl ListZipper for Compare<'_, '_> {
        fn zip<C: Claim + Clone + PartialEq>(
            &mut self,
            list: List,
            kept: &mut Vec<C>,
            added: Vec<C>,
        ) {
            self.out.push(compare_list(list, kept, &added, self.names));
        }
    }
    let mut compare = Compare {
        names,
        out: Vec::new(),
    };
    fn lists<T: ClaimLists + Clone>(a: &T, b: &T, zipper: &mut impl ListZipper) {
        a.clone().zip_lists(b.clone(), zipper);
    }
    match (before, after) {
        (Entity::Film(a), Entity::Film(b)) => lists(a, b, &mut compare),
        (Entity::Person(a), Entity::Person(b)) => lists(a, b, &mut compare),
        (Entity::Company(a), Entity::Company(b)) => lists(a, b, &mut compare),
        (Entity::Album(a), Entity::Album(b)) => lists(a, b, &mut compare),
        (Entity::Venue(a), Entity::Venue(b)) => lists(a, b, &mut compare),
        (Entity::Event(a), Entity::Event(b)) => lists(a, b, &mut compare),
        // A source is a document: its fields are compared, it has no lists.
        (Entity::Source(_), Entity::Source(_)) => {}
        _ => return None,
    }
    Some(compare.out)
}

fn empty(list: List) -> ListDiff {
    ListDiff {
        name: list.name,
        heading: kinora_i18n::vocabulary(
            &format!("list-{}", list.name),
            &capitalize(list.name.replace('_', " ")),
        ),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        unchanged: 0,
    }
}

/// Beyond this many pairs of an added and a removed claim, edited values
/// are not looked for (a re-import replacing a whole list): each pair
/// weighed is a comparison of two lines, so this bounds a page's work.
const PAIRS_WEIGHED: usize = 400;

/// How alike an edited value must be to what it was, to be read as that
/// claim changed rather than one removed and another added.
const ALIKE: f32 = 0.5;

/// One list before and after.
fn compare_list<C: Claim + PartialEq>(
    list: List,
    old: &[C],
    new: &[C],
    names: &NameOf<'_>,
) -> ListDiff {
    let mut diff = empty(list);
    let mut old_free = vec![true; old.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut new_free = vec![true; new.len()];
    // The same claim, whole.
    for (j, claim) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| old_free[i] && &old[i] == claim) {
            old_free[i] = false;
            new_free[j] = false;
            diff.unchanged += 1;
        }
    }
    // The same value, with other sources, note or mark.
    for (j, claim) in new.iter().enumerate() {
        if !new_free[j] {
            continue;
        }
        if let Some(i) = (0..old.len()).find(|&i| old_free[i] && old[i].same_value(claim)) {
            old_free[i] = false;
            new_free[j] = false;
            pairs.push((i, j));
        }
    }
    // A value edited: the most alike pairs first.
    let read = |claim: &C| claim.describe_value(names);
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| old_free[i]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&j| new_free[j]).collect();
    if !old_left.is_empty() && old_left.len() * new_left.len() <= PAIRS_WEIGHED {
        let old_parts: Vec<Vec<String>> = old_left.iter().map(|&i| read(&old[i])).collect();
        let new_parts: Vec<Vec<String>> = new_left.iter().map(|&j| read(&new[j])).collect();
        let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
        for (a, &i) in old_left.iter().enumerate() {
            for (b, &j) in new_left.iter().enumerate() {
                let score = alike(&old_parts[a], &new_parts[b]);
                if score >= ALIKE {
                    candidates.push((score, i, j));
                }
            }
        }
        candidates.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2)))
        });
        for (_, i, j) in candidates {
            if old_free[i] && new_free[j] {
                old_free[i] = false;
                new_free[j] = false;
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    diff.changed = pairs
        .into_iter()
        .map(|(i, j)| changed_claim(&old[i], &new[j], names))
        .collect();
    diff.added = (0..new.len())
        .filter(|&j| new_free[j])
        .map(|j| claim_view(&new[j], names))
        .collect();
    diff.removed = (0..old.len())
        .filter(|&i| old_free[i])
        .map(|i| claim_view(&old[i], names))
        .collect();
    diff
}

/// How alike two values read: the share of their parts they have in
/// common (a title's kind, a credit's role), or the likeness of the whole
/// line when that says more (a word of a title edited).
fn alike(old: &[String], new: &[String]) -> f32 {
    let longest = old.len().max(new.len());
    let shared = if longest > 1 {
        let mut left: Vec<&String> = new.iter().collect();
        let mut shared = 0;
        for part in old {
            if let Some(at) = left.iter().position(|other| *other == part) {
                left.remove(at);
                shared += 1;
            }
        }
        shared as f32 / longest as f32
    } else {
        0.0
    };
    shared.max(likeness(&old.join(" · "), &new.join(" · ")))
}

fn claim_view<C: Claim>(claim: &C, names: &NameOf<'_>) -> ClaimView {
    ClaimView {
        value: claim.describe_value(names).join(" · "),
        preferred: claim.preferred(),
        note: claim.note().map(str::to_owned),
        sources: claim
            .sources()
            .iter()
            .map(|citation| source_view(&citation.source.id, Cited::Kept, None, names))
            .collect(),
    }
}

fn source_view(
    id: &EntityId,
    cited: Cited,
    quote: Option<Compared>,
    names: &NameOf<'_>,
) -> SourceView {
    SourceView {
        title: names(EntityKind::Source, id).unwrap_or_else(|| id.to_string()),
        href: format!("/sources/{id}"),
        cited,
        quote,
    }
}

fn changed_claim<C: Claim + Sized>(old: &C, new: &C, names: &NameOf<'_>) -> ChangedClaim {
    let (old_value, new_value) = (
        old.describe_value(names).join(" · "),
        new.describe_value(names).join(" · "),
    );
    let value_changed = !old.same_value(new);
    let (old_words, new_words) = compare(&old_value, &new_value);
    let note = (old.note() != new.note()).then(|| {
        Compared::of(
            old.note().unwrap_or_default(),
            new.note().unwrap_or_default(),
        )
    });
    ChangedClaim {
        old: old_words,
        new: new_words,
        value_changed,
        preferred: (old.preferred() != new.preferred()).then_some(new.preferred()),
        note,
        sources: compare_sources(old.sources(), new.sources(), names),
    }
}

/// A claim's sources before and after: those it kept (with their words
/// compared when they changed), those it gained, those it lost. A source
/// cited twice is two citations.
fn compare_sources(old: &[Citation], new: &[Citation], names: &NameOf<'_>) -> Vec<SourceView> {
    let mut left: Vec<Option<&Citation>> = old.iter().map(Some).collect();
    let mut take = |matches: &dyn Fn(&Citation) -> bool| {
        let at = left.iter().position(|c| c.is_some_and(matches))?;
        left[at].take()
    };
    // The same citation first, then the same source in other words.
    let mut matched: Vec<Option<&Citation>> = new
        .iter()
        .map(|citation| take(&|other| other == citation))
        .collect();
    for (citation, found) in new.iter().zip(&mut matched) {
        if found.is_none() {
            *found = take(&|other| other.source == citation.source);
        }
    }
    let mut out: Vec<SourceView> = new
        .iter()
        .zip(matched)
        .map(|(citation, before)| {
            let id = &citation.source.id;
            match before {
                Some(before) if before.quote != citation.quote => {
                    let quote = Compared::of(
                        before.quote.as_deref().unwrap_or_default(),
                        citation.quote.as_deref().unwrap_or_default(),
                    );
                    source_view(id, Cited::Requoted, Some(quote), names)
                }
                Some(_) => source_view(id, Cited::Kept, None, names),
                None => source_view(id, Cited::Added, None, names),
            }
        })
        .collect();
    out.extend(
        left.into_iter()
            .flatten()
            .map(|citation| source_view(&citation.source.id, Cited::Removed, None, names)),
    );
    out
}
