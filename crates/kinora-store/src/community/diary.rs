//! A member's diary of viewings, watchlist and lists of films.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::sql::first_row;
use crate::{Result, Store, now};

use super::*;

impl Store {
    pub async fn add_diary_entry(
        &self,
        account_id: AccountId,
        entry: &NewDiaryEntry,
    ) -> Result<DiaryEntryId> {
        Ok(DiaryEntryId(sqlx::query(
            "insert into diary_entry (account_id, film_id, watched_on, rating, rewatch, tags, review_id, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(account_id.get())
        .bind(&entry.film_id)
        .bind(&entry.watched_on)
        .bind(entry.rating.map(|r| i64::from(r.value())))
        .bind(i64::from(entry.rewatch))
        .bind(serde_json::to_string(&entry.tags)?)
        .bind(entry.review_id.map(ReviewId::get))
        .bind(now())
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?))
    }

    /// Whether an account logged this film on this day already.
    pub async fn has_diary_entry(
        &self,
        account_id: AccountId,
        film_id: &str,
        watched_on: &str,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "select count(*) from diary_entry where account_id = $1 and film_id = $2 and watched_on = $3",
        )
        .bind(account_id.get())
        .bind(film_id)
        .bind(watched_on)
        .fetch_one(&self.pool)
        .await?
        .try_get::<i64, _>(0)?
            > 0)
    }

    /// Removes one of an account's diary entries; false if it has no such.
    pub async fn delete_diary_entry(
        &self,
        account_id: AccountId,
        id: DiaryEntryId,
    ) -> Result<bool> {
        let done = sqlx::query("delete from diary_entry where id = $1 and account_id = $2")
            .bind(id.get())
            .bind(account_id.get())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// An account's diary, latest viewing first.
    pub async fn diary(&self, account_id: AccountId, limit: i64) -> Result<Vec<DiaryEntry>> {
        let rows = sqlx::query(&format!(
            "{DIARY_SELECT} where d.account_id = $1 order by d.watched_on desc, d.id desc limit $2"
        ))
        .bind(account_id.get())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(diary_entry_of).collect()
    }

    /// An account's viewings of one film, latest first.
    pub async fn viewings(&self, account_id: AccountId, film_id: &str) -> Result<Vec<DiaryEntry>> {
        let rows = sqlx::query(&format!(
            "{DIARY_SELECT} where d.account_id = $1 and d.film_id = $2 \
             order by d.watched_on desc, d.id desc"
        ))
        .bind(account_id.get())
        .bind(film_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(diary_entry_of).collect()
    }

    /// Whether a film is on an account's watchlist.
    pub async fn on_watchlist(&self, account_id: AccountId, film_id: &str) -> Result<bool> {
        Ok(
            sqlx::query("select count(*) from watchlist where account_id = $1 and film_id = $2")
                .bind(account_id.get())
                .bind(film_id)
                .fetch_one(&self.pool)
                .await?
                .try_get::<i64, _>(0)?
                > 0,
        )
    }

    pub async fn set_watchlist(
        &self,
        account_id: AccountId,
        film_id: &str,
        on: bool,
    ) -> Result<()> {
        if on {
            sqlx::query(
                "insert into watchlist (account_id, film_id, added_at) values ($1, $2, $3) \
                 on conflict (account_id, film_id) do nothing",
            )
            .bind(account_id.get())
            .bind(film_id)
            .bind(now())
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query("delete from watchlist where account_id = $1 and film_id = $2")
                .bind(account_id.get())
                .bind(film_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// An account's watchlist: (film, added at), latest first.
    pub async fn watchlist(&self, account_id: AccountId) -> Result<Vec<(String, Timestamp)>> {
        let rows = sqlx::query(
            "select film_id, added_at from watchlist where account_id = $1 order by added_at desc, film_id",
        )
        .bind(account_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("film_id")?, moment_of(row, "added_at")?)))
            .collect()
    }

    /// Creates a list, or replaces the title, description, visibility and
    /// films of the account's list with this slug.
    pub async fn save_list(
        &self,
        account_id: AccountId,
        slug: &str,
        title: &str,
        description: &str,
        public: bool,
        items: &[ListItem],
    ) -> Result<ListId> {
        let mut tx = self.begin_write().await?;
        let at = now();
        let id: i64 = sqlx::query(
            "insert into film_list (account_id, slug, title, description, public, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $6) \
             on conflict (account_id, slug) do update set title = excluded.title, \
             description = excluded.description, public = excluded.public, updated_at = excluded.updated_at \
             returning id",
        )
        .bind(account_id.get())
        .bind(slug)
        .bind(title)
        .bind(description)
        .bind(i64::from(public))
        .bind(&at)
        .fetch_all(&mut *tx)
            .await
            .and_then(first_row)?
        .try_get(0)?;
        sqlx::query("delete from film_list_item where list_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, item) in items.iter().enumerate() {
            sqlx::query(
                "insert into film_list_item (list_id, position, film_id, note) values ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(&item.film_id)
            .bind(&item.note)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(ListId(id))
    }

    pub async fn delete_list(&self, account_id: AccountId, slug: &str) -> Result<bool> {
        let done = sqlx::query("delete from film_list where account_id = $1 and slug = $2")
            .bind(account_id.get())
            .bind(slug)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// An account's lists (without their films), newest first; private ones
    /// only when `include_private`.
    pub async fn lists_of(
        &self,
        account_id: AccountId,
        include_private: bool,
    ) -> Result<Vec<FilmList>> {
        let rows = sqlx::query(
            "select l.id, a.name, l.slug, l.title, l.description, l.public, l.created_at, l.updated_at \
             from film_list l join account a on a.id = l.account_id \
             where l.account_id = $1 and (l.public = 1 or $2 = 1) order by l.updated_at desc, l.id desc",
        )
        .bind(account_id.get())
        .bind(i64::from(include_private))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| list_of(row, Vec::new())).collect()
    }

    /// One list with its films in order.
    pub async fn film_list(&self, account_id: AccountId, slug: &str) -> Result<Option<FilmList>> {
        let row = sqlx::query(
            "select l.id, a.name, l.slug, l.title, l.description, l.public, l.created_at, l.updated_at \
             from film_list l join account a on a.id = l.account_id \
             where l.account_id = $1 and l.slug = $2",
        )
        .bind(account_id.get())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get("id")?;
        let items = sqlx::query(
            "select film_id, note from film_list_item where list_id = $1 order by position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|item| {
            Ok(ListItem {
                film_id: item.try_get("film_id")?,
                note: item.try_get("note")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(Some(list_of(&row, items)?))
    }

    // -----------------------------------------------------------------------
    // Threads and posts
    // -----------------------------------------------------------------------
}

pub(crate) fn list_of(row: &AnyRow, items: Vec<ListItem>) -> Result<FilmList> {
    Ok(FilmList {
        id: ListId(row.try_get("id")?),
        account: row.try_get("name")?,
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        public: flag(row, "public")?,
        created_at: moment_of(row, "created_at")?,
        updated_at: moment_of(row, "updated_at")?,
        items,
    })
}
