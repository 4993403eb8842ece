//! The gazetteer: the catalog's names, every spelling of them, in one
//! automaton, and the spans of a text that may name an entity. A span is
//! found by the automaton over the folded text, by a person's spelling
//! keys (another spelling or order, Hangul before a particle), or as a
//! bare surname, which has no candidates of its own.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::context::{quoted, year_after};
use super::folded::{Folded, pattern_of};
use super::words::{Token, capitalized_runs, count_words, surname_of, surname_of_word, tokens};
use crate::id::{EntityId, EntityKind};
use crate::korean::{has_hangul, is_surname, syllable};
use crate::names::person_keys;

/// An entity a span may name: its kind and id.
pub type Candidate = (EntityKind, EntityId);

/// One name of one entity, as the catalog spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    pub kind: EntityKind,
    pub id: EntityId,
    pub name: String,
}

/// How a span was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Matched {
    /// Written exactly as a name in the catalog.
    Exact,
    /// A name in the catalog, written in other capitals, accents or
    /// punctuation (`SHIN Myoung-cheol` for `Shin Myoung-cheol`).
    Folded,
    /// A person's name in another spelling or order, found by its spelling
    /// keys (`Tae-kyun Kim` for `Kim Tae-kyun`).
    Spelling,
    /// Written in Hangul (`김태균`, `크로싱은`).
    Hangul,
    /// A bare surname (`Cha said`). It has no candidates of its own:
    /// [`propose`](super::propose) counts it for a person named in full
    /// earlier.
    Surname,
    /// A surname with a given name that is no one's in the catalog (`Kim
    /// Yong-soo`, a character). It has no candidates: it tells
    /// [`propose`](super::propose) that a bare surname after it may be this
    /// person's.
    OtherName,
}

/// A span of a text that may name an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the span's start in the text.
    pub start: usize,
    /// Byte offset of the span's end in the text.
    pub end: usize,
    /// The span as written: `text[start..end]`.
    pub written: String,
    /// The entities the span may name, in the order their names were given
    /// to [`Gazetteer::new`]; empty for a bare surname.
    pub candidates: Vec<Candidate>,
    /// How the span was found.
    pub how: Matched,
    /// The number of words as written; a word in Hangul counts its
    /// syllables, so that a Hangul name of two syllables or more weighs as
    /// a name of several words.
    pub words: usize,
    /// Whether the span stands in quotes (“ ” " ' ‘ ’ 「 」 « » and the like).
    pub quoted: bool,
    /// A year in parentheses just after the span: `Volcano High (2001)`.
    pub year_after: Option<i32>,
}

/// The names of a catalog, ready to be found in texts.
pub struct Gazetteer {
    /// Over the encoded folded names (see [`Folded`]).
    automaton: AhoCorasick,
    /// Every entity named, once.
    entities: Vec<Candidate>,
    /// The entities of pattern `p` are
    /// `pattern_entities[pattern_starts[p]..pattern_starts[p + 1]]`.
    pattern_starts: Vec<u32>,
    pattern_entities: Vec<u32>,
    /// For each pattern, a bit for each of its first 64 words that every
    /// name folding to it writes with a capital (or in an uncased script).
    capitals: Vec<u64>,
    /// Hashes of the names as written, sorted: tells [`Matched::Exact`].
    exact: Vec<u64>,
    /// Hashes of people's spelling keys, with the person, sorted.
    spellings: Vec<(u64, u32)>,
    /// Hashes of people's surnames, compacted, sorted.
    surnames: Vec<u64>,
}

impl Gazetteer {
    /// Builds the gazetteer from the names of a catalog. An entity may come
    /// with several names; a name may belong to several entities.
    ///
    /// # Panics
    ///
    /// If the names are too many for one automaton (gigabytes of names).
    pub fn new(entries: impl IntoIterator<Item = NameEntry>) -> Gazetteer {
        let mut entity_index: HashMap<Candidate, u32> = HashMap::new();
        let mut entities: Vec<Candidate> = Vec::new();
        // Each name as a pattern, with its entity and its capitals.
        let mut names: Vec<(String, u32, u64)> = Vec::new();
        let mut exact = Vec::new();
        let mut spellings = Vec::new();
        let mut surnames = Vec::new();
        for entry in entries {
            let key = (entry.kind, entry.id);
            // The names of one entity usually come together.
            let entity = match entities.last() {
                Some(last) if *last == key => entities.len() as u32 - 1,
                _ => match entity_index.get(&key) {
                    Some(&index) => index,
                    None => {
                        let index = entities.len() as u32;
                        entities.push(key.clone());
                        entity_index.insert(key, index);
                        index
                    }
                },
            };
            let name = entry.name.as_str();
            let Some((pattern, capitals)) = pattern_of(name) else {
                continue;
            };
            names.push((pattern, entity, capitals));
            exact.push(hash(name));
            if entry.kind == EntityKind::Person {
                for key in person_keys(name) {
                    spellings.push((hash(&key), entity));
                }
                if let Some(surname) = surname_of(name) {
                    surnames.push(hash(&surname));
                }
            }
        }
        drop(entity_index);
        // In sorted order, patterns that share a beginning are built
        // together, which is faster; the entities of a pattern stay in the
        // order they came.
        names.sort_unstable();
        let mut patterns: Vec<&str> = Vec::new();
        let mut capitals: Vec<u64> = Vec::new();
        let mut pattern_starts: Vec<u32> = Vec::new();
        let mut pattern_entities: Vec<u32> = Vec::new();
        for (pattern, entity, mask) in &names {
            if patterns.last() != Some(&pattern.as_str()) {
                patterns.push(pattern);
                capitals.push(*mask);
                pattern_starts.push(pattern_entities.len() as u32);
            } else if let Some(last) = capitals.last_mut() {
                *last &= mask;
            }
            let own = &pattern_entities[*pattern_starts.last().unwrap_or(&0) as usize..];
            if !own.contains(entity) {
                pattern_entities.push(*entity);
            }
        }
        pattern_starts.push(pattern_entities.len() as u32);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&patterns)
            .expect("the names fit in one automaton");
        drop(patterns);
        drop(names);
        for list in [&mut exact, &mut surnames] {
            list.sort_unstable();
            list.dedup();
            list.shrink_to_fit();
        }
        spellings.sort_unstable();
        spellings.dedup();
        spellings.shrink_to_fit();
        entities.shrink_to_fit();
        pattern_entities.shrink_to_fit();
        Gazetteer {
            automaton,
            entities,
            pattern_starts,
            pattern_entities,
            capitals,
            exact,
            spellings,
            surnames,
        }
    }

    /// The number of distinct folded names the automaton holds.
    pub fn len(&self) -> usize {
        self.capitals.len()
    }

    /// Whether the gazetteer holds no name.
    pub fn is_empty(&self) -> bool {
        self.capitals.is_empty()
    }

    /// The bytes the gazetteer holds on the heap, roughly.
    pub fn memory_usage(&self) -> usize {
        let ids: usize = self
            .entities
            .iter()
            .map(|(_, id)| std::mem::size_of::<Candidate>() + id.as_str().len())
            .sum();
        self.automaton.memory_usage()
            + ids
            + self.pattern_starts.capacity() * 4
            + self.pattern_entities.capacity() * 4
            + self.capitals.capacity() * 8
            + self.exact.capacity() * 8
            + self.spellings.capacity() * std::mem::size_of::<(u64, u32)>()
            + self.surnames.capacity() * 8
    }

    /// Every span of `text` that may name an entity, with its candidates,
    /// in the order of the text. Spans do not overlap: the longest name
    /// wins (`Crossing Borders` over `Crossing`).
    pub fn find(&self, text: &str) -> Vec<Found> {
        let folded = Folded::new(text);
        let mut found = self.find_names(text, &folded);
        let tokens = tokens(text);
        let runs = capitalized_runs(text, &tokens);
        for spelled in self.find_spellings(text, &tokens, &runs) {
            merge(&mut found, spelled);
        }
        found.sort_by_key(|f| f.start);
        let surnames = self.find_surnames(text, &tokens, &found);
        found.extend(surnames);
        found.sort_by_key(|f| f.start);
        found
    }

    /// The names found by the automaton.
    fn find_names(&self, text: &str, folded: &Folded) -> Vec<Found> {
        let haystack = folded.encoded.as_str();
        let mut found = Vec::new();
        let mut at = 0;
        while at < haystack.len() {
            let Some(first) = self.automaton.find(Input::new(haystack).range(at..)) else {
                break;
            };
            // The longest name here may be written wrongly (`Crossing
            // borders`): try the shorter ones that start at the same place.
            let mut candidate = Some(first);
            let mut accepted = None;
            while let Some(m) = candidate {
                if let Some(f) = self.accept(text, folded, m.pattern().as_usize(), m.span()) {
                    accepted = Some((f, m.end()));
                    break;
                }
                candidate = (m.end() > m.start() + 1)
                    .then(|| {
                        self.automaton.find(
                            Input::new(haystack)
                                .range(m.start()..m.end() - 1)
                                .anchored(Anchored::Yes),
                        )
                    })
                    .flatten();
            }
            match accepted {
                Some((f, end)) => {
                    found.push(f);
                    at = end;
                }
                None => at = first.start() + 1,
            }
        }
        found
    }

    /// A match of the automaton as a span of the text, if its words are
    /// capitalized as the name is.
    fn accept(
        &self,
        text: &str,
        folded: &Folded,
        pattern: usize,
        span: aho_corasick::Span,
    ) -> Option<Found> {
        let encoded = folded.encoded.as_bytes();
        let mut first = span.start;
        let mut last = span.end;
        while first < last && encoded[first] == b' ' {
            first += 1;
        }
        while last > first && encoded[last - 1] == b' ' {
            last -= 1;
        }
        if first == last {
            return None;
        }
        let start = folded.from[first] as usize;
        let end = folded.to[last - 1] as usize;
        let written = &text[start..end];
        // A name the catalog writes in lowercase (`eXistenZ`) may be
        // written so, but not in lowercase alone.
        let exact = self.exact.binary_search(&hash(written)).is_ok()
            && written.chars().any(char::is_uppercase);
        let quoted = quoted(text, start, end);
        // Whether each word begins with a capital (or an uncased letter, a
        // digit), in the original text.
        let mut word_starts = vec![first];
        word_starts.extend(
            folded.encoded[first..last]
                .match_indices("  ")
                .map(|(i, _)| first + i + 2),
        );
        let capitalized: Vec<bool> = word_starts
            .iter()
            .map(|&b| {
                text[folded.from[b] as usize..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase())
            })
            .collect();
        if !exact {
            // Lowercase running text never names anything.
            if !capitalized[0] {
                return None;
            }
            let required = self.capitals[pattern];
            let missing = capitalized
                .iter()
                .enumerate()
                .take(64)
                .any(|(i, &capital)| !capital && required & (1 << i) != 0);
            if missing && !quoted {
                return None;
            }
        }
        let from = self.pattern_starts[pattern] as usize;
        let to = self.pattern_starts[pattern + 1] as usize;
        let candidates = self.pattern_entities[from..to]
            .iter()
            .map(|&e| self.entities[e as usize].clone())
            .collect();
        let how = if has_hangul(written) {
            Matched::Hangul
        } else if exact {
            Matched::Exact
        } else {
            Matched::Folded
        };
        Some(Found {
            start,
            end,
            written: written.to_owned(),
            candidates,
            how,
            words: count_words(written),
            quoted,
            year_after: year_after(text, end),
        })
    }

    /// The people in the catalog under one of the keys of `name`.
    fn people_spelled(&self, name: &str) -> Vec<Candidate> {
        let mut people: Vec<u32> = Vec::new();
        for key in person_keys(name) {
            let key = hash(&key);
            let from = self.spellings.partition_point(|(k, _)| *k < key);
            for (k, person) in &self.spellings[from..] {
                if *k != key {
                    break;
                }
                if !people.contains(person) {
                    people.push(*person);
                }
            }
        }
        people.sort_unstable();
        people
            .into_iter()
            .map(|p| self.entities[p as usize].clone())
            .collect()
    }

    /// People's names in other spellings: runs of two or three capitalized
    /// words, and Hangul words with or without a particle.
    fn find_spellings(&self, text: &str, tokens: &[Token], runs: &[Vec<usize>]) -> Vec<Found> {
        let mut found = Vec::new();
        for run in runs {
            let mut i = 0;
            while i < run.len() {
                let mut step = 1;
                for length in [3, 2] {
                    if i + length > run.len() {
                        continue;
                    }
                    let start = tokens[run[i]].start;
                    let end = tokens[run[i + length - 1]].end;
                    let people = self.people_spelled(&text[start..end]);
                    if !people.is_empty() {
                        found.push(spelled(text, start, end, people, Matched::Spelling));
                        step = length;
                        break;
                    }
                }
                i += step;
            }
        }
        for token in tokens {
            let word = &text[token.start..token.end];
            if !word.chars().all(|c| syllable(c).is_some()) {
                continue;
            }
            let syllables: Vec<(usize, char)> = word.char_indices().collect();
            for length in (2..=syllables.len().min(4)).rev() {
                let cut = syllables.get(length).map_or(word.len(), |(i, _)| *i);
                if cut < word.len() && !PARTICLES.contains(&&word[cut..]) {
                    continue;
                }
                let people = self.people_spelled(&word[..cut]);
                if !people.is_empty() {
                    let end = token.start + cut;
                    found.push(spelled(text, token.start, end, people, Matched::Hangul));
                    break;
                }
            }
        }
        found
    }

    /// Bare surnames: capitalized words that are the surname of a person in
    /// the catalog, not within a name found; with a capitalized word before
    /// or after that makes a name (`Kim Yong-soo`, `Yong-soo Kim`), the
    /// name of someone else.
    fn find_surnames(&self, text: &str, tokens: &[Token], found: &[Found]) -> Vec<Found> {
        let joined = |a: &Token, b: &Token| {
            let gap = &text[a.end..b.start];
            !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() && c != '\n')
        };
        let capital = |t: &Token| {
            text[t.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let mut surnames = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let word = &text[token.start..token.end];
            let hangul = word.chars().count() == 1 && is_surname(word);
            if !(capital(token) || hangul) {
                continue;
            }
            if self
                .surnames
                .binary_search(&hash(&surname_of_word(word)))
                .is_err()
            {
                continue;
            }
            // `Kim Yong-soo`, `Yong-soo Kim`: a name of someone else.
            let given_after = tokens
                .get(i + 1)
                .filter(|next| joined(token, next) && capital(next));
            let given_before = i
                .checked_sub(1)
                .map(|before| &tokens[before])
                .filter(|previous| {
                    joined(previous, token)
                        && capital(previous)
                        && text[previous.start..previous.end].contains('-')
                });
            let (start, end, how) = match (given_before, given_after) {
                (_, Some(next)) => (token.start, next.end, Matched::OtherName),
                (Some(previous), None) => (previous.start, token.end, Matched::OtherName),
                (None, None) => (token.start, token.end, Matched::Surname),
            };
            if found.iter().any(|f| f.start < end && start < f.end) {
                continue;
            }
            let written = &text[start..end];
            surnames.push(Found {
                start,
                end,
                written: written.to_owned(),
                candidates: Vec::new(),
                how,
                words: count_words(written),
                quoted: false,
                year_after: None,
            });
        }
        surnames
    }
}

/// Particles and titles that may follow a Hangul name in the same word.
const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에게",
    "와",
    "과",
    "도",
    "만",
    "로",
    "으로",
    "씨",
    "님",
    "이다",
    "에서",
    "께서",
    "감독",
    "감독은",
    "감독의",
    "감독이",
];

/// A span found by its spelling keys.
fn spelled(text: &str, start: usize, end: usize, people: Vec<Candidate>, how: Matched) -> Found {
    let written = &text[start..end];
    Found {
        start,
        end,
        written: written.to_owned(),
        candidates: people,
        how,
        words: count_words(written),
        quoted: quoted(text, start, end),
        year_after: year_after(text, end),
    }
}

/// Adds a name found by its spelling to the names found by the automaton:
/// it replaces the shorter names it covers, joins a name found at the same
/// span, and gives way to a longer one or one it only partly overlaps.
fn merge(found: &mut Vec<Found>, spelled: Found) {
    let overlapping: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].start < spelled.end && spelled.start < found[i].end)
        .collect();
    if let [only] = overlapping[..]
        && found[only].start == spelled.start
        && found[only].end == spelled.end
    {
        for candidate in spelled.candidates {
            if !found[only].candidates.contains(&candidate) {
                found[only].candidates.push(candidate);
            }
        }
        return;
    }
    let covers = overlapping.iter().all(|&i| {
        spelled.start <= found[i].start
            && found[i].end <= spelled.end
            && spelled.end - spelled.start > found[i].end - found[i].start
    });
    if covers {
        for i in overlapping.into_iter().rev() {
            found.remove(i);
        }
        found.push(spelled);
    }
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}
