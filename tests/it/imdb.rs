//! Importing IMDb's files: a slice of the real Wikidata fixture, with bad
//! lines added, through the `kinora` command, then read back on pages.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use crate::common::{Backend, TestApp};
use crate::common::{export, kinora, ok};

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

/// `kinora import --format imdb FILES --as-of DATE` into the store `data`.
fn import_imdb(data: &Path, files: &Path, as_of: &str) -> std::process::Output {
    kinora(
        data,
        &[
            "import",
            "--format",
            "imdb",
            "--as-of",
            as_of,
            files.to_str().unwrap(),
        ],
    )
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
    let output = import_imdb(&data, &files, "2026-10-18");
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
    let again = import_imdb(&data, &files, "2026-10-18");
    let stdout = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(
        stdout.contains(&format!("0 created, 0 updated, {created} unchanged")),
        "{stdout}"
    );

    // A re-import leaves a title whose lines did not change alone, unless
    // the catalog changed it since: an editor's rewrite of a fact that
    // IMDb states is undone by the next import of the same files.
    let edited = titles
        .iter()
        .find(|id| id.as_str() != "tt0498329")
        .expect("a title without rejected lines")
        .clone();
    let url = format!("sqlite://{}", data.join("kinora.db").display());
    let store = kinora_store::Store::open(&url).await.unwrap();
    let key = (
        kinora_core::EntityKind::Film,
        kinora_core::EntityId::parse(&edited).unwrap(),
    );
    let kinora_core::Entity::Film(mut film) = store.get(key.0, &key.1).await.unwrap() else {
        panic!("{edited} is not a film")
    };
    let imported = film.titles.clone();
    film.titles[0].text = "Edited by hand".into();
    store
        .put(vec![kinora_core::Entity::Film(film)], "editor", "Edit")
        .await
        .unwrap();
    store.close().await;
    let after_edit = import_imdb(&data, &files, "2026-10-18");
    let stdout = String::from_utf8_lossy(&after_edit.stdout).to_string();
    assert!(
        stdout.contains(&format!("0 created, 1 updated, {} unchanged", created - 1)),
        "{stdout}"
    );
    let store = kinora_store::Store::open(&url).await.unwrap();
    let kinora_core::Entity::Film(film) = store.get(key.0, &key.1).await.unwrap() else {
        panic!("{edited} is not a film")
    };
    assert_eq!(film.titles, imported);
    store.close().await;

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
    let newer = import_imdb(&data, &files, "2026-11-01");
    let stdout = String::from_utf8_lossy(&newer.stdout).to_string();
    assert!(stdout.contains("0 created"), "{stdout}");
    assert!(stdout.contains("updated"), "{stdout}");
    // The search index is current when the import exits: a search straight
    // from it, without catching up, finds the new title.
    assert!(
        stdout.contains("search index: up to date at change "),
        "{stdout}"
    );
    let searcher = kinora::search::Searcher::open(&data.join("search")).unwrap();
    let hits = searcher
        .index()
        .search(&kinora_search::Search {
            text: "We Live in Public (new cut)",
            filters: Default::default(),
            limit: 5,
            prefix: false,
        })
        .unwrap();
    assert_eq!(
        hits.first().map(|hit| hit.id.as_str()),
        Some("tt0498329"),
        "{hits:?}"
    );
    drop(searcher);
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

on_both_stores!(
    generated_files_sorted_or_not_import_to_the_same_catalog,
    an_episode_before_its_series_waits_for_it_and_strays_are_rejected,
);

fn import_options(dir: &Path) -> kinora::imdb::ImdbOptions {
    kinora::imdb::ImdbOptions {
        author: "test".into(),
        as_of: kinora_core::PartialDate::parse("2026-10-18").unwrap(),
        rejects: dir.join("rejects.tsv"),
        spool: dir.join("spool.db"),
        batch: 300,
    }
}

/// IMDb's files are sorted by title id and are merged as they are read;
/// files in any other order are spooled first. Both ways give one catalog.
async fn generated_files_sorted_or_not_import_to_the_same_catalog(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let sorted = dir.path().join("sorted");
    let generated = kinora::generate::imdb(1500, &sorted, true, 3).unwrap();
    // The same lines, each file's in reverse order.
    let shuffled = dir.path().join("shuffled");
    std::fs::create_dir(&shuffled).unwrap();
    for (path, _) in &generated.files {
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".gz", "");
        std::fs::write(shuffled.join(name), lines.join("\n") + "\n").unwrap();
    }
    let first = TestApp::empty(backend).await;
    let report = kinora::imdb::import(&first.store, &sorted, &import_options(dir.path()))
        .await
        .unwrap();
    let people = generated.files[0].1 as usize;
    assert_eq!(
        report.created,
        1500 + people + 1,
        "titles, people, the source"
    );
    assert_eq!(report.rejected(), 0);
    assert_eq!(report.rows_read(), generated.lines());

    let second = TestApp::empty(backend).await;
    let report = kinora::imdb::import(&second.store, &shuffled, &import_options(dir.path()))
        .await
        .unwrap();
    assert_eq!(report.created, 1500 + people + 1);
    let (one, other) = (first.export().await, second.export().await);
    if let Some((a, b)) = one.lines().zip(other.lines()).find(|(a, b)| a != b) {
        panic!("the two imports differ: `{a}` against `{b}`");
    }
    assert_eq!(one.len(), other.len());

    // Again: nothing changes.
    let again = kinora::imdb::import(&first.store, &sorted, &import_options(dir.path()))
        .await
        .unwrap();
    assert_eq!((again.created, again.updated), (0, 0));

    // An episode names its series; a Korean title is found in Hangul.
    let episodes = std::fs::read_to_string(shuffled.join("title.episode.tsv")).unwrap();
    let episode = episodes.lines().nth(1).unwrap();
    let fields: Vec<&str> = episode.split('\t').collect();
    let api = first
        .get(&format!("/api/v1/films/{}", fields[0]))
        .await
        .json();
    assert_eq!(api["entity"]["episode_of"][0]["series"], fields[1]);
    let akas = std::fs::read_to_string(shuffled.join("title.akas.tsv")).unwrap();
    let hangul = akas
        .lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|fields| fields[3] == "KR" && fields[2].chars().any(|c| ('가'..='힣').contains(&c)))
        .expect("a Hangul title");
    let search = first
        .get(&format!("/api/v1/search?q={}", url_escape(hangul[2])))
        .await
        .json();
    assert!(
        search["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|hit| hit["id"] == hangul[0]),
        "{} not found by {}: {search}",
        hangul[0],
        hangul[2]
    );
}

fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Sorted files where an episode comes before its series, a line names a
/// title that is not in title.basics, and an episode names a series that is
/// nowhere.
async fn an_episode_before_its_series_waits_for_it_and_strays_are_rejected(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("imdb");
    std::fs::create_dir(&files).unwrap();
    let write = |stem: &str, lines: &[&str]| {
        std::fs::write(files.join(format!("{stem}.tsv")), lines.join("\n") + "\n").unwrap();
    };
    write(
        "title.basics",
        &[
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
            "tt0000002\ttvEpisode\tThe Border Crossing\tThe Border Crossing\t0\t2009\t\\N\t45\tDrama",
            "tt0000004\ttvEpisode\tLost Episode\tLost Episode\t0\t2010\t\\N\t\\N\t\\N",
            "tt0000005\ttvSeries\tNorth and South\t남과 북\t0\t2008\t2010\t50\tDrama",
        ],
    );
    write(
        "title.episode",
        &[
            "tconst\tparentTconst\tseasonNumber\tepisodeNumber",
            "tt0000002\ttt0000005\t1\t3",
            "tt0000004\ttt0000099\t\\N\t\\N",
        ],
    );
    write(
        "title.akas",
        &[
            "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle",
            "tt0000003\t1\tNowhere\tUS\t\\N\t\\N\t\\N\t0",
            "tt0000005\t1\t남과 북\tKR\t\\N\timdbDisplay\t\\N\t0",
        ],
    );
    write(
        "name.basics",
        &[
            "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
            "nm0000001\tKim Tae-kyun\t1960\t\\N\tdirector\ttt0000002",
        ],
    );
    write(
        "title.principals",
        &[
            "tconst\tordering\tnconst\tcategory\tjob\tcharacters",
            "tt0000002\t1\tnm0000001\tdirector\t\\N\t\\N",
        ],
    );
    let app = TestApp::empty(backend).await;
    let report = kinora::imdb::import(&app.store, &files, &import_options(dir.path()))
        .await
        .unwrap();
    assert_eq!(report.created, 5, "three titles, a person and the source");
    assert_eq!(report.rejected(), 2);
    let rejects = std::fs::read_to_string(dir.path().join("rejects.tsv")).unwrap();
    for expected in [
        "title.akas.tsv\t2\ttt0000003 is not in title.basics",
        "title.episode.tsv\t3\tseries tt0000099 is not in title.basics nor in the catalog",
    ] {
        assert!(
            rejects.contains(expected),
            "`{expected}` not in:\n{rejects}"
        );
    }
    let episode = app.get("/api/v1/films/tt0000002").await.json();
    assert_eq!(episode["entity"]["episode_of"][0]["series"], "tt0000005");
    assert_eq!(episode["entity"]["episode_of"][0]["episode"], 3);
    let lost = app.get("/api/v1/films/tt0000004").await.json();
    assert!(lost["entity"]["episode_of"].is_null());
    let series = app.get("/films/tt0000005").await;
    assert!(series.body.contains("남과 북"));
    // A filmography names an episode with its series.
    let person = app.get("/people/nm0000001").await;
    assert!(
        person.body.contains("North and South: The Border Crossing"),
        "{}",
        person.body
    );
}

/// kill -9 in the middle of an import: the store holds the batches it
/// committed and nothing half-written, and the next run finishes the job.
#[tokio::test]
async fn an_import_killed_midway_keeps_its_committed_batches_and_the_next_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("imdb");
    kinora::generate::imdb(4000, &files, false, 5).unwrap();
    let args = |batch: &'static str| {
        vec![
            "import".to_owned(),
            "--format".to_owned(),
            "imdb".to_owned(),
            "--as-of".to_owned(),
            "2026-10-18".to_owned(),
            "--batch".to_owned(),
            batch.to_owned(),
            files.display().to_string(),
        ]
    };
    let clean = dir.path().join("clean");
    let arguments = args("1000");
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    ok(kinora(&clean, &arguments));

    let data = dir.path().join("data");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kinora"))
        .arg("--data")
        .arg(&data)
        .args(args("100"))
        .env("KINORA_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // About 4,900 people make 51 changes with the source; wait until a few
    // batches of titles are in too.
    let url = format!("sqlite://{}", data.join("kinora.db").display());
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        let Ok(store) = kinora_store::Store::connect(&url).await else {
            continue;
        };
        let changes = store.count_changes().await.unwrap_or(0);
        store.close().await;
        if changes >= 56 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let partial = export(&data);
    let films = |export: &str| {
        export
            .matches("\"scheme\": \"imdb\",\n          \"value\": \"tt")
            .count()
    };
    let full = export(&clean);
    assert!(
        (1..4000).contains(&films(&partial)),
        "{} films after the kill",
        films(&partial)
    );
    let history = ok(kinora(&data, &["change", "56"]));
    assert!(
        history.contains("Import IMDb datasets: titles"),
        "{history}"
    );

    let arguments = args("100");
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let finished = ok(kinora(&data, &arguments));
    assert!(finished.contains(" unchanged"), "{finished}");
    assert_eq!(films(&full), 4000);
    assert!(
        export(&data) == full,
        "the finished import differs from a clean one"
    );
}
