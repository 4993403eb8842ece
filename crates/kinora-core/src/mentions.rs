//! The films, people and companies a text mentions, in every spelling and
//! script, proposed to an editor who confirms the links.
//!
//! Two steps:
//!
//! - [`Gazetteer::find`] reports every span of a text that may name an
//!   entity of the catalog, with the entities it may be. Names are found in
//!   three ways: an Aho–Corasick automaton over the folded form of every
//!   name ([`names::fold`](crate::names::fold)) run over the text folded
//!   the same way, with matches kept only where they start and end at word
//!   boundaries (a Hangul name may be followed directly by a particle:
//!   `차인표가`); for people, runs of two or three capitalized words, and
//!   Hangul words, looked up by their
//!   [`names::person_keys`](crate::names::person_keys), so that `Tae-kyun
//!   Kim`, `Kim Tae-gyoon` and `KIM Tae-kyun` all find the person whose name
//!   is `Kim Tae-kyun` or `김태균`; and bare surnames (`Cha said`), which are
//!   never proposed on their own. Lowercase running text never matches a Latin name (`lost`,
//!   `crossing the border`), nor does a title whose capitalized words are
//!   written in lowercase, unless it is quoted.
//! - [`propose`] decides which spans to propose, one proposal per entity,
//!   using the context: a name of two words or more, or a person's full name
//!   in any spelling, is proposed with high confidence; a single Latin word
//!   (`Lost`, `Matador`, `Crossing`) needs evidence: quotes, a year in
//!   parentheses after it, or a link in the catalog to an entity proposed
//!   with high confidence elsewhere in the text (`Daniel Dae Kim (Hawaii
//!   Five-O, Lost)`). Between entities that share a name, the year and then
//!   the links decide; a tie is proposed with medium confidence.
//!
//! A bare surname is never proposed; it adds to the count of a person
//! proposed when every person named in full before it with that surname,
//! in the catalog or not, is that person (`Cha In-pyo … Cha said`); after
//! `Kim Tae-kyun` and `Kim Sung-min`, or after a character `Kim Yong-soo`,
//! `Kim said` counts for nobody. The surname is the word written in capitals
//! (`KIM Tae-kyun`), else the first word when it spells a Korean surname
//! (`Kim Tae-kyun`), else the last (`Dennis Halpin`). The count is a hint:
//! a bare word may still be someone else's surname, or a surname by chance
//! (`An` at the start of a sentence, after `An In-ok`).
//!
//! Cost: building is linear in the total length of the names; most of it
//! is the automaton's construction. 100,000 names of 17 characters on
//! average take about 0.8 s of CPU on a shared 2-core virtual machine that
//! sorts ten million integers in 0.5 s (about twice as slow as a desktop).
//! Memory for such a name is about 210 bytes: about 135 in the automaton (a
//! contiguous NFA, some 8 bytes per byte of folded name), 16 for the
//! entities and capitals of its pattern, 8 for the hash of its spelling, and
//! for each entity 32 bytes and its id; a person adds 16 bytes for each of
//! its spelling keys (one to four) and 8 for its surname. See
//! [`Gazetteer::memory_usage`]. Finding is linear in the text: a 10 KB
//! article takes well under a millisecond.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use unicode_normalization::char::is_combining_mark;

use crate::id::{EntityId, EntityKind};
use crate::korean::{has_hangul, is_surname, split_name, surnames_spelled, syllable};
use crate::names::{compact, fold, is_cjk, person_keys};

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
    /// [`propose`] counts it for a person named in full earlier.
    Surname,
    /// A surname with a given name that is no one's in the catalog (`Kim
    /// Yong-soo`, a character). It has no candidates: it tells [`propose`]
    /// that a bare surname after it may be this person's.
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

/// The number of words as written, a Hangul word counting its syllables.
fn count_words(written: &str) -> usize {
    written
        .split_whitespace()
        .map(|word| {
            let syllables = word.chars().filter(|c| syllable(*c).is_some()).count();
            syllables.max(1)
        })
        .sum()
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The surname of a person's name, compacted: the word in capitals (`KIM
/// Tae-kyun`), else the first word when it spells a Korean surname (`Kim
/// Tae-kyun`), else the last (`Dennis Halpin`, `Tae-kyun Kim`); for Hangul,
/// its first syllable or two (`김태균` → `김`).
fn surname_of(name: &str) -> Option<String> {
    let name = name.trim();
    if has_hangul(name) {
        return split_name(name)
            .filter(|(surname, _)| is_surname(surname))
            .map(|(surname, _)| surname.to_owned());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let capitals = |word: &str| {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let in_capitals: Vec<&str> = words.iter().copied().filter(|w| capitals(w)).collect();
    let surname = if in_capitals.len() == 1 {
        in_capitals[0]
    } else if !words[0].contains('-') && !surnames_spelled(&compact(words[0])).is_empty() {
        words[0]
    } else {
        words[words.len() - 1]
    };
    if surname.contains('-') {
        return None;
    }
    Some(compact(surname)).filter(|s| !s.is_empty())
}

/// A text folded as [`fold`] folds it, with every word set between
/// spaces (one before the first, two between words, one after the last),
/// so that a pattern written the same way matches only whole words, and
/// with the byte range in the original text of each byte.
struct Folded {
    encoded: String,
    from: Vec<u32>,
    to: Vec<u32>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut folded = Folded {
            encoded: String::with_capacity(text.len() + 2),
            from: Vec::with_capacity(text.len() + 2),
            to: Vec::with_capacity(text.len() + 2),
        };
        folded.push(' ', 0, 0);
        fold_pieces(text, |piece| match piece {
            Piece::Letter(c, start, end) => folded.push(c, start, end),
            Piece::Break(at) => folded.separate(at),
        });
        if !folded.encoded.ends_with(' ') {
            let end = text.len();
            folded.push(' ', end, end);
        }
        folded
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.encoded.push(c);
        for _ in 0..c.len_utf8() {
            self.from.push(start as u32);
            self.to.push(end as u32);
        }
    }

    fn separate(&mut self, at: usize) {
        if !self.encoded.ends_with(' ') {
            self.push(' ', at, at);
            self.push(' ', at, at);
        }
    }
}

/// A piece of folded text: a letter or digit, with the byte range of the
/// character it comes from, or a break between words.
enum Piece {
    Letter(char, usize, usize),
    Break(usize),
}

/// Folds `text` as [`fold`] does, a character at a time (a
/// character with its combining marks, or a Hangul syllable in jamo), which
/// gives the words of folding the whole and tells where each letter came
/// from.
fn fold_pieces(text: &str, mut emit: impl FnMut(Piece)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if is_combining_mark(next) || is_medial_jamo(next) {
                end = i + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if c.is_ascii() && end == start + 1 {
            if c.is_ascii_alphanumeric() {
                emit(Piece::Letter(c.to_ascii_lowercase(), start, end));
            } else {
                emit(Piece::Break(start));
            }
            continue;
        }
        let piece = fold(&text[start..end]);
        if piece.is_empty() {
            emit(Piece::Break(start));
        }
        for f in piece.chars() {
            if f == ' ' {
                emit(Piece::Break(start));
            } else {
                emit(Piece::Letter(f, start, end));
            }
        }
    }
}

/// A name as a pattern for the automaton, folded and set between spaces as
/// [`Folded`] sets the text (a name in Han or kana may start anywhere, since
/// those scripts do not space their words, and a name ending in Hangul, Han
/// or kana may be followed by anything: a particle, `크로싱은`), with a bit
/// for each of its first 64 words that the name begins with a capital, a
/// digit or an uncased letter. None for a name without letters or digits.
fn pattern_of(name: &str) -> Option<(String, u64)> {
    let mut inner = String::with_capacity(name.len() + 4);
    let mut capitals = 0u64;
    let mut words = 0;
    let mut at_break = true;
    fold_pieces(name, |piece| match piece {
        Piece::Letter(c, start, _) => {
            if at_break {
                if !inner.is_empty() {
                    inner.push_str("  ");
                }
                let capital = name[start..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase());
                if capital && words < 64 {
                    capitals |= 1 << words;
                }
                words += 1;
                at_break = false;
            }
            inner.push(c);
        }
        Piece::Break(_) => at_break = true,
    });
    let first = inner.chars().next()?;
    let last = inner.chars().next_back()?;
    let mut pattern = String::with_capacity(inner.len() + 2);
    if !is_cjk(first) || syllable(first).is_some() {
        pattern.push(' ');
    }
    pattern.push_str(&inner);
    if !is_cjk(last) {
        pattern.push(' ');
    }
    Some((pattern, capitals))
}

/// Hangul vowels and final consonants as conjoining jamo, which belong to
/// the syllable begun before them.
fn is_medial_jamo(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}')
}

/// A word of the text: letters and digits, with the hyphens and apostrophes
/// inside it (`Tae-kyun`, `D'Sa`), less a possessive `'s`.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token> {
    let word_char = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let joiner = |c: char| matches!(c, '-' | '\'' | '’' | 'ʼ' | '‐');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        loop {
            if j < chars.len() && word_char(chars[j].1) {
                j += 1;
            } else if j + 1 < chars.len() && joiner(chars[j].1) && word_char(chars[j + 1].1) {
                j += 2;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let word = &text[start..end];
        for possessive in ["'s", "’s"] {
            if word.len() > possessive.len() + 1 && word.ends_with(possessive) {
                end -= possessive.len();
            }
        }
        tokens.push(Token { start, end });
        i = j;
    }
    tokens
}

/// Runs of capitalized words separated by spaces only (no punctuation, no
/// line break), as indices into `tokens`.
fn capitalized_runs(text: &str, tokens: &[Token]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let capital = text[token.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capital {
            if current.len() >= 2 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let joined = current.last().is_some_and(|&last| {
            let gap = &text[tokens[last].end..token.start];
            !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() && c != '\n')
        });
        if !joined {
            if current.len() >= 2 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        current.push(i);
    }
    if current.len() >= 2 {
        runs.push(current);
    }
    runs
}

const OPENING_QUOTES: &[char] = &[
    '"', '“', '‘', '\'', '«', '‹', '「', '『', '〈', '《', '„', '‚', '＂', '”',
];
const CLOSING_QUOTES: &[char] = &[
    '"', '”', '’', '\'', '»', '›', '」', '』', '〉', '》', '“', '＂',
];

/// Whether `text[start..end]` stands in quotes: a quote just before it,
/// and one just after it, or after a year in parentheses or punctuation
/// (`“Crossing,”`, `"Temptation of Wolves (2004)"`).
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if !before.is_some_and(|c| OPENING_QUOTES.contains(&c)) {
        return false;
    }
    let mut rest = &text[end..];
    if let Some((_, after)) = parenthesized_year(rest) {
        rest = after;
    }
    let rest = rest.trim_start_matches([',', '.', ';', ':', '!', '?']);
    rest.chars()
        .next()
        .is_some_and(|c| CLOSING_QUOTES.contains(&c))
}

/// A year in parentheses just after `text[..end]`, past a closing quote:
/// `Volcano High (2001)`, `"Temptation of Wolves" (2004)`, `Crossing (2008
/// film)`.
fn year_after(text: &str, end: usize) -> Option<i32> {
    let rest = text[end..].trim_start_matches(CLOSING_QUOTES);
    parenthesized_year(rest).map(|(year, _)| year)
}

/// A year in parentheses at the start of `text` (after spaces), and the
/// text after the closing parenthesis.
fn parenthesized_year(text: &str) -> Option<(i32, &str)> {
    let rest = text.trim_start().strip_prefix(['(', '（'])?.trim_start();
    let digits = rest.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = &rest[4..];
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    if !(1870..=2100).contains(&year) {
        return None;
    }
    let close = after.find([')', '）'])?;
    let tail = &after[..close];
    if tail.chars().count() > 20 {
        return None;
    }
    let width = after[close..].chars().next().map_or(1, char::len_utf8);
    Some((year, &after[close + width..]))
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

/// A bare surname compacted as [`surname_of`] gives surnames.
fn surname_of_word(word: &str) -> String {
    if has_hangul(word) {
        word.to_owned()
    } else {
        compact(word)
    }
}

/// `; 1 other shares the name`, `; 2 others share the name`, or nothing.
fn others(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => String::new(),
        1 => format!("; 1 other {one}"),
        n => format!("; {n} others {many}"),
    }
}

/// Whether a single word is unlike a common word: a digit in it, or a
/// capital after its first letter (`CBS`, `3AD`, `OnDemandKorea`).
fn distinctive(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    word.chars().count() >= 2
        && (first.is_some_and(|c| c.is_ascii_digit())
            || chars.any(|c| c.is_uppercase() || c.is_ascii_digit()))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const CATALOG: &str = include_str!("../../../data/demo/catalog.json");

    fn key(kind: EntityKind, id: &str) -> Candidate {
        (kind, EntityId::parse(id).unwrap())
    }

    /// The demo catalog: its names, the links between its entities, and
    /// its films' years.
    struct Demo {
        entries: Vec<NameEntry>,
        links: HashSet<(Candidate, Candidate)>,
        years: HashMap<Candidate, i32>,
    }

    impl Demo {
        fn load() -> Demo {
            let catalog: Value = serde_json::from_str(CATALOG).unwrap();
            let sections = [
                ("films", EntityKind::Film),
                ("people", EntityKind::Person),
                ("companies", EntityKind::Company),
            ];
            let mut entities = Vec::new();
            for (section, kind) in sections {
                for entity in catalog[section].as_array().unwrap() {
                    entities.push(
                        crate::Entity::from_untagged_json(kind, &entity.to_string()).unwrap(),
                    );
                }
            }
            let mut entries = Vec::new();
            for entity in &entities {
                let names: Vec<&str> = match entity {
                    crate::Entity::Film(film) => {
                        film.titles.iter().map(|t| t.text.as_str()).collect()
                    }
                    crate::Entity::Person(person) => {
                        person.names.iter().map(|n| n.text.as_str()).collect()
                    }
                    crate::Entity::Company(company) => {
                        company.names.iter().map(|n| n.text.as_str()).collect()
                    }
                    _ => Vec::new(),
                };
                for name in names {
                    entries.push(NameEntry {
                        kind: entity.kind(),
                        id: entity.id().clone(),
                        name: name.to_owned(),
                    });
                }
            }
            let known: HashSet<Candidate> = entities
                .iter()
                .map(|entity| (entity.kind(), entity.id().clone()))
                .collect();
            let mut links = HashSet::new();
            let mut years = HashMap::new();
            for entity in &entities {
                let this = (entity.kind(), entity.id().clone());
                // The entities it names by a credit or a role: not its
                // sources, nor films said to be like it, a series it is an
                // episode of, or a person's relatives.
                for reference in entity.references() {
                    let other = (reference.kind, reference.id.clone());
                    let role = !reference.path.is_citation()
                        && !matches!(
                            reference.path.list(),
                            Some("related" | "relatives" | "episode_of")
                        );
                    if role && other != this && known.contains(&other) {
                        links.insert((this.clone(), other.clone()));
                        links.insert((other, this.clone()));
                    }
                }
                if let Some(year) = entity.year() {
                    years.insert(this, year);
                }
            }
            Demo {
                entries,
                links,
                years,
            }
        }

        fn gazetteer(&self) -> Gazetteer {
            Gazetteer::new(self.entries.clone())
        }

        fn propose(&self, gazetteer: &Gazetteer, text: &str) -> Vec<Proposal> {
            let found = gazetteer.find(text);
            propose(
                &found,
                &|a, b| self.links.contains(&(a.clone(), b.clone())),
                &|entity| self.years.get(entity).copied(),
            )
        }
    }

    fn ids(proposals: &[Proposal]) -> Vec<&str> {
        proposals.iter().map(|p| p.id.as_str()).collect()
    }

    fn proposal<'a>(proposals: &'a [Proposal], id: &str) -> &'a Proposal {
        proposals
            .iter()
            .find(|p| p.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id} not proposed: {proposals:#?}"))
    }

    fn sorted(mut ids: Vec<&str>) -> Vec<&str> {
        ids.sort_unstable();
        ids
    }

    #[test]
    fn folding_by_character_gives_the_words_of_fold() {
        let demo = Demo::load();
        let mut names: Vec<&str> = demo.entries.iter().map(|e| e.name.as_str()).collect();
        names.extend([
            "Wertmüller",
            "Kim T'ae-gyun",
            "渡江(도강)",
            "Sin Myŏng-ch'ŏl",
        ]);
        for name in names {
            let folded = Folded::new(name);
            let words: Vec<&str> = folded.encoded.split_whitespace().collect();
            assert_eq!(words.join(" "), fold(name), "{name}");
            let (pattern, _) = pattern_of(name).unwrap();
            let words: Vec<&str> = pattern.split_whitespace().collect();
            assert_eq!(words.join(" "), fold(name), "{name}");
        }
        assert_eq!(pattern_of(" -- "), None);
        // Words the name writes with a capital, digit or uncased letter.
        let capitals = |name| pattern_of(name).unwrap().1;
        assert_eq!(capitals("The Defector: Escape from North Korea"), 0b110111);
        assert_eq!(capitals("Kim Tae-kyun"), 0b011);
        assert_eq!(capitals("크로싱 2"), 0b11);
    }

    #[test]
    fn a_director_and_his_films_are_found_under_their_spellings() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        // Chosun Ilbo, 17 March 2008, as the KOFIC passage spells it.
        let text = "The film was directed by Kim Tae-gyoon, whose filmography includes the \
                    2001 movie \"Volcano High\", \"Temptation of Wolves\" (2004) and \"A \
                    Millionaire's First Love\" (2006).";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            ids(&proposals),
            [
                "kim-tae-kyun",
                "volcano-high-2001",
                "temptation-of-wolves-2004",
                "a-millionaires-first-love-2006"
            ]
        );
        assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
        let director = proposal(&proposals, "kim-tae-kyun");
        assert_eq!(director.spellings, ["Kim Tae-gyoon"]);
        assert_eq!(director.reason, "named in full as “Kim Tae-gyoon”");
        assert_eq!(&text[director.first_at..][..13], "Kim Tae-gyoon");
        let found = gazetteer.find(text);
        let wolves = found
            .iter()
            .find(|f| f.written == "Temptation of Wolves")
            .unwrap();
        assert!(wolves.quoted);
        assert_eq!(wolves.year_after, Some(2004));
        assert_eq!(wolves.how, Matched::Exact);
    }

    /// The KOFIC news item of 6 May 2008, as the forum reposted it.
    const KOFIC: &str = "Crossing Screens at US Library of Congress\n\n\
        Upcoming South Korean feature Crossing, a harrowing tale about a North Korean family’s \
        desperate struggle to survive, screened at the Library of Congress in Washington D.C. \
        last week. Those in attendance included House International Relations Committee \
        specialists Dennis Halpin and Doug Anderson, Peter Beck, executive director of the US \
        Committee for Human Rights in North Korea, KIM Sung-min, a former N.K. refugee and close \
        to 100 foreign journalists.\n\n\
        Halpin, a Republican, called the film a “masterpiece” in its portrayal of human \
        suffering under dictatorship, putting it on par with the “Diary of Anne Frank”. Beck \
        called Crossing the best film ever made on the subject of North Korean defectors.\n\n\
        When Yong-soo’s wife becomes seriously ill, he travels across the border into China in \
        search of medicine but is ultimately forced to become a refugee in South Korea.\n\n\
        The film is directed by KIM Tae-kyun, whose previous features include Volcano High \
        (2001) and A Millionaire’s First Love (2006). It stars CHA In-pyo (Hanbando) and SHIN \
        Myoung-cheol. Produced by production house Camp B, the film is slated for local release \
        on June 5 through distributor Vantage Holdings. Fine Cut is handling international \
        sales.\n\n\
        Nigel D'Sa (KOFIC), image from news.yahoo.kr";

    #[test]
    fn a_news_item_names_its_film_cast_and_companies() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let proposals = demo.propose(&gazetteer, KOFIC);
        assert_eq!(
            ids(&proposals),
            [
                "crossing-2008",
                "library-of-congress",
                "house-international-relations-committee",
                "dennis-halpin",
                "doug-anderson",
                "peter-beck",
                "us-committee-for-human-rights-in-north-korea",
                "kim-sung-min",
                "the-diary-of-anne-frank",
                "kim-tae-kyun",
                "volcano-high-2001",
                "a-millionaires-first-love-2006",
                "cha-in-pyo",
                "hanbando",
                "shin-myung-chul",
                "camp-b",
                "vantage-holdings",
                "fine-cut",
                "nigel-d-sa",
                "kofic",
            ]
        );
        for p in &proposals {
            assert_eq!(p.confidence, Confidence::High, "{p:#?}");
        }
        // A one-word title, vouched for by its director.
        let crossing = proposal(&proposals, "crossing-2008");
        assert_eq!(crossing.count, 3);
        assert_eq!(crossing.spellings, ["Crossing"]);
        assert_eq!(crossing.reason, "linked to KIM Tae-kyun, named here");
        assert_eq!(
            proposal(&proposals, "hanbando").reason,
            "linked to CHA In-pyo, named here"
        );
        assert_eq!(
            proposal(&proposals, "kofic").reason,
            "linked to Nigel D'Sa, named here"
        );
        // The longest name wins: `US Library of Congress` in the headline.
        assert_eq!(
            proposal(&proposals, "library-of-congress").spellings,
            ["US Library of Congress", "Library of Congress"]
        );
        // Bare surnames count for the one person named in full before.
        assert_eq!(proposal(&proposals, "dennis-halpin").count, 2);
        assert_eq!(proposal(&proposals, "peter-beck").count, 2);
        assert_eq!(
            proposal(&proposals, "shin-myung-chul").spellings,
            ["SHIN Myoung-cheol"]
        );
        let volcano = proposal(&proposals, "volcano-high-2001");
        assert_eq!(
            volcano.reason,
            "named in full as “Volcano High”, followed by (2001)"
        );
    }

    #[test]
    fn one_word_titles_are_proposed_through_their_links() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        // Deadline, 2015.
        let text = "Daniel Dae Kim (Hawaii Five-O, Lost) is developing the adaptation through \
                    his production company, 3AD, which is based at CBS.";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            ids(&proposals),
            ["daniel-dae-kim", "hawaii-five-o", "lost", "3ad", "cbs"]
        );
        assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
        assert_eq!(
            proposal(&proposals, "lost").reason,
            "linked to Daniel Dae Kim, named here"
        );
        // The parent company, through the company linked to the person.
        assert_eq!(
            proposal(&proposals, "cbs").reason,
            "linked to 3AD, named here"
        );

        let text = "Rosalind Ross (Matador) wrote the script.";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(ids(&proposals), ["rosalind-ross", "matador"]);

        // A forum post: an actor's initials and a title, vouched for by a
        // co-star named in full.
        let text = "I just adore CIP since Fireworks (with Lee Young Ae) and Perfect Love \
                    (with Kim Hee Ae).";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            sorted(ids(&proposals)),
            sorted(vec![
                "cha-in-pyo",
                "fireworks",
                "lee-young-ae",
                "perfect-love",
                "kim-hee-ae"
            ])
        );
        assert_eq!(
            proposal(&proposals, "fireworks").reason,
            "linked to Lee Young Ae, named here"
        );
        assert_eq!(
            proposal(&proposals, "cha-in-pyo").reason,
            "linked to Perfect Love, named here"
        );
    }

    #[test]
    fn every_spelling_of_a_person_finds_the_person() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let people: &[(&str, &[&str])] = &[
            (
                "kim-tae-kyun",
                &[
                    "Kim Tae-gyoon",
                    "Kim Tae-gyun",
                    "Kim Tae-kyun",
                    "KIM Tae-kyun",
                    "Tae-kyun Kim",
                    "Kim Tae Gyoon",
                    "Gim Tae-gyun",
                    "Kim T'ae-gyun",
                    "KIM TAE-KYUN",
                    "김태균",
                ],
            ),
            (
                "shin-myung-chul",
                &[
                    "Shin Myeong-cheol",
                    "Shin Myoung-cheol",
                    "Shin Myung-chul",
                    "SHIN Myoung-cheol",
                    "Myung-chul Shin",
                    "Sin Myŏng-ch'ŏl",
                    "신명철",
                ],
            ),
            (
                "cha-in-pyo",
                &[
                    "Cha In-pyo",
                    "CHA In-pyo",
                    "Cha In Pyo",
                    "Ch'a In-p'yo",
                    "차인표",
                ],
            ),
            (
                "kim-tae-seong",
                &["Kim Tae-seong", "Kim Tae-sung", "김태성"],
            ),
        ];
        for (id, spellings) in people {
            for spelling in *spellings {
                let text = format!("The film stars {spelling}, who said little.");
                let proposals = demo.propose(&gazetteer, &text);
                assert_eq!(ids(&proposals), [*id], "{spelling}: {proposals:#?}");
                let p = &proposals[0];
                assert_eq!(p.confidence, Confidence::High, "{spelling}");
                assert_eq!(p.spellings, [*spelling]);
            }
        }
        let found = gazetteer.find("Tae-kyun Kim directed it.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].how, Matched::Spelling);
        assert_eq!(found[0].words, 2);
    }

    #[test]
    fn hangul_names_are_found_before_their_particles() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let text = "김태균 감독의 영화 크로싱은 차인표가 주연을 맡았다.";
        let found = gazetteer.find(text);
        let written: Vec<&str> = found.iter().map(|f| f.written.as_str()).collect();
        assert_eq!(written, ["김태균", "크로싱", "차인표"]);
        assert!(
            found
                .iter()
                .all(|f| f.how == Matched::Hangul && f.words == 3)
        );
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            ids(&proposals),
            ["kim-tae-kyun", "crossing-2008", "cha-in-pyo"]
        );
        assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
        assert_eq!(
            proposal(&proposals, "crossing-2008").reason,
            "named in Hangul as “크로싱”"
        );
        // A Hangul name the catalog has in Latin letters only is found by
        // its spelling: 김성민 is Kim Sung-min; 신명철은 with its particle.
        let proposals = demo.propose(&gazetteer, "김성민 씨와 신명철은 만났다.");
        assert_eq!(ids(&proposals), ["kim-sung-min", "shin-myung-chul"]);
        // Inside a longer word, at its end, a name is no name.
        assert!(demo.propose(&gazetteer, "한국영화크로싱").is_empty());
    }

    #[test]
    fn common_words_are_not_names() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        for text in [
            "Many defectors are lost crossing the border north of the border into China on a \
             monday.",
            "Lost souls wander.",
            "Defectors flee North Korea on the border, and many are lost.",
            "They are escaping North Korea through China.",
            "A perfect love story of fireworks and a matador.",
            "Crossing the river, they saw fireworks.",
            "Cha said he would not run. Kim said nothing.",
        ] {
            let proposals = demo.propose(&gazetteer, text);
            assert!(proposals.is_empty(), "{text}: {proposals:#?}");
        }
        // A single word is found, but not proposed without evidence.
        let found = gazetteer.find("Lost souls wander.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].written, "Lost");
        assert!(found[0].candidates.contains(&key(EntityKind::Film, "lost")));
        // With a lowercase word the title's capitals ask for, a title is no
        // title (`escaping North Korea`), unless quoted.
        assert!(gazetteer.find("escaping North Korea").is_empty());
        let found = gazetteer.find("the documentary “South of the border” (2006)");
        assert_eq!(found.len(), 1);
        assert!(found[0].quoted);
        assert_eq!(found[0].year_after, Some(2006));
    }

    #[test]
    fn the_longest_name_wins() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let found = gazetteer.find("Mike Kim of Crossing Borders wrote it.");
        let written: Vec<&str> = found.iter().map(|f| f.written.as_str()).collect();
        assert_eq!(written, ["Mike Kim", "Crossing Borders"]);
        assert_eq!(
            found[1].candidates,
            [key(EntityKind::Company, "crossing-borders")]
        );
        let found = gazetteer.find("IDFA showed The Defector: Escape from North Korea.");
        assert_eq!(
            found[1].candidates,
            [key(
                EntityKind::Film,
                "the-defector-escape-from-north-korea"
            )]
        );
        assert_eq!(found[1].written, "The Defector: Escape from North Korea");
        // When the longest is written wrongly, a shorter name at the same
        // place is found.
        let found = gazetteer.find("“Crossing” borders on the unbearable.");
        assert_eq!(found[0].written, "Crossing");
        assert!(found[0].quoted);
    }

    #[test]
    fn films_that_share_a_title_are_told_apart() {
        let demo = Demo::load();
        let mut entries = demo.entries.clone();
        entries.push(NameEntry {
            kind: EntityKind::Film,
            id: EntityId::parse("crossing-2007").unwrap(),
            name: "Crossing".to_owned(),
        });
        let gazetteer = Gazetteer::new(entries);
        let mut years = demo.years.clone();
        years.insert(key(EntityKind::Film, "crossing-2007"), 2007);
        let run = |text: &str| {
            propose(
                &gazetteer.find(text),
                &|a, b| demo.links.contains(&(a.clone(), b.clone())),
                &|entity| years.get(entity).copied(),
            )
        };
        // By the year after the title.
        let proposals = run("Crossing (2007) opened in Los Angeles.");
        assert_eq!(ids(&proposals), ["crossing-2007"]);
        assert_eq!(proposals[0].confidence, Confidence::High);
        assert_eq!(proposals[0].reason, "“Crossing” followed by (2007)");
        // By its director, named in another spelling.
        let proposals = run("Tae-kyun Kim shot Crossing in secret.");
        assert_eq!(ids(&proposals), ["kim-tae-kyun", "crossing-2008"]);
        assert_eq!(proposals[1].confidence, Confidence::High);
        // A later mention follows the first.
        let proposals = run("“Crossing” (2008) opened. Crossing is a drama.");
        assert_eq!(ids(&proposals), ["crossing-2008"]);
        assert_eq!(proposals[0].count, 2);
        // Nothing to choose by: the first, with medium confidence.
        let proposals = run("Critics loved “Crossing”.");
        assert_eq!(ids(&proposals), ["crossing-2008"]);
        assert_eq!(proposals[0].confidence, Confidence::Medium);
        assert_eq!(
            proposals[0].reason,
            "in quotes as “Crossing”; 1 other shares the name"
        );
    }

    #[test]
    fn a_year_in_parentheses_weighs_as_the_catalog_dates_the_film() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let found = gazetteer.find("Matador (2022) is a comedy.");
        let run = |year: Option<i32>| {
            propose(&found, &|_, _| false, &|_| year)
                .into_iter()
                .map(|p| (p.id.as_str().to_owned(), p.confidence, p.reason))
                .collect::<Vec<_>>()
        };
        let matador = || "matador".to_owned();
        assert_eq!(
            run(Some(2022)),
            [(
                matador(),
                Confidence::High,
                "“Matador” followed by (2022)".to_owned()
            )]
        );
        // The demo catalog gives Matador no year.
        assert_eq!(
            run(None),
            [(
                matador(),
                Confidence::Medium,
                "“Matador” followed by (2022), a year the catalog does not give".to_owned()
            )]
        );
        assert_eq!(
            run(Some(1986)),
            [(
                matador(),
                Confidence::Low,
                "“Matador” followed by (2022), but the catalog dates it otherwise".to_owned()
            )]
        );
        // Without the year, a lone word is dropped.
        let found = gazetteer.find("Matador is a comedy.");
        assert!(propose(&found, &|_, _| false, &|_| Some(2022)).is_empty());
        // An acronym written as the catalog writes it: low, for the editor
        // to check.
        let proposals = demo.propose(&gazetteer, "The film was shown on CBS.");
        assert_eq!(ids(&proposals), ["cbs"]);
        assert_eq!(proposals[0].confidence, Confidence::Low);
    }

    #[test]
    fn a_forum_post_with_hangul_and_latin_names() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        let text = "Director : Kim Tae Gyoon 김태균\n\n\
                    Cast : Cha In Pyo 차인표, Shin Myung Chul 신명철\n\n\
                    16 Crossing 김태성";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            ids(&proposals),
            [
                "kim-tae-kyun",
                "cha-in-pyo",
                "shin-myung-chul",
                "crossing-2008",
                "kim-tae-seong"
            ]
        );
        assert_eq!(
            proposal(&proposals, "kim-tae-kyun").spellings,
            ["Kim Tae Gyoon", "김태균"]
        );
        assert_eq!(
            proposal(&proposals, "crossing-2008").reason,
            "linked to Kim Tae Gyoon, named here"
        );
    }

    #[test]
    fn a_bare_surname_counts_only_for_one_person() {
        let demo = Demo::load();
        let gazetteer = demo.gazetteer();
        // The Korea Herald, 19 March 2008.
        let text = "\"Crossing\" director Kim Tae-kyun and lead actor Cha In-pyo finally \
                    disclosed the plot. \"This movie is about a man,\" Cha said. Kim said the \
                    staff had met defectors. Cha, who is also widely recognized in China, \
                    declined.";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(
            ids(&proposals),
            ["crossing-2008", "kim-tae-kyun", "cha-in-pyo"]
        );
        assert_eq!(proposal(&proposals, "cha-in-pyo").count, 3);
        assert_eq!(proposal(&proposals, "kim-tae-kyun").count, 2);
        assert_eq!(proposal(&proposals, "cha-in-pyo").spellings, ["Cha In-pyo"]);
        // Two Kims named in full: a bare Kim is neither.
        let text = "Kim Tae-kyun met Kim Sung-min. Kim said nothing.";
        let proposals = demo.propose(&gazetteer, text);
        assert!(proposals.iter().all(|p| p.count == 1), "{proposals:#?}");
        // A surname followed by a given name is someone else's name.
        let found = gazetteer.find("Cha In-pyo plays Kim Yong-soo.");
        let hows: Vec<Matched> = found.iter().map(|f| f.how).collect();
        assert_eq!(hows, [Matched::Exact, Matched::OtherName], "{found:#?}");
        assert_eq!(found[1].written, "Kim Yong-soo");
        // The Chosun Ilbo, 30 April 2008: the character's wife is not Kim
        // Sung-min's.
        let text = "Kim Sung-min, a former North Korean refugee, attended. The audience \
                    wept as Kim Yong-soo (Cha In-pyo) leaves his wife. More tears came as \
                    Kim's wife succumbed. Cha said little.";
        let proposals = demo.propose(&gazetteer, text);
        assert_eq!(ids(&proposals), ["kim-sung-min", "cha-in-pyo"]);
        assert_eq!(proposal(&proposals, "kim-sung-min").count, 1);
        assert_eq!(proposal(&proposals, "cha-in-pyo").count, 2);
    }

    #[test]
    fn an_empty_gazetteer_finds_nothing() {
        let gazetteer = Gazetteer::new(Vec::new());
        assert!(gazetteer.is_empty());
        assert_eq!(gazetteer.len(), 0);
        assert!(gazetteer.find("Crossing (2008), “Lost”, 김태균").is_empty());
        assert!(propose(&[], &|_, _| false, &|_| None).is_empty());
    }

    /// Pseudo-words from a counter: `Kavelo`, `Minaru`…
    fn word(mut n: u64) -> String {
        const SYLLABLES: &[&str] = &[
            "ka", "ve", "lo", "mi", "na", "ru", "so", "te", "bi", "gu", "da", "ne", "po", "ri",
            "za", "fo", "le", "xu", "ha", "jo",
        ];
        let mut word = String::new();
        for _ in 0..4 {
            word.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
            n /= SYLLABLES.len() as u64;
        }
        let mut chars = word.chars();
        let first = chars.next().unwrap().to_ascii_uppercase();
        std::iter::once(first).chain(chars).collect()
    }

    #[test]
    fn a_hundred_thousand_names() {
        let mut entries = Vec::new();
        for n in 0..100_000u64 {
            let (kind, name) = if n % 4 == 0 {
                let surname = word(n * 31 % 160_000);
                (EntityKind::Person, format!("{} {surname}", word(n)))
            } else {
                let second = word(n * 7919 % 160_000);
                (EntityKind::Film, format!("The {} {second}", word(n)))
            };
            entries.push(NameEntry {
                kind,
                id: EntityId::parse(&format!("e-{n}")).unwrap(),
                name,
            });
        }
        let wanted = [5u64, 12_345, 99_999, 40_000];
        let names: Vec<String> = wanted
            .iter()
            .map(|&n| entries[n as usize].name.clone())
            .collect();
        let gazetteer = Gazetteer::new(entries);
        assert_eq!(gazetteer.len(), 100_000);
        let text = format!(
            "In {} ({}), a film by {} with {}, the heroes meet {}.",
            names[0], "1999", names[3], names[1], names[2]
        );
        let found = gazetteer.find(&text);
        for (n, name) in wanted.iter().zip(&names) {
            let f = found
                .iter()
                .find(|f| &f.written == name)
                .unwrap_or_else(|| panic!("{name} not found in {found:#?}"));
            assert!(
                f.candidates
                    .iter()
                    .any(|(_, id)| id.as_str() == format!("e-{n}")),
                "{name}: {f:#?}"
            );
        }
        assert_eq!(found[0].year_after, Some(1999));
    }

    #[test]
    fn confirmed_spellings_become_links_in_the_text() {
        let targets = vec![
            vec!["Kim Tae-gyoon".to_owned(), "김태균".to_owned()],
            vec!["Crossing".to_owned()],
        ];
        let pieces = link_spellings(
            "\"Crossing\" by Kim Tae-gyoon (김태균은) opens; Crossings and crossing do not.",
            &targets,
        );
        let linked: Vec<(&str, usize)> = pieces
            .iter()
            .filter_map(|(text, owner)| owner.map(|owner| (*text, owner)))
            .collect();
        assert_eq!(
            linked,
            [("Crossing", 1), ("Kim Tae-gyoon", 0), ("김태균", 0)]
        );
        let whole: String = pieces.iter().map(|(text, _)| *text).collect();
        assert!(whole.starts_with("\"Crossing\" by"));
        assert_eq!(
            link_spellings("nothing here", &[]),
            [("nothing here", None)]
        );
    }
}
