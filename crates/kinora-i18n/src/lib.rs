//! Kinora's interface in each reader's language.
//!
//! Every word the interface shows comes from a message catalog written in
//! Project Fluent's syntax, one folder per language under `locales/`
//! (`locales/en/*.ftl`, `locales/ko/*.ftl`), loaded at build time by
//! `fluent-templates`; Fluent gives plurals and selectors by the language's
//! own rules. Dates, times, numbers and the order of names come from ICU4X
//! with the CLDR data compiled in. Adding a language is adding a folder of
//! catalogs and a variant of [`Lang`] (see ARCHITECTURE.md).

mod format;
mod reader;

use std::borrow::Cow;
use std::collections::HashMap;

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use format::{DateParts, Formats, currency_sign};
pub use reader::{NameStyle, Reader};

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
        // The interface writes each message into HTML or a feed itself:
        // no bidirectional isolation marks around arguments.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

/// A message's argument: a name and its value (a text or a number, which
/// Fluent also uses to choose the plural form).
pub type Arg<'a> = (&'a str, FluentValue<'a>);

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag: `en`, `ko`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The locale whose CLDR data writes this language's dates and
    /// numbers: British English's "26 June 2008" and 24-hour times, as
    /// the catalog has always written them.
    pub(crate) fn formats_locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Ko => "ko",
        }
    }

    /// The language's name in itself, for the switch: "English", "한국어".
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// A language the interface speaks, from a tag (`ko`, `ko-KR`, `EN-gb`).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.tag() == primary)
    }

    /// The reader's language from an `Accept-Language` header, in the order
    /// of preference it gives (quality values included); English when it
    /// names none the interface speaks.
    pub fn negotiate(accept_language: &str) -> Lang {
        let requested = fluent_langneg::accepted_languages::parse(accept_language);
        let available: Vec<LanguageIdentifier> = Lang::ALL
            .iter()
            .filter_map(|lang| lang.tag().parse().ok())
            .collect();
        let default: LanguageIdentifier = Lang::En.tag().parse().unwrap_or_default();
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|chosen| Lang::parse(&chosen.to_string()))
        .unwrap_or_default()
    }

    /// The catalogs' identifier, made at compile time: every message
    /// lookup asks for it.
    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::Ko => fluent_templates::langid!("ko"),
        }
    }

    /// A message of the catalog.
    pub fn t(self, key: &str) -> String {
        CATALOGS.lookup(&self.id(), key)
    }

    /// A message with its arguments.
    pub fn t_with(self, key: &str, args: &[Arg<'_>]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
            .collect();
        CATALOGS.lookup_with_args(&self.id(), key, &args)
    }

    /// Whether the catalog of this language has the message (without
    /// falling back to English).
    pub fn has(self, key: &str) -> bool {
        CATALOGS
            .lookup_no_default_fallback::<&str>(&self.id(), key, None)
            .is_some()
    }

    /// A day written `YYYY-MM-DD` as the language writes it ("26 Jun
    /// 2008", "2008년 6월 26일"); the text itself when it is not one.
    pub fn iso_day(self, day: &str) -> String {
        let mut parts = day.splitn(3, '-').map(str::parse::<u32>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(year)), Some(Ok(month)), Some(Ok(day_of_month)))
                if (1..=12).contains(&month) && (1..=31).contains(&day_of_month) =>
            {
                self.formats().date(DateParts {
                    year: year as i32,
                    month: Some(month as u8),
                    day: Some(day_of_month as u8),
                })
            }
            _ => day.to_owned(),
        }
    }

    /// A day with its weekday: "Thu, 26 Jun 2008", "2008년 6월 26일 (목)".
    pub fn day_with_weekday(self, year: i32, month: u8, day: u8) -> String {
        let formats = self.formats();
        if let Some(written) = formats.weekday_day(year, month, day) {
            return written;
        }
        let date = formats.date(DateParts {
            year,
            month: Some(month),
            day: Some(day),
        });
        match formats.weekday(year, month, day) {
            Some(weekday) => self.t_with(
                "day-with-weekday",
                &[("date", date.into()), ("weekday", weekday.into())],
            ),
            None => date,
        }
    }

    /// How long ago, in days: "today", "a day ago", "3일 전".
    pub fn ago(self, days: i64) -> String {
        self.t_with("days-ago", &[("days", days.into())])
    }

    /// The formats of dates, times, numbers and the order of names.
    pub fn formats(self) -> &'static Formats {
        format::formats(self)
    }
}

/// A message in the language of the request being answered.
pub fn t(key: &str) -> String {
    Lang::current().t(key)
}

/// A message with its arguments, in the language of the request being
/// answered.
pub fn t_with(key: &str, args: &[Arg<'_>]) -> String {
    Lang::current().t_with(key, args)
}

/// A word of the catalog's data (a kind of release, a job) in the reader's
/// language: English is the data's own label; another language's
/// catalog translates it by its key (`ReleaseKind-Theatrical`).
pub fn vocabulary(key: &str, english: &str) -> String {
    match Lang::current() {
        Lang::En => english.to_owned(),
        lang => CATALOGS
            .lookup_no_default_fallback::<&str>(&lang.id(), key, None)
            .unwrap_or_else(|| english.to_owned()),
    }
}

/// A free-text word of the data that has a usual translation (a genre as
/// IMDb names it, a job as credits write it): the catalog's `genre-drama`,
/// `job-director`, found whatever the word's case; the word itself where
/// the reader's language has none.
pub fn common_word(prefix: &str, word: &str) -> String {
    let key: String = word
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    vocabulary(&format!("{prefix}-{key}"), word)
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests;
