//! View models: what a page shows, built from entities. Templates only lay
//! these out; they make no decisions.

mod album;
mod blocks;
mod event;
mod facts;
mod film;
mod people;
mod reading;
mod source;

pub use album::*;
pub use blocks::*;
pub use event::*;
pub use facts::*;
pub use film::*;
pub use people::*;
pub use reading::*;
pub use source::*;
