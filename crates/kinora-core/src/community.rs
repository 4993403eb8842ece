//! The community's values: account names, roles, ratings, tags. Parsed once
//! at the edge like every other value, so a handler holds only valid ones.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The community's row ids, one type per table, so that a review's id
/// cannot be passed where a post's is expected. They are the tables'
/// integer keys; in URLs and JSON they read as the bare number.
macro_rules! row_ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }
    )*};
}

row_ids! {
    /// An account.
    AccountId;
    /// A review.
    ReviewId;
    /// A viewing in a diary.
    DiaryEntryId;
    /// A list of films.
    ListId;
    /// A discussion thread.
    ThreadId;
    /// A post in a thread.
    PostId;
    /// A line of the moderation log.
    ModerationId;
    /// A row of an import waiting for its owner's word.
    PendingImportId;
}

/// A moment the community tables record (an account made, a review
/// written, a post edited), kept as RFC 3339 text in the store and read
/// back into a time once, so that no page meets text that is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(time::OffsetDateTime);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(time::OffsetDateTime::now_utc())
    }

    pub fn new(at: time::OffsetDateTime) -> Timestamp {
        Timestamp(at)
    }

    /// An RFC 3339 time: `2008-03-06T21:14:00+09:00`.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .map(Timestamp)
            .map_err(|error| format!("`{text}` is not an RFC 3339 time: {error}"))
    }

    pub fn time(self) -> time::OffsetDateTime {
        self.0
    }

    /// The day, as the offset it was recorded in saw it.
    pub fn date(self) -> time::Date {
        self.0.date()
    }

    /// The RFC 3339 text the store keeps.
    pub fn rfc3339(self) -> String {
        self.0
            .format(&time::format_description::well_known::Rfc3339)
            .expect("a time with a four-digit year formats as RFC 3339")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Timestamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::DateTime,
            )))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Timestamp {}

/// What an account may do. Each role can do what the roles before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Reviews, diary, lists, threads and posts of their own.
    Member,
    /// Also edits the catalog: entities, merges, reverts.
    Editor,
    /// Also pins, locks, archives and hides threads, posts and reviews.
    Moderator,
    /// Also gives roles.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Editor, Role::Moderator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Editor => "editor",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| format!("unknown role `{text}`: use member, editor, moderator or admin"))
    }

    /// Whether this role includes `other`'s rights.
    pub fn at_least(self, other: Role) -> bool {
        self >= other
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An account's name, as it appears in URLs (`/users/huangsy`): 2 to 32
/// lowercase ASCII letters, digits, `-` and `_`, starting with a letter or
/// digit. Names are case-insensitive: they are kept lowercase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Handle(String);

impl Handle {
    pub fn parse(text: &str) -> Result<Handle, String> {
        let lower = text.trim().to_ascii_lowercase();
        if !(2..=32).contains(&lower.len()) {
            return Err(kinora_i18n::t_with(
                "error-handle-length",
                &[
                    ("text", text.trim().to_owned().into()),
                    ("count", lower.chars().count().into()),
                ],
            ));
        }
        let mut chars = lower.chars();
        let first = chars.next().unwrap_or('-');
        if !first.is_ascii_alphanumeric()
            || !lower
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(kinora_i18n::t_with(
                "error-handle-letters",
                &[("text", text.trim().to_owned().into())],
            ));
        }
        Ok(Handle(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Handle {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Handle::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A rating on Kinora's 10-point scale, shown as five stars with halves:
/// 7 is three and a half stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating(u8);

impl Rating {
    pub fn new(value: i64) -> Result<Rating, String> {
        if (1..=10).contains(&value) {
            Ok(Rating(value as u8))
        } else {
            Err(kinora_i18n::t_with(
                "error-rating-range",
                &[("value", value.into())],
            ))
        }
    }

    /// Parses a rating as written in a form or a file: `7`, or stars such
    /// as `3.5` when `stars` is true.
    pub fn parse(text: &str, stars: bool) -> Result<Rating, String> {
        let text = text.trim();
        if stars {
            let value: f64 = text.parse().map_err(|_| {
                kinora_i18n::t_with("error-rating-stars", &[("text", text.to_owned().into())])
            })?;
            let doubled = value * 2.0;
            if doubled.fract() != 0.0 || !(1.0..=10.0).contains(&doubled) {
                return Err(kinora_i18n::t_with(
                    "error-rating-halves",
                    &[("text", text.to_owned().into())],
                ));
            }
            return Ok(Rating(doubled as u8));
        }
        let value: i64 = text.parse().map_err(|_| {
            kinora_i18n::t_with("error-rating-text", &[("text", text.to_owned().into())])
        })?;
        Rating::new(value)
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Stars out of five: 7 → 3.5.
    pub fn stars(self) -> f32 {
        f32::from(self.0) / 2.0
    }

    /// The stars as text: ★★★½.
    pub fn star_text(self) -> String {
        let mut text = "★".repeat(usize::from(self.0 / 2));
        if self.0 % 2 == 1 {
            text.push('½');
        }
        text
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Rating::new(value).map_err(serde::de::Error::custom)
    }
}

/// Tags as a user types them, comma-separated: trimmed, lowercased, empty
/// ones and repeats dropped, each at most 40 characters.
pub fn parse_tags(text: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',') {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tag.chars().count() > 40 {
            return Err(kinora_i18n::t_with(
                "error-tag-length",
                &[("tag", tag.clone().into())],
            ));
        }
        tags.push(tag);
    }
    Ok(tags)
}

/// A list's or thread's slug from its title: `Films on North Korean
/// refugees` → `films-on-north-korean-refugees`. Keeps letters of every
/// script; falls back to `list` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "list".into() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        for (text, expected) in [
            ("huangsy", Ok("huangsy")),
            ("Crystal_T33rs", Ok("crystal_t33rs")),
            ("john-3798", Ok("john-3798")),
            ("a", Err("2 to 32")),
            ("-dash", Err("starting with")),
            ("kim tae", Err("letters a-z")),
            ("김태균", Err("letters a-z")),
            ("<script>", Err("letters a-z")),
        ] {
            let parsed = Handle::parse(text);
            match expected {
                Ok(name) => assert_eq!(parsed.unwrap().as_str(), name, "{text}"),
                Err(part) => assert!(parsed.unwrap_err().contains(part), "{text}"),
            }
        }
    }

    #[test]
    fn ratings() {
        for (text, stars, expected) in [
            ("10", false, Some(10)),
            ("1", false, Some(1)),
            ("0", false, None),
            ("11", false, None),
            ("7.5", false, None),
            ("3.5", true, Some(7)),
            ("0.5", true, Some(1)),
            ("5", true, Some(10)),
            ("5.5", true, None),
            ("3.25", true, None),
            ("0", true, None),
        ] {
            assert_eq!(
                Rating::parse(text, stars).ok().map(Rating::value),
                expected,
                "{text} {stars}"
            );
        }
        assert_eq!(Rating::new(7).unwrap().star_text(), "★★★½");
        assert_eq!(Rating::new(10).unwrap().star_text(), "★★★★★");
        assert_eq!(Rating::new(1).unwrap().star_text(), "½");
    }

    #[test]
    fn timestamps_read_back_as_written() {
        for text in [
            "2026-12-06T06:20:31.123456789Z",
            "2008-03-06T21:14:00+09:00",
            "2012-11-18T00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(text).unwrap().to_string(), text);
        }
        assert!(
            Timestamp::parse("2008-03-06")
                .unwrap_err()
                .contains("2008-03-06")
        );
        assert!(Timestamp::parse("1970").is_err());
        assert_eq!("42".parse::<ReviewId>(), Ok(ReviewId(42)));
        assert!("x".parse::<PostId>().is_err());
    }

    #[test]
    fn roles_order() {
        assert!(Role::Admin.at_least(Role::Moderator));
        assert!(Role::Moderator.at_least(Role::Editor));
        assert!(!Role::Member.at_least(Role::Editor));
        assert_eq!(Role::parse("editor"), Ok(Role::Editor));
        assert!(Role::parse("root").is_err());
    }

    #[test]
    fn tags_and_slugs() {
        assert_eq!(
            parse_tags(" Korea, north korea ,, Korea,  cried a river ").unwrap(),
            ["korea", "north korea", "cried a river"]
        );
        assert_eq!(
            slug("Films on North Korean refugees"),
            "films-on-north-korean-refugees"
        );
        assert_eq!(slug("크로싱 & co."), "크로싱-co");
        assert_eq!(slug("!!!"), "list");
    }
}
