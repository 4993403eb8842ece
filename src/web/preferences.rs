//! Choosing the language and how names are shown: the switch on every
//! page and `/preferences` (a visitor's choice in cookies, a member's kept
//! with the account too); `web/reading.rs` reads the choice back.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use kinora_i18n::{Lang, NameStyle};
use serde::Deserialize;

use super::auth::Viewer;
use super::reading::{LANG_COOKIE, NAMES_COOKIE};
use super::{AppState, WebError};

#[derive(Deserialize, Default)]
pub struct PreferenceForm {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub names: Option<String>,
    /// The page to go back to: a path on this site.
    #[serde(default)]
    pub back: Option<String>,
}

/// A path on this site to go back to, never another site's address.
fn back_to(back: Option<&str>) -> String {
    match back {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn remembered(name: &str, value: &str, state: &AppState) -> HeaderValue {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    // A year: a choice of language is made once.
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; SameSite=Lax; Max-Age=31536000{secure}"
    ))
    .expect("the cookie is ASCII")
}

fn parse_choice(form: &PreferenceForm) -> Result<(Option<Lang>, Option<NameStyle>), WebError> {
    let lang = match form.lang.as_deref().filter(|lang| !lang.is_empty()) {
        Some(tag) => Some(Lang::parse(tag).ok_or_else(|| {
            WebError::BadRequest(kinora_i18n::t_with(
                "error-unknown-language",
                &[("tag", tag.to_owned().into())],
            ))
        })?),
        None => None,
    };
    let names = match form.names.as_deref().filter(|names| !names.is_empty()) {
        Some(code) => Some(NameStyle::parse(code).ok_or_else(|| {
            WebError::BadRequest(kinora_i18n::t_with(
                "error-unknown-name-style",
                &[("choice", code.to_owned().into())],
            ))
        })?),
        None => None,
    };
    Ok((lang, names))
}

fn answer(
    state: &AppState,
    lang: Option<Lang>,
    names: Option<NameStyle>,
    back: Option<&str>,
) -> Response {
    let mut response = Redirect::to(&back_to(back)).into_response();
    if let Some(lang) = lang {
        response.headers_mut().append(
            header::SET_COOKIE,
            remembered(LANG_COOKIE, lang.tag(), state),
        );
    }
    if let Some(names) = names {
        response.headers_mut().append(
            header::SET_COOKIE,
            remembered(NAMES_COOKIE, names.code(), state),
        );
    }
    response
}

#[derive(askama::Template)]
#[template(path = "preferences.html")]
struct PreferencesTemplate {
    viewer: Viewer,
}

/// `GET /preferences?lang=ko&back=/films/…`: a visitor's choice, remembered
/// in a cookie on this browser; without one, the page to choose.
pub async fn choose(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(form): Query<PreferenceForm>,
) -> Result<Response, WebError> {
    let (lang, names) = parse_choice(&form)?;
    if lang.is_none() && names.is_none() {
        return Ok(
            axum::response::Html(super::render::render(&PreferencesTemplate { viewer })?)
                .into_response(),
        );
    }
    Ok(answer(&state, lang, names, form.back.as_deref()))
}

/// `POST /preferences`: a member's choice, kept with their account (so it
/// follows them to another browser) and remembered on this one.
pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::Form(form): axum::Form<PreferenceForm>,
) -> Result<Response, WebError> {
    let account = viewer.signed_in()?;
    let (lang, names) = parse_choice(&form)?;
    let keep_lang = lang.map(Lang::tag).or(account.lang.as_deref());
    let keep_names = names.map(NameStyle::code).or(account.name_style.as_deref());
    state
        .store
        .set_reading(account.id, keep_lang, keep_names)
        .await?;
    Ok(answer(&state, lang, names, form.back.as_deref()))
}
