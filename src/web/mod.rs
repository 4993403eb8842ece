//! The web server: HTML pages, the JSON API, OpenAPI, health.

pub mod account_pages;
pub mod api;
pub mod api_claims;
pub mod api_write;
pub mod assets;
pub mod auth;
pub mod avatars;
pub mod browse;
mod claim_form;
pub mod community;
mod diff;
pub mod editing;
mod error;
pub mod events;
pub mod feeds;
pub mod http_cache;
pub mod imports;
mod metrics;
pub mod news;
pub mod page_cache;
mod pages;
pub mod pictures;
pub mod preferences;
pub mod reading;
mod render;
mod router;
pub mod server;
pub mod summary;
pub mod threads;
pub mod users;
pub mod view;

use std::net::SocketAddr;
use std::sync::Arc;

use kinora_store::Store;

use crate::search::Searcher;

pub use error::WebError;
pub use router::{PageRoute, page_routes, router};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub search: Searcher,
    pub config: Arc<WebConfig>,
    pub limits: auth::Limits,
    /// The automaton of the catalog's names, for finding them in articles.
    pub names: Arc<crate::mentions::Names>,
    /// Rendered answers shared by anonymous readers.
    pub pages: page_cache::PageCache,
}

impl AppState {
    pub fn new(store: Store, search: Searcher, config: WebConfig) -> AppState {
        AppState {
            store,
            search,
            pages: page_cache::PageCache::with_mib(config.page_cache_mib),
            config: Arc::new(config),
            limits: Arc::new(auth::SignInLimits::default()),
            names: Arc::new(crate::mentions::Names::default()),
        }
    }
}

/// How the server is reached from outside.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The address users reach the server at (`https://films.example.org`),
    /// for absolute links in feeds; with https, cookies are Secure.
    pub public_url: Option<String>,
    /// Whether a proxy on this machine says who the client is
    /// (`X-Forwarded-For`); see `auth::client_address`.
    pub trust_forwarded: bool,
    /// Memory for rendered answers shared by anonymous readers, in MiB; 0
    /// turns the page cache off.
    pub page_cache_mib: u64,
}

impl Default for WebConfig {
    fn default() -> WebConfig {
        WebConfig {
            public_url: None,
            trust_forwarded: false,
            page_cache_mib: page_cache::DEFAULT_MIB,
        }
    }
}

impl WebConfig {
    /// The site's address for absolute links (feeds, calendars), without a
    /// trailing slash: the configured public URL, never the `Host` a client
    /// sent.
    pub fn base_url(&self) -> String {
        self.public_url
            .as_deref()
            .unwrap_or("http://localhost")
            .trim_end_matches('/')
            .to_owned()
    }
}

impl WebConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }
}

/// The address of a server listening on `addr`, as a browser on this
/// machine reaches it: `http://127.0.0.1:8080`; an unspecified address
/// (`0.0.0.0`) is reached as `localhost`.
pub fn local_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

/// A 301 to where a merged entity now lives. (axum's `Redirect::permanent`
/// answers 308; 301 is what crawlers and older clients know best.)
pub fn moved_permanently(location: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::MOVED_PERMANENTLY,
        [(axum::http::header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// How the server listens.
#[derive(Clone, Debug)]
pub struct Listening {
    pub addr: SocketAddr,
    /// Connections served at once; more are closed as they come.
    pub max_connections: usize,
    /// Where Prometheus reads `/metrics`: a listener of its own, never the
    /// public one. None: no metrics over HTTP.
    pub metrics_addr: Option<SocketAddr>,
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(
    store: Store,
    search: Searcher,
    listening: Listening,
    config: WebConfig,
) -> anyhow::Result<()> {
    search.spawn(store.clone());
    // Similar films follow ratings and the catalog, looked at each minute.
    crate::similar::spawn(store.clone(), std::time::Duration::from_secs(60));
    let state = AppState::new(store, search, config);
    spawn_housekeeping(state.clone());
    if let Some(addr) = listening.metrics_addr {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        tracing::info!("metrics on http://{}/metrics", listener.local_addr()?);
        let metrics = router::metrics_router(state.clone());
        tokio::spawn(async move {
            if let Err(error) = server::run(
                listener,
                metrics,
                server::Limits::new(64),
                std::future::pending(),
            )
            .await
            {
                tracing::error!("the metrics listener stopped: {error:#}");
            }
        });
    }
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(listening.addr).await?;
    tracing::info!("Kinora is serving on http://{}", listener.local_addr()?);
    server::run(
        listener,
        app,
        server::Limits::new(listening.max_connections),
        shutdown_signal(),
    )
    .await
}

/// Every few minutes: expired sessions go, idle rate-limit keys and the
/// touches of old writes are forgotten.
fn spawn_housekeeping(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            state.limits.tidy();
            match state.store.sessions_expire().await {
                Ok(0) => {}
                Ok(removed) => tracing::debug!("removed {removed} expired sessions"),
                Err(error) => tracing::warn!("could not remove expired sessions: {error}"),
            }
            if let Err(error) = state.store.forget_touches().await {
                tracing::warn!("could not forget old touches: {error}");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
