//! Kinora's search index: films, people, companies and sources under every
//! name they have, in every script and spelling.
//!
//! The index is derived data. It is built from the store's entities
//! ([`Document::from_entity`]) and remembers the number of the last change
//! it reflects (its *position*), so that it can catch up from the store's
//! edit log, or be deleted and rebuilt. This crate does no IO other than the
//! index's own files; the root crate feeds it.
//!
//! How a query ranks (see [`Tier`]): a name spelled as asked (ignoring case,
//! accents, spaces and punctuation) above another spelling of the same name
//! (another romanization, Hangul, the other name order), above names with
//! every word of the query, above names with every word within a few typos;
//! a primary name above an alias; then the more popular entity (credits,
//! votes, citations).

mod analysis;

use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use kinora_core::Entity;
use kinora_core::names::is_cjk;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, Value,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use analysis::{Analysis, MatchKind, edit_distance, prefixes, typo_budget};

/// Bumped whenever the schema or what is indexed changes: an index of
/// another version is rebuilt.
const VERSION: u32 = 4;

/// The longest prefix indexed for suggestions, in characters.
pub const PREFIX_MAX: usize = 12;
/// The longest query, in characters, that is analysed; the rest of a longer
/// text is not looked at. Every film, person and company name fits
/// (the longest title in IMDb's datasets has about 200), and with it the
/// cost of a search is bounded whatever it is asked: a match of a title
/// imported from a member's file, say.
pub const QUERY_MAX: usize = 256;
/// The longest name (without spaces) matched whole within a few typos, and
/// the longest word matched within a few typos. A typo automaton grows with
/// the length of its word; past these, only exact ways to match are tried.
pub const FUZZY_NAME_MAX: usize = 64;
pub const FUZZY_WORD_MAX: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("search index: the writer is unusable after an earlier failure")]
    Poisoned,
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// What the index knows about one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
    /// ISO 3166 codes: a film's countries, a person's or company's.
    pub countries: Vec<String>,
    /// ISO 3166 codes of the countries where a film can be watched.
    pub available: Vec<String>,
    /// Every name and title, the primary one first.
    pub names: Vec<String>,
    /// How many of `names` are primary (shown as the label).
    pub primary: usize,
    pub popularity: u64,
    /// A film's genres, in lower case.
    pub genres: Vec<String>,
    /// A film's languages: primary subtags (`ko`).
    pub languages: Vec<String>,
    /// A film's rating on other sites, out of 1000 (the one with the most votes).
    pub rating: Option<u64>,
}

impl Document {
    /// The document of an entity. `incoming` is how many links point at it
    /// (a person's credits); a film adds its votes on other sites and its
    /// own credits. Sources have none.
    pub fn from_entity(entity: &Entity, incoming: u64) -> Document {
        let label = entity.label();
        let mut primary = Vec::new();
        let mut aliases = Vec::new();
        for name in entity.findable_names() {
            if name.primary {
                primary.push(name.text);
            } else {
                aliases.push(name.text);
            }
        }
        let (countries, popularity) = match entity {
            Entity::Film(film) => (
                film.countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming
                    + film.ratings.iter().map(|r| r.votes).max().unwrap_or(0)
                    + film.credits.len() as u64,
            ),
            Entity::Person(person) => (
                person
                    .countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming,
            ),
            Entity::Company(company) => (
                company
                    .countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming,
            ),
            Entity::Album(_) | Entity::Venue(_) | Entity::Event(_) => (Vec::new(), incoming),
            // How often a source is cited says nothing of how often it is
            // looked for.
            Entity::Source(_) => (Vec::new(), 0),
        };
        let mut available: Vec<String> = match entity {
            Entity::Film(film) => film
                .availability
                .iter()
                .map(|offer| offer.country.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        available.sort();
        available.dedup();
        let primary_count = primary.len();
        primary.extend(aliases);
        let (mut genres, mut languages, rating) = match entity {
            Entity::Film(film) => (
                film.genres
                    .iter()
                    .map(|g| g.genre.trim().to_lowercase())
                    .collect(),
                film.languages
                    .iter()
                    .map(|l| l.language.primary().to_ascii_lowercase())
                    .collect(),
                film.ratings
                    .iter()
                    .max_by_key(|r| r.votes)
                    .filter(|r| r.best.to_f64() > 0.0)
                    .map(|r| {
                        ((r.value.to_f64() / r.best.to_f64()).clamp(0.0, 1.0) * 1000.0).round()
                            as u64
                    }),
            ),
            _ => (Vec::new(), Vec::new(), None),
        };
        genres.sort();
        genres.dedup();
        languages.sort();
        languages.dedup();
        Document {
            genres,
            languages,
            rating,
            kind: entity.kind().as_str().to_owned(),
            id: entity.id().as_str().to_owned(),
            label,
            year: entity.year(),
            countries,
            available,
            names: primary,
            primary: primary_count,
            popularity,
        }
    }

    fn key(&self) -> String {
        entity_key(&self.kind, &self.id)
    }
}

fn entity_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Search<'a> {
    pub text: &'a str,
    /// Only these kinds (`film`, `person`…); empty: every kind.
    pub kinds: Vec<String>,
    /// Only entities whose year is in this range (both ends included).
    pub years: Option<(i32, i32)>,
    /// Only entities of this country (ISO 3166 alpha-2).
    pub country: Option<String>,
    /// Only films that can be watched in this country (ISO 3166 alpha-2).
    pub available: Option<String>,
    pub limit: usize,
    /// Treat the last word as the beginning of a word, as a user types.
    pub prefix: bool,
}

/// One entity found, with the name that matched it and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
    /// The name or title the query matched (one of the entity's own).
    pub matched: String,
    #[serde(rename = "match")]
    pub how: MatchKind,
    pub score: f32,
}

/// A search runs in up to three passes, each only when the one before
/// finds too little: typo tolerance costs more than exact lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Names, spellings, words and beginnings as written.
    AsWritten,
    /// Also words the index does not know, within a few typos, and parts
    /// of Hangul or Han names.
    TypoInWords,
    /// Also the whole name within a few typos (a joined name misspelt).
    TypoInName,
}

/// The score of each way of matching; a document's score is the sum over
/// the ways it matches, plus a little for popularity. The steps are far
/// enough apart that popularity only orders hits that match alike.
pub(crate) struct Tier;

impl Tier {
    const EXACT_PRIMARY: f32 = 1000.0;
    pub(crate) const EXACT_ALIAS: f32 = 900.0;
    const SPELLING_PRIMARY: f32 = 600.0;
    pub(crate) const SPELLING_ALIAS: f32 = 500.0;
    const WHOLE_FUZZY: f32 = 250.0;
    const WHOLE_FUZZY_CLOSER: f32 = 50.0;
    /// Taken off a hit found despite typos, per edit between the query and
    /// its name.
    const PER_EDIT: f32 = 10.0;
    const CJK_PART: f32 = 150.0;
    const WORD: f32 = 40.0;
    const WORD_FUZZY: f32 = 20.0;
    const WORD_FUZZY_CLOSER: f32 = 10.0;
    const WORD_PREFIX: f32 = 15.0;
    const WHOLE_PREFIX: f32 = 100.0;
    /// Popularity adds at most about `weight × ln(10⁷)`.
    const POPULARITY: f32 = 0.5;
    const POPULARITY_SUGGEST: f32 = 3.0;
}

#[derive(Clone, Copy)]
struct Fields {
    entity: Field,
    kind: Field,
    id: Field,
    label: Field,
    year: Field,
    country: Field,
    available: Field,
    name: Field,
    primary: Field,
    exact_primary: Field,
    exact_alias: Field,
    key_primary: Field,
    key_alias: Field,
    word: Field,
    prefix: Field,
    start: Field,
    bigram: Field,
    popularity: Field,
    genre: Field,
    language: Field,
    rating: Field,
    newest: Field,
    oldest: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        entity: builder.add_text_field("entity", STRING),
        kind: builder.add_text_field("kind", STRING | STORED),
        id: builder.add_text_field("id", STORED),
        label: builder.add_text_field("label", STORED),
        year: builder.add_i64_field("year", INDEXED | STORED | FAST),
        country: builder.add_text_field("country", STRING),
        available: builder.add_text_field("available", STRING),
        name: builder.add_text_field("name", STORED),
        primary: builder.add_u64_field("primary", STORED),
        exact_primary: builder.add_text_field("exact_primary", STRING),
        exact_alias: builder.add_text_field("exact_alias", STRING),
        key_primary: builder.add_text_field("key_primary", STRING),
        key_alias: builder.add_text_field("key_alias", STRING),
        word: builder.add_text_field("word", STRING),
        prefix: builder.add_text_field("prefix", STRING),
        start: builder.add_text_field("start", STRING),
        bigram: builder.add_text_field("bigram", STRING),
        popularity: builder.add_u64_field("popularity", FAST),
        genre: builder.add_text_field("genre", STRING),
        language: builder.add_text_field("language", STRING),
        rating: builder.add_u64_field("rating", FAST),
        // The year as the orders of a list read it, an entity without one
        // last in both: newest first, oldest first.
        newest: builder.add_i64_field("newest", FAST),
        oldest: builder.add_i64_field("oldest", FAST),
    };
    (builder.build(), fields)
}

/// What the index's last commit says about it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Payload {
    version: u32,
    /// The last change of the store it reflects.
    position: i64,
    /// False while a rebuild is under way: an index left so by a crash is
    /// rebuilt.
    complete: bool,
}

/// The search index, on disk or in memory. Searches run concurrently; one
/// writer at a time.
pub struct SearchIndex {
    reader: IndexReader,
    /// Made on the first write, so that a process that only searches
    /// can open an index another process writes to.
    writer: Mutex<Option<IndexWriter>>,
    index: Index,
    fields: Fields,
    position: AtomicI64,
    /// Whether the index must be rebuilt before it can be trusted (new,
    /// of another version, or a rebuild was interrupted).
    stale: std::sync::atomic::AtomicBool,
}

/// Memory for the writer's buffers: more is faster for big rebuilds.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, creating it if there is none. An index of
    /// another version is removed and made anew (and [`needs_rebuild`]).
    ///
    /// [`needs_rebuild`]: SearchIndex::needs_rebuild
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let io = |source| SearchError::Io {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema();
        if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir)?;
            let payload = read_payload(&index)?;
            if payload.is_some_and(|p| p.version == VERSION) && index.schema() == schema {
                return SearchIndex::with(index, fields, payload);
            }
            drop(index);
            std::fs::remove_dir_all(dir).map_err(io)?;
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let index = Index::create_in_dir(dir, schema)?;
        SearchIndex::with(index, fields, None)
    }

    /// An index in memory, for tests and the demo.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema();
        SearchIndex::with(Index::create_in_ram(schema), fields, None)
    }

    fn with(index: Index, fields: Fields, payload: Option<Payload>) -> Result<SearchIndex> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let stale = !payload.is_some_and(|p| p.complete);
        Ok(SearchIndex {
            reader,
            writer: Mutex::new(None),
            index,
            fields,
            position: AtomicI64::new(payload.map_or(0, |p| p.position)),
            stale: stale.into(),
        })
    }

    /// The last change of the store the index reflects.
    pub fn position(&self) -> i64 {
        self.position.load(Ordering::SeqCst)
    }

    /// Whether the index must be rebuilt from the store before use.
    pub fn needs_rebuild(&self) -> bool {
        self.stale.load(Ordering::SeqCst)
    }

    /// How many entities the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings entities up to date and removes others, then commits with
    /// the store's change `position`. Each document replaces the entity's
    /// earlier one.
    pub fn apply(
        &self,
        documents: &[Document],
        removed: &[(String, String)],
        position: i64,
    ) -> Result<()> {
        let guard = self.writer()?;
        let writer = guard.as_ref().ok_or(SearchError::Poisoned)?;
        for (kind, id) in removed {
            writer.delete_term(Term::from_field_text(
                self.fields.entity,
                &entity_key(kind, id),
            ));
        }
        self.add_locked(writer, documents, true)?;
        let stale = self.needs_rebuild();
        self.commit_locked(guard, position, !stale)
    }

    /// Starts a rebuild: removes every entity. Add them back with
    /// [`add`](SearchIndex::add) and end with [`finish`](SearchIndex::finish).
    /// Until then the index reads as needing a rebuild, even after a crash.
    pub fn clear(&self, position: i64) -> Result<()> {
        let guard = self.writer()?;
        let writer = guard.as_ref().ok_or(SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        // Segments are merged once, at the end.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        self.stale.store(true, Ordering::SeqCst);
        self.commit_locked(guard, position, false)
    }

    /// Adds documents of entities not in the index (during a rebuild), not
    /// yet committed.
    pub fn add(&self, documents: &[Document]) -> Result<()> {
        let guard = self.writer()?;
        self.add_locked(
            guard.as_ref().ok_or(SearchError::Poisoned)?,
            documents,
            false,
        )
    }

    /// Ends a rebuild: commits what was added, as of change `position`,
    /// and merges it into one segment, which searches fastest.
    pub fn finish(&self, position: i64) -> Result<()> {
        let guard = self.writer()?;
        self.commit_locked(guard, position, false)?;
        let mut guard = self.writer()?;
        let writer = guard.as_mut().ok_or(SearchError::Poisoned)?;
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.set_merge_policy(Box::new(tantivy::indexer::LogMergePolicy::default()));
        self.commit_locked(guard, position, true)?;
        self.stale.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// The writer, made when first needed. Fails when another process
    /// writes to the index.
    fn writer(&self) -> Result<std::sync::MutexGuard<'_, Option<IndexWriter>>> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        if writer.is_none() {
            let threads = std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1)
                .clamp(1, 4);
            *writer = Some(self.index.writer_with_num_threads(threads, WRITER_MEMORY)?);
        }
        Ok(writer)
    }

    fn add_locked(
        &self,
        writer: &IndexWriter,
        documents: &[Document],
        replace: bool,
    ) -> Result<()> {
        for document in documents {
            if replace {
                writer.delete_term(Term::from_field_text(self.fields.entity, &document.key()));
            }
            writer.add_document(self.tantivy_document(document))?;
        }
        Ok(())
    }

    fn commit_locked(
        &self,
        mut writer: std::sync::MutexGuard<'_, Option<IndexWriter>>,
        position: i64,
        complete: bool,
    ) -> Result<()> {
        let payload = Payload {
            version: VERSION,
            position,
            complete,
        };
        let Some(writer_ref) = writer.as_mut() else {
            return Err(SearchError::Poisoned);
        };
        let mut commit = writer_ref.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(&payload).unwrap_or_default());
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        self.position.store(position, Ordering::SeqCst);
        Ok(())
    }

    fn tantivy_document(&self, document: &Document) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.entity, document.key());
        doc.add_text(f.kind, &document.kind);
        doc.add_text(f.id, &document.id);
        doc.add_text(f.label, &document.label);
        if let Some(year) = document.year {
            doc.add_i64(f.year, i64::from(year));
        }
        for country in &document.countries {
            doc.add_text(f.country, country.to_ascii_uppercase());
        }
        for country in &document.available {
            doc.add_text(f.available, country.to_ascii_uppercase());
        }
        doc.add_u64(f.primary, document.primary as u64);
        doc.add_u64(f.popularity, document.popularity);
        for genre in &document.genres {
            doc.add_text(f.genre, genre);
        }
        for language in &document.languages {
            doc.add_text(f.language, language);
        }
        if let Some(rating) = document.rating {
            doc.add_u64(f.rating, rating);
        }
        let year = document.year.map(i64::from);
        doc.add_i64(f.newest, year.unwrap_or(i64::MIN));
        doc.add_i64(f.oldest, year.map_or(i64::MIN, |year| -year));
        let mut seen = std::collections::HashSet::new();
        for (index, name) in document.names.iter().enumerate() {
            let primary = index < document.primary;
            doc.add_text(f.name, name);
            let analysis = Analysis::of_name(name);
            if !analysis.compact.is_empty() {
                let field = if primary {
                    f.exact_primary
                } else {
                    f.exact_alias
                };
                doc.add_text(field, &analysis.compact);
            }
            for key in &analysis.keys {
                let field = if primary { f.key_primary } else { f.key_alias };
                doc.add_text(field, key);
            }
            for word in &analysis.words {
                if seen.insert(("w", word.clone())) {
                    doc.add_text(f.word, word);
                }
            }
            for start in prefixes(&analysis.compact) {
                if seen.insert(("s", start.clone())) {
                    doc.add_text(f.start, start);
                }
            }
            for prefix in analysis.word_prefixes() {
                if seen.insert(("p", prefix.clone())) {
                    doc.add_text(f.prefix, prefix);
                }
            }
            for gram in &analysis.bigrams {
                if seen.insert(("b", gram.clone())) {
                    doc.add_text(f.bigram, gram);
                }
            }
        }
        doc
    }

    /// The best hits for a search, best first.
    pub fn search(&self, search: &Search<'_>) -> Result<Vec<Hit>> {
        let analysis = Analysis::of_query(search.text);
        if analysis.is_empty() || search.limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        // Most queries are spelled right: first without typos, which is
        // cheap; with them only when that finds too little, or at once when
        // a word is one the index does not know (the unfinished last word
        // of a suggestion aside).
        let typed = if search.prefix {
            analysis.words.len().saturating_sub(1)
        } else {
            analysis.words.len()
        };
        let unknown_word = analysis.words[..typed].iter().any(|word| {
            typo_budget(word) > 0
                && searcher
                    .doc_freq(&Term::from_field_text(self.fields.word, word))
                    .is_ok_and(|count| count == 0)
        });
        let words = analysis.words.len() as f32;
        let mut top = Vec::new();
        let mut passes = vec![
            (Pass::AsWritten, Tier::WORD * words),
            (Pass::TypoInWords, Tier::WORD_FUZZY * words),
            (Pass::TypoInName, 0.0),
        ];
        if unknown_word {
            passes.remove(0);
        }
        let mut last_pass = Pass::AsWritten;
        for (pass, good) in passes {
            last_pass = pass;
            // With typos, more candidates, ranked again below.
            let limit = if pass == Pass::AsWritten {
                search.limit
            } else {
                (search.limit * 3).max(30)
            };
            top = self.top(
                &searcher,
                &self.query(&analysis, search, pass, &searcher),
                limit,
                search.prefix,
            )?;
            let enough = top.len() >= search.limit
                || top
                    .first()
                    .is_some_and(|(score, _)| *score >= Tier::SPELLING_ALIAS.min(good));
            if enough {
                break;
            }
        }
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, &analysis, search.prefix, score));
        }
        if last_pass != Pass::AsWritten {
            // Among names found despite typos, the one nearest the query as
            // a whole comes first: `Memories of Murdre` is Memories of
            // Murder, not a longer title with the same words.
            for hit in &mut hits {
                hit.score -= Tier::PER_EDIT * analysis.distance(&hit.matched).min(8) as f32;
            }
            hits.sort_by(|a, b| b.score.total_cmp(&a.score));
            hits.truncate(search.limit);
        }
        Ok(hits)
    }

    /// The best documents for a query, scored by how they match and a
    /// little by popularity.
    fn top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
        prefix: bool,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let weight = if prefix {
            Tier::POPULARITY_SUGGEST
        } else {
            Tier::POPULARITY
        };
        let collector =
            TopDocs::with_limit(limit).tweak_score(move |segment: &tantivy::SegmentReader| {
                let popularity = segment
                    .fast_fields()
                    .u64("popularity")
                    .map(|column| column.first_or_default_col(0));
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    let popular = popularity.as_ref().map_or(0, |column| column.get_val(doc));
                    score + weight * (popular as f32).ln_1p()
                }
            });
        Ok(searcher.search(query, &collector)?)
    }

    fn hit(&self, doc: &TantivyDocument, analysis: &Analysis, prefix: bool, score: f32) -> Hit {
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let names: Vec<&str> = doc
            .get_all(f.name)
            .filter_map(|value| value.as_str())
            .collect();
        let primary = doc
            .get_first(f.primary)
            .and_then(|value| value.as_u64())
            .unwrap_or(1) as usize;
        let (matched, how) = analysis.best_name(&names, primary, prefix, score);
        Hit {
            kind: text(f.kind),
            id: text(f.id),
            label: text(f.label),
            year: doc
                .get_first(f.year)
                .and_then(|value| value.as_i64())
                .and_then(|year| i32::try_from(year).ok()),
            matched: matched.to_owned(),
            how,
            score,
        }
    }

    /// The query for an analysed text, in one of the passes.
    fn query(
        &self,
        analysis: &Analysis,
        search: &Search<'_>,
        pass: Pass,
        searcher: &tantivy::Searcher,
    ) -> Box<dyn Query> {
        let f = &self.fields;
        let constant = |query: Box<dyn Query>, score: f32| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(ConstScoreQuery::new(query, score)))
        };
        let term = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let compact = analysis.compact.as_str();
        if !compact.is_empty() {
            should.push(constant(
                term(f.exact_primary, compact),
                Tier::EXACT_PRIMARY,
            ));
            should.push(constant(term(f.exact_alias, compact), Tier::EXACT_ALIAS));
            let budget = typo_budget(compact);
            // The whole name within a typo or two: in the last pass; in the
            // second, for a one-word query (which is its whole name: a name
            // that is the word ranks above names that contain it), and one
            // typo away for longer queries, which is cheap to look up and
            // tells the name meant from others with the same words.
            let budget = match pass {
                _ if compact.chars().count() > FUZZY_NAME_MAX => 0,
                Pass::AsWritten => 0,
                Pass::TypoInWords if analysis.words.len() > 1 => budget.min(1),
                Pass::TypoInWords | Pass::TypoInName => budget,
            };
            if budget > 0 {
                for field in [f.exact_primary, f.exact_alias] {
                    let fuzzy =
                        FuzzyTermQuery::new(Term::from_field_text(field, compact), budget, true);
                    should.push(constant(Box::new(fuzzy), Tier::WHOLE_FUZZY));
                    // One typo away ranks above two.
                    if budget > 1 {
                        let closer =
                            FuzzyTermQuery::new(Term::from_field_text(field, compact), 1, true);
                        should.push(constant(Box::new(closer), Tier::WHOLE_FUZZY_CLOSER));
                    }
                }
            }
            // A name that begins with the query, from three letters (one
            // Hangul or Han character) or while typing.
            if search.prefix || compact.chars().count() >= 3 || compact.chars().any(is_cjk) {
                let start: String = compact.chars().take(PREFIX_MAX).collect();
                should.push(constant(term(f.start, &start), Tier::WHOLE_PREFIX));
            }
        }
        if !analysis.keys.is_empty() {
            for (field, score) in [
                (f.key_primary, Tier::SPELLING_PRIMARY),
                (f.key_alias, Tier::SPELLING_ALIAS),
            ] {
                // A few terms, each looked up: tantivy's TermSetQuery walks
                // the term dictionary with an automaton, far slower for so
                // few.
                let any_key: Vec<(Occur, Box<dyn Query>)> = analysis
                    .keys
                    .iter()
                    .map(|key| (Occur::Should, term(field, key)))
                    .collect();
                should.push(constant(Box::new(BooleanQuery::new(any_key)), score));
            }
        }
        // While typing a first short word (`the`, `kim`), only names that
        // begin with it are suggested: the word alone is in too many names
        // to rank them all as one types.
        let short_start = search.prefix
            && analysis.words.len() == 1
            && analysis.words[0].chars().count() < if compact.chars().any(is_cjk) { 2 } else { 4 };
        if !analysis.words.is_empty() && !short_start {
            let last = analysis.words.len() - 1;
            let every_word: Vec<(Occur, Box<dyn Query>)> = analysis
                .words
                .iter()
                .enumerate()
                .map(|(index, word)| {
                    let mut ways = vec![constant(term(f.word, word), Tier::WORD)];
                    let budget = if word.chars().count() > FUZZY_WORD_MAX {
                        0
                    } else {
                        typo_budget(word)
                    };
                    let unknown = pass != Pass::AsWritten
                        && searcher
                            .doc_freq(&Term::from_field_text(f.word, word))
                            .is_ok_and(|count| count == 0);
                    if budget > 0 && unknown {
                        let fuzzy =
                            FuzzyTermQuery::new(Term::from_field_text(f.word, word), budget, true);
                        ways.push(constant(Box::new(fuzzy), Tier::WORD_FUZZY));
                        // One typo away ranks above two.
                        if budget > 1 {
                            let closer =
                                FuzzyTermQuery::new(Term::from_field_text(f.word, word), 1, true);
                            ways.push(constant(Box::new(closer), Tier::WORD_FUZZY_CLOSER));
                        }
                    }
                    // As typed, the last word may be unfinished: it is found
                    // as the beginning of any word of a name from four
                    // letters (two Hangul or Han characters), or from two
                    // after other words. Shorter, only the beginning of the
                    // whole name is looked for (above): a beginning as short
                    // as `ma` begins words of a third of all names.
                    let length = word.chars().count();
                    let cjk = word.chars().any(is_cjk);
                    let long_enough = if index > 0 {
                        length >= 2 || cjk
                    } else if cjk {
                        length >= 2
                    } else {
                        length >= 4
                    };
                    if index == last && long_enough {
                        let start: String = word.chars().take(PREFIX_MAX).collect();
                        ways.push(constant(term(f.prefix, &start), Tier::WORD_PREFIX));
                    }
                    (
                        Occur::Must,
                        Box::new(BooleanQuery::new(ways)) as Box<dyn Query>,
                    )
                })
                .collect();
            should.push((Occur::Should, Box::new(BooleanQuery::new(every_word))));
        }
        // Part of a Hangul or Han name (`로싱` of `크로싱`): a fallback,
        // like typos, for when the name as written finds too little.
        if !analysis.bigrams.is_empty() && pass != Pass::AsWritten {
            let every_pair: Vec<(Occur, Box<dyn Query>)> = analysis
                .bigrams
                .iter()
                .map(|gram| (Occur::Must, term(f.bigram, gram)))
                .collect();
            should.push(constant(
                Box::new(BooleanQuery::new(every_pair)),
                Tier::CJK_PART,
            ));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        if !search.kinds.is_empty() {
            let kinds: Vec<(Occur, Box<dyn Query>)> = search
                .kinds
                .iter()
                .map(|kind| (Occur::Should, term(f.kind, kind)))
                .collect();
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(BooleanQuery::new(kinds)),
                    0.0,
                )),
            ));
        }
        if let Some((from, to)) = search.years {
            let range = RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.year, i64::from(from))),
                Bound::Included(Term::from_field_i64(f.year, i64::from(to))),
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(range), 0.0)),
            ));
        }
        for (field, country) in [
            (f.country, &search.country),
            (f.available, &search.available),
        ] {
            if let Some(country) = country {
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(
                        term(field, &country.to_ascii_uppercase()),
                        0.0,
                    )),
                ));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

fn read_payload(index: &Index) -> Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok()))
}

mod browse;
pub use browse::{Browse, BrowseOrder, Browsed, Facet, Listed};

#[cfg(test)]
mod tests;
