//! Discussion threads: the forum's index, a thread with its posts, starting
//! one, replying and quoting, editing with history, and what moderators do
//! (pin, lock, archive, hide with a public reason).

mod api;
mod forms;
mod pages;

pub use api::*;
pub use forms::*;
pub use pages::*;
