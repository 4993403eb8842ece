//! A thread's page, the forum and the moderation log: posts shown with
//! their authors, quotes, reposts and sources.

use crate::web::auth::Viewer;
use crate::web::community::{AuthorView, ThreadLine, day};
use crate::web::render::{render, script_json};
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kinora_core::community::Role;
use kinora_core::community::{PostId, ThreadId};
use kinora_core::{EntityId, EntityKind};
use kinora_formats::{jsonld, markdown};
use kinora_store::community::{ModerationEntry, Post, Subject, Thread};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A post as a thread's page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct PostView {
    pub id: PostId,
    pub number: i64,
    pub author: AuthorView,
    pub html: String,
    /// The day it was written, or empty (said "date not given") for a post read
    /// elsewhere whose page gives none.
    pub date: String,
    /// What the page it was read from shows before it ("1 month later…").
    pub gap_before: Option<String>,
    /// The quoted post: (id, author, excerpt).
    pub quote: Option<(PostId, String, String)>,
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
pub(crate) struct ThreadTemplate {
    viewer: Viewer,
    thread: Thread,
    about: Option<(String, String)>,
    source: Option<(String, String)>,
    posts: Vec<PostView>,
    quote: Option<(PostId, String)>,
    can_reply: bool,
    can_moderate: bool,
    closed_note: String,
    json_ld: String,
}

#[derive(Template)]
#[template(path = "forum.html")]
pub(crate) struct ForumTemplate {
    viewer: Viewer,
    threads: Vec<ThreadLine>,
}

#[derive(Template)]
#[template(path = "moderation.html")]
pub(crate) struct ModerationTemplate {
    viewer: Viewer,
    entries: Vec<ModerationEntry>,
}

/// What a subject is called and where it lives.
pub(crate) async fn subject_link(
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
pub(crate) async fn source_titles(
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
        .map(|summary| (summary.id.to_string(), summary.label))
        .collect())
}

pub(crate) async fn post_views(
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
    let by_id: HashMap<PostId, &Post> = posts.iter().map(|post| (post.id, post)).collect();
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
                // A post read elsewhere keeps the order it had there, and
                // its day only if the page it came from showed one.
                date: post.written_at.as_ref().map(day).unwrap_or_default(),
                gap_before: post.gap_before.clone(),
                quote,
                reposts,
                source: post.source_id.as_ref().map(|id| {
                    (
                        format!("/sources/{id}"),
                        titles.get(id).cloned().unwrap_or_else(|| id.clone()),
                    )
                }),
                edited: post.edited_at.as_ref().map(|at| match &post.edited_by {
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

pub(crate) async fn find_thread(
    state: &AppState,
    viewer: &Viewer,
    id: ThreadId,
) -> Result<Thread, WebError> {
    let thread = state.store.thread(id).await?.ok_or_else(|| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-thread",
            &[("number", id.to_string().into())],
        ))
    })?;
    if let Some(reason) = &thread.hidden_reason
        && !viewer.can(Role::Moderator)
    {
        return Err(WebError::NotFound(kinora_i18n::t_with(
            "error-thread-hidden",
            &[
                ("number", id.to_string().into()),
                ("reason", reason.clone().into()),
            ],
        )));
    }
    Ok(thread)
}

#[derive(Deserialize, Default)]
pub struct ThreadQuery {
    #[serde(default)]
    quote: Option<PostId>,
}

pub async fn thread_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ThreadId>,
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
                    kinora_i18n::t_with(
                        "thread-quoting",
                        &[
                            ("author", p.author.name.clone().into()),
                            ("number", p.number.to_string().into()),
                            ("excerpt", markdown::excerpt(&p.body, 200).into()),
                        ],
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
            date: post.written_at.map(|at| at.to_string()),
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
        kinora_i18n::t("thread-archived-note")
    } else if thread.locked {
        kinora_i18n::t("thread-locked-note")
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

// Starting a thread, replying, editing
