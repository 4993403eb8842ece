//! Rendered answers kept in memory, for the readers who share them: a page
//! asked for without a member's session or a visitor's form token is kept
//! under its address, its reader's language and names, and the search
//! index's position, with the store's clock as it read before rendering.
//! The next such request reads the clock (one small query) and is answered
//! from memory while the clock still reads the same; any write, made
//! through any instance or the command line, moves the clock in its own
//! transaction (migration 18), so the next request renders again. Nothing
//! is kept longer than a minute, for what moves with time alone (what is
//! on today, "3 days ago").
//!
//! Bounded by bytes (quick_cache, weighted by the body's size); hits,
//! misses and evictions are counted on /metrics.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Request};

use super::http_cache::{Coding, compress};

/// How long a kept answer may be served at most, whatever the clock says.
pub const LIFETIME: Duration = Duration::from_secs(60);

/// The memory the cache may take by default, in MiB.
pub const DEFAULT_MIB: u64 = 64;

/// Answers larger than this are not kept.
const LARGEST_KEPT: usize = 2 << 20;

/// An answer as rendered, its tag, and its compressed forms once asked for.
pub struct Page {
    /// The store's clock as read before the answer was rendered.
    pub clock: Option<i64>,
    pub made: Instant,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The strong tag of the uncompressed body, quoted.
    pub tag: String,
    pub compressible: bool,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl Page {
    pub fn new(
        clock: Option<i64>,
        headers: HeaderMap,
        body: Bytes,
        tag: String,
        compressible: bool,
    ) -> Page {
        Page {
            clock,
            made: Instant::now(),
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

    /// Whether the page may still answer a request that read `clock`.
    fn fresh_at(&self, clock: i64) -> bool {
        self.clock == Some(clock) && self.made.elapsed() < LIFETIME
    }
}

/// The weight of a kept page: its bytes, with room for its compressed
/// forms (a quarter each, about), fixed when it is kept.
#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Arc<Page>> for Weight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        let compressed = if page.compressible {
            page.body.len() / 2
        } else {
            0
        };
        (key.len() + page.body.len() + compressed + 512) as u64
    }
}

/// Counts the pages pushed out to make room.
#[derive(Clone, Default)]
struct Evictions;

impl quick_cache::Lifecycle<String, Arc<Page>> for Evictions {
    type RequestState = ();

    fn begin_request(&self) -> Self::RequestState {}

    fn on_evict(&self, _state: &mut Self::RequestState, _key: String, _page: Arc<Page>) {
        metrics::counter!("kinora_page_cache_evictions_total").increment(1);
    }
}

type Entries =
    quick_cache::sync::Cache<String, Arc<Page>, Weight, quick_cache::DefaultHashBuilder, Evictions>;

/// The cache of one instance. Off when built with no memory.
#[derive(Clone)]
pub struct PageCache {
    entries: Option<Arc<Entries>>,
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
        PageCache { entries }
    }

    pub fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// The kept answer under `key`, if it may still answer at `clock`.
    pub fn get(&self, key: &str, clock: i64) -> Option<Arc<Page>> {
        let entries = self.entries.as_ref()?;
        let found = entries.get(key).filter(|page| page.fresh_at(clock));
        let outcome = if found.is_some() { "hit" } else { "miss" };
        metrics::counter!("kinora_page_cache_requests_total", "outcome" => outcome).increment(1);
        found
    }

    /// Keeps an answer rendered after the clock was read.
    pub fn keep(&self, key: String, page: Arc<Page>) {
        if let Some(entries) = &self.entries
            && page.clock.is_some()
            && page.body.len() <= LARGEST_KEPT
        {
            entries.insert(key, page);
        }
    }

    /// How many answers and bytes are kept now.
    pub fn size(&self) -> (usize, u64) {
        self.entries
            .as_ref()
            .map_or((0, 0), |entries| (entries.len(), entries.weight()))
    }
}

/// The key a request's answer is kept under, or None when it is not to be
/// shared: not a `GET`, a member's or a visitor's own request, or an
/// address whose answer is per instance or per moment.
pub fn key_of<B>(request: &Request<B>, index_position: i64) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let headers = request.headers();
    if super::http_cache::personal(headers) {
        return None;
    }
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
        "{}?{}\u{1f}{}\u{1f}{}\u{1f}{}{}\u{1f}{index_position}",
        path,
        query.unwrap_or_default(),
        chosen.reader.lang.tag(),
        chosen.reader.names.code(),
        u8::from(chosen.lang_chosen),
        u8::from(chosen.names_chosen),
    ))
}
