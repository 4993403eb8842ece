//! The web server: HTML pages, the JSON API, OpenAPI, health.

pub mod api;
mod error;
mod metrics;
mod pages;
mod router;
pub mod view;

use std::net::SocketAddr;

use kinora_store::Store;

use crate::search::Searcher;

pub use error::WebError;
pub use router::router;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub search: Searcher,
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

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(store: Store, search: Searcher, addr: SocketAddr) -> anyhow::Result<()> {
    search.spawn(store.clone());
    let app = router(AppState { store, search });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Kinora is serving on http://{}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
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
