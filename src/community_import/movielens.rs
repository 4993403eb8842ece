//! MovieLens ratings taken in as bulk ratings: the release found in a
//! folder (RecBole, CSV or the classic 100k layout), its movies matched to
//! catalog films, its ratings checked, then written a batch at a time.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kinora_core::community::Rating;
use kinora_formats::movielens;
use kinora_store::Store;
use serde::Serialize;

use super::matching::{FilmMatch, FilmMatcher, NamedFilm, imdb_ids};
use crate::search::Searcher;

/// The bulk source MovieLens ratings are kept under.
pub const MOVIELENS_SOURCE: &str = "movielens";
/// MovieLens ratings written per transaction.
const RATINGS_PER_BATCH: usize = 20_000;

/// What a MovieLens import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MovieLensReport {
    /// The release's layout: `recbole`, `csv` or `100k`.
    pub layout: String,
    pub movies: usize,
    /// Movies matched to a catalog film, by IMDb id or by title and year.
    pub matched: usize,
    pub matched_by_imdb_id: usize,
    /// Movies with candidates but no certain match: their ratings are left
    /// out.
    pub uncertain: usize,
    pub unmatched: usize,
    pub ratings_read: u64,
    /// Ratings of matched movies written (or rewritten).
    pub ratings_written: u64,
    /// Users with at least one rating written.
    pub users: usize,
    pub seconds: f64,
}

type RatingsFile = std::io::BufReader<std::fs::File>;

/// The files of a MovieLens release in a folder.
enum Release {
    /// RecBole's atomic files: `*.inter` and `*.item`.
    RecBole { inter: PathBuf, item: PathBuf },
    /// The current releases: `ratings.csv`, `movies.csv`, maybe `links.csv`.
    Csv {
        ratings: PathBuf,
        movies: PathBuf,
        links: Option<PathBuf>,
    },
    /// The classic 100k release: `u.data` and `u.item`.
    Classic { data: PathBuf, item: PathBuf },
}

impl Release {
    fn find(dir: &Path) -> anyhow::Result<Release> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the folder {}", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let has = |name: &str| names.iter().any(|found| found == name);
        let ending = |suffix: &str| names.iter().find(|name| name.ends_with(suffix));
        if let (Some(inter), Some(item)) = (ending(".inter"), ending(".item")) {
            return Ok(Release::RecBole {
                inter: dir.join(inter),
                item: dir.join(item),
            });
        }
        if has("ratings.csv") && has("movies.csv") {
            return Ok(Release::Csv {
                ratings: dir.join("ratings.csv"),
                movies: dir.join("movies.csv"),
                links: has("links.csv").then(|| dir.join("links.csv")),
            });
        }
        if has("u.data") && has("u.item") {
            return Ok(Release::Classic {
                data: dir.join("u.data"),
                item: dir.join("u.item"),
            });
        }
        bail!(
            "{} holds no MovieLens release: it needs ml-100k.inter and ml-100k.item \
             (RecBole), ratings.csv and movies.csv, or u.data and u.item",
            dir.display()
        )
    }

    fn layout(&self) -> &'static str {
        match self {
            Release::RecBole { .. } => "recbole",
            Release::Csv { .. } => "csv",
            Release::Classic { .. } => "100k",
        }
    }

    fn movies(&self) -> anyhow::Result<Vec<movielens::Movie>> {
        let open = |path: &Path| {
            std::fs::File::open(path)
                .map(std::io::BufReader::new)
                .with_context(|| format!("cannot read {}", path.display()))
        };
        let name = |path: &Path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        Ok(match self {
            Release::RecBole { item, .. } => movielens::read_atomic_item(&name(item), open(item)?)?,
            Release::Classic { item, .. } => movielens::read_u_item(&name(item), open(item)?)?,
            Release::Csv { movies, links, .. } => {
                let mut read = movielens::read_movies_csv(&name(movies), open(movies)?)?;
                if let Some(links) = links {
                    let links = movielens::read_links_csv(&name(links), open(links)?)?;
                    movielens::add_links(&mut read, &links);
                }
                read
            }
        })
    }

    fn ratings(&self) -> anyhow::Result<movielens::Ratings<RatingsFile>> {
        type Open =
            fn(&str, RatingsFile) -> Result<movielens::Ratings<RatingsFile>, movielens::Error>;
        let (path, read): (&PathBuf, Open) = match self {
            Release::RecBole { inter, .. } => (inter, movielens::read_atomic_inter),
            Release::Csv { ratings, .. } => (ratings, movielens::read_ratings_csv),
            Release::Classic { data, .. } => (data, movielens::read_u_data),
        };
        let file = std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(read(&name, file)?)
    }
}

/// Imports a MovieLens release from a folder as bulk ratings (source
/// `movielens`, each user under their MovieLens id). Movies are matched to
/// catalog films by IMDb id (the current releases' links.csv), else by
/// title and year as a member's rows are; only certain matches count, and
/// the ratings of the others are left out. The ratings file is read through
/// once to check it (a bad line is an error naming it, and nothing is
/// written), then again to write, a batch per transaction.
pub async fn import_movielens(
    store: &Store,
    searcher: &Searcher,
    dir: &Path,
) -> anyhow::Result<MovieLensReport> {
    let started = std::time::Instant::now();
    let release = Release::find(dir)?;
    let movies = release.movies()?;
    let mut report = MovieLensReport {
        layout: release.layout().to_owned(),
        movies: movies.len(),
        ..MovieLensReport::default()
    };

    let named: Vec<NamedFilm> = movies
        .iter()
        .map(|movie| NamedFilm {
            title: movie.title.clone(),
            year: movie.year,
            imdb_id: movie.imdb_id.clone(),
            alternate_title: movie.alternate_title.clone(),
        })
        .collect();
    let mut matcher = FilmMatcher::new(store, searcher, imdb_ids(&named)).await?;
    let mut films: HashMap<&str, String> = HashMap::new();
    for (movie, film) in movies.iter().zip(&named) {
        match matcher.find(film).await? {
            FilmMatch::Film(id) => {
                if film
                    .imdb_id
                    .as_ref()
                    .is_some_and(|imdb| matcher.knows_imdb_id(imdb))
                {
                    report.matched_by_imdb_id += 1;
                }
                report.matched += 1;
                films.insert(movie.id.as_str(), id);
            }
            FilmMatch::Uncertain(_) => report.uncertain += 1,
            FilmMatch::Unmatched => report.unmatched += 1,
        }
    }

    for rating in release.ratings()? {
        rating?;
        report.ratings_read += 1;
    }

    let mut users = HashSet::new();
    let mut batch = Vec::with_capacity(RATINGS_PER_BATCH);
    for rating in release.ratings()? {
        let rating = rating?;
        let Some(film) = films.get(rating.movie.as_str()) else {
            continue;
        };
        let value =
            Rating::new(i64::from(movielens::to_ten(rating.rating))).map_err(anyhow::Error::msg)?;
        if !users.contains(&rating.user) {
            users.insert(rating.user.clone());
        }
        batch.push((rating.user, film.clone(), value));
        if batch.len() == RATINGS_PER_BATCH {
            report.ratings_written += store.add_bulk_ratings(MOVIELENS_SOURCE, &batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        report.ratings_written += store.add_bulk_ratings(MOVIELENS_SOURCE, &batch).await?;
    }
    report.users = users.len();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
