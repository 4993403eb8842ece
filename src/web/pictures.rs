//! Pictures on pages and through the API: served at fixed addresses that
//! never change their bytes, added by editors from an entity's page or
//! `POST /api/v1/{kind}/{id}/images`, removed or preferred the same ways.
//! Each addition, removal or preference is an edit of the entity, in its
//! history and revertible like any other.

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::image::{FileHash, Image, ImageRole};
use kinora_core::model::{Citation, Entity};
use kinora_core::{EntityId, EntityKind};
use kinora_formats::picture::{self, Encoding, PictureError};
use serde::Serialize;

use super::auth::Viewer;
use super::editing::author;
use super::render::parse_path;
use super::{AppState, WebError};

/// What an upload may weigh as sent, the form's other fields included.
pub const UPLOAD_LIMIT: usize = picture::MAX_BYTES + (64 << 10);

/// A picture as a page shows it.
#[derive(Debug, Clone)]
pub struct PictureView {
    pub hex: String,
    pub role: ImageRole,
    pub preferred: bool,
    /// The JPEG at the width most pages show, for `src`.
    pub src: String,
    pub srcset_webp: String,
    pub srcset_jpeg: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: Option<String>,
    /// "Photo: J. Doe · public domain · from example.org".
    pub credit: String,
}

use kinora_formats::picture::path as url;

impl PictureView {
    pub fn new(image: &Image, alt: &str) -> PictureView {
        let widths = picture::widths(image.width);
        let srcset = |encoding| {
            widths
                .iter()
                .map(|w| format!("{} {w}w", url(&image.file, *w, encoding)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let middle = widths
            .iter()
            .copied()
            .find(|w| *w >= 320)
            .unwrap_or(widths[widths.len() - 1]);
        let mut credit = Vec::new();
        if let Some(author) = &image.author {
            credit.push(author.clone());
        }
        if let Some(licence) = &image.licence {
            credit.push(licence.clone());
        }
        if let Some(origin) = &image.origin {
            credit.push(format!("from {origin}"));
        }
        PictureView {
            hex: image.file.hex().to_owned(),
            role: image.role,
            preferred: image.preferred,
            src: url(&image.file, middle, Encoding::Jpeg),
            srcset_webp: srcset(Encoding::Webp),
            srcset_jpeg: srcset(Encoding::Jpeg),
            width: image.width,
            height: image.height,
            alt: image.caption.clone().unwrap_or_else(|| {
                format!(
                    "{} of {alt}",
                    super::view::capitalize(image.role.local_label())
                )
            }),
            caption: image.caption.clone(),
            credit: credit.join(" · "),
        }
    }
}

/// The role a kind's main picture has: a film's poster, a person's photo.
pub fn main_role(kind: EntityKind) -> ImageRole {
    match kind {
        EntityKind::Film | EntityKind::Event => ImageRole::Poster,
        EntityKind::Album => ImageRole::Cover,
        EntityKind::Company => ImageRole::Logo,
        EntityKind::Person | EntityKind::Venue | EntityKind::Source => ImageRole::Photo,
    }
}

/// `GET /pictures/{hex}/{width}.{ext}`: a resized copy, cached for a year
/// (its address names its content, so it never changes).
pub async fn serve(
    State(state): State<AppState>,
    Path((hex, name)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let missing = || WebError::NotFound(kinora_i18n::t("error-no-picture"));
    let file = FileHash::parse(&hex).map_err(|_| missing())?;
    let (width, extension) = name.split_once('.').ok_or_else(missing)?;
    let width: u32 = width.parse().map_err(|_| missing())?;
    let encoding = Encoding::from_extension(extension).ok_or_else(missing)?;
    let bytes = state
        .store
        .picture_variant(&file, width, encoding.extension())
        .await?
        .ok_or_else(missing)?;
    Ok((
        [
            (header::CONTENT_TYPE, encoding.media_type()),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        bytes,
    )
        .into_response())
}

/// An upload's fields.
#[derive(Default)]
pub(crate) struct Upload {
    pub file: Option<bytes::Bytes>,
    role: String,
    caption: String,
    author: String,
    licence: String,
    source: String,
    preferred: bool,
}

pub(crate) async fn read_upload(mut multipart: Multipart) -> Result<Upload, WebError> {
    let bad = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::BadRequest(PictureError::TooLarge { size: UPLOAD_LIMIT }.to_string())
        } else {
            WebError::BadRequest(format!("the upload: {error}"))
        }
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.file = Some(field.bytes().await.map_err(bad)?);
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        if text.chars().count() > kinora_core::image::IMAGE_TEXT_LIMIT {
            return Err(WebError::BadRequest(format!(
                "{name}: at most {} characters",
                kinora_core::image::IMAGE_TEXT_LIMIT
            )));
        }
        let text = text.trim().to_owned();
        match name.as_str() {
            "role" => upload.role = text,
            "caption" => upload.caption = text,
            "author" => upload.author = text,
            "licence" | "license" => upload.licence = text,
            "source" => upload.source = text,
            "preferred" => upload.preferred = matches!(text.as_str(), "on" | "true" | "1" | "yes"),
            _ => {}
        }
    }
    Ok(upload)
}

impl Upload {
    /// The uploaded file checked, cleaned and resized; a 400 naming the
    /// `file` field when there is none or it is not a picture.
    pub(crate) async fn picture(
        &mut self,
    ) -> Result<kinora_store::pictures::StoredPicture, WebError> {
        let bytes = self
            .file
            .take()
            .filter(|bytes| !bytes.is_empty())
            .ok_or_else(|| WebError::BadRequest("file: choose a picture to upload".into()))?;
        crate::pictures::prepare(bytes)
            .await
            .map_err(|error| WebError::BadRequest(format!("file: {error}")))
    }
}

fn optional(text: String) -> Option<String> {
    Some(text).filter(|text| !text.is_empty())
}

/// Adds an uploaded picture to an entity; the picture as stored.
async fn add(
    state: &AppState,
    viewer: &Viewer,
    kind: EntityKind,
    id: &EntityId,
    mut upload: Upload,
) -> Result<Image, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let main = main_role(kind);
    let role = if upload.role.is_empty() {
        main
    } else {
        ImageRole::parse(&upload.role).ok_or_else(|| {
            WebError::BadRequest(format!(
                "role: “{}” is not a role; use {}",
                upload.role,
                ImageRole::ALL
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?
    };
    if kind == EntityKind::Source {
        return Err(WebError::BadRequest(kinora_i18n::t(
            "error-picture-of-source",
        )));
    }
    let stored = upload.picture().await?;
    // The source named is a source in the catalog, cited; anything else is
    // where the file came from, kept as written.
    let (citation, origin) = match EntityId::parse(&upload.source) {
        Ok(source)
            if matches!(
                state.store.lookup(EntityKind::Source, &source).await?,
                kinora_store::Lookup::Present { .. }
            ) =>
        {
            (Some(source), None)
        }
        _ => (None, optional(upload.source)),
    };
    let image = Image {
        file: stored.file.clone(),
        role,
        width: stored.width,
        height: stored.height,
        caption: optional(upload.caption),
        author: optional(upload.author),
        licence: optional(upload.licence),
        origin,
        preferred: false,
        inferred: false,
        note: None,
        sources: citation
            .map(|source| Citation {
                source: kinora_core::id::SourceRef::new(source),
                quote: None,
            })
            .into_iter()
            .collect(),
    };
    let preferred = upload.preferred;
    let summary = kinora_i18n::t_with(
        "picture-summary-add",
        &[("role", role.local_label().into())],
    );
    let added = image.clone();
    state
        .store
        .update_with_picture(
            kind,
            id,
            &author(&editor.name),
            &summary,
            Some(&stored),
            move |entity| {
                let images = entity.images_mut().ok_or("this entity has no pictures")?;
                if images
                    .iter()
                    .any(|i| i.file == added.file && i.role == added.role)
                {
                    return Err(format!(
                        "file: this picture is already among its {}s",
                        added.role.local_label()
                    ));
                }
                let first = !images.iter().any(|i| i.role == added.role);
                let mut new = added.clone();
                if preferred || first {
                    for other in images.iter_mut().filter(|i| i.role == added.role) {
                        other.preferred = false;
                    }
                    new.preferred = true;
                }
                images.push(new);
                Ok(())
            },
        )
        .await?;
    let entity = state.store.get(kind, id).await?;
    Ok(entity
        .images()
        .iter()
        .find(|i| i.file == image.file && i.role == image.role)
        .cloned()
        .unwrap_or(image))
}

/// `POST /{kind}/{id}/pictures`: an editor's upload from the page.
pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let upload = read_upload(multipart).await?;
    add(&state, &viewer, kind, &id, upload).await?;
    Ok(Redirect::to(&format!("/{}/{id}#pictures", kind.plural())).into_response())
}

/// Takes a picture off an entity, or makes it the one shown for its role.
async fn change(
    state: &AppState,
    viewer: &Viewer,
    kind: EntityKind,
    id: &EntityId,
    hex: &str,
    remove: bool,
) -> Result<Option<i64>, WebError> {
    let editor = viewer.require(Role::Editor)?;
    let file =
        FileHash::parse(hex).map_err(|_| WebError::NotFound(kinora_i18n::t("error-no-picture")))?;
    let entity = state.store.get(kind, id).await?;
    let Some(image) = entity.images().iter().find(|i| i.file == file) else {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-such-picture",
            &[("kind", kind.local_name().into())],
        )));
    };
    let summary = if remove {
        kinora_i18n::t_with(
            "picture-summary-remove",
            &[("role", image.role.local_label().into())],
        )
    } else {
        kinora_i18n::t_with(
            "picture-summary-first",
            &[("role", image.role.local_label().into())],
        )
    };
    let change = state
        .store
        .update(
            kind,
            id,
            &author(&editor.name),
            &summary,
            move |entity: &mut Entity| {
                let images = entity.images_mut().ok_or("this entity has no pictures")?;
                let Some(index) = images.iter().position(|i| i.file == file) else {
                    return Err("the picture was removed meanwhile".into());
                };
                let role = images[index].role;
                if remove {
                    let was_preferred = images.remove(index).preferred;
                    if was_preferred && let Some(next) = images.iter_mut().find(|i| i.role == role)
                    {
                        next.preferred = true;
                    }
                } else {
                    for (n, image) in images.iter_mut().enumerate() {
                        if image.role == role {
                            image.preferred = n == index;
                        }
                    }
                }
                Ok(())
            },
        )
        .await?;
    Ok(change)
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, hex)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    change(&state, &viewer, kind, &id, &hex, true).await?;
    Ok(Redirect::to(&format!("/{}/{id}#pictures", kind.plural())).into_response())
}

pub async fn prefer(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, hex)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    change(&state, &viewer, kind, &id, &hex, false).await?;
    Ok(Redirect::to(&format!("/{}/{id}#pictures", kind.plural())).into_response())
}

/// A picture as the API gives it: the claim, and the addresses of its copies.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiImage {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub image: Image,
    /// The copies: `{"width": 320, "webp": "/pictures/…/320.webp", "jpeg": "/pictures/…/320.jpg"}`.
    pub urls: Vec<ApiImageUrl>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiImageUrl {
    pub width: u32,
    pub height: u32,
    pub webp: String,
    pub jpeg: String,
}

pub fn api_image(image: &Image) -> ApiImage {
    ApiImage {
        image: image.clone(),
        urls: picture::widths(image.width)
            .into_iter()
            .map(|width| ApiImageUrl {
                width,
                height: (u64::from(image.height) * u64::from(width) / u64::from(image.width.max(1)))
                    as u32,
                webp: url(&image.file, width, Encoding::Webp),
                jpeg: url(&image.file, width, Encoding::Jpeg),
            })
            .collect(),
    }
}

/// Adds a picture to an entity (editors). Multipart fields: `file` (JPEG,
/// PNG or WebP), `role` (poster, photo, still, cover, logo), `caption`,
/// `author`, `licence`, `source` (a source's id, or where the file came
/// from), `preferred`.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/images", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, venues or events"),
           ("id" = String, Path, description = "The entity's id")),
    responses((status = 201, body = ApiImage), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn api_upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let upload = read_upload(multipart).await?;
    let image = add(&state, &viewer, kind, &id, upload).await?;
    Ok((StatusCode::CREATED, Json(api_image(&image))).into_response())
}

/// Takes a picture off an entity (editors); the file stays for the history.
#[utoipa::path(delete, path = "/api/v1/{kind}/{id}/images/{file}", tag = "catalog",
    params(("kind" = String, Path, description = "films, people, companies, albums, venues or events"),
           ("id" = String, Path, description = "The entity's id"),
           ("file" = String, Path, description = "The picture's file: its SHA-256 in hex")),
    responses((status = 200), (status = 401), (status = 403), (status = 404)))]
pub async fn api_remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((kind, id, hex)): Path<(String, String, String)>,
) -> Result<Json<serde_json::Value>, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    let change = change(&state, &viewer, kind, &id, &hex, true).await?;
    Ok(Json(serde_json::json!({ "change": change })))
}
