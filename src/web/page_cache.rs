//! Rendered answers kept in memory, for the readers who share them: a page
//! asked for without a member's session or a visitor's form token is kept
//! under its address and its reader's language and names, with the store's
//! clock as it read before rendering and the search index's position.
//!
//! Every request reads the clock (one small query). While it reads the
//! same, a kept page is served as it is. When it moved (any write, through
//! any instance or the command line, moves it in its own transaction:
//! migration 18), the instance reads once what the writes since touched
//! (migration 19, `kinora_store::built_from`), and a kept page stays if
//! it was built only from entities none of them touched: an entity's page
//! and its API answer say so (`ByWhatItRead`) and are kept with the
//! topics of every entity they read (and they read nothing from the
//! search index). Any other page renders again after any write, and once
//! the search index has moved. Nothing is kept longer than a minute, for what moves with
//! time alone (what is on today, "3 days ago"). When many readers ask at
//! once for a page not kept (the moment after a write), one renders it and
//! the others wait for it.
//!
//! Parts of pages that do not depend on the reader (an entity's page
//! without its community part: `part`) are kept the same way, by what they
//! read, for every request, a member's too: a member's page, never kept
//! whole, is built around them, and so is a page rendered again after a
//! review touched only its community.
//!
//! Bounded by bytes (quick_cache, weighted by the body's size; parts by
//! number); hits, misses, pages found changed and evictions are counted on
//! /metrics.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Request};
use kinora_store::built_from::{self, Topics, Touched};

use super::http_cache::{Coding, compress};

/// How long a kept answer may be served at most, whatever the clock says.
pub const LIFETIME: Duration = Duration::from_secs(60);

/// The memory the cache may take by default, in MiB.
pub const DEFAULT_MIB: u64 = 64;

/// Answers larger than this are not kept.
const LARGEST_KEPT: usize = 2 << 20;

/// An answer as rendered, its tag, and its compressed forms once asked for.
pub struct Page {
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The strong tag of the uncompressed body, quoted.
    pub tag: String,
    pub compressible: bool,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl Page {
    pub fn new(headers: HeaderMap, body: Bytes, tag: String, compressible: bool) -> Page {
        Page {
            headers,
            body,
            tag,
            compressible,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    /// The body in a coding: compressed the first time it is asked for,
    /// then kept with the page. Falls back to the plain body if the
    /// compressor fails.
    pub fn body_in(&self, coding: Coding) -> (Bytes, Coding) {
        let slot = match coding {
            Coding::Identity => return (self.body.clone(), Coding::Identity),
            Coding::Brotli => &self.brotli,
            Coding::Gzip => &self.gzip,
        };
        if let Some(body) = slot.get() {
            return (body.clone(), coding);
        }
        match compress(&self.body, coding) {
            Ok(compressed) => (slot.get_or_init(|| Bytes::from(compressed)).clone(), coding),
            Err(error) => {
                tracing::warn!("could not compress an answer: {error}");
                (self.body.clone(), Coding::Identity)
            }
        }
    }
}

/// The store's clock as the request read it before anything else (put in
/// the request's extensions for the handler, when it was read).
#[derive(Clone, Copy, Debug)]
pub struct StoreClock(pub i64);

/// Put in a response's extensions by a handler whose every read of the
/// store notes what it read (`kinora_store::built_from`): its page is kept
/// until one of those entities is touched, not until any write.
#[derive(Clone, Copy, Debug)]
pub struct ByWhatItRead;

/// What is kept under a key: a page to share, or word that the answer was
/// not one to share (a 404, one that sets a cookie, one too large), so
/// that readers asking at once each render their own instead of waiting
/// in turn; with the clock it was built at and what it was built from.
#[derive(Clone)]
struct Kept {
    page: Option<Arc<Page>>,
    /// The store's clock, read before it was rendered.
    built: i64,
    /// The search index's position then.
    index: i64,
    /// The topics of what it read; None: it may show anything, and any
    /// write makes it old.
    topics: Option<Arc<Topics>>,
    made: Instant,
}

/// The weight of a kept page: its bytes, with room for its compressed
/// forms (a quarter each, about), fixed when it is kept.
#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Kept> for Weight {
    fn weight(&self, key: &String, kept: &Kept) -> u64 {
        let topics = kept.topics.as_ref().map_or(0, |topics| {
            topics.iter().map(|topic| topic.len() + 48).sum::<usize>()
        });
        let body = kept.page.as_ref().map_or(0, |page| {
            let compressed = if page.compressible {
                page.body.len() / 2
            } else {
                0
            };
            page.body.len() + compressed
        });
        (key.len() + body + topics + 512) as u64
    }
}

/// Counts the pages pushed out to make room.
#[derive(Clone, Default)]
struct Evictions;

impl quick_cache::Lifecycle<String, Kept> for Evictions {
    type RequestState = ();

    fn begin_request(&self) -> Self::RequestState {}

    fn on_evict(&self, _state: &mut Self::RequestState, _key: String, _kept: Kept) {
        metrics::counter!("kinora_page_cache_evictions_total").increment(1);
    }
}

type Entries =
    quick_cache::sync::Cache<String, Kept, Weight, quick_cache::DefaultHashBuilder, Evictions>;

type Placeholder<'a> = quick_cache::sync::PlaceholderGuard<
    'a,
    String,
    Kept,
    Weight,
    quick_cache::DefaultHashBuilder,
    Evictions,
>;

/// What the cache says to a request it may answer.
pub enum Lookup<'a> {
    /// The page, kept (or rendered meanwhile by another request).
    Hit(Arc<Page>),
    /// Not kept: this request renders it, and the others asking for it
    /// meanwhile wait for what it renders instead of rendering it too
    /// (the moment after a write, when every reader misses at once).
    Render(Turn<'a>),
    /// Render, and keep nothing: the answer here is not one to share.
    Pass,
}

/// A request's turn to render a page others wait for. Dropped without a
/// word (the client went away), the turn passes to one of them.
pub struct Turn<'a> {
    placeholder: Placeholder<'a>,
    /// The clock read before rendering.
    built: i64,
    index: i64,
}

impl Turn<'_> {
    /// Keeps the rendered page, or word that it is not one to share; those
    /// waiting have it at once. `topics`: what the page was built from, if
    /// it says (`ByWhatItRead`).
    pub fn keep(self, page: Option<Arc<Page>>, topics: Option<Topics>) {
        let page = page.filter(|page| page.body.len() <= LARGEST_KEPT);
        let _ = self.placeholder.insert(Kept {
            topics: topics.filter(|_| page.is_some()).map(Arc::new),
            page,
            built: self.built,
            index: self.index,
            made: Instant::now(),
        });
    }
}

/// The most touched topics an instance remembers; past it, every page
/// kept so far is taken as old (and the memory freed).
const MOST_REMEMBERED: usize = 100_000;

/// What this instance knows of the writes since it started: up to which
/// clock it has read their touches, the clock before which every kept
/// page is old, and each topic touched after that with its last touch.
struct Seen {
    upto: Option<i64>,
    floor: i64,
    last: HashMap<String, i64>,
}

/// The writes' touches as this instance has read them.
struct Touches {
    /// Held while reading them from the store, so that one request reads
    /// them for all.
    reading: tokio::sync::Mutex<()>,
    seen: RwLock<Seen>,
}

impl Touches {
    fn new() -> Touches {
        Touches {
            reading: tokio::sync::Mutex::new(()),
            seen: RwLock::new(Seen {
                upto: None,
                floor: i64::MIN,
                last: HashMap::new(),
            }),
        }
    }

    fn upto(&self) -> Option<i64> {
        self.seen.read().map_or(None, |seen| seen.upto)
    }

    /// Learns what the writes after the last clock it knew, up to `clock`,
    /// touched (an error: everything).
    fn learn(&self, clock: i64, touched: kinora_store::Result<Touched>) {
        let Ok(mut seen) = self.seen.write() else {
            return;
        };
        if seen.upto.is_some_and(|upto| upto >= clock) {
            return;
        }
        match touched {
            Ok(touched) if !touched.everything && seen.upto.is_some() => {
                for (at, topic) in touched.topics {
                    let last = seen.last.entry(topic).or_insert(at);
                    *last = (*last).max(at);
                }
            }
            _ => {
                seen.floor = clock;
                seen.last.clear();
            }
        }
        if seen.last.len() > MOST_REMEMBERED {
            seen.floor = clock;
            seen.last = HashMap::new();
        }
        seen.upto = Some(clock);
    }

    /// Whether a kept page still shows what a request that read `clock`
    /// (and caught up to it) and the search index at `index` must see.
    fn holds(&self, kept: &Kept, clock: i64, index: i64) -> bool {
        match &kept.topics {
            None => kept.built >= clock && kept.index == index,
            Some(topics) => self.untouched(kept.built, topics, clock),
        }
    }

    /// Whether no write after `built`, up to `clock`, touched `topics`.
    fn untouched(&self, built: i64, topics: &Topics, clock: i64) -> bool {
        if built >= clock {
            return true;
        }
        let Ok(seen) = self.seen.read() else {
            return false;
        };
        built >= seen.floor
            && topics
                .iter()
                .all(|topic| seen.last.get(topic).is_none_or(|&at| at <= built))
    }
}

/// A part of a page kept for every reader, with what it read.
#[derive(Clone)]
struct KeptPart {
    value: Arc<dyn Any + Send + Sync>,
    built: i64,
    topics: Arc<Topics>,
    made: Instant,
}

/// About what a kept part takes (an entity's page as gathered, before it
/// is rendered), to bound the parts by number.
const PART_BYTES: u64 = 128 << 10;

/// The cache of one instance. Off when built with no memory.
#[derive(Clone)]
pub struct PageCache {
    entries: Option<Arc<Entries>>,
    parts: Option<Arc<quick_cache::sync::Cache<String, KeptPart>>>,
    touches: Arc<Touches>,
}

impl Default for PageCache {
    fn default() -> PageCache {
        PageCache::with_mib(DEFAULT_MIB)
    }
}

impl PageCache {
    /// A cache of at most `mib` MiB of answers; none at all with 0.
    pub fn with_mib(mib: u64) -> PageCache {
        let bytes = mib << 20;
        let entries = (bytes > 0).then(|| {
            Arc::new(Entries::with(
                // Pages of some 20 to 100 KB, about.
                (bytes / 32_768).max(16) as usize,
                bytes,
                Weight,
                quick_cache::DefaultHashBuilder::default(),
                Evictions,
            ))
        });
        let parts = (bytes > 0).then(|| {
            Arc::new(quick_cache::sync::Cache::new(
                (bytes / PART_BYTES).max(16) as usize
            ))
        });
        PageCache {
            entries,
            parts,
            touches: Arc::new(Touches::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// Reads, once for every request that waits meanwhile, what the writes
    /// touched since the clock this instance knows, up to `clock`.
    pub async fn catch_up(&self, store: &kinora_store::Store, clock: i64) {
        if self.entries.is_none() || self.touches.upto().is_some_and(|upto| upto >= clock) {
            return;
        }
        let _reading = self.touches.reading.lock().await;
        let Some(after) = self.touches.upto() else {
            self.touches.learn(clock, Ok(Touched::default()));
            return;
        };
        if after >= clock {
            return;
        }
        self.touches.learn(clock, store.touched(after, clock).await);
    }

    /// The kept answer under `key` if it still holds at the store's `clock`
    /// (`catch_up` to it first) and the search index's position `index`,
    /// or this request's turn to render it.
    pub async fn lookup(&self, key: &str, clock: i64, index: i64) -> Lookup<'_> {
        let Some(entries) = self.entries.as_ref() else {
            return Lookup::Pass;
        };
        let mut attempts = 0;
        loop {
            attempts += 1;
            match entries.get_value_or_guard_async(key).await {
                Ok(kept)
                    if kept.made.elapsed() < LIFETIME
                        && self.touches.holds(&kept, clock, index) =>
                {
                    let Some(page) = kept.page else {
                        return Lookup::Pass;
                    };
                    metrics::counter!("kinora_page_cache_requests_total", "outcome" => "hit")
                        .increment(1);
                    return Lookup::Hit(page);
                }
                // Old (a write touched what it shows, or it was kept too
                // long for what moves with time alone): made anew.
                Ok(old) if attempts < 3 => {
                    metrics::counter!("kinora_page_cache_requests_total", "outcome" => "changed")
                        .increment(1);
                    entries.remove_if(key, |kept| kept.made == old.made && kept.built == old.built);
                }
                Ok(_) => return Lookup::Pass,
                Err(placeholder) => {
                    metrics::counter!("kinora_page_cache_requests_total", "outcome" => "miss")
                        .increment(1);
                    return Lookup::Render(Turn {
                        placeholder,
                        built: clock,
                        index,
                    });
                }
            }
        }
    }

    /// A part of a page that does not depend on who reads it, under `key`
    /// (which names the reader's language): kept if no write up to `clock`
    /// (`catch_up` to it first) touched what it read, else built by
    /// `build` and kept. Either way its topics are noted for the page
    /// being built around it.
    pub async fn part<T, E, Build, Built>(
        &self,
        key: &str,
        clock: i64,
        build: Build,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        Build: FnOnce() -> Built,
        Built: Future<Output = Result<T, E>>,
    {
        let Some(parts) = self.parts.as_ref() else {
            return build().await.map(Arc::new);
        };
        if let Some(kept) = parts.get(key)
            && kept.made.elapsed() < LIFETIME
            && self.touches.untouched(kept.built, &kept.topics, clock)
            && let Ok(value) = kept.value.downcast::<T>()
        {
            built_from::note_all(&kept.topics);
            metrics::counter!("kinora_page_cache_parts_total", "outcome" => "hit").increment(1);
            return Ok(value);
        }
        metrics::counter!("kinora_page_cache_parts_total", "outcome" => "built").increment(1);
        let (value, topics) = built_from::recording(build()).await;
        let value = Arc::new(value?);
        built_from::note_all(&topics);
        parts.insert(
            key.to_owned(),
            KeptPart {
                value: value.clone(),
                built: clock,
                topics: Arc::new(topics),
                made: Instant::now(),
            },
        );
        Ok(value)
    }

    /// How many answers and bytes are kept now.
    pub fn size(&self) -> (usize, u64) {
        self.entries
            .as_ref()
            .map_or((0, 0), |entries| (entries.len(), entries.weight()))
    }
}

/// The key a request's answer is kept under, or None when it is not to be
/// shared: not a `GET`, or an address whose answer is per instance or per
/// moment. A member's or a visitor's own request is not asked about (see
/// `http_cache::personal`).
pub fn key_of<B>(request: &Request<B>) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let headers = request.headers();
    let path = request.uri().path();
    if matches!(path, "/healthz" | "/readyz")
        || path.starts_with("/me/")
        || path.starts_with("/settings")
        || path.starts_with("/static/")
        || path.starts_with("/pictures/")
    {
        return None;
    }
    let query = request.uri().query();
    let chosen = super::reading::chosen(headers, query);
    Some(format!(
        "{}?{}\u{1f}{}\u{1f}{}\u{1f}{}{}",
        path,
        query.unwrap_or_default(),
        chosen.reader.lang.tag(),
        chosen.reader.names.code(),
        u8::from(chosen.lang_chosen),
        u8::from(chosen.names_chosen),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &'static str) -> Arc<Page> {
        Arc::new(Page::new(
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
            tag_of(body.as_bytes()),
            false,
        ))
    }

    use super::super::http_cache::tag_of;

    fn touching(clock: i64, topics: &[&str]) -> kinora_store::Result<Touched> {
        Ok(Touched {
            topics: topics
                .iter()
                .map(|topic| (clock, (*topic).to_owned()))
                .collect(),
            everything: false,
        })
    }

    /// A page kept with what it read stays through writes that touch
    /// something else, and goes with the first that touches what it shows,
    /// or with one that cannot say what it touched.
    #[tokio::test]
    async fn a_page_goes_when_what_it_shows_is_touched() {
        let cache = PageCache::with_mib(1);
        let crossing = "/films/crossing-2008";
        let read: Topics = ["film/crossing-2008", "person/cha-in-pyo"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        cache.touches.learn(10, Ok(Touched::default()));
        let Lookup::Render(turn) = cache.lookup(crossing, 10, 0).await else {
            panic!("not kept yet");
        };
        turn.keep(Some(page("crossing")), Some(read.clone()));
        // Another film's review, another person renamed: still kept.
        cache
            .touches
            .learn(12, touching(12, &["film/other-1999", "person/someone"]));
        assert!(matches!(
            cache.lookup(crossing, 12, 0).await,
            Lookup::Hit(_)
        ));
        // It reads nothing from the search index: the index moving leaves it.
        assert!(matches!(
            cache.lookup(crossing, 12, 1).await,
            Lookup::Hit(_)
        ));
        // Its lead renamed: made anew, and kept again from then.
        cache
            .touches
            .learn(13, touching(13, &["person/cha-in-pyo"]));
        let Lookup::Render(turn) = cache.lookup(crossing, 13, 0).await else {
            panic!("a page showing a renamed person was served");
        };
        turn.keep(Some(page("crossing, renamed")), Some(read.clone()));
        assert!(matches!(
            cache.lookup(crossing, 13, 0).await,
            Lookup::Hit(_)
        ));
        // A write that touched nothing it could name: everything goes.
        cache.touches.learn(
            15,
            Ok(Touched {
                topics: Vec::new(),
                everything: true,
            }),
        );
        assert!(matches!(
            cache.lookup(crossing, 15, 0).await,
            Lookup::Render(_)
        ));
    }

    /// The moment after a write every reader misses at once: one renders,
    /// the others wait and are given what it rendered.
    #[tokio::test]
    async fn readers_asking_at_once_wait_for_one_render() {
        let cache = PageCache::with_mib(1);
        cache.touches.learn(7, Ok(Touched::default()));
        let Lookup::Render(turn) = cache.lookup("/films/crossing-2008", 7, 0).await else {
            panic!("the first reader renders");
        };
        let waiting = {
            let cache = cache.clone();
            tokio::spawn(async move {
                match cache.lookup("/films/crossing-2008", 7, 0).await {
                    Lookup::Hit(page) => page.body.clone(),
                    _ => panic!("the second reader waits for the first"),
                }
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "waits while the page is rendered");
        turn.keep(Some(page("rendered once")), None);
        assert_eq!(waiting.await.unwrap(), "rendered once");
        // A page that did not say what it read is old after any write.
        cache.touches.learn(8, touching(8, &["film/other-1999"]));
        assert!(matches!(
            cache.lookup("/films/crossing-2008", 8, 0).await,
            Lookup::Render(_)
        ));
    }

    /// An answer not to share (a 404, one setting a cookie) is not kept,
    /// and the readers who waited for it render their own at once.
    #[tokio::test]
    async fn an_answer_not_to_share_lets_the_others_render_their_own() {
        let cache = PageCache::with_mib(1);
        cache.touches.learn(3, Ok(Touched::default()));
        let Lookup::Render(turn) = cache.lookup("/sign-in", 3, 0).await else {
            panic!("the first reader renders");
        };
        let waiting = {
            let cache = cache.clone();
            tokio::spawn(
                async move { matches!(cache.lookup("/sign-in", 3, 0).await, Lookup::Pass) },
            )
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        turn.keep(None, None);
        assert!(waiting.await.unwrap());
        assert!(matches!(cache.lookup("/sign-in", 3, 0).await, Lookup::Pass));
        assert!(matches!(
            PageCache::with_mib(0).lookup("/", 1, 0).await,
            Lookup::Pass
        ));
    }
}
