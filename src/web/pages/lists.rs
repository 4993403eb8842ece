//! Pages that list: every entity of a kind, a page that is not there.

use crate::web::auth::Viewer;
use crate::web::render::render;
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use kinora_core::EntityKind;
use kinora_store::Summary;
use serde::Deserialize;

pub async fn not_found() -> WebError {
    WebError::NotFound(kinora_i18n::t("error-no-page"))
}

#[derive(Template)]
#[template(path = "list.html")]
pub(crate) struct ListTemplate {
    viewer: Viewer,
    title: String,
    items: Vec<Summary>,
    page: i64,
    more: bool,
    plural: String,
    /// "person": what the page's "Add a …" link creates.
    kind: EntityKind,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub(crate) const PAGE_SIZE: i64 = 100;

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(kind): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let kind = EntityKind::parse(&kind)
        .filter(|parsed| parsed.plural() == kind)
        .ok_or_else(|| WebError::NotFound(kinora_i18n::t("error-no-page")))?;
    let page = query.page.unwrap_or(1).max(1);
    let mut items = state
        .store
        .list(kind, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
        .await?;
    let more = items.len() as i64 > PAGE_SIZE;
    items.truncate(PAGE_SIZE as usize);
    // Each named as the reader chose (their documents read in one
    // statement), in the order of the reader's language: 가나다 for
    // Hangul, accents folded for Latin letters. The pages follow the
    // store's order of the usual names; the order within a page is the
    // reader's.
    let keys: Vec<_> = items
        .iter()
        .map(|item| (item.kind, item.id.clone()))
        .collect();
    let documents = state.store.get_many(&keys).await?;
    let reader = kinora_i18n::Reader::current();
    for item in &mut items {
        if let Some(entity) = documents.get(&(item.kind, item.id.clone())) {
            item.label = kinora_core::model::shown_label(entity, reader);
        }
    }
    let formats = reader.lang.formats();
    items.sort_by(|a, b| formats.compare(&a.label, &b.label));
    let plural = kind.plural().to_owned();
    let title = kinora_i18n::t(&format!("kinds-{plural}"));
    render(&ListTemplate {
        viewer,
        title,
        items,
        page,
        more,
        plural,
        kind,
    })
}
