//! HTTP caching and compression of what the server answers to `GET` and
//! `HEAD`: a strong `ETag` for every complete body, `304 Not Modified` to
//! an `If-None-Match` that names it, `Cache-Control` by who may keep the
//! answer, and the body compressed with brotli or gzip when the client
//! takes it and it is worth it.
//!
//! Shared caches (a reverse proxy, a CDN) may keep an anonymous page but
//! must ask again before each use (`public, no-cache`): asking costs a
//! `304` of a few hundred bytes, and no write is ever hidden behind a copy
//! kept for some seconds. A page for a signed-in member, or one that sets
//! or reads a visitor's cookie, is `private`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Body as _;
use sha2::Digest;

use super::AppState;
use super::auth::VISITOR_COOKIE;
use super::page_cache::{self, ByWhatItRead, Lookup, Page, StoreClock};

/// Bodies up to this size are read whole to be tagged and compressed;
/// larger ones (exports) pass as they are.
const LARGEST_TAGGED: u64 = 8 << 20;

/// Bodies below this size are not compressed: the headers would cost more
/// than the bytes saved.
const SMALLEST_COMPRESSED: usize = 1024;

/// How hard brotli and gzip work. Measured on Crossing's page (113 KB):
/// brotli quality 5 gives 17.0 KB in 2.0 ms, quality 3 gives 19.5 KB in
/// 1.0 ms; gzip 6 gives 21.5 KB in 1.4 ms. Quality 5 also costs about a
/// millisecond of setup whatever the size (its larger hash tables): with
/// it, random film pages of a million-title catalog, each rendered and
/// compressed once, came at 614 a second against 978 with quality 3. Kept
/// pages are compressed the same way: most pages of a large catalog are
/// asked for once.
const BROTLI_QUALITY: i32 = 3;
const GZIP_LEVEL: u32 = 4;

/// Brotli's window for a body: no larger than the body needs. Its default
/// (4 MiB) made each compression clear hash tables sized for it, which
/// took a third of the time for a 100 KB page.
fn brotli_window(length: usize) -> i32 {
    let bits = usize::BITS - length.max(1).leading_zeros();
    i32::try_from(bits).unwrap_or(22).clamp(16, 22)
}

/// A content coding the server can answer in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }

    /// What an `ETag` of this coding ends with: each coding of a body is
    /// another representation, with a strong tag of its own.
    fn tag_suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gz",
            Coding::Identity => "",
        }
    }
}

/// The coding to answer in, from an `Accept-Encoding` header: brotli, else
/// gzip, whichever the client accepts (a `q` above zero, or `*`).
pub fn negotiate(accept: Option<&str>) -> Coding {
    let Some(accept) = accept else {
        return Coding::Identity;
    };
    let mut brotli = None;
    let mut gzip = None;
    let mut any = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|parameter| {
                let (key, value) = parameter.split_once('=')?;
                (key.trim().eq_ignore_ascii_case("q")).then(|| value.trim().parse::<f32>().ok())?
            })
            .next()
            .unwrap_or(1.0);
        match name.as_str() {
            "br" => brotli = Some(quality),
            "gzip" | "x-gzip" => gzip = Some(quality),
            "*" => any = Some(quality),
            _ => {}
        }
    }
    let accepted = |quality: Option<f32>| quality.or(any).is_some_and(|q| q > 0.0);
    if accepted(brotli) {
        Coding::Brotli
    } else if accepted(gzip) {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

/// A strong entity tag for a body: the first 96 bits of its SHA-256.
pub fn tag_of(body: &[u8]) -> String {
    let digest = sha2::Sha256::digest(body);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut tag = String::with_capacity(26);
    tag.push('"');
    for byte in &digest[..12] {
        tag.push(char::from(HEX[usize::from(byte >> 4)]));
        tag.push(char::from(HEX[usize::from(byte & 15)]));
    }
    tag.push('"');
    tag
}

/// Whether an `If-None-Match` header names `tag` (in any of its codings:
/// the client holds the same content), or is `*`. Compared weakly, as the
/// header is.
fn names_tag(if_none_match: &str, tag: &str) -> bool {
    // The opaque part of a tag, without its coding's suffix.
    fn content(tag: &str) -> &str {
        let tag = tag.trim().trim_start_matches("W/").trim_matches('"');
        tag.strip_suffix(Coding::Brotli.tag_suffix())
            .or_else(|| tag.strip_suffix(Coding::Gzip.tag_suffix()))
            .unwrap_or(tag)
    }
    let wanted = content(tag);
    if_none_match
        .split(',')
        .any(|candidate| candidate.trim() == "*" || content(candidate) == wanted)
}

/// Whether a media type is text worth compressing.
fn compressible(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or_default().trim();
    media.starts_with("text/")
        || matches!(
            media,
            "application/json"
                | "application/ld+json"
                | "application/atom+xml"
                | "application/xml"
                | "application/manifest+json"
                | "image/svg+xml"
        )
}

/// Whether the request carries a cookie that makes its answer its own: a
/// member's session, or a visitor's form token.
pub(crate) fn personal(headers: &HeaderMap) -> bool {
    super::reading::cookie(headers, super::auth::SESSION_COOKIE).is_some()
        || super::reading::cookie(headers, VISITOR_COOKIE).is_some()
}

/// Compresses `body` in `coding`.
pub fn compress(body: &[u8], coding: Coding) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    match coding {
        Coding::Identity => Ok(body.to_vec()),
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(
                Vec::with_capacity(body.len() / 4),
                flate2::Compression::new(GZIP_LEVEL),
            );
            encoder.write_all(body)?;
            encoder.finish()
        }
        Coding::Brotli => {
            let mut out = Vec::with_capacity(body.len() / 4);
            let parameters = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: brotli_window(body.len()),
                size_hint: body.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &parameters)?;
            Ok(out)
        }
    }
}

/// The middleware: answers from the page cache when it may (see
/// `page_cache`); otherwise tags, answers `304`, sets `Cache-Control` and
/// compresses, for `GET` answers of `200` with a body of known size, and
/// keeps what may be shared. A `HEAD` is answered as its `GET` would be,
/// headers and all (the tag a shared cache or a link checker compares),
/// without the body.
pub async fn conditional(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    match *request.method() {
        Method::GET => conditional_get(state, request, next).await,
        Method::HEAD => {
            // axum would run the GET handler and drop its body before this
            // layer saw it: asked as a GET here, the body is there to tag.
            *request.method_mut() = Method::GET;
            without_body(conditional_get(state, request, next).await)
        }
        _ => next.run(request).await,
    }
}

/// An answer to a `HEAD`: the `GET` answer's headers, its length said.
fn without_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    if let Some(size) = body.size_hint().exact()
        && !parts.headers.contains_key(header::CONTENT_LENGTH)
        && parts.status != StatusCode::NOT_MODIFIED
    {
        parts.headers.insert(header::CONTENT_LENGTH, size.into());
    }
    Response::from_parts(parts, Body::empty())
}

async fn conditional_get(state: AppState, mut request: Request, next: Next) -> Response {
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let coding = negotiate(
        request
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok()),
    );
    let personal_request = personal(request.headers());
    let key = if state.pages.enabled() && !personal_request {
        page_cache::key_of(&request)
    } else {
        None
    };
    // Read before rendering: the page shows at least every write up to it.
    let clock = match &key {
        Some(_) => state.store.clock().await.ok(),
        None => None,
    };
    let turn = match (&key, clock) {
        (Some(key), Some(clock)) => {
            state.pages.catch_up(&state.store, clock).await;
            request.extensions_mut().insert(StoreClock(clock));
            let index = state.search.index().position();
            match state.pages.lookup(key, clock, index).await {
                Lookup::Hit(page) => return answer(&page, coding, if_none_match.as_deref()),
                Lookup::Render(turn) => Some(turn),
                Lookup::Pass => None,
            }
        }
        _ => None,
    };
    let Some(turn) = turn else {
        return match shape(next.run(request).await, personal_request).await {
            Shaped::Page { page, .. } => answer(&page, coding, if_none_match.as_deref()),
            Shaped::Passed(response) => response,
        };
    };
    // What the page was built from, if its handler says it read only
    // through the store's noted reads.
    let (response, read) = kinora_store::built_from::recording(next.run(request)).await;
    let read = response
        .extensions()
        .get::<ByWhatItRead>()
        .is_some()
        .then_some(read);
    match shape(response, personal_request).await {
        Shaped::Page { page, shared } => {
            turn.keep(shared.then(|| page.clone()), read);
            answer(&page, coding, if_none_match.as_deref())
        }
        Shaped::Passed(response) => {
            turn.keep(None, None);
            response
        }
    }
}

/// An answer made ready to tag and keep, or passed on as it is.
enum Shaped {
    Page { page: Arc<Page>, shared: bool },
    Passed(Response),
}

/// Reads a `200` answer's body whole, with its tag and the caching headers
/// it needs; any other answer is passed on as it is.
async fn shape(response: Response, personal_request: bool) -> Shaped {
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::CONTENT_ENCODING)
        || response
            .body()
            .size_hint()
            .exact()
            .is_none_or(|size| size > LARGEST_TAGGED)
    {
        return Shaped::Passed(response);
    }
    let (mut parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, LARGEST_TAGGED as usize).await else {
        return Shaped::Passed(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let headers = &mut parts.headers;
    let shared_answer = !personal_request && !headers.contains_key(header::SET_COOKIE);
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if shared_answer {
                "public, no-cache"
            } else {
                "private, no-cache"
            }),
        );
    }
    let public = headers
        .get(header::CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("public"));
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let compressible = compressible(content_type) && body.len() >= SMALLEST_COMPRESSED;
    if compressible {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    let tag = match headers
        .get(header::ETAG)
        .and_then(|value| value.to_str().ok())
    {
        Some(tag) => tag.to_owned(),
        None => tag_of(&body),
    };
    headers.remove(header::CONTENT_LENGTH);
    let shared = shared_answer && public;
    let page = Arc::new(Page::new(std::mem::take(headers), body, tag, compressible));
    Shaped::Page { page, shared }
}

/// An answer from a page: `304` when the client names its tag, else its
/// body in the coding asked for, under that coding's tag.
fn answer(page: &Page, coding: Coding, if_none_match: Option<&str>) -> Response {
    let coding = if page.compressible {
        coding
    } else {
        Coding::Identity
    };
    let tag_in = |coding: Coding| match coding {
        Coding::Identity => page.tag.clone(),
        coding => format!(
            "{}{}\"",
            page.tag.trim_end_matches('"'),
            coding.tag_suffix()
        ),
    };
    let mut headers = page.headers.clone();
    if if_none_match.is_some_and(|header| names_tag(header, &page.tag)) {
        headers.remove(header::CONTENT_TYPE);
        if let Ok(value) = HeaderValue::from_str(&tag_in(coding)) {
            headers.insert(header::ETAG, value);
        }
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        *response.headers_mut() = headers;
        return response;
    }
    let (body, used) = page.body_in(coding);
    if used != Coding::Identity {
        headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(used.token()),
        );
    }
    if let Ok(value) = HeaderValue::from_str(&tag_in(used)) {
        headers.insert(header::ETAG, value);
    }
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coding_follows_what_the_client_accepts() {
        assert_eq!(negotiate(Some("gzip, deflate, br, zstd")), Coding::Brotli);
        assert_eq!(negotiate(Some("gzip, deflate")), Coding::Gzip);
        assert_eq!(negotiate(Some("br;q=0, gzip;q=0.5")), Coding::Gzip);
        assert_eq!(negotiate(Some("*")), Coding::Brotli);
        assert_eq!(negotiate(Some("*;q=0, identity")), Coding::Identity);
        assert_eq!(negotiate(Some("identity")), Coding::Identity);
        assert_eq!(negotiate(None), Coding::Identity);
    }

    #[test]
    fn a_tag_is_named_in_any_coding_and_weakly() {
        let tag = tag_of(b"crossing");
        let bare = tag.trim_matches('"');
        assert!(names_tag(&tag, &tag));
        assert!(names_tag(&format!("\"other\", W/\"{bare}-br\""), &tag));
        assert!(names_tag(
            &format!("\"{bare}-gz\""),
            &format!("\"{bare}-br\"")
        ));
        assert!(names_tag("*", &tag));
        assert!(!names_tag("\"other\"", &tag));
        assert_ne!(tag_of(b"crossing"), tag_of(b"crossing!"));
        // The first 96 bits of the body's SHA-256, in hex.
        assert_eq!(tag, "\"d916ba52b3f83d67fd2528f8\"");
    }

    #[test]
    fn brotlis_window_fits_the_body() {
        assert_eq!(brotli_window(113_104), 17);
        assert_eq!(brotli_window(10), 16);
        assert_eq!(brotli_window(50 << 20), 22);
    }

    #[test]
    fn compressed_bodies_read_back() {
        use std::io::Read;
        let page = "<p>크로싱 Crossing</p>".repeat(500);
        let gzip = compress(page.as_bytes(), Coding::Gzip).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        let brotli = compress(page.as_bytes(), Coding::Brotli).unwrap();
        let mut text = Vec::new();
        brotli::BrotliDecompress(&mut &brotli[..], &mut text).unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), page);
        assert!(brotli.len() < page.len() / 10);
    }
}
