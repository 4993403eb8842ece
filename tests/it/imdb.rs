//! Importing IMDb's files: a slice of the real Wikidata fixture, with bad
//! lines added, through the `kinora` command, then read back on pages.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use crate::common::kinora;
use crate::common::{Backend, TestApp};

fn fixture_lines(stem: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/wikidata-films/{stem}.tsv.gz"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text.lines().map(str::to_owned).collect()
}

/// The first `titles` films of the fixture with their crew, credits and
/// people, as .tsv files, plus the given extra lines per file.
fn write_slice(
    dir: &Path,
    titles: usize,
    extra: &[(&str, &str)],
) -> (HashSet<String>, HashSet<String>) {
    let basics = fixture_lines("title.basics");
    let kept: HashSet<String> = basics[1..=titles]
        .iter()
        .map(|line| line.split('\t').next().unwrap().to_owned())
        .collect();
    let mut people = HashSet::new();
    for stem in ["title.basics", "title.crew", "title.principals"] {
        let lines = if stem == "title.basics" {
            basics.clone()
        } else {
            fixture_lines(stem)
        };
        let mut out = vec![lines[0].clone()];
        for line in &lines[1..] {
            let fields: Vec<&str> = line.split('\t').collect();
            if kept.contains(fields[0]) {
                if stem == "title.principals" {
                    people.insert(fields[2].to_owned());
                }
                if stem == "title.crew" {
                    for list in &fields[1..] {
                        people.extend(
                            list.split(',')
                                .filter(|id| id.starts_with("nm"))
                                .map(str::to_owned),
                        );
                    }
                }
                out.push(line.clone());
            }
        }
        out.extend(
            extra
                .iter()
                .filter(|(file, _)| *file == stem)
                .map(|(_, line)| (*line).to_owned()),
        );
        std::fs::write(dir.join(format!("{stem}.tsv")), out.join("\n") + "\n").unwrap();
    }
    let names = fixture_lines("name.basics");
    let mut out = vec![names[0].clone()];
    out.extend(
        names[1..]
            .iter()
            .filter(|line| people.contains(line.split('\t').next().unwrap()))
            .cloned(),
    );
    out.extend(
        extra
            .iter()
            .filter(|(file, _)| *file == "name.basics")
            .map(|(_, line)| (*line).to_owned()),
    );
    std::fs::write(dir.join("name.basics.tsv"), out.join("\n") + "\n").unwrap();
    (kept, people)
}

#[tokio::test]
async fn a_slice_of_the_real_fixture_imports_rejects_its_bad_lines_and_reimports_as_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("imdb");
    std::fs::create_dir(&files).unwrap();
    let (titles, people) = write_slice(
        &files,
        150,
        &[
            ("title.basics", "tt9000001\tmovie\tToo Few Fields"),
            (
                "title.principals",
                "tt9000002\t1\tnm0000001\tactor\t\\N\t\\N",
            ),
            (
                "title.principals",
                "tt0498329\t9\tnm9999999\tactor\t\\N\t[\"Nobody\"]",
            ),
            ("name.basics", "nm0000000x\tBad Id\t\\N\t\\N\t\\N\t\\N"),
        ],
    );
    let data = dir.path().join("data");
    let output = kinora(
        &data,
        &[
            "import",
            "--format",
            "imdb",
            "--as-of",
            "2026-10-18",
            files.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let created = titles.len() + people.len() + 1;
    assert!(
        stdout.contains(&format!(
            "{created} created, 0 updated, 0 unchanged, 4 rejected"
        )),
        "{stdout}"
    );

    let rejects = std::fs::read_to_string(data.join("imdb-rejects.tsv")).unwrap();
    for expected in [
        "title.basics.tsv\t152\t3 fields where 9 are expected",
        "name.basics.tsv\t",
        "`nconst` is `nm0000000x`, not an IMDb id",
        "nm9999999 is not in name.basics nor in the catalog",
        "tt9000002 is not in title.basics",
    ] {
        assert!(
            rejects.contains(expected),
            "`{expected}` not in rejects:\n{rejects}"
        );
    }

    // The same files again change nothing.
    let again = kinora(
        &data,
        &[
            "import",
            "--format",
            "imdb",
            "--as-of",
            "2026-10-18",
            files.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(
        stdout.contains(&format!("0 created, 0 updated, {created} unchanged")),
        "{stdout}"
    );

    // A newer dump changes what changed: one title renamed.
    let basics = std::fs::read_to_string(files.join("title.basics.tsv")).unwrap();
    std::fs::write(
        files.join("title.basics.tsv"),
        basics.replace(
            "\tWe Live in Public\tWe Live in Public\t",
            "\tWe Live in Public (new cut)\tWe Live in Public\t",
        ),
    )
    .unwrap();
    let newer = kinora(
        &data,
        &[
            "import",
            "--format",
            "imdb",
            "--as-of",
            "2026-11-01",
            files.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&newer.stdout).to_string();
    assert!(stdout.contains("0 created"), "{stdout}");
    assert!(stdout.contains("updated"), "{stdout}");
    let history = kinora(&data, &["history", "film", "tt0498329"]);
    assert_eq!(
        String::from_utf8_lossy(&history.stdout).lines().count(),
        2,
        "created, then the rename"
    );
}

#[tokio::test]
async fn imported_titles_show_their_credits_and_imdb_ids_on_pages_and_in_the_api() {
    let dir = tempfile::tempdir().unwrap();
    write_slice(dir.path(), 40, &[]);
    let app = TestApp::empty(Backend::Sqlite).await;
    let options = kinora::imdb::ImdbOptions {
        author: "test".into(),
        as_of: kinora_core::PartialDate::parse("2026-10-18").unwrap(),
        rejects: dir.path().join("rejects.tsv"),
        spool: dir.path().join("spool.db"),
        batch: 25,
    };
    let report = kinora::imdb::import(&app.store, dir.path(), &options)
        .await
        .unwrap();
    assert_eq!(report.rejected(), 0);
    // We Live in Public (2009), directed by Ondi Timoner, per the fixture.
    let page = app.get("/films/tt0498329").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("We Live in Public"));
    assert!(page.body.contains("/people/nm0000001"));
    assert!(page.body.contains("https://www.imdb.com/title/tt0498329/"));
    let person = app.get("/people/nm0000001").await;
    assert!(person.body.contains("Ondi Timoner") && person.body.contains("We Live in Public"));
    let api = app.get("/api/v1/films/tt0498329").await.json();
    assert_eq!(api["entity"]["external_ids"][0]["value"], "tt0498329");
    assert_eq!(api["entity"]["years"][0]["year"], 2009);
    assert!(
        api["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "imdb-datasets")
    );
    // The source every imported fact cites lists a first page of them.
    let source = app.get("/sources/imdb-datasets").await;
    assert_eq!(source.status, StatusCode::OK);
    assert!(
        source.body.contains("These are the first 500 of"),
        "the source page is bounded"
    );
    let search = app.get("/api/v1/search?q=Ondi%20Timoner").await.json();
    assert_eq!(search["hits"][0]["id"], "nm0000001");
}

#[test]
fn a_folder_without_imdb_files_or_with_a_foreign_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let output = kinora(
        &data,
        &["import", "--format", "imdb", empty.to_str().unwrap()],
    );
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds none of IMDb's files"));

    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(
        foreign.join("title.basics.tsv"),
        "{\"format\": \"kinora-catalog\", \"version\": 1}\n",
    )
    .unwrap();
    let output = kinora(
        &data,
        &["import", "--format", "imdb", foreign.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("title.basics.tsv") && stderr.contains("not IMDb's title.basics file"),
        "{stderr}"
    );
    let export = kinora(&data, &["export"]);
    assert!(
        !String::from_utf8_lossy(&export.stdout).contains("imdb-datasets"),
        "nothing was written"
    );
}
