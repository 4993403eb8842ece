//! Similar films: for every film, the ten films most like it, with why.
//!
//! Two signals are combined:
//!
//! - **Ratings** (item to item): every rating, by members and from bulk
//!   sources (`Store::all_ratings`). Each user's ratings are centred on
//!   that user's mean, so a rating above it means "liked". Two films are
//!   alike when the same users rate them alike: the cosine of their centred
//!   ratings over the users who rated both, shrunk by how many did
//!   (`sim × n / (n + 10)`), counted only when at least two users rated
//!   both and at least two of them liked both. The reason shown is `also
//!   rated highly by people who liked Crossing`.
//! - **Content**: people, genres and keywords the films share. A shared
//!   director weighs 3, a shared writer 2, a shared cast member 1 (as does
//!   a person with other roles in each), a shared keyword 1.5, and the
//!   share of genres in common (shared over all) 0.5. The sum `raw` becomes
//!   `raw / (raw + 3)`, from 0 towards 1: one shared director gives 0.5.
//!   Reasons: `same director: Kim Tae-kyun`, `same writer: …`, `also with
//!   Cha In-pyo`, `also about North Korean refugees`, `same genres: drama,
//!   war`. It needs no ratings at all.
//!
//! The score is `0.6 × ratings + 0.4 × content`. The reason is that of the
//! part that adds most to the score, and the next one too, joined with
//! "; ", when it adds at least half as much.
//!
//! Candidates come from inverted indexes held in memory: person → films,
//! keyword → films, and genre set → films. A person with more than 200
//! credits, or a keyword on more than 200 films, says too little to find
//! candidates with; a film's exact set of genres finds candidates only
//! among the 10 films of the same set nearest in year, and only when fewer
//! than 2000 films have that set (`drama` alone does not, `drama, war`
//! does). Genres still count for every candidate found another way. So the
//! work grows with the films and their credits, not with their square.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use kinora_core::model::{Department, Entity, Film};
use kinora_core::names::fold;
use kinora_core::{EntityId, EntityKind};
use kinora_store::Store;
use kinora_store::community::Similar;
use serde::Serialize;

/// How much each signal weighs in the score.
pub const RATINGS_WEIGHT: f64 = 0.6;
pub const CONTENT_WEIGHT: f64 = 0.4;

/// Similar films kept per film.
pub const KEPT: usize = 10;

const DIRECTOR_WEIGHT: f64 = 3.0;
const WRITER_WEIGHT: f64 = 2.0;
const CAST_WEIGHT: f64 = 1.0;
/// A person in both films, in different roles (a director acting in the
/// other).
const PERSON_WEIGHT: f64 = 1.0;
const KEYWORD_WEIGHT: f64 = 1.5;
const GENRES_WEIGHT: f64 = 0.5;
/// The raw content score at which content counts one half.
const CONTENT_HALF: f64 = 3.0;
/// The shrinking of a ratings similarity: `n / (n + SHRINK)` for `n` users
/// who rated both films.
const SHRINK: f64 = 10.0;
const MIN_CO_RATERS: u32 = 2;
const MIN_CO_LIKERS: u32 = 2;
/// Films found by ratings kept per film before both signals are combined.
const RATINGS_CANDIDATES: usize = 50;
const MAX_PERSON_FILMS: usize = 200;
const MAX_KEYWORD_FILMS: usize = 200;
const MAX_GENRE_SET_FILMS: usize = 2000;
/// Films of the same genre set taken on each side in year order.
const GENRE_NEIGHBOURS: usize = 5;
/// Entities read from the store at a time.
const PAGE: i64 = 2_000;

/// What a recompute did, with its timings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SimilarReport {
    pub films: usize,
    /// Films given at least one similar film.
    pub films_with_similar: usize,
    /// Rows written: film and similar film.
    pub rows: usize,
    /// Rows whose score has a part from ratings.
    pub rows_from_ratings: usize,
    pub ratings: usize,
    /// Users (members and bulk users) whose ratings counted.
    pub raters: usize,
    pub seconds_reading: f64,
    pub seconds_computing: f64,
    pub seconds_writing: f64,
    pub seconds: f64,
}

/// Recomputes every film's similar films and stores them.
pub async fn recompute(store: &Store) -> anyhow::Result<SimilarReport> {
    let started = Instant::now();
    // Taken first: a rating added while this runs makes the next look
    // compute again.
    let basis = store.ratings_signature().await?;
    let catalog = Catalog::read(store).await?;
    let ratings = store.all_ratings().await?;
    let seconds_reading = started.elapsed().as_secs_f64();

    let computing = Instant::now();
    let rating_count = ratings.len();
    let (computed, raters, catalog) = tokio::task::spawn_blocking(move || {
        let (by_ratings, raters) = ratings_similarity(&catalog, &ratings);
        (compute(&catalog, &by_ratings), raters, catalog)
    })
    .await?;
    let seconds_computing = computing.elapsed().as_secs_f64();

    let writing = Instant::now();
    let people = person_names(store, &catalog, &computed).await?;
    let mut rows = Vec::new();
    let mut films_with_similar = HashSet::new();
    let mut rows_from_ratings = 0;
    for pick in &computed {
        let film = &catalog.films[pick.film as usize];
        let other = &catalog.films[pick.other as usize];
        if pick.from_ratings {
            rows_from_ratings += 1;
        }
        films_with_similar.insert(pick.film);
        rows.push((
            film.id.clone(),
            Similar {
                film_id: other.id.clone(),
                score: pick.score,
                reason: pick
                    .why
                    .iter()
                    .map(|why| catalog.reason(why, film, other, &people))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        ));
    }
    store.replace_similar(&rows, &basis).await?;
    let seconds_writing = writing.elapsed().as_secs_f64();
    Ok(SimilarReport {
        films: catalog.films.len(),
        films_with_similar: films_with_similar.len(),
        rows: rows.len(),
        rows_from_ratings,
        ratings: rating_count,
        raters,
        seconds_reading,
        seconds_computing,
        seconds_writing,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Recomputes similar films in the background until the process ends,
/// whenever, looked at every `every`, ratings or the catalog changed since
/// the stored ones were computed (`Store::ratings_signature`, kept beside
/// them): not at every start, and not again by a second instance.
pub fn spawn(store: Store, every: Duration) {
    tokio::spawn(async move {
        loop {
            let basis = store.similar_basis().await;
            match (store.ratings_signature().await, basis) {
                (Ok(signature), Ok(basis)) if basis.as_ref() != Some(&signature) => {
                    match recompute(&store).await {
                        Ok(report) => {
                            tracing::info!(
                                "similar films: {} rows for {} films from {} ratings in {:.1} s",
                                report.rows,
                                report.films_with_similar,
                                report.ratings,
                                report.seconds
                            );
                        }
                        Err(error) => tracing::warn!("similar films: {error:#}"),
                    }
                }
                (Ok(_), Ok(_)) => {}
                (Err(error), _) | (_, Err(error)) => {
                    tracing::warn!("similar films: cannot read ratings: {error:#}")
                }
            }
            tokio::time::sleep(every).await;
        }
    });
}

// ---------------------------------------------------------------------------
// The catalog, as the computation needs it
// ---------------------------------------------------------------------------

/// A person's roles in a film, as bits.
const DIRECTOR: u8 = 1;
const WRITER: u8 = 2;
const CAST: u8 = 4;

struct FilmFacts {
    id: String,
    title: String,
    year: Option<i32>,
    /// People (by index) and their roles.
    people: Vec<(u32, u8)>,
    /// Genres by index, sorted.
    genres: Vec<u32>,
    keywords: Vec<u32>,
}

#[derive(Default)]
struct Catalog {
    films: Vec<FilmFacts>,
    by_id: HashMap<String, u32>,
    person_ids: Vec<String>,
    persons: HashMap<String, u32>,
    genre_names: Vec<String>,
    genres: HashMap<String, u32>,
    keyword_names: Vec<String>,
    keywords: HashMap<String, u32>,
}

fn intern(
    names: &mut Vec<String>,
    index: &mut HashMap<String, u32>,
    key: String,
    shown: &str,
) -> u32 {
    if let Some(&found) = index.get(&key) {
        return found;
    }
    let next = names.len() as u32;
    names.push(shown.to_owned());
    index.insert(key, next);
    next
}

impl Catalog {
    /// Every film, read a page at a time.
    async fn read(store: &Store) -> anyhow::Result<Catalog> {
        let mut catalog = Catalog::default();
        let mut after: Option<(EntityKind, EntityId)> = None;
        loop {
            let page = store.scan(after.as_ref(), PAGE).await?;
            let Some(last) = page.last() else {
                break;
            };
            after = Some((last.kind(), last.id().clone()));
            // Entities come by kind, in the order of the kinds' names.
            let past_films = last.kind().as_str() > EntityKind::Film.as_str();
            for entity in page {
                if let Entity::Film(film) = entity {
                    catalog.add(&film);
                }
            }
            if past_films {
                break;
            }
        }
        Ok(catalog)
    }

    fn add(&mut self, film: &Film) {
        let entity_year = film.year();
        let title = kinora_core::model::preferred_or_first(&film.titles)
            .map(|title| title.text.clone())
            .unwrap_or_else(|| film.id.as_str().to_owned());
        let mut people: Vec<(u32, u8)> = Vec::new();
        for credit in &film.credits {
            let role = match credit.department {
                Department::Directing if !credit.job.to_lowercase().contains("assistant") => {
                    DIRECTOR
                }
                Department::Writing => WRITER,
                Department::Cast => CAST,
                _ => continue,
            };
            let id = credit.person.id.as_str();
            let person = intern(&mut self.person_ids, &mut self.persons, id.to_owned(), id);
            match people.iter_mut().find(|(seen, _)| *seen == person) {
                Some((_, roles)) => *roles |= role,
                None => people.push((person, role)),
            }
        }
        let mut genres: Vec<u32> = film
            .genres
            .iter()
            .map(|genre| genre.genre.trim().to_lowercase())
            .filter(|genre| !genre.is_empty())
            .map(|genre| {
                intern(
                    &mut self.genre_names,
                    &mut self.genres,
                    genre.clone(),
                    &genre,
                )
            })
            .collect();
        genres.sort_unstable();
        genres.dedup();
        let mut keywords: Vec<u32> = film
            .keywords
            .iter()
            .filter(|keyword| !fold(&keyword.keyword).is_empty())
            .map(|keyword| {
                intern(
                    &mut self.keyword_names,
                    &mut self.keywords,
                    fold(&keyword.keyword),
                    keyword.keyword.trim(),
                )
            })
            .collect();
        keywords.sort_unstable();
        keywords.dedup();
        self.by_id
            .insert(film.id.as_str().to_owned(), self.films.len() as u32);
        self.films.push(FilmFacts {
            id: film.id.as_str().to_owned(),
            title,
            year: entity_year,
            people,
            genres,
            keywords,
        });
    }

    fn reason(
        &self,
        why: &Why,
        film: &FilmFacts,
        other: &FilmFacts,
        people: &HashMap<u32, String>,
    ) -> String {
        let person = |index: &u32| {
            people
                .get(index)
                .cloned()
                .unwrap_or_else(|| self.person_ids[*index as usize].clone())
        };
        match why {
            Why::Ratings => format!("also rated highly by people who liked {}", film.title),
            Why::Director(index) => format!("same director: {}", person(index)),
            Why::Writer(index) => format!("same writer: {}", person(index)),
            Why::Cast(index) | Why::Person(index) => format!("also with {}", person(index)),
            Why::Keyword(index) => format!("also about {}", self.keyword_names[*index as usize]),
            Why::Genres => {
                let mut names: Vec<&str> = film
                    .genres
                    .iter()
                    .filter(|genre| other.genres.binary_search(genre).is_ok())
                    .map(|index| self.genre_names[*index as usize].as_str())
                    .collect();
                names.sort_unstable();
                if names.len() == 1 {
                    format!("same genre: {}", names[0])
                } else {
                    format!("same genres: {}", names.join(", "))
                }
            }
        }
    }
}

/// The names of the people the chosen reasons mention.
async fn person_names(
    store: &Store,
    catalog: &Catalog,
    picks: &[Pick],
) -> anyhow::Result<HashMap<u32, String>> {
    let mentioned: HashSet<u32> = picks
        .iter()
        .flat_map(|pick| pick.why.iter())
        .filter_map(|why| match why {
            Why::Director(index) | Why::Writer(index) | Why::Cast(index) | Why::Person(index) => {
                Some(*index)
            }
            _ => None,
        })
        .collect();
    let keys: Vec<(EntityKind, EntityId)> = mentioned
        .iter()
        .filter_map(|index| EntityId::parse(&catalog.person_ids[*index as usize]).ok())
        .map(|id| (EntityKind::Person, id))
        .collect();
    let found = store.summaries(&keys).await?;
    Ok(mentioned
        .into_iter()
        .filter_map(|index| {
            let id = EntityId::parse(&catalog.person_ids[index as usize]).ok()?;
            found
                .get(&(EntityKind::Person, id))
                .map(|summary| (index, summary.label.clone()))
        })
        .collect())
}

// ---------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------

/// For each film (by index), the films most like it by ratings, with
/// their shrunk similarity; and how many users counted.
fn ratings_similarity(
    catalog: &Catalog,
    ratings: &[(String, String, u8)],
) -> (HashMap<u32, Vec<(u32, f64)>>, usize) {
    let mut by_user: HashMap<&str, Vec<(u32, f64)>> = HashMap::new();
    for (user, film, rating) in ratings {
        if let Some(&index) = catalog.by_id.get(film) {
            by_user
                .entry(user.as_str())
                .or_default()
                .push((index, f64::from(*rating)));
        }
    }
    // Centred ratings per user, and per film the users who rated it.
    let mut users: Vec<Vec<(u32, f32)>> = Vec::new();
    let mut raters: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    for (_, rated) in by_user {
        if rated.len() < 2 {
            continue;
        }
        let mean = rated.iter().map(|(_, rating)| rating).sum::<f64>() / rated.len() as f64;
        let user = users.len() as u32;
        let centred: Vec<(u32, f32)> = rated
            .iter()
            .map(|(film, rating)| (*film, (rating - mean) as f32))
            .collect();
        for (film, value) in &centred {
            raters.entry(*film).or_default().push((user, *value));
        }
        users.push(centred);
    }
    let count = users.len();

    let films = catalog.films.len();
    let mut dot = vec![0f32; films];
    let mut own = vec![0f32; films];
    let mut other = vec![0f32; films];
    let mut co_raters = vec![0u32; films];
    let mut co_likers = vec![0u32; films];
    let mut touched: Vec<u32> = Vec::new();
    let mut similar = HashMap::new();
    for (&film, rated_by) in &raters {
        for &(user, a) in rated_by {
            for &(next, b) in &users[user as usize] {
                if next == film {
                    continue;
                }
                let slot = next as usize;
                if co_raters[slot] == 0 {
                    touched.push(next);
                }
                dot[slot] += a * b;
                own[slot] += a * a;
                other[slot] += b * b;
                co_raters[slot] += 1;
                if a > 0.0 && b > 0.0 {
                    co_likers[slot] += 1;
                }
            }
        }
        let mut found: Vec<(u32, f64)> = Vec::new();
        for &next in &touched {
            let slot = next as usize;
            let n = co_raters[slot];
            if n >= MIN_CO_RATERS
                && co_likers[slot] >= MIN_CO_LIKERS
                && own[slot] > 0.0
                && other[slot] > 0.0
            {
                let cosine = f64::from(dot[slot]) / f64::from(own[slot] * other[slot]).sqrt();
                if cosine > 0.0 {
                    found.push((next, cosine * f64::from(n) / (f64::from(n) + SHRINK)));
                }
            }
            dot[slot] = 0.0;
            own[slot] = 0.0;
            other[slot] = 0.0;
            co_raters[slot] = 0;
            co_likers[slot] = 0;
        }
        touched.clear();
        if !found.is_empty() {
            found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            found.truncate(RATINGS_CANDIDATES);
            similar.insert(film, found);
        }
    }
    (similar, count)
}

// ---------------------------------------------------------------------------
// Combining
// ---------------------------------------------------------------------------

/// Why two films are alike: one part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    Ratings,
    Director(u32),
    Writer(u32),
    Cast(u32),
    Person(u32),
    Keyword(u32),
    /// The genres both films have.
    Genres,
}

/// A similar film chosen for a film.
struct Pick {
    film: u32,
    other: u32,
    score: f64,
    /// The reasons shown, best first: one or two.
    why: Vec<Why>,
    from_ratings: bool,
}

/// What a film shares with a candidate, summed as it is found.
#[derive(Clone, Copy)]
struct Candidate {
    /// The raw content score.
    raw: f64,
    /// The two heaviest content parts, heaviest first.
    best: [Option<(f64, Why)>; 2],
    ratings: f64,
}

impl Candidate {
    const NONE: Candidate = Candidate {
        raw: 0.0,
        best: [None, None],
        ratings: 0.0,
    };

    fn add(&mut self, weight: f64, why: Why) {
        self.raw += weight;
        match self.best {
            [Some((first, _)), _] if weight <= first => {
                if self.best[1].is_none_or(|(second, _)| weight > second) {
                    self.best[1] = Some((weight, why));
                }
            }
            _ => {
                self.best[1] = self.best[0];
                self.best[0] = Some((weight, why));
            }
        }
    }
}

/// The candidates of one film, with room for every film, reset after use.
struct Candidates {
    slots: Vec<Candidate>,
    taken: Vec<bool>,
    touched: Vec<u32>,
}

impl Candidates {
    fn slot(&mut self, film: u32) -> &mut Candidate {
        if !self.taken[film as usize] {
            self.taken[film as usize] = true;
            self.touched.push(film);
        }
        &mut self.slots[film as usize]
    }
}

fn compute(catalog: &Catalog, by_ratings: &HashMap<u32, Vec<(u32, f64)>>) -> Vec<Pick> {
    let films = &catalog.films;
    let mut person_films: Vec<Vec<(u32, u8)>> = vec![Vec::new(); catalog.person_ids.len()];
    let mut keyword_films: Vec<Vec<u32>> = vec![Vec::new(); catalog.keyword_names.len()];
    let mut genre_sets: HashMap<&[u32], Vec<u32>> = HashMap::new();
    for (index, film) in films.iter().enumerate() {
        let index = index as u32;
        for &(person, roles) in &film.people {
            person_films[person as usize].push((index, roles));
        }
        for &keyword in &film.keywords {
            keyword_films[keyword as usize].push(index);
        }
        if !film.genres.is_empty() {
            genre_sets
                .entry(film.genres.as_slice())
                .or_default()
                .push(index);
        }
    }
    // Each film's neighbours in year among the films of its genre set.
    let mut genre_neighbours: Vec<Vec<u32>> = vec![Vec::new(); films.len()];
    for members in genre_sets.values_mut() {
        if members.len() < 2 || members.len() > MAX_GENRE_SET_FILMS {
            continue;
        }
        members.sort_by_key(|&index| (films[index as usize].year, index));
        for (place, &index) in members.iter().enumerate() {
            let from = place.saturating_sub(GENRE_NEIGHBOURS);
            let to = (place + GENRE_NEIGHBOURS + 1).min(members.len());
            genre_neighbours[index as usize] = members[from..to]
                .iter()
                .copied()
                .filter(|&other| other != index)
                .collect();
        }
    }

    let mut candidates = Candidates {
        slots: vec![Candidate::NONE; films.len()],
        taken: vec![false; films.len()],
        touched: Vec::new(),
    };
    let mut picks = Vec::new();
    let mut scored: Vec<(f64, u32, Candidate)> = Vec::new();
    for (index, film) in films.iter().enumerate() {
        let index = index as u32;
        for &(person, roles) in &film.people {
            let others = &person_films[person as usize];
            if others.len() > MAX_PERSON_FILMS {
                continue;
            }
            for &(other, other_roles) in others {
                if other == index {
                    continue;
                }
                let shared = roles & other_roles;
                let (weight, why) = if shared & DIRECTOR != 0 {
                    (DIRECTOR_WEIGHT, Why::Director(person))
                } else if shared & WRITER != 0 {
                    (WRITER_WEIGHT, Why::Writer(person))
                } else if shared & CAST != 0 {
                    (CAST_WEIGHT, Why::Cast(person))
                } else {
                    (PERSON_WEIGHT, Why::Person(person))
                };
                candidates.slot(other).add(weight, why);
            }
        }
        for &keyword in &film.keywords {
            let others = &keyword_films[keyword as usize];
            if others.len() > MAX_KEYWORD_FILMS {
                continue;
            }
            for &other in others {
                if other != index {
                    candidates
                        .slot(other)
                        .add(KEYWORD_WEIGHT, Why::Keyword(keyword));
                }
            }
        }
        for &other in &genre_neighbours[index as usize] {
            candidates.slot(other);
        }
        for &(other, similarity) in by_ratings.get(&index).into_iter().flatten() {
            candidates.slot(other).ratings = similarity;
        }

        for &other in &candidates.touched {
            let mut candidate = candidates.slots[other as usize];
            candidates.slots[other as usize] = Candidate::NONE;
            candidates.taken[other as usize] = false;
            let shared = shared_genres(film, &films[other as usize]);
            if shared > 0 {
                let all = film.genres.len() + films[other as usize].genres.len() - shared;
                candidate.add(GENRES_WEIGHT * shared as f64 / all as f64, Why::Genres);
            }
            let score =
                RATINGS_WEIGHT * candidate.ratings + CONTENT_WEIGHT * content(candidate.raw);
            if score > 0.0 {
                scored.push((score, other, candidate));
            }
        }
        candidates.touched.clear();
        let best_first = |a: &(f64, u32, Candidate), b: &(f64, u32, Candidate)| {
            b.0.total_cmp(&a.0)
                .then_with(|| films[a.1 as usize].id.cmp(&films[b.1 as usize].id))
        };
        if scored.len() > KEPT {
            scored.select_nth_unstable_by(KEPT - 1, best_first);
            scored.truncate(KEPT);
        }
        scored.sort_by(best_first);
        for (score, other, candidate) in scored.drain(..) {
            picks.push(Pick {
                film: index,
                other,
                score,
                why: reasons(&candidate),
                from_ratings: candidate.ratings > 0.0,
            });
        }
    }
    picks
}

/// The content score, from 0 towards 1, of a raw sum of weights.
fn content(raw: f64) -> f64 {
    raw / (raw + CONTENT_HALF)
}

/// The reasons to show for a candidate: the part that adds most to its
/// score, and the next when it adds at least half as much.
fn reasons(candidate: &Candidate) -> Vec<Why> {
    let content = content(candidate.raw);
    let mut parts: Vec<(f64, Why)> = candidate
        .best
        .iter()
        .flatten()
        .map(|&(weight, why)| (CONTENT_WEIGHT * content * weight / candidate.raw, why))
        .collect();
    if candidate.ratings > 0.0 {
        parts.push((RATINGS_WEIGHT * candidate.ratings, Why::Ratings));
    }
    parts.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut why = Vec::with_capacity(2);
    if let Some(&(best, first)) = parts.first() {
        why.push(first);
        if let Some(&(next, second)) = parts.get(1)
            && next >= best / 2.0
            && second != first
        {
            why.push(second);
        }
    }
    why
}

/// How many genres two films share (their genres are sorted).
fn shared_genres(film: &FilmFacts, other: &FilmFacts) -> usize {
    film.genres
        .iter()
        .filter(|genre| other.genres.binary_search(genre).is_ok())
        .count()
}
