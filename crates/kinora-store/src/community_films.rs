//! What an account's history needs beyond the community's own pages: its
//! plain ratings and posts as a whole (for an export), a cheap signal that
//! ratings changed (for recomputing similar films), and the similar films
//! of a whole catalog and bulk ratings written many rows at a time.

use std::collections::{HashMap, HashSet};

use kinora_core::community::{AccountId, PostId, Rating, ThreadId, Timestamp};
use serde::Serialize;
use sqlx::Row;

use crate::community::{Similar, rating_of};
use crate::decode::{moment_of, moment_or_none};
use crate::sql::placeholders;
use crate::{Result, Store, StoreError, now};

/// An account's plain rating of a film: one given without a viewing
/// (Letterboxd's ratings.csv, IMDb's ratings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainRating {
    pub film_id: String,
    pub rating: Rating,
    /// The day it was given, when known (`YYYY-MM-DD`).
    pub rated_on: Option<String>,
}

/// A post an account wrote, with the thread it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthoredPost {
    pub id: PostId,
    pub thread_id: ThreadId,
    pub thread_title: String,
    /// What the thread is about: an entity's kind and id, or none for the
    /// site itself.
    pub subject_kind: Option<String>,
    pub subject_id: Option<String>,
    pub body: String,
    pub quote_of: Option<PostId>,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub hidden_reason: Option<String>,
}

/// Rows written per statement when writing many: few enough that a
/// statement stays well under both databases' limits on parameters.
const ROWS_PER_STATEMENT: usize = 200;

impl Store {
    /// An account's plain ratings, by film.
    pub async fn plain_ratings(&self, account_id: AccountId) -> Result<Vec<PlainRating>> {
        let rows = sqlx::query(
            "select film_id, rating, rated_on from film_rating where account_id = $1 order by film_id",
        )
        .bind(account_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PlainRating {
                    film_id: row.try_get("film_id")?,
                    rating: rating_of(row, "rating")?.ok_or_else(|| {
                        StoreError::Invalid("a plain rating in the store has no rating".into())
                    })?,
                    rated_on: row.try_get("rated_on")?,
                })
            })
            .collect()
    }

    /// Every post an account wrote, oldest first.
    pub async fn posts_by(&self, account_id: AccountId) -> Result<Vec<AuthoredPost>> {
        let rows = sqlx::query(
            "select p.id, p.thread_id, t.title as thread_title, t.subject_kind, t.subject_id, p.body, p.quote_of, \
             p.created_at, p.edited_at, p.hidden_reason \
             from post p join thread t on t.id = p.thread_id \
             where p.account_id = $1 order by p.created_at, p.id",
        )
        .bind(account_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuthoredPost {
                    id: PostId(row.try_get("id")?),
                    thread_id: ThreadId(row.try_get("thread_id")?),
                    thread_title: row.try_get("thread_title")?,
                    subject_kind: row.try_get("subject_kind")?,
                    subject_id: row.try_get("subject_id")?,
                    body: row.try_get("body")?,
                    quote_of: row.try_get::<Option<i64>, _>("quote_of")?.map(PostId),
                    created_at: moment_of(row, "created_at")?,
                    edited_at: moment_or_none(row, "edited_at")?,
                    hidden_reason: row.try_get("hidden_reason")?,
                })
            })
            .collect()
    }

    /// A short text that changes whenever a rating is added, changed or
    /// removed anywhere (plain ratings, diary entries, reviews, bulk
    /// ratings) or the catalog changes: how many there are and their sum,
    /// per table, and the last change. Cheap enough to ask every minute.
    pub async fn ratings_signature(&self) -> Result<String> {
        let mut parts = Vec::new();
        for table in ["film_rating", "diary_entry", "review", "bulk_rating"] {
            let row = sqlx::query(&format!(
                "select count(*) as ratings, cast(coalesce(sum(rating), 0) as bigint) as total from {table} \
                 where rating is not null"
            ))
            .fetch_one(&self.pool)
            .await?;
            let count: i64 = row.try_get("ratings")?;
            let sum: i64 = row.try_get("total")?;
            parts.push(format!("{table}:{count}:{sum}"));
        }
        parts.push(format!("change:{}", self.last_change().await?));
        Ok(parts.join(" "))
    }

    /// What the stored similar films were computed from, if they were.
    pub async fn similar_basis(&self) -> Result<Option<String>> {
        let row = sqlx::query("select signature from film_similar_basis")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    /// Replaces every film's similar films at once, in one transaction,
    /// many rows per statement: a whole catalog's worth. Only the films
    /// whose list changed are written, so that the pages of the others
    /// stay kept (their rows' triggers touch each film written).
    /// `basis` is what they were computed from (`ratings_signature`).
    pub async fn replace_similar(&self, rows: &[(String, Similar)], basis: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from film_similar_basis")
            .execute(&mut *tx)
            .await?;
        sqlx::query("insert into film_similar_basis (signature) values ($1)")
            .bind(basis)
            .execute(&mut *tx)
            .await?;
        let mut stored: HashMap<String, Vec<(String, f64, String)>> = HashMap::new();
        for row in sqlx::query("select film_id, other_id, score, reason from film_similar")
            .fetch_all(&mut *tx)
            .await?
        {
            stored.entry(row.try_get("film_id")?).or_default().push((
                row.try_get("other_id")?,
                row.try_get("score")?,
                row.try_get("reason")?,
            ));
        }
        let mut wanted: HashMap<&str, Vec<(String, f64, String)>> = HashMap::new();
        for (film, similar) in rows {
            wanted.entry(film.as_str()).or_default().push((
                similar.film_id.clone(),
                similar.score,
                similar.reason.clone(),
            ));
        }
        // PostgreSQL keeps a score as `real`: equal within its precision.
        let same = |a: &[(String, f64, String)], b: &[(String, f64, String)]| {
            let sorted = |list: &[(String, f64, String)]| {
                let mut list = list.to_vec();
                list.sort_by(|x, y| x.0.cmp(&y.0));
                list
            };
            let (a, b) = (sorted(a), sorted(b));
            a.len() == b.len()
                && a.iter().zip(&b).all(|(x, y)| {
                    x.0 == y.0 && x.2 == y.2 && (x.1 - y.1).abs() <= 1e-5 * x.1.abs().max(1.0)
                })
        };
        let mut changed: Vec<&str> = stored
            .keys()
            .map(String::as_str)
            .filter(|film| !wanted.contains_key(film))
            .collect();
        changed.extend(wanted.iter().filter_map(|(film, list)| {
            let kept = stored.get(*film).is_some_and(|old| same(old, list));
            (!kept).then_some(*film)
        }));
        for chunk in changed.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "delete from film_similar where film_id in ({})",
                placeholders(self.dialect, chunk.len(), 1, 0)
            );
            let mut query = sqlx::query(&sql);
            for film in chunk {
                query = query.bind(*film);
            }
            query.execute(&mut *tx).await?;
        }
        let changed: HashSet<&str> = changed.into_iter().collect();
        let written: Vec<&(String, Similar)> = rows
            .iter()
            .filter(|(film, _)| changed.contains(film.as_str()))
            .collect();
        let at = now();
        for chunk in written.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "insert into film_similar (film_id, other_id, score, reason, computed_at) values {}",
                placeholders(self.dialect, chunk.len(), 5, 0)
            );
            let mut query = sqlx::query(&sql);
            for (film, similar) in chunk {
                query = query
                    .bind(film.as_str())
                    .bind(similar.film_id.as_str())
                    .bind(similar.score)
                    .bind(similar.reason.as_str())
                    .bind(at.as_str());
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds ratings from a bulk source (replacing
    /// that source's earlier ratings of the same users and films), many
    /// rows per statement, in one transaction. When a user rated a film
    /// twice in `ratings`, the later rating counts.
    pub async fn add_bulk_ratings(
        &self,
        source: &str,
        ratings: &[(String, String, Rating)],
    ) -> Result<u64> {
        // One row per user and film: a statement cannot update a row twice.
        let mut latest: std::collections::HashMap<(&str, &str), usize> =
            std::collections::HashMap::with_capacity(ratings.len());
        for (index, (user, film, _)) in ratings.iter().enumerate() {
            latest.insert((user.as_str(), film.as_str()), index);
        }
        let mut kept: Vec<usize> = latest.into_values().collect();
        kept.sort_unstable();
        let mut tx = self.begin_write().await?;
        let mut written = 0;
        for chunk in kept.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "insert into bulk_rating (source, user_key, film_id, rating) values {} \
                 on conflict (source, user_key, film_id) do update set rating = excluded.rating",
                placeholders(self.dialect, chunk.len(), 4, 0)
            );
            let mut query = sqlx::query(&sql);
            for &index in chunk {
                let (user, film, rating) = &ratings[index];
                query = query
                    .bind(source)
                    .bind(user.as_str())
                    .bind(film.as_str())
                    .bind(i64::from(rating.value()));
            }
            written += query.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(written)
    }
}
