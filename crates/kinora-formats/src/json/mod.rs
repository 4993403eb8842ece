//! Kinora's own catalog format: one JSON document holding entities of every
//! kind, documented in docs/format.md.
//!
//! Reading checks everything that can be checked without a store, and reports
//! the first problem with the file, line, column and field. References to
//! entities that the file does not define are returned to the caller, which
//! checks them against its store.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use base64::Engine;
use kinora_core::id::{Position, read_position};
use kinora_core::image::FileHash;
use kinora_core::model::{Album, Company, Entity, Event, Film, Person, Source, Venue};
use kinora_core::{EntityId, EntityKind};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod entity;
mod stream;

pub use self::entity::{parse_entity, parse_tagged_entity};
pub use self::stream::read_items;

/// The format name written at the top of every catalog file.
pub const FORMAT_NAME: &str = "kinora-catalog";
/// The version of the format this build reads and writes.
/// Version 2 added `external_ids` (films, people, companies), `ratings` and
/// `episode_of` (films) and five film forms; a version 1 file reads as is.
pub const FORMAT_VERSION: u32 = 4;

/// A stored file carried in a catalog: a picture's bytes, named by their
/// SHA-256, in base64. Files come before the entities that show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub file: FileHash,
    pub media_type: String,
    /// The bytes, in standard base64.
    pub data: String,
}

impl CatalogFile {
    pub fn new(file: FileHash, media_type: &str, bytes: &[u8]) -> CatalogFile {
        CatalogFile {
            file,
            media_type: media_type.to_owned(),
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

/// A file as it is read: its bytes decoded and checked against its name.
#[derive(Debug)]
pub struct ReadFile {
    pub path: String,
    pub at: Option<Position>,
    pub file: FileHash,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl ReadFile {
    /// An error about this file's `field`, placed where it was read.
    pub fn error(&self, file: &str, field: &str, message: impl Into<String>) -> FormatError {
        FormatError::at(file, self.at, format!("{}.{field}", self.path), message)
    }
}

/// What a catalog holds, one item at a time.
#[derive(Debug)]
pub enum ReadItem {
    File(ReadFile),
    Entity(ReadEntity),
}

/// A whole catalog file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: FormatName,
    pub version: FormatVersion,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<Located<CatalogFile>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Located<Source>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<Located<Company>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Located<Person>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub films: Vec<Located<Film>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub albums: Vec<Located<Album>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub venues: Vec<Located<Venue>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Located<Event>>,
}

/// The `format` field: refused at once, with its position, unless it names
/// Kinora's catalog format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatName(String);

impl<'de> Deserialize<'de> for FormatName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if name != FORMAT_NAME {
            return Err(serde::de::Error::custom(format!(
                "this is not a Kinora catalog: expected \"{FORMAT_NAME}\", found \"{name}\""
            )));
        }
        Ok(FormatName(name))
    }
}

/// The `version` field: a reader accepts every version up to its own and
/// refuses newer ones at once, before their new fields confuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FormatVersion(u32);

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = u32::deserialize(deserializer)?;
        if version == 0 || version > FORMAT_VERSION {
            let readable = match FORMAT_VERSION {
                1 => "version 1".to_owned(),
                newest => format!("versions 1 to {newest}"),
            };
            return Err(serde::de::Error::custom(format!(
                "version {version} is not supported; this Kinora reads {readable}: upgrade Kinora to import this file"
            )));
        }
        Ok(FormatVersion(version))
    }
}

/// A value with the position it was read from, written as the value alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub at: Option<Position>,
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let at = read_position();
        let value = T::deserialize(deserializer)?;
        Ok(Located { value, at })
    }
}

/// What went wrong in a file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {}{message}", location(.line, .column), field_prefix(.field))]
pub struct FormatError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// The field, as a path from the top of the file: `films[0].releases[2].date`.
    pub field: Option<String>,
    pub message: String,
}

fn location(line: &Option<u64>, column: &Option<u64>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

fn field_prefix(field: &Option<String>) -> String {
    field
        .as_ref()
        .map(|field| format!("field `{field}`: "))
        .unwrap_or_default()
}

impl FormatError {
    fn at(
        file: &str,
        at: Option<Position>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        FormatError {
            file: file.to_owned(),
            line: at.map(|p| p.line),
            column: at.map(|p| p.column),
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

/// A reference from the file to an entity the file does not define.
#[derive(Debug, Clone, PartialEq)]
pub struct OutsideReference {
    /// `films[0].credits[3].person`.
    pub field: String,
    pub kind: EntityKind,
    pub id: EntityId,
    pub at: Option<Position>,
}

impl OutsideReference {
    /// The error to give when the store does not have the entity either.
    pub fn missing(&self, file: &str) -> FormatError {
        FormatError::at(
            file,
            self.at,
            &self.field,
            format!(
                "no {} with id `{}` in this file or in the store",
                self.kind, self.id
            ),
        )
    }
}

/// A catalog read and checked, with the references it makes outside itself.
#[derive(Debug)]
pub struct ReadCatalog {
    pub entities: Vec<Entity>,
    /// The files it carries, in order.
    pub files: Vec<ReadFile>,
    /// Where each entity was read: its path (`films[0]`) and position.
    pub places: Vec<(String, Option<Position>)>,
    pub outside_references: Vec<OutsideReference>,
}

impl ReadCatalog {
    /// An error about the entity at `index`, placed where it was read.
    pub fn error_at(
        &self,
        file: &str,
        index: usize,
        field: &str,
        message: impl Into<String>,
    ) -> FormatError {
        let (path, at) = &self.places[index];
        FormatError::at(file, *at, format!("{path}.{field}"), message)
    }
}

/// Reads a catalog from `reader`; `file` names it in errors.
pub fn read(file: &str, reader: impl Read) -> Result<ReadCatalog, FormatError> {
    let mut entities = Vec::new();
    let mut places = Vec::new();
    let mut files = Vec::new();
    let outside_references = read_items(file, reader, |item| {
        match item {
            ReadItem::Entity(read) => {
                places.push((read.path, read.at));
                entities.push(read.entity);
            }
            ReadItem::File(read) => files.push(read),
        }
        Ok(())
    })?;
    Ok(ReadCatalog {
        entities,
        files,
        places,
        outside_references,
    })
}

/// An entity as it is read, with where it was read: its path (`films[0]`)
/// and position.
#[derive(Debug)]
pub struct ReadEntity {
    pub path: String,
    pub at: Option<Position>,
    pub entity: Entity,
}

impl ReadEntity {
    /// An error about this entity's `field`, placed where it was read.
    pub fn error(&self, file: &str, field: &str, message: impl Into<String>) -> FormatError {
        FormatError::at(file, self.at, format!("{}.{field}", self.path), message)
    }
}

/// Reads a catalog one entity at a time, handing each to `each` as soon as
/// it is read and checked, so that a file of any size is read in the
/// memory of one entity (and a set of the ids seen). An error from `each`
/// stops the reading and is returned as it is.
///
/// The file is known good only when this returns `Ok`: what `each` did
/// with the entities before an error must be undone by the caller (a
/// store transaction not committed). Returns the references to entities
/// the file does not define, each target once, in the order of the file.
pub fn read_each(
    file: &str,
    reader: impl Read,
    mut each: impl FnMut(ReadEntity) -> Result<(), FormatError>,
) -> Result<Vec<OutsideReference>, FormatError> {
    read_items(file, reader, |item| match item {
        ReadItem::Entity(read) => each(read),
        ReadItem::File(_) => Ok(()),
    })
}

/// Writes entities as a catalog: kinds in a fixed order, each sorted by id,
/// two-space indented, one trailing newline. The same entities always give
/// the same bytes.
pub fn write(entities: impl IntoIterator<Item = Entity>, writer: impl Write) -> io::Result<()> {
    write_with_files(entities, Vec::new(), writer)
}

/// Writes entities as a catalog with the files their pictures show, files
/// first (in the order given), so that a reader has each before it is shown.
pub fn write_with_files(
    entities: impl IntoIterator<Item = Entity>,
    files: Vec<CatalogFile>,
    mut writer: impl Write,
) -> io::Result<()> {
    let mut by_kind: BTreeMap<(u8, EntityId), Entity> = BTreeMap::new();
    for entity in entities {
        let rank = match entity.kind() {
            EntityKind::Source => 0,
            EntityKind::Company => 1,
            EntityKind::Person => 2,
            EntityKind::Film => 3,
            EntityKind::Album => 4,
            EntityKind::Venue => 5,
            EntityKind::Event => 6,
        };
        by_kind.insert((rank, entity.id().clone()), entity);
    }
    let mut catalog = Catalog {
        format: FormatName(FORMAT_NAME.to_owned()),
        version: FormatVersion(FORMAT_VERSION),
        files: files
            .into_iter()
            .map(|value| Located { value, at: None })
            .collect(),
        sources: Vec::new(),
        companies: Vec::new(),
        people: Vec::new(),
        films: Vec::new(),
        albums: Vec::new(),
        venues: Vec::new(),
        events: Vec::new(),
    };
    for entity in by_kind.into_values() {
        match entity {
            Entity::Source(value) => catalog.sources.push(Located { value, at: None }),
            Entity::Company(value) => catalog.companies.push(Located { value, at: None }),
            Entity::Person(value) => catalog.people.push(Located { value, at: None }),
            Entity::Film(value) => catalog.films.push(Located { value, at: None }),
            Entity::Album(value) => catalog.albums.push(Located { value, at: None }),
            Entity::Venue(value) => catalog.venues.push(Located { value, at: None }),
            Entity::Event(value) => catalog.events.push(Located { value, at: None }),
        }
    }
    serde_json::to_writer_pretty(&mut writer, &catalog)?;
    writer.write_all(b"\n")
}
