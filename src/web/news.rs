//! News: the articles in the catalog, newest first, their Atom feeds (the
//! site's, and a film's, person's or company's), and for editors, pasting
//! an article and confirming the names Kinora found in it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kinora_core::community::Role;
use kinora_core::mentions::{Confidence, Proposal};
use kinora_core::model::{Author, Entity, Mention, MentionStatus, Source, SourceKind};
use kinora_core::{EntityId, EntityKind, Language, PartialDate};
use kinora_formats::atom::{Entry, Feed};
use kinora_store::Lookup as Stored;
use serde::Deserialize;
use time::OffsetDateTime;

use super::account_pages::{Field, FormPage, form_error, form_page};
use super::auth::Viewer;
use super::editing::author;
use super::feeds::{answer, latest};
use super::render::{parse_path, render};
use super::view::{Cell, Lookup, paragraphs};
use super::{AppState, WebError};
use askama::Template;
use kinora_i18n::t;

/// How many articles the news page and the site's feed list.
const ARTICLES_SHOWN: i64 = 100;

pub struct ArticleLine {
    pub id: String,
    pub title: String,
    pub date: String,
    pub publisher: String,
    pub named: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "news.html")]
struct NewsTemplate {
    viewer: Viewer,
    articles: Vec<ArticleLine>,
}

/// `GET /news`.
pub async fn news_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Html<String>, WebError> {
    let articles = state.store.articles(ARTICLES_SHOWN).await?;
    let mut articles = articles;
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let keys: Vec<(EntityKind, EntityId)> = articles
        .iter()
        .flat_map(|article| confirmed(article).map(|(kind, id, _)| (kind, id.clone())))
        .collect();
    let lookup = Lookup::new(
        state.store.summaries(&keys).await?,
        std::collections::HashMap::new(),
    );
    let lines = articles
        .iter()
        .map(|article| ArticleLine {
            id: article.id.to_string(),
            title: article.title.clone(),
            date: article.date.map(|d| d.display()).unwrap_or_default(),
            publisher: article.publisher.clone().unwrap_or_default(),
            named: confirmed(article)
                .map(|(kind, id, written)| lookup.entity_cell(kind, id, Some(written)))
                .collect(),
        })
        .collect();
    render(&NewsTemplate {
        viewer,
        articles: lines,
    })
}

/// The entities an editor confirmed an article names.
fn confirmed(article: &Source) -> impl Iterator<Item = (EntityKind, &EntityId, &str)> {
    article
        .mentions
        .iter()
        .filter(|mention| mention.status == MentionStatus::Confirmed)
        .filter_map(|mention| {
            mention
                .target()
                .map(|(kind, id)| (kind, id, mention.written.as_str()))
        })
}

/// The feed entries of articles; one whose page gives no date is dated
/// when it entered the catalog (Atom demands a time) and says so.
async fn feed_entries(
    state: &AppState,
    base: &str,
    articles: &[Source],
) -> Result<Vec<Entry>, WebError> {
    let mut entries = Vec::with_capacity(articles.len());
    for article in articles {
        let recorded = match article.date {
            Some(_) => None,
            None => state
                .store
                .history(kinora_core::EntityKind::Source, &article.id)
                .await?
                .last()
                .map(|entry| entry.at.time()),
        };
        entries.push(feed_entry(
            base,
            article,
            recorded.unwrap_or_else(OffsetDateTime::now_utc),
        ));
    }
    Ok(entries)
}

/// An article's entry: published on its date (the first day of a month or
/// year when only those are known), or else dated `recorded`, saying so.
fn feed_entry(base: &str, article: &Source, recorded: OffsetDateTime) -> Entry {
    let published = article.date.map(|date| {
        let day = time::Date::from_calendar_date(
            date.year(),
            time::Month::try_from(date.month().unwrap_or(1)).unwrap_or(time::Month::January),
            date.day().unwrap_or(1),
        )
        .unwrap_or(time::Date::MIN);
        day.midnight().assume_utc()
    });
    let mut summary = article.summary.clone().or_else(|| {
        article
            .text
            .as_deref()
            .and_then(|text| paragraphs(text).next())
    });
    if published.is_none() {
        summary = Some(match summary {
            Some(text) => format!("{text} ({})", super::feeds::undated()),
            None => super::feeds::undated(),
        });
    }
    let writer = if article.authors.is_empty() {
        // Atom needs a name; one the article does not give is not made up.
        article
            .publisher
            .clone()
            .unwrap_or_else(|| "(author not given)".into())
    } else {
        article
            .authors
            .iter()
            .map(|author| author.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Entry {
        id: format!("{base}/sources/{}", article.id),
        title: article.title.clone(),
        url: format!("{base}/sources/{}", article.id),
        published,
        updated: published.unwrap_or(recorded),
        author: writer,
        author_url: None,
        summary,
        content_html: None,
        categories: article.publisher.iter().cloned().collect(),
    }
}

/// `GET /news.atom`: the site's articles, newest first.
pub async fn site_feed(State(state): State<AppState>) -> Result<Response, WebError> {
    let base = state.config.base_url();
    let mut articles = state.store.articles(ARTICLES_SHOWN).await?;
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let entries = feed_entries(&state, &base, &articles).await?;
    Ok(answer(&Feed {
        id: format!("{base}/news"),
        title: kinora_i18n::t("feed-news"),
        self_url: format!("{base}/news.atom"),
        alternate_url: format!("{base}/news"),
        updated: latest(&entries),
        subtitle: Some(kinora_i18n::t("feed-news-subtitle")),
        entries,
    }))
}

/// `GET /{films,people,companies}/{id}/news.atom`: the articles that name it.
pub async fn entity_feed(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (kind, id) = parse_path(&kind, &id)?;
    if !matches!(
        kind,
        EntityKind::Film | EntityKind::Person | EntityKind::Company
    ) {
        return Err(WebError::NotFound(t("error-news-feed-kind")));
    }
    let entity = match state.store.lookup(kind, &id).await? {
        Stored::Present { entity, .. } => entity,
        Stored::Redirect { to } => {
            return Ok(super::moved_permanently(&format!(
                "/{}/{to}/news.atom",
                kind.plural()
            )));
        }
        Stored::Missing => {
            return Err(WebError::NotFound(kinora_i18n::t_with(
                "error-no-entity",
                &[
                    ("kind", kind.local_name().into()),
                    ("id", id.to_string().into()),
                ],
            )));
        }
    };
    let base = state.config.base_url();
    let articles =
        super::events::news_about(&mut super::events::Backlinks::new(&state.store), kind, &id)
            .await?;
    let entries = feed_entries(&state, &base, &articles).await?;
    let page = format!("{base}/{}/{id}", kind.plural());
    Ok(answer(&Feed {
        id: format!("{page}/news"),
        title: kinora_i18n::t_with(
            "feed-in-the-news",
            &[(
                "name",
                kinora_core::model::shown_label(&entity, kinora_i18n::Reader::current()).into(),
            )],
        ),
        self_url: format!("{page}/news.atom"),
        alternate_url: page,
        updated: latest(&entries),
        subtitle: None,
        entries,
    }))
}

#[derive(Deserialize, Default)]
pub struct ArticleForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub text: String,
}

fn article_form(form: &ArticleForm) -> FormPage {
    FormPage {
        title: t("news-add"),
        intro: Some(t("article-add-intro")),
        action: "/news".into(),
        fields: vec![
            Field::new("title", &t("article-field-title"), "text")
                .value(&form.title)
                .required(),
            Field::new("publisher", &t("article-field-publisher"), "text").value(&form.publisher),
            Field::new("author", &t("article-field-author"), "text").value(&form.author),
            Field::new("date", &t("article-field-date"), "text").value(&form.date),
            Field::new("url", &t("article-field-url"), "url").value(&form.url),
            Field::new("lang", &t("article-field-lang"), "text").value(&form.lang),
            Field::new("text", &t("article-field-text"), "textarea")
                .value(&form.text)
                .required(),
        ],
        submit: t("article-save"),
        ..FormPage::default()
    }
}

/// `GET /news/new`.
pub async fn new_article_page(viewer: Viewer) -> Result<Response, WebError> {
    viewer.require(Role::Editor)?;
    Ok(form_page(
        viewer,
        article_form(&ArticleForm::default()),
        axum::http::StatusCode::OK,
    ))
}

/// Reads the form into a source; says which field is wrong.
fn article_of(form: &ArticleForm, id: EntityId) -> Result<Source, WebError> {
    let bad = |message: String| WebError::BadRequest(message);
    let title = form.title.trim();
    if title.is_empty() {
        return Err(bad("Headline: an article needs a headline.".into()));
    }
    let text = form.text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(bad("Text: paste the article's text.".into()));
    }
    let date = match form.date.trim() {
        "" => None,
        date => Some(PartialDate::parse(date).map_err(|error| bad(format!("Date: {error}")))?),
    };
    let lang = match form.lang.trim() {
        "" => None,
        lang => Some(Language::parse(lang).map_err(|error| bad(format!("Language: {error}")))?),
    };
    let url = match form.url.trim() {
        "" => None,
        url => {
            let parsed = url::Url::parse(url)
                .map_err(|_| bad(format!("Address: `{url}` is not a web address.")))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(bad(format!("Address: `{url}` is not an http(s) address.")));
            }
            Some(url.to_owned())
        }
    };
    let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    Ok(Source {
        id,
        kind: SourceKind::News,
        title: title.to_owned(),
        publisher: optional(&form.publisher),
        publisher_company: None,
        authors: optional(&form.author)
            .map(|name| Author { name, person: None })
            .into_iter()
            .collect(),
        date,
        url,
        lang,
        credits: None,
        credits_company: None,
        via: None,
        summary: None,
        text: Some(text.trim().to_owned()),
        mentions: Vec::new(),
    })
}

/// `POST /news`: saves a pasted article, then shows the names found in it.
pub async fn create_article(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<ArticleForm>,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?.clone();
    let result = async {
        let base = format!(
            "{} {} {}",
            form.publisher.trim(),
            form.date.trim(),
            form.title.trim()
        );
        let slug = EntityId::slug_of(&base)
            .or_else(|| EntityId::slug_of("article"))
            .ok_or_else(|| {
                WebError::BadRequest("Headline: write it in letters or digits.".into())
            })?;
        let mut id = slug.clone();
        let mut n = 2;
        while state
            .store
            .missing(&[(EntityKind::Source, id.clone())])
            .await?
            .is_empty()
        {
            id = EntityId::parse(&format!("{slug}-{n}")).map_err(anyhow::Error::from)?;
            n += 1;
        }
        let source = article_of(&form, id.clone())?;
        state
            .store
            .put(
                vec![Entity::Source(source)],
                &author(&editor.name),
                "Added an article",
            )
            .await?;
        Ok::<_, WebError>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/sources/{id}/mentions")).into_response()),
        Err(error @ WebError::BadRequest(_)) => Ok(form_error(viewer, article_form(&form), error)),
        Err(error) => Err(error),
    }
}

/// A name found in an article, as the review form shows it.
pub struct Found {
    pub key: String,
    pub entity: Vec<Cell>,
    pub kind: String,
    pub spellings: String,
    pub count: usize,
    pub confidence: String,
    pub checked: bool,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "mentions.html")]
struct MentionsTemplate {
    viewer: Viewer,
    id: String,
    title: String,
    found: Vec<Found>,
    linked: Vec<(Vec<Cell>, String, String)>,
}

async fn article(state: &AppState, id: &str) -> Result<Source, WebError> {
    let (_, id) = parse_path("sources", id)?;
    match state.store.lookup(EntityKind::Source, &id).await? {
        Stored::Present {
            entity: Entity::Source(source),
            ..
        } => Ok(source),
        _ => Err(WebError::NotFound(kinora_i18n::t_with(
            "error-no-source",
            &[("id", id.to_string().into())],
        ))),
    }
}

/// The names Kinora finds in an article that no editor has settled yet.
async fn unsettled(state: &AppState, source: &Source) -> Result<Vec<Proposal>, WebError> {
    let Some(text) = &source.text else {
        return Ok(Vec::new());
    };
    let proposals = state.names.propose(&state.store, text).await?;
    Ok(proposals
        .into_iter()
        .filter(|proposal| {
            !source
                .mentions
                .iter()
                .any(|mention| mention.target() == Some((proposal.kind, &proposal.id)))
        })
        .collect())
}

fn key_of(kind: EntityKind, id: &EntityId) -> String {
    format!("{}:{id}", kind.as_str())
}

/// `GET /sources/{id}/mentions`: the names found, for an editor to confirm.
pub async fn mentions_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    viewer.require(Role::Editor)?;
    let source = article(&state, &id).await?;
    let proposals = unsettled(&state, &source).await?;
    let mut keys: Vec<(EntityKind, EntityId)> = proposals
        .iter()
        .map(|proposal| (proposal.kind, proposal.id.clone()))
        .collect();
    keys.extend(
        source
            .mentions
            .iter()
            .filter_map(|m| m.target().map(|(kind, id)| (kind, id.clone()))),
    );
    let lookup = Lookup::new(
        state.store.summaries(&keys).await?,
        std::collections::HashMap::new(),
    );
    let found = proposals
        .iter()
        .map(|proposal| Found {
            key: key_of(proposal.kind, &proposal.id),
            entity: vec![lookup.entity_cell(proposal.kind, &proposal.id, None)],
            kind: proposal.kind.as_str().to_owned(),
            spellings: proposal
                .spellings
                .iter()
                .map(|s| format!("“{s}”"))
                .collect::<Vec<_>>()
                .join(", "),
            count: proposal.count,
            confidence: format!("{:?}", proposal.confidence).to_lowercase(),
            checked: proposal.confidence >= Confidence::Medium,
            reason: proposal.reason.clone(),
        })
        .collect();
    let linked = source
        .mentions
        .iter()
        .filter_map(|mention| {
            let (kind, id) = mention.target()?;
            Some((
                vec![lookup.entity_cell(kind, id, Some(&mention.written))],
                mention.written.clone(),
                mention.status.local_label().to_owned(),
            ))
        })
        .collect();
    render(&MentionsTemplate {
        viewer,
        id: source.id.to_string(),
        title: source.title.clone(),
        found,
        linked,
    })
}

/// `POST /sources/{id}/mentions`: the names ticked are linked, the others
/// shown are turned down (and not proposed again); one edit of the source.
pub async fn save_mentions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let editor = viewer.require(Role::Editor)?.clone();
    let mut source = article(&state, &id).await?;
    let mut ticked = std::collections::HashSet::new();
    let mut shown = std::collections::HashSet::new();
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "link" => {
                ticked.insert(value.into_owned());
            }
            "shown" => {
                shown.insert(value.into_owned());
            }
            _ => {}
        }
    }
    let proposals = unsettled(&state, &source).await?;
    let mut changed = false;
    for proposal in proposals {
        let key = key_of(proposal.kind, &proposal.id);
        if !shown.contains(&key) {
            continue;
        }
        let status = if ticked.contains(&key) {
            MentionStatus::Confirmed
        } else {
            MentionStatus::Rejected
        };
        let written = proposal.spellings.first().cloned().unwrap_or_default();
        let mut mention = Mention::new(proposal.kind, proposal.id, written, status);
        mention.also = proposal.spellings.iter().skip(1).cloned().collect();
        source.mentions.push(mention);
        changed = true;
    }
    if changed {
        state
            .store
            .put(
                vec![Entity::Source(source.clone())],
                &author(&editor.name),
                "Linked the names the article uses",
            )
            .await?;
    }
    Ok(Redirect::to(&format!("/sources/{}", source.id)).into_response())
}
