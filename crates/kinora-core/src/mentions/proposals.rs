//! Which spans are proposed to the editor, one proposal per entity: the
//! evidence a span carries (a name in full, quotes, a year), the choice
//! between entities that share a name, the links to entities proposed
//! with high confidence, and the bare surnames counted for the person
//! they stand for.

use std::collections::{HashMap, HashSet};

use super::context::distinctive;
use super::gazetteer::{Candidate, Found, Matched};
use super::words::{surname_of, surname_of_word};
use crate::id::{EntityId, EntityKind};

/// How sure a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// An entity the text mentions, as proposed to the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub kind: EntityKind,
    pub id: EntityId,
    /// The distinct spellings written in the text, in the order they first
    /// appear.
    pub spellings: Vec<String>,
    /// How many times the entity is mentioned, bare surnames included.
    pub count: usize,
    /// Byte offset of the first mention by name.
    pub first_at: usize,
    pub confidence: Confidence,
    /// Why, in a few words for the editor: `named in full as “Kim
    /// Tae-gyoon”`, `in quotes as “Lost”`, `linked to Daniel Dae Kim, named
    /// here`.
    pub reason: String,
}

/// What one span was taken to name.
#[derive(Clone)]
struct Resolution {
    candidate: usize,
    /// None for a mention that only counts: a bare word for an entity
    /// proposed on other evidence.
    confidence: Option<Confidence>,
    reason: String,
}

/// Decides which spans to propose, one proposal per entity, sorted by
/// their first mention.
///
/// `related(a, b)` tells whether the catalog links two entities (a credit,
/// a company's role in a film, an affiliation); it is asked both ways.
/// `year_of` gives a film's year, to choose between films of one title.
///
/// A name of two words or more in title case, a person's full name in any
/// spelling, or a Hangul name of two syllables or more is proposed with
/// high confidence. A single word needs evidence: quotes (high); a year in
/// parentheses (high when it is the year of a candidate, medium when the
/// catalog gives no year, low when it gives another); or a link to an
/// entity proposed with high confidence (high, and entities so proposed
/// may vouch for others in turn). A single word without evidence is
/// dropped, unless it is unlike a common word and written exactly as the
/// catalog spells it (a capital after its first letter, or a digit: `CBS`,
/// `3AD`, `OnDemandKorea`): that is proposed with low confidence.
/// Between the entities a span may name, the year after it, an entity
/// already chosen for another span, and links to the entities proposed
/// with high confidence decide, in that order; a tie goes to the first
/// candidate, with medium confidence at most.
pub fn propose(
    found: &[Found],
    related: &dyn Fn(&Candidate, &Candidate) -> bool,
    year_of: &dyn Fn(&Candidate) -> Option<i32>,
) -> Vec<Proposal> {
    let linked = |a: &Candidate, b: &Candidate| a != b && (related(a, b) || related(b, a));
    let mentions: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].how != Matched::Surname && !found[i].candidates.is_empty())
        .collect();
    // The candidates left after the year, and the evidence of each span
    // that needs no other span.
    let mut options: Vec<Vec<usize>> = vec![Vec::new(); found.len()];
    let mut evidence: Vec<Option<(Confidence, String)>> = vec![None; found.len()];
    let mut resolved: Vec<Option<Resolution>> = vec![None; found.len()];
    for &i in &mentions {
        let (narrowed, year) = by_year(&found[i], year_of);
        options[i] = narrowed;
        evidence[i] = evidence_of(&found[i], year);
        if let (Some((Confidence::High, reason)), [only]) = (&evidence[i], &options[i][..]) {
            resolved[i] = Some(Resolution {
                candidate: *only,
                confidence: Some(Confidence::High),
                reason: reason.clone(),
            });
        }
    }
    let chosen_entity = |resolved: &[Option<Resolution>], i: usize| {
        resolved[i]
            .as_ref()
            .map(|r| found[i].candidates[r.candidate].clone())
    };
    // Links to the entities proposed with high confidence, until nothing
    // changes.
    loop {
        let mut anchors: Vec<(Candidate, &str)> = Vec::new();
        let mut chosen: HashSet<Candidate> = HashSet::new();
        for &i in &mentions {
            let Some(entity) = chosen_entity(&resolved, i) else {
                continue;
            };
            let high = resolved[i].as_ref().and_then(|r| r.confidence) == Some(Confidence::High);
            if high && !anchors.iter().any(|(a, _)| *a == entity) {
                anchors.push((entity.clone(), found[i].written.as_str()));
            }
            chosen.insert(entity);
        }
        let mut changed = false;
        for &i in &mentions {
            if resolved[i].is_some() {
                continue;
            }
            let f = &found[i];
            if let Some(&c) = options[i]
                .iter()
                .find(|&&c| chosen.contains(&f.candidates[c]))
            {
                resolved[i] = Some(Resolution {
                    candidate: c,
                    confidence: evidence[i].as_ref().map(|(confidence, _)| *confidence),
                    reason: evidence[i]
                        .as_ref()
                        .map(|(_, reason)| reason.clone())
                        .unwrap_or_default(),
                });
                changed = true;
                continue;
            }
            let links: Vec<(usize, &str)> = options[i]
                .iter()
                .filter_map(|&c| {
                    anchors
                        .iter()
                        .find(|(anchor, _)| linked(&f.candidates[c], anchor))
                        .map(|(_, written)| (c, *written))
                })
                .collect();
            let Some(&(c, anchor)) = links.first() else {
                continue;
            };
            let mut reason = match &evidence[i] {
                Some((_, evidence)) => format!("{evidence}, linked to {anchor}, named here"),
                None => format!("linked to {anchor}, named here"),
            };
            reason.push_str(&others(links.len() - 1, "is linked too", "are linked too"));
            let doubtful = evidence[i]
                .as_ref()
                .is_some_and(|(confidence, _)| *confidence == Confidence::Low);
            let confidence = if links.len() == 1 && !doubtful {
                Confidence::High
            } else {
                Confidence::Medium
            };
            resolved[i] = Some(Resolution {
                candidate: c,
                confidence: Some(confidence),
                reason,
            });
            changed = true;
        }
        if !changed {
            break;
        }
    }
    // Ties, evidence short of high, and distinctive words without evidence.
    for &i in &mentions {
        if resolved[i].is_some() {
            continue;
        }
        let f = &found[i];
        let first = options[i][0];
        let shared = others(options[i].len() - 1, "shares the name", "share the name");
        if let Some((confidence, evidence)) = &evidence[i] {
            let confidence = if options[i].len() > 1 {
                (*confidence).min(Confidence::Medium)
            } else {
                *confidence
            };
            resolved[i] = Some(Resolution {
                candidate: first,
                confidence: Some(confidence),
                reason: format!("{evidence}{shared}"),
            });
        } else if f.how == Matched::Exact && distinctive(&f.written) {
            resolved[i] = Some(Resolution {
                candidate: first,
                confidence: Some(Confidence::Low),
                reason: format!(
                    "written “{}” as the catalog spells it, with nothing else to confirm it{shared}",
                    f.written
                ),
            });
        }
    }
    // Bare words for entities now proposed.
    let chosen: HashSet<Candidate> = mentions
        .iter()
        .filter_map(|&i| chosen_entity(&resolved, i))
        .collect();
    for &i in &mentions {
        if resolved[i].is_none()
            && let Some(&c) = options[i]
                .iter()
                .find(|&&c| chosen.contains(&found[i].candidates[c]))
        {
            resolved[i] = Some(Resolution {
                candidate: c,
                confidence: None,
                reason: String::new(),
            });
        }
    }
    gather(found, &mentions, &resolved)
}

/// The candidates of a span that fit the year in parentheses after it, and
/// what the year says: high when a candidate is of that year; medium when
/// only candidates without a year in the catalog remain; low when the
/// catalog dates them all otherwise.
fn by_year(
    found: &Found,
    year_of: &dyn Fn(&Candidate) -> Option<i32>,
) -> (Vec<usize>, Option<(Confidence, String)>) {
    let all: Vec<usize> = (0..found.candidates.len()).collect();
    let Some(year) = found.year_after else {
        return (all, None);
    };
    let years: Vec<Option<i32>> = found.candidates.iter().map(year_of).collect();
    let of_year: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&c| years[c] == Some(year))
        .collect();
    if !of_year.is_empty() {
        return (
            of_year,
            Some((Confidence::High, format!("followed by ({year})"))),
        );
    }
    let undated: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&c| years[c].is_none())
        .collect();
    if !undated.is_empty() {
        let note = format!("followed by ({year}), a year the catalog does not give");
        return (undated, Some((Confidence::Medium, note)));
    }
    let note = format!("followed by ({year}), but the catalog dates it otherwise");
    (all, Some((Confidence::Low, note)))
}

/// The evidence a span carries by itself: its name in full (several words,
/// a person's full name in any spelling, Hangul of two syllables or more)
/// or in quotes, and the year after it.
fn evidence_of(found: &Found, year: Option<(Confidence, String)>) -> Option<(Confidence, String)> {
    let named = if found.how == Matched::Spelling || found.words >= 2 {
        let script = if found.how == Matched::Hangul {
            "in Hangul"
        } else {
            "in full"
        };
        Some(format!("named {script} as “{}”", found.written))
    } else if found.quoted {
        Some(format!("in quotes as “{}”", found.written))
    } else {
        None
    };
    match (named, year) {
        (Some(named), Some((Confidence::High, year))) => {
            Some((Confidence::High, format!("{named}, {year}")))
        }
        (Some(named), _) => Some((Confidence::High, named)),
        (None, Some((confidence, year))) => {
            Some((confidence, format!("“{}” {year}", found.written)))
        }
        (None, None) => None,
    }
}

/// One proposal per entity from the spans resolved, with the bare
/// surnames counted.
fn gather(found: &[Found], mentions: &[usize], resolved: &[Option<Resolution>]) -> Vec<Proposal> {
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut index: HashMap<Candidate, usize> = HashMap::new();
    for &i in mentions {
        let Some(resolution) = &resolved[i] else {
            continue;
        };
        let f = &found[i];
        let (kind, id) = f.candidates[resolution.candidate].clone();
        let at = *index.entry((kind, id.clone())).or_insert_with(|| {
            proposals.push(Proposal {
                kind,
                id,
                spellings: Vec::new(),
                count: 0,
                first_at: f.start,
                confidence: Confidence::Low,
                reason: String::new(),
            });
            proposals.len() - 1
        });
        let proposal = &mut proposals[at];
        proposal.count += 1;
        if !proposal.spellings.contains(&f.written) {
            proposal.spellings.push(f.written.clone());
        }
        if let Some(confidence) = resolution.confidence
            && (proposal.reason.is_empty() || confidence > proposal.confidence)
        {
            proposal.confidence = confidence;
            proposal.reason = resolution.reason.clone();
        }
    }
    // An entity only ever mentioned by bare words has no proposal of its
    // own; none is made, since every proposal has a reason.
    proposals.retain(|p| !p.reason.is_empty());
    // The people named in full, proposed or not, with their surnames.
    let mut named: Vec<(usize, Option<usize>, String)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let person = match (f.how, &resolved[i]) {
            (Matched::OtherName, _) => None,
            (_, Some(resolution)) if f.candidates[resolution.candidate].0 == EntityKind::Person => {
                let entity = &f.candidates[resolution.candidate];
                let at = proposals
                    .iter()
                    .position(|p| p.kind == entity.0 && p.id == entity.1);
                if at.is_none() {
                    continue;
                }
                at
            }
            _ => continue,
        };
        if let Some(surname) = surname_of(&f.written) {
            named.push((f.start, person, surname));
        }
    }
    // A bare surname counts for a person proposed when every person named
    // in full before it with that surname is that one.
    for f in found.iter().filter(|f| f.how == Matched::Surname) {
        let surname = surname_of_word(&f.written);
        let before: Vec<&(usize, Option<usize>, String)> = named
            .iter()
            .filter(|(at, _, s)| *at < f.start && *s == surname)
            .collect();
        let Some((_, Some(last), _)) = before.last() else {
            continue;
        };
        if before.iter().all(|(_, person, _)| *person == Some(*last)) {
            proposals[*last].count += 1;
        }
    }
    proposals.sort_by_key(|p| p.first_at);
    proposals
}

/// `; 1 other shares the name`, `; 2 others share the name`, or nothing.
fn others(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => String::new(),
        1 => format!("; 1 other {one}"),
        n => format!("; {n} others {many}"),
    }
}
