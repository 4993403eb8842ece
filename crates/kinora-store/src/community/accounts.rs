//! Accounts (names, roles, passwords, avatars, password resets) and the
//! sessions of members signed in.

use kinora_core::community::Role;
use sqlx::Row;

use crate::sql::first_row;
use crate::{Result, Store, StoreError, now};

use super::threads::log_moderation;
use super::*;

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

    pub async fn account(&self, id: AccountId) -> Result<Option<Account>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS} from account where id = $1"
        ))
        .bind(id.get())
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
    pub async fn credentials_by_id(&self, id: AccountId) -> Result<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "select {ACCOUNT_COLUMNS}, email, password_hash from account where id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| credentials_of(&row)).transpose()
    }

    /// The password hash of an account, to check a session against.
    pub async fn password_hash(&self, account_id: AccountId) -> Result<Option<String>> {
        let row = sqlx::query("select password_hash from account where id = $1")
            .bind(account_id.get())
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

    pub async fn set_password(&self, account_id: AccountId, hash: &str) -> Result<()> {
        let done = sqlx::query("update account set password_hash = $1 where id = $2")
            .bind(hash)
            .bind(account_id.get())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!("no account #{account_id}")));
        }
        Ok(())
    }

    pub async fn set_profile(
        &self,
        account_id: AccountId,
        display_name: &str,
        bio: &str,
        country: Option<&str>,
    ) -> Result<()> {
        sqlx::query("update account set display_name = $1, bio = $2, country = $3 where id = $4")
            .bind(display_name)
            .bind(bio)
            .bind(country)
            .bind(account_id.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps a member's choices for reading: the interface's language and
    /// how titles and names are shown (`None`: the browser chooses).
    pub async fn set_reading(
        &self,
        account_id: AccountId,
        lang: Option<&str>,
        name_style: Option<&str>,
    ) -> Result<()> {
        sqlx::query("update account set lang = $1, name_style = $2 where id = $3")
            .bind(lang)
            .bind(name_style)
            .bind(account_id.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets or clears a member's picture; the file must be stored already.
    pub async fn set_avatar(
        &self,
        account_id: AccountId,
        avatar: Option<&kinora_core::image::FileHash>,
    ) -> Result<()> {
        sqlx::query("update account set avatar = $1 where id = $2")
            .bind(avatar.map(|file| file.as_str()))
            .bind(account_id.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives an account a role, and logs it.
    pub async fn set_role(
        &self,
        account_id: AccountId,
        role: Role,
        by: Option<AccountId>,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update account set role = $1 where id = $2")
            .bind(role.as_str())
            .bind(account_id.get())
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
        account_id: AccountId,
        token_hash: &str,
        expires_at: &str,
    ) -> Result<()> {
        sqlx::query(
            "insert into password_reset (token_hash, account_id, created_at, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(account_id.get())
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
        let account_id = AccountId(row.try_get("account_id")?);
        sqlx::query("update account set password_hash = $1 where id = $2")
            .bind(new_hash)
            .bind(account_id.get())
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
}
