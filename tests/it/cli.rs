//! The `kinora` command as a user runs it: import, export, and refusal of
//! bad files with a message naming the file, line and field.

use crate::common::{export, kinora, ok};

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    ok(kinora(&first, &["demo"]));
    let exported = dir.path().join("catalog.json");
    ok(kinora(
        &first,
        &["export", "-o", exported.to_str().unwrap()],
    ));
    let report = ok(kinora(&second, &["import", exported.to_str().unwrap()]));
    assert!(
        report.contains("100 created") || report.contains(" created"),
        "{report}"
    );
    let again = dir.path().join("again.json");
    ok(kinora(
        &second,
        &["export", "--format", "json", "-o", again.to_str().unwrap()],
    ));
    let a = std::fs::read(&exported).unwrap();
    let b = std::fs::read(&again).unwrap();
    assert!(a == b, "the second export differs from the first");
    assert_eq!(
        String::from_utf8(a).unwrap(),
        export(&first),
        "export is deterministic"
    );
    // Importing the same file again changes nothing and records no change.
    let report = ok(kinora(&second, &["import", exported.to_str().unwrap()]));
    assert!(report.contains("0 created, 0 updated"), "{report}");
    assert!(!report.contains("change #"), "{report}");
}

/// A small valid catalog that bad-input cases each break in one place.
fn catalog(film: &str) -> String {
    format!(
        r#"{{
  "format": "kinora-catalog",
  "version": 1,
  "sources": [
    {{"id": "a-source", "kind": "news", "title": "A report", "lang": "en"}}
  ],
  "films": [
    {film}
  ]
}}
"#
    )
}

fn check_refused(case: &str, film: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(kinora(&data, &["demo"]));
    let before = export(&data);
    let file = dir.path().join(format!("{case}.json"));
    std::fs::write(&file, catalog(film)).unwrap();
    let output = kinora(&data, &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!output.status.success(), "{case}: the import should fail");
    assert!(
        stderr.contains(&format!("{case}.json:")),
        "{case}: the message should name the file: {stderr}"
    );
    for fragment in expected {
        assert!(
            stderr.contains(fragment),
            "{case}: expected `{fragment}` in: {stderr}"
        );
    }
    assert_eq!(
        export(&data),
        before,
        "{case}: the store must be left exactly as it was"
    );
}

#[test]
fn a_syntax_error_is_refused_with_its_line() {
    check_refused(
        "syntax",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"},]}"#,
        &[":8:"],
    );
}

#[test]
fn an_unknown_field_is_refused_with_its_name() {
    check_refused(
        "unknown-field",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}], "colour": "red"}"#,
        &[":8:", "unknown field `colour`", "films[0]"],
    );
}

#[test]
fn a_dangling_reference_is_refused_with_its_field_and_line() {
    check_refused(
        "dangling",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}],
     "credits": [{"person": "nobody-at-all", "department": "directing", "job": "Director"}]}"#,
        &[
            ":9:",
            "films[0].credits[0].person",
            "no person with id `nobody-at-all`",
        ],
    );
}

#[test]
fn an_impossible_date_is_refused() {
    check_refused(
        "date",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}], "releases": [{"kind": "theatrical", "date": "2008-02-30"}]}"#,
        &[
            ":8:",
            "films[0].releases[0].date",
            "February 2008 has no day 30",
        ],
    );
}

#[test]
fn an_unknown_currency_is_refused() {
    check_refused(
        "currency",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}],
     "money": [{"kind": "budget", "money": {"amount": "4000000000", "currency": "WON"}}]}"#,
        &[
            ":9:",
            "films[0].money[0].money.currency",
            "unknown currency `WON`",
        ],
    );
}

#[test]
fn an_unknown_language_is_refused() {
    check_refused(
        "language",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original", "lang": "korean"}]}"#,
        &[
            ":8:",
            "films[0].titles[0].lang",
            "unknown language tag `korean`",
        ],
    );
}

#[test]
fn an_unknown_country_is_refused() {
    check_refused(
        "country",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}], "countries": [{"country": "XX"}]}"#,
        &[
            ":8:",
            "films[0].countries[0].country",
            "unknown country `XX`",
        ],
    );
}

#[test]
fn two_preferred_values_of_one_fact_are_refused() {
    check_refused(
        "preferred",
        r#"{"id": "x", "titles": [{"text": "X", "kind": "original", "preferred": true}, {"text": "Y", "kind": "english", "preferred": true}]}"#,
        &["films[0].titles", "mark at most one"],
    );
}

#[test]
fn a_file_that_is_not_a_kinora_catalog_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("other.json");
    std::fs::write(&file, r#"{"format": "something-else", "version": 1}"#).unwrap();
    let output = kinora(&data, &["import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a Kinora catalog"));
    std::fs::write(&file, "tconst\ttitleType\n").unwrap();
    let output = kinora(&data, &["import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("other.json:1:1"));
}

#[test]
fn history_revert_and_merge_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(kinora(&data, &["demo"]));
    let original = export(&data);

    // A second spelling of the director arrives as a separate person.
    let file = dir.path().join("duplicate.json");
    std::fs::write(
        &file,
        r#"{"format": "kinora-catalog", "version": 1, "people": [
  {"id": "kim-tae-gyun-2", "names": [{"text": "Kim Tae-gyun", "kind": "primary", "sources": [{"source": "kbs-world-2008-03-06"}]}]}
]}"#,
    )
    .unwrap();
    let report = ok(kinora(
        &data,
        &["import", "--author", "dana", file.to_str().unwrap()],
    ));
    let change: i64 = report
        .rsplit("change #")
        .next()
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let history = ok(kinora(&data, &["history", "person", "kim-tae-gyun-2"]));
    assert!(
        history.contains("dana") && history.contains("create"),
        "{history}"
    );

    let merged = ok(kinora(
        &data,
        &["merge", "person", "kim-tae-gyun-2", "kim-tae-kyun"],
    ));
    assert!(merged.contains("now redirects"), "{merged}");
    let history = ok(kinora(&data, &["history", "person", "kim-tae-gyun-2"]));
    assert!(
        history.lines().next().unwrap().contains("redirect"),
        "{history}"
    );
    let merge_change: i64 = history.lines().next().unwrap()[1..]
        .split('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    ok(kinora(&data, &["revert", &merge_change.to_string()]));
    ok(kinora(&data, &["revert", &change.to_string()]));
    assert_eq!(
        export(&data),
        original,
        "reverting both changes restores the catalog"
    );
    let unknown = kinora(&data, &["revert", "99999"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no change #99999"));
}

#[test]
fn a_newer_format_version_is_refused_before_its_fields_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("newer.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"kinora-catalog\",\n  \"version\": 5,\n  \"polls\": []\n}\n",
    )
    .unwrap();
    let output = kinora(&data, &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("newer.json:3:") && stderr.contains("version 5 is not supported"),
        "{stderr}"
    );
}

#[test]
fn an_entity_defined_in_two_files_of_one_import_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let person = r#"{"format": "kinora-catalog", "version": 1, "people": [{"id": "p", "names": [{"text": "P", "kind": "primary"}]}]}"#;
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    std::fs::write(&first, person).unwrap();
    std::fs::write(&second, person).unwrap();
    let output = kinora(
        &data,
        &["import", first.to_str().unwrap(), second.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("second.json:1:") && stderr.contains("also defined in"),
        "{stderr}"
    );
    assert!(stderr.contains("first.json"), "{stderr}");
}

#[test]
fn importing_under_or_referring_to_a_merged_id_names_the_survivor() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(kinora(&data, &["demo"]));
    let file = dir.path().join("dup.json");
    std::fs::write(
        &file,
        r#"{"format": "kinora-catalog", "version": 1, "people": [{"id": "dup", "names": [{"text": "Kim Tae-gyun", "kind": "primary"}]}]}"#,
    )
    .unwrap();
    ok(kinora(&data, &["import", file.to_str().unwrap()]));
    ok(kinora(&data, &["merge", "person", "dup", "kim-tae-kyun"]));
    let output = kinora(&data, &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("dup.json:1:") && stderr.contains("merged into `kim-tae-kyun`"),
        "{stderr}"
    );
    let film = dir.path().join("film.json");
    std::fs::write(
        &film,
        catalog(r#"{"id": "x", "titles": [{"text": "X", "kind": "original"}], "credits": [{"person": "dup", "department": "directing", "job": "Director"}]}"#),
    )
    .unwrap();
    let output = kinora(&data, &["import", film.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("films[0].credits[0].person") && stderr.contains("refer to `kim-tae-kyun`"),
        "{stderr}"
    );
}

/// `kinora search` keeps the index in the data folder up to date with the
/// store; `kinora reindex` rebuilds it; a deleted index is rebuilt.
#[test]
fn the_search_index_follows_the_store_and_is_rebuilt_when_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(kinora(&data, &["demo"]));
    let first_line = |output: String| output.lines().next().unwrap_or_default().to_owned();
    let hit = first_line(ok(kinora(&data, &["search", "김태균"])));
    assert!(
        hit.starts_with("person\tkim-tae-kyun\tKim Tae-kyun"),
        "{hit}"
    );
    assert!(
        hit.contains("(spelling)") || hit.contains("(exact)"),
        "{hit}"
    );
    assert!(data.join("search").join("meta.json").exists());

    // A change made since is found by the next search.
    let catalog = dir.path().join("more.json");
    std::fs::write(
        &catalog,
        r#"{"format": "kinora-catalog", "version": 2, "people": [
            {"id": "yoo-ji-tae", "names": [{"text": "Yoo Ji-tae", "kind": "primary"}, {"text": "유지태", "kind": "native"}]}
        ]}"#,
    )
    .unwrap();
    ok(kinora(&data, &["import", catalog.to_str().unwrap()]));
    let hit = first_line(ok(kinora(
        &data,
        &["search", "Yu Jitae", "--kind", "person"],
    )));
    assert!(hit.starts_with("person\tyoo-ji-tae"), "{hit}");

    let rebuilt = ok(kinora(&data, &["reindex"]));
    assert!(rebuilt.starts_with("indexed "), "{rebuilt}");
    std::fs::remove_dir_all(data.join("search")).unwrap();
    let hit = first_line(ok(kinora(
        &data,
        &["search", "Crossing", "--kind", "film", "--year", "2008"],
    )));
    assert!(hit.starts_with("film\tcrossing-2008"), "{hit}");

    let refused = kinora(&data, &["search", "Crossing", "--year", "next year"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("year `next year`"));
}

/// A catalog of `films` films, each crediting a person defined after all
/// the films (so every reference points forward, across the batches the
/// import writes in); `last` replaces the last person.
fn large_catalog(films: usize, last: &str) -> String {
    let film_list: Vec<String> = (0..films)
        .map(|n| {
            format!(
                r#"{{"id": "film-{n}", "titles": [{{"text": "Film {n}", "kind": "original"}}], "credits": [{{"person": "person-{n}", "department": "directing", "job": "Director"}}]}}"#
            )
        })
        .collect();
    let mut people: Vec<String> = (0..films)
        .map(|n| {
            format!(
                r#"{{"id": "person-{n}", "names": [{{"text": "Person {n}", "kind": "primary"}}]}}"#
            )
        })
        .collect();
    if let Some(slot) = people.last_mut() {
        *slot = last.to_owned();
    }
    format!(
        "{{\n\"format\": \"kinora-catalog\",\n\"version\": 3,\n\"films\": [\n{}\n],\n\"people\": [\n{}\n]\n}}\n",
        film_list.join(",\n"),
        people.join(",\n")
    )
}

#[test]
fn a_large_catalog_is_written_in_batches_and_a_fault_at_its_end_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(kinora(&data, &["demo"]));
    let before = export(&data);
    let films = 1_300;

    // The last line is wrong: every earlier batch was already written into
    // the change, and all of it is rolled back.
    let bad = dir.path().join("bad.json");
    let last = format!(
        r#"{{"id": "person-{}", "names": [], "colour": "red"}}"#,
        films - 1
    );
    std::fs::write(&bad, large_catalog(films, &last)).unwrap();
    let output = kinora(&data, &["import", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let line = 2 * films + 6;
    assert!(
        stderr.contains(&format!("bad.json:{line}:"))
            && stderr.contains(&format!("people[{}]", films - 1))
            && stderr.contains("unknown field `colour`"),
        "{stderr}"
    );
    assert_eq!(export(&data), before, "nothing of the refused file is kept");

    // The person the last film credits is missing: found only at the end.
    let dangling = dir.path().join("dangling.json");
    let last = r#"{"id": "someone-else", "names": [{"text": "S", "kind": "primary"}]}"#;
    std::fs::write(&dangling, large_catalog(films, last)).unwrap();
    let output = kinora(&data, &["import", dangling.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!("dangling.json:{}:", films + 4))
            && stderr.contains(&format!("films[{}].credits[0].person", films - 1))
            && stderr.contains(&format!("no person with id `person-{}`", films - 1)),
        "{stderr}"
    );
    assert_eq!(export(&data), before, "nothing of the refused file is kept");

    // Good: every film and person, in one change, references resolved.
    let good = dir.path().join("good.json");
    let last = format!(
        r#"{{"id": "person-{}", "names": [{{"text": "Person", "kind": "primary"}}]}}"#,
        films - 1
    );
    std::fs::write(&good, large_catalog(films, &last)).unwrap();
    let report = ok(kinora(&data, &["import", good.to_str().unwrap()]));
    assert!(
        report.contains(&format!("{} created", films * 2)),
        "{report}"
    );
    let change = |kind: &str, id: &str| {
        let history = ok(kinora(&data, &["history", kind, id]));
        history.split('\t').next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        change("film", "film-0"),
        change("person", &format!("person-{}", films - 1)),
        "one change for the whole file"
    );
    let after = export(&data);
    assert!(after.contains("\"person-1299\"") && after.contains("\"film-0\""));
}
