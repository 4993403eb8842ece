//! Threads and their posts (with revisions, quotes and reposts), and
//! moderation: pinning, locking, hiding, and the public log of it.

use sqlx::Row;

use crate::sql::first_row;
use crate::{Result, Store, StoreError, now};

use super::*;

impl Store {
    /// Starts a thread with its first post; returns the thread's id.
    pub async fn create_thread(
        &self,
        subject: &Subject,
        title: &str,
        first: &NewPost,
    ) -> Result<ThreadId> {
        self.create_thread_from(subject, title, first, None).await
    }

    /// Starts a thread read elsewhere (`source_id`), with its first post.
    pub async fn create_thread_from(
        &self,
        subject: &Subject,
        title: &str,
        first: &NewPost,
        source_id: Option<&str>,
    ) -> Result<ThreadId> {
        let mut tx = self.begin_write().await?;
        let at = first.at.unwrap_or_else(Timestamp::now).rfc3339();
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
        let thread = ThreadId(thread);
        insert_post(&mut tx, thread, first, &at).await?;
        tx.commit().await?;
        Ok(thread)
    }

    /// Adds a reply; refused when the thread is locked or archived, or the
    /// quoted post is not in it.
    pub async fn add_post(&self, thread_id: ThreadId, post: &NewPost) -> Result<PostId> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("select locked, archived from thread where id = $1")
            .bind(thread_id.get())
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
                .bind(quoted.get())
                .bind(thread_id.get())
                .fetch_one(&mut *tx)
                .await?
                .try_get::<i64, _>(0)?;
            if found == 0 {
                return Err(StoreError::Invalid(format!(
                    "post #{quoted} is not in this thread, so it cannot be quoted here"
                )));
            }
        }
        let at = post.at.unwrap_or_else(Timestamp::now).rfc3339();
        let id = insert_post(&mut tx, thread_id, post, &at).await?;
        sqlx::query("update thread set last_post_at = $1 where id = $2 and last_post_at < $1")
            .bind(&at)
            .bind(thread_id.get())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a post as account `by` (its author or a moderator), keeping
    /// its earlier text with who wrote it. Refused in an archived thread.
    pub async fn edit_post(&self, post_id: PostId, by: AccountId, body: &str) -> Result<()> {
        let by = by.get();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "select p.body, p.created_at, p.edited_at, coalesce(p.edited_by, p.account_id) as writer, \
             p.account_id, t.archived from post p join thread t on t.id = p.thread_id where p.id = $1",
        )
        .bind(post_id.get())
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
        .bind(post_id.get())
        .bind(written)
        .bind(writer)
        .bind(old)
        .execute(&mut *tx)
        .await?;
        sqlx::query("update post set body = $1, edited_at = $2, edited_by = $3 where id = $4")
            .bind(body)
            .bind(now())
            .bind((author != Some(by)).then_some(by))
            .bind(post_id.get())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn post(&self, post_id: PostId) -> Result<Option<Post>> {
        let row = sqlx::query(&format!("{POST_SELECT} where p.id = $1"))
            .bind(post_id.get())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let number: i64 =
            sqlx::query("select count(*) from post where thread_id = $1 and id <= $2")
                .bind(row.try_get::<i64, _>("thread_id")?)
                .bind(post_id.get())
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
        Ok(Some(post_of(&row, number)?))
    }

    /// The account that wrote a post, if an account did.
    pub async fn post_owner(&self, post_id: PostId) -> Result<Option<AccountId>> {
        let row = sqlx::query("select account_id from post where id = $1")
            .bind(post_id.get())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(row.try_get::<Option<i64>, _>("account_id")?.map(AccountId)),
            None => Err(StoreError::Invalid(format!("no post #{post_id}"))),
        }
    }

    pub async fn post_revisions(&self, post_id: PostId) -> Result<Vec<PostRevision>> {
        let rows = sqlx::query(
            "select v.at, a.name, v.body from post_revision v left join account a on a.id = v.account_id \
             where v.post_id = $1 order by v.at desc",
        )
        .bind(post_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PostRevision {
                    at: moment_of(row, "at")?,
                    by: row.try_get("name")?,
                    body: row.try_get("body")?,
                })
            })
            .collect()
    }

    pub async fn thread(&self, id: ThreadId) -> Result<Option<Thread>> {
        let row = sqlx::query(&format!("{THREAD_SELECT} where t.id = $1"))
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(thread_of).transpose()
    }

    /// The threads about a subject, pinned first, then by last post.
    pub async fn threads_about(&self, subject: &Subject, limit: i64) -> Result<Vec<Thread>> {
        if let Subject::Entity { kind, id } = subject {
            crate::built_from::note_community(kind, id);
        }
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
        rows.iter()
            .map(|row| {
                let thread = thread_of(row)?;
                // A thread about an entity merged into this one.
                if let Subject::Entity { kind, id } = &thread.subject {
                    crate::built_from::note_community(kind, id);
                }
                Ok(thread)
            })
            .collect()
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
    pub async fn posts(&self, thread_id: ThreadId) -> Result<Vec<Post>> {
        let rows = sqlx::query(&format!(
            "{POST_SELECT} where p.thread_id = $1 order by p.id"
        ))
        .bind(thread_id.get())
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
        thread_id: ThreadId,
        moderator: AccountId,
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
            .bind(thread_id.get())
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
        thread_id: ThreadId,
        locked: bool,
        archived: bool,
        stated_replies: Option<i64>,
    ) -> Result<()> {
        sqlx::query(
            "update thread set locked = $1, archived = $2, stated_replies = $3 \
             where id = $4 and source_id is not null",
        )
        .bind(i64::from(locked))
        .bind(i64::from(archived))
        .bind(stated_replies)
        .bind(thread_id.get())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Hides a post with a reason, or shows it again; logged.
    pub async fn hide_post(
        &self,
        post_id: PostId,
        moderator: AccountId,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("post", post_id.get(), moderator, reason).await
    }

    /// Hides a thread with a reason, or shows it again; logged.
    pub async fn hide_thread(
        &self,
        thread_id: ThreadId,
        moderator: AccountId,
        reason: Option<&str>,
    ) -> Result<()> {
        self.hide("thread", thread_id.get(), moderator, reason)
            .await
    }

    /// Hides a review, post or thread (`table`, also the log's target kind)
    /// with a reason, or shows it again with none; logged in one
    /// transaction.
    pub(crate) async fn hide(
        &self,
        table: &str,
        id: i64,
        moderator: AccountId,
        reason: Option<&str>,
    ) -> Result<()> {
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
                    id: ModerationId(row.try_get("id")?),
                    at: moment_of(row, "at")?,
                    moderator: row.try_get("name")?,
                    action: row.try_get("action")?,
                    target_kind: row.try_get("target_kind")?,
                    target_id: row.try_get("target_id")?,
                    reason: row.try_get("reason")?,
                })
            })
            .collect()
    }

    // -----------------------------------------------------------------------
    // Similar films, bulk ratings, the import queue
    // -----------------------------------------------------------------------
}

pub(crate) async fn insert_post(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    thread_id: ThreadId,
    post: &NewPost,
    at: &str,
) -> Result<PostId> {
    let (account, guest) = post.author.columns();
    // A member writes now; a post read elsewhere was written when its page
    // says, or at a time no one knows.
    let written_at = match (&post.author, post.at) {
        (Author::Account(_), _) => Some(at.to_owned()),
        (Author::Guest(_), at) => at.map(Timestamp::rfc3339),
    };
    Ok(PostId(sqlx::query(
        "insert into post (thread_id, account_id, guest_name, body, quote_of, reposts, source_id, created_at, \
         written_at, gap_before) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
    )
    .bind(thread_id.get())
    .bind(account)
    .bind(guest)
    .bind(&post.body)
    .bind(post.quote_of.map(PostId::get))
    .bind(serde_json::to_string(&post.reposts)?)
    .bind(post.source_id.as_deref())
    .bind(at)
    .bind(written_at)
    .bind(post.gap_before.as_deref())
    .fetch_all(&mut **tx)
            .await
            .and_then(first_row)?
    .try_get(0)?))
}

pub(crate) async fn log_moderation(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    moderator: AccountId,
    action: &str,
    target_kind: &str,
    target_id: &str,
    reason: &str,
) -> Result<()> {
    sqlx::query(
        "insert into moderation (at, account_id, action, target_kind, target_id, reason) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now())
    .bind(moderator.get())
    .bind(action)
    .bind(target_kind)
    .bind(target_id)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
