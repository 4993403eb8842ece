//! Importing IMDb's datasets into the catalog, in bounded memory whatever
//! the size of the files.
//!
//! People come first, from name.basics, in batches. Then titles, each with
//! all its lines from the other title files (akas, crew, episode, principal
//! credits, rating), in batches:
//!
//! - IMDb's files are sorted by title id, and sorted files are merged as
//!   they are read: one pass, nothing stored on the side. An episode whose
//!   series comes later in the files waits in memory until the end.
//! - Files in any other order (the Wikidata fixture's) are first copied into
//!   a spool, a scratch SQLite file keyed by title id, and titles are taken
//!   from it in id order, series before episodes.
//!
//! Every line is checked as it is read; a bad line goes to the rejects file
//! with its file, line and reason, and the import goes on.
//!
//! Every fact the import writes cites one source, `imdb-datasets`. An
//! entity the import finds already in the catalog (by its IMDb id in the
//! crosswalk, or by id) keeps every fact other sources state; only the facts
//! that cite IMDb alone are replaced. So importing the same files again
//! changes nothing, and a newer dump changes what changed. Each batch is one
//! change in the edit log; an interrupted import stops at a committed batch,
//! and running it again finishes the job.

mod catalog;
mod digest;
mod entities;
mod files;
mod import;
mod lines;
mod merged;
mod people;
mod rejects;
mod report;
mod spooled;
mod titles;

pub use entities::SOURCE_ID;
pub use import::import;
pub use report::{FileCounts, ImdbOptions, ImdbReport};
