//! The operations on any claim of any entity, written once on the typed
//! walk (`crate::traverse`): the references an entity makes and their
//! rewriting in a merge, taking in another entity's facts, replacing the
//! claims one source states in a re-import, finding the claim a path leads
//! into.

use crate::claim::{Claim, ClaimLists, List, ListVisitor, ListVisitorMut, ListZipper};
use crate::id::{EntityId, EntityKind};
use crate::traverse::{ClaimPath, Reference, Refers};

use super::entity::Entity;

/// Calls `$body` with the entity's struct bound to `$inner`, whichever
/// kind it is; `$source` for a source, which has no claim lists.
macro_rules! with_lists {
    ($entity:expr, $inner:ident => $body:expr, $source:pat => $otherwise:expr) => {
        match $entity {
            Entity::Film($inner) => $body,
            Entity::Person($inner) => $body,
            Entity::Company($inner) => $body,
            Entity::Album($inner) => $body,
            Entity::Venue($inner) => $body,
            Entity::Event($inner) => $body,
            Entity::Source($source) => $otherwise,
        }
    };
}

impl Entity {
    /// Every reference the entity makes to another, citations included,
    /// with its path.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        self.as_refers()
            .each_ref(&mut ClaimPath::new(), &mut |path, found| {
                out.push(Reference {
                    path: path.clone(),
                    kind: found.kind,
                    id: found.id.clone(),
                    at: found.at,
                })
            });
        out
    }

    /// Rewrites every reference to `from` into a reference to `to`, as a
    /// merge does. Returns how many were rewritten.
    pub fn redirect_references(
        &mut self,
        kind: EntityKind,
        from: &EntityId,
        to: &EntityId,
    ) -> usize {
        let mut rewritten = 0;
        self.as_refers_mut().each_ref_mut(&mut |found, id| {
            if found == kind && id == from {
                *id = to.clone();
                rewritten += 1;
            }
        });
        rewritten
    }
    fn as_refers(&self) -> &dyn Refers {
        with_lists!(self, inner => inner as &dyn Refers, source => source as &dyn Refers)
    }

    fn as_refers_mut(&mut self) -> &mut dyn Refers {
        with_lists!(self, inner => inner as &mut dyn Refers, source => source as &mut dyn Refers)
    }

    /// Calls the visitor with every claim list of the entity; a source, a
    /// document rather than a set of claims, has none.
    pub fn each_list<'a, V: ListVisitor<'a>>(&'a self, visitor: &mut V) {
        with_lists!(self, inner => inner.each_list(visitor), _ => {})
    }

    /// Calls the visitor with every claim list of the entity, to change.
    pub fn each_list_mut<V: ListVisitorMut>(&mut self, visitor: &mut V) {
        with_lists!(self, inner => inner.each_list_mut(visitor), _ => {})
    }

    /// The claim a path leads into (`credits[3]` for
    /// `credits[3].sources[0].source`), with its list's name.
    pub fn claim_at(&self, path: &ClaimPath) -> Option<(&'static str, &dyn Claim)> {
        struct Find<'a, 'p> {
            list: &'p str,
            index: usize,
            found: Option<(&'static str, &'a dyn Claim)>,
        }
        impl<'a> ListVisitor<'a> for Find<'a, '_> {
            fn visit<C: Claim + 'a>(&mut self, list: List, claims: &'a [C]) {
                if list.name == self.list
                    && let Some(claim) = claims.get(self.index)
                {
                    self.found = Some((list.name, claim as &dyn Claim));
                }
            }
        }
        let mut find = Find {
            list: path.list()?,
            index: path.index()?,
            found: None,
        };
        self.each_list(&mut find);
        find.found
    }

    /// The sources the entity's claims cite, each once, in the order first
    /// cited.
    pub fn cited_sources(&self) -> Vec<EntityId> {
        let mut out: Vec<EntityId> = Vec::new();
        self.as_refers()
            .each_ref(&mut ClaimPath::new(), &mut |path, found| {
                if found.kind == EntityKind::Source && path.is_citation() && !out.contains(found.id)
                {
                    out.push(found.id.clone());
                }
            });
        out
    }

    /// Takes in the facts of `other`, an entity of the same kind being
    /// merged into this one: its claims join this one's lists, a claim that
    /// states a value this one has already adds its sources to it, and this
    /// entity's preferred values stay preferred. A source keeps its own
    /// title and fields and takes the other's where it has none.
    pub fn absorb(&mut self, other: Entity) -> Result<(), KindMismatch> {
        struct Absorb;
        impl ListZipper for Absorb {
            fn zip<C: Claim + Clone + PartialEq>(
                &mut self,
                _: List,
                kept: &mut Vec<C>,
                added: Vec<C>,
            ) {
                let had_preferred = kept.iter().any(|claim| claim.preferred());
                for mut claim in added {
                    if had_preferred {
                        claim.set_preferred(false);
                    }
                    match kept.iter_mut().find(|existing| existing.same_value(&claim)) {
                        Some(existing) => {
                            for citation in claim.sources() {
                                if !existing.sources().contains(citation) {
                                    existing.sources_mut().push(citation.clone());
                                }
                            }
                            if claim.preferred() {
                                existing.set_preferred(true);
                            }
                        }
                        None => kept.push(claim),
                    }
                }
            }
        }
        if let (Entity::Source(kept), Entity::Source(added)) = (&mut *self, &other) {
            kept.absorb(added.clone());
            return Ok(());
        }
        self.zip_lists(other, &mut Absorb)
    }

    /// A re-import from `source`: the claims that only `source` states are
    /// replaced by `imported`'s, those other sources state stay, and where
    /// one of those is preferred it stays preferred.
    pub fn replace_claims_of(
        &mut self,
        source: &EntityId,
        imported: Entity,
    ) -> Result<(), KindMismatch> {
        struct Replace<'s>(&'s EntityId);
        impl ListZipper for Replace<'_> {
            fn zip<C: Claim + Clone + PartialEq>(
                &mut self,
                _: List,
                kept: &mut Vec<C>,
                added: Vec<C>,
            ) {
                kept.retain(|claim| !cites_only(claim, self.0));
                let has_preferred = kept.iter().any(|claim| claim.preferred());
                for mut claim in added {
                    if has_preferred {
                        claim.set_preferred(false);
                    }
                    kept.push(claim);
                }
            }
        }
        if let Entity::Source(_) = self {
            // A source is a document, not claims: the imported one is it.
            if imported.kind() != EntityKind::Source {
                return Err(KindMismatch(EntityKind::Source, imported.kind()));
            }
            *self = imported;
            return Ok(());
        }
        self.zip_lists(imported, &mut Replace(source))
    }

    /// The claims with sources that `after`, a later state of this entity,
    /// no longer states: no claim of the same list has the same value, and
    /// none that is new keeps one of its citations (which would be the
    /// claim with its value changed). An edit that removes what a source
    /// says asks for a reason. Each is named by its path (`releases[3]`).
    pub fn sourced_claims_removed(&self, after: &Entity) -> Vec<ClaimPath> {
        struct Removed(Vec<ClaimPath>);
        impl ListZipper for Removed {
            fn zip<C: Claim + Clone + PartialEq>(
                &mut self,
                list: List,
                kept: &mut Vec<C>,
                added: Vec<C>,
            ) {
                // The new claims that state no old value: edits or additions.
                let mut new: Vec<&C> = added
                    .iter()
                    .filter(|claim| !kept.iter().any(|old| old.same_value(claim)))
                    .collect();
                for (index, claim) in kept.iter().enumerate() {
                    if claim.sources().is_empty()
                        || added.iter().any(|other| other.same_value(claim))
                    {
                        continue;
                    }
                    let edited = new.iter().position(|other| {
                        other
                            .sources()
                            .iter()
                            .any(|citation| claim.sources().contains(citation))
                    });
                    match edited {
                        Some(at) => {
                            new.remove(at);
                        }
                        None => {
                            let mut path = ClaimPath::new();
                            path.push_field(list.name);
                            path.push_index(index);
                            self.0.push(path);
                        }
                    }
                }
            }
        }
        let mut removed = Removed(Vec::new());
        if self.clone().zip_lists(after.clone(), &mut removed).is_ok() {
            return removed.0;
        }
        // Another kind altogether (no edit does this): every sourced claim goes.
        struct Every(Vec<ClaimPath>);
        impl<'a> ListVisitor<'a> for Every {
            fn visit<C: crate::claim::ListClaim + 'a>(&mut self, list: List, claims: &'a [C]) {
                for (index, claim) in claims.iter().enumerate() {
                    if !claim.sources().is_empty() {
                        let mut path = ClaimPath::new();
                        path.push_field(list.name);
                        path.push_index(index);
                        self.0.push(path);
                    }
                }
            }
        }
        let mut every = Every(Vec::new());
        self.each_list(&mut every);
        every.0
    }

    /// Walks the claim lists of two entities of one kind side by side.
    pub(super) fn zip_lists<Z: ListZipper>(
        &mut self,
        other: Entity,
        zipper: &mut Z,
    ) -> Result<(), KindMismatch> {
        match (self, other) {
            (Entity::Film(a), Entity::Film(b)) => a.zip_lists(b, zipper),
            (Entity::Person(a), Entity::Person(b)) => a.zip_lists(b, zipper),
            (Entity::Company(a), Entity::Company(b)) => a.zip_lists(b, zipper),
            (Entity::Album(a), Entity::Album(b)) => a.zip_lists(b, zipper),
            (Entity::Venue(a), Entity::Venue(b)) => a.zip_lists(b, zipper),
            (Entity::Event(a), Entity::Event(b)) => a.zip_lists(b, zipper),
            (a, b) => return Err(KindMismatch(a.kind(), b.kind())),
        }
        Ok(())
    }

    /// At most one preferred value per fact.
    pub(super) fn check_preferred(&self, problems: &mut Vec<String>) {
        struct OnePreferred<'p>(&'p mut Vec<String>);
        impl<'a> ListVisitor<'a> for OnePreferred<'_> {
            fn visit<C: Claim + 'a>(&mut self, list: List, claims: &'a [C]) {
                let preferred = claims.iter().filter(|claim| claim.preferred()).count();
                if list.one_preferred && preferred > 1 {
                    self.0.push(format!(
                        "{}: {}",
                        list.name,
                        kinora_i18n::t_with(
                            "check-many-preferred",
                            &[("count", preferred.to_string().into())],
                        )
                    ));
                }
            }
        }
        self.each_list(&mut OnePreferred(problems));
    }

    /// An inference says how it was drawn and from what: a note with the
    /// reasoning, and the sources it was drawn from.
    pub(super) fn check_inferences(&self, problems: &mut Vec<String>) {
        struct Reasoned<'p>(&'p mut Vec<String>);
        impl<'a> ListVisitor<'a> for Reasoned<'_> {
            fn visit<C: Claim + 'a>(&mut self, list: List, claims: &'a [C]) {
                for (index, claim) in claims.iter().enumerate() {
                    if !claim.inferred() {
                        continue;
                    }
                    if claim.note().is_none_or(|note| note.trim().is_empty()) {
                        self.0.push(format!(
                            "{}[{index}].note: {}",
                            list.name,
                            kinora_i18n::t("check-inferred-note")
                        ));
                    }
                    if claim.sources().is_empty() {
                        self.0.push(format!(
                            "{}[{index}].sources: {}",
                            list.name,
                            kinora_i18n::t("check-inferred-sources")
                        ));
                    }
                }
            }
        }
        self.each_list(&mut Reasoned(problems));
    }
}

/// Whether a claim is stated by `source` alone.
fn cites_only(claim: &impl Claim, source: &EntityId) -> bool {
    !claim.sources().is_empty()
        && claim
            .sources()
            .iter()
            .all(|citation| &citation.source.id == source)
}

/// Two entities of different kinds were given to an operation on one kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {0} cannot take in the facts of a {1}")]
pub struct KindMismatch(pub EntityKind, pub EntityKind);
