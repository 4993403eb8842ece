//! Rows shared by every kind of page: a fact with its citations, titles and
//! names, dates, links, a source's credit line, and the macros that turn a
//! claim list into rows.

use kinora_core::model::{Claim, Name, ScriptText, Title, preferred_first};

use super::blocks::*;

pub(crate) fn lang_of(lang: &Option<kinora_core::Language>) -> Option<String> {
    lang.as_ref().map(|lang| lang.to_string())
}

/// Marks a row disputed when another row of the same fact (the same key:
/// a country and kind of release, a runtime's version) gives another value;
/// a row with no value (an undated release) disputes nothing.
pub(crate) fn mark_disputes(rows: &mut [Row], keys: &[String], values: &[Option<String>]) {
    for index in 0..rows.len() {
        let Some(value) = &values[index] else {
            continue;
        };
        rows[index].disputed = (0..rows.len()).any(|other| {
            keys[other] == keys[index]
                && values[other]
                    .as_ref()
                    .is_some_and(|other_value| other_value != value)
        });
    }
}

pub(crate) fn date_cell(date: Option<kinora_core::PartialDate>) -> Cell {
    match date {
        Some(date) => Cell::text(date.display()).aside(match date.precision() {
            kinora_core::Precision::Day => String::new(),
            kinora_core::Precision::Month => kinora_i18n::t("date-month-only"),
            kinora_core::Precision::Year => kinora_i18n::t("date-year-only"),
        }),
        None => Cell::text(kinora_i18n::t("date-not-set")),
    }
}

pub(crate) fn title_rows(lookup: &mut Lookup, titles: &[Title]) -> Vec<Row> {
    preferred_first(titles)
        .into_iter()
        .map(|title| {
            let mut asides = Vec::new();
            if let Some(lang) = &title.lang {
                asides.push(lang.english_name().to_owned());
            }
            if let Some(script) = &title.script {
                asides.push(script.local_name().to_owned());
            }
            if let Some(country) = &title.country {
                asides.push(country.local_name().to_owned());
            }
            lookup.row(
                title,
                &title.note,
                vec![
                    vec![Cell::text(title.text.clone()).lang(lang_of(&title.lang))],
                    vec![Cell::text(title.kind.local_label())],
                    vec![Cell::text(asides.join(" · "))],
                ],
            )
        })
        .collect()
}

/// The table of an entity's names: each with its kind, and its language,
/// script (and, where `third` says so, romanization system) beside it.
pub(crate) fn names_section(
    lookup: &mut Lookup,
    names: &[Name],
    title: &str,
    third: &str,
) -> Option<Section> {
    let rows = name_rows(lookup, names);
    Section::new(
        "names",
        title,
        Body::Table {
            headers: vec![
                kinora_i18n::t("col-name"),
                kinora_i18n::t("col-kind"),
                third.into(),
            ],
            rows,
        },
    )
}

fn name_rows(lookup: &mut Lookup, names: &[Name]) -> Vec<Row> {
    preferred_first(names)
        .into_iter()
        .map(|name| {
            let mut asides = Vec::new();
            if let Some(lang) = &name.lang {
                asides.push(lang.english_name().to_owned());
            }
            if let Some(script) = &name.script {
                asides.push(script.local_name().to_owned());
            }
            if let Some(system) = name.system {
                asides.push(system.local_label().to_owned());
            }
            if let Some(order) = name.order {
                asides.push(order.local_label().to_owned());
            }
            lookup.row(
                name,
                &name.note,
                vec![
                    vec![Cell::text(name.text.clone()).lang(lang_of(&name.lang))],
                    vec![Cell::text(name.kind.local_label())],
                    vec![Cell::text(asides.join(" · "))],
                ],
            )
        })
        .collect()
}

pub(crate) fn script_cells(titles: &[ScriptText]) -> Vec<Cell> {
    titles
        .iter()
        .map(|title| {
            // The script shows for itself: no code beside it.
            Cell::text(title.text.clone()).lang(lang_of(&title.lang))
        })
        .collect()
}

/// A simple label–value fact from any claim.
pub(crate) fn fact<C: Claim>(
    lookup: &mut Lookup,
    label: &str,
    claim: &C,
    note: &Option<String>,
    value: Vec<Cell>,
) -> Row {
    lookup.row(claim, note, vec![vec![Cell::text(label)], value])
}

macro_rules! facts {
    ($lookup:expr, $rows:expr, $label:expr, $claims:expr, |$claim:ident| $value:expr) => {
        for $claim in preferred_first(&$claims) {
            let value = $value;
            let row = fact($lookup, $label, $claim, &$claim.note, value);
            $rows.push(row);
        }
    };
}

/// Paragraphs from text claims (synopses, descriptions, trivia), preferred first.
macro_rules! prose {
    ($lookup:expr, $rows:expr, $claims:expr) => {
        for claim in preferred_first(&$claims) {
            let cell = Cell::text(claim.text.clone()).lang(lang_of(&claim.lang));
            let row = $lookup.row(claim, &claim.note, vec![vec![cell]]);
            $rows.push(row);
        }
    };
}

pub(crate) fn external_cell(external: &kinora_core::model::ExternalId) -> Vec<Cell> {
    let cell = match external.scheme.url(&external.value) {
        Some(url) => Cell::link(external.value.clone(), url),
        None => Cell::text(external.value.clone()),
    };
    vec![Cell::text(external.scheme.local_label()), cell]
}

pub(crate) fn link_cell(link: &kinora_core::model::Link) -> Vec<Cell> {
    vec![Cell::link(
        link.title.clone().unwrap_or_else(|| link.url.clone()),
        link.url.clone(),
    )]
}

/// The text with its first letter in capitals: "Theatrical release".
pub fn capitalize(text: impl AsRef<str>) -> String {
    let mut chars = text.as_ref().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The paragraphs of a text: blocks separated by blank lines, each one's
/// lines joined.
pub fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|block| !block.is_empty())
}

pub(crate) use facts;
pub(crate) use prose;
