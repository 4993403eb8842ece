//! Several real `kinora` processes on one database, and moving a catalog
//! between stores with the command line.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{export, kinora, ok};
use kinora_store::testing::Backend;

/// A `kinora serve` process on a port of its choosing.
struct Server {
    child: Child,
    base: String,
    /// Where its metrics are: a listener of their own.
    metrics: String,
}

impl Server {
    fn start(database_url: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kinora"))
            .args([
                "--database-url",
                database_url,
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--metrics-addr",
                "127.0.0.1:0",
            ])
            .env("KINORA_LOG", "info")
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .expect("kinora serve starts");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let (mut base, mut metrics) = (None, None);
        while base.is_none() || metrics.is_none() {
            let line = lines
                .next()
                .expect("the server says where it serves")
                .unwrap();
            let url = |at: usize| line[at..].split_whitespace().next().unwrap().to_owned();
            if let Some(at) = line.find("serving on http://") {
                base = Some(url(at + "serving on ".len()));
            } else if let Some(at) = line.find("metrics on http://") {
                let found = url(at + "metrics on ".len());
                metrics = Some(found.trim_end_matches("/metrics").to_owned());
            }
        }
        // Keep draining the log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base: base.unwrap(),
            metrics: metrics.unwrap(),
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        Server::fetch(&format!("{}{path}", self.base))
    }

    fn fetch(url: &str) -> (u16, String) {
        let output = Command::new("curl")
            .args(["-s", "-o", "-", "-w", "\n%{http_code}", url])
            .output()
            .expect("curl");
        let text = String::from_utf8_lossy(&output.stdout).to_string();
        let (body, status) = text.rsplit_once('\n').unwrap();
        (status.trim().parse().unwrap(), body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn two_servers_on_one_postgresql_database_see_each_others_writes_at_once() {
    let Some(backend) = Backend::postgres_if_configured() else {
        return;
    };
    let (database, store) = backend.store().await;
    kinora::app::load_demo_if_empty(&store).await.unwrap();
    store.close().await;
    let first = Server::start(&database.url);
    let second = Server::start(&database.url);
    assert_eq!(first.get("/films/crossing-2008").0, 200);
    assert_eq!(second.get("/films/crossing-2008").0, 200);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.json");
    std::fs::write(
        &file,
        r#"{"format": "kinora-catalog", "version": 1, "films": [{"id": "a-new-film", "titles": [{"text": "A New Film", "kind": "original"}]}]}"#,
    )
    .unwrap();
    ok(kinora(&database.url, &["import", file.to_str().unwrap()]));
    for server in [&first, &second] {
        let (status, body) = server.get("/films/a-new-film");
        assert_eq!(status, 200);
        assert!(body.contains("A New Film"));
        let (_, search) = server.get("/api/v1/search?q=A%20New%20Film");
        assert!(search.contains("a-new-film"), "{search}");
    }
    // A picture added through one instance (here the command line) is
    // served by every instance: its bytes are in the database.
    let picture = kinora::pictures::prepare_now(crate::pictures::ROCKET).unwrap();
    let pictured = serde_json::json!({
        "format": "kinora-catalog",
        "version": 4,
        "files": [{
            "file": picture.file.as_str(),
            "media_type": picture.media_type,
            "data": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &picture.bytes),
        }],
        "films": [{
            "id": "a-pictured-film",
            "titles": [{"text": "A Pictured Film", "kind": "original"}],
            "images": [{"file": picture.file.as_str(), "role": "poster", "width": 640, "height": 427}],
        }],
    });
    std::fs::write(&file, pictured.to_string()).unwrap();
    ok(kinora(&database.url, &["import", file.to_str().unwrap()]));
    for server in [&first, &second] {
        let (status, page) = server.get("/films/a-pictured-film");
        assert_eq!(status, 200);
        assert!(page.contains(&format!("/pictures/{}/320.jpg", picture.file.hex())));
        for name in ["160.webp", "320.jpg", "640.webp"] {
            let (status, _) = server.get(&format!("/pictures/{}/{name}", picture.file.hex()));
            assert_eq!(status, 200, "{name}");
        }
    }
    // Pages each instance keeps in memory: a write elsewhere (a merge by
    // the command line) is on the next request to either, kept or not.
    // Asked for several times over a second: the servers' own background
    // work after the imports (similar films, the search index catching up)
    // may move the clock between two requests.
    for _ in 0..10 {
        for _ in 0..2 {
            assert_eq!(first.get("/people/dennis-halpin").0, 200);
            assert_eq!(second.get("/api/v1/people/dennis-halpin").0, 200);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    ok(kinora(
        &database.url,
        &["merge", "person", "dennis-halpin", "doug-anderson"],
    ));
    assert_eq!(first.get("/people/dennis-halpin").0, 301);
    assert_eq!(second.get("/api/v1/people/dennis-halpin").0, 301);
    // Metrics are on their own port, not the public one.
    assert_eq!(first.get("/metrics").0, 404);
    let (status, metrics) = Server::fetch(&format!("{}/metrics", first.metrics));
    assert_eq!(status, 200);
    assert!(metrics.contains("kinora_http_requests_total"), "{metrics}");
    assert!(metrics.contains("kinora_db_pool_connections"), "{metrics}");
    assert!(
        metrics.contains("kinora_page_cache_requests_total{outcome=\"hit\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_catalog_moves_to_postgresql_and_back_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first").display().to_string();
    ok(kinora(&first, &["demo"]));
    ok(kinora(
        &first,
        &["merge", "person", "cha-in-pyo", "kim-tae-kyun"],
    ));
    let exported = export(&first);
    let history = ok(kinora(&first, &["history", "person", "cha-in-pyo"]));
    // An account with a review, besides the demo's guest reviews and thread.
    {
        let store = kinora_store::Store::open_dir(std::path::Path::new(&first))
            .await
            .unwrap();
        let account = kinora::accounts::create_account(
            &store,
            kinora::accounts::SignUp {
                name: "ada".into(),
                display_name: "Ada".into(),
                email: String::new(),
                password: "a long enough password".into(),
                role: kinora_core::community::Role::Member,
                by_visitor: false,
            },
        )
        .await
        .unwrap();
        let text = kinora_store::community::ReviewText {
            rating: Some(kinora_core::community::Rating::new(9).unwrap()),
            headline: None,
            body: "Moving.".into(),
            spoiler: false,
            watched_on: None,
        };
        store
            .save_review(account.id, "crossing-2008", &text)
            .await
            .unwrap();
        store.close().await;
    }

    // To PostgreSQL when a test server is there; else to another SQLite store.
    let target_backend = Backend::postgres_if_configured().unwrap_or(Backend::Sqlite);
    let (target, store) = target_backend.store().await;
    store.close().await;
    let report = ok(kinora(
        &first,
        &["copy", "--from", &first, "--to", &target.url],
    ));
    assert!(report.contains("copied 2 changes"), "{report}");
    assert!(report.contains("community rows"), "{report}");
    assert_eq!(export(&target.url), exported);
    {
        let copied = kinora_store::Store::open(&target.url).await.unwrap();
        let reviews = copied.reviews_of_film("crossing-2008", None).await.unwrap();
        assert_eq!(reviews.len(), 9, "the demo's eight guest reviews and Ada's");
        let threads = copied.recent_threads(10).await.unwrap();
        let forum = threads
            .iter()
            .find(|thread| thread.title == "[movie 2008] Crossing 크로싱")
            .unwrap();
        assert_eq!(copied.posts(forum.id).await.unwrap().len(), 11);
        assert!(forum.archived);
        // New rows get new numbers after the copied ones.
        let bea = copied
            .create_account(&kinora_store::community::NewAccount {
                name: kinora_core::community::Handle::parse("bea").unwrap(),
                display_name: "Bea".into(),
                email: None,
                password_hash: None,
                role: kinora_core::community::Role::Member,
            })
            .await
            .unwrap();
        assert_eq!(bea.id.get(), 2);
        copied.close().await;
    }
    assert_eq!(
        ok(kinora(&target.url, &["history", "person", "cha-in-pyo"])),
        history
    );

    let back = dir.path().join("back").display().to_string();
    ok(kinora(
        &first,
        &["copy", "--from", &target.url, "--to", &back],
    ));
    assert_eq!(export(&back), exported);

    // A copy never writes into a store that has something in it.
    let refused = kinora(&first, &["copy", "--from", &first, "--to", &back]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not empty"));
}

#[test]
fn a_backup_of_a_serving_store_is_a_store_with_the_same_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data").display().to_string();
    ok(kinora(&data, &["demo"]));
    let backup = dir.path().join("backup.db");
    ok(kinora(&data, &["backup", backup.to_str().unwrap()]));
    let url = format!("sqlite://{}", backup.display());
    assert_eq!(export(&url), export(&data));
    let again = kinora(&data, &["backup", backup.to_str().unwrap()]);
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
    assert!(Path::new(&backup).exists());
}

#[tokio::test]
async fn instances_starting_together_on_a_new_postgresql_database_do_not_race() {
    if Backend::postgres_if_configured().is_none() {
        return;
    }
    let database = Backend::empty_postgres_database().await;
    let mut starts = Vec::new();
    for _ in 0..4 {
        let url = database.url.clone();
        starts.push(tokio::spawn(async move {
            kinora_store::Store::open(&url)
                .await
                .map(|store| store.dialect())
        }));
    }
    for start in starts {
        start
            .await
            .unwrap()
            .expect("every instance starts; one of them migrates");
    }
    let output = kinora(&database.url, &["migrate"]);
    assert!(ok(output).contains("up to date"));
}
