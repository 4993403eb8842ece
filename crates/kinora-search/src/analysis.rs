//! What the index stores of a name and looks for in a query, both made by
//! the core crate's one name-normalization module (`kinora_core::names`).

use kinora_core::names::{
    cjk_bigrams, compact, drop_apostrophes, fold, is_cjk, name_keys, search_words,
};
use serde::{Deserialize, Serialize};

use crate::ranking::Tier;

/// The longest prefix indexed for suggestions, in characters.
pub const PREFIX_MAX: usize = 12;
/// The longest query, in characters, that is analysed; the rest of a longer
/// text is not looked at. Every film, person and company name fits
/// (the longest title in IMDb's datasets has about 200), and with it the
/// cost of a search is bounded whatever it is asked: a match of a title
/// imported from a member's file, say.
pub const QUERY_MAX: usize = 256;

/// A name or a query, taken apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Folded, without spaces or punctuation: `kimtaegyun`.
    pub compact: String,
    /// The keys of every spelling of the name (see `names::name_keys`).
    pub keys: Vec<String>,
    /// Words, one by one. For a name, also the romanized words of its
    /// Hangul; for a query, the words as typed.
    pub words: Vec<String>,
    /// Pairs of characters of Hangul, Han or kana.
    pub bigrams: Vec<String>,
}

/// How a hit's name matched the query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The name as asked, ignoring case, accents, spaces and punctuation.
    Exact,
    /// Another spelling of the same name: romanization, script, name order.
    Spelling,
    /// Every word of the query is a word of the name.
    Words,
    /// The name begins with what was typed (suggestions).
    Prefix,
    /// Every word within a few typos.
    Typo,
    /// Part of a name in Hangul, Han or kana.
    Part,
}

impl MatchKind {
    /// The name in the API and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Spelling => "spelling",
            MatchKind::Words => "words",
            MatchKind::Prefix => "prefix",
            MatchKind::Typo => "typo",
            MatchKind::Part => "part",
        }
    }
}

impl Analysis {
    /// A name as the index stores it.
    pub fn of_name(name: &str) -> Analysis {
        Analysis {
            compact: compact(&drop_apostrophes(name)),
            keys: name_keys(name),
            words: search_words(name),
            bigrams: cjk_bigrams(name),
        }
    }

    /// A query as typed.
    pub fn of_query(query: &str) -> Analysis {
        // Bounded: see `QUERY_MAX`.
        let query = match query.char_indices().nth(QUERY_MAX) {
            Some((end, _)) => &query[..end],
            None => query,
        };
        let plain = drop_apostrophes(query);
        let mut words: Vec<String> = fold(&plain)
            .split(' ')
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect();
        words.truncate(8);
        let bigrams = if plain.chars().any(is_cjk) {
            cjk_bigrams(&plain)
        } else {
            Vec::new()
        };
        Analysis {
            compact: compact(&plain),
            keys: name_keys(query),
            words,
            bigrams,
        }
    }

    /// Edits between the query and a name, both without spaces and
    /// punctuation, in either word order.
    pub fn distance(&self, name: &str) -> usize {
        let forward = compact(&drop_apostrophes(name));
        let mut words: Vec<String> = fold(&drop_apostrophes(name))
            .split(' ')
            .map(str::to_owned)
            .collect();
        words.reverse();
        let backward = words.concat();
        edit_distance(&self.compact, &forward).min(edit_distance(&self.compact, &backward))
    }

    pub fn is_empty(&self) -> bool {
        self.compact.is_empty()
    }

    /// Every beginning of the name's words, for suggestions as the user
    /// types: from two characters (one in Hangul, Han or kana) up to
    /// [`PREFIX_MAX`]. (The beginnings of the whole name are
    /// [`prefixes`] of `compact`.)
    pub fn word_prefixes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for word in &self.words {
            out.extend(prefixes(word));
        }
        out.sort();
        out.dedup();
        out
    }

    /// Which of an entity's names the query matched, and how: the first
    /// `primary` names are its primary ones and win ties. The hit's score
    /// says which ways it matched, so that the costlier checks (other
    /// spellings) run only when one did.
    pub fn best_name<'a>(
        &self,
        names: &[&'a str],
        primary: usize,
        prefix: bool,
        score: f32,
    ) -> (&'a str, MatchKind) {
        let fallback = names.first().copied().unwrap_or_default();
        // Matched as asked: the first such name, found by the cheapest test.
        if score >= Tier::EXACT_ALIAS
            && let Some(name) = names
                .iter()
                .find(|name| compact(&drop_apostrophes(name)) == self.compact)
        {
            return (name, MatchKind::Exact);
        }
        let spelled = score >= Tier::SPELLING_ALIAS;
        if spelled
            && let Some(name) = names.iter().find(|name| {
                let keys = name_keys(name);
                self.keys.iter().any(|key| keys.contains(key))
            })
        {
            return (name, MatchKind::Spelling);
        }
        let mut best: Option<(MatchKind, usize, &'a str)> = None;
        for (index, name) in names.iter().enumerate() {
            let how = self.how(name, prefix, spelled);
            let rank = (how, usize::from(index >= primary));
            if best.is_none_or(|(kind, order, _)| rank < (kind, order)) {
                best = Some((rank.0, rank.1, name));
            }
        }
        best.map_or((fallback, MatchKind::Typo), |(how, _, name)| (name, how))
    }

    fn how(&self, name: &str, prefix: bool, spelled: bool) -> MatchKind {
        let compacted = compact(&drop_apostrophes(name));
        if compacted == self.compact {
            return MatchKind::Exact;
        }
        if spelled {
            let keys = name_keys(name);
            if self.keys.iter().any(|key| keys.contains(key)) {
                return MatchKind::Spelling;
            }
        }
        let words = search_words(name);
        if !self.words.is_empty() && self.words.iter().all(|word| words.contains(word)) {
            return MatchKind::Words;
        }
        // While typing, and in a search from three letters on.
        let long_enough = self.compact.chars().count() >= 3 || self.compact.chars().any(is_cjk);
        if prefix || long_enough {
            let (last, rest) = self.words.split_last().unwrap_or((&self.compact, &[]));
            let begins = compacted.starts_with(&self.compact)
                || (rest.iter().all(|word| words.contains(word))
                    && words.iter().any(|word| word.starts_with(last.as_str())));
            if begins {
                return MatchKind::Prefix;
            }
        }
        let close = |word: &String| {
            words
                .iter()
                .any(|theirs| edit_distance(word, theirs) <= usize::from(typo_budget(word)))
        };
        if !self.words.is_empty() && self.words.iter().all(close) {
            return MatchKind::Typo;
        }
        if !self.bigrams.is_empty() {
            let bigrams = cjk_bigrams(name);
            if self.bigrams.iter().all(|gram| bigrams.contains(gram)) {
                return MatchKind::Part;
            }
        }
        // Matched on the whole name within a few typos (a joined name).
        MatchKind::Typo
    }
}

/// The beginnings of a word for suggestions: two characters and up (one
/// for Hangul, Han and kana), at most [`PREFIX_MAX`].
pub fn prefixes(word: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = word.chars().take(PREFIX_MAX).collect();
    let shortest = if chars.first().is_some_and(|c| is_cjk(*c)) {
        1
    } else {
        2
    };
    (shortest..=chars.len()).map(move |length| chars[..length].iter().collect())
}

/// How many typos a word may have and still match, by its length: none up
/// to three letters, one up to seven, two beyond. A Hangul or Han
/// character carries a syllable, so three of them allow one.
pub fn typo_budget(word: &str) -> u8 {
    let length = word.chars().count();
    if word.chars().any(is_cjk) {
        return u8::from(length >= 3);
    }
    match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions counted as one edit
/// (optimal string alignment), as the index's fuzzy queries count.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}
