//! Kinora's domain: the entities of a film catalog and the sourced facts they
//! carry, with the codes, dates and names those facts are made of.
//!
//! Everything here is parsed once, at the edge (`parse` constructors and
//! `Deserialize` impls that reject bad input), so the rest of Kinora handles
//! only valid values. This crate does no IO.

pub mod codes;
pub mod date;
pub mod id;
pub mod model;
pub mod money;
pub mod names;

pub use codes::{Country, Currency, Language, Script};
pub use date::{PartialDate, Precision};
pub use id::{EntityId, EntityKind, Position, Reference};
pub use model::Entity;
