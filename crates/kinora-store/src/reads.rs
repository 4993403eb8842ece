//! Reading entities: one or many by key, lists by kind, the entities that
//! refer to one, counts.

use std::collections::{BTreeMap, HashMap, HashSet};

use kinora_core::model::{Entity, Source};
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::decode::{document_of, entity_of_row, id_of, key_of, kind_of, path_of, summary_of};
use crate::sql::key_list;
use crate::{Lookup, Referrer, Result, Store, StoreError, Summary, built_from};

/// An entity found by its id in another catalog, with the digest an
/// import noted of it (see `Digests`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub kind: EntityKind,
    pub id: EntityId,
    pub digest: Option<i64>,
}

impl Store {
    pub async fn lookup(&self, kind: EntityKind, id: &EntityId) -> Result<Lookup> {
        built_from::note(kind, id.as_str());
        // The last change is read in the same statement as the document,
        // so the two agree: a base read apart could be newer than the
        // document, and a save from it would overwrite what came between.
        let row = sqlx::query(
            "select doc, redirect_to, (select coalesce(max(d.change_id), 0) from edit d \
             where d.kind = e.kind and d.entity_id = e.id) as last_change \
             from entity e where e.kind = $1 and e.id = $2",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(Lookup::Missing);
        };
        let doc: Option<String> = row.try_get("doc")?;
        let redirect: Option<String> = row.try_get("redirect_to")?;
        match (doc, redirect) {
            (Some(doc), _) => Ok(Lookup::Present {
                entity: document_of(kind, doc)?,
                last_change: row.try_get("last_change")?,
            }),
            (None, Some(_)) => Ok(Lookup::Redirect {
                to: id_of(&row, "redirect_to")?,
            }),
            (None, None) => Ok(Lookup::Missing),
        }
    }

    /// The entity, or `NotFound` (redirects count as not found here).
    pub async fn get(&self, kind: EntityKind, id: &EntityId) -> Result<Entity> {
        match self.lookup(kind, id).await? {
            Lookup::Present { entity, .. } => Ok(entity),
            _ => Err(StoreError::NotFound {
                kind,
                id: id.clone(),
            }),
        }
    }

    /// Label and year of each given entity that exists, for showing references.
    pub async fn summaries(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<BTreeMap<(EntityKind, EntityId), Summary>> {
        let mut found = BTreeMap::new();
        for row in self.rows_for_keys("kind, id, label, year", keys).await? {
            let summary = summary_of(&row, kind_of(&row, "kind")?, "id")?;
            found.insert((summary.kind, summary.id.clone()), summary);
        }
        Ok(found)
    }

    /// The present entities among `keys`, in one round trip per few hundred.
    pub async fn get_many(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<BTreeMap<(EntityKind, EntityId), Entity>> {
        let mut found = BTreeMap::new();
        for row in self.rows_for_keys("kind, id, doc", keys).await? {
            found.insert(key_of(&row, "kind", "id")?, entity_of_row(&row)?);
        }
        Ok(found)
    }

    /// The entities that claim each of these ids of another catalog
    /// (`scheme` as written in the catalog format: `imdb`, `wikidata`).
    pub async fn find_external_ids(
        &self,
        scheme: &str,
        values: &[String],
    ) -> Result<BTreeMap<String, (EntityKind, EntityId)>> {
        Ok(self
            .find_imported(scheme, values)
            .await?
            .into_iter()
            .map(|(value, found)| (value, (found.kind, found.id)))
            .collect())
    }

    /// `find_external_ids`, with the digest an import noted of each entity
    /// (see `Digests`).
    pub async fn find_imported(
        &self,
        scheme: &str,
        values: &[String],
    ) -> Result<BTreeMap<String, Imported>> {
        let mut found = BTreeMap::new();
        for chunk in values.chunks(400) {
            let placeholders: Vec<String> = (0..chunk.len())
                .map(|index| format!("${}", index + 2))
                .collect();
            let sql = format!(
                "select value, kind, id, digest from external_id where scheme = $1 and value in ({}) order by kind, id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(scheme);
            for value in chunk {
                query = query.bind(value.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                let value: String = row.try_get("value")?;
                let (kind, id) = key_of(&row, "kind", "id")?;
                let digest: Option<i64> = row.try_get("digest")?;
                found.entry(value).or_insert(Imported { kind, id, digest });
            }
        }
        Ok(found)
    }

    /// Rows of present entities for many keys: `where (kind, id) in (…)`,
    /// searched in the index key by key (see `key_list`).
    pub(crate) async fn rows_for_keys(
        &self,
        columns: &str,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<sqlx::any::AnyRow>> {
        self.rows_by_keys(
            &format!("select {columns} from entity where doc is not null and (kind, id) in (KEYS)"),
            keys,
        )
        .await
    }

    /// Runs a statement whose `KEYS` stands for a list of entity keys, a
    /// few hundred keys at a time, each key once; returns every row.
    pub(crate) async fn rows_by_keys(
        &self,
        statement: &str,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<sqlx::any::AnyRow>> {
        let unique: Vec<&(EntityKind, EntityId)> = {
            let mut seen = HashSet::new();
            keys.iter().filter(|key| seen.insert(*key)).collect()
        };
        // Asked for, found or not: one created later changes the answer.
        if built_from::recording_now() {
            for (kind, id) in &unique {
                built_from::note(*kind, id.as_str());
            }
        }
        let mut rows = Vec::new();
        for chunk in unique.chunks(200) {
            let sql = statement.replace("KEYS", &key_list(self.dialect, chunk.len()));
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            rows.extend(query.fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }

    /// How many links point at each of the given entities (a person's
    /// credits, a source's citations): the popularity search ranks by.
    /// Entities nothing points at are left out.
    pub async fn incoming_counts(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), u64>> {
        let mut counts = HashMap::new();
        let rows = self
            .rows_by_keys(
                "select to_kind, to_id, count(*) as links from entity_link \
                 where (to_kind, to_id) in (KEYS) group by to_kind, to_id",
                keys,
            )
            .await?;
        for row in rows {
            let count: i64 = row.try_get("links")?;
            counts.insert(
                key_of(&row, "to_kind", "to_id")?,
                u64::try_from(count).unwrap_or(0),
            );
        }
        Ok(counts)
    }

    /// Present entities in the order of kind and id, `limit` at a time,
    /// after the entity `after` (None: from the start). For walking a whole
    /// catalog in bounded memory, as a reindex does.
    pub async fn scan(
        &self,
        after: Option<&(EntityKind, EntityId)>,
        limit: i64,
    ) -> Result<Vec<Entity>> {
        let (kind, id) = after
            .map(|(kind, id)| (kind.as_str(), id.as_str()))
            .unwrap_or(("", ""));
        let rows = sqlx::query(
            "select kind, doc from entity where doc is not null \
             and (kind > $1 or (kind = $1 and id > $2)) order by kind, id limit $3",
        )
        .bind(kind)
        .bind(id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entity_of_row).collect()
    }

    /// The number of the newest change, 0 in a store without any.
    pub async fn last_change(&self) -> Result<i64> {
        let row = sqlx::query("select coalesce(max(id), 0) from change")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Which of the given entities do not exist (redirected ones do not count).
    pub async fn missing(
        &self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<Vec<(EntityKind, EntityId)>> {
        let present = self.summaries(keys).await?;
        Ok(keys
            .iter()
            .filter(|key| !present.contains_key(key))
            .cloned()
            .collect())
    }

    /// Entities of a kind, by label.
    pub async fn list(&self, kind: EntityKind, limit: i64, offset: i64) -> Result<Vec<Summary>> {
        self.listing(kind, "sort_label, id", limit, offset).await
    }

    /// Entities of a kind in an order (a fixed SQL `order by` list), a page
    /// of them: `select id, label, year`, the same for every listing.
    pub(crate) async fn listing(
        &self,
        kind: EntityKind,
        order: &'static str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Summary>> {
        let rows = sqlx::query(&format!(
            "select id, label, year from entity where kind = $1 and doc is not null \
             order by {order} limit $2 offset $3"
        ))
        .bind(kind.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| summary_of(row, kind, "id")).collect()
    }

    /// Articles (news, press releases, blog posts), newest year first, at
    /// most `limit`. A source's kind is the second field of its stored
    /// document, so it is matched in the text, the same on both stores.
    pub async fn articles(&self, limit: i64) -> Result<Vec<Source>> {
        let rows = sqlx::query(
            "select kind, doc from entity where kind = 'source' and doc is not null \
             and (doc like '%\"kind\":\"news\"%' or doc like '%\"kind\":\"press_release\"%' \
             or doc like '%\"kind\":\"blog\"%') \
             order by year desc, id limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut articles = Vec::with_capacity(rows.len());
        for row in &rows {
            if let Entity::Source(source) = entity_of_row(row)?
                && source.kind.is_article()
            {
                articles.push(source);
            }
        }
        Ok(articles)
    }

    /// Every name and title of the entities of these kinds, for finding
    /// them in a text: read from the documents, as the search index reads
    /// them (no table keeps them twice).
    pub async fn all_names(
        &self,
        kinds: &[EntityKind],
    ) -> Result<Vec<(EntityKind, EntityId, String)>> {
        let mut names = Vec::new();
        for kind in kinds {
            let rows = sqlx::query(
                "select kind, doc from entity where kind = $1 and doc is not null order by id",
            )
            .bind(kind.as_str())
            .fetch_all(&self.pool)
            .await?;
            for row in &rows {
                let entity = entity_of_row(row)?;
                for name in entity.findable_names() {
                    names.push((*kind, entity.id().clone(), name.text));
                }
            }
        }
        Ok(names)
    }

    pub async fn count(&self, kind: EntityKind) -> Result<i64> {
        // Every row of the kind less its redirects: both counted in an index
        // (by sort label, and the partial one of redirects), not by reading
        // every document, which takes a minute per kind at IMDb's size.
        let row = sqlx::query(
            "select (select count(*) from entity where kind = $1) \
             - (select count(*) from entity where kind = $1 and redirect_to is not null)",
        )
        .bind(kind.as_str())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Every present entity, ordered by kind and id.
    pub async fn all_entities(&self) -> Result<Vec<Entity>> {
        let rows =
            sqlx::query("select kind, doc from entity where doc is not null order by kind, id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(entity_of_row).collect()
    }

    /// The entities that refer to this one, with the field that does.
    /// At most `limit` of them, by the referring entity's kind and id (the
    /// order of the index, so that a source cited a million times answers
    /// as fast as one cited once).
    pub async fn referrers(
        &self,
        kind: EntityKind,
        id: &EntityId,
        limit: i64,
    ) -> Result<Vec<Referrer>> {
        let rows = sqlx::query(
            "select l.from_kind, l.from_id, l.path, e.label, e.year from entity_link l \
             join entity e on e.kind = l.from_kind and e.id = l.from_id \
             where l.to_kind = $1 and l.to_id = $2 order by l.from_kind, l.from_id, l.path limit $3",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        built_from::note_links(kind, id.as_str());
        rows.iter().map(referrer_of).collect()
    }

    /// The references to an entity, as `referrers` gives them, and the
    /// whole documents of the first `documents` entities that make them,
    /// in one statement.
    pub async fn referrers_with_documents(
        &self,
        kind: EntityKind,
        id: &EntityId,
        limit: i64,
        documents: i64,
    ) -> Result<(Vec<Referrer>, Vec<Entity>)> {
        let rows = sqlx::query(
            "select from_kind, from_id, path, label, year, \
               case when entity_rank <= $4 and path_rank = 1 then doc end as doc from ( \
               select l.from_kind, l.from_id, l.path, e.label, e.year, e.doc, \
                 dense_rank() over (order by l.from_kind, l.from_id) as entity_rank, \
                 row_number() over (partition by l.from_kind, l.from_id order by l.path) as path_rank \
               from entity_link l join entity e on e.kind = l.from_kind and e.id = l.from_id \
               where l.to_kind = $1 and l.to_id = $2 \
             ) ranked order by from_kind, from_id, path limit $3",
        )
        .bind(kind.as_str())
        .bind(id.as_str())
        .bind(limit)
        .bind(documents)
        .fetch_all(&self.pool)
        .await?;
        built_from::note_links(kind, id.as_str());
        let mut referrers = Vec::with_capacity(rows.len());
        let mut entities = Vec::new();
        for row in rows {
            let referrer = referrer_of(&row)?;
            if let Some(doc) = row.try_get::<Option<String>, _>("doc")? {
                entities.push(document_of(referrer.from.kind, doc)?);
            }
            referrers.push(referrer);
        }
        Ok((referrers, entities))
    }

    /// How many references point at an entity.
    pub async fn count_referrers(&self, kind: EntityKind, id: &EntityId) -> Result<i64> {
        built_from::note_links(kind, id.as_str());
        let row = sqlx::query("select count(*) from entity_link where to_kind = $1 and to_id = $2")
            .bind(kind.as_str())
            .bind(id.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}

/// A reference from a row's `from_kind`, `from_id`, `path`, `label` and
/// `year` columns.
fn referrer_of(row: &sqlx::any::AnyRow) -> Result<Referrer> {
    let referrer = Referrer {
        from: summary_of(row, kind_of(row, "from_kind")?, "from_id")?,
        path: path_of(row, "path")?,
    };
    built_from::note(referrer.from.kind, referrer.from.id.as_str());
    Ok(referrer)
}
