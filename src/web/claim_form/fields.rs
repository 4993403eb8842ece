//! A claim's form fields: drawn from the claim's `Input` (kinora-core's
//! `form`), filled from its JSON, and read back from a submitted form into
//! the JSON the claim deserializes from.
//!
//! A field's name is its path: a value's fields under `v.` (`v.country`,
//! `v.place.name`, `v.characters.0.name`), the parts every claim has at
//! the top (`sources.0.source`, `sources.0.quote`, `note`, `preferred`,
//! `inferred`).

use std::collections::BTreeMap;
use std::fmt::Write;

use askama::filters::{Escaper, Html};
use kinora_core::form::{CodeList, Field, Input};
use serde_json::{Map, Value};

/// A submitted or filled-in form: field name → text.
pub type Values = BTreeMap<String, String>;

/// How many empty rows a repeated field offers beyond its values.
const SPARE_ROWS: usize = 1;

/// The form's text for a claim as stored: every field of its value under
/// `v.`, its citations, note and marks.
pub fn values_of(input: &Input, claim: &Value) -> Values {
    let mut values = Values::new();
    flatten(input, claim, "v", &mut values);
    if let Some(sources) = claim.get("sources").and_then(Value::as_array) {
        for (index, citation) in sources.iter().enumerate() {
            for part in ["source", "quote"] {
                if let Some(text) = citation.get(part).and_then(Value::as_str) {
                    values.insert(format!("sources.{index}.{part}"), text.to_owned());
                }
            }
        }
    }
    if let Some(note) = claim.get("note").and_then(Value::as_str) {
        values.insert("note".into(), note.to_owned());
    }
    for mark in ["preferred", "inferred"] {
        if claim.get(mark).and_then(Value::as_bool) == Some(true) {
            values.insert(mark.into(), "on".into());
        }
    }
    values
}

fn flatten(input: &Input, value: &Value, name: &str, values: &mut Values) {
    match (input, value) {
        (Input::Group(fields), Value::Object(object)) => {
            for field in fields {
                if let Some(part) = object.get(field.name) {
                    flatten(
                        &field.input,
                        part,
                        &format!("{name}.{}", field.name),
                        values,
                    );
                }
            }
        }
        (Input::Many(item), Value::Array(items)) => {
            for (index, part) in items.iter().enumerate() {
                flatten(item, part, &format!("{name}.{index}"), values);
            }
        }
        (Input::Check, Value::Bool(true)) => {
            values.insert(name.to_owned(), "on".into());
        }
        (_, Value::String(text)) => {
            values.insert(name.to_owned(), text.clone());
        }
        (_, Value::Number(number)) => {
            values.insert(name.to_owned(), number.to_string());
        }
        _ => {}
    }
}

/// The claim's JSON from a submitted form: the value's fields, then its
/// citations (rows with a source), note and marks.
pub fn claim_of(input: &Input, values: &Values) -> Value {
    let mut claim = match read(input, values, "v") {
        Some(Value::Object(object)) => object,
        _ => Map::new(),
    };
    let mut sources = Vec::new();
    for index in indices(values, "sources") {
        let text = |part: &str| {
            values
                .get(&format!("sources.{index}.{part}"))
                .map(|text| text.trim())
                .filter(|text| !text.is_empty())
        };
        if let Some(source) = text("source") {
            let mut citation = Map::new();
            citation.insert("source".into(), Value::String(source.to_owned()));
            if let Some(quote) = text("quote") {
                citation.insert("quote".into(), Value::String(quote.to_owned()));
            }
            sources.push(Value::Object(citation));
        }
    }
    if !sources.is_empty() {
        claim.insert("sources".into(), Value::Array(sources));
    }
    if let Some(note) = values
        .get("note")
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        claim.insert("note".into(), Value::String(note.to_owned()));
    }
    for mark in ["preferred", "inferred"] {
        if values.contains_key(mark) {
            claim.insert(mark.into(), Value::Bool(true));
        }
    }
    Value::Object(claim)
}

/// A field's value from the form; none when it was left empty.
fn read(input: &Input, values: &Values, name: &str) -> Option<Value> {
    match input {
        Input::Group(fields) => {
            let object: Map<String, Value> = fields
                .iter()
                .filter_map(|field| {
                    read(&field.input, values, &format!("{name}.{}", field.name))
                        .map(|value| (field.name.to_owned(), value))
                })
                .collect();
            (!object.is_empty()).then_some(Value::Object(object))
        }
        Input::Many(item) => {
            let items: Vec<Value> = indices(values, name)
                .into_iter()
                .filter_map(|index| read(item, values, &format!("{name}.{index}")))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Input::Check => values.contains_key(name).then_some(Value::Bool(true)),
        Input::Number { whole: true } => {
            let text = values.get(name)?.trim();
            if text.is_empty() {
                return None;
            }
            // A whole number goes in as one; anything else as the text it
            // is, for the claim's type to refuse in words.
            Some(
                text.parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(text.to_owned())),
            )
        }
        _ => {
            let text = values.get(name)?.trim();
            (!text.is_empty()).then(|| Value::String(text.to_owned()))
        }
    }
}

/// The row numbers a repeated field has in the form, in order.
fn indices(values: &Values, name: &str) -> Vec<usize> {
    let prefix = format!("{name}.");
    let mut found: Vec<usize> = values
        .keys()
        .filter_map(|key| key.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('.').next()?.parse().ok())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The form name of a path a claim's type reported: `place.country` →
/// `v.place.country`, `sources[0].quote` → `sources.0.quote`.
pub fn form_name(path: &str) -> String {
    let dotted = path.replace('[', ".").replace(']', "");
    let top = dotted.split('.').next().unwrap_or_default();
    if matches!(top, "sources" | "note" | "preferred" | "inferred") {
        dotted
    } else {
        format!("v.{dotted}")
    }
}

/// Draws a value's fields, filled from `values`, with `error` beside the
/// field it names.
pub fn draw(input: &Input, values: &Values, error: Option<(&str, &str)>) -> String {
    let mut html = String::new();
    let context = Context {
        values,
        error,
        required: true,
    };
    for field in input.fields() {
        draw_field(field, &format!("v.{}", field.name), &context, &mut html);
    }
    html
}

/// What every field of a form is drawn with.
#[derive(Clone, Copy)]
struct Context<'a> {
    values: &'a Values,
    error: Option<(&'a str, &'a str)>,
    /// Whether a field the value needs is marked required: not inside an
    /// optional group or a row, which may be left empty as a whole (the
    /// claim's type checks what is sent).
    required: bool,
}

fn draw_field(field: &Field, name: &str, context: &Context<'_>, html: &mut String) {
    let label = field_label(field.name);
    match &field.input {
        Input::Group(fields) => {
            let _ = write!(
                html,
                "<fieldset class=\"group\"><legend>{}</legend>",
                esc(&label)
            );
            let inner = Context {
                required: context.required && !field.optional,
                ..*context
            };
            for part in fields {
                draw_field(part, &format!("{name}.{}", part.name), &inner, html);
            }
            html.push_str("</fieldset>");
        }
        Input::Many(item) => {
            let _ = write!(
                html,
                "<fieldset class=\"many\"><legend>{}</legend>",
                esc(&label)
            );
            let rows = indices(context.values, name)
                .last()
                .map_or(0, |last| last + 1)
                + SPARE_ROWS;
            let inner = Context {
                required: false,
                ..*context
            };
            for index in 0..rows {
                let row = Field {
                    name: field.name,
                    input: (**item).clone(),
                    optional: true,
                };
                let row_name = format!("{name}.{index}");
                match &row.input {
                    Input::Group(parts) => {
                        html.push_str("<div class=\"row\">");
                        for part in parts {
                            draw_field(part, &format!("{row_name}.{}", part.name), &inner, html);
                        }
                        html.push_str("</div>");
                    }
                    _ => draw_input(
                        &row,
                        &row_name,
                        &format!("{label} {}", index + 1),
                        &inner,
                        html,
                    ),
                }
            }
            html.push_str("</fieldset>");
        }
        _ => draw_input(field, name, &label, context, html),
    }
}

fn draw_input(field: &Field, name: &str, label: &str, context: &Context<'_>, html: &mut String) {
    let value = context
        .values
        .get(name)
        .map(String::as_str)
        .unwrap_or_default();
    let wrong = context.error.filter(|(field_name, _)| *field_name == name);
    let required = if field.optional || !context.required {
        ""
    } else {
        " required"
    };
    let invalid = if wrong.is_some() {
        format!(
            " aria-invalid=\"true\" aria-describedby=\"{}-error\"",
            esc(name)
        )
    } else {
        String::new()
    };
    let (kind, help) = match &field.input {
        Input::Check => {
            let _ = write!(
                html,
                "<label class=\"check\"><input type=\"checkbox\" name=\"{}\" value=\"on\"{}{invalid}> {}</label>",
                esc(name),
                if value.is_empty() { "" } else { " checked" },
                esc(label)
            );
            return;
        }
        Input::Text { long: true } => {
            let _ = write!(
                html,
                "<label>{}<textarea name=\"{}\" rows=\"4\"{required}{invalid}>{}</textarea></label>",
                esc(label),
                esc(name),
                esc(value)
            );
            return finish(name, wrong, html);
        }
        Input::Choice(options) => {
            let _ = write!(
                html,
                "<label>{}<select name=\"{}\"{required}{invalid}>",
                esc(label),
                esc(name)
            );
            if field.optional || value.is_empty() {
                html.push_str("<option value=\"\">—</option>");
            }
            for (option, text) in options {
                let _ = write!(
                    html,
                    "<option value=\"{}\"{}>{}</option>",
                    esc(option),
                    if option == value { " selected" } else { "" },
                    esc(text)
                );
            }
            html.push_str("</select></label>");
            return finish(name, wrong, html);
        }
        Input::Text { long: false } => ("text", String::new()),
        Input::Number { .. } => ("text\" inputmode=\"decimal", String::new()),
        Input::Date => ("text", kinora_i18n::t("form-help-date")),
        Input::LocalTime => ("text", kinora_i18n::t("form-help-local-time")),
        Input::TimeZone => ("text", kinora_i18n::t("form-help-zone")),
        Input::Code(list) => (
            "text",
            kinora_i18n::t_with("form-code-example", &[("example", list.example().into())]),
        ),
        Input::Entity(kind) => (
            "text",
            kinora_i18n::t_with(
                "form-help-entity",
                &[
                    ("kind", kind.local_name().into()),
                    ("example", example_id(*kind).into()),
                ],
            ),
        ),
        Input::Group(_) | Input::Many(_) => ("text", String::new()),
    };
    let pick = match &field.input {
        Input::Entity(kind) => format!(" data-pick=\"{kind}\" autocomplete=\"off\""),
        Input::Code(CodeList::Country) => " autocapitalize=\"characters\"".to_owned(),
        _ => String::new(),
    };
    let _ = write!(
        html,
        "<label>{}<input type=\"{kind}\" name=\"{}\" value=\"{}\"{required}{invalid}{pick}></label>",
        esc(label),
        esc(name),
        esc(value)
    );
    if !help.is_empty() {
        let _ = write!(html, "<small class=\"help\">{}</small>", esc(&help));
    }
    finish(name, wrong, html);
}

fn finish(name: &str, wrong: Option<(&str, &str)>, html: &mut String) {
    if let Some((_, message)) = wrong {
        let _ = write!(
            html,
            "<small class=\"field-error\" id=\"{}-error\" role=\"alert\">{}</small>",
            esc(name),
            esc(&crate::web::community::quoted(message))
        );
    }
}

/// An id of the kind, as an example in a field's help.
fn example_id(kind: kinora_core::EntityKind) -> &'static str {
    use kinora_core::EntityKind;
    match kind {
        EntityKind::Film => "crossing-2008",
        EntityKind::Person => "kim-tae-kyun",
        EntityKind::Company => "vantage-holdings",
        EntityKind::Album => "crossing-ost",
        EntityKind::Source => "kofic-2008-05-06",
        EntityKind::Venue => "tuschinski-1",
        EntityKind::Event => "idfa-2012",
    }
}

/// A field's label from its name: `exchange_rate` → "Exchange rate".
/// A field's label in a form: its name read out, but for the fields whose
/// bare name misleads (a source's `credits` is not a film's).
fn field_label(name: &str) -> String {
    let english = match name {
        "credits" => "Credited as its source (“Source: Deadline”)".to_owned(),
        "credits_company" => "Company credited as its source".to_owned(),
        "via" => "Read via (the source that reposted it)".to_owned(),
        _ => label_of(name),
    };
    // The reader's language names the field where its catalog does.
    kinora_i18n::vocabulary(&format!("form-field-{name}"), &english)
}

pub fn label_of(name: &str) -> String {
    let spaced = match name {
        "lang" => "language".to_owned(),
        "url" => "address (URL)".to_owned(),
        _ => name.replace('_', " "),
    };
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text escaped for HTML, by askama's own escaper.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = Html.write_escaped_str(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use kinora_core::form::FormInput;
    use kinora_core::model::{Credit, Release};
    use serde_json::json;

    use super::*;

    #[test]
    fn a_claim_goes_into_the_form_and_back() {
        let input = Credit::input();
        let claim = json!({
            "department": "cast", "person": "cha-in-pyo",
            "characters": [{"name": "Kim Yong-soo"}],
            "preferred": true, "note": "lead",
            "sources": [{"source": "kofic-2008-05-06", "quote": "It stars CHA In-pyo"}]
        });
        let values = values_of(&input, &claim);
        assert_eq!(values["v.person"], "cha-in-pyo");
        assert_eq!(values["v.characters.0.name"], "Kim Yong-soo");
        assert_eq!(values["sources.0.quote"], "It stars CHA In-pyo");
        assert_eq!(claim_of(&input, &values), claim);
        let html = draw(&input, &values, Some(("v.person", "no such person")));
        assert!(html.contains("name=\"v.characters.1.name\""), "a spare row");
        assert!(html.contains("data-pick=\"person\""));
        assert!(html.contains("no such person"));
    }

    #[test]
    fn empty_fields_are_left_out_and_paths_map_to_names() {
        let input = Release::input();
        let mut values = Values::new();
        values.insert("v.kind".into(), "theatrical".into());
        values.insert("v.country".into(), " KR ".into());
        values.insert("v.date".into(), "".into());
        values.insert("sources.0.source".into(), "".into());
        assert_eq!(
            claim_of(&input, &values),
            json!({"kind": "theatrical", "country": "KR"})
        );
        assert_eq!(form_name("date"), "v.date");
        assert_eq!(form_name("place.country"), "v.place.country");
        assert_eq!(form_name("sources[0].quote"), "sources.0.quote");
        assert_eq!(esc("<b>\"x\""), "&#60;b&#62;&#34;x&#34;");
    }
}
