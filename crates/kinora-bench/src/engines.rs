//! The engines compared: Kinora's index, and what a user would otherwise
//! pick for the same job: SQLite FTS5 with its trigram tokenizer, and
//! PostgreSQL with pg_trgm. Each holds the same names and answers the same
//! queries with entities, best first.

use std::path::Path;
use std::time::{Duration, Instant};

use kinora_search::{Document, Search, SearchIndex};
use sqlx::Row;

/// An entity: kind and id.
pub type Key = (String, String);

pub enum Engine {
    Kinora(SearchIndex),
    Fts5(sqlx::SqlitePool),
    PgTrgm(sqlx::PgPool),
}

impl Engine {
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Kinora(_) => "Kinora",
            Engine::Fts5(_) => "SQLite FTS5 trigram",
            Engine::PgTrgm(_) => "PostgreSQL pg_trgm",
        }
    }

    /// Kinora's index in `dir` (in memory when None), with every document.
    pub fn kinora(
        documents: &[Document],
        dir: Option<&Path>,
    ) -> anyhow::Result<(Engine, Duration)> {
        let started = Instant::now();
        let index = match dir {
            Some(dir) => SearchIndex::open(dir)?,
            None => SearchIndex::in_memory()?,
        };
        index.clear(0)?;
        for chunk in documents.chunks(10_000) {
            index.add(chunk)?;
        }
        index.finish(1)?;
        Ok((Engine::Kinora(index), started.elapsed()))
    }

    /// An FTS5 table in a SQLite file, with the trigram tokenizer that
    /// folds case and accents, as its documentation suggests for names.
    pub async fn fts5(
        names: &[(String, String, String)],
        file: &Path,
    ) -> anyhow::Result<(Engine, Duration)> {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(file)
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let started = Instant::now();
        sqlx::query(
            "create virtual table names using fts5(kind unindexed, id unindexed, name, \
             tokenize = 'trigram remove_diacritics 1')",
        )
        .execute(&pool)
        .await?;
        for chunk in names.chunks(50_000) {
            let mut tx = pool.begin().await?;
            for rows in chunk.chunks(300) {
                let sql = format!(
                    "insert into names (kind, id, name) values {}",
                    vec!["(?, ?, ?)"; rows.len()].join(", ")
                );
                let mut query = sqlx::query(&sql);
                for (kind, id, name) in rows {
                    query = query.bind(kind).bind(id).bind(name);
                }
                query.execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        sqlx::query("insert into names (names) values ('optimize')")
            .execute(&pool)
            .await?;
        Ok((Engine::Fts5(pool), started.elapsed()))
    }

    /// A table of names with a trigram GIN index, loaded with COPY.
    pub async fn pg_trgm(
        names: &[(String, String, String)],
        url: &str,
    ) -> anyhow::Result<(Engine, Duration)> {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(url)
            .await?;
        sqlx::query("create extension if not exists pg_trgm")
            .execute(&pool)
            .await?;
        sqlx::query("drop table if exists bench_names")
            .execute(&pool)
            .await?;
        let started = Instant::now();
        sqlx::query("create table bench_names (kind text, id text, name text)")
            .execute(&pool)
            .await?;
        let mut connection = pool.acquire().await?;
        let mut copy = connection
            .copy_in_raw("copy bench_names (kind, id, name) from stdin")
            .await?;
        let mut buffer = String::new();
        for (kind, id, name) in names {
            let clean = name.replace(['\t', '\n', '\r', '\\'], " ");
            buffer.push_str(&format!("{kind}\t{id}\t{clean}\n"));
            if buffer.len() > 1 << 20 {
                copy.send(std::mem::take(&mut buffer).into_bytes()).await?;
            }
        }
        copy.send(buffer.into_bytes()).await?;
        copy.finish().await?;
        drop(connection);
        sqlx::query("create index bench_names_trgm on bench_names using gin (name gin_trgm_ops)")
            .execute(&pool)
            .await?;
        sqlx::query("analyze bench_names").execute(&pool).await?;
        Ok((Engine::PgTrgm(pool), started.elapsed()))
    }

    /// The best `limit` entities for a query; `prefix`: as the user types.
    pub async fn find(&self, query: &str, limit: usize, prefix: bool) -> anyhow::Result<Vec<Key>> {
        let rows: Vec<Key> = match self {
            Engine::Kinora(index) => {
                let search = Search {
                    text: query,
                    limit,
                    prefix,
                    ..Search::default()
                };
                return Ok(index
                    .search(&search)?
                    .into_iter()
                    .map(|hit| (hit.kind.as_str().to_owned(), hit.id))
                    .collect());
            }
            Engine::Fts5(pool) => {
                let fetched = if prefix {
                    // The trigram index serves LIKE with a fixed start.
                    let pattern = format!("{}%", query.replace(['%', '_'], ""));
                    sqlx::query("select kind, id from names where name like ? limit ?")
                        .bind(pattern)
                        .bind(limit as i64 * 4)
                        .fetch_all(pool)
                        .await?
                } else {
                    // Every word of three letters or more (the trigram
                    // tokenizer's least), best by bm25.
                    let words: Vec<String> = query
                        .split(|c: char| c.is_whitespace() || c == '-')
                        .filter(|word| word.chars().count() >= 3)
                        .map(|word| format!("\"{}\"", word.replace('"', "")))
                        .collect();
                    if words.is_empty() {
                        return Ok(Vec::new());
                    }
                    sqlx::query(
                        "select kind, id from names where names match ? order by rank limit ?",
                    )
                    .bind(words.join(" AND "))
                    .bind(limit as i64 * 4)
                    .fetch_all(pool)
                    .await?
                };
                fetched
                    .iter()
                    .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                    .collect::<Result<_, sqlx::Error>>()?
            }
            Engine::PgTrgm(pool) => {
                let fetched = if prefix {
                    sqlx::query("select kind, id from bench_names where name ilike $1 limit $2")
                        .bind(format!("{}%", query.replace(['%', '_'], "")))
                        .bind(limit as i64 * 4)
                        .fetch_all(pool)
                        .await?
                } else {
                    // The documented way: the % operator (similarity above
                    // pg_trgm.similarity_threshold), most similar first.
                    sqlx::query(
                        "select kind, id from bench_names where name % $1 \
                         order by similarity(name, $1) desc limit $2",
                    )
                    .bind(query)
                    .bind(limit as i64 * 4)
                    .fetch_all(pool)
                    .await?
                };
                fetched
                    .iter()
                    .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                    .collect::<Result<_, sqlx::Error>>()?
            }
        };
        // One entity once, at its best name.
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter(|key| seen.insert(key.clone()))
            .take(limit)
            .collect())
    }
}
