//! The JSON API of threads and posts.

use super::forms::*;
use super::pages::*;
use crate::web::auth::Viewer;
use crate::web::{AppState, WebError};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kinora_core::community::Role;
use kinora_core::community::{PostId, ThreadId};
use kinora_store::community::{Post, Thread};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiThread {
    #[schema(value_type = Object)]
    thread: Thread,
    #[schema(value_type = Vec<Object>)]
    posts: Vec<Post>,
}

/// Recent threads, pinned first.
#[utoipa::path(get, path = "/api/v1/threads", tag = "community", responses((status = 200)))]
pub async fn api_threads(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<serde_json::Value>, WebError> {
    let threads = state
        .store
        .recent_threads(200)
        .await
        .map_err(WebError::from)?;
    let threads: Vec<&Thread> = threads
        .iter()
        .filter(|t| t.hidden_reason.is_none() || viewer.can(Role::Moderator))
        .collect();
    Ok(Json(serde_json::json!({ "threads": threads })))
}

/// A thread and its posts (a hidden post's text is left out).
#[utoipa::path(get, path = "/api/v1/threads/{id}", tag = "community",
    params(("id" = i64, Path, description = "The thread's number")),
    responses((status = 200, body = ApiThread), (status = 404)))]
pub async fn api_thread(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ThreadId>,
) -> Result<Json<ApiThread>, WebError> {
    let thread = find_thread(&state, &viewer, id).await?;
    let mut posts = state.store.posts(id).await.map_err(WebError::from)?;
    if !viewer.can(Role::Moderator) {
        for post in &mut posts {
            if post.hidden_reason.is_some() {
                post.body.clear();
            }
        }
    }
    Ok(Json(ApiThread { thread, posts }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiNewThread {
    /// film, person, company, album or source; empty for the site.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    title: String,
    body: String,
}

/// Starts a thread.
#[utoipa::path(post, path = "/api/v1/threads", tag = "community", request_body = ApiNewThread,
    responses((status = 201), (status = 400), (status = 401)))]
pub async fn api_create_thread(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<ApiNewThread>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebError> {
    let form = NewThreadForm {
        kind: request.kind,
        id: request.id,
        title: request.title,
        body: request.body,
    };
    let id = start_thread(&state, &viewer, &form).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({"id": id, "url": format!("/threads/{id}")})),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiReply {
    body: String,
    #[serde(default)]
    quote_of: Option<PostId>,
}

/// Replies to a thread, quoting a post of it if `quote_of` names one.
#[utoipa::path(post, path = "/api/v1/threads/{id}/posts", tag = "community",
    params(("id" = i64, Path, description = "The thread's number")), request_body = ApiReply,
    responses((status = 201), (status = 400), (status = 401), (status = 409)))]
pub async fn api_reply(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<ThreadId>,
    Json(request): Json<ApiReply>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebError> {
    let id = reply(&state, &viewer, thread, &request.body, request.quote_of).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({"id": id, "url": format!("/threads/{thread}#post-{id}")})),
    ))
}

/// Edits a post (its author or a moderator); the earlier text is kept.
#[utoipa::path(patch, path = "/api/v1/posts/{id}", tag = "community",
    params(("id" = i64, Path, description = "The post's number")),
    responses((status = 200), (status = 403), (status = 409)))]
pub async fn api_edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<PostId>,
    Json(request): Json<ApiReply>,
) -> Result<Json<Post>, WebError> {
    Ok(Json(edit(&state, &viewer, post, &request.body).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiModerate {
    /// pin, unpin, lock, unlock, archive, unarchive, hide or show.
    action: String,
    #[serde(default)]
    reason: String,
}

/// A moderator's act on a thread, written to the moderation log.
#[utoipa::path(post, path = "/api/v1/threads/{id}/moderation", tag = "community",
    params(("id" = i64, Path, description = "The thread's number")), request_body = ApiModerate,
    responses((status = 204), (status = 401), (status = 403)))]
pub async fn api_moderate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<ThreadId>,
    Json(request): Json<ApiModerate>,
) -> Result<StatusCode, WebError> {
    let form = ModerateForm {
        action: request.action,
        reason: request.reason,
    };
    moderate(&state, &viewer, thread, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The public moderation log, newest first.
#[utoipa::path(get, path = "/api/v1/moderation", tag = "community", responses((status = 200)))]
pub async fn api_moderation(
    State(state): State<AppState>,
) -> Result<Json<serde_json::Value>, WebError> {
    let entries = state
        .store
        .moderation_log(500)
        .await
        .map_err(WebError::from)?;
    Ok(Json(serde_json::json!({ "entries": entries })))
}
