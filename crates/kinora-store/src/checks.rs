//! What every write is checked against before it commits: no reference
//! to an entity the store lacks, no picture naming a file it lacks or
//! giving that file another size.

use std::collections::{HashMap, HashSet};

use kinora_core::image::{FileHash, Image};
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind, Reference};
use sqlx::Row;

use crate::decode::key_of;
use crate::sql::{KEYS_PER_STATEMENT, key_list};
use crate::{Dialect, Result, StoreError, Tx};

/// Refuses to commit a reference to an entity that is missing or merged
/// away, with a message that names both ends. `links` holds what each
/// entity the change wrote refers to, as written last: their targets are
/// looked up by key, a few hundred a statement, so a batch of thousands of
/// entities costs a few primary-key reads, not a scan of the links table.
/// `gone` are the entities the change removed or merged away: the links
/// that still point at them are looked up by target. This check is what
/// keeps every link pointing at a present entity (`entity_link` has no
/// foreign key since migration 17): it names the reference that would
/// cross the line, and also refuses a reference to a merged entity.
pub(crate) async fn check_links(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    links: &HashMap<(EntityKind, EntityId), Vec<Reference>>,
    gone: &HashSet<(EntityKind, EntityId)>,
) -> Result<()> {
    let targets: Vec<(EntityKind, &EntityId)> = links
        .values()
        .flatten()
        .map(|reference| (reference.kind, &reference.id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // The targets that are present; a merged one maps to its survivor.
    let mut present: HashSet<(EntityKind, &EntityId)> = HashSet::with_capacity(targets.len());
    let mut merged: HashMap<(EntityKind, &EntityId), String> = HashMap::new();
    for chunk in targets.chunks(KEYS_PER_STATEMENT) {
        // PostgreSQL: each target stays locked against a delete or a merge
        // until this change commits, as a foreign key would keep it, so a
        // concurrent writer's check of the links into what it removes sees
        // this change's links.
        let sql = format!(
            "select kind, id, redirect_to from entity where (kind, id) in ({}){}",
            key_list(dialect, chunk.len()),
            match dialect {
                Dialect::Sqlite => "",
                Dialect::Postgres => " order by kind, id for share",
            }
        );
        let mut query = sqlx::query(&sql);
        for (kind, id) in chunk {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        let rows = query.fetch_all(&mut **tx).await?;
        let by_key: HashMap<(EntityKind, &str), &(EntityKind, &EntityId)> = chunk
            .iter()
            .map(|key| ((key.0, key.1.as_str()), key))
            .collect();
        for row in &rows {
            let (kind, id) = key_of(row, "kind", "id")?;
            let Some(&&key) = by_key.get(&(kind, id.as_str())) else {
                continue;
            };
            match row.try_get::<Option<String>, _>("redirect_to")? {
                Some(survivor) => {
                    merged.insert(key, survivor);
                }
                None => {
                    present.insert(key);
                }
            }
        }
    }
    if present.len() < targets.len() {
        // The first dangling reference, in the order of the referrers' keys,
        // so that the message does not depend on a hash's order.
        let mut referrers: Vec<&(EntityKind, EntityId)> = links.keys().collect();
        referrers.sort();
        for (from_kind, from_id) in referrers {
            for reference in &links[&(*from_kind, from_id.clone())] {
                let key = (reference.kind, &reference.id);
                if present.contains(&key) {
                    continue;
                }
                let why = match merged.get(&key) {
                    Some(survivor) => format!("it was merged into `{survivor}`"),
                    None => "it does not exist".to_owned(),
                };
                return Err(StoreError::Invalid(format!(
                    "{from_kind} `{from_id}` field `{}` refers to {} `{}`, but {why}",
                    reference.path, reference.kind, reference.id
                )));
            }
        }
    }
    let gone: Vec<&(EntityKind, EntityId)> = gone.iter().collect();
    for chunk in gone.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "select l.from_kind, l.from_id, l.path, l.to_kind, l.to_id, e.redirect_to from entity_link l \
             left join entity e on e.kind = l.to_kind and e.id = l.to_id \
             where (l.to_kind, l.to_id) in ({}) and (e.id is null or e.doc is null) limit 1",
            key_list(dialect, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for (kind, id) in chunk {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        report_dangling(query.fetch_optional(&mut **tx).await?)?;
    }
    Ok(())
}

pub(crate) fn report_dangling(dangling: Option<sqlx::any::AnyRow>) -> Result<()> {
    if let Some(row) = dangling {
        let from_kind: String = row.try_get("from_kind")?;
        let from_id: String = row.try_get("from_id")?;
        let path: String = row.try_get("path")?;
        let to_kind: String = row.try_get("to_kind")?;
        let to_id: String = row.try_get("to_id")?;
        let redirect: Option<String> = row.try_get("redirect_to")?;
        let why = match redirect {
            Some(survivor) => format!("it was merged into `{survivor}`"),
            None => "it does not exist".to_owned(),
        };
        return Err(StoreError::Invalid(format!(
            "{from_kind} `{from_id}` field `{path}` refers to {to_kind} `{to_id}`, but {why}"
        )));
    }
    Ok(())
}

/// Refuses entities whose pictures name a file the store lacks, or give it
/// another size than the file has.
pub(crate) async fn check_pictures(tx: &mut Tx<'_>, entities: &[&Entity]) -> Result<()> {
    let named: Vec<(&Entity, usize, &Image)> = entities
        .iter()
        .flat_map(|entity| {
            entity
                .images()
                .iter()
                .enumerate()
                .map(move |(index, image)| (*entity, index, image))
        })
        .collect();
    if named.is_empty() {
        return Ok(());
    }
    let mut files: Vec<FileHash> = named
        .iter()
        .map(|(_, _, image)| image.file.clone())
        .collect();
    files.sort();
    files.dedup();
    let known = sizes(&mut **tx, &files).await?;
    for (entity, index, image) in named {
        let place = format!("{} `{}`: images[{index}]", entity.kind(), entity.id());
        match known.get(&image.file) {
            None => {
                return Err(StoreError::Invalid(format!(
                    "{place}.file: the store has no picture `{}`; add the file first",
                    image.file
                )));
            }
            Some(&(width, height)) if (width, height) != (image.width, image.height) => {
                return Err(StoreError::Invalid(format!(
                    "{place}.width: the picture is {width}×{height} pixels, not {}×{}",
                    image.width, image.height
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub(crate) async fn sizes<C>(
    conn: &mut C,
    files: &[FileHash],
) -> Result<HashMap<FileHash, (u32, u32)>>
where
    for<'c> &'c mut C: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let mut found = HashMap::new();
    for chunk in files.chunks(FILES_PER_STATEMENT) {
        let list: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "select file, width, height from picture where file in ({})",
            list.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for file in chunk {
            query = query.bind(file.as_str());
        }
        for row in query.fetch_all(&mut *conn).await? {
            let file: String = row.try_get("file")?;
            found.insert(
                FileHash::parse(&file).map_err(StoreError::Invalid)?,
                (
                    dimension(row.try_get("width")?)?,
                    dimension(row.try_get("height")?)?,
                ),
            );
        }
    }
    Ok(found)
}

/// How many files one statement looks up.
const FILES_PER_STATEMENT: usize = 200;

/// A picture's side in pixels, as the store keeps it.
pub(crate) fn dimension(value: i64) -> Result<u32> {
    u32::try_from(value).map_err(|_| StoreError::Invalid(format!("{value} is not a picture size")))
}
