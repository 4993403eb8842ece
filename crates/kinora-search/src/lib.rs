//! Kinora's search index: films, people, companies and sources under every
//! name they have, in every script and spelling.
//!
//! The index is derived data. It is built from the store's entities
//! ([`Document::from_entity`]) and remembers the number of the last change
//! it reflects (its *position*), so that it can catch up from the store's
//! edit log, or be deleted and rebuilt. This crate does no IO other than the
//! index's own files; the root crate feeds it.
//!
//! How a query ranks (see `ranking::Tier`): a name spelled as asked
//! (ignoring case, accents, spaces and punctuation) above another spelling
//! of the same name (another romanization, Hangul, the other name order),
//! above names with every word of the query, above names with every word
//! within a few typos; a primary name above an alias; then the more popular
//! entity (credits, votes, citations).
//!
//! Its modules, from the bottom up: `ranking` (the score of each way of
//! matching, and the passes of a search), `analysis` (what is indexed of a
//! name and looked for in a query), `error`, `schema` (the index's fields),
//! `document` (what the index knows of an entity), `index` (opening the
//! index and its version), `write` (bringing entities up to date),
//! `filters` (what a search or a list keeps), `query` (the query for a
//! text), `hit` (one entity found), `search` (a search run in passes),
//! `browse` (lists without a query).

mod analysis;
mod browse;
mod document;
mod error;
mod filters;
mod hit;
mod index;
mod query;
mod ranking;
mod schema;
mod search;
mod write;

pub use analysis::{
    Analysis, MatchKind, PREFIX_MAX, QUERY_MAX, edit_distance, prefixes, typo_budget,
};
pub use browse::{Browse, BrowseOrder, Browsed, Facet, Listed};
pub use document::Document;
pub use error::{Result, SearchError};
pub use filters::SearchFilters;
pub use hit::Hit;
pub use index::SearchIndex;
pub use query::{FUZZY_NAME_MAX, FUZZY_WORD_MAX, Search};

#[cfg(test)]
mod tests;
