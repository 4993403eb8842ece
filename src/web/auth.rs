//! Who is asking, and whether they may: server-side sessions in the store,
//! the `Viewer` extractor, CSRF protection for every state-changing request,
//! and sign-in rate limits.
//!
//! Sessions are tower-sessions' with our own `SessionStore` over the
//! Kinora store (one table, `web_session`, on either database), so that
//! any instance can answer any request. The cookie holds only a random id;
//! it is HttpOnly and SameSite=Lax, and Secure when the server's public URL
//! is https.
//!
//! CSRF: a form carries the session's token (the synchronizer-token
//! pattern); `csrf_guard` refuses a POST to a page route whose token is
//! missing or wrong, before any handler runs. The JSON API takes only
//! `application/json` bodies (or uploads it names), which a page on another
//! site cannot send without a CORS preflight that Kinora never grants; and
//! a request whose `Origin` is another site is refused everywhere.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use kinora_core::community::{AccountId, Role};
use kinora_store::Store;
use kinora_store::community::Account;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use super::{AppState, WebError};
use crate::accounts;

/// The cookie that carries a member's session id.
pub const SESSION_COOKIE: &str = "kinora_session";

/// The cookie that carries a visitor's form token, before any session:
/// the forms a visitor fills (sign in, sign up, reset) carry the same
/// token, and `csrf_guard` checks that they match (a double-submit token),
/// so a page elsewhere, which can neither read nor set it, cannot post them.
pub const VISITOR_COOKIE: &str = "kinora_form";

/// A visitor's new form token, set as a cookie with the page that shows
/// the form.
pub struct FormCookie(Option<String>);

impl axum::response::IntoResponseParts for FormCookie {
    type Error = std::convert::Infallible;

    fn into_response_parts(
        self,
        mut parts: axum::response::ResponseParts,
    ) -> Result<axum::response::ResponseParts, Self::Error> {
        if let Some(cookie) = self.0.and_then(|cookie| cookie.parse().ok()) {
            parts.headers_mut().append(header::SET_COOKIE, cookie);
        }
        Ok(parts)
    }
}

/// The visitor's form token from its cookie, if it has one that looks like
/// a token.
fn visitor_token(headers: &HeaderMap) -> Option<String> {
    super::reading::cookie(headers, VISITOR_COOKIE)
        .map(str::to_owned)
        .filter(|token| {
            token.len() >= 32
                && token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        })
}

const ACCOUNT_KEY: &str = "account";
const CSRF_KEY: &str = "csrf";
/// The form field and header that carry the CSRF token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The longest form body the CSRF check reads.
const FORM_LIMIT: usize = 1 << 20;

/// Sessions kept in the Kinora store.
#[derive(Clone, Debug)]
pub struct StoreSessions(pub Store);

/// A session store's error. tower-sessions carries it only as text: a
/// store outage (a full disk, a database away) is named at its start by
/// the mark `WebError::from` reads back, so that it is answered 507 or 503
/// as every other write is, not 500.
fn backend<E: std::fmt::Display + 'static>(error: E) -> session_store::Error {
    let outage = (&error as &dyn std::any::Any)
        .downcast_ref::<kinora_store::StoreError>()
        .and_then(kinora_store::StoreError::outage);
    session_store::Error::Backend(match outage {
        Some(outage) => format!("{}{error}", super::error::outage_mark(outage)),
        None => error.to_string(),
    })
}

fn expiry_text(record: &Record) -> session_store::Result<String> {
    record.expiry_date.format(&Rfc3339).map_err(backend)
}

#[async_trait::async_trait]
impl SessionStore for StoreSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data).map_err(backend)?;
        let expiry = expiry_text(record)?;
        // A new id until one is free (a clash of 128-bit ids is unheard of).
        loop {
            if self
                .0
                .session_create(&record.id.to_string(), &data, &expiry)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data).map_err(backend)?;
        self.0
            .session_save(&record.id.to_string(), &data, &expiry_text(record)?)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(data) = self
            .0
            .session_load(&id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            // tower-sessions sets the expiry again on each save.
            expiry_date: OffsetDateTime::now_utc() + time::Duration::days(30),
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0
            .session_delete(&id.to_string())
            .await
            .map_err(backend)
    }
}

/// The session layer: a 30-day session renewed as it is used.
pub fn session_layer(store: Store, secure: bool) -> SessionManagerLayer<StoreSessions> {
    SessionManagerLayer::new(StoreSessions(store))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(30)))
}

/// The account a session stands for, with the fingerprint of its password
/// when it signed in.
#[derive(serde::Serialize, serde::Deserialize)]
struct SignedIn {
    id: AccountId,
    fingerprint: String,
}

/// Who is asking: an account or nobody, and the CSRF token their forms
/// carry.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub account: Option<Account>,
    pub csrf: String,
    /// The reader's language and names, as chosen for this request.
    pub reader: kinora_i18n::Reader,
    /// The page's own address (path and query), for the language switch
    /// and the page's alternates in other languages.
    pub page: String,
    /// The site's address, for the alternates' absolute addresses.
    pub site: String,
}

impl Viewer {
    /// A message of the catalog in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.reader.lang.t(key)
    }

    /// A message with one argument (a count chooses the plural form).
    pub fn t1<'a>(
        &self,
        key: &str,
        name: &'a str,
        value: impl Into<kinora_i18n::FluentValue<'a>>,
    ) -> String {
        self.reader.lang.t_with(key, &[(name, value.into())])
    }

    /// A message with two arguments.
    pub fn t2<'a>(
        &self,
        key: &str,
        name: &'a str,
        value: impl Into<kinora_i18n::FluentValue<'a>>,
        name2: &'a str,
        value2: impl Into<kinora_i18n::FluentValue<'a>>,
    ) -> String {
        self.reader
            .lang
            .t_with(key, &[(name, value.into()), (name2, value2.into())])
    }

    /// A role's name in the reader's language: "editor" → "편집자".
    pub fn role_name(&self, role: impl std::fmt::Display) -> String {
        self.t(&format!("role-{role}"))
    }

    /// "Add a film" for a kind, in the reader's language.
    pub fn add_a(&self, kind: &str) -> String {
        self.t(&format!("add-a-{kind}"))
    }

    /// A moderation action's name in the reader's language ("hide").
    pub fn moderation_action(&self, action: &str) -> String {
        let key = format!("moderation-action-{action}");
        if self.reader.lang.has(&key) {
            self.t(&key)
        } else {
            action.to_owned()
        }
    }

    /// An entity kind's name in the reader's language: "film" → "영화".
    pub fn kind_name(&self, kind: &str) -> String {
        self.t(&format!("kind-{kind}"))
    }

    /// A day written `YYYY-MM-DD` as the reader's language writes it; the
    /// text itself when it is not one.
    pub fn day_text(&self, day: &str) -> String {
        self.reader.lang.iso_day(day)
    }

    /// A recent day said relatively ("today", "3 days ago", "3일 전"), an
    /// older one as the language writes a day; `YYYY-MM-DD` in.
    pub fn recent_day(&self, day: &str) -> String {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let today = time::OffsetDateTime::now_utc().date();
        match time::Date::parse(day, &format) {
            Ok(date) if date <= today && (today - date).whole_days() < 7 => {
                self.reader.lang.ago((today - date).whole_days())
            }
            _ => self.day_text(day),
        }
    }

    /// The language of the page: `en`, `ko`.
    pub fn lang(&self) -> &'static str {
        self.reader.lang.tag()
    }

    /// The other languages of the interface, each with the address of this
    /// page in it (for the switch and `hreflang` alternates).
    pub fn other_languages(&self) -> Vec<(kinora_i18n::Lang, String)> {
        kinora_i18n::Lang::ALL
            .into_iter()
            .filter(|lang| *lang != self.reader.lang)
            .map(|lang| (lang, format!("{}{}", self.site, self.page_in(lang))))
            .collect()
    }

    /// This page's address with `?lang=` set to `lang`.
    pub fn page_in(&self, lang: kinora_i18n::Lang) -> String {
        let (path, query) = self.page.split_once('?').unwrap_or((&self.page, ""));
        let mut pairs: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        let lang = format!("lang={}", lang.tag());
        pairs.push(&lang);
        format!("{path}?{}", pairs.join("&"))
    }

    /// This page's address in its own language, for its `hreflang`.
    pub fn page_here(&self) -> String {
        format!("{}{}", self.site, self.page_in(self.reader.lang))
    }

    /// The page's path without `?lang=`, to come back to after a switch.
    pub fn page_back(&self) -> String {
        let (path, query) = self.page.split_once('?').unwrap_or((&self.page, ""));
        let pairs: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        if pairs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", pairs.join("&"))
        }
    }

    /// The account reading, if one is signed in.
    pub fn id(&self) -> Option<AccountId> {
        self.account.as_ref().map(|account| account.id)
    }

    pub fn name(&self) -> Option<&str> {
        self.account.as_ref().map(|account| account.name.as_str())
    }

    pub fn role(&self) -> Option<Role> {
        self.account.as_ref().map(|account| account.role)
    }

    /// Whether the viewer has at least this role.
    pub fn can(&self, role: Role) -> bool {
        self.role().is_some_and(|own| own.at_least(role))
    }

    /// The viewer with a CSRF token for a page's form. A visitor who has
    /// none yet gets one in a cookie of its own (`FormCookie`), set with the
    /// page: no session, no row in the store, until they sign in.
    pub fn with_form_token(mut self, state: &AppState) -> (Viewer, FormCookie) {
        if !self.csrf.is_empty() {
            return (self, FormCookie(None));
        }
        let token = accounts::random_token();
        let secure = if state.config.secure_cookies() {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{VISITOR_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400{secure}"
        );
        self.csrf = token;
        (self, FormCookie(Some(cookie)))
    }

    /// The account, or 401.
    pub fn signed_in(&self) -> Result<&Account, WebError> {
        self.account
            .as_ref()
            .ok_or_else(|| WebError::Unauthorized(kinora_i18n::t("error-sign-in-first")))
    }

    /// The account if it has at least `role`: 401 without one, 403 below.
    pub fn require(&self, role: Role) -> Result<&Account, WebError> {
        let account = self.signed_in()?;
        if account.role.at_least(role) {
            Ok(account)
        } else {
            Err(WebError::Forbidden(kinora_i18n::t_with(
                "error-needs-role",
                &[
                    ("role", kinora_i18n::t(&format!("role-{role}")).into()),
                    (
                        "yours",
                        kinora_i18n::t(&format!("role-{}", account.role)).into(),
                    ),
                ],
            )))
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        // The page's address, echoed in its alternates and the language
        // switch: a query past any a link would carry is left off rather
        // than echoed back several times.
        let page = parts
            .uri
            .path_and_query()
            .map(|page| {
                if page.as_str().len() <= 2_000 {
                    page.as_str().to_owned()
                } else {
                    page.path().to_owned()
                }
            })
            .unwrap_or_else(|| "/".to_owned());
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            return Ok(Viewer {
                account: None,
                csrf: visitor_token(&parts.headers).unwrap_or_default(),
                reader: kinora_i18n::Reader::current(),
                page,
                site: state.config.base_url(),
            });
        };
        // Read, never made here: a visitor who only reads pages gets no
        // session row and no cookie. Pages with a form for visitors make
        // the token (`Viewer::with_form_token`); signing in makes one.
        let csrf: String = session
            .get(CSRF_KEY)
            .await
            .map_err(WebError::from)?
            .or_else(|| visitor_token(&parts.headers))
            .unwrap_or_default();
        let signed_in: Option<SignedIn> = session.get(ACCOUNT_KEY).await.map_err(WebError::from)?;
        let Some(signed_in) = signed_in else {
            return Ok(Viewer {
                account: None,
                csrf,
                reader: kinora_i18n::Reader::current(),
                page,
                site: state.config.base_url(),
            });
        };
        let account = state
            .store
            .credentials_by_id(signed_in.id)
            .await?
            .filter(|found| {
                !found.account.disabled
                    && accounts::session_fingerprint(found.password_hash.as_deref())
                        == signed_in.fingerprint
            })
            .map(|found| found.account);
        if account.is_none() {
            // A deleted or disabled account, or a password changed since.
            session
                .remove_value(ACCOUNT_KEY)
                .await
                .map_err(WebError::from)?;
        }
        if let Some(account) = &account {
            let flags = parts
                .extensions
                .get::<super::reading::ChosenFlags>()
                .copied()
                .unwrap_or_default();
            super::reading::apply_setting(
                flags,
                account.lang.as_deref(),
                account.name_style.as_deref(),
            );
        }
        Ok(Viewer {
            account,
            csrf,
            reader: kinora_i18n::Reader::current(),
            page,
            site: state.config.base_url(),
        })
    }
}

/// The session's CSRF token, made when first needed.
pub async fn csrf_token(session: &Session) -> Result<String, WebError> {
    let existing: Option<String> = session.get(CSRF_KEY).await.map_err(WebError::from)?;
    if let Some(token) = existing {
        return Ok(token);
    }
    let token = accounts::random_token();
    session
        .insert(CSRF_KEY, &token)
        .await
        .map_err(WebError::from)?;
    Ok(token)
}

/// Signs a session in as an account: a new session id (no fixation), a
/// new CSRF token.
pub async fn sign_in(
    session: &Session,
    account: &Account,
    hash: Option<&str>,
) -> Result<(), WebError> {
    session.cycle_id().await.map_err(WebError::from)?;
    session
        .insert(
            ACCOUNT_KEY,
            SignedIn {
                id: account.id,
                fingerprint: accounts::session_fingerprint(hash),
            },
        )
        .await
        .map_err(WebError::from)?;
    session
        .insert(CSRF_KEY, accounts::random_token())
        .await
        .map_err(WebError::from)?;
    Ok(())
}

pub async fn sign_out(session: &Session) -> Result<(), WebError> {
    session.flush().await.map_err(WebError::from)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's `Origin` (when it sends one) is this site.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // The origin's host and port as the Host header writes them (a default
    // port left out); an origin that is no URL (`null`) is another site.
    let Some(origin) = url::Url::parse(origin)
        .ok()
        .and_then(|url| Some((url.host_str()?.to_owned(), url.port())))
    else {
        return false;
    };
    let origin_host = match origin {
        (name, Some(port)) => format!("{name}:{port}"),
        (name, None) => name,
    };
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

/// Refuses a state-changing request that could come from another site.
pub async fn csrf_guard(request: Request, next: Next) -> Result<Response, WebError> {
    if is_safe(request.method()) {
        return Ok(next.run(request).await);
    }
    if !same_origin(request.headers()) {
        return Err(WebError::Forbidden(kinora_i18n::t("error-other-site")));
    }
    let path = request.uri().path().to_owned();
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_api = path.starts_with("/api/");
    // The types a form on another site can send without asking first.
    let simple = content_type.is_empty()
        || content_type.starts_with("application/x-www-form-urlencoded")
        || content_type.starts_with("multipart/form-data")
        || content_type.starts_with("text/plain");
    let session = request.extensions().get::<Session>().cloned();
    // The session's token; a visitor without one, the token of their
    // form cookie.
    let expected = match &session {
        Some(session) => session
            .get::<String>(CSRF_KEY)
            .await
            .map_err(WebError::from)?,
        None => None,
    }
    .or_else(|| visitor_token(request.headers()));
    let header_token = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let query_token = request.uri().query().and_then(|query| {
        url_pairs(query)
            .find(|(key, _)| key == CSRF_FIELD)
            .map(|(_, value)| value)
    });
    let matches = |token: &Option<String>| match (token, &expected) {
        (Some(token), Some(expected)) => constant_time_eq(token.as_bytes(), expected.as_bytes()),
        _ => false,
    };
    if is_api && !simple {
        // JSON from a script of this site (or any client that is no
        // browser): a page elsewhere cannot send it.
        return Ok(next.run(request).await);
    }
    if matches(&header_token) || matches(&query_token) {
        return Ok(next.run(request).await);
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        // Read the form to find the token, then hand the same bytes on.
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
            .await
            .map_err(|_| WebError::BadRequest(kinora_i18n::t("error-form-too-large")))?;
        let field = url_pairs(&String::from_utf8_lossy(&bytes))
            .find(|(key, _)| key == CSRF_FIELD)
            .map(|(_, value)| value);
        if matches(&field) {
            return Ok(next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await);
        }
    }
    Err(WebError::Forbidden(kinora_i18n::t("error-form-expired")))
}

fn url_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(a, b).into()
}

/// How often an address or an account may try what an attacker would
/// repeat: signing in, signing up, resetting a password.
///
/// Sign-in attempts count per account and address together, so a stranger
/// who spends an account's attempts locks out only themselves; per account
/// alone at twelve times that, so many addresses together still guess
/// slowly; and per address. An account is the same account whether named
/// by its name or its email.
pub struct SignInLimits {
    by_account_and_address: DefaultKeyedRateLimiter<(String, IpAddr)>,
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    sign_ups: DefaultKeyedRateLimiter<IpAddr>,
    resets: DefaultKeyedRateLimiter<IpAddr>,
    /// Catalog edits per account: an open wiki's guard against a script
    /// or a stolen session rewriting the catalog faster than editors can
    /// look.
    edits: DefaultKeyedRateLimiter<AccountId>,
}

/// Catalog edits an account may save in an hour, in bursts of a tenth.
const EDITS_PER_HOUR: u32 = 600;

fn edit_quota(per_hour: u32) -> Quota {
    let per_hour = NonZeroU32::new(per_hour.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new((per_hour.get() / 10).max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_hour(per_hour).allow_burst(burst)
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits::new(5, 20)
    }
}

impl SignInLimits {
    /// `per_account` sign-in attempts a minute for an account from one
    /// address, `per_address` from an address; `per_address` sign-ups and
    /// password resets an hour from an address. Each in bursts of as many.
    pub fn new(per_account: u32, per_address: u32) -> SignInLimits {
        let count = |n: u32| NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
        let per_minute = |n: u32| Quota::per_minute(count(n));
        let per_hour = |n: u32| Quota::per_hour(count(n));
        SignInLimits {
            by_account_and_address: RateLimiter::keyed(per_minute(per_account)),
            by_account: RateLimiter::keyed(per_minute(per_account.saturating_mul(12))),
            by_address: RateLimiter::keyed(per_minute(per_address)),
            sign_ups: RateLimiter::keyed(per_hour(per_address)),
            resets: RateLimiter::keyed(per_hour(per_address)),
            edits: RateLimiter::keyed(edit_quota(EDITS_PER_HOUR)),
        }
    }

    /// The same limits with `per_hour` catalog edits an account may save.
    pub fn with_edits_per_hour(mut self, per_hour: u32) -> SignInLimits {
        self.edits = RateLimiter::keyed(edit_quota(per_hour));
        self
    }

    /// Counts a catalog edit (a claim saved, an entity created, a document
    /// saved, a merge, a revert) by `account`; refused with 429 when the
    /// account's edits for the hour are spent.
    pub fn check_edit(&self, account: AccountId) -> Result<(), WebError> {
        self.edits
            .check_key(&account)
            .map_err(|_| WebError::TooManyRequests(kinora_i18n::t("error-edit-rate")))
    }

    /// Counts a sign-in attempt at `account` (its id when it exists, else
    /// the name as typed); refused with 429 when a limit is spent.
    pub fn check(&self, account: &str, address: IpAddr) -> Result<(), WebError> {
        let account = account.trim().to_lowercase();
        let pair_ok = self
            .by_account_and_address
            .check_key(&(account.clone(), address))
            .is_ok();
        let account_ok = self.by_account.check_key(&account).is_ok();
        let address_ok = self.by_address.check_key(&address).is_ok();
        if pair_ok && account_ok && address_ok {
            Ok(())
        } else {
            Err(WebError::TooManyRequests(kinora_i18n::t(
                "error-sign-in-rate",
            )))
        }
    }

    /// Counts a sign-up from `address`, before any work is done for it.
    pub fn check_sign_up(&self, address: IpAddr) -> Result<(), WebError> {
        self.sign_ups
            .check_key(&address)
            .map_err(|_| WebError::TooManyRequests(kinora_i18n::t("error-sign-up-rate")))
    }

    /// Counts a password reset from `address`, before any work is done.
    pub fn check_reset(&self, address: IpAddr) -> Result<(), WebError> {
        self.resets
            .check_key(&address)
            .map_err(|_| WebError::TooManyRequests(kinora_i18n::t("error-reset-rate")))
    }

    /// Forgets keys whose limits are back to full.
    pub fn tidy(&self) {
        self.edits.retain_recent();
        self.by_account_and_address.retain_recent();
        self.by_account.retain_recent();
        self.by_address.retain_recent();
        self.sign_ups.retain_recent();
        self.resets.retain_recent();
    }
}

/// The client's address: the peer's; or, when `trust_forwarded` is set (a
/// proxy on this machine, as in deploy/nginx.conf) and the peer is on this
/// machine, the last address the proxy added to `X-Forwarded-For`. Without
/// it the header is ignored, so no client can pick the address its limits
/// are counted under.
pub fn client_address(parts: &Parts, trust_forwarded: bool) -> IpAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = || {
        parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    };
    let local = IpAddr::from([127, 0, 0, 1]);
    match peer {
        Some(peer) if trust_forwarded && peer.is_loopback() => forwarded().unwrap_or(peer),
        Some(peer) => peer,
        None if trust_forwarded => forwarded().unwrap_or(local),
        None => local,
    }
}

/// The client's address, as an extractor.
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(
            parts,
            state.config.trust_forwarded,
        )))
    }
}

/// Shared by every request: the sign-in limits.
pub type Limits = Arc<SignInLimits>;

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    fn headers(origin: Option<&'static str>, host: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static(host));
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_static(origin));
        }
        headers
    }

    #[test]
    fn only_this_sites_origin_passes() {
        let same = |origin, host| super::same_origin(&headers(origin, host));
        assert!(same(None, "kinora.example"), "no Origin: a form of old");
        assert!(same(Some("https://kinora.example"), "kinora.example"));
        assert!(same(Some("https://Kinora.Example/"), "kinora.example"));
        assert!(same(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"));
        assert!(same(Some("https://kinora.example:443"), "kinora.example"));
        assert!(!same(Some("https://evil.example"), "kinora.example"));
        assert!(!same(
            Some("https://kinora.example.evil.example"),
            "kinora.example"
        ));
        assert!(!same(Some("http://127.0.0.1:9090"), "127.0.0.1:8080"));
        assert!(!same(Some("null"), "kinora.example"));
        let mut proxied = headers(Some("https://kinora.example"), "127.0.0.1:8080");
        proxied.insert(
            "x-forwarded-host",
            HeaderValue::from_static("kinora.example"),
        );
        assert!(super::same_origin(&proxied), "behind the proxy");
    }
}
