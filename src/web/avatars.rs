//! A member's own picture: uploaded from their profile page or
//! `PUT /api/v1/me/avatar`, shown on their profile. It is checked, cleaned
//! and resized as every picture is; it is not part of the catalog, so it
//! has no history: a new one replaces the old.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::image::{FileHash, Image, ImageRole};
use kinora_store::community::Account;

use super::auth::Viewer;
use super::pictures::{PictureView, api_image, read_upload};
use super::{AppState, WebError};

/// The picture of `account`, as a page shows it.
pub async fn view(state: &AppState, account: &Account) -> Result<Option<PictureView>, WebError> {
    let Some(file) = &account.avatar else {
        return Ok(None);
    };
    Ok(image(state, file)
        .await?
        .map(|image| PictureView::new(&image, &account.display_name)))
}

/// The picture of `account` as the API gives it.
pub async fn api(
    state: &AppState,
    account: &Account,
) -> Result<Option<super::pictures::ApiImage>, WebError> {
    Ok(match &account.avatar {
        Some(file) => image(state, file).await?.as_ref().map(api_image),
        None => None,
    })
}

/// The avatar's file as an image claim (never stored as one), for the
/// helpers that show pictures.
async fn image(state: &AppState, file: &FileHash) -> Result<Option<Image>, WebError> {
    let sizes = state
        .store
        .picture_sizes(std::slice::from_ref(file))
        .await?;
    Ok(sizes.get(file).map(|&(width, height)| Image {
        file: file.clone(),
        role: ImageRole::Photo,
        width,
        height,
        caption: None,
        author: None,
        licence: None,
        origin: None,
        preferred: true,
        inferred: false,
        note: None,
        sources: Vec::new(),
    }))
}

async fn set(state: &AppState, viewer: &Viewer, multipart: Multipart) -> Result<Image, WebError> {
    let account = viewer.signed_in()?.clone();
    let mut upload = read_upload(multipart).await?;
    let stored = upload.picture().await?;
    state.store.save_picture(&stored).await?;
    state
        .store
        .set_avatar(account.id, Some(&stored.file))
        .await?;
    image(state, &stored.file)
        .await?
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("a picture saved is not found")))
}

/// `POST /settings/avatar`: the form on the member's profile.
pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<Response, WebError> {
    set(&state, &viewer, multipart).await?;
    let name = viewer.signed_in()?.name.clone();
    Ok(Redirect::to(&format!("/users/{name}")).into_response())
}

/// `POST /settings/avatar/remove`.
pub async fn remove(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let account = viewer.signed_in()?.clone();
    state.store.set_avatar(account.id, None).await?;
    Ok(Redirect::to(&format!("/users/{}", account.name)).into_response())
}

/// Sets the signed-in member's picture. Multipart field: `file` (JPEG,
/// PNG or WebP).
#[utoipa::path(put, path = "/api/v1/me/avatar", tag = "community",
    responses((status = 200, body = super::pictures::ApiImage), (status = 400), (status = 401)))]
pub async fn api_upload(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<Json<super::pictures::ApiImage>, WebError> {
    let image = set(&state, &viewer, multipart).await?;
    Ok(Json(api_image(&image)))
}

/// Removes the signed-in member's picture.
#[utoipa::path(delete, path = "/api/v1/me/avatar", tag = "community",
    responses((status = 200), (status = 401)))]
pub async fn api_remove(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<serde_json::Value>, WebError> {
    let account = viewer.signed_in()?.clone();
    state
        .store
        .set_avatar(account.id, None)
        .await
        .map_err(WebError::from)?;
    Ok(Json(serde_json::json!({ "avatar": null })))
}
