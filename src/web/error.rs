//! The one error type of the web layer. Store and internal errors become a
//! logged 500 that leaks nothing; the rest say what was wrong.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kinora_store::StoreError;

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
    #[error("{0}")]
    TooManyRequests(String),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
    /// The same errors, answered as JSON for the API.
    #[error("{0}")]
    Api(Box<WebError>),
}

impl WebError {
    pub fn api(self) -> WebError {
        match self {
            WebError::Api(_) => self,
            other => WebError::Api(Box::new(other)),
        }
    }

    fn log(&self) {
        match self {
            WebError::Internal(error) => tracing::error!("{error:#}"),
            WebError::Api(inner) => inner.log(),
            _ => {}
        }
    }

    pub(crate) fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Api(inner) => inner.status(),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { .. } | StoreError::NoSuchChange(_) => {
                WebError::NotFound(error.to_string())
            }
            StoreError::Invalid(_) => WebError::BadRequest(error.to_string()),
            StoreError::Conflict(_) => WebError::Conflict(error.to_string()),
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

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        self.log();
        let message = match &self {
            WebError::Api(inner) => inner.to_string(),
            other => other.to_string(),
        };
        match self {
            WebError::Api(_) => (
                status,
                Json(serde_json::json!({"error": {"status": status.as_u16(), "message": message}})),
            )
                .into_response(),
            _ => (status, Html(super::pages::error_page(status, &message))).into_response(),
        }
    }
}
