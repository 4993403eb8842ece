//! The spellings an editor confirmed, found again in an article's text so
//! that its page links every place it names the entity.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::names::is_cjk;

/// Splits a text into pieces, each plain or naming one of `targets` by one
/// of its spellings as written (case and all), so a page can link every
/// place an article names an entity an editor confirmed. A spelling counts
/// only as a whole word, except that Hangul may be followed by particles
/// (차인표가); the longest spelling wins where two overlap.
pub fn link_spellings<'t>(text: &'t str, targets: &[Vec<String>]) -> Vec<(&'t str, Option<usize>)> {
    let mut patterns: Vec<&str> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    for (owner, spellings) in targets.iter().enumerate() {
        for spelling in spellings {
            if !spelling.trim().is_empty() {
                patterns.push(spelling);
                owners.push(owner);
            }
        }
    }
    if patterns.is_empty() {
        return vec![(text, None)];
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return vec![(text, None)];
    };
    let word = |c: char| c.is_alphanumeric() && !is_cjk(c);
    let mut pieces = Vec::new();
    let mut at = 0;
    for found in automaton.find_iter(text) {
        let (start, end) = (found.start(), found.end());
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let first = text[start..end].chars().next();
        let last = text[start..end].chars().next_back();
        let starts_clean = !(before.is_some_and(word) && first.is_some_and(word));
        let ends_clean = !(after.is_some_and(word) && last.is_some_and(word));
        if !starts_clean || !ends_clean {
            continue;
        }
        if start > at {
            pieces.push((&text[at..start], None));
        }
        pieces.push((&text[start..end], Some(owners[found.pattern().as_usize()])));
        at = end;
    }
    if at < text.len() {
        pieces.push((&text[at..], None));
    }
    pieces
}
