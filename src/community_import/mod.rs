//! A member's history in and out: a Letterboxd export or an IMDb ratings or
//! list file taken into an account, the account written back out in
//! Letterboxd's import layout or as JSON, and MovieLens ratings taken in as
//! bulk ratings.
//!
//! Every row names a film the way another site does: a title, a year and,
//! sometimes, an IMDb id. A row is matched to a catalog film
//!
//! - by its IMDb id, when it has one and the catalog knows it;
//! - else by title and year through the search index: the match is
//!   **certain** when exactly one film of that year has the row's title
//!   among its titles (compared folded: letter case, accents and
//!   punctuation aside);
//! - a row with candidates but no certain match (two films of the same title
//!   and year, a title found only a year off, or only a similar title) is
//!   **uncertain**: it waits in the account's import queue with up to five
//!   candidates, for the member to pick one ([`resolve_pending`]);
//! - a row with no candidate at all is **unmatched**, and the report lists it.
//!
//! A file is read whole before anything is written, so a file with an error
//! (named by file, line and column) changes nothing. Importing the same file
//! again adds nothing: a viewing already in the diary for the same film and
//! day is skipped, ratings, the watchlist and lists that are already as the
//! file says are left alone, and a row already waiting in the queue is not
//! queued twice.

mod days;
mod export;
mod files;
mod intake;
mod matching;
mod movielens;
mod queue;
mod settle;

pub use export::{export_json, export_letterboxd_csv};
pub use files::{
    HistoryFormat, IMDB, LETTERBOXD, guess_format, import_file, import_imdb, import_letterboxd,
    import_letterboxd_csv,
};
pub use intake::ImportRow;
pub use matching::{Candidate, FilmMatch, FilmMatcher, NamedFilm, imdb_ids};
pub use movielens::{MOVIELENS_SOURCE, MovieLensReport, import_movielens};
pub use queue::{describe_pending, pending_candidates, pending_what, resolve_pending};
pub use settle::ImportReport;

#[cfg(test)]
mod tests;
