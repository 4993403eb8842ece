//! The reader's language and how titles and names are shown: chosen for
//! each request from, in order, `?lang=` in the address, the choice
//! remembered in a cookie, the member's own setting (applied once the
//! account is read, `Viewer`), and the browser's `Accept-Language`. Every
//! word the request makes is then in that language (`kinora_i18n::Reader`).

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use kinora_i18n::{Lang, NameStyle, Reader};

// The switch and `/preferences`, which set these, are in
// `web/preferences.rs`.

/// The cookie that remembers a visitor's language.
pub const LANG_COOKIE: &str = "kinora_lang";
/// The cookie that remembers how a visitor wants titles and names shown.
pub const NAMES_COOKIE: &str = "kinora_names";

/// What the request itself says of the reader, and whether it chose the
/// language (address or cookie) or it was guessed from the browser.
pub struct Chosen {
    pub reader: Reader,
    pub lang_chosen: bool,
    pub names_chosen: bool,
}

/// A cookie's value from the request's `Cookie` headers.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value)
}

fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value)
}

/// The reader as the request says.
pub fn chosen(headers: &HeaderMap, query: Option<&str>) -> Chosen {
    let asked = query.and_then(|query| query_value(query, "lang"));
    let remembered = cookie(headers, LANG_COOKIE);
    let lang = asked.or(remembered).and_then(Lang::parse);
    let names = query
        .and_then(|query| query_value(query, "names"))
        .or(cookie(headers, NAMES_COOKIE))
        .and_then(NameStyle::parse);
    let browser = || {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    };
    Chosen {
        reader: Reader {
            lang: lang.unwrap_or_else(browser),
            names: names.unwrap_or_default(),
        },
        lang_chosen: lang.is_some(),
        names_chosen: names.is_some(),
    }
}

/// Runs the request for its reader. Pages say which language they are in
/// (`Content-Language`) and that they depend on the browser's languages
/// and the cookies that remember a choice (`Vary`).
pub async fn scope(mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let api = path.starts_with("/api/");
    let varies = !api && !path.starts_with("/static/") && !path.starts_with("/pictures/");
    let mut chosen = chosen(request.headers(), request.uri().query());
    // The JSON API is language-neutral: its data carries every title with
    // its language. It formats text in a language only when asked with
    // `?lang=`, never from the browser's languages or a cookie.
    if api {
        let asked = request
            .uri()
            .query()
            .and_then(|query| query_value(query, "lang"))
            .and_then(Lang::parse);
        let names = request
            .uri()
            .query()
            .and_then(|query| query_value(query, "names"))
            .and_then(NameStyle::parse);
        chosen.reader = Reader {
            lang: asked.unwrap_or_default(),
            names: names.unwrap_or_default(),
        };
        chosen.lang_chosen = true;
        chosen.names_chosen = true;
    }
    let reader = chosen.reader;
    request.extensions_mut().insert(ChosenFlags {
        lang: chosen.lang_chosen,
        names: chosen.names_chosen,
    });
    let mut response = reader.scope(next.run(request)).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_html && !headers.contains_key(header::CONTENT_LANGUAGE) {
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(reader.lang.tag()),
        );
    }
    if varies {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

/// Whether the request chose its language and its names itself, so that a
/// member's setting does not override a choice made on this browser.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChosenFlags {
    pub lang: bool,
    pub names: bool,
}

/// The member's own setting, where the request made no choice of its own.
pub fn apply_setting(flags: ChosenFlags, lang: Option<&str>, names: Option<&str>) {
    let mut reader = Reader::current();
    if !flags.lang
        && let Some(lang) = lang.and_then(Lang::parse)
    {
        reader.lang = lang;
    }
    if !flags.names
        && let Some(names) = names.and_then(NameStyle::parse)
    {
        reader.names = names;
    }
    Reader::set_current(reader);
}
