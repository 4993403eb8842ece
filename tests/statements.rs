//! How many SQL statements a page costs, counted from the database
//! driver's own log of every statement it runs. A test binary of its own,
//! so that no other test's statements are counted.

#[path = "it/common.rs"]
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Backend, TestApp};
use tracing::Subscriber;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

/// Counts the driver's "one statement ran" events, leaving out the
/// settings a new connection of the pool runs (`pragma …`, `SET …`): they
/// belong to opening a connection, not to the page.
struct Counter;

/// The statement an event reports, on one line.
struct Statement(String);

impl tracing::field::Visit for Statement {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" {
            self.0 = format!("{value:?}")
                .trim_matches('"')
                .replace("\\n", " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
}

impl<S: Subscriber> Layer<S> for Counter {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let mut statement = Statement(String::new());
        event.record(&mut statement);
        let first = statement
            .0
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if matches!(first.as_str(), "pragma" | "set") {
            return;
        }
        STATEMENTS.fetch_add(1, Ordering::SeqCst);
        if std::env::var_os("KINORA_SHOW_STATEMENTS").is_some() {
            eprintln!(
                "  statement: {}",
                statement.0.chars().take(150).collect::<String>()
            );
        }
    }
}

async fn statements_of(app: &TestApp, path: &str) -> usize {
    // Once to warm what is read once per process (the search index's
    // position, the names automaton), then counted.
    assert_eq!(app.get(path).await.status.as_u16(), 200, "{path}");
    STATEMENTS.store(0, Ordering::SeqCst);
    if std::env::var_os("KINORA_SHOW_STATEMENTS").is_some() {
        eprintln!("{path}:");
    }
    let page = app.get(path).await;
    assert_eq!(page.status.as_u16(), 200, "{path}");
    STATEMENTS.load(Ordering::SeqCst)
}

/// The statements of one request, as it comes (nothing warmed first).
async fn statements_now(app: &TestApp, path: &str) -> usize {
    STATEMENTS.store(0, Ordering::SeqCst);
    let page = app.get(path).await;
    assert_eq!(page.status.as_u16(), 200, "{path}");
    STATEMENTS.load(Ordering::SeqCst)
}

#[tokio::test]
async fn a_page_is_gathered_in_few_statements() {
    let subscriber = tracing_subscriber::registry().with(
        Counter.with_filter(
            tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE),
        ),
    );
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let mut backends = vec![Backend::Sqlite];
    backends.extend(Backend::postgres_if_configured());
    for backend in backends {
        // The app without the search index's background task, whose polls
        // would be counted with the page's statements: the index is brought
        // up to date once, here.
        let (database, store) = backend.store().await;
        kinora::app::load_demo_if_empty(&store).await.unwrap();
        let search = kinora::search::Searcher::in_memory().unwrap();
        search.refresh(&store, &mut |_, _| {}).await.unwrap();
        // Without the page cache: what a page costs to gather (a kept
        // page costs one statement, counted at the end).
        let state = kinora::web::AppState::new(
            store.clone(),
            search.clone(),
            kinora::web::WebConfig {
                page_cache_mib: 0,
                ..kinora::web::WebConfig::default()
            },
        );
        let app = TestApp {
            database,
            store,
            search,
            state,
        };
        // Three open proposals of three kinds: the queue reads them in one
        // statement, their entities in one and the names in one.
        let mia = app
            .store
            .create_account(&kinora_store::community::NewAccount {
                name: kinora_core::community::Handle::parse("mia").unwrap(),
                display_name: "Mia".into(),
                email: None,
                password_hash: None,
                role: kinora_core::community::Role::Member,
            })
            .await
            .unwrap();
        for (kind, id, action, claim) in [
            ("film", "crossing-2008", "remove", None),
            ("person", "cha-in-pyo", "remove", None),
            (
                "person",
                "liu-ye",
                "merge",
                Some(serde_json::json!({"into": "song-seung-heon"})),
            ),
        ] {
            use kinora_store::community::{NewProposal, ProposalAction};
            let (action, list, position) = match action {
                "merge" => (ProposalAction::Merge, "", None),
                _ => (
                    ProposalAction::Remove,
                    if kind == "film" { "titles" } else { "names" },
                    Some(0),
                ),
            };
            app.store
                .propose(
                    mia.id,
                    &NewProposal {
                        kind: kind.into(),
                        entity_id: id.into(),
                        list: list.into(),
                        action,
                        position,
                        claim,
                        base_change: 1,
                        summary: "test".into(),
                    },
                )
                .await
                .unwrap();
        }
        let mut report = Vec::new();
        for (path, most) in [
            ("/films/crossing-2008", 10),
            ("/people/cha-in-pyo", 8),
            ("/events/idfa-2012", 8),
            ("/", 13),
            // A history reads its edits with their states in one statement.
            ("/films/crossing-2008/history", 1),
            ("/changes/1", 3),
            ("/edits/open", 3),
        ] {
            let count = statements_of(&app, path).await;
            report.push(format!("{path}: {count}"));
            assert!(
                count <= most,
                "{backend:?} {path}: {count} statements, at most {most} wanted"
            );
        }
        // With the page cache, an anonymous page kept from before costs
        // the one statement that reads the store's clock.
        let cached = TestApp {
            state: kinora::web::AppState::new(
                app.store.clone(),
                app.search.clone(),
                kinora::web::WebConfig::default(),
            ),
            ..app
        };
        let count = statements_of(&cached, "/films/crossing-2008").await;
        report.push(format!("/films/crossing-2008 kept: {count}"));
        assert!(
            count <= 1,
            "{backend:?}: a kept page cost {count} statements"
        );
        // A write that touches nothing the page shows (a rating of another
        // film): the page stays, at the cost of reading what was touched.
        let rate = |film: &'static str| {
            let store = cached.store.clone();
            async move {
                store
                    .set_rating(
                        mia.id,
                        film,
                        Some(kinora_core::community::Rating::new(7).unwrap()),
                        None,
                    )
                    .await
                    .unwrap();
            }
        };
        rate("another-film-1999").await;
        let count = statements_now(&cached, "/films/crossing-2008").await;
        report.push(format!("kept through another film's rating: {count}"));
        assert!(
            count <= 2,
            "{backend:?}: a write elsewhere made the kept page cost {count} statements"
        );
        // One that touches it: rendered again.
        rate("crossing-2008").await;
        let count = statements_now(&cached, "/films/crossing-2008").await;
        report.push(format!("after its own rating: {count}"));
        assert!(
            count > 2,
            "{backend:?}: a rating of the film left its kept page in place"
        );
        // A member's page is never kept whole, but its part that is the
        // same for every reader is: it costs the session, the account, the
        // entity, the clock, the community's part (four) and the member's
        // own (four), not the entity part's reads again.
        let member = cached.browser();
        member.sign_up("zoe").await;
        assert_eq!(
            member.get("/films/crossing-2008").await.status.as_u16(),
            200
        );
        STATEMENTS.store(0, Ordering::SeqCst);
        assert_eq!(
            member.get("/films/crossing-2008").await.status.as_u16(),
            200
        );
        let count = STATEMENTS.load(Ordering::SeqCst);
        report.push(format!("a member's page: {count}"));
        assert!(
            count <= 12,
            "{backend:?}: a member's page cost {count} statements"
        );
        println!("{backend:?}: {}", report.join(", "));
    }
}
