//! The one error type of the web layer. Store and internal errors become a
//! logged 500 that leaks nothing; the rest say what was wrong.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kinora_store::{Outage, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    /// Not signed in.
    #[error("{0}")]
    Unauthorized(String),
    /// Signed in, without the right.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    /// An edit made from a state of its entity that is no longer its own:
    /// 409, with what the entity is now for the handler to show.
    #[error("{0}")]
    Stale(Box<kinora_store::Stale>),
    #[error("{0}")]
    TooManyRequests(String),
    /// The database cannot take writes now (busy, unreachable, failing
    /// its files): 503, try again later. Nothing was written.
    #[error("{0}")]
    Unavailable(String),
    /// The store's disk is full: 507. Nothing was written.
    #[error("{0}")]
    InsufficientStorage(String),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl WebError {
    fn log(&self) {
        if let WebError::Internal(error) = self {
            tracing::error!("{error:#}")
        }
    }

    pub(crate) fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::Conflict(_) | WebError::Stale(_) => StatusCode::CONFLICT,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::InsufficientStorage(_) => StatusCode::INSUFFICIENT_STORAGE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The answer to a store that could not do its work because of its own
/// state: a full disk, a database that is busy or away.
fn outage(outage: Outage) -> WebError {
    match outage {
        Outage::Full => WebError::InsufficientStorage(
            "the server's storage is full, so nothing was saved; please try again later".into(),
        ),
        Outage::Unavailable => WebError::Unavailable(
            "the database is not available just now, so nothing was saved; please try again in a moment"
                .into(),
        ),
    }
}

/// The mark that names a store outage in a session store's error, which
/// tower-sessions carries as text only.
pub(crate) fn outage_mark(kind: Outage) -> &'static str {
    match kind {
        Outage::Full => "[store outage: full] ",
        Outage::Unavailable => "[store outage: unavailable] ",
    }
}

impl From<tower_sessions::session::Error> for WebError {
    fn from(error: tower_sessions::session::Error) -> Self {
        use tower_sessions::session_store::Error as Stored;
        if let tower_sessions::session::Error::Store(Stored::Backend(text)) = &error {
            for kind in [Outage::Full, Outage::Unavailable] {
                if text.starts_with(outage_mark(kind)) {
                    tracing::warn!("session store: {text}");
                    return outage(kind);
                }
            }
        }
        WebError::Internal(error.into())
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        if let Some(kind) = error.outage() {
            tracing::warn!("store: {error}");
            return outage(kind);
        }
        match error {
            StoreError::NotFound { .. } | StoreError::NoSuchChange(_) => {
                WebError::NotFound(error.to_string())
            }
            StoreError::Invalid(_) => WebError::BadRequest(error.to_string()),
            StoreError::Conflict(_) => WebError::Conflict(error.to_string()),
            StoreError::Stale(stale) => WebError::Stale(stale),
            other => WebError::Internal(other.into()),
        }
    }
}

impl From<crate::accounts::AccountError> for WebError {
    fn from(error: crate::accounts::AccountError) -> Self {
        use crate::accounts::AccountError;
        match error {
            AccountError::Invalid(message) => WebError::BadRequest(message),
            AccountError::Conflict(message) => WebError::Conflict(message),
            AccountError::Store(error) => error.into(),
            AccountError::Hashing(message) => WebError::Internal(anyhow::anyhow!(message)),
        }
    }
}

impl WebError {
    /// An internal error whose cause is a store outage is answered as that
    /// outage.
    fn sorted(self) -> WebError {
        match self {
            WebError::Internal(error) => {
                let kind = error
                    .chain()
                    .find_map(|cause| cause.downcast_ref::<StoreError>())
                    .and_then(StoreError::outage);
                match kind {
                    Some(kind) => {
                        tracing::warn!("{error:#}");
                        outage(kind)
                    }
                    None => WebError::Internal(error),
                }
            }
            other => other,
        }
    }
}

/// The message of an error page, kept with the response so that the page
/// can be drawn again knowing where the reader was (a sign-in link that
/// returns there).
#[derive(Clone)]
pub struct PageError(pub String);

/// An error in the API's shape: `{"error": {"status": …, "message": …}}`.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(serde_json::json!({"error": {"status": status.as_u16(), "message": message}})),
    )
        .into_response()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let this = self.sorted();
        let status = this.status();
        this.log();
        let message = this.to_string();
        // Drawn as a page; `errors_in_shape`, which knows what was asked
        // for, answers it as JSON under /api/ or draws it again with a
        // sign-in link.
        let mut response = (status, Html(error_page(status, &message, None))).into_response();
        response.extensions_mut().insert(PageError(message));
        if matches!(
            status,
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::INSUFFICIENT_STORAGE
        ) {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("30"),
            );
        }
        response
    }
}

/// An API error as the OpenAPI document describes it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorResponse {
    pub error: ErrorBody,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub status: u16,
    pub message: String,
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorTemplate<'a> {
    viewer: super::auth::Viewer,
    status: u16,
    reason: String,
    message: &'a str,
    /// Where signing in leads, for a page that needs it.
    sign_in: Option<String>,
}

/// An error page; `page`, the path (and query) that was asked for, gives a
/// 401 a sign-in link that returns there.
/// The status's name in the reader's language: "Not Found", "찾을 수 없음".
fn status_reason(status: StatusCode) -> String {
    let key = format!("status-{}", status.as_u16());
    let lang = kinora_i18n::Lang::current();
    if lang.has(&key) {
        lang.t(&key)
    } else {
        status.canonical_reason().unwrap_or("Error").to_owned()
    }
}

pub fn error_page(status: StatusCode, message: &str, page: Option<&str>) -> String {
    let sign_in = page
        .filter(|_| status == StatusCode::UNAUTHORIZED)
        .map(|page| {
            format!(
                "/sign-in?next={}",
                form_urlencoded::byte_serialize(page.as_bytes()).collect::<String>()
            )
        });
    let template = ErrorTemplate {
        viewer: super::auth::Viewer {
            reader: kinora_i18n::Reader::current(),
            page: page.unwrap_or("/").to_owned(),
            ..super::auth::Viewer::default()
        },
        status: status.as_u16(),
        reason: status_reason(status),
        message,
        sign_in,
    };
    askama::Template::render(&template).unwrap_or_else(|_| message.to_owned())
}
