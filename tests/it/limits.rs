//! Bounded work for every request: what is too long or too large is
//! refused with a clear 4xx that names the limit, and changes nothing.

use axum::http::StatusCode;

use crate::common::*;

/// A text of `length` letters and spaces, like an attacker's query.
fn long_text(length: usize) -> String {
    "abcdefghij klmnopqrst uvwxyz 김태균 "
        .chars()
        .cycle()
        .take(length)
        .collect()
}

#[tokio::test]
async fn a_search_longer_than_the_limit_is_refused_naming_it() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let q = encode(&long_text(30_000));

    let page = app.get(&format!("/search?q={q}")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("at most 256 characters"),
        "{}",
        &page.body[..page.body.len().min(2000)]
    );
    // The page does not echo the whole text back.
    assert!(page.body.len() < 40_000, "{} bytes", page.body.len());

    for path in ["/api/v1/search", "/api/v1/suggest"] {
        let answer = app.get(&format!("{path}?q={q}")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains("at most 256 characters"), "{message}");
    }

    // Just under the limit, a search is answered.
    let q = encode(&format!("Crossing {}", long_text(200)));
    let answer = app.get(&format!("/api/v1/search?q={q}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = app.get("/api/v1/search?q=Crossing").await;
    assert_eq!(answer.json()["hits"][0]["id"], "crossing-2008");
}
