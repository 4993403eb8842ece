//! Rendered answers kept in memory, for the readers who share them: a page
//! asked for without a member's session or a visitor's form token is kept
//! under its address, its reader's language and names, and the search
//! index's position, with the store's clock as it read before rendering.
//! The next such request reads the clock (one small query) and is answered
//! from memory while the clock still reads the same; any write, made
//! through any instance or the command line, moves the clock in its own
//! transaction (migration 18), so the next request renders again. Nothing
//! is kept longer than a minute, for what moves with time alone (what is
//! on today, "3 days ago"). When many readers ask at once for a page not
//! kept (the moment after a write), one renders it and the others wait
//! for it.
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
    pub fn new(headers: HeaderMap, body: Bytes, tag: String, compressible: bool) -> Page {
        Page {
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

    /// Whether the page may still be served: the clock is part of its
    /// key, so only its age is left to check.
    fn fresh(&self) -> bool {
        self.made.elapsed() < LIFETIME
    }
}

/// What is kept under a key: a page to share, or word that the answer at
/// that address and clock was not one to share (a 404, one that sets a
/// cookie, one too large), so that readers asking at once each render
/// their own instead of waiting in turn.
type Kept = Option<Arc<Page>>;

/// The weight of a kept page: its bytes, with room for its compressed
/// forms (a quarter each, about), fixed when it is kept.
#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Kept> for Weight {
    fn weight(&self, key: &String, kept: &Kept) -> u64 {
        let body = kept.as_ref().map_or(0, |page| {
            let compressed = if page.compressible {
                page.body.len() / 2
            } else {
                0
            };
            page.body.len() + compressed
        });
        (key.len() + body + 512) as u64
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
pub struct Turn<'a>(Placeholder<'a>);

impl Turn<'_> {
    /// Keeps the rendered page, or word that it is not one to share; those
    /// waiting have it at once.
    pub fn keep(self, page: Option<Arc<Page>>) {
        let page = page.filter(|page| page.body.len() <= LARGEST_KEPT);
        let _ = self.0.insert(page);
    }
}

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

    /// The kept answer under `key` as of the store's `clock`, or this
    /// request's turn to render it.
    pub async fn lookup(&self, key: &str, clock: i64) -> Lookup<'_> {
        let Some(entries) = self.entries.as_ref() else {
            return Lookup::Pass;
        };
        // The clock is part of the key: a page of an older clock is never
        // found again, and leaves as the least used.
        let key = format!("{clock}\u{1f}{key}");
        let mut attempts = 0;
        loop {
            attempts += 1;
            match entries.get_value_or_guard_async(&key).await {
                Ok(Some(page)) if page.fresh() => {
                    metrics::counter!("kinora_page_cache_requests_total", "outcome" => "hit")
                        .increment(1);
                    return Lookup::Hit(page);
                }
                Ok(None) => return Lookup::Pass,
                // Kept too long (what moves with time alone): made anew.
                Ok(Some(_)) if attempts < 3 => {
                    entries.remove(&key);
                }
                Ok(Some(_)) => return Lookup::Pass,
                Err(placeholder) => {
                    metrics::counter!("kinora_page_cache_requests_total", "outcome" => "miss")
                        .increment(1);
                    return Lookup::Render(Turn(placeholder));
                }
            }
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
/// shared: not a `GET`, or an address whose answer is per instance or per
/// moment. A member's or a visitor's own request is not asked about (see
/// `http_cache::personal`).
pub fn key_of<B>(request: &Request<B>, index_position: i64) -> Option<String> {
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
        "{}?{}\u{1f}{}\u{1f}{}\u{1f}{}{}\u{1f}{index_position}",
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

    /// The moment after a write every reader misses at once: one renders,
    /// the others wait and are given what it rendered.
    #[tokio::test]
    async fn readers_asking_at_once_wait_for_one_render() {
        let cache = PageCache::with_mib(1);
        let Lookup::Render(turn) = cache.lookup("/films/crossing-2008", 7).await else {
            panic!("the first reader renders");
        };
        let waiting = {
            let cache = cache.clone();
            tokio::spawn(async move {
                match cache.lookup("/films/crossing-2008", 7).await {
                    Lookup::Hit(page) => page.body.clone(),
                    _ => panic!("the second reader waits for the first"),
                }
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "waits while the page is rendered");
        turn.keep(Some(page("rendered once")));
        assert_eq!(waiting.await.unwrap(), "rendered once");
        // Another clock (a write since) is another page.
        assert!(matches!(
            cache.lookup("/films/crossing-2008", 8).await,
            Lookup::Render(_)
        ));
    }

    /// An answer not to share (a 404, one setting a cookie) is not kept,
    /// and the readers who waited for it render their own at once.
    #[tokio::test]
    async fn an_answer_not_to_share_lets_the_others_render_their_own() {
        let cache = PageCache::with_mib(1);
        let Lookup::Render(turn) = cache.lookup("/sign-in", 3).await else {
            panic!("the first reader renders");
        };
        let waiting = {
            let cache = cache.clone();
            tokio::spawn(async move { matches!(cache.lookup("/sign-in", 3).await, Lookup::Pass) })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        turn.keep(None);
        assert!(waiting.await.unwrap());
        assert!(matches!(cache.lookup("/sign-in", 3).await, Lookup::Pass));
        assert!(matches!(
            PageCache::with_mib(0).lookup("/", 1).await,
            Lookup::Pass
        ));
    }
}
