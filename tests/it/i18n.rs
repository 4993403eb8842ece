//! The interface in Korean and English: the language chosen from the
//! browser, the address, a remembered choice or the member's setting;
//! every word of the templates from the catalogs; titles and names as the
//! reader chose.

use crate::common::*;
use axum::body::Body;
use axum::http::Request;

/// Templates that still hold English outside the catalogs. Each one
/// converted leaves this list; the list only shrinks.
const NOT_YET_IN_THE_CATALOGS: &[&str] = &[
    "change.html",
    "claim_list.html",
    "claims.html",
    "create.html",
    "diff.html",
    "duplicates.html",
    "edit.html",
    "error.html",
    "export.html",
    "forum.html",
    "history.html",
    "import.html",
    "mentions.html",
    "moderation.html",
    "news.html",
    "post_edit.html",
    "proposals.html",
    "source_fields.html",
    "thread.html",
    "thread_line.html",
];

/// Words that are the same in every language: names of the product, of
/// formats and of standards.
const WORDS_OF_EVERY_LANGUAGE: &[&str] = &[
    "Kinora",
    "JSON",
    "API",
    "IMDb",
    "CSV",
    "Atom",
    "UTC",
    "Letterboxd",
    "iCalendar",
    "OpenAPI",
];

/// The words a template shows a reader outside `{{ … }}` and `{% … %}`:
/// text between tags and the attributes a reader sees or hears.
fn shown_words(template: &str) -> Vec<String> {
    let code = regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").unwrap();
    let text = code.replace_all(template, "\u{1}");
    let hidden = regex::Regex::new(r"(?is)<script.*?</script>|<style.*?</style>").unwrap();
    let text = hidden.replace_all(&text, "");
    let attribute =
        regex::Regex::new(r#"(?i)\b(?:placeholder|title|aria-label|alt|label)="([^"]*)""#).unwrap();
    let tag = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let mut shown: Vec<String> = Vec::new();
    for found in attribute.captures_iter(&text) {
        shown.push(found[1].to_owned());
    }
    shown.extend(tag.split(&text).map(str::to_owned));
    let word = regex::Regex::new(r"[A-Za-z][A-Za-z'’]+").unwrap();
    shown
        .iter()
        .flat_map(|part| {
            word.find_iter(part)
                .map(|w| w.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|w| !WORDS_OF_EVERY_LANGUAGE.contains(&w.as_str()))
        .collect()
}

#[test]
fn templates_hold_no_english_outside_the_catalogs() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut english = Vec::new();
    let mut converted_but_listed = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let words = shown_words(&std::fs::read_to_string(&path).unwrap());
        let listed = NOT_YET_IN_THE_CATALOGS.contains(&name.as_str());
        if !words.is_empty() && !listed {
            english.push(format!("{name}: {}", words.join(" ")));
        }
        if words.is_empty() && listed {
            converted_but_listed.push(name);
        }
    }
    assert!(
        english.is_empty(),
        "English outside the catalogs:\n{}",
        english.join("\n")
    );
    assert!(
        converted_but_listed.is_empty(),
        "these templates speak through the catalogs now: take them off the list: {converted_but_listed:?}"
    );
}
