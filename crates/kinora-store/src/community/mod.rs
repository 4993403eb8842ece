//! The community's tables: accounts and sessions, reviews, diaries, lists,
//! threads and posts, the moderation log, similar films, bulk ratings and
//! the import review queue.
//!
//! Unlike the catalog, these rows are not documents with an edit log: a
//! review or a post keeps its earlier states in a revision table instead,
//! and what moderators do is written to a public log. Rows name catalog
//! entities by id; reading "the reviews of a film" also reads those of the
//! films merged into it.

use kinora_core::community::{
    AccountId, DiaryEntryId, Handle, ListId, ModerationId, PendingImportId, PostId, Rating,
    ReviewId, Role, ThreadId, Timestamp,
};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

pub(crate) use crate::decode::{moment_of, moment_or_none};
use crate::{Result, StoreError};

mod accounts;
pub(crate) mod copy;
mod diary;
mod proposals;
pub use proposals::{NewProposal, Proposal, ProposalAction};
mod queue;
mod reviews;
mod threads;

/// Who wrote a review, a thread or a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Account(AccountId),
    /// Someone elsewhere, by the name they used there: a review or a post
    /// imported from another site.
    Guest(String),
}

impl Author {
    fn columns(&self) -> (Option<i64>, Option<&str>) {
        match self {
            Author::Account(id) => (Some(id.get()), None),
            Author::Guest(name) => (None, Some(name.as_str())),
        }
    }
}

/// An account, as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub bio: String,
    pub created_at: Timestamp,
    pub disabled: bool,
    /// ISO 3166 alpha-2: where the member watches films, for "available
    /// in my country".
    pub country: Option<String>,
    /// The member's own picture.
    pub avatar: Option<kinora_core::image::FileHash>,
    /// The interface's language the member chose (`en`, `ko`).
    pub lang: Option<String>,
    /// How the member wants titles and names shown first (`local`,
    /// `original`, `romanized`).
    pub name_style: Option<String>,
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
    pub id: ReviewId,
    pub film_id: String,
    pub author: Byline,
    pub source_id: Option<String>,
    pub rating: Option<Rating>,
    pub headline: Option<String>,
    pub body: String,
    pub spoiler: bool,
    pub watched_on: Option<String>,
    /// When Kinora recorded it.
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When its author wrote it: none for a review read elsewhere whose
    /// page gives no date.
    pub written_at: Option<Timestamp>,
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
    pub at: Timestamp,
    pub rating: Option<Rating>,
    pub headline: Option<String>,
    pub body: String,
    pub spoiler: bool,
}

/// One viewing in a diary.
#[derive(Debug, Clone, Serialize)]
pub struct DiaryEntry {
    pub id: DiaryEntryId,
    pub account: String,
    pub film_id: String,
    pub watched_on: String,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review_id: Option<ReviewId>,
    pub created_at: Timestamp,
}

/// A viewing to log.
#[derive(Debug, Clone)]
pub struct NewDiaryEntry {
    pub film_id: String,
    pub watched_on: String,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review_id: Option<ReviewId>,
}

/// A list of films.
#[derive(Debug, Clone, Serialize)]
pub struct FilmList {
    pub id: ListId,
    pub account: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub public: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
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
    pub id: ThreadId,
    pub subject: Subject,
    pub title: String,
    pub author: Byline,
    pub created_at: Timestamp,
    pub last_post_at: Timestamp,
    pub posts: i64,
    pub pinned: bool,
    pub locked: bool,
    pub archived: bool,
    pub hidden_reason: Option<String>,
    pub source_id: Option<String>,
    /// The number of replies the page it was read from states (it may
    /// hold fewer).
    pub stated_replies: Option<i64>,
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
    pub id: PostId,
    pub thread_id: ThreadId,
    /// Its place in the thread, from 1.
    pub number: i64,
    pub author: Byline,
    pub body: String,
    pub quote_of: Option<PostId>,
    pub reposts: Vec<Repost>,
    pub source_id: Option<String>,
    /// When Kinora recorded it.
    pub created_at: Timestamp,
    /// When its author wrote it: none for a post read elsewhere whose page
    /// gives no date.
    pub written_at: Option<Timestamp>,
    /// What the page it was read from shows before it, such as "1 month
    /// later…".
    pub gap_before: Option<String>,
    pub edited_at: Option<Timestamp>,
    /// Who made the current text, when it is not the author.
    pub edited_by: Option<String>,
    pub hidden_reason: Option<String>,
    pub revisions: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostRevision {
    pub at: Timestamp,
    pub by: Option<String>,
    pub body: String,
}

/// A post to add.
#[derive(Debug, Clone)]
pub struct NewPost {
    pub author: Author,
    pub body: String,
    pub quote_of: Option<PostId>,
    pub reposts: Vec<Repost>,
    /// Where an imported post was read.
    pub source_id: Option<String>,
    /// When it was written, for imported posts, if their page says; a
    /// member's post is written now.
    pub at: Option<Timestamp>,
    /// What the page an imported post was read from shows before it.
    pub gap_before: Option<String>,
}

/// One line of the public moderation log.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationEntry {
    pub id: ModerationId,
    pub at: Timestamp,
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
    pub id: PendingImportId,
    pub import_label: String,
    pub origin: String,
    pub entry: serde_json::Value,
    pub candidates: serde_json::Value,
    pub created_at: Timestamp,
}

pub(crate) fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// A rating column: a rating from 1 to 10 or none; any other value is an
/// error naming the column, not a rating made up.
pub(crate) fn rating_of(row: &AnyRow, column: &str) -> Result<Option<Rating>> {
    row.try_get::<Option<i64>, _>(column)?
        .map(|value| {
            Rating::new(value)
                .map_err(|error| StoreError::Invalid(format!("{column} in the store: {error}")))
        })
        .transpose()
}

pub(crate) fn role_of(text: &str) -> Result<Role> {
    Role::parse(text).map_err(StoreError::Invalid)
}

pub(crate) fn byline(row: &AnyRow) -> Result<Byline> {
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

pub(crate) const DIARY_SELECT: &str = "select d.id, a.name, d.film_id, d.watched_on, d.rating, d.rewatch, \
     d.tags, d.review_id, d.created_at from diary_entry d join account a on a.id = d.account_id";

pub(crate) fn diary_entry_of(row: &AnyRow) -> Result<DiaryEntry> {
    let tags: String = row.try_get("tags")?;
    Ok(DiaryEntry {
        id: DiaryEntryId(row.try_get("id")?),
        account: row.try_get("name")?,
        film_id: row.try_get("film_id")?,
        watched_on: row.try_get("watched_on")?,
        rating: rating_of(row, "rating")?,
        rewatch: flag(row, "rewatch")?,
        tags: serde_json::from_str(&tags)?,
        review_id: row.try_get::<Option<i64>, _>("review_id")?.map(ReviewId),
        created_at: moment_of(row, "created_at")?,
    })
}

pub(crate) fn credentials_of(row: &AnyRow) -> Result<Credentials> {
    Ok(Credentials {
        account: account_of(row)?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
    })
}

pub(crate) fn account_of(row: &AnyRow) -> Result<Account> {
    Ok(Account {
        id: AccountId(row.try_get("id")?),
        name: row.try_get("name")?,
        display_name: row.try_get("display_name")?,
        role: role_of(&row.try_get::<String, _>("role")?)?,
        bio: row.try_get("bio")?,
        created_at: moment_of(row, "created_at")?,
        disabled: flag(row, "disabled")?,
        country: row.try_get("country")?,
        avatar: match row.try_get::<Option<String>, _>("avatar")? {
            Some(file) => {
                Some(kinora_core::image::FileHash::parse(&file).map_err(StoreError::Invalid)?)
            }
            None => None,
        },
        lang: row.try_get("lang")?,
        name_style: row.try_get("name_style")?,
    })
}

pub(crate) const ACCOUNT_COLUMNS: &str =
    "id, name, display_name, role, bio, created_at, disabled, country, avatar, lang, name_style";

pub(crate) const REVIEW_SELECT: &str = "select r.id, r.film_id, r.source_id, r.rating, r.headline, r.body, \
     r.spoiler, r.watched_on, r.created_at, r.updated_at, r.written_at, r.hidden_reason, r.guest_name, \
     a.name as author_name, a.display_name as author_display, \
     (select count(*) from review_like l where l.review_id = r.id) as likes, \
     (select count(*) from review_like l where l.review_id = r.id and l.account_id = $2) as liked, \
     (select count(*) from review_revision v where v.review_id = r.id) as revisions \
     from review r left join account a on a.id = r.account_id";

pub(crate) const THREAD_SELECT: &str = "select t.id, t.subject_kind, t.subject_id, t.title, t.created_at, \
     t.last_post_at, t.pinned, t.locked, t.archived, t.hidden_reason, t.guest_name, t.source_id, \
     t.stated_replies, \
     a.name as author_name, a.display_name as author_display, \
     (select count(*) from post p where p.thread_id = t.id) as posts \
     from thread t left join account a on a.id = t.account_id";

/// A post's number in its thread is not selected: `posts` counts them as
/// it reads a thread in order, `post` asks for the one it needs.
pub(crate) const POST_SELECT: &str = "select p.id, p.thread_id, p.body, p.quote_of, p.reposts, p.source_id, \
     p.created_at, p.written_at, p.gap_before, p.edited_at, e.name as editor, \
     p.hidden_reason, p.guest_name, a.name as author_name, a.display_name as author_display, \
     (select count(*) from post_revision v where v.post_id = p.id) as revisions \
     from post p left join account a on a.id = p.account_id \
     left join account e on e.id = p.edited_by";

pub(crate) fn review_of(row: &AnyRow) -> Result<Review> {
    Ok(Review {
        id: ReviewId(row.try_get("id")?),
        film_id: row.try_get("film_id")?,
        author: byline(row)?,
        source_id: row.try_get("source_id")?,
        rating: rating_of(row, "rating")?,
        headline: row.try_get("headline")?,
        body: row.try_get("body")?,
        spoiler: flag(row, "spoiler")?,
        watched_on: row.try_get("watched_on")?,
        created_at: moment_of(row, "created_at")?,
        updated_at: moment_of(row, "updated_at")?,
        written_at: moment_or_none(row, "written_at")?,
        hidden_reason: row.try_get("hidden_reason")?,
        likes: row.try_get("likes")?,
        liked: row.try_get::<i64, _>("liked")? > 0,
        revisions: row.try_get("revisions")?,
    })
}

pub(crate) fn thread_of(row: &AnyRow) -> Result<Thread> {
    let kind: Option<String> = row.try_get("subject_kind")?;
    let id: Option<String> = row.try_get("subject_id")?;
    Ok(Thread {
        id: ThreadId(row.try_get("id")?),
        subject: match (kind, id) {
            (Some(kind), Some(id)) => Subject::Entity { kind, id },
            _ => Subject::Site,
        },
        title: row.try_get("title")?,
        author: byline(row)?,
        created_at: moment_of(row, "created_at")?,
        last_post_at: moment_of(row, "last_post_at")?,
        posts: row.try_get("posts")?,
        pinned: flag(row, "pinned")?,
        locked: flag(row, "locked")?,
        archived: flag(row, "archived")?,
        hidden_reason: row.try_get("hidden_reason")?,
        source_id: row.try_get("source_id")?,
        stated_replies: row.try_get("stated_replies")?,
    })
}

pub(crate) fn post_of(row: &AnyRow, number: i64) -> Result<Post> {
    Ok(Post {
        id: PostId(row.try_get("id")?),
        thread_id: ThreadId(row.try_get("thread_id")?),
        number,
        author: byline(row)?,
        body: row.try_get("body")?,
        quote_of: row.try_get::<Option<i64>, _>("quote_of")?.map(PostId),
        reposts: serde_json::from_str(&row.try_get::<String, _>("reposts")?)?,
        source_id: row.try_get("source_id")?,
        created_at: moment_of(row, "created_at")?,
        written_at: moment_or_none(row, "written_at")?,
        gap_before: row.try_get("gap_before")?,
        edited_at: moment_or_none(row, "edited_at")?,
        edited_by: row.try_get("editor")?,
        hidden_reason: row.try_get("hidden_reason")?,
        revisions: row.try_get("revisions")?,
    })
}

pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
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
pub(crate) fn film_ids_clause(column: &str, parameter: &str) -> String {
    format!(
        "({column} = {parameter} or {column} in \
         (select id from entity where kind = 'film' and redirect_to = {parameter}))"
    )
}

/// What a moderator can set on a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadState {
    Pinned,
    Locked,
    Archived,
}
