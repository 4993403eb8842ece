//! The community's JSON API: a film's reviews, posting one, liking one.

use super::forms::*;
use super::views::*;
use crate::web::auth::Viewer;
use crate::web::{AppState, WebError};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kinora_core::community::{Rating, Role};
use kinora_core::community::{ReviewId, Timestamp};
use kinora_formats::markdown;
use kinora_store::community::Review;
use serde::{Deserialize, Serialize};

/// A review in the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiReview {
    id: ReviewId,
    film: String,
    #[schema(value_type = Object)]
    author: AuthorView,
    rating: Option<u8>,
    headline: Option<String>,
    /// As written (Markdown).
    body: String,
    /// The body as safe HTML.
    body_html: String,
    spoiler: bool,
    /// When Kinora recorded it.
    created_at: Timestamp,
    updated_at: Timestamp,
    /// When its author wrote it; null for a review read elsewhere whose
    /// page gives no date.
    written_at: Option<Timestamp>,
    likes: i64,
    revisions: i64,
    source: Option<String>,
}

pub(crate) fn api_review(review: &Review) -> ApiReview {
    ApiReview {
        id: review.id,
        film: review.film_id.clone(),
        author: AuthorView::from(&review.author),
        rating: review.rating.map(Rating::value),
        headline: review.headline.clone(),
        body: review.body.clone(),
        body_html: markdown::render(&review.body).html,
        spoiler: review.spoiler,
        created_at: review.created_at,
        written_at: review.written_at,
        updated_at: review.updated_at,
        likes: review.likes,
        revisions: review.revisions,
        source: review.source_id.clone(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiReviews {
    reviews: Vec<ApiReview>,
    /// How many ratings of 1, 2, … 10.
    histogram: [u64; 10],
}

/// A film's reviews (hidden ones left out) and its ratings histogram.
#[utoipa::path(get, path = "/api/v1/films/{id}/reviews", tag = "community",
    params(("id" = String, Path, description = "The film's id")),
    responses((status = 200, body = ApiReviews), (status = 404)))]
pub async fn api_film_reviews(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<ApiReviews>, WebError> {
    let film = film_id(&state, &id).await?;
    let reviews = state
        .store
        .reviews_of_film(&film, viewer.id())
        .await
        .map_err(WebError::from)?;
    let histogram = state
        .store
        .rating_histogram(&film)
        .await
        .map_err(WebError::from)?;
    Ok(Json(ApiReviews {
        reviews: reviews
            .iter()
            .filter(|review| review.hidden_reason.is_none())
            .map(api_review)
            .collect(),
        histogram,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiReviewRequest {
    /// 1 to 10.
    #[serde(default)]
    rating: Option<u8>,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    spoiler: bool,
    #[serde(default)]
    watched_on: String,
    /// Also log a viewing on `watched_on` (today when empty).
    #[serde(default)]
    log: bool,
}

/// Writes the signed-in account's review of a film (again: a new state,
/// the earlier one kept).
#[utoipa::path(post, path = "/api/v1/films/{id}/reviews", tag = "community",
    params(("id" = String, Path, description = "The film's id")),
    request_body = ApiReviewRequest,
    responses((status = 201, body = ApiReview), (status = 400), (status = 401)))]
pub async fn api_post_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Json(request): Json<ApiReviewRequest>,
) -> Result<(StatusCode, Json<ApiReview>), WebError> {
    let form = ReviewForm {
        rating: request.rating.map(|r| r.to_string()).unwrap_or_default(),
        headline: request.headline,
        body: request.body,
        spoiler: request.spoiler.then(|| "on".to_owned()),
        watched_on: request.watched_on,
        log: request.log.then(|| "on".to_owned()),
    };
    let (_, review) = save_review(&state, &viewer, &id, &form).await?;
    let saved = state
        .store
        .review(review, viewer.id())
        .await
        .map_err(WebError::from)?
        .ok_or_else(|| WebError::NotFound("the review is gone".into()))?;
    Ok((StatusCode::CREATED, Json(api_review(&saved))))
}

/// Likes a review (`{"on": false}` takes the like back).
#[utoipa::path(post, path = "/api/v1/reviews/{id}/like", tag = "community",
    params(("id" = i64, Path, description = "The review's number")),
    responses((status = 204), (status = 401), (status = 404)))]
pub async fn api_like(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<ReviewId>,
    Json(body): Json<serde_json::Value>,
) -> Result<StatusCode, WebError> {
    let account = viewer.require(Role::Member)?;
    state
        .store
        .review(review, None)
        .await
        .map_err(WebError::from)?
        .ok_or_else(|| WebError::NotFound(format!("no review #{review}")))?;
    let on = body
        .get("on")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true);
    state
        .store
        .like_review(review, account.id, on)
        .await
        .map_err(WebError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// For templates: the roles pages ask for.
pub const MODERATOR: Role = Role::Moderator;
pub const EDITOR: Role = Role::Editor;
