//! Kinora's file formats. Pure: each reads from a reader or writes to a
//! writer it is given, and touches no store.

pub mod imdb;
pub mod json;
pub mod jsonld;
