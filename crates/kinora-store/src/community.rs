//! The community's tables: accounts and sessions, reviews, diaries, lists,
//! threads and posts, the moderation log, similar films, bulk ratings and
//! the import review queue.
//!
//! Unlike the catalog, these rows are not documents with an edit log: a
//! review or a post keeps its earlier states in a revision table instead,
//! and what moderators do is written to a public log. Rows name catalog
//! entities by id; reading "the reviews of a film" also reads those of the
//! films merged into it.

use std::collections::HashMap;

use kinora_core::community::{Handle, Rating, Role};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::first_row;
use crate::{Result, Store, StoreError, now};

/// Who wrote a review, a thread or a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Account(i64),
    /// Someone elsewhere, by the name they used there: a review or a post
    /// imported from another site.
    Guest(String),
}

impl Author {
    fn columns(&self) -> (Option<i64>, Option<&str>) {
        match self {
            Author::Account(id) => (Some(*id), None),
            Author::Guest(name) => (None, Some(name.as_str())),
        }
    }
}

/// An account, as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub bio: String,
    pub created_at: String,
    pub disabled: bool,
    /// ISO 3166 alpha-2: where the member watches films, for "available
    /// in my country".
    pub country: Option<String>,
    /// The member's own picture.
    pub avatar: Option<kinora_core::image::FileHash>,
}

/// An account with what signing in needs.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account: Account,
    pub email: Option<String>,
    pub password_hash: Option<String>,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: Handle,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub role: Role,
}

/// The name a row shows for its author.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Byline {
    /// The account's name (for its URL), or none for a guest.
    pub account: Option<String>,
    pub name: String,
    pub guest: bool,
}

/// A review with its author and likes.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub id: i64,
    pub film_id: String,
    pub author: Byline,
    pub source_id: Option<String>,
    pub rating: Option<u8>,
    pub headline: Option<String>,
    pub body: String,
    pub spoiler: bool,
    pub watched_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub hidden_reason: Option<String>,
    pub likes: i64,
    /// Whether the account reading has liked it.
    pub liked: bool,
    pub revisions: i64,
}

/// What a review says, as written or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewText {
    pub rating: Option<Rating>,
    pub headline: Option<String>,
    pub body: String,
    pub spoiler: bool,
    pub watched_on: Option<String>,
}

/// An earlier state of a review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRevision {
    pub at: String,
    pub rating: Option<u8>,
    pub headline: Option<String>,
    pub body: String,
    pub spoiler: bool,
}

/// One viewing in a diary.
#[derive(Debug, Clone, Serialize)]
pub struct DiaryEntry {
    pub id: i64,
    pub account: String,
    pub film_id: String,
    pub watched_on: String,
    pub rating: Option<u8>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review_id: Option<i64>,
    pub created_at: String,
}

/// A viewing to log.
#[derive(Debug, Clone)]
pub struct NewDiaryEntry {
    pub film_id: String,
    pub watched_on: String,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review_id: Option<i64>,
}

/// A list of films.
#[derive(Debug, Clone, Serialize)]
pub struct FilmList {
    pub id: i64,
    pub account: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub public: bool,
    pub created_at: String,
    pub updated_at: String,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ListItem {
    pub film_id: String,
    pub note: String,
}

/// What a discussion is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Subject {
    Site,
    Entity { kind: String, id: String },
}

impl Subject {
    fn columns(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Subject::Site => (None, None),
            Subject::Entity { kind, id } => (Some(kind.as_str()), Some(id.as_str())),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Thread {
    pub id: i64,
    pub subject: Subject,
    pub title: String,
    pub author: Byline,
    pub created_at: String,
    pub last_post_at: String,
    pub posts: i64,
    pub pinned: bool,
    pub locked: bool,
    pub archived: bool,
    pub hidden_reason: Option<String>,
    pub source_id: Option<String>,
}

/// A news article a post reposts, as the post gave it: a source in the
/// catalog, or what the post said of it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Repost {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Post {
    pub id: i64,
    pub thread_id: i64,
    /// Its place in the thread, from 1.
    pub number: i64,
    pub author: Byline,
    pub body: String,
    pub quote_of: Option<i64>,
    pub reposts: Vec<Repost>,
    pub source_id: Option<String>,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// Who made the current text, when it is not the author.
    pub edited_by: Option<String>,
    pub hidden_reason: Option<String>,
    pub revisions: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostRevision {
    pub at: String,
    pub by: Option<String>,
    pub body: String,
}

/// A post to add.
#[derive(Debug, Clone)]
pub struct NewPost {
    pub author: Author,
    pub body: String,
    pub quote_of: Option<i64>,
    pub reposts: Vec<Repost>,
    /// Where an imported post was read.
    pub source_id: Option<String>,
    /// When it was written, for imported posts; now otherwise.
    pub at: Option<String>,
}

/// One line of the public moderation log.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationEntry {
    pub id: i64,
    pub at: String,
    pub moderator: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub reason: String,
}

/// A film like another, with why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Similar {
    pub film_id: String,
    pub score: f64,
    pub reason: String,
}

/// A row of an import that needs the user's word.
#[derive(Debug, Clone, Serialize)]
pub struct PendingImport {
    pub id: i64,
    pub import_label: String,
    pub origin: String,
    pub entry: serde_json::Value,
    pub candidates: serde_json::Value,
    pub created_at: String,
}

fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

fn rating_of(row: &AnyRow, column: &str) -> Result<Option<u8>> {
    Ok(row
        .try_get::<Option<i64>, _>(column)?
        .map(|value| value.clamp(0, 10) as u8))
}

fn role_of(text: &str) -> Result<Role> {
    Role::parse(text).map_err(StoreError::Invalid)
}

fn byline(row: &AnyRow) -> Result<Byline> {
    let account: Option<String> = row.try_get("author_name")?;
    let display: Option<String> = row.try_get("author_display")?;
    let guest: Option<String> = row.try_get("guest_name")?;
    Ok(match account {
        Some(account) => Byline {
            name: display.unwrap_or_else(|| account.clone()),
            account: Some(account),
            guest: false,
        },
        None => Byline {
            account: None,
            name: guest.unwrap_or_default(),
            guest: true,
        },
    })
}

const DIARY_SELECT: &str = "select d.id, a.name, d.film_id, d.watched_on, d.rating, d.rewatch, \
     d.tags, d.review_id, d.created_at from diary_entry d join account a on a.id = d.account_id";

fn diary_entry_of(row: &AnyRow) -> Result<DiaryEntry> {
    let tags: String = row.try_get("tags")?;
    Ok(DiaryEntry {
        id: row.try_get("id")?,
        account: row.try_get("name")?,
        film_id: row.try_get("film_id")?,
        watched_on: row.try_get("watched_on")?,
        rating: rating_of(row, "rating")?,
        rewatch: flag(row, "rewatch")?,
        tags: serde_json::from_str(&tags)?,
        review_id: row.try_get("review_id")?,
        created_at: row.try_get("created_at")?,
    })
}

fn credentials_of(row: &AnyRow) -> Result<Credentials> {
    Ok(Credentials {
        account: account_of(row)?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
    })
}

fn account_of(row: &AnyRow) -> Result<Account> {
    Ok(Account {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        display_name: row.try_get("display_name")?,
        role: role_of(&row.try_get::<String, _>("role")?)?,
        bio: row.try_get("bio")?,
        created_at: row.try_get("created_at")?,
        disabled: flag(row, "disabled")?,
        country: row.try_get("country")?,
        avatar: match row.try_get::<Option<String>, _>("avatar")? {
            Some(file) => {
                Some(kinora_core::image::FileHash::parse(&file).map_err(StoreError::Invalid)?)
            }
            None => None,
        },
    })
}

const ACCOUNT_COLUMNS: &str =
    "id, name, display_name, role, bio, created_at, disabled, country, avatar";

pub(crate) const REVIEW_SELECT: &str = "select r.id, r.film_id, r.source_id, r.rating, r.headline, r.body, \
     r.spoiler, r.watched_on, r.created_at, r.updated_at, r.hidden_reason, r.guest_name, \
     a.name as author_name, a.display_name as author_display, \
     (select count(*) from review_like l where l.review_id = r.id) as likes, \
     (select count(*) from review_like l where l.review_id = r.id and l.account_id = $2) as liked, \
     (select count(*) from review_revision v where v.review_id = r.id) as revisions \
     from review r left join account a on a.id = r.account_id";

const THREAD_SELECT: &str = "select t.id, t.subject_kind, t.subject_id, t.title, t.created_at, \
     t.last_post_at, t.pinned, t.locked, t.archived, t.hidden_reason, t.guest_name, t.source_id, \
     a.name as author_name, a.display_name as author_display, \
     (select count(*) from post p where p.thread_id = t.id) as posts \
     from thread t left join account a on a.id = t.account_id";

/// A post's number in its thread is not selected: `posts` counts them as
/// it reads a thread in order, `post` asks for the one it needs.
const POST_SELECT: &str = "select p.id, p.thread_id, p.body, p.quote_of, p.reposts, p.source_id, \
     p.created_at, p.edited_at, e.name as editor, \
     p.hidden_reason, p.guest_name, a.name as author_name, a.display_name as author_display, \
     (select count(*) from post_revision v where v.post_id = p.id) as revisions \
     from post p left join account a on a.id = p.account_id \
     left join account e on e.id = p.edited_by";

pub(crate) fn review_of(row: &AnyRow) -> Result<Review> {
    Ok(Review {
        id: row.try_get("id")?,
        film_id: row.try_get("film_id")?,
        author: byline(row)?,
        source_id: row.try_get("source_id")?,
        rating: rating_of(row, "rating")?,
        headline: row.try_get("headline")?,
        body: row.try_get("body")?,
        spoiler: flag(row, "spoiler")?,
        watched_on: row.try_get("watched_on")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        hidden_reason: row.try_get("hidden_reason")?,
        likes: row.try_get("likes")?,
        liked: row.try_get::<i64, _>("liked")? > 0,
        revisions: row.try_get("revisions")?,
    })
}

fn thread_of(row: &AnyRow) -> Result<Thread> {
    let kind: Option<String> = row.try_get("subject_kind")?;
    let id: Option<String> = row.try_get("subject_id")?;
    Ok(Thread {
        id: row.try_get("id")?,
        subject: match (kind, id) {
            (Some(kind), Some(id)) => Subject::Entity { kind, id },
            _ => Subject::Site,
        },
        title: row.try_get("title")?,
        author: byline(row)?,
        created_at: row.try_get("created_at")?,
        last_post_at: row.try_get("last_post_at")?,
        posts: row.try_get("posts")?,
        pinned: flag(row, "pinned")?,
        locked: flag(row, "locked")?,
        archived: flag(row, "archived")?,
        hidden_reason: row.try_get("hidden_reason")?,
        source_id: row.try_get("source_id")?,
    })
}

fn post_of(row: &AnyRow, number: i64) -> Result<Post> {
    Ok(Post {
        id: row.try_get("id")?,
        thread_id: row.try_get("thread_id")?,
        number,
        author: byline(row)?,
        body: row.try_get("body")?,
        quote_of: row.try_get("quote_of")?,
        reposts: serde_json::from_str(&row.try_get::<String, _>("reposts")?)?,
        source_id: row.try_get("source_id")?,
        created_at: row.try_get("created_at")?,
        edited_at: row.try_get("edited_at")?,
        edited_by: row.try_get("editor")?,
        hidden_reason: row.try_get("hidden_reason")?,
        revisions: row.try_get("revisions")?,
    })
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        // PostgreSQL 23505; SQLite 2067 (SQLITE_CONSTRAINT_UNIQUE), 1555
        // (primary key).
        sqlx::Error::Database(database) => {
            matches!(database.code().as_deref(), Some("23505" | "2067" | "1555"))
        }
        _ => false,
    }
}

/// The ids a film is known by: its own and those of films merged into it.
fn film_ids_clause(column: &str, parameter: &str) -> String {
    format!(
        "({column} = {parameter} or {column} in \
         (select id from entity where kind = 'film' and redirect_to = {parameter}))"
    )
}

impl Store {
    // -----------------------------------------------------------------------
    // Accounts
    // -----------------------------------------------------------------------

    /// Creates an account; a taken name or email is a conflict naming it.
    pub async fn create_account(&self, new: &NewAccount) -> Result<Account> {
        let result = sqlx::query(&format!(
            "insert into account (name, display_name, email, password_hash, role, bio, created_at, disabled) \
             values ($1, $2, $3, $4, $5, '', $6, 0) returning {ACCOUNT_COLUMNS}"
        ))
        .bind(new.name.as_str())
        .bind(&new.display_name)
        .bind(new.email.as_deref())
        .bind(new.password_hash.as_deref())
        .bind(new.role.as_str())
        .bind(now())
        .fetch_all(&self.pool)
            .await
            .and_then(first_row);
        match result {
            Ok(row) => account_of(&row),
            Err(error) if is_unique_violation(&error) => {
                let taken = sqlx::query("select count(*) from account where name = $1")
                    .bind(new.name.as_str())
                    .fetch_one(&self.pool)
                    .await?
                    .try_get::<i64, _>(0)?;
                Err(StoreError::Conflict(if taken > 0 {
                    format!("the name `{}` is taken", new.name)
                } else {
                    "an account with this email exists".into()
                }))
            }
            Err(error) => Err(error.into()),
        }
    }

    pub async fn count_accounts(&self) -> Result<i64> {
        Ok(sqlx::query("select count(*) from account")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }

    pub async fn account(&self, id: i64) -> Result<Option<Account>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS} from account where id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_of).transpose()
    }

    pub async fn account_by_name(&self, name: &str) -> Result<Option<Account>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS} from account where name = $1"
        ))
        .bind(name.to_ascii_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_of).transpose()
    }

    /// An account with its password hash, by name or email.
    pub async fn credentials(&self, name_or_email: &str) -> Result<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS}, email, password_hash from account \
             where name = $1 or email = $2"
        ))
        .bind(name_or_email.trim().to_ascii_lowercase())
        .bind(name_or_email.trim())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| credentials_of(&row)).transpose()
    }

    /// An account with its password hash, by id: what a session is checked
    /// against, in one query.
    pub async fn credentials_by_id(&self, id: i64) -> Result<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS}, email, password_hash from account where id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| credentials_of(&row)).transpose()
    }

    /// The password hash of an account, to check a session against.
    pub async fn password_hash(&self, account_id: i64) -> Result<Option<String>> {
        let row = sqlx::query("select password_hash from account where id = $1")
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => row.try_get(0)?,
            None => None,
        })
    }

    pub async fn accounts(&self) -> Result<Vec<Account>> {
        let rows = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS} from account order by id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(account_of).collect()
    }

    pub async fn set_password(&self, account_id: i64, hash: &str) -> Result<()> {
        let done = sqlx::query("update account set password_hash = $1 where id = $2")
            .bind(hash)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!("no account #{account_id}")));
        }
        Ok(())
    }

    pub async fn set_profile(
        &self,
        account_id: i64,
        display_name: &str,
        bio: &str,
        country: Option<&str>,
    ) -> Result<()> {
        sqlx::query("update account set display_name = $1, bio = $2, country = $3 where id = $4")
            .bind(display_name)
            .bind(bio)
            .bind(country)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets or clears a member's picture; the file must be stored already.
    pub async fn set_avatar(
        &self,
        account_id: i64,
        avatar: Option<&kinora_core::image::FileHash>,
    ) -> Result<()> {
        sqlx::query("update account set avatar = $1 where id = $2")
            .bind(avatar.map(|file| file.as_str()))
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives an account a role, and logs it.
    pub async fn set_role(
        &self,
        account_id: i64,
        role: Role,
        by: Option<i64>,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update account set role = $1 where id = $2")
            .bind(role.as_str())
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!("no account #{account_id}")));
        }
        if let Some(by) = by {
            log_moderation(
                &mut tx,
                by,
                &format!("role {role}"),
                "account",
                &account_id.to_string(),
                reason,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Keeps a reset token's hash for an account until `expires_at`.
    pub async fn create_password_reset(
        &self,
        account_id: i64,
        token_hash: &str,
        expires_at: &str,
    ) -> Result<()> {
        sqlx::query(
            "insert into password_reset (token_hash, account_id, created_at, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(now())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether a reset token can still be used: known, unused, unexpired.
    pub async fn password_reset_open(&self, token_hash: &str) -> Result<bool> {
        let row = sqlx::query(
            "select count(*) from password_reset \
             where token_hash = $1 and used_at is null and expires_at > $2",
        )
        .bind(token_hash)
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    /// Sets a new password with a reset token, once. Refused when the token
    /// is unknown, used or expired.
    pub async fn use_password_reset(&self, token_hash: &str, new_hash: &str) -> Result<Account> {
        let mut tx = self.begin_write().await?;
        let at = now();
        let row = sqlx::query(
            "update password_reset set used_at = $1 \
             where token_hash = $2 and used_at is null and expires_at > $1 returning account_id",
        )
        .bind(&at)
        .bind(token_hash)
        .fetch_all(&mut *tx)
        .await
        .map(|rows| rows.into_iter().next())?;
        let Some(row) = row else {
            return Err(StoreError::Invalid(
                "this reset link is unknown, used or expired; ask for a new one".into(),
            ));
        };
        let account_id: i64 = row.try_get(0)?;
        sqlx::query("update account set password_hash = $1 where id = $2")
            .bind(new_hash)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.account(account_id)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("no account #{account_id}")))
    }

    // -----------------------------------------------------------------------
    // Sessions
    // -----------------------------------------------------------------------

    /// A session's data, unless it expired.
    pub async fn session_load(&self, id: &str) -> Result<Option<String>> {
        let row = sqlx::query("select data from web_session where id = $1 and expires_at > $2")
            .bind(id)
            .bind(now())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    /// How many sessions are kept.
    pub async fn count_sessions(&self) -> Result<i64> {
        let row = sqlx::query("select count(*) from web_session")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Inserts a new session; false when the id is taken.
    pub async fn session_create(&self, id: &str, data: &str, expires_at: &str) -> Result<bool> {
        let done = sqlx::query(
            "insert into web_session (id, data, expires_at) values ($1, $2, $3) on conflict (id) do nothing",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn session_save(&self, id: &str, data: &str, expires_at: &str) -> Result<()> {
        sqlx::query(
            "insert into web_session (id, data, expires_at) values ($1, $2, $3) \
             on conflict (id) do update set data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn session_delete(&self, id: &str) -> Result<()> {
        sqlx::query("delete from web_session where id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn sessions_expire(&self) -> Result<u64> {
        let done = sqlx::query("delete from web_session where expires_at <= $1")
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    // -----------------------------------------------------------------------
    // Reviews
    // -----------------------------------------------------------------------

    /// Writes an account's review of a film: the first, or a new state of
    /// the one it has, whose earlier state is kept as a revision.
    pub async fn save_review(
        &self,
        account_id: i64,
        film_id: &str,
        text: &ReviewText,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let at = now();
        let existing = sqlx::query(
            "select id, rating, headline, body, spoiler, updated_at from review \
             where account_id = $1 and film_id = $2",
        )
        .bind(account_id)
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
                "insert into review (film_id, account_id, rating, headline, body, spoiler, watched_on, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
            )
            .bind(film_id)
            .bind(account_id)
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
        Ok(id)
    }

    /// Adds a review written elsewhere by `guest`, cited to `source_id`.
    pub async fn import_guest_review(
        &self,
        film_id: &str,
        guest: &str,
        source_id: Option<&str>,
        text: &ReviewText,
        at: &str,
    ) -> Result<i64> {
        Ok(sqlx::query(
            "insert into review (film_id, guest_name, source_id, rating, headline, body, spoiler, watched_on, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
        )
        .bind(film_id)
        .bind(guest)
        .bind(source_id)
        .bind(text.rating.map(|r| i64::from(r.value())))
        .bind(text.headline.as_deref())
        .bind(&text.body)
        .bind(i64::from(text.spoiler))
        .bind(text.watched_on.as_deref())
        .bind(at)
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?)
    }

    /// A film's reviews, newest first; `viewer` is the account reading (for
    /// its likes), 0 for none. Hidden ones are included with their reason.
    pub async fn reviews_of_film(&self, film_id: &str, viewer: i64) -> Result<Vec<Review>> {
        let rows = sqlx::query(&format!(
            "{REVIEW_SELECT} where {} order by r.created_at desc, r.id desc",
            film_ids_clause("r.film_id", "$1")
        ))
        .bind(film_id)
        .bind(viewer)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(review_of).collect()
    }

    /// An account's reviews, newest first.
    pub async fn reviews_by(
        &self,
        account_id: i64,
        viewer: i64,
        limit: i64,
    ) -> Result<Vec<Review>> {
        let rows = sqlx::query(&format!(
            "{REVIEW_SELECT} where r.account_id = $1 order by r.created_at desc, r.id desc limit $3"
        ))
        .bind(account_id)
        .bind(viewer)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(review_of).collect()
    }

    pub async fn review(&self, id: i64, viewer: i64) -> Result<Option<Review>> {
        let row = sqlx::query(&format!("{REVIEW_SELECT} where r.id = $1"))
            .bind(id)
            .bind(viewer)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(review_of).transpose()
    }

    /// The account that wrote a review, if an account did.
    pub async fn review_owner(&self, id: i64) -> Result<Option<i64>> {
        let row = sqlx::query("select account_id from review where id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(row.try_get(0)?),
            None => Err(StoreError::Invalid(format!("no review #{id}"))),
        }
    }

    /// An account's review of a film, if it wrote one.
    pub async fn review_of(&self, account_id: i64, film_id: &str) -> Result<Option<Review>> {
        let row = sqlx::query(&format!(
            "{REVIEW_SELECT} where r.account_id = $1 and r.film_id = $3"
        ))
        .bind(account_id)
        .bind(account_id)
        .bind(film_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(review_of).transpose()
    }

    pub async fn review_revisions(&self, id: i64) -> Result<Vec<ReviewRevision>> {
        let rows = sqlx::query(
            "select at, rating, headline, body, spoiler from review_revision \
             where review_id = $1 order by at desc",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ReviewRevision {
                    at: row.try_get("at")?,
                    rating: rating_of(row, "rating")?,
                    headline: row.try_get("headline")?,
                    body: row.try_get("body")?,
                    spoiler: flag(row, "spoiler")?,
                })
            })
            .collect()
    }

    /// Likes a review, or takes the like back.
    pub async fn like_review(&self, review_id: i64, account_id: i64, like: bool) -> Result<()> {
        if like {
            sqlx::query(
                "insert into review_like (review_id, account_id, at) values ($1, $2, $3) \
                 on conflict (review_id, account_id) do nothing",
            )
            .bind(review_id)
            .bind(account_id)
            .bind(now())
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query("delete from review_like where review_id = $1 and account_id = $2")
                .bind(review_id)
                .bind(account_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Hides a review (with a reason) or shows it again; logged.
    pub async fn hide_review(
        &self,
        review_id: i64,
        moderator: i64,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("review", review_id, moderator, reason).await
    }

    /// Every rating of a film, one per account (its review's, else its
    /// latest viewing's, else its plain rating), plus guests' reviews and
    /// bulk ratings: the counts of 1 to 10.
    pub async fn rating_histogram(&self, film_id: &str) -> Result<[u64; 10]> {
        let clause = |column: &str| film_ids_clause(column, "$1");
        let sql = format!(
            "select rating, count(*) from ( \
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
            let rating: i64 = row.try_get(0)?;
            let count: i64 = row.try_get(1)?;
            if (1..=10).contains(&rating) {
                counts[(rating - 1) as usize] += count.max(0) as u64;
            }
        }
        Ok(counts)
    }

    /// Sets an account's plain rating of a film (none: removes it).
    pub async fn set_rating(
        &self,
        account_id: i64,
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
                .bind(account_id)
                .bind(film_id)
                .bind(i64::from(rating.value()))
                .bind(rated_on)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("delete from film_rating where account_id = $1 and film_id = $2")
                    .bind(account_id)
                    .bind(film_id)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// An account's rating of every film it rated (review, else latest
    /// viewing, else plain rating).
    pub async fn ratings_by(&self, account_id: i64) -> Result<HashMap<String, u8>> {
        let mut ratings = HashMap::new();
        for sql in [
            "select film_id, rating from film_rating where account_id = $1",
            "select film_id, rating from diary_entry where account_id = $1 and rating is not null order by id",
            "select film_id, rating from review where account_id = $1 and rating is not null",
        ] {
            for row in sqlx::query(sql)
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?
            {
                let film: String = row.try_get(0)?;
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
                    by_account.insert((row.try_get(0)?, row.try_get(1)?), rating);
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
            let source: String = row.try_get(0)?;
            let user: String = row.try_get(1)?;
            if let Some(rating) = rating_of(&row, "rating")? {
                all.push((format!("{source}:{user}"), row.try_get(2)?, rating));
            }
        }
        Ok(all)
    }

    // -----------------------------------------------------------------------
    // Diary, watchlist, lists
    // -----------------------------------------------------------------------

    pub async fn add_diary_entry(&self, account_id: i64, entry: &NewDiaryEntry) -> Result<i64> {
        Ok(sqlx::query(
            "insert into diary_entry (account_id, film_id, watched_on, rating, rewatch, tags, review_id, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(account_id)
        .bind(&entry.film_id)
        .bind(&entry.watched_on)
        .bind(entry.rating.map(|r| i64::from(r.value())))
        .bind(i64::from(entry.rewatch))
        .bind(serde_json::to_string(&entry.tags)?)
        .bind(entry.review_id)
        .bind(now())
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?)
    }

    /// Whether an account logged this film on this day already.
    pub async fn has_diary_entry(
        &self,
        account_id: i64,
        film_id: &str,
        watched_on: &str,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "select count(*) from diary_entry where account_id = $1 and film_id = $2 and watched_on = $3",
        )
        .bind(account_id)
        .bind(film_id)
        .bind(watched_on)
        .fetch_one(&self.pool)
        .await?
        .try_get::<i64, _>(0)?
            > 0)
    }

    /// Removes one of an account's diary entries; false if it has no such.
    pub async fn delete_diary_entry(&self, account_id: i64, id: i64) -> Result<bool> {
        let done = sqlx::query("delete from diary_entry where id = $1 and account_id = $2")
            .bind(id)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// An account's diary, latest viewing first.
    pub async fn diary(&self, account_id: i64, limit: i64) -> Result<Vec<DiaryEntry>> {
        let rows = sqlx::query(&format!(
            "{DIARY_SELECT} where d.account_id = $1 order by d.watched_on desc, d.id desc limit $2"
        ))
        .bind(account_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(diary_entry_of).collect()
    }

    /// An account's viewings of one film, latest first.
    pub async fn viewings(&self, account_id: i64, film_id: &str) -> Result<Vec<DiaryEntry>> {
        let rows = sqlx::query(&format!(
            "{DIARY_SELECT} where d.account_id = $1 and d.film_id = $2 \
             order by d.watched_on desc, d.id desc"
        ))
        .bind(account_id)
        .bind(film_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(diary_entry_of).collect()
    }

    /// Whether a film is on an account's watchlist.
    pub async fn on_watchlist(&self, account_id: i64, film_id: &str) -> Result<bool> {
        Ok(
            sqlx::query("select count(*) from watchlist where account_id = $1 and film_id = $2")
                .bind(account_id)
                .bind(film_id)
                .fetch_one(&self.pool)
                .await?
                .try_get::<i64, _>(0)?
                > 0,
        )
    }

    pub async fn set_watchlist(&self, account_id: i64, film_id: &str, on: bool) -> Result<()> {
        if on {
            sqlx::query(
                "insert into watchlist (account_id, film_id, added_at) values ($1, $2, $3) \
                 on conflict (account_id, film_id) do nothing",
            )
            .bind(account_id)
            .bind(film_id)
            .bind(now())
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query("delete from watchlist where account_id = $1 and film_id = $2")
                .bind(account_id)
                .bind(film_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// An account's watchlist: (film, added at), latest first.
    pub async fn watchlist(&self, account_id: i64) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "select film_id, added_at from watchlist where account_id = $1 order by added_at desc, film_id",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect()
    }

    /// Creates a list, or replaces the title, description, visibility and
    /// films of the account's list with this slug.
    pub async fn save_list(
        &self,
        account_id: i64,
        slug: &str,
        title: &str,
        description: &str,
        public: bool,
        items: &[ListItem],
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let at = now();
        let id: i64 = sqlx::query(
            "insert into film_list (account_id, slug, title, description, public, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $6) \
             on conflict (account_id, slug) do update set title = excluded.title, \
             description = excluded.description, public = excluded.public, updated_at = excluded.updated_at \
             returning id",
        )
        .bind(account_id)
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
        Ok(id)
    }

    pub async fn delete_list(&self, account_id: i64, slug: &str) -> Result<bool> {
        let done = sqlx::query("delete from film_list where account_id = $1 and slug = $2")
            .bind(account_id)
            .bind(slug)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// An account's lists (without their films), newest first; private ones
    /// only when `include_private`.
    pub async fn lists_of(&self, account_id: i64, include_private: bool) -> Result<Vec<FilmList>> {
        let rows = sqlx::query(
            "select l.id, a.name, l.slug, l.title, l.description, l.public, l.created_at, l.updated_at \
             from film_list l join account a on a.id = l.account_id \
             where l.account_id = $1 and (l.public = 1 or $2 = 1) order by l.updated_at desc, l.id desc",
        )
        .bind(account_id)
        .bind(i64::from(include_private))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| list_of(row, Vec::new())).collect()
    }

    /// One list with its films in order.
    pub async fn film_list(&self, account_id: i64, slug: &str) -> Result<Option<FilmList>> {
        let row = sqlx::query(
            "select l.id, a.name, l.slug, l.title, l.description, l.public, l.created_at, l.updated_at \
             from film_list l join account a on a.id = l.account_id \
             where l.account_id = $1 and l.slug = $2",
        )
        .bind(account_id)
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
                film_id: item.try_get(0)?,
                note: item.try_get(1)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(Some(list_of(&row, items)?))
    }

    // -----------------------------------------------------------------------
    // Threads and posts
    // -----------------------------------------------------------------------

    /// Starts a thread with its first post; returns the thread's id.
    pub async fn create_thread(
        &self,
        subject: &Subject,
        title: &str,
        first: &NewPost,
    ) -> Result<i64> {
        self.create_thread_from(subject, title, first, None).await
    }

    /// Starts a thread read elsewhere (`source_id`), with its first post.
    pub async fn create_thread_from(
        &self,
        subject: &Subject,
        title: &str,
        first: &NewPost,
        source_id: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let at = first.at.clone().unwrap_or_else(now);
        let (kind, id) = subject.columns();
        let (account, guest) = first.author.columns();
        let thread: i64 = sqlx::query(
            "insert into thread (subject_kind, subject_id, title, account_id, guest_name, created_at, last_post_at, source_id) \
             values ($1, $2, $3, $4, $5, $6, $6, $7) returning id",
        )
        .bind(kind)
        .bind(id)
        .bind(title)
        .bind(account)
        .bind(guest)
        .bind(&at)
        .bind(source_id)
        .fetch_all(&mut *tx)
            .await
            .and_then(first_row)?
        .try_get(0)?;
        insert_post(&mut tx, thread, first, &at).await?;
        tx.commit().await?;
        Ok(thread)
    }

    /// Adds a reply; refused when the thread is locked or archived, or the
    /// quoted post is not in it.
    pub async fn add_post(&self, thread_id: i64, post: &NewPost) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("select locked, archived from thread where id = $1")
            .bind(thread_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("no thread #{thread_id}")))?;
        if flag(&row, "archived")? {
            return Err(StoreError::Conflict(
                "this thread is archived and closed to further replies".into(),
            ));
        }
        if flag(&row, "locked")? {
            return Err(StoreError::Conflict(
                "this thread is locked: it takes no replies".into(),
            ));
        }
        if let Some(quoted) = post.quote_of {
            let found = sqlx::query("select count(*) from post where id = $1 and thread_id = $2")
                .bind(quoted)
                .bind(thread_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get::<i64, _>(0)?;
            if found == 0 {
                return Err(StoreError::Invalid(format!(
                    "post #{quoted} is not in this thread, so it cannot be quoted here"
                )));
            }
        }
        let at = post.at.clone().unwrap_or_else(now);
        let id = insert_post(&mut tx, thread_id, post, &at).await?;
        sqlx::query("update thread set last_post_at = $1 where id = $2 and last_post_at < $1")
            .bind(&at)
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a post as account `by` (its author or a moderator), keeping
    /// its earlier text with who wrote it. Refused in an archived thread.
    pub async fn edit_post(&self, post_id: i64, by: i64, body: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "select p.body, p.created_at, p.edited_at, coalesce(p.edited_by, p.account_id) as writer, \
             p.account_id, t.archived from post p join thread t on t.id = p.thread_id where p.id = $1",
        )
        .bind(post_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::Invalid(format!("no post #{post_id}")))?;
        if flag(&row, "archived")? {
            return Err(StoreError::Conflict(
                "this thread is archived: its posts are kept as they are".into(),
            ));
        }
        let old: String = row.try_get("body")?;
        if old == body {
            return Ok(());
        }
        let written: Option<String> = row.try_get("edited_at")?;
        let written = match written {
            Some(at) => at,
            None => row.try_get("created_at")?,
        };
        // The earlier text is its writer's: the author, or the last editor.
        let writer: Option<i64> = row.try_get("writer")?;
        let author: Option<i64> = row.try_get("account_id")?;
        sqlx::query(
            "insert into post_revision (post_id, at, account_id, body) values ($1, $2, $3, $4)",
        )
        .bind(post_id)
        .bind(written)
        .bind(writer)
        .bind(old)
        .execute(&mut *tx)
        .await?;
        sqlx::query("update post set body = $1, edited_at = $2, edited_by = $3 where id = $4")
            .bind(body)
            .bind(now())
            .bind((author != Some(by)).then_some(by))
            .bind(post_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn post(&self, post_id: i64) -> Result<Option<Post>> {
        let row = sqlx::query(&format!("{POST_SELECT} where p.id = $1"))
            .bind(post_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let number: i64 =
            sqlx::query("select count(*) from post where thread_id = $1 and id <= $2")
                .bind(row.try_get::<i64, _>("thread_id")?)
                .bind(post_id)
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
        Ok(Some(post_of(&row, number)?))
    }

    /// The account that wrote a post, if an account did.
    pub async fn post_owner(&self, post_id: i64) -> Result<Option<i64>> {
        let row = sqlx::query("select account_id from post where id = $1")
            .bind(post_id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(row.try_get(0)?),
            None => Err(StoreError::Invalid(format!("no post #{post_id}"))),
        }
    }

    pub async fn post_revisions(&self, post_id: i64) -> Result<Vec<PostRevision>> {
        let rows = sqlx::query(
            "select v.at, a.name, v.body from post_revision v left join account a on a.id = v.account_id \
             where v.post_id = $1 order by v.at desc",
        )
        .bind(post_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PostRevision {
                    at: row.try_get(0)?,
                    by: row.try_get(1)?,
                    body: row.try_get(2)?,
                })
            })
            .collect()
    }

    pub async fn thread(&self, id: i64) -> Result<Option<Thread>> {
        let row = sqlx::query(&format!("{THREAD_SELECT} where t.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(thread_of).transpose()
    }

    /// The threads about a subject, pinned first, then by last post.
    pub async fn threads_about(&self, subject: &Subject, limit: i64) -> Result<Vec<Thread>> {
        let rows = match subject {
            Subject::Site => {
                sqlx::query(&format!(
                    "{THREAD_SELECT} where t.subject_kind is null \
                     order by t.pinned desc, t.last_post_at desc, t.id desc limit $1"
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
            Subject::Entity { kind, id } => {
                sqlx::query(&format!(
                    "{THREAD_SELECT} where t.subject_kind = $1 and (t.subject_id = $2 or t.subject_id in \
                     (select e.id from entity e where e.kind = $1 and e.redirect_to = $2)) \
                     order by t.pinned desc, t.last_post_at desc, t.id desc limit $3"
                ))
                .bind(kind)
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(thread_of).collect()
    }

    /// Every thread, by last post: the forum's front page.
    pub async fn recent_threads(&self, limit: i64) -> Result<Vec<Thread>> {
        let rows = sqlx::query(&format!(
            "{THREAD_SELECT} order by t.pinned desc, t.last_post_at desc, t.id desc limit $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(thread_of).collect()
    }

    /// A thread's posts in order.
    pub async fn posts(&self, thread_id: i64) -> Result<Vec<Post>> {
        let rows = sqlx::query(&format!(
            "{POST_SELECT} where p.thread_id = $1 order by p.id"
        ))
        .bind(thread_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .zip(1..)
            .map(|(row, number)| post_of(row, number))
            .collect()
    }

    /// Pins, locks or archives a thread (or undoes it), and logs it.
    pub async fn set_thread_state(
        &self,
        thread_id: i64,
        moderator: i64,
        state: ThreadState,
        on: bool,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let column = match state {
            ThreadState::Pinned => "pinned",
            ThreadState::Locked => "locked",
            ThreadState::Archived => "archived",
        };
        let done = sqlx::query(&format!("update thread set {column} = $1 where id = $2"))
            .bind(i64::from(on))
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!("no thread #{thread_id}")));
        }
        let action = match (state, on) {
            (ThreadState::Pinned, true) => "pin",
            (ThreadState::Pinned, false) => "unpin",
            (ThreadState::Locked, true) => "lock",
            (ThreadState::Locked, false) => "unlock",
            (ThreadState::Archived, true) => "archive",
            (ThreadState::Archived, false) => "unarchive",
        };
        log_moderation(
            &mut tx,
            moderator,
            action,
            "thread",
            &thread_id.to_string(),
            reason,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the state a thread imported from elsewhere had there (closed,
    /// archived): not a moderator's act here, so not logged.
    pub async fn set_imported_thread_state(
        &self,
        thread_id: i64,
        locked: bool,
        archived: bool,
    ) -> Result<()> {
        sqlx::query(
            "update thread set locked = $1, archived = $2 where id = $3 and source_id is not null",
        )
        .bind(i64::from(locked))
        .bind(i64::from(archived))
        .bind(thread_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Hides a post with a reason, or shows it again; logged.
    pub async fn hide_post(
        &self,
        post_id: i64,
        moderator: i64,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("post", post_id, moderator, reason).await
    }

    /// Hides a thread with a reason, or shows it again; logged.
    pub async fn hide_thread(
        &self,
        thread_id: i64,
        moderator: i64,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("thread", thread_id, moderator, reason).await
    }

    /// Hides a review, post or thread (`table`, also the log's target kind)
    /// with a reason, or shows it again with none; logged in one
    /// transaction.
    async fn hide(&self, table: &str, id: i64, moderator: i64, reason: Option<&str>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(&format!(
            "update {table} set hidden_reason = $1 where id = $2"
        ))
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!("no {table} #{id}")));
        }
        let action = if reason.is_some() { "hide" } else { "show" };
        log_moderation(
            &mut tx,
            moderator,
            action,
            table,
            &id.to_string(),
            reason.unwrap_or(""),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The public moderation log, newest first.
    pub async fn moderation_log(&self, limit: i64) -> Result<Vec<ModerationEntry>> {
        let rows = sqlx::query(
            "select m.id, m.at, a.name, m.action, m.target_kind, m.target_id, m.reason \
             from moderation m join account a on a.id = m.account_id order by m.id desc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ModerationEntry {
                    id: row.try_get(0)?,
                    at: row.try_get(1)?,
                    moderator: row.try_get(2)?,
                    action: row.try_get(3)?,
                    target_kind: row.try_get(4)?,
                    target_id: row.try_get(5)?,
                    reason: row.try_get(6)?,
                })
            })
            .collect()
    }

    // -----------------------------------------------------------------------
    // Similar films, bulk ratings, the import queue
    // -----------------------------------------------------------------------

    /// A film's similar films, best first.
    pub async fn similar(&self, film_id: &str, limit: i64) -> Result<Vec<Similar>> {
        let rows = sqlx::query(&format!(
            "select other_id, score, reason from film_similar where {} order by score desc, other_id limit $2",
            film_ids_clause("film_id", "$1")
        ))
        .bind(film_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Similar {
                    film_id: row.try_get(0)?,
                    score: row.try_get(1)?,
                    reason: row.try_get(2)?,
                })
            })
            .collect()
    }

    pub async fn count_bulk_ratings(&self) -> Result<i64> {
        Ok(sqlx::query("select count(*) from bulk_rating")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }

    pub async fn add_pending_import(
        &self,
        account_id: i64,
        import_label: &str,
        origin: &str,
        entry: &serde_json::Value,
        candidates: &serde_json::Value,
    ) -> Result<i64> {
        Ok(sqlx::query(
            "insert into import_pending (account_id, import_label, origin, entry, candidates, created_at) \
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(account_id)
        .bind(import_label)
        .bind(origin)
        .bind(entry.to_string())
        .bind(candidates.to_string())
        .bind(now())
        .fetch_all(&self.pool)
            .await
            .and_then(first_row)?
        .try_get(0)?)
    }

    pub async fn pending_imports(&self, account_id: i64) -> Result<Vec<PendingImport>> {
        let rows = sqlx::query(
            "select id, import_label, origin, entry, candidates, created_at from import_pending \
             where account_id = $1 order by id",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let entry: String = row.try_get(3)?;
                let candidates: String = row.try_get(4)?;
                Ok(PendingImport {
                    id: row.try_get(0)?,
                    import_label: row.try_get(1)?,
                    origin: row.try_get(2)?,
                    entry: serde_json::from_str(&entry)?,
                    candidates: serde_json::from_str(&candidates)?,
                    created_at: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// Takes a row off an account's queue, returning it; none if the
    /// account has no such row.
    pub async fn take_pending_import(
        &self,
        account_id: i64,
        id: i64,
    ) -> Result<Option<PendingImport>> {
        let pending = self
            .pending_imports(account_id)
            .await?
            .into_iter()
            .find(|pending| pending.id == id);
        if pending.is_some() {
            sqlx::query("delete from import_pending where id = $1 and account_id = $2")
                .bind(id)
                .bind(account_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(pending)
    }
}

/// What a moderator can set on a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadState {
    Pinned,
    Locked,
    Archived,
}

fn list_of(row: &AnyRow, items: Vec<ListItem>) -> Result<FilmList> {
    Ok(FilmList {
        id: row.try_get("id")?,
        account: row.try_get("name")?,
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        public: flag(row, "public")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        items,
    })
}

async fn insert_post(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    thread_id: i64,
    post: &NewPost,
    at: &str,
) -> Result<i64> {
    let (account, guest) = post.author.columns();
    Ok(sqlx::query(
        "insert into post (thread_id, account_id, guest_name, body, quote_of, reposts, source_id, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(thread_id)
    .bind(account)
    .bind(guest)
    .bind(&post.body)
    .bind(post.quote_of)
    .bind(serde_json::to_string(&post.reposts)?)
    .bind(post.source_id.as_deref())
    .bind(at)
    .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
    .try_get(0)?)
}

async fn log_moderation(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    moderator: i64,
    action: &str,
    target_kind: &str,
    target_id: &str,
    reason: &str,
) -> Result<()> {
    sqlx::query(
        "insert into moderation (at, account_id, action, target_kind, target_id, reason) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now())
    .bind(moderator)
    .bind(action)
    .bind(target_kind)
    .bind(target_id)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The community's tables in the order their rows may be written (those
/// referred to first), each with its columns: `i` integer, `t` text, `r`
/// real. Sessions and reset tokens are not copied: they belong to one
/// server's users signing in now.
const COMMUNITY_TABLES: &[(&str, &[(&str, char)])] = &[
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
            let rows = sqlx::query(&select).fetch_all(&self.pool).await?;
            let placeholders: Vec<String> = (1..=names.len()).map(|n| format!("${n}")).collect();
            let insert = format!(
                "insert into {table} ({}) values ({})",
                names.join(", "),
                placeholders.join(", ")
            );
            for row in &rows {
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
