//! A user's pages: profile with ratings, diary, watchlist and lists; and
//! the forms that make and change lists.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinora_core::community::DiaryEntryId;
use kinora_core::community::{Rating, Role, slug};
use kinora_formats::markdown;
use kinora_i18n::{t, t_with};
use kinora_store::community::{Account, DiaryEntry, FilmList, ListItem};
use serde::{Deserialize, Serialize};

use super::account_pages::{Field, FormPage, form_error, form_page};
use super::auth::Viewer;
use super::community::{Histogram, ReviewView, day, film_id, film_labels, review_views};
use super::render::render;
use super::{AppState, WebError};

/// A film in a list on a page.
#[derive(Clone, Debug, Serialize)]
pub struct FilmLine {
    pub id: String,
    pub label: String,
    pub year: Option<i64>,
    pub note: String,
    pub date: String,
    pub stars: String,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub entry: Option<DiaryEntryId>,
}

fn stars(rating: Option<Rating>) -> String {
    rating.map(Rating::star_text).unwrap_or_default()
}

async fn account(state: &AppState, name: &str) -> Result<Account, WebError> {
    state
        .store
        .account_by_name(name)
        .await?
        .filter(|account| !account.disabled)
        .ok_or_else(|| {
            WebError::NotFound(kinora_i18n::t_with(
                "error-no-account",
                &[("name", name.to_string().into())],
            ))
        })
}

async fn diary_lines(state: &AppState, entries: &[DiaryEntry]) -> Result<Vec<FilmLine>, WebError> {
    let labels = film_labels(state, entries.iter().map(|e| e.film_id.clone())).await?;
    Ok(entries
        .iter()
        .map(|entry| {
            let (label, year) = labels
                .get(&entry.film_id)
                .cloned()
                .unwrap_or_else(|| (entry.film_id.clone(), None));
            FilmLine {
                id: entry.film_id.clone(),
                label,
                year,
                note: String::new(),
                date: entry.watched_on.clone(),
                stars: stars(entry.rating),
                rewatch: entry.rewatch,
                tags: entry.tags.clone(),
                entry: Some(entry.id),
            }
        })
        .collect())
}

async fn film_lines(
    state: &AppState,
    items: impl IntoIterator<Item = (String, String, String)>,
) -> Result<Vec<FilmLine>, WebError> {
    let items: Vec<(String, String, String)> = items.into_iter().collect();
    let labels = film_labels(state, items.iter().map(|(id, _, _)| id.clone())).await?;
    Ok(items
        .into_iter()
        .map(|(id, note, date)| {
            let (label, year) = labels
                .get(&id)
                .cloned()
                .unwrap_or_else(|| (id.clone(), None));
            FilmLine {
                id,
                label,
                year,
                note,
                date,
                stars: String::new(),
                rewatch: false,
                tags: Vec::new(),
                entry: None,
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfileTemplate {
    viewer: Viewer,
    account: Account,
    avatar: Option<super::pictures::PictureView>,
    bio_html: String,
    own: bool,
    histogram: Histogram,
    diary: Vec<FilmLine>,
    reviews: Vec<ReviewView>,
    lists: Vec<FilmList>,
    watchlist: usize,
    pending: usize,
}

pub async fn profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let account = account(&state, &name).await?;
    let own = viewer.id() == Some(account.id);
    let store = &state.store;
    let ratings = store.ratings_by(account.id).await?;
    let mut counts = [0u64; 10];
    for rating in ratings.values() {
        counts[usize::from(rating.value()) - 1] += 1;
    }
    let diary = store.diary(account.id, 10).await?;
    let reviews = store.reviews_by(account.id, viewer.id(), 10).await?;
    let mut reviews = review_views(&state, &viewer, &reviews).await?;
    reviews.retain(|review| review.hidden_reason.is_none() || own || viewer.can(Role::Moderator));
    let avatar = super::avatars::view(&state, &account).await?;
    Ok(render(&ProfileTemplate {
        avatar,
        bio_html: markdown::render(&account.bio).html,
        histogram: Histogram::new(&counts),
        diary: diary_lines(&state, &diary).await?,
        reviews,
        lists: store.lists_of(account.id, own).await?,
        watchlist: store.watchlist(account.id).await?.len(),
        pending: if own {
            store.pending_imports(account.id).await?.len()
        } else {
            0
        },
        own,
        viewer,
        account,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "film_lines.html")]
struct FilmLinesTemplate {
    viewer: Viewer,
    title: String,
    owner: Account,
    intro: String,
    lines: Vec<FilmLine>,
    diary: bool,
    own: bool,
    feed: Option<String>,
    edit: Option<String>,
    /// The page's address and the country it is filtered by, for
    /// "available in my country"; `None` where the page cannot be filtered.
    available: Option<(String, String)>,
    /// The viewer's own country, offered as the filter.
    my_country: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct AvailableQuery {
    /// An ISO 3166 code: only the films that can be watched there.
    #[serde(default)]
    pub available: String,
}

/// Keeps the lines of films that can be watched in a country, each noted
/// with how and where; with no country, keeps every line.
async fn only_available(
    state: &AppState,
    lines: Vec<FilmLine>,
    country: &str,
) -> Result<Vec<FilmLine>, WebError> {
    let country = country.trim();
    if country.is_empty() {
        return Ok(lines);
    }
    let country = kinora_core::Country::parse(country)
        .map_err(|error| WebError::BadRequest(format!("available: {error}")))?;
    let keys: Vec<(kinora_core::EntityKind, kinora_core::EntityId)> = lines
        .iter()
        .filter_map(|line| kinora_core::EntityId::parse(&line.id).ok())
        .map(|id| (kinora_core::EntityKind::Film, id))
        .collect();
    let films = state.store.get_many(&keys).await?;
    Ok(lines
        .into_iter()
        .filter_map(|mut line| {
            let id = kinora_core::EntityId::parse(&line.id).ok()?;
            let Some(kinora_core::Entity::Film(film)) =
                films.get(&(kinora_core::EntityKind::Film, id))
            else {
                return None;
            };
            let offers: Vec<String> = film
                .availability
                .iter()
                .filter(|offer| offer.country == country)
                .map(|offer| {
                    kinora_i18n::t_with(
                        "offer-on",
                        &[
                            ("how", offer.kind.local_label().into()),
                            ("service", offer.service.clone().into()),
                        ],
                    )
                })
                .collect();
            if offers.is_empty() {
                return None;
            }
            let offers = offers.join(", ");
            line.note = if line.note.is_empty() {
                offers
            } else {
                format!("{} · {offers}", line.note)
            };
            Some(line)
        })
        .collect())
}

pub async fn diary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let account = account(&state, &name).await?;
    let entries = state.store.diary(account.id, 5000).await?;
    Ok(render(&FilmLinesTemplate {
        title: kinora_i18n::t_with("diary-of", &[("name", account.display_name.clone().into())]),
        intro: kinora_i18n::t_with("viewings-count", &[("count", entries.len().into())]),
        lines: diary_lines(&state, &entries).await?,
        diary: true,
        own: viewer.id() == Some(account.id),
        feed: Some(format!("/users/{}/diary.atom", account.name)),
        edit: None,
        available: None,
        my_country: viewer.account.as_ref().and_then(|a| a.country.clone()),
        owner: account,
        viewer,
    })?
    .into_response())
}

pub async fn watchlist(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(query): Query<AvailableQuery>,
) -> Result<Response, WebError> {
    let account = account(&state, &name).await?;
    let films = state.store.watchlist(account.id).await?;
    let lines = film_lines(
        &state,
        films
            .into_iter()
            .map(|(id, at)| (id, String::new(), day(&at))),
    )
    .await?;
    let lines = only_available(&state, lines, &query.available).await?;
    Ok(render(&FilmLinesTemplate {
        title: kinora_i18n::t_with(
            "watchlist-of",
            &[("name", account.display_name.clone().into())],
        ),
        intro: if query.available.trim().is_empty() {
            kinora_i18n::t_with("films-to-see", &[("count", lines.len().into())])
        } else {
            kinora_i18n::t_with(
                "films-to-see-in",
                &[
                    ("count", lines.len().into()),
                    ("country", query.available.trim().to_uppercase().into()),
                ],
            )
        },
        lines,
        diary: false,
        own: viewer.id() == Some(account.id),
        feed: None,
        edit: None,
        available: Some((
            format!("/users/{}/watchlist", account.name),
            query.available.trim().to_uppercase(),
        )),
        my_country: viewer.account.as_ref().and_then(|a| a.country.clone()),
        owner: account,
        viewer,
    })?
    .into_response())
}

/// A list: public to all, private to its owner alone.
async fn visible_list(
    state: &AppState,
    viewer: &Viewer,
    account: &Account,
    slug: &str,
) -> Result<FilmList, WebError> {
    state
        .store
        .film_list(account.id, slug)
        .await?
        .filter(|list| list.public || viewer.id() == Some(account.id))
        .ok_or_else(|| {
            WebError::NotFound(t_with(
                "error-user-has-no-list",
                &[
                    ("name", account.name.clone().into()),
                    ("list", slug.to_owned().into()),
                ],
            ))
        })
}

pub async fn list_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, list_slug)): Path<(String, String)>,
    Query(query): Query<AvailableQuery>,
) -> Result<Response, WebError> {
    let account = account(&state, &name).await?;
    let list = visible_list(&state, &viewer, &account, &list_slug).await?;
    let own = viewer.id() == Some(account.id);
    let lines = film_lines(
        &state,
        list.items
            .iter()
            .map(|item| (item.film_id.clone(), item.note.clone(), String::new())),
    )
    .await?;
    let lines = only_available(&state, lines, &query.available).await?;
    Ok(render(&FilmLinesTemplate {
        title: list.title.clone(),
        intro: list.description.clone(),
        available: Some((
            format!("/users/{}/lists/{}", account.name, list.slug),
            query.available.trim().to_uppercase(),
        )),
        lines,
        diary: false,
        own,
        feed: None,
        edit: own.then(|| format!("/users/{}/lists/{}/edit", account.name, list.slug)),
        my_country: viewer.account.as_ref().and_then(|a| a.country.clone()),
        owner: account,
        viewer,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------
// Making and changing lists
// ---------------------------------------------------------------------------

#[derive(Deserialize, Default, Clone)]
pub struct ListForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub private: Option<String>,
    /// One film a line: its id or page address, then, after " | ", a note.
    #[serde(default)]
    pub films: String,
}

fn list_form(action: &str, form: &ListForm) -> FormPage {
    FormPage {
        title: if form.title.is_empty() {
            t("filmlist-new")
        } else {
            t_with(
                "filmlist-edit-title",
                &[("title", form.title.clone().into())],
            )
        },
        action: action.to_owned(),
        fields: vec![
            Field::new("title", &t("filmlist-field-title"), "text")
                .value(&form.title)
                .required(),
            Field::new("description", &t("filmlist-field-description"), "textarea")
                .value(&form.description),
            Field::new("private", &t("filmlist-field-private"), "checkbox")
                .value(form.private.clone().unwrap_or_default()),
            Field::new("films", &t("filmlist-field-films"), "textarea")
                .value(&form.films)
                .help(&t("filmlist-field-films-help")),
        ],
        submit: t("filmlist-save"),
        ..FormPage::default()
    }
}

/// The most films a list holds.
const LIST_FILMS: usize = 5000;

/// Reads the films of a list form: every line must name a film.
async fn list_items(state: &AppState, text: &str) -> Result<Vec<ListItem>, WebError> {
    // Counted before any film is looked up: a list of a million lines is
    // refused at once, not after a million lookups.
    if text.lines().filter(|line| !line.trim().is_empty()).count() > LIST_FILMS {
        return Err(WebError::BadRequest(t("error-list-too-long")));
    }
    let mut items = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (film, note) = match line.split_once('|') {
            Some((film, note)) => (film.trim(), note.trim()),
            None => (line, ""),
        };
        let id = film
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(film);
        let film = film_id(state, id).await.map_err(|_| {
            WebError::BadRequest(t_with(
                "error-list-line-no-film",
                &[("line", (number + 1).into()), ("id", id.to_owned().into())],
            ))
        })?;
        if note.chars().count() > 2000 {
            return Err(WebError::BadRequest(t_with(
                "error-list-line-note",
                &[("line", (number + 1).into())],
            )));
        }
        items.push(ListItem {
            film_id: film,
            note: note.to_owned(),
        });
    }
    Ok(items)
}

/// Saves a list of the viewer's, new (`slug` none) or existing.
pub async fn save_list(
    state: &AppState,
    viewer: &Viewer,
    existing: Option<&str>,
    form: &ListForm,
) -> Result<String, WebError> {
    let account = viewer.require(Role::Member)?;
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(WebError::BadRequest(t("error-title-length")));
    }
    let items = list_items(state, &form.films).await?;
    let list_slug = match existing {
        Some(existing) => existing.to_owned(),
        None => {
            let base = slug(title);
            let taken: Vec<String> = state
                .store
                .lists_of(account.id, true)
                .await?
                .into_iter()
                .map(|list| list.slug)
                .collect();
            let mut candidate = base.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        }
    };
    state
        .store
        .save_list(
            account.id,
            &list_slug,
            title,
            form.description.trim(),
            form.private.is_none(),
            &items,
        )
        .await?;
    Ok(format!("/users/{}/lists/{list_slug}", account.name))
}

pub async fn new_list_page(viewer: Viewer) -> Result<Response, WebError> {
    viewer.require(Role::Member)?;
    Ok(form_page(
        viewer,
        list_form("/lists", &ListForm::default()),
        StatusCode::OK,
    ))
}

pub async fn create_list(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<ListForm>,
) -> Result<Response, WebError> {
    match save_list(&state, &viewer, None, &form).await {
        Ok(href) => Ok(Redirect::to(&href).into_response()),
        Err(error @ WebError::BadRequest(_)) => {
            Ok(form_error(viewer, list_form("/lists", &form), error))
        }
        Err(error) => Err(error),
    }
}

/// Only the owner edits a list.
fn own_list(viewer: &Viewer, name: &str) -> Result<(), WebError> {
    let account = viewer.require(Role::Member)?;
    if account.name != name.to_ascii_lowercase() {
        return Err(WebError::Forbidden(t("error-list-not-yours")));
    }
    Ok(())
}

pub async fn edit_list_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, list_slug)): Path<(String, String)>,
) -> Result<Response, WebError> {
    own_list(&viewer, &name)?;
    let account = account(&state, &name).await?;
    let list = visible_list(&state, &viewer, &account, &list_slug).await?;
    let form = ListForm {
        title: list.title.clone(),
        description: list.description.clone(),
        private: (!list.public).then(|| "on".to_owned()),
        films: list
            .items
            .iter()
            .map(|item| {
                if item.note.is_empty() {
                    item.film_id.clone()
                } else {
                    format!("{} | {}", item.film_id, item.note)
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let action = format!("/users/{name}/lists/{list_slug}/edit");
    Ok(form_page(viewer, list_form(&action, &form), StatusCode::OK))
}

pub async fn edit_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, list_slug)): Path<(String, String)>,
    axum::Form(form): axum::Form<ListForm>,
) -> Result<Response, WebError> {
    own_list(&viewer, &name)?;
    let account = account(&state, &name).await?;
    visible_list(&state, &viewer, &account, &list_slug).await?;
    let action = format!("/users/{name}/lists/{list_slug}/edit");
    match save_list(&state, &viewer, Some(&list_slug), &form).await {
        Ok(href) => Ok(Redirect::to(&href).into_response()),
        Err(error @ WebError::BadRequest(_)) => {
            Ok(form_error(viewer, list_form(&action, &form), error))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize, Default)]
pub struct AddToList {
    #[serde(default)]
    pub list: String,
    #[serde(default)]
    pub note: String,
}

/// Adds a film to the end of one of the viewer's lists.
pub async fn add_to_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(film): Path<String>,
    axum::Form(form): axum::Form<AddToList>,
) -> Result<Response, WebError> {
    let account = viewer.require(Role::Member)?.clone();
    let film = film_id(&state, &film).await?;
    let mut list = state
        .store
        .film_list(account.id, &form.list)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(t_with(
                "error-no-such-list",
                &[("list", form.list.clone().into())],
            ))
        })?;
    list.items.push(ListItem {
        film_id: film.clone(),
        note: form.note.trim().chars().take(2000).collect(),
    });
    state
        .store
        .save_list(
            account.id,
            &list.slug,
            &list.title,
            &list.description,
            list.public,
            &list.items,
        )
        .await?;
    Ok(Redirect::to(&format!("/users/{}/lists/{}", account.name, list.slug)).into_response())
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

/// A user's public page as JSON: profile, ratings histogram, recent diary,
/// public lists.
#[utoipa::path(get, path = "/api/v1/users/{name}", tag = "community",
    params(("name" = String, Path, description = "The account's name")),
    responses((status = 200), (status = 404)))]
pub async fn api_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Json<serde_json::Value>, WebError> {
    let account = account(&state, &name).await?;
    let own = viewer.id() == Some(account.id);
    let store = &state.store;
    let wrap = |e: kinora_store::StoreError| WebError::from(e);
    let diary = store.diary(account.id, 100).await.map_err(wrap)?;
    let lists = store.lists_of(account.id, own).await.map_err(wrap)?;
    let ratings = store.ratings_by(account.id).await.map_err(wrap)?;
    let watchlist = store.watchlist(account.id).await.map_err(wrap)?;
    let avatar = super::avatars::api(&state, &account).await?;
    Ok(Json(serde_json::json!({
        "avatar": avatar,
        "account": account,
        "ratings": ratings,
        "diary": diary,
        "watchlist": watchlist.into_iter().map(|(film, at)| serde_json::json!({"film": film, "added_at": at})).collect::<Vec<_>>(),
        "lists": lists,
    })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiViewing {
    film: String,
    #[serde(default)]
    watched_on: String,
    #[serde(default)]
    rating: Option<u8>,
    #[serde(default)]
    rewatch: bool,
    #[serde(default)]
    tags: Vec<String>,
}

/// Logs a viewing in the signed-in account's diary.
#[utoipa::path(post, path = "/api/v1/me/diary", tag = "community", request_body = ApiViewing,
    responses((status = 201), (status = 400), (status = 401)))]
pub async fn api_log(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<ApiViewing>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebError> {
    let form = super::community::DiaryForm {
        watched_on: request.watched_on,
        rating: request.rating.map(|r| r.to_string()).unwrap_or_default(),
        rewatch: request.rewatch.then(|| "on".to_owned()),
        tags: request.tags.join(","),
    };
    let (_, id) = super::community::log_viewing(&state, &viewer, &request.film, &form).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({"id": id}))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApiList {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    private: bool,
    /// Films in order: `{"film": id, "note": text}`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    films: Vec<serde_json::Value>,
}

/// Creates a list for the signed-in account.
#[utoipa::path(post, path = "/api/v1/me/lists", tag = "community", request_body = ApiList,
    responses((status = 201), (status = 400), (status = 401)))]
pub async fn api_create_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<ApiList>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebError> {
    if request.films.len() > LIST_FILMS {
        return Err(WebError::BadRequest(t("error-list-too-long")));
    }
    let mut lines = Vec::with_capacity(request.films.len());
    for (index, item) in request.films.iter().enumerate() {
        let film = item
            .get("film")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let note = item
            .get("note")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        // The form's text holds one film a line, its note after `|`.
        for (field, text) in [("film", film), ("note", note)] {
            if text.contains(['\n', '\r']) {
                return Err(WebError::BadRequest(format!(
                    "films[{index}].{field}: a {field} is one line, without line breaks"
                )));
            }
        }
        if film.contains('|') {
            return Err(WebError::BadRequest(format!(
                "films[{index}].film: `{film}` is not a film id"
            )));
        }
        lines.push(if note.is_empty() {
            film.to_owned()
        } else {
            format!("{film} | {note}")
        });
    }
    let films = lines.join("\n");
    let form = ListForm {
        title: request.title,
        description: request.description,
        private: request.private.then(|| "on".to_owned()),
        films,
    };
    let href = save_list(&state, &viewer, None, &form).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({"url": href}))))
}
