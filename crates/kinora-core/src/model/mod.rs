//! The catalog's entities and the facts they carry.
//!
//! Every fact is a *claim*: a value with the sources that state it, an
//! optional note, and a `preferred` mark. Several claims of one kind may
//! disagree (Crossing has four release dates); they all stay, and the one
//! marked preferred is shown first and used where one value is needed.

mod album;
mod check;
mod common;
mod editing;
mod entity;
mod event;
mod film;
mod naming;
mod operations;
mod people;
mod rebase;
mod source;
mod vocabulary;

pub use crate::claim::{Citation, Claim, preferred_first, preferred_or_first};
pub use album::*;
pub use common::*;
pub use editing::*;
pub use entity::*;
pub use event::*;
pub use film::*;
pub use naming::*;
pub use operations::*;
pub use people::*;
pub use rebase::*;
pub use source::*;
pub use vocabulary::*;

#[cfg(test)]
mod tests;
