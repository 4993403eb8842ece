//! Reviews with their revisions and likes, and ratings: one per member
//! and film, and their histogram.

use std::collections::HashMap;

use kinora_core::community::Rating;
use sqlx::Row;

use crate::sql::first_row;
use crate::{Result, Store, StoreError, now};

use super::*;

impl Store {
    /// Writes an account's review of a film: the first, or a new state of
    /// the one it has, whose earlier state is kept as a revision.
    pub async fn save_review(
        &self,
        account_id: AccountId,
        film_id: &str,
        text: &ReviewText,
    ) -> Result<ReviewId> {
        let mut tx = self.begin_write().await?;
        let at = now();
        let existing = sqlx::query(
            "select id, rating, headline, body, spoiler, updated_at from review \
             where account_id = $1 and film_id = $2",
        )
        .bind(account_id.get())
        .bind(film_id)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match existing {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                sqlx::query(
                    "insert into review_revision (review_id, at, rating, headline, body, spoiler) \
                     values ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(row.try_get::<String, _>("updated_at")?)
                .bind(row.try_get::<Option<i64>, _>("rating")?)
                .bind(row.try_get::<Option<String>, _>("headline")?)
                .bind(row.try_get::<String, _>("body")?)
                .bind(row.try_get::<i64, _>("spoiler")?)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "update review set rating = $1, headline = $2, body = $3, spoiler = $4, \
                     watched_on = $5, updated_at = $6 where id = $7",
                )
                .bind(text.rating.map(|r| i64::from(r.value())))
                .bind(text.headline.as_deref())
                .bind(&text.body)
                .bind(i64::from(text.spoiler))
                .bind(text.watched_on.as_deref())
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => sqlx::query(
                "insert into review (film_id, account_id, rating, headline, body, spoiler, watched_on, created_at, updated_at, \
                 written_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) returning id",
            )
            .bind(film_id)
            .bind(account_id.get())
            .bind(text.rating.map(|r| i64::from(r.value())))
            .bind(text.headline.as_deref())
            .bind(&text.body)
            .bind(i64::from(text.spoiler))
            .bind(text.watched_on.as_deref())
            .bind(&at)
            .fetch_all(&mut *tx)
            .await
            .and_then(first_row)?
            .try_get(0)?,
        };
        tx.commit().await?;
        Ok(ReviewId(id))
    }

    /// Adds a review written elsewhere by `guest`, cited to `source_id`:
    /// written `at` when its page says so, recorded now.
    pub async fn import_guest_review(
        &self,
        film_id: &str,
        guest: &str,
        source_id: Option<&str>,
        text: &ReviewText,
        at: Option<Timestamp>,
    ) -> Result<ReviewId> {
        Ok(ReviewId(sqlx::query(
            "insert into review (film_id, guest_name, source_id, rating, headline, body, spoiler, watched_on, created_at, updated_at, \
             written_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) returning id",
        )
        .bind(film_id)
        .bind(guest)
        .bind(source_id)
        .bind(text.rating.map(|r| i64::from(r.value())))
        .bind(text.headline.as_deref())
        .bind(&text.body)
        .bind(i64::from(text.spoiler))
        .bind(text.watched_on.as_deref())
        .bind(Timestamp::now().rfc3339())
        .bind(at.map(Timestamp::rfc3339))
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?))
    }

    /// A film's reviews, newest first; `viewer` is the account reading (for
    /// its likes), if any. Hidden ones are included with their reason.
    pub async fn reviews_of_film(
        &self,
        film_id: &str,
        viewer: Option<AccountId>,
    ) -> Result<Vec<Review>> {
        let rows = sqlx::query(&format!(
            "{REVIEW_SELECT} where {} order by r.created_at desc, r.id desc",
            film_ids_clause("r.film_id", "$1")
        ))
        .bind(film_id)
        .bind(viewer.map(AccountId::get))
        .fetch_all(&self.pool)
        .await?;
        crate::built_from::note_community("film", film_id);
        rows.iter()
            .map(|row| {
                let review = review_of(row)?;
                // A review of a film merged into this one.
                crate::built_from::note_community("film", &review.film_id);
                Ok(review)
            })
            .collect()
    }

    /// An account's reviews, newest first.
    pub async fn reviews_by(
        &self,
        account_id: AccountId,
        viewer: Option<AccountId>,
        limit: i64,
    ) -> Result<Vec<Review>> {
        let rows = sqlx::query(&format!(
            "{REVIEW_SELECT} where r.account_id = $1 order by r.created_at desc, r.id desc limit $3"
        ))
        .bind(account_id.get())
        .bind(viewer.map(AccountId::get))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(review_of).collect()
    }

    pub async fn review(&self, id: ReviewId, viewer: Option<AccountId>) -> Result<Option<Review>> {
        let row = sqlx::query(&format!("{REVIEW_SELECT} where r.id = $1"))
            .bind(id.get())
            .bind(viewer.map(AccountId::get))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(review_of).transpose()
    }

    /// The account that wrote a review, if an account did.
    pub async fn review_owner(&self, id: ReviewId) -> Result<Option<AccountId>> {
        let row = sqlx::query("select account_id from review where id = $1")
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(row.try_get::<Option<i64>, _>("account_id")?.map(AccountId)),
            None => Err(StoreError::Invalid(format!("no review #{id}"))),
        }
    }

    /// An account's review of a film, if it wrote one.
    pub async fn review_of(&self, account_id: AccountId, film_id: &str) -> Result<Option<Review>> {
        let row = sqlx::query(&format!(
            "{REVIEW_SELECT} where r.account_id = $1 and r.film_id = $3"
        ))
        .bind(account_id.get())
        .bind(account_id.get())
        .bind(film_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(review_of).transpose()
    }

    pub async fn review_revisions(&self, id: ReviewId) -> Result<Vec<ReviewRevision>> {
        let rows = sqlx::query(
            "select at, rating, headline, body, spoiler from review_revision \
             where review_id = $1 order by at desc",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ReviewRevision {
                    at: moment_of(row, "at")?,
                    rating: rating_of(row, "rating")?,
                    headline: row.try_get("headline")?,
                    body: row.try_get("body")?,
                    spoiler: flag(row, "spoiler")?,
                })
            })
            .collect()
    }

    /// Likes a review, or takes the like back.
    pub async fn like_review(
        &self,
        review_id: ReviewId,
        account_id: AccountId,
        like: bool,
    ) -> Result<()> {
        if like {
            sqlx::query(
                "insert into review_like (review_id, account_id, at) values ($1, $2, $3) \
                 on conflict (review_id, account_id) do nothing",
            )
            .bind(review_id.get())
            .bind(account_id.get())
            .bind(now())
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query("delete from review_like where review_id = $1 and account_id = $2")
                .bind(review_id.get())
                .bind(account_id.get())
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Hides a review (with a reason) or shows it again; logged.
    pub async fn hide_review(
        &self,
        review_id: ReviewId,
        moderator: AccountId,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("review", review_id.get(), moderator, reason)
            .await
    }

    /// Every rating of a film, one per account (its review's, else its
    /// latest viewing's, else its plain rating), plus guests' reviews and
    /// bulk ratings: the counts of 1 to 10.
    pub async fn rating_histogram(&self, film_id: &str) -> Result<[u64; 10]> {
        crate::built_from::note_community("film", film_id);
        let clause = |column: &str| film_ids_clause(column, "$1");
        let sql = format!(
            "select rating, count(*) as ratings from ( \
             select r.rating from review r where {} and r.rating is not null and r.hidden_reason is null \
             union all \
             select d.rating from diary_entry d where {} and d.rating is not null \
               and not exists (select 1 from review r where r.account_id = d.account_id and r.film_id = d.film_id and r.rating is not null) \
               and d.id = (select max(e.id) from diary_entry e where e.account_id = d.account_id and e.film_id = d.film_id and e.rating is not null) \
             union all \
             select f.rating from film_rating f where {} \
               and not exists (select 1 from review r where r.account_id = f.account_id and r.film_id = f.film_id and r.rating is not null) \
               and not exists (select 1 from diary_entry e where e.account_id = f.account_id and e.film_id = f.film_id and e.rating is not null) \
             union all \
             select b.rating from bulk_rating b where {} \
             ) ratings group by rating",
            clause("r.film_id"),
            clause("d.film_id"),
            clause("f.film_id"),
            clause("b.film_id"),
        );
        let rows = sqlx::query(&sql)
            .bind(film_id)
            .fetch_all(&self.pool)
            .await?;
        let mut counts = [0u64; 10];
        for row in rows {
            let count: i64 = row.try_get("ratings")?;
            if let Some(rating) = rating_of(&row, "rating")? {
                counts[usize::from(rating.value() - 1)] += u64::try_from(count).unwrap_or(0);
            }
        }
        Ok(counts)
    }

    /// Sets an account's plain rating of a film (none: removes it).
    pub async fn set_rating(
        &self,
        account_id: AccountId,
        film_id: &str,
        rating: Option<Rating>,
        rated_on: Option<&str>,
    ) -> Result<()> {
        match rating {
            Some(rating) => {
                sqlx::query(
                    "insert into film_rating (account_id, film_id, rating, rated_on) values ($1, $2, $3, $4) \
                     on conflict (account_id, film_id) do update set rating = excluded.rating, rated_on = excluded.rated_on",
                )
                .bind(account_id.get())
                .bind(film_id)
                .bind(i64::from(rating.value()))
                .bind(rated_on)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("delete from film_rating where account_id = $1 and film_id = $2")
                    .bind(account_id.get())
                    .bind(film_id)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// An account's rating of every film it rated (review, else latest
    /// viewing, else plain rating).
    pub async fn ratings_by(&self, account_id: AccountId) -> Result<HashMap<String, Rating>> {
        let mut ratings = HashMap::new();
        for sql in [
            "select film_id, rating from film_rating where account_id = $1",
            "select film_id, rating from diary_entry where account_id = $1 and rating is not null order by id",
            "select film_id, rating from review where account_id = $1 and rating is not null",
        ] {
            for row in sqlx::query(sql)
                .bind(account_id.get())
                .fetch_all(&self.pool)
                .await?
            {
                let film: String = row.try_get("film_id")?;
                if let Some(rating) = rating_of(&row, "rating")? {
                    ratings.insert(film, rating);
                }
            }
        }
        Ok(ratings)
    }

    /// Every rating by every account and bulk user, for similar films:
    /// (user key, film, rating).
    pub async fn all_ratings(&self) -> Result<Vec<(String, String, u8)>> {
        let mut by_account: HashMap<(i64, String), u8> = HashMap::new();
        for sql in [
            "select account_id, film_id, rating from film_rating",
            "select account_id, film_id, rating from diary_entry where rating is not null order by id",
            "select account_id, film_id, rating from review where account_id is not null and rating is not null",
        ] {
            for row in sqlx::query(sql).fetch_all(&self.pool).await? {
                if let Some(rating) = rating_of(&row, "rating")? {
                    by_account.insert(
                        (row.try_get("account_id")?, row.try_get("film_id")?),
                        rating.value(),
                    );
                }
            }
        }
        let mut all: Vec<(String, String, u8)> = by_account
            .into_iter()
            .map(|((account, film), rating)| (format!("a{account}"), film, rating))
            .collect();
        for row in sqlx::query("select source, user_key, film_id, rating from bulk_rating")
            .fetch_all(&self.pool)
            .await?
        {
            let source: String = row.try_get("source")?;
            let user: String = row.try_get("user_key")?;
            if let Some(rating) = rating_of(&row, "rating")? {
                all.push((
                    format!("{source}:{user}"),
                    row.try_get("film_id")?,
                    rating.value(),
                ));
            }
        }
        Ok(all)
    }

    // -----------------------------------------------------------------------
    // Diary, watchlist, lists
    // -----------------------------------------------------------------------
}
