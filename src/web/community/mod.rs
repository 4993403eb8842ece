//! The community on an entity's page (a film's ratings, reviews, similar
//! films, the viewer's diary and watchlist; every entity's discussions),
//! and the forms that change them.

mod api;
mod forms;
mod gather;
mod review_page;
mod views;

pub use api::*;
pub use forms::*;
pub use gather::*;
pub use review_page::*;
pub use views::*;
