//! One entity read from JSON text on its own, as the API receives it or an
//! editor's document holds it, with the path of the field that is wrong.

use kinora_core::EntityKind;
use kinora_core::model::Entity;
use serde::de::DeserializeOwned;

use super::FormatError;
use super::stream::strip_position;

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
