//! Which catalog film a file's row means: a film as another site names it
//! (title, year, maybe an IMDb id), matched by IMDb id, else by title and
//! year through the search index, certainly or with candidates.

use std::collections::{HashMap, HashSet};

use kinora_core::names::fold;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::letterboxd::FilmKey;
use kinora_search::{Hit, Search, SearchFilters};
use kinora_store::{Lookup, Store};
use serde::{Deserialize, Serialize};

use crate::search::Searcher;

/// Candidates kept for a row that waits in the queue.
const CANDIDATES: usize = 5;
/// Hits asked of the search index per title.
const HITS: usize = 10;

/// A film as a file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamedFilm {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// `tt` and at least seven digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb_id: Option<String>,
    /// Another title the file gives (IMDb's original title, MovieLens's
    /// title in parentheses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_title: Option<String>,
}

impl NamedFilm {
    pub(super) fn from_key(key: &FilmKey) -> NamedFilm {
        NamedFilm {
            title: key.title.clone(),
            year: key.year,
            imdb_id: key.imdb_id.clone(),
            alternate_title: None,
        }
    }

    /// `Parasite (2019)`.
    pub fn label(&self) -> String {
        let title = if self.title.is_empty() {
            self.imdb_id.clone().unwrap_or_default()
        } else {
            self.title.clone()
        };
        match self.year {
            Some(year) => format!("{title} ({year})"),
            None => title,
        }
    }
}

/// A catalog film a row might mean, as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
}

/// What matching found for a film.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilmMatch {
    /// One film, certainly: its id.
    Film(String),
    /// Films it might be, best first; none of them certainly.
    Uncertain(Vec<Candidate>),
    Unmatched,
}

/// Matches films named by files to catalog films, remembering what it found.
pub struct FilmMatcher<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    by_imdb: HashMap<String, String>,
    /// The folded titles of films looked at.
    titles: HashMap<String, Vec<String>>,
    found: HashMap<NamedFilm, FilmMatch>,
}

impl<'a> FilmMatcher<'a> {
    /// A matcher for films with these IMDb ids (see [`imdb_ids`]), looked
    /// up at once.
    pub async fn new(
        store: &'a Store,
        searcher: &'a Searcher,
        ids: Vec<String>,
    ) -> anyhow::Result<FilmMatcher<'a>> {
        let by_imdb = store
            .find_external_ids("imdb", &ids)
            .await?
            .into_iter()
            .filter(|(_, (kind, _))| *kind == EntityKind::Film)
            .map(|(value, (_, id))| (value, id.as_str().to_owned()))
            .collect();
        Ok(FilmMatcher {
            store,
            searcher,
            by_imdb,
            titles: HashMap::new(),
            found: HashMap::new(),
        })
    }

    /// Whether a catalog film carries this IMDb id.
    pub(super) fn knows_imdb_id(&self, imdb_id: &str) -> bool {
        self.by_imdb.contains_key(imdb_id)
    }

    /// The catalog film a file's film is: by IMDb id, else by title and
    /// year (see the documentation of `community_import`).
    pub async fn find(&mut self, film: &NamedFilm) -> anyhow::Result<FilmMatch> {
        if let Some(found) = self.found.get(film) {
            return Ok(found.clone());
        }
        let found = match film.imdb_id.as_ref().and_then(|id| self.by_imdb.get(id)) {
            Some(id) => FilmMatch::Film(id.clone()),
            None => self.by_title(film).await?,
        };
        self.found.insert(film.clone(), found.clone());
        Ok(found)
    }

    async fn by_title(&mut self, film: &NamedFilm) -> anyhow::Result<FilmMatch> {
        let texts: Vec<&str> = std::iter::once(film.title.as_str())
            .chain(film.alternate_title.as_deref())
            .filter(|text| !fold(text).is_empty())
            .collect();
        if texts.is_empty() {
            return Ok(FilmMatch::Unmatched);
        }
        let wanted: HashSet<String> = texts.iter().map(|text| fold(text)).collect();
        let Some(year) = film.year else {
            let hits = self.search(&texts, None).await?;
            return Ok(uncertain(hits.iter().collect()));
        };
        let same_year = self.search(&texts, Some((year, year))).await?;
        let mut titled = Vec::new();
        for hit in &same_year {
            if hit.year == Some(year) && self.has_title(&hit.id, &wanted).await? {
                titled.push(hit);
            }
        }
        if let [only] = titled.as_slice() {
            return Ok(FilmMatch::Film(only.id.clone()));
        }
        let near = self.search(&texts, Some((year - 1, year + 1))).await?;
        let mut near_titled = Vec::new();
        let mut rest = Vec::new();
        for hit in near.iter().chain(&same_year) {
            if self.has_title(&hit.id, &wanted).await? {
                near_titled.push(hit);
            } else {
                rest.push(hit);
            }
        }
        let mut ordered = titled;
        ordered.extend(near_titled);
        ordered.extend(rest);
        Ok(uncertain(ordered))
    }

    /// Films found for any of the texts, best first, without repeats.
    async fn search(&self, texts: &[&str], years: Option<(i32, i32)>) -> anyhow::Result<Vec<Hit>> {
        let mut hits: Vec<Hit> = Vec::new();
        for text in texts {
            let search = Search {
                text,
                filters: SearchFilters {
                    kinds: vec![EntityKind::Film],
                    years,
                    ..SearchFilters::default()
                },
                limit: HITS,
                prefix: false,
            };
            for hit in self.searcher.search(self.store, search).await? {
                if !hits.iter().any(|seen| seen.id == hit.id) {
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    /// Whether one of a film's titles is one of `wanted` (folded).
    async fn has_title(&mut self, id: &str, wanted: &HashSet<String>) -> anyhow::Result<bool> {
        if !self.titles.contains_key(id) {
            let titles = match EntityId::parse(id) {
                Ok(entity_id) => match self.store.lookup(EntityKind::Film, &entity_id).await? {
                    Lookup::Present { entity, .. } => entity
                        .findable_names()
                        .iter()
                        .map(|name| fold(&name.text))
                        .collect(),
                    _ => Vec::new(),
                },
                Err(_) => Vec::new(),
            };
            self.titles.insert(id.to_owned(), titles);
        }
        Ok(self.titles[id].iter().any(|title| wanted.contains(title)))
    }
}

/// The IMDb ids of films, once each.
pub fn imdb_ids<'f>(films: impl IntoIterator<Item = &'f NamedFilm>) -> Vec<String> {
    let mut ids: Vec<String> = films
        .into_iter()
        .filter_map(|film| film.imdb_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn uncertain(hits: Vec<&Hit>) -> FilmMatch {
    let mut candidates: Vec<Candidate> = Vec::new();
    for hit in hits {
        if candidates.len() == CANDIDATES {
            break;
        }
        if !candidates.iter().any(|seen| seen.id == hit.id) {
            candidates.push(Candidate {
                id: hit.id.clone(),
                label: hit.label.clone(),
                year: hit.year,
            });
        }
    }
    if candidates.is_empty() {
        FilmMatch::Unmatched
    } else {
        FilmMatch::Uncertain(candidates)
    }
}
