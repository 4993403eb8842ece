//! A member's history in and out: uploading a Letterboxd export or an IMDb
//! CSV, settling the rows that matched no film for certain, and
//! downloading their own data (Letterboxd's import CSV, or everything as
//! JSON).

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::PendingImportId;
use kinora_core::community::Role;
use kinora_store::community::PendingImport;
use serde::Deserialize;

use super::auth::Viewer;
use super::render::render;
use super::{AppState, WebError};
use crate::community_import::{self, HistoryFormat, ImportReport};

/// The largest file a member may upload.
pub const UPLOAD_LIMIT: usize = 64 << 20;

/// A row of the queue as the page shows it.
pub struct PendingView {
    pub id: PendingImportId,
    pub what: String,
    pub origin: String,
    /// (film id, label).
    pub candidates: Vec<(String, String)>,
}

fn pending_view(pending: &PendingImport) -> PendingView {
    PendingView {
        id: pending.id,
        what: community_import::pending_what(pending),
        origin: format!("{} {}", pending.import_label, pending.origin),
        candidates: community_import::pending_candidates(pending)
            .into_iter()
            .map(|candidate| {
                let label = match candidate.year {
                    Some(year) => format!("{} ({year})", candidate.label),
                    None => candidate.label,
                };
                (candidate.id, label)
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    viewer: Viewer,
    report: Option<ImportReport>,
    error: Option<String>,
    pending: Vec<PendingView>,
}

async fn import_page_with(
    state: &AppState,
    viewer: Viewer,
    report: Option<ImportReport>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let pending = state
        .store
        .pending_imports(account.id)
        .await?
        .iter()
        .map(pending_view)
        .collect();
    let page = render(&ImportTemplate {
        viewer,
        report,
        error,
        pending,
    })?;
    Ok((status, page).into_response())
}

pub async fn import_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    import_page_with(&state, viewer, None, None, StatusCode::OK).await
}

/// Input errors say what was wrong (file, line, column); a store's failure
/// is a 500 that says nothing.
fn import_error(error: anyhow::Error) -> WebError {
    if error.downcast_ref::<kinora_store::StoreError>().is_some() {
        WebError::Internal(error)
    } else {
        WebError::BadRequest(format!("{error:#}"))
    }
}

fn parse_format(text: &str) -> Result<Option<HistoryFormat>, WebError> {
    match text.trim() {
        "" | "auto" => Ok(None),
        "letterboxd" => Ok(Some(HistoryFormat::Letterboxd)),
        "imdb" => Ok(Some(HistoryFormat::Imdb)),
        other => Err(WebError::BadRequest(kinora_i18n::t_with(
            "error-import-format",
            &[("format", other.to_owned().into())],
        ))),
    }
}

/// Imports an uploaded file into the viewer's account.
pub async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?.clone();
    let mut file: Option<(String, Bytes)> = None;
    let mut format = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| WebError::BadRequest(format!("the upload: {error}")))?
    {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|error| WebError::BadRequest(format!("the upload: {error}")))?;
                file = Some((name, bytes));
            }
            Some("format") => {
                format = field
                    .text()
                    .await
                    .map_err(|error| WebError::BadRequest(format!("the upload: {error}")))?;
            }
            _ => {}
        }
    }
    let outcome = async {
        let (name, bytes) = file
            .filter(|(_, bytes)| !bytes.is_empty())
            .ok_or_else(|| WebError::BadRequest(kinora_i18n::t("error-choose-file")))?;
        let format = parse_format(&format)?;
        community_import::import_file(
            &state.store,
            &state.search,
            account.id,
            &name,
            bytes,
            format,
        )
        .await
        .map_err(import_error)
    }
    .await;
    match outcome {
        Ok(report) => import_page_with(&state, viewer, Some(report), None, StatusCode::OK).await,
        Err(WebError::BadRequest(message)) => {
            import_page_with(&state, viewer, None, Some(message), StatusCode::BAD_REQUEST).await
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize, Default)]
pub struct SettleForm {
    /// The film chosen; empty to drop the row.
    #[serde(default)]
    pub film: String,
}

pub async fn settle(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<PendingImportId>,
    axum::Form(form): axum::Form<SettleForm>,
) -> Result<Response, WebError> {
    settle_row(&state, &viewer, id, &form.film).await?;
    Ok(Redirect::to("/me/import#pending").into_response())
}

async fn settle_row(
    state: &AppState,
    viewer: &Viewer,
    id: PendingImportId,
    film: &str,
) -> Result<(), WebError> {
    let account = viewer.require(Role::Member)?;
    let owned = state
        .store
        .pending_imports(account.id)
        .await?
        .iter()
        .any(|pending| pending.id == id);
    if !owned {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-import-row",
            &[("number", id.to_string().into())],
        )));
    }
    let film = film.trim();
    let film = if film.is_empty() {
        None
    } else {
        Some(super::community::film_id(state, film).await?)
    };
    community_import::resolve_pending(&state.store, account.id, id, film.as_deref())
        .await
        .map_err(import_error)
}

#[derive(Template)]
#[template(path = "export.html")]
struct ExportTemplate {
    viewer: Viewer,
}

pub async fn export_page(viewer: Viewer) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    Ok(render(&ExportTemplate { viewer })?.into_response())
}

/// The viewer's history in Letterboxd's import layout.
pub async fn export_letterboxd(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let mut out = Vec::new();
    community_import::export_letterboxd_csv(&state.store, account.id, &mut out).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"kinora-{}-letterboxd.csv\"",
                    account.name
                ),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        out,
    )
        .into_response())
}

/// Everything of the viewer's, as JSON.
pub async fn export_everything(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let value = community_import::export_json(&state.store, account.id).await?;
    let body = serde_json::to_vec_pretty(&value).map_err(anyhow::Error::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kinora-{}.json\"", account.name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
pub struct ImportQuery {
    /// The file's name, which tells a ZIP from a CSV (`export.zip`).
    #[serde(default)]
    name: Option<String>,
    /// letterboxd or imdb; guessed when absent.
    #[serde(default)]
    format: Option<String>,
}

/// Imports a file sent as the body (a Letterboxd ZIP with
/// `Content-Type: application/zip`, or a CSV with `text/csv`).
#[utoipa::path(post, path = "/api/v1/me/import", tag = "community",
    params(("name" = Option<String>, Query, description = "The file's name"),
           ("format" = Option<String>, Query, description = "letterboxd or imdb")),
    responses((status = 200, description = "What the import did"), (status = 400), (status = 401)))]
pub async fn api_import(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ImportQuery>,
    body: Bytes,
) -> Result<Json<ImportReport>, WebError> {
    let account = viewer.require(Role::Member)?;
    let format = parse_format(query.format.as_deref().unwrap_or(""))?;
    let name = query.name.unwrap_or_else(|| {
        if body.starts_with(b"PK") {
            "export.zip".into()
        } else {
            "upload.csv".into()
        }
    });
    if body.is_empty() {
        return Err(WebError::BadRequest(
            "the body is empty: send the file".into(),
        ));
    }
    let report =
        community_import::import_file(&state.store, &state.search, account.id, &name, body, format)
            .await
            .map_err(import_error)?;
    Ok(Json(report))
}

/// The rows of the viewer's imports that wait for their word.
#[utoipa::path(get, path = "/api/v1/me/pending", tag = "community",
    responses((status = 200), (status = 401)))]
pub async fn api_pending(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<serde_json::Value>, WebError> {
    let account = viewer.require(Role::Member)?;
    let pending = state
        .store
        .pending_imports(account.id)
        .await
        .map_err(WebError::from)?;
    Ok(Json(serde_json::json!({ "pending": pending })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiSettle {
    /// The film to write the row for; null drops it.
    film: Option<String>,
}

/// Settles a row of the import queue.
#[utoipa::path(post, path = "/api/v1/me/pending/{id}", tag = "community",
    params(("id" = i64, Path, description = "The row's number")), request_body = ApiSettle,
    responses((status = 204), (status = 401), (status = 404)))]
pub async fn api_settle(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<PendingImportId>,
    Json(request): Json<ApiSettle>,
) -> Result<StatusCode, WebError> {
    settle_row(&state, &viewer, id, request.film.as_deref().unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    format: Option<String>,
}

/// The viewer's own data: `format=json` (everything) or `letterboxd`.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "community",
    params(("format" = Option<String>, Query, description = "json (default) or letterboxd")),
    responses((status = 200), (status = 401)))]
pub async fn api_export(
    state: State<AppState>,
    viewer: Viewer,
    Query(query): Query<ExportQuery>,
) -> Result<Response, WebError> {
    match query.format.as_deref().unwrap_or("json") {
        "json" => export_everything(state, viewer).await,
        "letterboxd" => export_letterboxd(state, viewer).await,
        other => Err(WebError::BadRequest(format!(
            "`{other}` is not a format: use json or letterboxd"
        ))),
    }
}
