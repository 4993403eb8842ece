//! Standard codes, each parsed once at the edge: BCP 47 language tags,
//! ISO 15924 scripts, ISO 3166-1 countries and ISO 4217 currencies.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! code_type {
    ($(#[$meta:meta])* $name:ident, $example:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("{}", kinora_i18n::t_with("error-code-language", &[("text", .0.clone().into())]))]
    Language(String),
    #[error("{}", kinora_i18n::t_with("error-code-script", &[("text", .0.clone().into())]))]
    Script(String),
    #[error("{}", kinora_i18n::t_with("error-code-country", &[("text", .0.clone().into())]))]
    Country(String),
    #[error("{}", kinora_i18n::t_with("error-code-currency", &[("text", .0.clone().into())]))]
    Currency(String),
}

code_type!(
    /// A BCP 47 language tag whose subtags are all in the IANA registry.
    Language,
    "ko"
);

impl Language {
    pub fn parse(text: &str) -> Result<Language, CodeError> {
        let tag = language_tags::LanguageTag::parse(text)
            .map_err(|_| CodeError::Language(text.to_owned()))?;
        tag.validate()
            .map_err(|_| CodeError::Language(text.to_owned()))?;
        Ok(Language(tag.into_string()))
    }

    /// The primary language subtag: `ko` for `ko-KR`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The language's name in the reader's language: English as below;
    /// another language's from CLDR ("한국어"), else the English.
    pub fn local_name(&self) -> String {
        let lang = kinora_i18n::Lang::current();
        if lang == kinora_i18n::Lang::En {
            return self.english_name().to_owned();
        }
        lang.formats()
            .language(self.primary())
            .map(str::to_owned)
            .unwrap_or_else(|| self.english_name().to_owned())
    }

    /// An English name for the common languages, else the tag itself.
    pub fn english_name(&self) -> &str {
        match self.primary() {
            "ko" => "Korean",
            "en" => "English",
            "zh" => "Chinese",
            "ja" => "Japanese",
            "fr" => "French",
            "de" => "German",
            "es" => "Spanish",
            "nl" => "Dutch",
            "it" => "Italian",
            "ru" => "Russian",
            "pt" => "Portuguese",
            "mn" => "Mongolian",
            _ => &self.0,
        }
    }
}

code_type!(
    /// An ISO 15924 script code, such as `Hang` (Hangul), `Hani` (Han) or `Latn`.
    Script,
    "Hang"
);

impl Script {
    pub fn parse(text: &str) -> Result<Script, CodeError> {
        let well_formed = text.len() == 4 && text.chars().all(|c| c.is_ascii_alphabetic());
        if !well_formed {
            return Err(CodeError::Script(text.to_owned()));
        }
        let mut canonical = text.to_ascii_lowercase();
        canonical[..1].make_ascii_uppercase();
        // The language subtag registry lists every ISO 15924 script.
        let probe = language_tags::LanguageTag::parse(&format!("und-{canonical}"))
            .map_err(|_| CodeError::Script(text.to_owned()))?;
        probe
            .validate()
            .map_err(|_| CodeError::Script(text.to_owned()))?;
        Ok(Script(canonical))
    }

    /// The script's name in the reader's language (CLDR's "한글" beside
    /// the English below).
    pub fn local_name(&self) -> String {
        let lang = kinora_i18n::Lang::current();
        if lang == kinora_i18n::Lang::En {
            return self.name().to_owned();
        }
        lang.formats()
            .script(&self.0)
            .map(str::to_owned)
            .unwrap_or_else(|| self.name().to_owned())
    }

    /// The script's English name for the common ones, else its code.
    pub fn name(&self) -> &str {
        match self.0.as_str() {
            "Hang" => "Hangul",
            "Hani" => "Han (Hanja)",
            "Kore" => "Hangul and Hanja",
            "Latn" => "Latin",
            "Hira" => "Hiragana",
            "Kana" => "Katakana",
            "Jpan" => "Japanese",
            "Hans" => "Simplified Han",
            "Hant" => "Traditional Han",
            "Cyrl" => "Cyrillic",
            _ => &self.0,
        }
    }

    /// Guesses the script of a text from its letters, as Unicode assigns
    /// them: Hangul (syllables and jamo alike), Han, hiragana, katakana or
    /// Latin; `None` when it has no letters, mixes scripts or has a letter
    /// of another script. A letter several scripts share (the long vowel
    /// mark `ー` of both kana) goes with the letters around it.
    pub fn detect(text: &str) -> Option<Script> {
        use unicode_script::{Script as Unicode, UnicodeScript};
        let mut found: Option<&'static str> = None;
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            let script = match c.script() {
                script @ (Unicode::Hangul
                | Unicode::Han
                | Unicode::Hiragana
                | Unicode::Katakana
                | Unicode::Latin) => script.short_name(),
                Unicode::Common | Unicode::Inherited => continue,
                _ => return None,
            };
            match found {
                None => found = Some(script),
                Some(seen) if seen == script => {}
                Some(_) => return None,
            }
        }
        found.map(|code| Script(code.to_owned()))
    }
}

code_type!(
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    "KR"
);

impl Country {
    pub fn parse(text: &str) -> Result<Country, CodeError> {
        let code = isocountry::CountryCode::for_alpha2_caseless(text)
            .map_err(|_| CodeError::Country(text.to_owned()))?;
        Ok(Country(code.alpha2().to_owned()))
    }

    /// The country's name in the reader's language: English as below;
    /// another language's from CLDR ("한국", "미국").
    pub fn local_name(&self) -> String {
        let lang = kinora_i18n::Lang::current();
        if lang == kinora_i18n::Lang::En {
            return self.name().to_owned();
        }
        lang.formats()
            .country(&self.0)
            .map(str::to_owned)
            .unwrap_or_else(|| self.name().to_owned())
    }

    /// The country's short English name, as ISO 3166 gives it.
    pub fn name(&self) -> &'static str {
        match self.0.as_str() {
            // ISO's names for these two are long-winded; use the usual ones.
            "KR" => "South Korea",
            "KP" => "North Korea",
            "US" => "United States",
            "GB" => "United Kingdom",
            code => isocountry::CountryCode::for_alpha2(code)
                .map(|country| country.name())
                .unwrap_or("unknown country"),
        }
    }
}

code_type!(
    /// An ISO 4217 currency code.
    Currency,
    "KRW"
);

impl Currency {
    pub fn parse(text: &str) -> Result<Currency, CodeError> {
        let currency = iso_currency::Currency::from_code(&text.to_ascii_uppercase())
            .ok_or_else(|| CodeError::Currency(text.to_owned()))?;
        Ok(Currency(currency.code().to_owned()))
    }

    pub fn name(&self) -> String {
        iso_currency::Currency::from_code(&self.0)
            .map(|currency| currency.name().to_owned())
            .unwrap_or_else(|| self.0.clone())
    }

    /// The currency's name in the reader's language ("대한민국 원"), the
    /// English one where the catalog has none.
    pub fn local_name(&self) -> String {
        kinora_i18n::vocabulary(&format!("currency-{}", self.0), &self.name())
    }

    /// The sign used before amounts in running text, or the code itself.
    pub fn sign(&self) -> &str {
        kinora_i18n::currency_sign(&self.0).unwrap_or(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_language_tags_are_accepted() {
        for tag in ["ko", "en", "zh-Hant", "ko-KR", "en-US", "nl"] {
            assert!(Language::parse(tag).is_ok(), "{tag}");
        }
    }

    #[test]
    fn unregistered_or_malformed_language_tags_are_rejected() {
        for tag in ["", "korean", "zz", "ko-Zzzx", "en_US", "xx-YY"] {
            assert!(Language::parse(tag).is_err(), "{tag}");
        }
    }

    #[test]
    fn scripts_are_checked_against_iso_15924() {
        assert_eq!(Script::parse("hang").unwrap().as_str(), "Hang");
        assert_eq!(Script::parse("Hani").unwrap().as_str(), "Hani");
        assert!(Script::parse("Hngl").is_err());
        assert!(Script::parse("Latin").is_err());
    }

    #[test]
    fn scripts_are_detected_from_letters() {
        let detect = |text: &str| Script::detect(text).map(|s| s.0);
        assert_eq!(detect("크로싱").as_deref(), Some("Hang"));
        assert_eq!(detect("渡江").as_deref(), Some("Hani"));
        assert_eq!(detect("Crossing 2008").as_deref(), Some("Latn"));
        assert_eq!(detect("Wertmüller").as_deref(), Some("Latn"));
        assert_eq!(detect("E Minor로"), None);
        assert_eq!(detect("ᄀㄱ").as_deref(), Some("Hang"));
        assert_eq!(detect("ゆれる").as_deref(), Some("Hira"));
        assert_eq!(detect("スーパー").as_deref(), Some("Kana"));
        assert_eq!(detect("渡江(도강)"), None);
        assert_eq!(detect("Кросинг"), None);
        assert_eq!(detect("2008 — ?"), None);
    }

    #[test]
    fn countries_and_currencies_must_be_iso_codes() {
        assert_eq!(Country::parse("KR").unwrap().name(), "South Korea");
        assert!(Country::parse("XK1").is_err());
        assert_eq!(Country::parse("kr").unwrap().as_str(), "KR");
        assert!(Country::parse("ZZ").is_err());
        assert_eq!(Currency::parse("KRW").unwrap().sign(), "₩");
        assert!(Currency::parse("WON").is_err());
        assert_eq!(Currency::parse("usd").unwrap().as_str(), "USD");
    }
}
