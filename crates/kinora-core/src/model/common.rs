//! Claims and values shared by several kinds of entity: names, texts,
//! countries, languages, links, external ids, dates and places.

use serde::{Deserialize, Serialize};

use crate::claim::{claim, value};
use crate::codes::{Country, Language, Script};
use crate::date::PartialDate;

use super::vocabulary::*;

value! {
    /// A text in a given language and script, such as a synopsis or a track title.
    pub struct ScriptText {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub script: Option<Script>,
    }
}

value! {
    /// A place as a source names it, with its country when known.
    pub struct Place {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
    }
}

claim! {
    /// A name of a person or company in one script and spelling.
    pub struct Name {
        pub text: String,
        pub kind: NameKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub script: Option<Script>,
        /// For a romanized spelling, the system it follows.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub system: Option<Romanization>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order: Option<NameOrder>,
    }
}

claim! {
    pub struct CountryClaim {
        pub country: Country,
    }
}

claim! {
    pub struct LanguageClaim {
        pub language: Language,
    }
}

claim! {
    /// A longer text: a synopsis, a biography, a description.
    pub struct Text {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
    }
}

claim! {
    pub struct Link {
        pub url: String,
        pub kind: LinkKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
    }
}

claim! {
    /// The entity's id in another catalog: IMDb's tt… and nm…, Wikidata's Q….
    pub struct ExternalId {
        pub scheme: IdScheme,
        pub value: String,
    }
}

claim! {
    pub struct DateClaim {
        pub date: PartialDate,
    }
}

claim! {
    pub struct PlaceClaim {
        pub place: Place,
    }
}

claim! {
    /// A notable fact that fits no other field.
    pub struct Trivia {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
    }
}
