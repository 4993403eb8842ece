//! What the home page shows of a living site: the films members watch,
//! rate and review now, the newest reviews, the entities added last.

use kinora_core::EntityKind;
use sqlx::Row;

use crate::community::{REVIEW_SELECT, Review, review_of};
use crate::{Result, Store, Summary};

impl Store {
    /// The films the most people logged, reviewed, rated or put on their
    /// watchlist since `since` (an RFC 3339 time), with how many people,
    /// most first. A guest's imported review counts as its guest.
    pub async fn popular_films(&self, since: &str, limit: i64) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "select film_id, count(distinct who) as n from ( \
               select film_id, cast(account_id as text) as who from diary_entry where created_at >= $1 \
               union all select film_id, coalesce(cast(account_id as text), 'guest:' || guest_name) \
                 from review where created_at >= $1 and hidden_reason is null \
               union all select film_id, cast(account_id as text) from watchlist where added_at >= $1 \
               union all select film_id, cast(account_id as text) from film_rating where rated_on >= $1 \
             ) recent group by film_id order by n desc, film_id limit $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| Ok((row.try_get("film_id")?, row.try_get("n")?)))
            .collect()
    }

    /// The newest reviews that are shown, newest first.
    pub async fn recent_reviews(
        &self,
        viewer: Option<kinora_core::community::AccountId>,
        limit: i64,
    ) -> Result<Vec<Review>> {
        let rows = sqlx::query(&format!(
            "{REVIEW_SELECT} where r.hidden_reason is null order by r.created_at desc, r.id desc limit $1"
        ))
        .bind(limit)
        .bind(viewer.map(kinora_core::community::AccountId::get))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(review_of).collect()
    }

    /// The entities of a kind added last, newest first.
    pub async fn recently_added(&self, kind: EntityKind, limit: i64) -> Result<Vec<Summary>> {
        self.listing(kind, "created_at desc, id", limit, 0).await
    }
}
