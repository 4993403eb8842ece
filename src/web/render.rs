//! From a request's path to a page's bytes: what every handler uses to
//! read an entity's address, render a template, and write JSON into a
//! page's script element. It imports no handler module, so every one of
//! them can build on it.

use askama::Template;
use axum::response::Html;
use kinora_core::{EntityId, EntityKind};

use super::WebError;

pub fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    template
        .render()
        .map(Html)
        .map_err(|error| WebError::Internal(error.into()))
}

/// JSON for a `<script type="application/ld+json">` element. Inside a
/// script element the HTML parser still looks for `</script` and, after
/// `<!--`, for `<script` too, which would swallow the rest of the page;
/// so `<`, `>` and `&` are written as JSON escapes (they occur only inside
/// strings, where an escape means the same), and so are U+2028 and U+2029,
/// which older JavaScript parsers take for line ends.
pub fn script_json(value: &serde_json::Value) -> Result<String, WebError> {
    let text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            c => escaped.push(c),
        }
    }
    Ok(escaped)
}

/// Parses the kind and id of an entity URL, or answers 404.
pub fn parse_path(kind: &str, id: &str) -> Result<(EntityKind, EntityId), WebError> {
    let kind = EntityKind::parse(kind)
        .filter(|parsed| parsed.plural() == kind)
        .ok_or_else(|| WebError::NotFound(kinora_i18n::t("error-no-page")))?;
    let id = EntityId::parse(id).map_err(|_| {
        WebError::NotFound(kinora_i18n::t_with(
            "error-no-entity",
            &[
                ("kind", kind.local_name().into()),
                ("id", id.to_string().into()),
            ],
        ))
    })?;
    Ok((kind, id))
}

/// Reads entities' labels out of summaries fetched once, for the claims'
/// readings (`NameOf`): "→ Kim Tae-kyun" rather than an id.
pub fn labels_in(
    summaries: &std::collections::BTreeMap<(EntityKind, EntityId), kinora_store::Summary>,
) -> impl Fn(EntityKind, &EntityId) -> Option<String> + '_ {
    |kind, id| {
        summaries
            .get(&(kind, id.clone()))
            .map(|summary| summary.label.clone())
    }
}
