//! Which of an entity's titles or names a reader sees first, and which
//! beside it: MyDramaList's "크로싱 · Keurosing · Crossing". The choice is
//! the reader's (`kinora_i18n::NameStyle`): in their language where the
//! entity has a title in it, in its original script, or romanized. Korean
//! names keep Korean order (family name first) in every form.

use kinora_i18n::{Lang, NameStyle, Reader};

use super::{Entity, Name, NameKind, NameOrder, Romanization, Title, TitleKind, preferred_first};
use crate::codes::Script;

/// A title or name as written, with its language for the page's `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    /// The BCP 47 tag of the text's language, where it is not the page's
    /// own business to guess (`ko` for Hangul).
    pub lang: Option<String>,
    /// Romanized here from the original script (Revised Romanization) for
    /// reading, not a form any source gives.
    pub transliterated: bool,
}

/// The title or name shown first, and the other forms beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub first: Written,
    pub beside: Vec<Written>,
}

impl Shown {
    /// Every form in a line: "크로싱 · Keurosing · Crossing".
    pub fn line(&self) -> String {
        std::iter::once(&self.first)
            .chain(&self.beside)
            .map(|written| written.text.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// One of the entity's forms, read the same way for titles and names.
struct Form<'a> {
    text: &'a str,
    lang: Option<&'a str>,
    script: Option<&'a str>,
    original: bool,
    romanized: bool,
    english: bool,
    /// A romanized name in given-name-first order ("Tae-kyun Kim").
    given_first: bool,
    /// The system a romanized form follows, where said.
    system: Option<Romanization>,
}

fn title_form(title: &Title) -> Form<'_> {
    Form {
        text: &title.text,
        lang: title.lang.as_ref().map(|lang| lang.primary()),
        script: title.script.as_ref().map(Script::as_str),
        original: title.kind == TitleKind::Original,
        romanized: title.kind == TitleKind::Romanized,
        english: title.kind == TitleKind::English,
        given_first: false,
        system: None,
    }
}

fn name_form(name: &Name) -> Form<'_> {
    let latin = name
        .script
        .as_ref()
        .is_none_or(|script| script.as_str() == "Latn");
    Form {
        text: &name.text,
        lang: name.lang.as_ref().map(|lang| lang.primary()),
        script: name.script.as_ref().map(Script::as_str),
        original: name.kind == NameKind::Native,
        // A person's usual name in Latin letters is their romanized form.
        romanized: latin
            && matches!(
                name.kind,
                NameKind::Primary | NameKind::Romanized | NameKind::Stage
            ),
        english: latin && name.kind == NameKind::Primary,
        given_first: name.order == Some(NameOrder::GivenFirst),
        system: name.system,
    }
}

/// The language tag of a form for the page: its own, else its script's.
fn lang_of(form: &Form<'_>) -> Option<String> {
    form.lang.map(str::to_owned).or_else(|| match form.script {
        Some("Hang" | "Kore") => Some("ko".to_owned()),
        Some("Jpan" | "Hira" | "Kana") => Some("ja".to_owned()),
        Some("Hans" | "Hant" | "Hani") => Some("zh".to_owned()),
        _ => None,
    })
}

fn written(form: &Form<'_>) -> Written {
    Written {
        text: form.text.to_owned(),
        lang: lang_of(form),
        transliterated: false,
    }
}

/// The forms of an entity, its preferred ones first.
fn forms(entity: &Entity) -> Vec<Form<'_>> {
    match entity {
        Entity::Film(film) => preferred_first(&film.titles)
            .into_iter()
            .map(title_form)
            .collect(),
        Entity::Album(album) => preferred_first(&album.titles)
            .into_iter()
            .map(title_form)
            .collect(),
        Entity::Person(person) => preferred_first(&person.names)
            .into_iter()
            .map(name_form)
            .collect(),
        Entity::Company(company) => preferred_first(&company.names)
            .into_iter()
            .map(name_form)
            .collect(),
        Entity::Venue(venue) => preferred_first(&venue.names)
            .into_iter()
            .map(name_form)
            .collect(),
        Entity::Event(event) => preferred_first(&event.names)
            .into_iter()
            .map(name_form)
            .collect(),
        Entity::Source(_) => Vec::new(),
    }
}

/// The form in the reader's language: one in that language, else for
/// English a title marked English.
fn in_language<'a>(forms: &'a [Form<'a>], lang: Lang) -> Option<&'a Form<'a>> {
    forms
        .iter()
        .find(|form| lang_of(form).as_deref() == Some(lang.tag()))
        .or_else(|| {
            (lang == Lang::En)
                .then(|| forms.iter().find(|form| form.english))
                .flatten()
        })
}

fn original<'a>(forms: &'a [Form<'a>]) -> Option<&'a Form<'a>> {
    forms.iter().find(|form| form.original).or_else(|| {
        // A name with no form marked native: one written in a script
        // other than Latin is its own.
        forms
            .iter()
            .find(|form| form.script.is_some_and(|script| script != "Latn"))
    })
}

/// The romanized form: the usual spelling in Korean order, else one
/// following Revised Romanization, else any.
fn romanized<'a>(forms: &'a [Form<'a>]) -> Option<&'a Form<'a>> {
    let candidates: Vec<&Form<'_>> = forms.iter().filter(|form| form.romanized).collect();
    candidates
        .iter()
        .find(|form| !form.given_first)
        .or_else(|| {
            candidates
                .iter()
                .find(|form| form.system == Some(Romanization::RevisedRomanization))
        })
        .or(candidates.first())
        .copied()
}

/// The title or name to show first and the forms beside it, as the reader
/// chose.
pub fn shown(entity: &Entity, reader: Reader) -> Shown {
    let label = entity.label();
    let forms = forms(entity);
    let original = original(&forms);
    // A Korean original with no romanized form given: Revised
    // Romanization, marked as made here.
    let romanized = romanized(&forms).map(written).or_else(|| {
        let original = original?;
        (original.script == Some("Hang")).then(|| {
            let mut text = crate::korean::revised(original.text);
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            Written {
                text,
                lang: Some("ko-Latn".to_owned()),
                transliterated: true,
            }
        })
    });
    let original = original.map(written);
    let local = in_language(&forms, reader.lang).map(written);
    let usual = forms
        .iter()
        .find(|form| form.text == label)
        .map(written)
        .unwrap_or(Written {
            text: label,
            lang: None,
            transliterated: false,
        });
    let english = in_language(&forms, Lang::En)
        .map(written)
        .unwrap_or_else(|| usual.clone());
    let first = match reader.names {
        NameStyle::Local => local.clone(),
        NameStyle::Original => original.clone(),
        NameStyle::Romanized => romanized.clone(),
    }
    .unwrap_or_else(|| usual.clone());
    let mut beside: Vec<Written> = Vec::new();
    for form in [original, romanized, local, Some(english), Some(usual)]
        .into_iter()
        .flatten()
    {
        if form.text != first.text && !beside.iter().any(|seen| seen.text == form.text) {
            beside.push(form);
        }
    }
    Shown { first, beside }
}

/// The one name to show in a list or a cell, as the reader chose.
pub fn shown_label(entity: &Entity, reader: Reader) -> String {
    match entity {
        Entity::Source(_) => entity.label(),
        _ => shown(entity, reader).first.text,
    }
}
