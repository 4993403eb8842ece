//! The one write path: a transaction that records a change, sets each
//! entity's state, keeps the derived tables in step and checks every link
//! before it commits.

use std::collections::{BTreeSet, HashMap, HashSet};

use kinora_core::Reference;
use kinora_core::model::Entity;
use kinora_core::names::{fold, name_keys};
use kinora_core::{EntityId, EntityKind};
use sqlx::Row;

use crate::built_from::{links_topic, topic};
use crate::checks::{check_links, check_pictures};
use crate::decode::{key_of, state_of};
use crate::packed;
use crate::put::Digests;
use crate::rows::{Value, insert_rows};
use crate::sql::{KEYS_PER_STATEMENT, first_row, key_list, placeholders};
use crate::{ChangeMeta, Dialect, Result, State, Store, StoreError, Tx, now, screenings};

/// A transaction that records one change. Writing through it is the only
/// way entities change.
pub(crate) struct Writer<'c> {
    pub(crate) tx: Tx<'c>,
    pub(crate) dialect: Dialect,
    pub(crate) meta: ChangeMeta,
    pub(crate) change_id: Option<i64>,
    pub(crate) touched: Vec<(EntityKind, EntityId)>,
    /// What each entity the change wrote refers to, as written last.
    links: HashMap<(EntityKind, EntityId), Vec<Reference>>,
    /// The entities the change removed or merged away.
    gone: HashSet<(EntityKind, EntityId)>,
    /// Digests an import noted for the entities it writes.
    pub(crate) digests: Digests,
    /// The topics the change touches (`built_from`): the entities it
    /// writes and those they link to, before and after; None past
    /// `MOST_TOPICS`, when the change touches everything.
    topics: Option<BTreeSet<String>>,
}

/// The most topics a change notes; a larger change (an import) touches
/// everything, and the notes would cost more than they spare.
const MOST_TOPICS: usize = 2000;

impl<'c> Writer<'c> {
    pub(crate) async fn begin(store: &'c Store, meta: ChangeMeta) -> Result<Writer<'c>> {
        if meta.author.trim().is_empty() {
            return Err(StoreError::Invalid("every change needs an author".into()));
        }
        // SQLite: take the write lock at once, so that a second writer waits
        // (busy_timeout) instead of failing when it tries to upgrade a read.
        // PostgreSQL: read committed, with each entity read for update (see
        // `load`), so two writers of one entity take turns and neither
        // writes over the other's edit.
        let tx: Tx<'c> = match (&store.writers, store.dialect) {
            (Some(writers), _) => writers.begin().await?.into(),
            (None, Dialect::Sqlite) => store.pool.begin_with("begin immediate").await?.into(),
            (None, Dialect::Postgres) => store.pool.begin().await?.into(),
        };
        Ok(Writer {
            tx,
            dialect: store.dialect,
            meta,
            change_id: None,
            touched: Vec::new(),
            links: HashMap::new(),
            gone: HashSet::new(),
            digests: Digests::default(),
            topics: Some(BTreeSet::new()),
        })
    }

    /// The entity's state, locked until the end of the transaction.
    pub(crate) async fn load(&mut self, kind: EntityKind, id: &EntityId) -> Result<State> {
        load_state(&mut self.tx, kind, id, self.dialect == Dialect::Postgres).await
    }

    pub(crate) async fn referrers(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
    ) -> Result<Vec<(EntityKind, EntityId)>> {
        referrers_in(&mut self.tx, kind, id).await
    }

    /// The states of many entities, locked until the end of the transaction;
    /// an entity the store lacks is absent from the map.
    pub(crate) async fn load_many(
        &mut self,
        keys: &[(EntityKind, EntityId)],
    ) -> Result<HashMap<(EntityKind, EntityId), State>> {
        let mut states = HashMap::with_capacity(keys.len());
        let lock = if self.dialect == Dialect::Postgres {
            " order by kind, id for update"
        } else {
            ""
        };
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "select kind, id, doc, redirect_to from entity where (kind, id) in ({}){lock}",
                key_list(self.dialect, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for (kind, id) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str());
            }
            for row in query.fetch_all(&mut *self.tx).await? {
                let (kind, id) = key_of(&row, "kind", "id")?;
                let state = state_of(&row, kind)?;
                states.insert((kind, id), state);
            }
        }
        Ok(states)
    }

    /// Sets the noted digests of entities this change found unchanged.
    pub(crate) async fn set_digests_of(&mut self, keys: &[(EntityKind, EntityId)]) -> Result<()> {
        let rows: Vec<(&(EntityKind, EntityId), i64)> = keys
            .iter()
            .filter_map(|key| Some((key, *self.digests.digests.get(key)?)))
            .collect();
        for chunk in rows.chunks(KEYS_PER_STATEMENT) {
            let sql = format!(
                "update external_id set digest = v.column3 from (values {}) as v \
                 where external_id.kind = v.column1 and external_id.id = v.column2 \
                 and external_id.scheme = {}",
                placeholders(self.dialect, chunk.len(), 3, 0),
                match self.dialect {
                    Dialect::Sqlite => "?".to_owned(),
                    Dialect::Postgres => format!("${}", chunk.len() * 3 + 1),
                }
            );
            let mut query = sqlx::query(&sql);
            for ((kind, id), digest) in chunk {
                query = query.bind(kind.as_str()).bind(id.as_str()).bind(*digest);
            }
            query
                .bind(self.digests.scheme.as_str())
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }

    /// Checks references, commits, and returns the change, if anything changed.
    pub(crate) async fn commit(mut self) -> Result<Option<i64>> {
        check_links(&mut self.tx, self.dialect, &self.links, &self.gone).await?;
        screenings::rebuild(&mut self.tx, self.dialect, &self.touched).await?;
        if self.change_id.is_some() {
            // Last, so that PostgreSQL holds the clock's row lock only for
            // the commit (see migration 18).
            let clock: i64 = sqlx::query(
                "update store_clock set value = value + 1 where id = 1 returning value",
            )
            .fetch_one(&mut *self.tx)
            .await?
            .try_get(0)?;
            // What it touched, under the clock's new value; nothing noted
            // is everything (migration 19).
            if let Some(topics) = self.topics.take().filter(|topics| !topics.is_empty()) {
                let topics: Vec<String> = topics.into_iter().collect();
                insert_rows(
                    &mut self.tx,
                    self.dialect,
                    "store_touch",
                    &["clock", "topic"],
                    "",
                    &topics,
                    |topic, values| values.extend([Value::Int(clock), Value::Text(topic)]),
                )
                .await?;
            }
        }
        self.tx.commit().await?;
        Ok(self.change_id)
    }

    pub(crate) async fn commit_one(self) -> Result<i64> {
        let change = self.commit().await?;
        change.ok_or_else(|| StoreError::Invalid("nothing to change".into()))
    }

    /// Sets one entity's state; see `write_many`.
    pub(crate) async fn write(
        &mut self,
        kind: EntityKind,
        id: &EntityId,
        before: &State,
        after: &State,
    ) -> Result<()> {
        self.write_many(&[Edit {
            kind,
            id: id.clone(),
            before: before.clone(),
            after: after.clone(),
        }])
        .await
    }

    /// The one write path: sets the state of each entity, keeps the derived
    /// tables in step, and records each edit, in the same transaction. A
    /// batch is written with a few multi-row statements, not a few per
    /// entity, which is what makes imports of millions fast. When a batch
    /// edits one entity twice, each edit is recorded, and the entity ends in
    /// the last edit's state.
    pub(crate) async fn write_many(&mut self, edits: &[Edit]) -> Result<()> {
        if edits.is_empty() {
            return Ok(());
        }
        let change_id = match self.change_id {
            Some(change_id) => change_id,
            None => {
                let change_id = begin_change(&mut self.tx, &self.meta).await?;
                *self.change_id.insert(change_id)
            }
        };
        let finals = Final::of(edits);
        self.touched
            .extend(finals.iter().map(|entity| (entity.kind, entity.id.clone())));
        let present: Vec<&Entity> = finals
            .iter()
            .filter_map(|entity| match entity.after {
                State::Present(entity) => Some(entity),
                _ => None,
            })
            .collect();
        check_pictures(&mut self.tx, &present).await?;
        let dialect = self.dialect;
        let tx = &mut self.tx;
        let recorded = Recorded::of(edits)?;
        keep_states_of_current_edits(tx, dialect, &recorded).await?;
        // The derived rows of entities that existed are rebuilt, and those
        // now absent go.
        let existed: Vec<(EntityKind, &EntityId)> = finals
            .iter()
            .filter(|entity| !matches!(entity.before, State::Absent))
            .map(|entity| (entity.kind, entity.id))
            .collect();
        // What they linked to before: those pages showed them.
        let linked_before = match &self.topics {
            Some(topics) if topics.len() + existed.len() <= MOST_TOPICS => {
                linked_from(tx, dialect, &existed).await?
            }
            _ => Vec::new(),
        };
        for (table, columns) in [
            ("entity_key", "kind, id"),
            ("external_id", "kind, id"),
            ("entity_link", "from_kind, from_id"),
        ] {
            delete_keys(tx, dialect, table, columns, &existed).await?;
        }
        let removed: Vec<(EntityKind, &EntityId)> = finals
            .iter()
            .filter(|entity| {
                matches!(entity.after, State::Absent) && !matches!(entity.before, State::Absent)
            })
            .map(|entity| (entity.kind, entity.id))
            .collect();
        delete_keys(tx, dialect, "entity", "kind, id", &removed).await?;
        let derived = Derived::of(&finals, &self.digests)?;
        if let Some(topics) = &mut self.topics {
            topics.extend(
                finals
                    .iter()
                    .map(|entity| topic(entity.kind, entity.id.as_str())),
            );
            topics.extend(
                derived
                    .links
                    .iter()
                    .map(|(_, _, reference, _)| links_topic(reference.kind, reference.id.as_str())),
            );
            topics.extend(linked_before);
            if topics.len() > MOST_TOPICS {
                self.topics = None;
            }
        }
        for entity in &finals {
            let key = (entity.kind, entity.id.clone());
            self.links.remove(&key);
            if matches!(entity.after, State::Present(_)) {
                self.gone.remove(&key);
            } else if !matches!(entity.before, State::Absent) {
                self.gone.insert(key);
            }
        }
        for (kind, id, reference, _) in &derived.links {
            self.links
                .entry((*kind, (*id).clone()))
                .or_default()
                .push(reference.clone());
        }
        derived.insert(tx, dialect).await?;
        insert_rows(
            tx,
            dialect,
            "edit",
            &[
                "change_id",
                "kind",
                "entity_id",
                "action",
                "before_state",
                "after_state",
                "after_is_current",
            ],
            "",
            &recorded,
            |row, values| {
                values.extend([
                    Value::Int(change_id),
                    Value::Text(row.edit.kind.as_str()),
                    Value::Text(row.edit.id.as_str()),
                    Value::Text(row.action),
                    Value::MaybeText(row.before.as_deref()),
                    Value::MaybeText(row.after.as_deref()),
                    Value::Int(i64::from(row.current)),
                ]);
            },
        )
        .await
    }
}

/// The topics of the links to the entities these entities link to now.
async fn linked_from(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    keys: &[(EntityKind, &EntityId)],
) -> Result<Vec<String>> {
    let mut topics = Vec::new();
    for chunk in keys.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "select distinct to_kind, to_id from entity_link where (from_kind, from_id) in ({})",
            key_list(dialect, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for (kind, id) in chunk {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            let (kind, id) = key_of(&row, "to_kind", "to_id")?;
            topics.push(links_topic(kind, id.as_str()));
        }
    }
    Ok(topics)
}

/// One entity of a batch: its state before the batch and after it.
struct Final<'e> {
    kind: EntityKind,
    id: &'e EntityId,
    before: &'e State,
    after: &'e State,
}

impl<'e> Final<'e> {
    /// Each entity the edits touch, once, in the order first edited.
    fn of(edits: &'e [Edit]) -> Vec<Final<'e>> {
        let mut finals: Vec<Final<'e>> = Vec::new();
        let mut position: HashMap<(EntityKind, &EntityId), usize> = HashMap::new();
        for edit in edits {
            match position.get(&(edit.kind, &edit.id)) {
                Some(&index) => finals[index].after = &edit.after,
                None => {
                    position.insert((edit.kind, &edit.id), finals.len());
                    finals.push(Final {
                        kind: edit.kind,
                        id: &edit.id,
                        before: &edit.before,
                        after: &edit.after,
                    });
                }
            }
        }
        finals
    }
}

/// An edit as the log records it.
struct Recorded<'e> {
    edit: &'e Edit,
    action: &'static str,
    before: Option<String>,
    /// None when `current`.
    after: Option<String>,
    /// The entity's last edit while it stays in the store: its state after
    /// is "as the entity stands", not a copy.
    current: bool,
}

impl<'e> Recorded<'e> {
    fn of(edits: &'e [Edit]) -> Result<Vec<Recorded<'e>>> {
        let mut last: HashMap<(EntityKind, &EntityId), usize> = HashMap::new();
        for (index, edit) in edits.iter().enumerate() {
            last.insert((edit.kind, &edit.id), index);
        }
        let mut recorded = Vec::with_capacity(edits.len());
        for (index, edit) in edits.iter().enumerate() {
            let current = last.get(&(edit.kind, &edit.id)) == Some(&index)
                && !matches!(edit.after, State::Absent);
            let action = match (&edit.before, &edit.after) {
                (State::Absent, _) => "create",
                (_, State::Absent) => "delete",
                (_, State::Redirect(_)) => "redirect",
                (State::Redirect(_), State::Present(_)) => "restore",
                _ => "update",
            };
            let after = if current {
                None
            } else {
                edit.after.to_json_text()?
            };
            recorded.push(Recorded {
                edit,
                action,
                before: edit.before.to_json_text()?,
                after,
                current,
            });
        }
        Ok(recorded)
    }
}

/// The earlier last edits of these entities said "as the entity stands";
/// before it changes, they get that state written out: the state before the
/// first edit of each in this batch.
async fn keep_states_of_current_edits(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    recorded: &[Recorded<'_>],
) -> Result<()> {
    let mut first_seen = HashSet::new();
    let previous: Vec<&Recorded<'_>> = recorded
        .iter()
        .filter(|row| first_seen.insert((row.edit.kind, &row.edit.id)))
        .filter(|row| !matches!(row.edit.before, State::Absent))
        .collect();
    for chunk in previous.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "update edit set after_state = v.column3, after_is_current = 0 \
             from (values {}) as v \
             where edit.kind = v.column1 and edit.entity_id = v.column2 and edit.after_is_current = 1",
            placeholders(dialect, chunk.len(), 3, 0)
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = query
                .bind(row.edit.kind.as_str())
                .bind(row.edit.id.to_string())
                .bind(row.before.clone());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The rows an entity's state gives: its own, and the derived ones its
/// names, external ids and references give.
#[derive(Default)]
struct Derived<'e> {
    rows: Vec<EntityRow<'e>>,
    keys: Vec<KeyRow<'e>>,
    externals: Vec<(&'static str, String, EntityKind, &'e EntityId, Option<i64>)>,
    links: Vec<(EntityKind, &'e EntityId, Reference, String)>,
}

impl<'e> Derived<'e> {
    fn of(finals: &[Final<'e>], digests: &Digests) -> Result<Derived<'e>> {
        let mut derived = Derived::default();
        for entity in finals {
            let (kind, id) = (entity.kind, entity.id);
            let label_of = |state: &State| match state {
                State::Present(entity) => Some((entity.label(), entity.year())),
                _ => None,
            };
            let (doc, redirect) = match entity.after {
                State::Absent => continue,
                State::Present(entity) => {
                    (Some(packed::pack(kind, entity.to_untagged_json()?)?), None)
                }
                State::Redirect(to) => (None, Some(to.to_string())),
            };
            let (label, year) = label_of(entity.after)
                .or_else(|| label_of(entity.before))
                .unwrap_or((id.to_string(), None));
            derived.rows.push(EntityRow {
                kind,
                id,
                created: matches!(entity.before, State::Absent),
                doc,
                redirect,
                sort_label: fold(&label),
                label,
                year: year.map(i64::from),
            });
            let State::Present(entity) = entity.after else {
                continue;
            };
            for name in entity.findable_names() {
                for key in name_keys(&name.text) {
                    derived.keys.push((kind, id, name.text.clone(), key));
                }
            }
            for external in entity.external_ids() {
                let scheme = external.scheme.as_str();
                let digest = (scheme == digests.scheme)
                    .then(|| digests.digests.get(&(kind, id.clone())).copied())
                    .flatten();
                derived
                    .externals
                    .push((scheme, external.value.clone(), kind, id, digest));
            }
            // One citation link per cited source is enough for integrity and
            // for finding the entities that cite a source (which claims cite
            // it is read from the document); other references keep a row per
            // field, so that a person credited twice in a film is listed
            // twice.
            let mut cited = HashSet::new();
            for reference in entity.references() {
                if reference.path.is_citation()
                    && !cited.insert((reference.kind, reference.id.clone()))
                {
                    continue;
                }
                let path = reference.path.to_string();
                derived.links.push((kind, id, reference, path));
            }
        }
        Ok(derived)
    }

    async fn insert(self, tx: &mut Tx<'_>, dialect: Dialect) -> Result<()> {
        let at = now();
        // An entity this change creates is inserted, never upserted: when
        // another writer created it first (PostgreSQL, where an absent row
        // cannot be locked), the insert fails as a unique violation and the
        // whole write is tried again, finding it, instead of writing over
        // it as an edit whose state before is "absent".
        let (created, updated): (Vec<&EntityRow<'_>>, Vec<&EntityRow<'_>>) =
            self.rows.iter().partition(|row| row.created);
        for (rows, tail) in [
            (created, ""),
            (
                updated,
                "on conflict (kind, id) do update set doc = excluded.doc, redirect_to = excluded.redirect_to, \
                 label = excluded.label, sort_label = excluded.sort_label, year = excluded.year, \
                 version = entity.version + 1, updated_at = excluded.updated_at",
            ),
        ] {
            insert_rows(
                tx,
                dialect,
                "entity",
                &[
                    "kind",
                    "id",
                    "doc",
                    "redirect_to",
                    "label",
                    "sort_label",
                    "year",
                    "version",
                    "created_at",
                    "updated_at",
                ],
                tail,
                &rows,
                |row, values| {
                    values.extend([
                        Value::Text(row.kind.as_str()),
                        Value::Text(row.id.as_str()),
                        Value::MaybeText(row.doc.as_deref()),
                        Value::MaybeText(row.redirect.as_deref()),
                        Value::Text(&row.label),
                        Value::Text(&row.sort_label),
                        Value::MaybeInt(row.year),
                        Value::Int(1),
                        Value::Text(&at),
                        Value::Text(&at),
                    ]);
                },
            )
            .await?;
        }
        insert_keys(tx, dialect, &self.keys).await?;
        insert_rows(
            tx,
            dialect,
            "external_id",
            &["scheme", "value", "kind", "id", "digest"],
            "",
            &self.externals,
            |(scheme, value, kind, id, digest), values| {
                values.extend([
                    Value::Text(scheme),
                    Value::Text(value),
                    Value::Text(kind.as_str()),
                    Value::Text(id.as_str()),
                    Value::MaybeInt(*digest),
                ]);
            },
        )
        .await?;
        insert_rows(
            tx,
            dialect,
            "entity_link",
            &["from_kind", "from_id", "path", "to_kind", "to_id"],
            "",
            &self.links,
            |(kind, id, reference, path), values| {
                values.extend([
                    Value::Text(kind.as_str()),
                    Value::Text(id.as_str()),
                    Value::Text(path),
                    Value::Text(reference.kind.as_str()),
                    Value::Text(reference.id.as_str()),
                ]);
            },
        )
        .await
    }
}

/// An entity's row as the edit log writes states: its document tagged with
/// its kind (`{"type": "film", …}`), or `{"redirect_to": id}`.
pub(crate) fn current_state(
    kind: &str,
    doc: Option<String>,
    redirect: Option<String>,
) -> Result<serde_json::Value> {
    match (doc, redirect) {
        (Some(doc), _) => {
            let doc = crate::packed::unpack(doc)?;
            let serde_json::Value::Object(fields) = serde_json::from_str(&doc)? else {
                return Err(StoreError::Invalid(format!(
                    "the stored {kind} is not a JSON object"
                )));
            };
            let mut tagged = serde_json::Map::with_capacity(fields.len() + 1);
            tagged.insert("type".into(), serde_json::Value::String(kind.to_owned()));
            tagged.extend(fields);
            Ok(serde_json::Value::Object(tagged))
        }
        (None, Some(to)) => Ok(serde_json::json!({ "redirect_to": to })),
        (None, None) => Err(StoreError::Invalid(format!(
            "an edit of a {kind} says its state is the current one, but the {kind} is gone"
        ))),
    }
}

/// Rows of `entity_key`: an entity, one of its names, and a key it is found
/// under.
pub(crate) type KeyRow<'a> = (EntityKind, &'a EntityId, String, String);

pub(crate) async fn insert_keys(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    keys: &[KeyRow<'_>],
) -> Result<()> {
    insert_rows(
        tx,
        dialect,
        "entity_key",
        &["kind", "id", "name", "key"],
        "",
        keys,
        |(kind, id, name, key), values| {
            values.extend([
                Value::Text(kind.as_str()),
                Value::Text(id.as_str()),
                Value::Text(name),
                Value::Text(key),
            ]);
        },
    )
    .await
}

/// One edit of a write: an entity from one state to another.
pub(crate) struct Edit {
    pub(crate) kind: EntityKind,
    pub(crate) id: EntityId,
    pub(crate) before: State,
    pub(crate) after: State,
}

/// An entity's row, as written.
pub(crate) struct EntityRow<'a> {
    pub(crate) kind: EntityKind,
    pub(crate) id: &'a EntityId,
    /// Absent before this write: inserted, never upserted.
    pub(crate) created: bool,
    pub(crate) doc: Option<String>,
    pub(crate) redirect: Option<String>,
    pub(crate) label: String,
    pub(crate) sort_label: String,
    pub(crate) year: Option<i64>,
}

pub(crate) async fn begin_change(tx: &mut Tx<'_>, meta: &ChangeMeta) -> Result<i64> {
    let at = meta.at.clone().unwrap_or_else(now);
    let row = match meta.id {
        Some(id) => {
            sqlx::query(
                "insert into change (id, at, author, summary, reverts) values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(id)
            .bind(at)
            .bind(&meta.author)
            .bind(&meta.summary)
            .bind(meta.reverts)
            .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
        }
        None => {
            sqlx::query("insert into change (at, author, summary, reverts) values ($1, $2, $3, $4) returning id")
                .bind(at)
                .bind(&meta.author)
                .bind(&meta.summary)
                .bind(meta.reverts)
                .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
        }
    };
    Ok(row.try_get(0)?)
}

pub(crate) async fn load_state(
    tx: &mut Tx<'_>,
    kind: EntityKind,
    id: &EntityId,
    for_update: bool,
) -> Result<State> {
    let query = if for_update {
        "select doc, redirect_to from entity where kind = $1 and id = $2 for update"
    } else {
        "select doc, redirect_to from entity where kind = $1 and id = $2"
    };
    let row = sqlx::query(query)
        .bind(kind.as_str())
        .bind(id.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(State::Absent);
    };
    state_of(&row, kind)
}

pub(crate) async fn referrers_in(
    tx: &mut Tx<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Result<Vec<(EntityKind, EntityId)>> {
    let rows = sqlx::query(
        "select distinct from_kind, from_id from entity_link where to_kind = $1 and to_id = $2 order by from_kind, from_id",
    )
    .bind(kind.as_str())
    .bind(id.as_str())
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter()
        .map(|row| key_of(&row, "from_kind", "from_id"))
        .collect()
}

/// Deletes the rows of `table` whose `columns` (kind and id) are one of
/// `keys`.
async fn delete_keys(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    table: &str,
    columns: &str,
    keys: &[(EntityKind, &EntityId)],
) -> Result<()> {
    for chunk in keys.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "delete from {table} where ({columns}) in ({})",
            key_list(dialect, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for (kind, id) in chunk {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
