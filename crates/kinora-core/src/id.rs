//! Entity kinds and ids, and the typed references one entity makes to another.
//!
//! An id is a short, stable, human-readable slug such as `crossing-2008`. It is
//! the same in URLs (`/films/crossing-2008`), in the JSON API and in Kinora's
//! import format, so a catalog written by hand reads like prose.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The kinds of entity the catalog holds. Each has its own id space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Film,
    Person,
    Company,
    Album,
    Source,
    Venue,
    Event,
}

impl EntityKind {
    /// Every kind, in the order an import writes them: an entity refers
    /// mostly to kinds before it.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Source,
        EntityKind::Company,
        EntityKind::Person,
        EntityKind::Venue,
        EntityKind::Film,
        EntityKind::Album,
        EntityKind::Event,
    ];

    /// The singular name used in the store, the edit log and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Film => "film",
            EntityKind::Person => "person",
            EntityKind::Company => "company",
            EntityKind::Album => "album",
            EntityKind::Source => "source",
            EntityKind::Venue => "venue",
            EntityKind::Event => "event",
        }
    }

    /// The plural used in URLs and in the import format: `/films/ID`, `"films": [...]`.
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Film => "films",
            EntityKind::Person => "people",
            EntityKind::Company => "companies",
            EntityKind::Album => "albums",
            EntityKind::Source => "sources",
            EntityKind::Venue => "venues",
            EntityKind::Event => "events",
        }
    }

    /// Accepts the singular or the plural name.
    pub fn parse(text: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text || kind.plural() == text)
    }

    /// The kind's name in the reader's language: "film", "영화".
    pub fn local_name(self) -> String {
        kinora_i18n::t(&format!("kind-{}", self.as_str()))
    }

    /// A kind as people write it on the command line and in URLs: its name
    /// or plural, or `article(s)` for the sources that are news. The error
    /// names the kinds there are.
    pub fn from_name(text: &str) -> Result<EntityKind, String> {
        match EntityKind::parse(text) {
            Some(kind) => Ok(kind),
            None if text == "article" || text == "articles" => Ok(EntityKind::Source),
            None => Err(format!(
                "unknown kind `{text}`: use film, person, company, album, source, article, venue or event"
            )),
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity id: 1 to 100 characters of lowercase ASCII letters, digits and
/// hyphens, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", kinora_i18n::t_with("error-id", &[("text", .0.clone().into())]))]
pub struct InvalidId(pub String);

impl EntityId {
    pub fn parse(text: &str) -> Result<EntityId, InvalidId> {
        let valid = !text.is_empty()
            && text.len() <= 100
            && !text.starts_with('-')
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(EntityId(text.to_owned()))
        } else {
            Err(InvalidId(text.to_owned()))
        }
    }

    /// Makes an id from any name: `Kim Tae-kyun` → `kim-tae-kyun`. Letters
    /// outside ASCII are dropped, so a name in Hangul alone gives `None`.
    pub fn slug_of(name: &str) -> Option<EntityId> {
        let folded = crate::accents::fold_accents(name);
        let mut slug = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        let slug: String = slug.chars().take(80).collect();
        EntityId::parse(slug.trim_end_matches('-')).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EntityId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EntityId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        EntityId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A line and column in a text being read, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

thread_local! {
    static READ_POSITION: Cell<Option<Position>> = const { Cell::new(None) };
}

/// Where the reader of the text being deserialized on this thread stands.
///
/// A reader that counts lines (Kinora's JSON importer has one) sets it as it
/// goes; references read meanwhile remember it, so that a reference to a
/// missing entity, found only after the whole file is read, can still be
/// reported with its line.
pub fn set_read_position(position: Option<Position>) {
    READ_POSITION.with(|cell| cell.set(position));
}

/// Where the reader on this thread stands, if one counts lines.
pub fn read_position() -> Option<Position> {
    READ_POSITION.with(|cell| cell.get())
}

macro_rules! typed_ref {
    ($(#[$meta:meta])* $name:ident, $kind:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pub id: EntityId,
            /// Where the reference was read from, if it was read from a file.
            pub at: Option<Position>,
        }

        impl $name {
            pub const KIND: EntityKind = $kind;

            pub fn new(id: EntityId) -> Self {
                $name { id, at: None }
            }

        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.id == other.id
            }
        }

        impl Eq for $name {}

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.id.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = EntityId::deserialize(deserializer)?;
                Ok($name { id, at: read_position() })
            }
        }
    };
}

typed_ref!(
    /// A reference to a film by its id.
    FilmRef,
    EntityKind::Film
);
typed_ref!(
    /// A reference to a person by their id.
    PersonRef,
    EntityKind::Person
);
typed_ref!(
    /// A reference to a company or other organisation by its id.
    CompanyRef,
    EntityKind::Company
);
typed_ref!(
    /// A reference to a soundtrack or other album by its id.
    AlbumRef,
    EntityKind::Album
);
typed_ref!(
    /// A reference to a source (a document that states facts) by its id.
    SourceRef,
    EntityKind::Source
);
typed_ref!(
    /// A reference to a venue by its id: a cinema, a screen of one, a hall.
    VenueRef,
    EntityKind::Venue
);
typed_ref!(
    /// A reference to an event by its id: a festival edition, a screening.
    EventRef,
    EntityKind::Event
);

#[cfg(test)]
mod tests {
    use super::*;

    fn check_slug(name: &str, expected: Option<&str>) {
        assert_eq!(
            EntityId::slug_of(name).map(|id| id.0),
            expected.map(str::to_owned),
            "{name}"
        );
    }

    #[test]
    fn slugs_are_made_from_names() {
        check_slug("Kim Tae-kyun", Some("kim-tae-kyun"));
        check_slug(
            "The Defector: Escape from North Korea",
            Some("the-defector-escape-from-north-korea"),
        );
        check_slug("Wertmüller", Some("wertmuller"));
        check_slug("크로싱", None);
        check_slug("  Crossing (2008) ", Some("crossing-2008"));
    }

    #[test]
    fn ids_with_capitals_spaces_or_a_leading_hyphen_are_rejected() {
        for bad in ["", "Crossing", "cross ing", "-x", "a/b", &"x".repeat(101)] {
            assert!(EntityId::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(EntityId::parse("crossing-2008").is_ok());
    }

    #[test]
    fn kinds_parse_from_singular_and_plural() {
        assert_eq!(EntityKind::parse("people"), Some(EntityKind::Person));
        assert_eq!(EntityKind::parse("film"), Some(EntityKind::Film));
        assert_eq!(EntityKind::parse("reviews"), None);
    }
}
