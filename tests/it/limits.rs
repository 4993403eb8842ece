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

/// A server on a loopback port of its own, with these limits.
async fn listening(limits: kinora::web::server::Limits) -> (TestApp, std::net::SocketAddr) {
    let app = TestApp::demo(Backend::Sqlite).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = kinora::web::router(app.state.clone());
    tokio::spawn(kinora::web::server::run(
        listener,
        router,
        limits,
        std::future::pending(),
    ));
    (app, addr)
}

/// Whether the server closed the connection: a read that ends (or fails)
/// within a moment, rather than waiting for more.
async fn closed(stream: &mut tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout(
            std::time::Duration::from_millis(300),
            stream.read(&mut buffer),
        )
        .await
        {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // An answer (a 408 for slow headers), then the end.
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

async fn health(addr: std::net::SocketAddr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: kinora\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn idle_and_slow_clients_are_let_go_and_connections_are_capped() {
    use tokio::io::AsyncWriteExt;
    let limits = kinora::web::server::Limits {
        max_connections: 6,
        header_timeout: std::time::Duration::from_millis(700),
    };
    let (_app, addr) = listening(limits).await;
    // Idle connections, one slow client sending its headers a byte at a
    // time, and a kept-alive connection after its first answer.
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(tokio::net::TcpStream::connect(addr).await.unwrap());
    }
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHo")
        .await
        .unwrap();
    let mut kept = tokio::net::TcpStream::connect(addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: kinora\r\n\r\n")
        .await
        .unwrap();
    // One slot is left: a sixth connection is served, a seventh is not.
    let mut sixth = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut seventh = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(
        closed(&mut seventh).await,
        "a connection beyond the cap is kept"
    );
    assert!(
        !closed(&mut sixth).await,
        "a connection within the cap is closed at once"
    );

    for _ in 0..4 {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        slow.write_all(b"s").await.unwrap_or_default();
    }
    for (what, stream) in idle.iter_mut().map(|s| ("an idle connection", s)).chain([
        ("a slow client", &mut slow),
        ("a kept-alive connection", &mut kept),
        ("the sixth", &mut sixth),
    ]) {
        assert!(
            closed(stream).await,
            "{what} is still open after the timeout"
        );
    }
    // Their slots are free again.
    assert!(health(addr).await.starts_with("HTTP/1.1 200"));
}
