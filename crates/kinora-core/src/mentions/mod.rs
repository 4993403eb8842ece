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
//!
//! The rooms: `gazetteer` builds the automaton and finds the spans, over
//! the text as `folded` folds it and split as `words` splits it; `context`
//! reads quotes and years around a span; `proposals` decides what to
//! propose; `links` finds confirmed spellings again for a page's links.

mod context;
mod folded;
mod gazetteer;
mod links;
mod proposals;
mod words;

pub use gazetteer::{Candidate, Found, Gazetteer, Matched, NameEntry};
pub use links::link_spellings;
pub use proposals::{Confidence, Proposal, propose};

#[cfg(test)]
mod tests;
