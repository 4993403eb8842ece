//! MovieLens ratings, as a bulk source of ratings.
