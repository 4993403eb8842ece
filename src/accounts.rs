//! Accounts: passwords hashed with argon2id, sign-up checks, reset tokens.
//! Used by the web layer and by `kinora user`.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use kinora_core::community::AccountId;
use kinora_core::community::{Handle, Role};
use kinora_store::Store;
use kinora_store::community::{Account, NewAccount};
use sha2::{Digest, Sha256};

/// Why an account could not be made or used.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] kinora_store::StoreError),
    #[error("password hashing failed: {0}")]
    Hashing(String),
}

/// How long a password-reset link works.
pub const RESET_HOURS: i64 = 24;

/// Checks a new password: 10 to 200 characters, not the account name.
pub fn check_password(password: &str, name: &str) -> Result<(), AccountError> {
    let length = password.chars().count();
    if length < 10 {
        return Err(AccountError::Invalid(format!(
            "a password has at least 10 characters; this one has {length}"
        )));
    }
    if length > 200 {
        return Err(AccountError::Invalid(
            "a password has at most 200 characters".into(),
        ));
    }
    if password.eq_ignore_ascii_case(name) {
        return Err(AccountError::Invalid(
            "a password cannot be the account's name".into(),
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id and a fresh salt (a PHC string). Slow
/// on purpose: call it off the async threads.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| AccountError::Hashing(error.to_string()))
}

/// Whether `password` matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Hashes on a blocking thread.
pub async fn hash_password_async(password: String) -> Result<String, AccountError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|error| AccountError::Hashing(error.to_string()))?
}

/// Verifies on a blocking thread. Without a hash, a dummy one is checked
/// so that an unknown name takes as long as a wrong password.
pub async fn verify_password_async(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

/// A random token: 32 bytes, base64url.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A short fingerprint of a password hash, kept in a session: when the
/// password changes, sessions made with the old one no longer match.
pub fn session_fingerprint(password_hash: Option<&str>) -> String {
    token_hash(password_hash.unwrap_or(""))[..16].to_owned()
}

/// What a sign-up form or `kinora user add` gives.
pub struct SignUp {
    pub name: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    /// A sign-up by a visitor: an email another account has is left out
    /// rather than refused, so that signing up tells nobody which emails
    /// are registered. (An operator's `kinora user add` is told.)
    pub by_visitor: bool,
}

/// Checks and creates an account.
pub async fn create_account(store: &Store, sign_up: SignUp) -> Result<Account, AccountError> {
    let name = Handle::parse(&sign_up.name).map_err(AccountError::Invalid)?;
    check_password(&sign_up.password, name.as_str())?;
    let email = sign_up.email.trim();
    let email = if email.is_empty() {
        None
    } else if email.contains('@') && !email.contains(char::is_whitespace) && email.len() <= 200 {
        Some(email.to_owned())
    } else {
        return Err(AccountError::Invalid(format!(
            "`{email}` is not an email address"
        )));
    };
    let display_name = sign_up.display_name.trim();
    let display_name = if display_name.is_empty() {
        name.as_str().to_owned()
    } else if display_name.chars().count() > 60 {
        return Err(AccountError::Invalid(
            "a display name has at most 60 characters".into(),
        ));
    } else {
        display_name.to_owned()
    };
    let email = match email {
        Some(email) if sign_up.by_visitor && store.credentials(&email).await?.is_some() => None,
        email => email,
    };
    let password_hash = hash_password_async(sign_up.password).await?;
    store
        .create_account(&NewAccount {
            name,
            display_name,
            email,
            password_hash: Some(password_hash),
            role: sign_up.role,
        })
        .await
        .map_err(|error| match error {
            kinora_store::StoreError::Conflict(message) => AccountError::Conflict(message),
            other => other.into(),
        })
}

/// Makes a reset token for an account and keeps its hash; returns the
/// token, for a link `/reset-password?token=…`.
pub async fn reset_token(store: &Store, account_id: AccountId) -> Result<String, AccountError> {
    let token = random_token();
    let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(RESET_HOURS);
    let expires = expires
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|error| AccountError::Hashing(error.to_string()))?;
    store
        .create_password_reset(account_id, &token_hash(&token), &expires)
        .await?;
    Ok(token)
}

/// Sets a new password with a reset token.
pub async fn reset_password(
    store: &Store,
    token: &str,
    password: &str,
) -> Result<Account, AccountError> {
    // The name is checked after: a reset token names no account until used.
    check_password(password, "")?;
    // The token first: hashing a password is slow on purpose, and is done
    // only for a link that can still be used.
    if !store.password_reset_open(&token_hash(token)).await? {
        return Err(AccountError::Invalid(
            "this reset link is unknown, used or expired; ask for a new one".into(),
        ));
    }
    let hash = hash_password_async(password.to_owned()).await?;
    store
        .use_password_reset(&token_hash(token), &hash)
        .await
        .map_err(|error| match error {
            kinora_store::StoreError::Invalid(message) => AccountError::Invalid(message),
            other => other.into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert_ne!(
            hash,
            hash_password("correct horse battery").unwrap(),
            "salted"
        );
    }

    #[test]
    fn password_rules() {
        assert!(check_password("short", "ada").is_err());
        assert!(check_password("adalovelace", "AdaLovelace").is_err());
        assert!(check_password("long enough words", "ada").is_ok());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
