//! MovieLens ratings, as a bulk source of ratings.
//!
//! GroupLens publishes MovieLens, anonymous users' ratings of films, in
//! three layouts this module reads:
//!
//! - the current releases (`ml-latest`, `ml-25m`…): `ratings.csv`
//!   (`userId,movieId,rating,timestamp`, ratings 0.5 to 5 in half stars),
//!   `movies.csv` (`movieId,title,genres`, the title with its year:
//!   `Godfather, The (1972)`, genres `Crime|Drama`) and `links.csv`
//!   (`movieId,imdbId,tmdbId`, the IMDb id without its `tt`);
//! - the classic 100k release: `u.data` (tab-separated user, item, rating
//!   1 to 5, timestamp; no header) and `u.item` (`|`-separated, Latin-1,
//!   the title with its year, the release date, an IMDb link and 19 genre
//!   flags);
//! - RecBole's atomic files, as RecBole ships the 100k release
//!   (`ml-100k.inter`, `ml-100k.item`): tab-separated, with a header that
//!   types each column (`user_id:token`, `item_id:token`, `rating:float`,
//!   `timestamp:float`); the title without its year, which is a column of
//!   its own.
//!
//! Ratings come one at a time from an iterator, since a release holds up
//! to tens of millions; films, a few tens of thousands, come as a list.
//! Titles come with a leading article put back in front (`The Godfather`),
//! the year taken out, and an alternate title in parentheses kept apart.

use std::collections::HashMap;

mod movies;
mod ratings;
mod title;

pub use self::movies::{read_atomic_item, read_links_csv, read_movies_csv, read_u_item};
pub use self::ratings::{Ratings, read_atomic_inter, read_ratings_csv, read_u_data};
pub use self::title::Title;
pub use crate::csv_table::Error;

/// A film of a MovieLens release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Movie {
    /// MovieLens's id, as written: `1`.
    pub id: String,
    /// `The Godfather`: the article in front, without the year.
    pub title: String,
    /// The title in parentheses after the main one, most often the original
    /// or another known title: `Se7en` for `Seven (Se7en) (1995)`.
    pub alternate_title: Option<String>,
    pub year: Option<i32>,
    /// `tt` and at least seven digits.
    pub imdb_id: Option<String>,
    pub tmdb_id: Option<u64>,
    pub genres: Vec<String>,
}

/// One rating, on MovieLens's scale (0.5 to 5; 1 to 5 in the 100k
/// release). [`to_ten`] turns it into Kinora's.
#[derive(Debug, Clone, PartialEq)]
pub struct MlRating {
    pub user: String,
    pub movie: String,
    pub rating: f32,
    /// Seconds since 1970-01-01 UTC.
    pub at: Option<i64>,
}

/// A row of `links.csv`: the film's ids on IMDb and TMDB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub movie: String,
    pub imdb_id: Option<String>,
    pub tmdb_id: Option<u64>,
}

/// A MovieLens rating on Kinora's scale: 0.5 to 5 stars become 1 to 10
/// (doubled, rounded), so the 100k release's 1 to 5 become 2 to 10.
/// Values outside the scale are held to its ends.
pub fn to_ten(rating: f32) -> u8 {
    let doubled = (rating * 2.0).round();
    if doubled.is_nan() {
        return 1;
    }
    doubled.clamp(1.0, 10.0) as u8
}

/// Puts each link's ids on its film.
pub fn add_links(movies: &mut [Movie], links: &[Link]) {
    let by_movie: HashMap<&str, &Link> = links
        .iter()
        .map(|link| (link.movie.as_str(), link))
        .collect();
    for movie in movies {
        if let Some(link) = by_movie.get(movie.id.as_str()) {
            movie.imdb_id.clone_from(&link.imdb_id);
            movie.tmdb_id = link.tmdb_id;
        }
    }
}

#[cfg(test)]
mod tests;
