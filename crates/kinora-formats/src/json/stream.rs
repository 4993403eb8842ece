//! A catalog read as a stream: one item at a time, each checked and handed
//! on as soon as it is read, with the line and column it was read at.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, Read};

use base64::Engine;
use kinora_core::id::{Position, set_read_position};
use kinora_core::image::FileHash;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind, Reference};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use sha2::{Digest, Sha256};

use super::{
    CatalogFile, FORMAT_NAME, FORMAT_VERSION, FormatError, FormatName, FormatVersion, Located,
    OutsideReference, ReadEntity, ReadFile, ReadItem,
};

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
    if bom {
        // Dropped before the JSON reader sees it (it would refuse it).
        buffered.consume(3);
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
pub(super) fn strip_position(message: &str) -> String {
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
