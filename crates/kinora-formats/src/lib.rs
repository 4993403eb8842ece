//! Kinora's file formats. Pure: each reads from a reader or writes to a
//! writer it is given, and touches no store.

pub mod atom;
mod csv_table;
pub mod ical;
pub mod imdb;
pub mod imdb_lists;
pub mod json;
pub mod jsonld;
pub mod letterboxd;
pub mod markdown;
pub mod movielens;
pub mod picture;
