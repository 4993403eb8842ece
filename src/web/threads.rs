//! Discussion threads: the forum's index, a thread with its posts, starting
//! one, replying and quoting, editing with history, and what moderators do
//! (pin, lock, archive, hide with a public reason).

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::{EntityId, EntityKind};
use kinora_formats::{jsonld, markdown};
use kinora_store::Lookup as Stored;
use kinora_store::community::{
    Author, ModerationEntry, NewPost, Post, Subject, Thread, ThreadState,
};
use serde::{Deserialize, Serialize};

use super::account_pages::{Field, FormPage, form_error, form_page};
use super::auth::Viewer;
use super::community::{AuthorView, HideForm, TEXT_LIMIT, ThreadLine, day, hide_reason};
use super::render::{render, script_json};
use super::{AppState, WebError};

/// A post as a thread's page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct PostView {
    pub id: i64,
    pub number: i64,
    pub author: AuthorView,
    pub html: String,
    pub date: String,
    /// The quoted post: (id, author, excerpt).
    pub quote: Option<(i64, String, String)>,
    /// Reposted articles: (page or URL, what to call it).
    pub reposts: Vec<(String, String)>,
    /// Where an imported post was read: (page, title).
    pub source: Option<(String, String)>,
    pub edited: Option<String>,
    pub revisions: i64,
    pub hidden_reason: Option<String>,
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "thread.html")]
struct ThreadTemplate {
    viewer: Viewer,
    thread: Thread,
    about: Option<(String, String)>,
    source: Option<(String, String)>,
    posts: Vec<PostView>,
    quote: Option<(i64, String)>,
    can_reply: bool,
    can_moderate: bool,
    closed_note: String,
    json_ld: String,
}

#[derive(Template)]
#[template(path = "forum.html")]
struct ForumTemplate {
    viewer: Viewer,
    threads: Vec<ThreadLine>,
}

#[derive(Template)]
#[template(path = "moderation.html")]
struct ModerationTemplate {
    viewer: Viewer,
    entries: Vec<ModerationEntry>,
}

/// What a subject is called and where it lives.
async fn subject_link(
    state: &AppState,
    subject: &Subject,
) -> Result<Option<(String, String)>, WebError> {
    let Subject::Entity { kind, id } = subject else {
        return Ok(None);
    };
    let (Some(kind), Ok(id)) = (EntityKind::parse(kind), EntityId::parse(id)) else {
        return Ok(None);
    };
    let summaries = state.store.summaries(&[(kind, id.clone())]).await?;
    let label = summaries
        .get(&(kind, id.clone()))
        .map_or_else(|| id.to_string(), |summary| summary.label.clone());
    Ok(Some((format!("/{}/{id}", kind.plural()), label)))
}

/// Titles of catalog sources by id.
async fn source_titles(
    state: &AppState,
    ids: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, String>, WebError> {
    let keys: Vec<(EntityKind, EntityId)> = ids
        .into_iter()
        .filter_map(|id| EntityId::parse(&id).ok())
        .map(|id| (EntityKind::Source, id))
        .collect();
    Ok(state
        .store
        .summaries(&keys)
        .await?
        .into_values()
        .map(|summary| (summary.id, summary.label))
        .collect())
}

async fn post_views(
    state: &AppState,
    viewer: &Viewer,
    posts: &[Post],
) -> Result<Vec<PostView>, WebError> {
    let mut source_ids: Vec<String> = Vec::new();
    for post in posts {
        source_ids.extend(post.source_id.clone());
        source_ids.extend(post.reposts.iter().filter_map(|r| r.source.clone()));
    }
    let titles = source_titles(state, source_ids).await?;
    let by_id: HashMap<i64, &Post> = posts.iter().map(|post| (post.id, post)).collect();
    let moderator = viewer.can(Role::Moderator);
    Ok(posts
        .iter()
        .map(|post| {
            let hidden = post.hidden_reason.is_some() && !moderator;
            let quote = post.quote_of.map(|quoted| match by_id.get(&quoted) {
                Some(q) if q.hidden_reason.is_none() => (
                    quoted,
                    q.author.name.clone(),
                    markdown::excerpt(&q.body, 280),
                ),
                Some(q) => (quoted, q.author.name.clone(), "(hidden)".to_owned()),
                None => (quoted, String::new(), String::new()),
            });
            let reposts = post
                .reposts
                .iter()
                .map(|repost| {
                    let title = repost
                        .source
                        .as_ref()
                        .and_then(|id| titles.get(id).cloned());
                    let href = match (&repost.source, &repost.url) {
                        (Some(id), _) => format!("/sources/{id}"),
                        (None, Some(url)) if url.starts_with("http") => url.clone(),
                        _ => String::new(),
                    };
                    let mut label = title.unwrap_or_else(|| "an article".into());
                    if let Some(publisher) = &repost.publisher {
                        label = format!("{label} ({publisher}");
                        if let Some(date) = &repost.date {
                            label.push_str(&format!(", {date}"));
                        }
                        label.push(')');
                    } else if let Some(date) = &repost.date {
                        label = format!("{label} ({date})");
                    }
                    (href, label)
                })
                .collect();
            PostView {
                id: post.id,
                number: post.number,
                author: AuthorView::from(&post.author),
                html: if hidden {
                    String::new()
                } else {
                    markdown::render(&post.body).html
                },
                // A post read elsewhere keeps the order it had there; its
                // day, which the page it came from did not show, is not
                // shown either.
                date: if post.author.guest {
                    String::new()
                } else {
                    day(&post.created_at)
                },
                quote,
                reposts,
                source: post.source_id.as_ref().map(|id| {
                    (
                        format!("/sources/{id}"),
                        titles.get(id).cloned().unwrap_or_else(|| id.clone()),
                    )
                }),
                edited: post.edited_at.as_deref().map(|at| match &post.edited_by {
                    Some(editor) => format!("{} by {editor}", day(at)),
                    None => day(at),
                }),
                revisions: post.revisions,
                hidden_reason: post.hidden_reason.clone(),
                mine: viewer.name().is_some() && post.author.account.as_deref() == viewer.name(),
            }
        })
        .collect())
}

async fn find_thread(state: &AppState, viewer: &Viewer, id: i64) -> Result<Thread, WebError> {
    let thread = state
        .store
        .thread(id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no thread #{id}.")))?;
    if let Some(reason) = &thread.hidden_reason
        && !viewer.can(Role::Moderator)
    {
        return Err(WebError::NotFound(format!(
            "Thread #{id} was hidden by a moderator: {reason}"
        )));
    }
    Ok(thread)
}

#[derive(Deserialize, Default)]
pub struct ThreadQuery {
    #[serde(default)]
    quote: Option<i64>,
}

pub async fn thread_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<ThreadQuery>,
) -> Result<Response, WebError> {
    let thread = find_thread(&state, &viewer, id).await?;
    let posts = state.store.posts(id).await?;
    let views = post_views(&state, &viewer, &posts).await?;
    let about = subject_link(&state, &thread.subject).await?;
    let source = match &thread.source_id {
        Some(source) => Some((
            format!("/sources/{source}"),
            source_titles(&state, [source.clone()])
                .await?
                .remove(source)
                .unwrap_or_else(|| source.clone()),
        )),
        None => None,
    };
    let moderator = viewer.can(Role::Moderator);
    let quote = query.quote.and_then(|quoted| {
        posts
            .iter()
            .find(|p| p.id == quoted && (p.hidden_reason.is_none() || moderator))
            .map(|p| {
                (
                    p.id,
                    format!(
                        "Quoting {} (#{}): {}",
                        p.author.name,
                        p.number,
                        markdown::excerpt(&p.body, 200)
                    ),
                )
            })
    });
    let ld_posts: Vec<jsonld::PostLd> = posts
        .iter()
        .filter(|post| post.hidden_reason.is_none())
        .map(|post| jsonld::PostLd {
            author: post.author.name.clone(),
            url: format!("/threads/{id}#post-{}", post.id),
            text: markdown::plain(&post.body),
            date: post.created_at.clone(),
            quotes: post.quote_of.map(|q| format!("/threads/{id}#post-{q}")),
            shares: post
                .reposts
                .iter()
                .map(|r| {
                    (
                        r.publisher.clone().unwrap_or_default(),
                        r.source
                            .as_ref()
                            .map(|s| format!("/sources/{s}"))
                            .or_else(|| r.url.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .collect();
    let ld = jsonld::discussion(
        &thread.title,
        &format!("/threads/{id}"),
        about
            .as_ref()
            .map(|(href, label)| (label.as_str(), href.as_str())),
        &ld_posts,
    );
    let closed_note = if thread.archived {
        "This thread is archived and closed to further replies.".to_owned()
    } else if thread.locked {
        "This thread is locked: it takes no more replies.".to_owned()
    } else {
        String::new()
    };
    Ok(render(&ThreadTemplate {
        can_reply: viewer.account.is_some() && !thread.locked && !thread.archived,
        can_moderate: viewer.can(Role::Moderator),
        json_ld: script_json(&ld)?,
        viewer,
        thread,
        about,
        source,
        posts: views,
        quote,
        closed_note,
    })?
    .into_response())
}

pub async fn forum(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let threads = state.store.recent_threads(100).await?;
    let mut lines = Vec::new();
    for thread in threads
        .iter()
        .filter(|t| t.hidden_reason.is_none() || viewer.can(Role::Moderator))
    {
        let mut line = ThreadLine::new(thread);
        line.about = subject_link(&state, &thread.subject).await?;
        lines.push(line);
    }
    Ok(render(&ForumTemplate {
        viewer,
        threads: lines,
    })?
    .into_response())
}

pub async fn moderation_log(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let entries = state.store.moderation_log(500).await?;
    Ok(render(&ModerationTemplate { viewer, entries })?.into_response())
}

// ---------------------------------------------------------------------------
// Starting a thread, replying, editing
// ---------------------------------------------------------------------------

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

fn new_thread_form(form: &NewThreadForm, about: Option<&(String, String)>) -> FormPage {
    FormPage {
        title: match about {
            Some((_, label)) => format!("A new thread about {label}"),
            None => "A new thread".into(),
        },
        action: "/threads".into(),
        fields: vec![
            Field::new("kind", "", "hidden").value(&form.kind),
            Field::new("id", "", "hidden").value(&form.id),
            Field::new("title", "Title", "text")
                .value(&form.title)
                .required(),
            Field::new("body", "First post", "textarea")
                .value(&form.body)
                .required()
                .help("Markdown. Hide a spoiler with ||two bars on each side||."),
        ],
        submit: "Start the thread".into(),
        ..FormPage::default()
    }
}

async fn subject_of(state: &AppState, kind: &str, id: &str) -> Result<Subject, WebError> {
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

fn check_body(body: &str) -> Result<String, WebError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(WebError::BadRequest("A post needs some text.".into()));
    }
    if body.chars().count() > TEXT_LIMIT {
        return Err(WebError::BadRequest(format!(
            "A post has at most {TEXT_LIMIT} characters."
        )));
    }
    Ok(body.to_owned())
}

fn check_title(title: &str) -> Result<String, WebError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(WebError::BadRequest(
            "A title has 1 to 200 characters.".into(),
        ));
    }
    Ok(title.to_owned())
}

/// Starts a thread as the viewer.
pub async fn start_thread(
    state: &AppState,
    viewer: &Viewer,
    form: &NewThreadForm,
) -> Result<i64, WebError> {
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
    thread: i64,
    body: &str,
    quote_of: Option<i64>,
) -> Result<i64, WebError> {
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
            },
        )
        .await?)
}

pub async fn post_reply(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<i64>,
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
    post: i64,
    body: &str,
) -> Result<Post, WebError> {
    let account = viewer.require(Role::Member)?;
    let owner = state
        .store
        .post_owner(post)
        .await
        .map_err(|_| WebError::NotFound(format!("There is no post #{post}.")))?;
    if owner != Some(account.id) && !account.role.at_least(Role::Moderator) {
        return Err(WebError::Forbidden(
            "Only its author or a moderator can edit a post.".into(),
        ));
    }
    let body = check_body(body)?;
    state.store.edit_post(post, account.id, &body).await?;
    state
        .store
        .post(post)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no post #{post}.")))
}

#[derive(Template)]
#[template(path = "post_edit.html")]
struct PostEditTemplate {
    viewer: Viewer,
    post: PostView,
    thread: i64,
    body: String,
    error: Option<String>,
    revisions: Vec<(String, String, String)>,
}

pub async fn edit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<i64>,
) -> Result<Response, WebError> {
    let found = state
        .store
        .post(post)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no post #{post}.")))?;
    find_thread(&state, &viewer, found.thread_id).await?;
    // A hidden post's text, now or before, is for moderators only.
    if let Some(reason) = &found.hidden_reason
        && !viewer.can(Role::Moderator)
    {
        return Err(WebError::NotFound(format!(
            "Post #{post} was hidden by a moderator: {reason}"
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
    Path(post): Path<i64>,
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
    thread: i64,
    form: &ModerateForm,
) -> Result<(), WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    state
        .store
        .thread(thread)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no thread #{thread}.")))?;
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
    Path(thread): Path<i64>,
    axum::Form(form): axum::Form<ModerateForm>,
) -> Result<Response, WebError> {
    moderate(&state, &viewer, thread, &form).await?;
    Ok(Redirect::to(&format!("/threads/{thread}")).into_response())
}

pub async fn post_hide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(post): Path<i64>,
    axum::Form(form): axum::Form<HideForm>,
) -> Result<Response, WebError> {
    let moderator = viewer.require(Role::Moderator)?;
    let reason = hide_reason(&form)?;
    let found = state
        .store
        .post(post)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("There is no post #{post}.")))?;
    state
        .store
        .hide_post(post, moderator.id, reason.as_deref())
        .await?;
    Ok(Redirect::to(&format!("/threads/{}#post-{post}", found.thread_id)).into_response())
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiThread {
    #[schema(value_type = Object)]
    thread: Thread,
    #[schema(value_type = Vec<Object>)]
    posts: Vec<Post>,
}

fn api<T>(result: Result<T, WebError>) -> Result<T, WebError> {
    result.map_err(WebError::api)
}

/// Recent threads, pinned first.
#[utoipa::path(get, path = "/api/v1/threads", tag = "community", responses((status = 200)))]
pub async fn api_threads(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<serde_json::Value>, WebError> {
    let threads = api(state
        .store
        .recent_threads(200)
        .await
        .map_err(WebError::from))?;
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
    Path(id): Path<i64>,
) -> Result<Json<ApiThread>, WebError> {
    let thread = api(find_thread(&state, &viewer, id).await)?;
    let mut posts = api(state.store.posts(id).await.map_err(WebError::from))?;
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
    let id = api(start_thread(&state, &viewer, &form).await)?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({"id": id, "url": format!("/threads/{id}")})),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiReply {
    body: String,
    #[serde(default)]
    quote_of: Option<i64>,
}

/// Replies to a thread, quoting a post of it if `quote_of` names one.
#[utoipa::path(post, path = "/api/v1/threads/{id}/posts", tag = "community",
    params(("id" = i64, Path, description = "The thread's number")), request_body = ApiReply,
    responses((status = 201), (status = 400), (status = 401), (status = 409)))]
pub async fn api_reply(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(thread): Path<i64>,
    Json(request): Json<ApiReply>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebError> {
    let id = api(reply(&state, &viewer, thread, &request.body, request.quote_of).await)?;
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
    Path(post): Path<i64>,
    Json(request): Json<ApiReply>,
) -> Result<Json<Post>, WebError> {
    Ok(Json(api(edit(&state, &viewer, post, &request.body).await)?))
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
    Path(thread): Path<i64>,
    Json(request): Json<ApiModerate>,
) -> Result<StatusCode, WebError> {
    let form = ModerateForm {
        action: request.action,
        reason: request.reason,
    };
    api(moderate(&state, &viewer, thread, &form).await)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The public moderation log, newest first.
#[utoipa::path(get, path = "/api/v1/moderation", tag = "community", responses((status = 200)))]
pub async fn api_moderation(
    State(state): State<AppState>,
) -> Result<Json<serde_json::Value>, WebError> {
    let entries = api(state
        .store
        .moderation_log(500)
        .await
        .map_err(WebError::from))?;
    Ok(Json(serde_json::json!({ "entries": entries })))
}
