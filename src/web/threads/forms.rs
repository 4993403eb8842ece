//! Starting a thread, replying, editing a post, and moderating: the forms
//! and the checks every way in shares.

use super::pages::*;
use crate::web::account_pages::{Field, FormPage, form_error, form_page};
use crate::web::auth::Viewer;
use crate::web::community::{HideForm, TEXT_LIMIT, day, hide_reason};
use crate::web::render::render;
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::community::{PostId, ThreadId};
use kinora_core::{EntityId, EntityKind};
use kinora_formats::markdown;
use kinora_store::Lookup as Stored;
use kinora_store::community::{Author, NewPost, Post, Subject, ThreadState};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
pub struct NewThreadForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
}

pub(crate) fn new_thread_form(form: &NewThreadForm, about: Option<&(String, String)>) -> FormPage {
    FormPage {
        title: match about {
            Some((_, label)) => {
                kinora_i18n::t_with("thread-new-about", &[("label", label.clone().into())])
            }
            None => kinora_i18n::t("thread-new"),
        },
        action: "/threads".into(),
        fields: vec![
            Field::new("kind", "", "hidden").value(&form.kind),
            Field::new("id", "", "hidden").value(&form.id),
            Field::new("title", &kinora_i18n::t("thread-field-title"), "text")
                .value(&form.title)
                .required(),
            Field::new("body", &kinora_i18n::t("thread-field-body"), "textarea")
                .value(&form.body)
                .required()
                .help(&kinora_i18n::t("markdown-spoiler-help")),
        ],
        submit: kinora_i18n::t("thread-start"),
        ..FormPage::default()
    }
}

pub(crate) async fn subject_of(
    state: &AppState,
    kind: &str,
    id: &str,
) -> Result<Subject, WebError> {
    if kind.is_empty() && id.is_empty() {
        return Ok(Subject::Site);
    }
    let kind = EntityKind::parse(kind)
        .ok_or_else(|| WebError::BadRequest(format!("`{kind}` is not a kind of entity")))?;
    let parsed =
        EntityId::parse(id).map_err(|_| WebError::BadRequest(format!("`{id}` is not an id")))?;
    let id = match state.store.lookup(kind, &parsed).await? {
        Stored::Present { .. } => parsed,
        Stored::Redirect { to } => to,
        Stored::Missing => {
            return Err(WebError::BadRequest(format!("there is no {kind} `{id}`")));
        }
    };
    Ok(Subject::Entity {
        kind: kind.as_str().to_owned(),
        id: id.to_string(),
    })
}

pub(crate) fn check_body(body: &str) -> Result<String, WebError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(WebError::BadRequest(kinora_i18n::t("error-post-text")));
    }
    if body.chars().count() > TEXT_LIMIT {
        return Err(WebError::BadRequest(kinora_i18n::t_with(
            "error-post-too-long",
            &[("limit", TEXT_LIMIT.into())],
        )));
    }
    Ok(body.to_owned())
}

pub(crate) fn check_title(title: &str) -> Result<String, WebError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(WebError::BadRequest(kinora_i18n::t("error-title-length")));
    }
    Ok(title.to_owned())
}

/// Starts a thread as the viewer.
pub async fn start_thread(
    state: &AppState,
    viewer: &Viewer,
    form: &NewThreadForm,
) -> Result<ThreadId, WebError> {
    let account = viewer.require(Role::Member)?;
    let subject = subject_of(state, &form.kind, &form.id).await?;
    let title = check_title(&form.title)?;
    let body = check_body(&form.body)?;
    Ok(state
        .store
        .create_thread(
            &subject,
            &title,
            &NewPost {
                author: Author::Account(account.id),
                body,
                quote_of: None,
                reposts: Vec::new(),
                source_id: None,
                at: None,
                gap_before: None,
            },
        )
        .await?)
}

pub async fn new_thread_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(form): Query<NewThreadForm>,
) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    let subject = subject_of(&state, &form.kind, &form.id).await?;
    let about = subject_link(&state, &subject).await?;
    Ok(form_page(
        viewer,
        new_thread_form(&form, about.as_ref()),
        StatusCode::OK,
    ))
}

pub async fn create_thread(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<NewThreadForm>,
) -> Result<Response, WebError> {
    match start_thread(&state, &viewer, &form).await {
        Ok(id) => Ok(Redirect::to(&format!("/threads/{id}")).into_response()),
        Err(error @ (WebError::BadRequest(_) | WebError::Conflict(_))) => {
            Ok(form_error(viewer, new_thread_form(&form, None), error))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize, Default)]
pub struct ReplyForm {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub quote_of: Option<String>,
}

/// Adds the viewer's reply to a thread.
pub async fn reply(
    state: &AppState,
    viewer: &Viewer,
    thread: ThreadId,
    body: &str,
    quote_of: Option<PostId>,
) -> Result<PostId, WebError> {
    let account = viewer.require(Role::Member)?;
    find_thread(state, viewer, thread).await?;
    let body = check_body(body)?;
    Ok(state
        .store
        .add_post(
            thread,
            &NewPost {
                author: Author::Account(account.id),
                body,
                quote_of,
                reposts: Vec::new(),
                source_id: None,
                at: None,
                gap_before: None,
            },
        )
        .await?)
}

pub async fn post_reply(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<ThreadId>,
    axum::Form(form): axum::Form<ReplyForm>,
) -> Result<Response, WebError> {
    let quote_of = match form.quote_of.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            text.parse()
                .map_err(|_| WebError::BadRequest(format!("`{text}` is not a post number")))?,
        ),
    };
    let id = reply(&state, &viewer, thread, &form.body, quote_of).await?;
    Ok(Redirect::to(&format!("/threads/{thread}#post-{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    pub body: String,
}

/// Edits a post: its author, or a moderator.
pub async fn edit(
    state: &AppState,
    viewer: &Viewer,
    post: PostId,
    body: &str,
) -> Result<Post, WebError> {
    let account = viewer.require(Role::Member)?;
    let owner = state.store.post_owner(post).await.map_err(|_| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-post",
            &[("number", post.to_string().into())],
        ))
    })?;
    if owner != Some(account.id) && !account.role.at_least(Role::Moderator) {
        return Err(WebError::Forbidden(kinora_i18n::t("error-post-not-yours")));
    }
    let body = check_body(body)?;
    state.store.edit_post(post, account.id, &body).await?;
    state.store.post(post).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-post",
            &[("number", post.to_string().into())],
        ))
    })
}

#[derive(Template)]
#[template(path = "post_edit.html")]
pub(crate) struct PostEditTemplate {
    viewer: Viewer,
    post: PostView,
    thread: ThreadId,
    body: String,
    error: Option<String>,
    revisions: Vec<(String, String, String)>,
}

pub async fn edit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<PostId>,
) -> Result<Response, WebError> {
    let found = state.store.post(post).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-post",
            &[("number", post.to_string().into())],
        ))
    })?;
    find_thread(&state, &viewer, found.thread_id).await?;
    // A hidden post's text, now or before, is for moderators only.
    if let Some(reason) = &found.hidden_reason
        && !viewer.can(Role::Moderator)
    {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-post-hidden",
            &[
                ("number", post.to_string().into()),
                ("reason", reason.clone().into()),
            ],
        )));
    }
    let revisions = state
        .store
        .post_revisions(post)
        .await?
        .into_iter()
        .map(|revision| {
            (
                day(&revision.at),
                revision.by.unwrap_or_else(|| found.author.name.clone()),
                markdown::render(&revision.body).html,
            )
        })
        .collect();
    let view = post_views(&state, &viewer, std::slice::from_ref(&found))
        .await?
        .remove(0);
    Ok(render(&PostEditTemplate {
        thread: found.thread_id,
        body: if view.hidden_reason.is_some() && !viewer.can(Role::Moderator) {
            String::new()
        } else {
            found.body.clone()
        },
        viewer,
        post: view,
        error: None,
        revisions,
    })?
    .into_response())
}

pub async fn post_edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<PostId>,
    axum::Form(form): axum::Form<EditForm>,
) -> Result<Response, WebError> {
    let edited = edit(&state, &viewer, post, &form.body).await?;
    Ok(Redirect::to(&format!("/threads/{}#post-{post}", edited.thread_id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct ModerateForm {
    /// pin, unpin, lock, unlock, archive, unarchive, hide or show.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub reason: String,
}

/// A moderator's act on a thread.
pub async fn moderate(
    state: &AppState,
    viewer: &Viewer,
    thread: ThreadId,
    form: &ModerateForm,
) -> Result<(), WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    state.store.thread(thread).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-thread",
            &[("number", thread.to_string().into())],
        ))
    })?;
    let reason = form.reason.trim();
    let (state_change, on) = match form.action.as_str() {
        "pin" => (ThreadState::Pinned, true),
        "unpin" => (ThreadState::Pinned, false),
        "lock" => (ThreadState::Locked, true),
        "unlock" => (ThreadState::Locked, false),
        "archive" => (ThreadState::Archived, true),
        "unarchive" => (ThreadState::Archived, false),
        "hide" | "show" => {
            let reason = hide_reason(&HideForm {
                reason: reason.to_owned(),
                show: (form.action == "show").then(|| "on".to_owned()),
            })?;
            state
                .store
                .hide_thread(thread, moderator.id, reason.as_deref())
                .await?;
            return Ok(());
        }
        other => {
            return Err(WebError::BadRequest(format!(
                "`{other}` is not an action: use pin, unpin, lock, unlock, archive, unarchive, hide or show"
            )));
        }
    };
    state
        .store
        .set_thread_state(thread, moderator.id, state_change, on, reason)
        .await?;
    Ok(())
}

pub async fn post_moderate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<ThreadId>,
    axum::Form(form): axum::Form<ModerateForm>,
) -> Result<Response, WebError> {
    moderate(&state, &viewer, thread, &form).await?;
    Ok(Redirect::to(&format!("/threads/{thread}")).into_response())
}

pub async fn post_hide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<PostId>,
    axum::Form(form): axum::Form<HideForm>,
) -> Result<Response, WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    let reason = hide_reason(&form)?;
    let found = state.store.post(post).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-post",
            &[("number", post.to_string().into())],
        ))
    })?;
    state
        .store
        .hide_post(post, moderator.id, reason.as_deref())
        .await?;
    Ok(Redirect::to(&format!("/threads/{}#post-{post}", found.thread_id)).into_response())
}

// The API
