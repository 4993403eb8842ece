//! Prometheus metrics: request counts and latencies by route, the
//! database pool's use and the page cache's, rendered at `/metrics`.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use super::AppState;

/// The process-wide recorder; the first router made installs it.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&[
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ])
            .expect("the buckets are valid")
            .build_recorder();
        let handle = recorder.handle();
        // Another recorder may be installed already (a test harness); then
        // this one still renders what passes through `record`.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Installs the recorder, and a thread that folds the samples of
/// histograms into their buckets every few seconds: the exporter keeps
/// every sample until it does, which without a scrape of `/metrics`
/// (none when no `--metrics-addr` is given) grows the process without end.
pub fn install() {
    static UPKEEP: std::sync::Once = std::sync::Once::new();
    let handle = handle();
    UPKEEP.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(5));
                    handle.run_upkeep();
                }
            });
    });
}

/// Counts and times every request, labelled by its route, not its path, so
/// that a million film pages make one series.
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("kinora_http_requests_total", &labels).increment(1);
    metrics::histogram!("kinora_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let (size, idle) = state.store.pool_state();
    metrics::gauge!("kinora_db_pool_connections").set(size as f64);
    metrics::gauge!("kinora_db_pool_idle_connections").set(idle as f64);
    metrics::gauge!("kinora_db_pool_in_use_connections")
        .set(size.saturating_sub(idle as u32) as f64);
    let (pages, bytes) = state.pages.size();
    metrics::gauge!("kinora_page_cache_pages").set(pages as f64);
    metrics::gauge!("kinora_page_cache_bytes").set(bytes as f64);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        handle().render(),
    )
}
