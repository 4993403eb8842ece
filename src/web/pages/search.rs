//! The search page: results with the name that matched, the filters, the
//! same search in the viewer's country.

use crate::web::auth::Viewer;
use crate::web::render::render;
use crate::web::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinora_core::EntityKind;
use kinora_search::MatchKind;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct SearchTemplate {
    viewer: Viewer,
    q: String,
    /// The kind filter's options: value, label, whether chosen.
    kind_options: Vec<(&'static str, String, bool)>,
    year: String,
    country: String,
    available: String,
    /// The signed-in member's country and the same search filtered by it.
    mine: Option<(String, String)>,
    error: Option<String>,
    groups: Vec<(String, Vec<SearchHitView>)>,
    /// A rebuild of the index under way: how far, in percent.
    indexing: Option<u64>,
}

/// A hit as the search page shows it.
pub(crate) struct SearchHitView {
    url: String,
    label: String,
    year: Option<i32>,
    matched: String,
    /// Why it is here when not by the name shown: "another spelling".
    how: String,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    country: String,
    /// Only films that can be watched in this country.
    #[serde(default)]
    available: String,
}

/// The signed-in member's country, for "available in my country".
pub(crate) fn viewer_country(viewer: &Viewer) -> Option<String> {
    viewer
        .account
        .as_ref()
        .and_then(|account| account.country.clone())
}

pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let mine = viewer_country(&viewer)
        .filter(|_| query.available.trim().is_empty() && !query.q.trim().is_empty())
        .map(|country| {
            let href = form_urlencoded::Serializer::new(String::from("/search?"))
                .append_pair("q", &query.q)
                .append_pair("kind", &query.kind)
                .append_pair("year", &query.year)
                .append_pair("country", &query.country)
                .append_pair("available", &country)
                .finish();
            (country, href)
        });
    let mut page = SearchTemplate {
        viewer,
        q: query.q.clone(),
        kind_options: [
            ("", "search-kind-any"),
            ("film", "kinds-films"),
            ("person", "kinds-people"),
            ("company", "kinds-companies"),
            ("source", "kinds-sources"),
            ("event", "kinds-events"),
            ("venue", "kinds-venues"),
        ]
        .into_iter()
        .map(|(value, key)| (value, kinora_i18n::t(key), query.kind == value))
        .collect(),
        year: query.year.clone(),
        country: query.country.clone(),
        available: query.available.clone(),
        mine,
        error: None,
        groups: Vec::new(),
        indexing: None,
    };
    if let Err(message) = crate::search::check_query(&query.q) {
        // The page shows the beginning of what was asked, not all of it.
        page.q = query.q.chars().take(crate::search::QUERY_LIMIT).collect();
        page.error = Some(message);
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let filters = || -> Result<kinora_search::SearchFilters, String> {
        Ok(kinora_search::SearchFilters {
            kinds: crate::search::parse_kinds(Some(&query.kind))?,
            years: crate::search::parse_years(Some(&query.year))?,
            country: crate::search::parse_country(Some(&query.country))?,
            available: crate::search::parse_country(Some(&query.available)).map_err(|message| {
                kinora_i18n::t_with("error-search-available", &[("error", message.into())])
            })?,
        })
    };
    let filters = match filters() {
        Ok(filters) => filters,
        Err(message) => {
            page.error = Some(message);
            return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
        }
    };
    let search = kinora_search::Search {
        text: &query.q,
        filters,
        limit: 60,
        prefix: false,
    };
    let hits = state.search.search(&state.store, search).await?;
    page.indexing = state.search.building().map(|building| building.percent());
    // The names as the reader chose (크로싱 or Crossing), from the hits'
    // documents, read in one statement.
    let keys: Vec<(EntityKind, kinora_core::EntityId)> = hits
        .iter()
        .filter_map(|hit| {
            kinora_core::EntityId::parse(&hit.id)
                .ok()
                .map(|id| (hit.kind, id))
        })
        .collect();
    let documents = state.store.get_many(&keys).await?;
    let reader = kinora_i18n::Reader::current();
    let label_of = |hit: &kinora_search::Hit| {
        kinora_core::EntityId::parse(&hit.id)
            .ok()
            .and_then(|id| documents.get(&(hit.kind, id)))
            .map(|entity| kinora_core::model::shown_label(entity, reader))
            .unwrap_or_else(|| hit.label.clone())
    };
    for kind in [
        EntityKind::Film,
        EntityKind::Person,
        EntityKind::Company,
        EntityKind::Event,
        EntityKind::Venue,
        EntityKind::Album,
        EntityKind::Source,
    ] {
        let of_kind: Vec<SearchHitView> = hits
            .iter()
            .filter(|hit| hit.kind == kind)
            .map(|hit| SearchHitView {
                url: format!("/{}/{}", kind.plural(), hit.id),
                label: label_of(hit),
                year: hit.year,
                matched: hit.matched.clone(),
                how: match hit.how {
                    MatchKind::Exact | MatchKind::Words | MatchKind::Prefix => String::new(),
                    MatchKind::Spelling => kinora_i18n::t("match-spelling"),
                    MatchKind::Typo => kinora_i18n::t("match-typo"),
                    MatchKind::Part => kinora_i18n::t("match-part"),
                },
            })
            .collect();
        if !of_kind.is_empty() {
            let plural = kind.plural();
            page.groups
                .push((kinora_i18n::t(&format!("kinds-{plural}")), of_kind));
        }
    }
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A search during a rebuild of the index says how far it has gone
    /// instead of "nothing found".
    #[test]
    fn a_search_while_the_index_is_built_says_so_not_nothing_found() {
        let page = |indexing| SearchTemplate {
            viewer: Viewer::default(),
            q: "crossing".into(),
            kind_options: Vec::new(),
            year: String::new(),
            country: String::new(),
            available: String::new(),
            mine: None,
            error: None,
            groups: Vec::new(),
            indexing,
        };
        let building = render(&page(Some(42))).unwrap().0;
        assert!(building.contains("Still indexing: 42 %"), "{building}");
        assert!(!building.contains("Nothing is named"), "{building}");
        let built = render(&page(None)).unwrap().0;
        assert!(!built.contains("Still indexing"), "{built}");
    }
}
