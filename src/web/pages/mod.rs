//! HTML pages. Handlers gather what a page needs from the store, build view
//! models (see `view`) and render a template; they write no SQL and no HTML.

mod entity;
mod history;
mod lists;
mod referrers;
mod search;

pub use entity::*;
pub use history::*;
pub use lists::*;
pub use search::*;
