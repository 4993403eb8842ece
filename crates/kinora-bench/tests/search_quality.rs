//! The evaluation set (tests/fixtures/search-eval.tsv): queries in every
//! script and spelling a reader would type, over the demo catalog and the
//! real Wikidata fixture. Kinora must find the entity meant in its first
//! three hits for nearly all of them, and more often than SQLite FTS5 and
//! PostgreSQL pg_trgm (when a server is given in KINORA_TEST_POSTGRES_URL)
//! on the same names. The table of recall is printed (`--nocapture`).

use kinora_bench::eval;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_spelling_finds_the_entity_meant_in_the_top_three() {
    let work = tempfile::tempdir().unwrap();
    let postgres = std::env::var("KINORA_TEST_POSTGRES_URL").ok();
    let evaluation = kinora_bench::evaluate(
        &kinora_bench::repository().join("tests/fixtures/search-eval.tsv"),
        postgres.as_deref(),
        work.path(),
    )
    .await
    .unwrap();
    let cases = &evaluation.cases;
    assert!(
        cases.len() >= 500,
        "the evaluation set has {} cases",
        cases.len()
    );
    let results = evaluation.results();
    println!("{}", eval::report(cases, &results));
    let kinora = &evaluation.outcomes[0];
    let misses: Vec<String> = eval::misses(cases, kinora)
        .iter()
        .map(|case| {
            format!(
                "line {}: {} `{}` → {} {}",
                case.line, case.category, case.query, case.kind, case.id
            )
        })
        .collect();
    println!("Kinora's misses:\n{}", misses.join("\n"));
    let (found, total) = kinora.recall(cases, None, 3);
    assert!(
        found as f64 >= 0.97 * total as f64,
        "recall at 3 is {found} of {total}; misses:\n{}",
        misses.join("\n")
    );
    let categories: std::collections::BTreeSet<&str> =
        cases.iter().map(|case| case.category.as_str()).collect();
    for category in categories {
        let (found, total) = kinora.recall(cases, Some(category), 3);
        assert!(
            found as f64 >= 0.9 * total as f64,
            "{category}: recall at 3 is {found} of {total}"
        );
    }
    for (name, outcome) in results.iter().skip(1) {
        let (theirs, _) = outcome.recall(cases, None, 3);
        assert!(found > theirs, "{name} finds {theirs}, Kinora {found}");
    }
}
