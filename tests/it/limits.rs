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
    // One slot is left for a sixth connection; a seventh makes room by
    // closing the connection idle longest (the first), and is answered.
    let mut sixth = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(
        !closed(&mut sixth).await,
        "a connection within the cap is closed at once"
    );
    assert!(
        health(addr).await.starts_with("HTTP/1.1 200"),
        "idle connections keep a new client out"
    );
    assert!(
        closed(&mut idle[0]).await,
        "the connection idle longest is still open"
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

/// A member, signed in through the API, and an upload of theirs.
async fn upload(client: &Browser<'_>, name: &str, body: Vec<u8>) -> TestResponse {
    client
        .send(
            axum::http::Request::post(format!("/api/v1/me/import?name={name}"))
                .header("content-type", "application/octet-stream")
                .body(axum::body::Body::from(body))
                .unwrap(),
        )
        .await
}

async fn importer(app: &TestApp) -> Browser<'_> {
    let client = app.browser();
    let made = client
        .json(
            "POST",
            "/api/v1/accounts",
            serde_json::json!({"name": "fan", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    client
}

fn refused(answer: &TestResponse, expected: &[&str]) {
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    let message = answer.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    for part in expected {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}

#[tokio::test]
async fn an_upload_past_a_limit_is_refused_naming_it_and_changes_nothing() {
    use std::io::Write;
    let app = TestApp::demo(Backend::Sqlite).await;
    let client = importer(&app).await;
    const HEADER: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n";

    // A ZIP of a few hundred KB that expands to one 60 MB field: refused
    // as soon as the row passes 1 MB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("diary.csv", options).unwrap();
    zip.write_all(HEADER.as_bytes()).unwrap();
    zip.write_all(b"2024-01-01,").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..60 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b",2008,,4,,,2024-01-01\n").unwrap();
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    refused(
        &upload(&client, "export.zip", bomb).await,
        &["diary.csv line 2", "longer than 1 MB"],
    );

    // One whose files, each under the limit, with rows under 1 MB, expand
    // to 68 MB together.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("diary.csv", options).unwrap();
    zip.write_all(HEADER.as_bytes()).unwrap();
    let tags = "t".repeat(4000);
    for n in 0..2000 {
        zip.write_all(format!("2024-01-01,Film {n},2008,,4,,{tags},2024-01-01\n").as_bytes())
            .unwrap();
    }
    zip.start_file("reviews.csv", options).unwrap();
    zip.write_all(b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n")
        .unwrap();
    let review = vec![b'a'; 1_000_000];
    for n in 0..60 {
        zip.write_all(format!("2024-01-01,Film {n},2008,,4,,").as_bytes())
            .unwrap();
        zip.write_all(&review).unwrap();
        zip.write_all(b",,2024-01-01\n").unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    refused(
        &upload(&client, "export.zip", bomb).await,
        &["more than 64 MB"],
    );

    // A title of 100 KB.
    let long = format!(
        "{HEADER}2024-01-01,Crossing,2008,,4,,,2024-01-01\n2024-01-02,{},2008,,4,,,2024-01-02\n",
        "a".repeat(100_000)
    );
    refused(
        &upload(&client, "diary.csv", long.into_bytes()).await,
        &["line 3", "Name", "longer than 4096 bytes"],
    );

    // More rows than an upload may hold.
    let mut many = String::from(HEADER);
    for n in 0..100_001 {
        many.push_str(&format!("2024-01-01,Film {n},2008,,4,,,2024-01-01\n"));
    }
    refused(
        &upload(&client, "diary.csv", many.into_bytes()).await,
        &["more than 100000 rows"],
    );

    // A quote left open would swallow the rows after it.
    let open_quote = format!(
        "{HEADER}2024-01-01,\"Crossing,2008,,4,,,2024-01-01\n2024-01-02,The Defector,2012,,4,,,2024-01-02\n"
    );
    refused(
        &upload(&client, "diary.csv", open_quote.into_bytes()).await,
        &["line 2", "Name", "quote"],
    );

    // A NUL character, which PostgreSQL cannot keep in text.
    let nul = format!("{HEADER}2024-01-01,Cross\0ing,2008,,4,,,2024-01-01\n");
    refused(
        &upload(&client, "diary.csv", nul.into_bytes()).await,
        &["line 2", "Name", "NUL"],
    );

    // UTF-16, as spreadsheets save "Unicode text", with and without a mark.
    let utf16: Vec<u8> = format!("{HEADER}2024-01-01,Crossing,2008,,4,,,2024-01-01\n")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut marked = vec![0xFF, 0xFE];
    marked.extend(&utf16);
    for body in [utf16, marked] {
        refused(&upload(&client, "diary.csv", body).await, &["UTF-16"]);
    }

    // None of it was kept.
    let me = client.get("/api/v1/users/fan").await.json();
    assert_eq!(me["diary"].as_array().map(Vec::len), Some(0), "{me}");
}

#[tokio::test]
async fn the_api_answers_a_body_too_large_or_unfit_in_its_json_shape() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let client = importer(&app).await;
    let huge = upload(&client, "diary.csv", vec![b'a'; (64 << 20) + 1]).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(huge.json()["error"]["status"], 413, "{}", huge.body);
    let unfit = client
        .json("POST", "/api/v1/me/diary", serde_json::json!({"film": 12}))
        .await;
    assert_eq!(unfit.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = unfit.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("film"), "{message}");
}

#[tokio::test]
async fn a_list_past_its_size_is_refused_before_any_lookup_and_notes_are_one_line() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let client = importer(&app).await;
    let films: Vec<serde_json::Value> = (0..5001)
        .map(|_| serde_json::json!({"film": "no-such-film"}))
        .collect();
    let answer = client
        .json(
            "POST",
            "/api/v1/me/lists",
            serde_json::json!({"title": "Too long", "films": films}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("at most 5,000 films"),
        "{}",
        answer.body
    );

    let answer = client
        .json(
            "POST",
            "/api/v1/me/lists",
            serde_json::json!({"title": "Notes", "films": [{"film": "crossing-2008", "note": "line one\nline two"}]}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let message = answer.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("films[0].note"), "{message}");
    assert!(!message.contains("there is no film"), "{message}");

    let form = client
        .post_form(
            "/lists",
            &[
                ("title", "Form"),
                ("films", &"crossing-2008\n".repeat(60_000)),
            ],
        )
        .await;
    assert_eq!(form.status, StatusCode::BAD_REQUEST);
    assert!(form.body.contains("at most 5,000 films"));
}

#[tokio::test]
async fn a_form_too_large_is_answered_with_a_page() {
    let app = TestApp::demo(Backend::Sqlite).await;
    let client = importer(&app).await;
    let token = client.csrf().await;
    let answer = client
        .send(
            axum::http::Request::post("/lists")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-csrf-token", token)
                .body(axum::body::Body::from(format!(
                    "title=Big&films={}",
                    "crossing-2008%0A".repeat(300_000)
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer.content_type.starts_with("text/html"),
        "{}",
        answer.content_type
    );
    assert!(answer.body.contains("<main"), "{}", answer.body);
}
