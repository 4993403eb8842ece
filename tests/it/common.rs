//! What the integration tests share: a store of their own in a temporary
//! folder, optionally loaded with the demo catalog, and in-process HTTP.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kinora::search::Searcher;
use kinora::web::{AppState, router};
use kinora_store::Store;
pub use kinora_store::testing::{Backend, TestDatabase};
use tower::ServiceExt;

pub struct TestApp {
    pub database: TestDatabase,
    pub store: Store,
    /// An index in memory, kept fresh by its task as a server's is.
    pub search: Searcher,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub location: Option<String>,
    pub content_type: String,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }
}

impl TestApp {
    pub async fn empty(backend: Backend) -> TestApp {
        let (database, store) = backend.store().await;
        let search = Searcher::in_memory().unwrap();
        search.spawn(store.clone());
        TestApp {
            database,
            store,
            search,
        }
    }

    pub async fn demo(backend: Backend) -> TestApp {
        let app = TestApp::empty(backend).await;
        assert!(kinora::app::load_demo_if_empty(&app.store).await.unwrap());
        app
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        let app = router(AppState {
            store: self.store.clone(),
            search: self.search.clone(),
        });
        let response = app
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_owned())
        };
        let location = header("location");
        let content_type = header("content-type").unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            location,
            content_type,
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }

    pub async fn export(&self) -> String {
        let mut out = Vec::new();
        kinora::app::export(&self.store, &mut out).await.unwrap();
        String::from_utf8(out).unwrap()
    }
}

pub fn select<'a>(html: &'a scraper::Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector).collect()
}

pub fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<Vec<_>>().join("")
}

/// Runs the `kinora` binary on a store: a folder (`--data`) or a database
/// URL (`--database-url`).
pub fn kinora(store: impl AsRef<std::path::Path>, args: &[&str]) -> std::process::Output {
    let store = store.as_ref();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kinora"));
    if store.to_string_lossy().contains("://") {
        command.arg("--database-url").arg(store);
    } else {
        command.arg("--data").arg(store);
    }
    command
        .args(args)
        .env("KINORA_LOG", "warn")
        .output()
        .expect("the kinora binary runs")
}

/// The output of a command that must succeed.
pub fn ok(output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The store's whole catalog, as `kinora export` writes it.
pub fn export(store: impl AsRef<std::path::Path>) -> String {
    ok(kinora(store, &["export"]))
}
