//! Signing up, in and out, passwords and profiles: the pages and their API.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use kinora_core::community::Role;
use kinora_store::community::Account;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::auth::{self, ClientAddress, Viewer};
use super::{AppState, WebError};
use crate::accounts::{self, SignUp};

/// One field of a form page.
#[derive(Clone, Debug, Default)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// text, password, email, date, number, url, textarea, checkbox,
    /// select, file or hidden.
    pub kind: &'static str,
    pub value: String,
    pub required: bool,
    pub autocomplete: &'static str,
    pub help: String,
    pub options: Vec<(String, String)>,
}

impl Field {
    pub fn new(name: &'static str, label: &str, kind: &'static str) -> Field {
        Field {
            name,
            label: label.to_owned(),
            kind,
            ..Field::default()
        }
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        self.value = value.into();
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'static str) -> Field {
        self.autocomplete = autocomplete;
        self
    }

    pub fn help(mut self, help: &str) -> Field {
        self.help = help.to_owned();
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        self.options = options;
        self
    }
}

/// A page that is one form.
#[derive(Clone, Debug, Default)]
pub struct FormPage {
    pub title: String,
    pub intro: Option<String>,
    pub action: String,
    pub fields: Vec<Field>,
    pub submit: String,
    pub error: Option<String>,
    pub notice: Option<String>,
    pub links: Vec<(String, String)>,
    pub multipart: bool,
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormTemplate {
    viewer: Viewer,
    form: FormPage,
}

/// Renders a form page with a status (200, or the error's).
pub fn form_page(viewer: Viewer, form: FormPage, status: StatusCode) -> Response {
    match (FormTemplate { viewer, form }).render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(error) => WebError::Internal(error.into()).into_response(),
    }
}

/// Shows the form again with the error's message and status.
pub fn form_error(viewer: Viewer, mut form: FormPage, error: WebError) -> Response {
    let status = error.status();
    if status.is_server_error() {
        return error.into_response();
    }
    form.error = Some(error.to_string());
    form_page(viewer, form, status)
}

/// Where to go after signing in: a path on this site, never elsewhere.
///
/// Browsers read a URL leniently: they drop tabs and newlines anywhere,
/// strip control characters and spaces at its ends, and take `\\` for `/`,
/// so `/<TAB>/evil.example` becomes `//evil.example`, another site. A path
/// with any control character, whitespace or backslash is refused whole,
/// and what is left must resolve, as a browser resolves it, to this site.
pub fn local_path(next: Option<&str>) -> String {
    let home = "/".to_owned();
    let Some(next) = next else {
        return home;
    };
    let plain = next
        .chars()
        .all(|c| !c.is_control() && !c.is_whitespace() && c != '\\');
    if !plain || !next.starts_with('/') || next.starts_with("//") {
        return home;
    }
    let base = url::Url::parse("http://kinora.invalid/").expect("a valid base URL");
    match base.join(next) {
        Ok(joined)
            if joined.host_str() == Some("kinora.invalid")
                && joined.scheme() == "http"
                && joined.port().is_none()
                && joined.username().is_empty() =>
        {
            next.to_owned()
        }
        _ => home,
    }
}

// ---------------------------------------------------------------------------
// Sign up
// ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct SignUpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn sign_up_form(form: &SignUpForm) -> FormPage {
    FormPage {
        title: kinora_i18n::t("account-sign-up-title"),
        intro: Some(kinora_i18n::t("account-sign-up-intro")),
        action: "/sign-up".into(),
        fields: vec![
            Field::new("name", &kinora_i18n::t("account-name"), "text")
                .value(&form.name)
                .required()
                .autocomplete("username")
                .help(&kinora_i18n::t("account-name-help")),
            Field::new(
                "display_name",
                &kinora_i18n::t("account-display-name"),
                "text",
            )
            .value(&form.display_name)
            .autocomplete("name")
            .help(&kinora_i18n::t("account-display-name-help")),
            Field::new("email", &kinora_i18n::t("account-email"), "email")
                .value(&form.email)
                .autocomplete("email"),
            Field::new("password", &kinora_i18n::t("account-password"), "password")
                .required()
                .autocomplete("new-password")
                .help(&kinora_i18n::t("account-password-help")),
            Field::new("next", "", "hidden").value(&form.next),
        ],
        submit: kinora_i18n::t("account-create"),
        links: vec![("/sign-in".into(), kinora_i18n::t("account-have-one"))],
        ..FormPage::default()
    }
}

pub async fn sign_up_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(form): Query<SignUpForm>,
) -> Result<Response, WebError> {
    let (viewer, cookie) = viewer.with_form_token(&state);
    Ok((
        cookie,
        form_page(viewer, sign_up_form(&form), StatusCode::OK),
    )
        .into_response())
}

async fn do_sign_up(
    state: &AppState,
    session: &Session,
    address: std::net::IpAddr,
    form: &SignUpForm,
) -> Result<Account, WebError> {
    state.limits.check_sign_up(address)?;
    let account = accounts::create_account(
        &state.store,
        SignUp {
            name: form.name.clone(),
            display_name: form.display_name.clone(),
            email: form.email.clone(),
            password: form.password.clone(),
            role: Role::Member,
            by_visitor: true,
        },
    )
    .await?;
    let hash = state.store.password_hash(account.id).await?;
    auth::sign_in(session, &account, hash.as_deref()).await?;
    Ok(account)
}

pub async fn sign_up(
    State(state): State<AppState>,
    viewer: Viewer,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignUpForm>,
) -> Result<Response, WebError> {
    match do_sign_up(&state, &session, address, &form).await {
        Ok(account) => {
            let next = if form.next.is_empty() {
                format!("/users/{}", account.name)
            } else {
                local_path(Some(&form.next))
            };
            Ok(Redirect::to(&next).into_response())
        }
        Err(error) => Ok(form_error(viewer, sign_up_form(&form), error)),
    }
}

// ---------------------------------------------------------------------------
// Sign in and out
// ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct SignInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn sign_in_form(form: &SignInForm) -> FormPage {
    FormPage {
        title: kinora_i18n::t("account-sign-in-title"),
        action: "/sign-in".into(),
        fields: vec![
            Field::new("name", &kinora_i18n::t("account-name-or-email"), "text")
                .value(&form.name)
                .required()
                .autocomplete("username"),
            Field::new("password", &kinora_i18n::t("account-password"), "password")
                .required()
                .autocomplete("current-password"),
            Field::new("next", "", "hidden").value(&form.next),
        ],
        submit: kinora_i18n::t("account-sign-in-title"),
        links: vec![
            ("/sign-up".into(), kinora_i18n::t("account-no-account")),
            ("/reset-password".into(), kinora_i18n::t("account-forgot")),
        ],
        ..FormPage::default()
    }
}

pub async fn sign_in_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(form): Query<SignInForm>,
) -> Result<Response, WebError> {
    let (viewer, cookie) = viewer.with_form_token(&state);
    Ok((
        cookie,
        form_page(viewer, sign_in_form(&form), StatusCode::OK),
    )
        .into_response())
}

/// Checks a name and password, within the rate limits, and signs the
/// session in.
async fn do_sign_in(
    state: &AppState,
    session: &Session,
    address: std::net::IpAddr,
    name: &str,
    password: &str,
) -> Result<Account, WebError> {
    let credentials = state.store.credentials(name).await?;
    // One account, one count, whether it is named by its name or its email.
    let key = match &credentials {
        Some(found) => format!("#{}", found.account.id),
        None => name.to_owned(),
    };
    state.limits.check(&key, address)?;
    let hash = credentials
        .as_ref()
        .and_then(|credentials| credentials.password_hash.clone());
    let valid = accounts::verify_password_async(password.to_owned(), hash.clone()).await;
    match credentials {
        Some(credentials) if valid && !credentials.account.disabled => {
            auth::sign_in(session, &credentials.account, hash.as_deref()).await?;
            Ok(credentials.account)
        }
        _ => Err(WebError::Unauthorized(kinora_i18n::t("account-no-match"))),
    }
}

pub async fn sign_in(
    State(state): State<AppState>,
    viewer: Viewer,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    match do_sign_in(&state, &session, address, &form.name, &form.password).await {
        Ok(_) => Ok(Redirect::to(&local_path(Some(&form.next))).into_response()),
        Err(error) => Ok(form_error(viewer, sign_in_form(&form), error)),
    }
}

pub async fn sign_out(session: Session) -> Result<Response, WebError> {
    auth::sign_out(&session).await?;
    Ok(Redirect::to("/").into_response())
}

// ---------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
}

fn password_form() -> FormPage {
    FormPage {
        title: kinora_i18n::t("account-change-password"),
        action: "/settings/password".into(),
        fields: vec![
            Field::new(
                "current",
                &kinora_i18n::t("account-current-password"),
                "password",
            )
            .required()
            .autocomplete("current-password"),
            Field::new(
                "password",
                &kinora_i18n::t("account-new-password"),
                "password",
            )
            .required()
            .autocomplete("new-password")
            .help(&kinora_i18n::t("account-new-password-help")),
        ],
        submit: kinora_i18n::t("account-change-password-submit"),
        ..FormPage::default()
    }
}

pub async fn password_page(viewer: Viewer) -> Result<Response, WebError> {
    viewer.signed_in()?;
    Ok(form_page(viewer, password_form(), StatusCode::OK))
}

async fn do_change_password(
    state: &AppState,
    session: &Session,
    account: &Account,
    current: &str,
    password: &str,
) -> Result<(), WebError> {
    let hash = state.store.password_hash(account.id).await?;
    if !accounts::verify_password_async(current.to_owned(), hash).await {
        return Err(WebError::BadRequest(kinora_i18n::t(
            "account-current-wrong",
        )));
    }
    accounts::check_password(password, &account.name)?;
    let new_hash = accounts::hash_password_async(password.to_owned()).await?;
    state.store.set_password(account.id, &new_hash).await?;
    // This session stays signed in; every other one no longer matches.
    auth::sign_in(session, account, Some(&new_hash)).await
}

pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    session: Session,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let account = viewer.signed_in()?.clone();
    match do_change_password(&state, &session, &account, &form.current, &form.password).await {
        Ok(()) => {
            // Signing in again made a new token.
            let viewer = Viewer {
                csrf: auth::csrf_token(&session).await?,
                ..viewer
            };
            let mut form = password_form();
            form.notice = Some(kinora_i18n::t("account-password-changed"));
            Ok(form_page(viewer, form, StatusCode::OK))
        }
        Err(error) => Ok(form_error(viewer, password_form(), error)),
    }
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

fn reset_form(token: &str) -> FormPage {
    if token.is_empty() {
        return FormPage {
            title: kinora_i18n::t("account-forgot-title"),
            intro: Some(kinora_i18n::t("account-reset-intro")),
            action: "/reset-password".into(),
            fields: vec![
                Field::new("token", &kinora_i18n::t("account-reset-token"), "text").required(),
            ],
            submit: kinora_i18n::t("next"),
            ..FormPage::default()
        };
    }
    FormPage {
        title: kinora_i18n::t("account-choose-password"),
        action: "/reset-password".into(),
        fields: vec![
            Field::new("token", "", "hidden").value(token),
            Field::new(
                "password",
                &kinora_i18n::t("account-new-password"),
                "password",
            )
            .required()
            .autocomplete("new-password")
            .help(&kinora_i18n::t("account-password-help")),
        ],
        submit: kinora_i18n::t("account-set-password"),
        ..FormPage::default()
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub async fn reset_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<TokenQuery>,
) -> Result<Response, WebError> {
    let (viewer, cookie) = viewer.with_form_token(&state);
    Ok((
        cookie,
        form_page(viewer, reset_form(&query.token), StatusCode::OK),
    )
        .into_response())
}

pub async fn reset_password(
    State(state): State<AppState>,
    viewer: Viewer,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<ResetForm>,
) -> Result<Response, WebError> {
    if form.password.is_empty() {
        return Ok(form_page(
            viewer,
            reset_form(form.token.trim()),
            StatusCode::OK,
        ));
    }
    if let Err(error) = state.limits.check_reset(address) {
        return Ok(form_error(viewer, reset_form(&form.token), error));
    }
    match accounts::reset_password(&state.store, form.token.trim(), &form.password).await {
        Ok(account) => {
            let hash = state.store.password_hash(account.id).await?;
            auth::sign_in(&session, &account, hash.as_deref()).await?;
            Ok(Redirect::to(&format!("/users/{}", account.name)).into_response())
        }
        Err(error) => Ok(form_error(viewer, reset_form(&form.token), error.into())),
    }
}

// ---------------------------------------------------------------------------
// Profile settings
// ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    country: String,
}

fn profile_form(account: &Account, form: Option<&ProfileForm>) -> FormPage {
    let (display_name, bio, country) = match form {
        Some(form) => (
            form.display_name.clone(),
            form.bio.clone(),
            form.country.clone(),
        ),
        None => (
            account.display_name.clone(),
            account.bio.clone(),
            account.country.clone().unwrap_or_default(),
        ),
    };
    FormPage {
        title: kinora_i18n::t("account-profile"),
        action: "/settings".into(),
        fields: vec![
            Field::new(
                "display_name",
                &kinora_i18n::t("account-display-name"),
                "text",
            )
            .value(display_name)
            .required(),
            Field::new("bio", &kinora_i18n::t("account-bio"), "textarea")
                .value(bio)
                .help(&kinora_i18n::t("account-bio-help")),
            Field::new("country", &kinora_i18n::t("account-country"), "text")
                .value(country)
                .help(&kinora_i18n::t("account-country-help")),
        ],
        submit: kinora_i18n::t("preferences-save"),
        links: vec![
            (
                "/settings/password".into(),
                kinora_i18n::t("account-change-password"),
            ),
            ("/preferences".into(), kinora_i18n::t("preferences-title")),
            ("/me/import".into(), kinora_i18n::t("import-from")),
            ("/me/export".into(), kinora_i18n::t("export-data")),
        ],
        ..FormPage::default()
    }
}

pub async fn profile_page(viewer: Viewer) -> Result<Response, WebError> {
    let account = viewer.signed_in()?.clone();
    Ok(form_page(
        viewer,
        profile_form(&account, None),
        StatusCode::OK,
    ))
}

pub async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> Result<Response, WebError> {
    let account = viewer.signed_in()?.clone();
    let display_name = form.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 60 {
        let error = WebError::BadRequest(kinora_i18n::t("account-display-name-length"));
        return Ok(form_error(
            viewer,
            profile_form(&account, Some(&form)),
            error,
        ));
    }
    if form.bio.chars().count() > 5000 {
        let error = WebError::BadRequest(kinora_i18n::t("account-bio-length"));
        return Ok(form_error(
            viewer,
            profile_form(&account, Some(&form)),
            error,
        ));
    }
    let country = match form.country.trim() {
        "" => None,
        code => match kinora_core::Country::parse(code) {
            Ok(country) => Some(country.as_str().to_owned()),
            Err(error) => {
                let error = WebError::BadRequest(kinora_i18n::t_with(
                    "error-your-country",
                    &[("error", error.to_string().into())],
                ));
                return Ok(form_error(
                    viewer,
                    profile_form(&account, Some(&form)),
                    error,
                ));
            }
        },
    };
    state
        .store
        .set_profile(
            account.id,
            display_name,
            form.bio.trim(),
            country.as_deref(),
        )
        .await?;
    Ok(Redirect::to(&format!("/users/{}", account.name)).into_response())
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

/// Who is signed in, and the token state-changing requests from a page
/// carry.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SessionInfo {
    #[schema(value_type = Option<Object>)]
    account: Option<Account>,
    csrf: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    name: String,
    password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAccountRequest {
    name: String,
    password: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
}

async fn session_info(
    session: &Session,
    account: Option<Account>,
) -> Result<Json<SessionInfo>, WebError> {
    let csrf = auth::csrf_token(session).await?;
    Ok(Json(SessionInfo { account, csrf }))
}

/// The session: who is signed in, and the token a page's script sends
/// with its forms (made now if the session has none).
#[utoipa::path(get, path = "/api/v1/session", tag = "accounts",
    responses((status = 200, body = SessionInfo)))]
pub async fn api_session(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    // A visitor's token is in a cookie of its own; a member's session has
    // one since signing in.
    let (viewer, cookie) = viewer.with_form_token(&state);
    Ok((
        cookie,
        Json(SessionInfo {
            account: viewer.account,
            csrf: viewer.csrf,
        }),
    )
        .into_response())
}

/// Signs in; the answer sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = Credentials,
    responses((status = 200, body = SessionInfo), (status = 401), (status = 429)))]
pub async fn api_sign_in(
    State(state): State<AppState>,
    session: Session,
    ClientAddress(address): ClientAddress,
    Json(credentials): Json<Credentials>,
) -> Result<Json<SessionInfo>, WebError> {
    let account = do_sign_in(
        &state,
        &session,
        address,
        &credentials.name,
        &credentials.password,
    )
    .await?;
    session_info(&session, Some(account)).await
}

/// Signs out.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts", responses((status = 204)))]
pub async fn api_sign_out(session: Session) -> Result<StatusCode, WebError> {
    auth::sign_out(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Creates an account (a member) and signs in as it.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = NewAccountRequest,
    responses((status = 201, body = SessionInfo), (status = 400), (status = 409)))]
pub async fn api_sign_up(
    State(state): State<AppState>,
    session: Session,
    ClientAddress(address): ClientAddress,
    Json(request): Json<NewAccountRequest>,
) -> Result<(StatusCode, Json<SessionInfo>), WebError> {
    let form = SignUpForm {
        name: request.name,
        display_name: request.display_name,
        email: request.email,
        password: request.password,
        next: String::new(),
    };
    let account = do_sign_up(&state, &session, address, &form).await?;
    let info = session_info(&session, Some(account)).await?;
    Ok((StatusCode::CREATED, info))
}
