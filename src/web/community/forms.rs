//! The forms on a film's page: a review, a viewing in the diary, the
//! watchlist, a like, a moderator hiding a review.

use crate::web::auth::Viewer;
use crate::web::{AppState, WebError};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::{DiaryEntryId, ReviewId};
use kinora_core::community::{Rating, Role, parse_tags};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Lookup as Stored;
use kinora_store::community::{NewDiaryEntry, ReviewText};
use serde::Deserialize;

/// The film an id names, following a merge; 404 otherwise.
pub async fn film_id(state: &AppState, id: &str) -> Result<String, WebError> {
    let parsed = EntityId::parse(id).map_err(|_| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-film",
            &[("id", id.to_string().into())],
        ))
    })?;
    match state.store.lookup(EntityKind::Film, &parsed).await? {
        Stored::Present { .. } => Ok(parsed.to_string()),
        Stored::Redirect { to } => Ok(to.to_string()),
        Stored::Missing => Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-film",
            &[("id", id.to_string().into())],
        ))),
    }
}

pub(crate) fn checked(value: &Option<String>) -> bool {
    matches!(value.as_deref(), Some("on" | "true" | "1" | "yes"))
}

pub(crate) fn optional_rating(text: &str) -> Result<Option<Rating>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        Rating::parse(text, false)
            .map(Some)
            .map_err(WebError::BadRequest)
    }
}

pub(crate) fn optional_date(text: &str, field: &str) -> Result<Option<String>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .map(|date| Some(date.to_string()))
        .map_err(|_| {
            WebError::BadRequest(kinora_i18n::t_with(
                "error-not-a-date",
                &[
                    ("field", field.to_string().into()),
                    ("text", text.to_string().into()),
                ],
            ))
        })
}

#[derive(Deserialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub spoiler: Option<String>,
    #[serde(default)]
    pub watched_on: String,
    /// Also log a viewing on `watched_on`.
    #[serde(default)]
    pub log: Option<String>,
}

/// The most a review, a post or a note may hold.
pub const TEXT_LIMIT: usize = 20_000;

pub(crate) fn review_text(form: &ReviewForm) -> Result<ReviewText, WebError> {
    let body = form.body.trim().to_owned();
    let headline = form.headline.trim();
    if body.chars().count() > TEXT_LIMIT {
        return Err(WebError::BadRequest(kinora_i18n::t_with(
            "error-review-too-long",
            &[("limit", TEXT_LIMIT.into())],
        )));
    }
    if headline.chars().count() > 200 {
        return Err(WebError::BadRequest(kinora_i18n::t(
            "error-headline-too-long",
        )));
    }
    let rating = optional_rating(&form.rating)?;
    if body.is_empty() && headline.is_empty() && rating.is_none() {
        return Err(WebError::BadRequest(kinora_i18n::t("error-review-empty")));
    }
    Ok(ReviewText {
        rating,
        headline: (!headline.is_empty()).then(|| headline.to_owned()),
        body,
        spoiler: checked(&form.spoiler),
        watched_on: optional_date(&form.watched_on, "watched on")?,
    })
}

/// Saves the viewer's review of a film (and, if asked, a viewing).
pub async fn save_review(
    state: &AppState,
    viewer: &Viewer,
    film: &str,
    form: &ReviewForm,
) -> Result<(String, ReviewId), WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(state, film).await?;
    let text = review_text(form)?;
    let id = state.store.save_review(account.id, &film, &text).await?;
    if checked(&form.log) {
        let watched_on = text.watched_on.clone().unwrap_or_else(today);
        if !state
            .store
            .has_diary_entry(account.id, &film, &watched_on)
            .await?
        {
            state
                .store
                .add_diary_entry(
                    account.id,
                    &NewDiaryEntry {
                        film_id: film.clone(),
                        watched_on,
                        rating: text.rating,
                        rewatch: false,
                        tags: Vec::new(),
                        review_id: Some(id),
                    },
                )
                .await?;
        }
    }
    Ok((film, id))
}

pub(crate) fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

pub async fn post_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ReviewForm>,
) -> Result<Response, WebError> {
    let (film, review) = save_review(&state, &viewer, &id, &form).await?;
    Ok(Redirect::to(&format!("/films/{film}#review-{review}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct DiaryForm {
    #[serde(default)]
    pub watched_on: String,
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub rewatch: Option<String>,
    #[serde(default)]
    pub tags: String,
}

pub async fn log_viewing(
    state: &AppState,
    viewer: &Viewer,
    film: &str,
    form: &DiaryForm,
) -> Result<(String, DiaryEntryId), WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(state, film).await?;
    let watched_on = optional_date(&form.watched_on, "watched on")?.unwrap_or_else(today);
    let tags = parse_tags(&form.tags).map_err(WebError::BadRequest)?;
    if tags.len() > 20 {
        return Err(WebError::BadRequest(kinora_i18n::t("error-too-many-tags")));
    }
    let id = state
        .store
        .add_diary_entry(
            account.id,
            &NewDiaryEntry {
                film_id: film.clone(),
                watched_on,
                rating: optional_rating(&form.rating)?,
                rewatch: checked(&form.rewatch),
                tags,
                review_id: None,
            },
        )
        .await?;
    Ok((film, id))
}

pub async fn post_diary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<DiaryForm>,
) -> Result<Response, WebError> {
    let (film, _) = log_viewing(&state, &viewer, &id, &form).await?;
    Ok(Redirect::to(&format!("/films/{film}#mine")).into_response())
}

pub async fn delete_diary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(entry): Path<DiaryEntryId>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    if !state.store.delete_diary_entry(account.id, entry).await? {
        return Err(WebError::NotFound(kinora_i18n::t("error-no-viewing")));
    }
    Ok(Redirect::to(&format!("/users/{}/diary", account.name)).into_response())
}

#[derive(Deserialize, Default)]
pub struct OnOff {
    #[serde(default)]
    pub on: Option<String>,
}

pub async fn post_watchlist(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<OnOff>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let film = film_id(&state, &id).await?;
    state
        .store
        .set_watchlist(account.id, &film, checked(&form.on))
        .await?;
    Ok(Redirect::to(&format!("/films/{film}#mine")).into_response())
}

pub async fn post_like(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<ReviewId>,
    axum::Form(form): axum::Form<OnOff>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?;
    let found = state
        .store
        .review(review, Some(account.id))
        .await?
        .ok_or_else(|| {
            WebError::NotFound(kinora_i18n::t_with(
                "error-no-review",
                &[("number", review.to_string().into())],
            ))
        })?;
    state
        .store
        .like_review(review, account.id, checked(&form.on))
        .await?;
    Ok(Redirect::to(&format!("/films/{}#review-{review}", found.film_id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct HideForm {
    #[serde(default)]
    pub reason: String,
    /// Show it again instead.
    #[serde(default)]
    pub show: Option<String>,
}

/// A moderator's reason, required to hide.
pub fn hide_reason(form: &HideForm) -> Result<Option<String>, WebError> {
    if checked(&form.show) {
        return Ok(None);
    }
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(WebError::BadRequest(kinora_i18n::t("error-hide-reason")));
    }
    if reason.chars().count() > 500 {
        return Err(WebError::BadRequest(kinora_i18n::t(
            "error-reason-too-long",
        )));
    }
    Ok(Some(reason.to_owned()))
}

pub async fn post_hide_review(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(review): Path<ReviewId>,
    axum::Form(form): axum::Form<HideForm>,
) -> Result<Response, WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    let reason = hide_reason(&form)?;
    let found = state.store.review(review, None).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-review",
            &[("number", review.to_string().into())],
        ))
    })?;
    state
        .store
        .hide_review(review, moderator.id, reason.as_deref())
        .await?;
    Ok(Redirect::to(&format!("/reviews/{review}#{}", found.film_id)).into_response())
}

// A review's own page, with its earlier states
