//! Events on pages and in calendars: a festival's programme by day and
//! venue, a venue's and a film's screenings, a film's timeline from
//! announcement to release, "in the news", the "what's on" page, and the
//! iCalendar feeds calendar programs subscribe to.
//!
//! Screenings are read from the store's derived rows (by day, film, venue
//! or event) and placed in time with their venue's zone; a programme shows
//! local time ("12:45, Amsterdam time"), a calendar file UTC.
//!
//! Each room imports only those below it: the page gatherer at the bottom,
//! the programme on it, then the timeline, the calendars and the API, and
//! on top what a page adds and what's on.

mod additions;
mod api;
mod calendar;
mod gather;
mod programme;
mod timeline;
mod whats_on;

pub use additions::{Additions, FeedLink, additions, news_about};
pub use api::{
    __path_api_screenings, ScreeningItem, ScreeningParams, ScreeningsResponse, api_screenings,
};
pub use calendar::calendar;
pub use gather::{Backlinks, summary_of};
pub use programme::{Programme, Showing, day_label};
pub use whats_on::{DayLine, WhatsOnLine, WhatsOnQuery, whats_on, whats_on_calendar};
