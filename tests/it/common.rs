//! What the integration tests share: a store of their own in a temporary
//! folder, optionally loaded with the demo catalog, and in-process HTTP.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kinora::search::Searcher;
use kinora::web::{AppState, WebConfig, router};
use kinora_store::Store;
pub use kinora_store::testing::{Backend, TestDatabase};
use tower::ServiceExt;

pub struct TestApp {
    pub database: TestDatabase,
    pub store: Store,
    /// An index in memory, kept fresh by its task as a server's is.
    pub search: Searcher,
    /// One state for every request, as a server has (its sign-in limits).
    pub state: AppState,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub location: Option<String>,
    pub content_type: String,
    pub cookies: Vec<String>,
    /// The body as text (bytes that are not UTF-8 replaced).
    pub body: String,
    pub bytes: Vec<u8>,
    pub headers: axum::http::HeaderMap,
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
        TestApp::over(database, store)
    }

    /// The app over a store the test opened itself.
    pub fn over(database: TestDatabase, store: Store) -> TestApp {
        let search = Searcher::in_memory().unwrap();
        search.spawn(store.clone());
        let state = AppState::new(store.clone(), search.clone(), WebConfig::default());
        TestApp {
            database,
            store,
            search,
            state,
        }
    }

    pub async fn demo(backend: Backend) -> TestApp {
        let app = TestApp::empty(backend).await;
        assert!(kinora::app::load_demo_if_empty(&app.store).await.unwrap());
        app
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Sends a request through the router, as a server would.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = router(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let (location, content_type) = {
            let headers = response.headers();
            let header = |name| {
                headers
                    .get(name)
                    .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_owned())
            };
            (
                header("location"),
                header("content-type").unwrap_or_default(),
            )
        };
        let body = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            location,
            content_type,
            cookies,
            body: String::from_utf8_lossy(&body).into_owned(),
            bytes: body.to_vec(),
            headers,
        }
    }

    /// A browser of its own: it keeps the session cookie between requests.
    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookie: std::sync::Mutex::new(None),
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

/// A client that keeps its cookies (the session's, a remembered
/// language), like a browser: the `Cookie` header it sends.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookie: std::sync::Mutex<Option<String>>,
}

/// The cookie header with one cookie set (or, with an empty value or
/// `Max-Age=0`, removed), the others kept.
fn with_cookie(header: Option<String>, set: &str) -> Option<String> {
    let pair = set.split(';').next().unwrap_or_default().trim();
    let name = pair.split('=').next().unwrap_or_default();
    let mut pairs: Vec<String> = header
        .unwrap_or_default()
        .split("; ")
        .filter(|kept| !kept.is_empty() && kept.split('=').next() != Some(name))
        .map(str::to_owned)
        .collect();
    if !(pair.ends_with('=') || set.contains("Max-Age=0")) {
        pairs.push(pair.to_owned());
    }
    (!pairs.is_empty()).then(|| pairs.join("; "))
}

impl Browser<'_> {
    pub async fn send(&self, mut request: Request<Body>) -> TestResponse {
        if let Some(cookie) = self.cookie.lock().unwrap().clone() {
            request
                .headers_mut()
                .insert("cookie", cookie.parse().unwrap());
        }
        let response = self.app.send(request).await;
        for set in &response.cookies {
            let mut jar = self.cookie.lock().unwrap();
            *jar = with_cookie(jar.take(), set);
        }
        response
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// The CSRF token of this browser's session, as its pages carry it.
    pub async fn csrf(&self) -> String {
        let page = self.get("/api/v1/session").await;
        page.json()["csrf"].as_str().unwrap().to_owned()
    }

    /// Posts a form as the page would: with the session's token unless
    /// the fields name one.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        if !fields.iter().any(|(k, _)| k == "csrf") {
            fields.push(("csrf".into(), self.csrf().await));
        }
        self.post_form_raw(path, &fields).await
    }

    /// Posts exactly these fields.
    pub async fn post_form_raw(&self, path: &str, fields: &[(String, String)]) -> TestResponse {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    pub async fn json(&self, method: &str, path: &str, body: serde_json::Value) -> TestResponse {
        self.send(
            Request::builder()
                .method(method)
                .uri(path)
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    /// Posts a multipart form (text fields, then files as (field, name,
    /// bytes)) with the session's token in the query, as the page's upload
    /// forms do.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> TestResponse {
        self.send_multipart("POST", path, fields, files).await
    }

    /// The same with another method (`PUT`).
    pub async fn send_multipart(
        &self,
        method: &str,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> TestResponse {
        let boundary = "kinora-test-boundary-7f3a";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (name, file_name, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let csrf = self.csrf().await;
        let separator = if path.contains('?') { '&' } else { '?' };
        self.send(
            Request::builder()
                .method(method)
                .uri(format!("{path}{separator}csrf={csrf}"))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .header("x-csrf-token", csrf)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Signs up (and so in) through the form.
    pub async fn sign_up(&self, name: &str) -> TestResponse {
        let response = self
            .post_form(
                "/sign-up",
                &[("name", name), ("password", "a long enough password")],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        response
    }
}

/// Percent-encodes a form value.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
