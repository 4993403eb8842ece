//! Pictures' bytes, kept in the database so that every instance on one
//! database serves every picture, and entity edits that add or remove a
//! picture (`Store::update`). A picture's file is written once, named by
//! its hash; a write that refers to a file the store lacks is refused.

use std::collections::HashMap;

use kinora_core::image::FileHash;
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::checks::{dimension, sizes};
use crate::put::Put;
use crate::write::Writer;
use crate::{ChangeMeta, Result, State, Store, StoreError, Tx, now};

/// A picture's original (without its metadata) and its resized copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPicture {
    pub file: FileHash,
    pub media_type: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    pub variants: Vec<StoredVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVariant {
    pub width: u32,
    pub height: u32,
    /// `webp` or `jpg`.
    pub encoding: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Keeps a picture's bytes; a file the store has already is left as it is.
    pub async fn save_picture(&self, picture: &StoredPicture) -> Result<()> {
        self.retrying(|| async {
            let mut tx: Tx<'_> = self.begin_write().await?.into();
            insert_picture(&mut tx, picture).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// A resized copy's bytes.
    pub async fn picture_variant(
        &self,
        file: &FileHash,
        width: u32,
        encoding: &str,
    ) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query(
            "select bytes from picture_variant where file = $1 and width = $2 and encoding = $3",
        )
        .bind(file.as_str())
        .bind(i64::from(width))
        .bind(encoding)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(row) => Some(row.try_get(0)?),
            None => None,
        })
    }

    /// The pictures the store keeps, in the order of their names, after
    /// `after`: a page of them with their copies, for a copy or an export.
    pub async fn pictures_after(
        &self,
        after: Option<&FileHash>,
        limit: i64,
    ) -> Result<Vec<StoredPicture>> {
        let rows = sqlx::query(
            "select file, media_type, width, height, bytes from picture where file > $1 order by file limit $2",
        )
        .bind(after.map_or("", FileHash::as_str))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut pictures = Vec::with_capacity(rows.len());
        for row in rows {
            let file: String = row.try_get("file")?;
            let file = FileHash::parse(&file).map_err(StoreError::Invalid)?;
            let variants = sqlx::query(
                "select width, height, encoding, bytes from picture_variant where file = $1 order by width, encoding",
            )
            .bind(file.as_str())
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|row| {
                Ok(StoredVariant {
                    width: dimension(row.try_get("width")?)?,
                    height: dimension(row.try_get("height")?)?,
                    encoding: row.try_get("encoding")?,
                    bytes: row.try_get("bytes")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
            pictures.push(StoredPicture {
                file,
                media_type: row.try_get("media_type")?,
                width: dimension(row.try_get("width")?)?,
                height: dimension(row.try_get("height")?)?,
                bytes: row.try_get("bytes")?,
                variants,
            });
        }
        Ok(pictures)
    }

    /// Which of these files the store keeps, with their sizes.
    pub async fn picture_sizes(&self, files: &[FileHash]) -> Result<HashMap<FileHash, (u32, u32)>> {
        let mut conn = self.pool.acquire().await?;
        sizes(&mut *conn, files).await
    }

    /// Changes one entity with `change`, in one change of its own, reading
    /// and writing it under the write lock so that no concurrent edit is
    /// lost. `change` says why it refuses (a 400's message). Returns the
    /// change's number, or `None` when the entity came out as it was.
    pub async fn update<F>(
        &self,
        kind: EntityKind,
        id: &EntityId,
        author: &str,
        summary: &str,
        change: F,
    ) -> Result<Option<i64>>
    where
        F: Fn(&mut Entity) -> std::result::Result<(), String>,
    {
        self.update_with_picture(kind, id, author, summary, None, change)
            .await
    }

    /// `update`, keeping a picture's bytes in the same transaction: a
    /// refused change keeps no file.
    pub async fn update_with_picture<F>(
        &self,
        kind: EntityKind,
        id: &EntityId,
        author: &str,
        summary: &str,
        picture: Option<&StoredPicture>,
        change: F,
    ) -> Result<Option<i64>>
    where
        F: Fn(&mut Entity) -> std::result::Result<(), String>,
    {
        let meta = ChangeMeta::new(author, summary, None);
        self.retrying(|| async {
            let mut writer = Writer::begin(self, meta.clone()).await?;
            if let Some(picture) = picture {
                insert_picture(&mut writer.tx, picture).await?;
            }
            let before = writer.load(kind, id).await?;
            let entity = match &before {
                State::Present(entity) => entity,
                State::Redirect(to) => {
                    return Err(StoreError::Conflict(format!(
                        "{kind} `{id}` was merged into `{to}`; edit `{to}` instead"
                    )));
                }
                State::Absent => {
                    return Err(StoreError::NotFound {
                        kind,
                        id: id.clone(),
                    });
                }
            };
            let mut changed = entity.clone();
            change(&mut changed).map_err(StoreError::Invalid)?;
            if let Err(problems) = changed.check() {
                return Err(StoreError::Invalid(problems.join("; ")));
            }
            if &changed == entity {
                return Ok(None);
            }
            writer
                .write(kind, id, &before, &State::Present(changed))
                .await?;
            writer.commit().await
        })
        .await
    }
}

impl Put<'_> {
    /// Keeps a picture's bytes as part of this change: rolled back with it.
    pub async fn save_picture(&mut self, picture: &StoredPicture) -> Result<()> {
        insert_picture(self.transaction(), picture).await
    }
}

async fn insert_picture(tx: &mut Tx<'_>, picture: &StoredPicture) -> Result<()> {
    let inserted = sqlx::query(
        "insert into picture (file, media_type, width, height, bytes, added_at) values ($1, $2, $3, $4, $5, $6) \
         on conflict (file) do nothing",
    )
    .bind(picture.file.as_str())
    .bind(&picture.media_type)
    .bind(i64::from(picture.width))
    .bind(i64::from(picture.height))
    .bind(&picture.bytes)
    .bind(now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(());
    }
    for variant in &picture.variants {
        sqlx::query(
            "insert into picture_variant (file, width, encoding, height, bytes) values ($1, $2, $3, $4, $5)",
        )
        .bind(picture.file.as_str())
        .bind(i64::from(variant.width))
        .bind(&variant.encoding)
        .bind(i64::from(variant.height))
        .bind(&variant.bytes)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
