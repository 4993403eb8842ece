//! Copying every community row from one store to another, for `kinora
//! copy`.

use futures_util::TryStreamExt;
use sqlx::Row;

use crate::{Result, Store, StoreError};

/// The community's tables in the order their rows may be written (those
/// referred to first), each with its columns: `i` integer, `t` text, `r`
/// real. Sessions and reset tokens are not copied: they belong to one
/// server's users signing in now.
pub(crate) const COMMUNITY_TABLES: &[(&str, &[(&str, char)])] = &[
    (
        "account",
        &[
            ("id", 'i'),
            ("name", 't'),
            ("display_name", 't'),
            ("email", 't'),
            ("password_hash", 't'),
            ("role", 't'),
            ("bio", 't'),
            ("created_at", 't'),
            ("disabled", 'i'),
            ("country", 't'),
            ("avatar", 't'),
            ("lang", 't'),
            ("name_style", 't'),
        ],
    ),
    (
        "review",
        &[
            ("id", 'i'),
            ("film_id", 't'),
            ("account_id", 'i'),
            ("guest_name", 't'),
            ("source_id", 't'),
            ("rating", 'i'),
            ("headline", 't'),
            ("body", 't'),
            ("spoiler", 'i'),
            ("watched_on", 't'),
            ("created_at", 't'),
            ("updated_at", 't'),
            ("hidden_reason", 't'),
            ("written_at", 't'),
        ],
    ),
    (
        "review_revision",
        &[
            ("review_id", 'i'),
            ("at", 't'),
            ("rating", 'i'),
            ("headline", 't'),
            ("body", 't'),
            ("spoiler", 'i'),
        ],
    ),
    (
        "review_like",
        &[("review_id", 'i'), ("account_id", 'i'), ("at", 't')],
    ),
    (
        "diary_entry",
        &[
            ("id", 'i'),
            ("account_id", 'i'),
            ("film_id", 't'),
            ("watched_on", 't'),
            ("rating", 'i'),
            ("rewatch", 'i'),
            ("tags", 't'),
            ("review_id", 'i'),
            ("created_at", 't'),
        ],
    ),
    (
        "film_rating",
        &[
            ("account_id", 'i'),
            ("film_id", 't'),
            ("rating", 'i'),
            ("rated_on", 't'),
        ],
    ),
    (
        "watchlist",
        &[("account_id", 'i'), ("film_id", 't'), ("added_at", 't')],
    ),
    (
        "film_list",
        &[
            ("id", 'i'),
            ("account_id", 'i'),
            ("slug", 't'),
            ("title", 't'),
            ("description", 't'),
            ("public", 'i'),
            ("created_at", 't'),
            ("updated_at", 't'),
        ],
    ),
    (
        "film_list_item",
        &[
            ("list_id", 'i'),
            ("position", 'i'),
            ("film_id", 't'),
            ("note", 't'),
        ],
    ),
    (
        "thread",
        &[
            ("id", 'i'),
            ("subject_kind", 't'),
            ("subject_id", 't'),
            ("title", 't'),
            ("account_id", 'i'),
            ("guest_name", 't'),
            ("created_at", 't'),
            ("last_post_at", 't'),
            ("pinned", 'i'),
            ("locked", 'i'),
            ("archived", 'i'),
            ("hidden_reason", 't'),
            ("source_id", 't'),
            ("stated_replies", 'i'),
        ],
    ),
    (
        "post",
        &[
            ("id", 'i'),
            ("thread_id", 'i'),
            ("account_id", 'i'),
            ("guest_name", 't'),
            ("body", 't'),
            ("quote_of", 'i'),
            ("reposts", 't'),
            ("source_id", 't'),
            ("created_at", 't'),
            ("edited_at", 't'),
            ("edited_by", 'i'),
            ("hidden_reason", 't'),
            ("written_at", 't'),
            ("gap_before", 't'),
        ],
    ),
    (
        "post_revision",
        &[
            ("post_id", 'i'),
            ("at", 't'),
            ("account_id", 'i'),
            ("body", 't'),
        ],
    ),
    (
        "moderation",
        &[
            ("id", 'i'),
            ("at", 't'),
            ("account_id", 'i'),
            ("action", 't'),
            ("target_kind", 't'),
            ("target_id", 't'),
            ("reason", 't'),
        ],
    ),
    (
        "film_similar",
        &[
            ("film_id", 't'),
            ("other_id", 't'),
            ("score", 'r'),
            ("reason", 't'),
            ("computed_at", 't'),
        ],
    ),
    ("film_similar_basis", &[("signature", 't')]),
    (
        "bulk_rating",
        &[
            ("source", 't'),
            ("user_key", 't'),
            ("film_id", 't'),
            ("rating", 'i'),
        ],
    ),
    (
        "import_pending",
        &[
            ("id", 'i'),
            ("account_id", 'i'),
            ("import_label", 't'),
            ("origin", 't'),
            ("entry", 't'),
            ("candidates", 't'),
            ("created_at", 't'),
        ],
    ),
    (
        "proposal",
        &[
            ("id", 'i'),
            ("kind", 't'),
            ("entity_id", 't'),
            ("list", 't'),
            ("action", 't'),
            ("position", 'i'),
            ("claim", 't'),
            ("base_change", 'i'),
            ("account_id", 'i'),
            ("summary", 't'),
            ("created_at", 't'),
            ("status", 't'),
            ("decided_by", 'i'),
            ("decided_at", 't'),
            ("reason", 't'),
            ("change_id", 'i'),
        ],
    ),
];

/// The tables `kinora copy` does not copy row by row, and why; with
/// `COMMUNITY_TABLES`, every table of the schema (a test holds this true on
/// both stores, so a migration's new table or column cannot be forgotten).
#[cfg(test)]
pub(crate) const NOT_COPIED_HERE: &[(&str, &str)] = &[
    ("entity", "the catalog: copied by replaying its edit log"),
    ("entity_key", "derived from the catalog as it is replayed"),
    ("bulk_index", "a bulk load in progress on this store alone"),
    ("store_clock", "this store's own clock"),
    (
        "store_touch",
        "what this store's writes touched, by its own clock",
    ),
    ("external_id", "derived from the catalog as it is replayed"),
    ("entity_link", "derived from the catalog as it is replayed"),
    ("screening", "derived from the catalog as it is replayed"),
    ("change", "the edit log, replayed"),
    ("edit", "the edit log, replayed"),
    ("picture", "pictures, copied with the catalog"),
    ("picture_variant", "pictures, copied with the catalog"),
    ("web_session", "one server's members signed in now"),
    ("password_reset", "one server's tokens of the moment"),
];

/// A value read from one store to be written to another.
enum Cell {
    Integer(Option<i64>),
    Text(Option<String>),
    Real(Option<f64>),
}

impl Store {
    /// Copies every community row (accounts, reviews, diaries, lists,
    /// threads, the moderation log…) into `target`, keeping ids, in one
    /// transaction of the target; returns the rows copied. The target's
    /// community tables must be empty. Used by `kinora copy` after the
    /// catalog.
    pub async fn copy_community_to(&self, target: &Store) -> Result<u64> {
        let accounts = target.count_accounts().await?;
        if accounts > 0 {
            return Err(StoreError::Conflict(
                "the target store has accounts already; copy into a new, empty database".into(),
            ));
        }
        let mut tx = target.begin_write().await?;
        let mut copied = 0;
        for (table, columns) in COMMUNITY_TABLES {
            let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
            // In key order: a post quotes only posts before it.
            let select = format!("select {} from {table} order by 1", names.join(", "));
            let placeholders: Vec<String> = (1..=names.len()).map(|n| format!("${n}")).collect();
            let insert = format!(
                "insert into {table} ({}) values ({})",
                names.join(", "),
                placeholders.join(", ")
            );
            // Row by row as the source gives them: memory does not grow
            // with the community's size.
            let mut rows = sqlx::query(&select).fetch(&self.pool);
            while let Some(row) = rows.try_next().await? {
                let mut cells = Vec::with_capacity(columns.len());
                for (index, (_, kind)) in columns.iter().enumerate() {
                    cells.push(match kind {
                        'i' => Cell::Integer(row.try_get(index)?),
                        'r' => Cell::Real(row.try_get(index)?),
                        _ => Cell::Text(row.try_get(index)?),
                    });
                }
                let mut query = sqlx::query(&insert);
                for cell in cells {
                    query = match cell {
                        Cell::Integer(value) => query.bind(value),
                        Cell::Text(value) => query.bind(value),
                        Cell::Real(value) => query.bind(value),
                    };
                }
                query.execute(&mut *tx).await?;
                copied += 1;
            }
        }
        if target.dialect == crate::Dialect::Postgres {
            for (table, columns) in COMMUNITY_TABLES {
                if columns.first().is_some_and(|(name, _)| *name == "id") {
                    sqlx::query(&format!(
                        "select setval(pg_get_serial_sequence('{table}', 'id'), coalesce((select max(id) from {table}), 0) + 1, false)"
                    ))
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(copied)
    }
}
