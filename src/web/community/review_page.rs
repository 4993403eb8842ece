//! A review's own page, with its earlier states.

use super::gather::review_views;
use super::views::*;
use crate::web::auth::Viewer;
use crate::web::render::render;
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use kinora_core::community::ReviewId;
use kinora_core::community::{Rating, Role};
use kinora_formats::markdown;

#[derive(Template)]
#[template(path = "review.html")]
pub(crate) struct ReviewTemplate {
    viewer: Viewer,
    review: ReviewView,
    revisions: Vec<(String, String, String)>,
    can_moderate: bool,
}

pub async fn review_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ReviewId>,
) -> Result<Response, WebError> {
    let review = state.store.review(id, viewer.id()).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-review",
            &[("number", id.to_string().into())],
        ))
    })?;
    if review.hidden_reason.is_some() && !viewer.can(Role::Moderator) {
        let own = review.author.account.as_deref() == viewer.name() && viewer.name().is_some();
        if !own {
            return Err(WebError::NotFound(kinora_i18n::t_with(
                "error-review-hidden",
                &[
                    ("number", id.to_string().into()),
                    (
                        "reason",
                        review.hidden_reason.clone().unwrap_or_default().into(),
                    ),
                ],
            )));
        }
    }
    let revisions = state
        .store
        .review_revisions(id)
        .await?
        .into_iter()
        .map(|revision| {
            let stars = revision.rating.map(Rating::star_text).unwrap_or_default();
            (
                day(&revision.at),
                stars,
                markdown::render(&revision.body).html,
            )
        })
        .collect();
    let review = review_views(&state, &viewer, &[review]).await?.remove(0);
    Ok(render(&ReviewTemplate {
        can_moderate: viewer.can(Role::Moderator),
        viewer,
        review,
        revisions,
    })?
    .into_response())
}

// The API
