//! Kinora's own catalog format: one JSON document holding entities of every
//! kind, documented in docs/format.md.
//!
//! Reading checks everything that can be checked without a store, and reports
//! the first problem with the file, line, column and field. References to
//! entities that the file does not define are returned to the caller, which
//! checks them against its store.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead, Read, Write};

use base64::Engine;
use kinora_core::id::{Position, read_position, set_read_position};
use kinora_core::image::FileHash;
use kinora_core::model::{Album, Company, Entity, Event, Film, Person, Source, Venue};
use kinora_core::{EntityId, EntityKind, Reference};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

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

/// Counts lines and columns of the bytes it passes on, and publishes the
/// position for the values being deserialized.
struct CountingReader<R> {
    inner: R,
    line: u64,
    column: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte at a time, so the published position is exact; the
        // caller's reader is buffered.
        let mut byte = [0u8; 1];
        let read = self.inner.read(&mut byte)?;
        if read == 0 || buf.is_empty() {
            return Ok(0);
        }
        buf[0] = byte[0];
        let position = Position {
            line: self.line,
            column: self.column,
        };
        set_read_position(Some(position));
        // Columns count bytes, as serde_json's own errors do, so that every
        // message about one file counts the same way.
        if byte[0] == b'\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Ok(1)
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

/// Reads a catalog one item at a time, as `read_each` does, handing on
/// the files it carries too (each decoded, and checked against its name).
pub fn read_items(
    file: &str,
    reader: impl Read,
    each: impl FnMut(ReadItem) -> Result<(), FormatError>,
) -> Result<Vec<OutsideReference>, FormatError> {
    let mut buffered = io::BufReader::new(reader);
    let start = buffered.fill_buf().map_err(|error| FormatError {
        file: file.to_owned(),
        line: None,
        column: None,
        field: None,
        message: format!("cannot read: {error}"),
    })?;
    // A UTF-8 byte order mark, as some editors write, is not part of the JSON.
    let bom = start.starts_with(&[0xEF, 0xBB, 0xBF]);
    let start = if bom { &start[3..] } else { start };
    if start.iter().find(|byte| !byte.is_ascii_whitespace()) != Some(&b'{') {
        return Err(FormatError {
            file: file.to_owned(),
            line: Some(1),
            column: Some(1),
            field: None,
            message: format!(
                "this is not a Kinora catalog: a catalog is a JSON object with \"format\": \"{FORMAT_NAME}\" and \"version\": {FORMAT_VERSION}"
            ),
        });
    }
    let counting = CountingReader {
        inner: buffered,
        line: 1,
        column: 1,
    };
    let mut stream = Stream {
        file,
        each,
        failure: None,
        defined: HashSet::new(),
        pending: HashMap::new(),
        references_seen: 0,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(counting);
    let mut track = serde_path_to_error::Track::new();
    let parsed = (&mut stream)
        .deserialize(serde_path_to_error::Deserializer::new(
            &mut deserializer,
            &mut track,
        ))
        .map_err(|error| {
            let path = track.path().to_string();
            (Some(path).filter(|path| path != "."), error)
        })
        .and_then(|()| deserializer.end().map_err(|error| (None, error)));
    set_read_position(None);
    if let Some(failure) = stream.failure.take() {
        return Err(failure);
    }
    parsed.map_err(|(field, inner)| FormatError {
        file: file.to_owned(),
        line: (inner.line() > 0).then_some(inner.line() as u64),
        column: (inner.column() > 0).then_some(inner.column() as u64),
        field,
        message: strip_position(&inner.to_string()),
    })?;
    let mut outside: Vec<(u64, OutsideReference)> = stream
        .pending
        .into_iter()
        .filter(|(key, _)| !stream.defined.contains(key))
        .map(|(_, first)| first)
        .collect();
    outside.sort_by_key(|(seen, _)| *seen);
    Ok(outside
        .into_iter()
        .map(|(_, reference)| reference)
        .collect())
}

/// serde_json appends " at line L column C"; the error shows it already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// The reading of one file: what was defined so far, and the references
/// to what was not (yet).
struct Stream<'f, F> {
    file: &'f str,
    each: F,
    /// The error `each` or a check gave, which stopped the reading.
    failure: Option<FormatError>,
    defined: HashSet<(EntityKind, EntityId)>,
    /// Each target referred to before it was defined (or never), first
    /// reference only, numbered in the order seen.
    pending: HashMap<(EntityKind, EntityId), (u64, OutsideReference)>,
    references_seen: u64,
}

const LISTS: &[&str] = &[
    "format",
    "version",
    "files",
    "sources",
    "companies",
    "people",
    "films",
    "albums",
    "venues",
    "events",
];

impl<F: FnMut(ReadItem) -> Result<(), FormatError>> Stream<'_, F> {
    /// Checks an entity read at `path` and hands it on.
    fn accept(
        &mut self,
        path: String,
        at: Option<Position>,
        entity: Entity,
    ) -> Result<(), FormatError> {
        let key = (entity.kind(), entity.id().clone());
        if self.defined.contains(&key) {
            return Err(FormatError::at(
                self.file,
                at,
                format!("{path}.id"),
                format!("{} `{}` is defined twice", key.0, key.1),
            ));
        }
        if let Err(problems) = entity.check() {
            let (field, message) = problems[0].split_once(": ").unwrap_or(("", &problems[0]));
            return Err(FormatError::at(
                self.file,
                at,
                format!("{path}.{field}"),
                message.to_owned(),
            ));
        }
        self.defined.insert(key);
        for Reference {
            path: field,
            kind,
            id,
            at,
        } in entity.references()
        {
            let target = (kind, id);
            if self.defined.contains(&target) || self.pending.contains_key(&target) {
                continue;
            }
            self.references_seen += 1;
            let reference = OutsideReference {
                field: format!("{path}.{field}"),
                kind,
                id: target.1.clone(),
                at,
            };
            self.pending
                .insert(target, (self.references_seen, reference));
        }
        (self.each)(ReadItem::Entity(ReadEntity { path, at, entity }))
    }

    /// Decodes a carried file, checks its bytes against its name, hands it on.
    fn accept_file(
        &mut self,
        path: String,
        at: Option<Position>,
        carried: CatalogFile,
    ) -> Result<(), FormatError> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(carried.data.as_bytes())
            .map_err(|error| {
                FormatError::at(
                    self.file,
                    at,
                    format!("{path}.data"),
                    format!("not base64: {error}"),
                )
            })?;
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        let named = FileHash::from_digest(&digest);
        if named != carried.file {
            return Err(FormatError::at(
                self.file,
                at,
                format!("{path}.file"),
                format!("the bytes are {named}, not {}", carried.file),
            ));
        }
        (self.each)(ReadItem::File(ReadFile {
            path,
            at,
            file: carried.file,
            media_type: carried.media_type,
            bytes,
        }))
    }
}

impl<'de, F: FnMut(ReadItem) -> Result<(), FormatError>> DeserializeSeed<'de>
    for &mut Stream<'_, F>
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(ReadItem) -> Result<(), FormatError>> Visitor<'de> for &mut Stream<'_, F> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a Kinora catalog")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(&field) = LISTS.iter().find(|name| **name == key) else {
                return Err(de::Error::unknown_field(&key, LISTS));
            };
            if !seen.insert(key) {
                return Err(de::Error::duplicate_field(field));
            }
            match field {
                "format" => {
                    map.next_value::<FormatName>()?;
                }
                "version" => {
                    map.next_value::<FormatVersion>()?;
                }
                "files" => map.next_value_seed(Files { stream: &mut *self })?,
                "sources" => map.next_value_seed(List::new(&mut *self, field, Entity::Source))?,
                "companies" => {
                    map.next_value_seed(List::new(&mut *self, field, Entity::Company))?
                }
                "people" => map.next_value_seed(List::new(&mut *self, field, Entity::Person))?,
                "films" => map.next_value_seed(List::new(&mut *self, field, Entity::Film))?,
                "albums" => map.next_value_seed(List::new(&mut *self, field, Entity::Album))?,
                "venues" => map.next_value_seed(List::new(&mut *self, field, Entity::Venue))?,
                _ => map.next_value_seed(List::new(&mut *self, field, Entity::Event))?,
            }
        }
        for required in ["format", "version"] {
            if !seen.contains(required) {
                return Err(de::Error::missing_field(required));
            }
        }
        Ok(())
    }
}

/// One list of a catalog (`films`), read an entity at a time.
struct List<'s, 'f, F, T> {
    stream: &'s mut Stream<'f, F>,
    name: &'static str,
    wrap: fn(T) -> Entity,
}

impl<'s, 'f, F, T> List<'s, 'f, F, T> {
    fn new(stream: &'s mut Stream<'f, F>, name: &'static str, wrap: fn(T) -> Entity) -> Self {
        List { stream, name, wrap }
    }
}

impl<'de, F, T> DeserializeSeed<'de> for List<'_, '_, F, T>
where
    F: FnMut(ReadItem) -> Result<(), FormatError>,
    T: Deserialize<'de>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F, T> Visitor<'de> for List<'_, '_, F, T>
where
    F: FnMut(ReadItem) -> Result<(), FormatError>,
    T: Deserialize<'de>,
{
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "a list of {}", self.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while let Some(item) = seq.next_element::<Located<T>>()? {
            let path = format!("{}[{index}]", self.name);
            if let Err(failure) = self.stream.accept(path, item.at, (self.wrap)(item.value)) {
                self.stream.failure = Some(failure);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

/// The `files` list, read a file at a time.
struct Files<'s, 'f, F> {
    stream: &'s mut Stream<'f, F>,
}

impl<'de, F: FnMut(ReadItem) -> Result<(), FormatError>> DeserializeSeed<'de> for Files<'_, '_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(ReadItem) -> Result<(), FormatError>> Visitor<'de> for Files<'_, '_, F> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a list of files")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while let Some(item) = seq.next_element::<Located<CatalogFile>>()? {
            let path = format!("files[{index}]");
            if let Err(failure) = self.stream.accept_file(path, item.at, item.value) {
                self.stream.failure = Some(failure);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
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

/// Parses one entity of a known kind from JSON text, as the API receives it.
pub fn parse_entity<T: DeserializeOwned>(text: &str) -> Result<T, FormatError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        FormatError {
            file: "request body".to_owned(),
            line: Some(inner.line() as u64),
            column: Some(inner.column() as u64),
            field: (path != ".").then_some(path),
            message: strip_position(&inner.to_string()),
        }
    })
}

/// Parses an entity tagged with its `type`, as an editor's document is, with
/// the path of the field that is wrong: the tag is read first, then the
/// document as that kind (an internally tagged enum would lose the path).
pub fn parse_tagged_entity(text: &str) -> Result<Entity, FormatError> {
    let error = |field: Option<String>, message: String| FormatError {
        file: "document".to_owned(),
        line: None,
        column: None,
        field,
        message,
    };
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| error(None, strip_position(&e.to_string())))?;
    let kind = value
        .as_object_mut()
        .and_then(|object| object.remove("type"))
        .and_then(|kind| kind.as_str().and_then(EntityKind::parse))
        .ok_or_else(|| {
            error(
                Some("type".into()),
                "give the entity's kind: film, person, company, album, source, venue or event"
                    .into(),
            )
        })?;
    fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, FormatError> {
        serde_path_to_error::deserialize(value).map_err(|error| {
            let path = error.path().to_string();
            FormatError {
                file: "document".to_owned(),
                line: None,
                column: None,
                field: (path != ".").then_some(path),
                message: strip_position(&error.into_inner().to_string()),
            }
        })
    }
    Ok(match kind {
        EntityKind::Film => Entity::Film(read(value)?),
        EntityKind::Person => Entity::Person(read(value)?),
        EntityKind::Company => Entity::Company(read(value)?),
        EntityKind::Album => Entity::Album(read(value)?),
        EntityKind::Source => Entity::Source(read(value)?),
        EntityKind::Venue => Entity::Venue(read(value)?),
        EntityKind::Event => Entity::Event(read(value)?),
    })
}
