//! What the catalog has already: IMDb ids resolved to the entities that
//! carry them, and an imported entity combined with the catalog's own, only
//! the facts that cite IMDb alone replaced.

use std::collections::HashMap;

use kinora_core::EntityId;
use kinora_core::model::Entity;
use kinora_store::Store;

use super::entities::SOURCE_ID;

/// Maps IMDb ids to the entities that already carry them, else to the id
/// itself (`tt1119191` is a valid Kinora id).
pub(super) async fn resolve_ids(
    store: &Store,
    ids: &[String],
) -> anyhow::Result<HashMap<String, EntityId>> {
    let found = store.find_external_ids("imdb", ids).await?;
    let mut resolved = HashMap::new();
    for id in ids {
        let entity = match found.get(id) {
            Some((_, entity)) => entity.clone(),
            None => EntityId::parse(id)?,
        };
        resolved.insert(id.clone(), entity);
    }
    Ok(resolved)
}

/// The entity as it should be after the import: the existing one's facts
/// that other sources state, and the imported facts. With no existing
/// entity, the imported one, with its first name or title preferred. None
/// when the catalog holds that already.
pub(super) fn combine(
    existing: Option<&Entity>,
    mut imported: Entity,
) -> anyhow::Result<Option<Entity>> {
    // The imported entity prefers its first name or title; where the
    // existing entity already prefers one of its own, that one stays.
    match &mut imported {
        Entity::Film(film) => {
            if let Some(first) = film.titles.first_mut() {
                first.preferred = true;
            }
        }
        Entity::Person(person) => {
            if let Some(first) = person.names.first_mut() {
                first.preferred = true;
            }
        }
        _ => {}
    }
    let Some(existing) = existing else {
        return Ok(Some(imported));
    };
    // A re-import's common case: an entity that only IMDb describes, and
    // that has not changed.
    if *existing == imported {
        return Ok(None);
    }
    let mut combined = existing.clone();
    let source = EntityId::parse(SOURCE_ID).expect("the IMDb source's id is valid");
    combined.replace_claims_of(&source, imported)?;
    Ok((combined != *existing).then_some(combined))
}
