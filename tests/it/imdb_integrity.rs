//! IMDb files with what breaks importers: every line read is imported or
//! rejected with its own number, a file that cannot be read to its end
//! changes nothing, and repeated ids, NUL bytes, endless lines and UTF-16
//! are named.

use std::io::Write;
use std::path::Path;

use crate::common::{export, kinora};

const BASICS: &str = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";

fn title(id: u32, name: &str) -> Vec<u8> {
    format!("tt{id:07}\tmovie\t{name}\t{name}\t0\t2008\t\\N\t107\tDrama\n").into_bytes()
}

fn import(data: &Path, files: &Path) -> std::process::Output {
    kinora(
        data,
        &[
            "import",
            "--format",
            "imdb",
            "--as-of",
            "2026-10-18",
            files.to_str().unwrap(),
        ],
    )
}

fn rejects(data: &Path) -> Vec<(u64, String)> {
    std::fs::read_to_string(data.join("imdb-rejects.tsv"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.splitn(3, '\t').collect();
            (fields[1].parse().unwrap(), fields[2].to_owned())
        })
        .collect()
}

#[test]
fn every_line_is_imported_or_rejected_with_its_own_number() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("imdb");
    std::fs::create_dir(&files).unwrap();
    let mut basics = BASICS.as_bytes().to_vec();
    basics.extend(title(1, "Crossing")); // line 2
    basics.extend(b"tt0000002\tmovie\tBad \xFF byte\tBad\t0\t2008\t\\N\t90\tDrama\n"); // 3
    basics.extend(title(3, "The Line After")); // 4
    basics.extend(title(3, "The Same Id Again")); // 5
    basics.extend(b"tt0000004\tmovie\tNul\0here\tNul\t0\t2008\t\\N\t90\tDrama\n"); // 6
    let mut endless = b"tt0000005\tmovie\t".to_vec();
    endless.extend(vec![b'a'; 200_000]);
    endless.extend(b"\tx\t0\t2008\t\\N\t90\tDrama\n");
    basics.extend(endless); // 7
    basics.extend(title(6, "After The Long One")); // 8
    std::fs::write(files.join("title.basics.tsv"), basics).unwrap();

    let data = dir.path().join("data");
    let output = import(&data, &files);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut found = rejects(&data);
    found.sort();
    let numbers: Vec<u64> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(numbers, [3, 5, 6, 7], "{found:?}");
    assert!(found[0].1.contains("not UTF-8"), "{found:?}");
    assert!(
        found[1].1.contains("a second line for tt0000003"),
        "{found:?}"
    );
    assert!(found[2].1.contains("NUL"), "{found:?}");
    assert!(found[3].1.contains("longer than 64 KB"), "{found:?}");
    let catalog = export(&data);
    for kept in ["Crossing", "The Line After", "After The Long One"] {
        assert!(catalog.contains(kept), "{kept} was not imported");
    }
    assert!(
        !catalog.contains("The Same Id Again"),
        "a repeated id wrote over the first"
    );
}

#[test]
fn a_file_cut_short_or_in_utf16_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("imdb");
    std::fs::create_dir(&files).unwrap();
    let mut text = BASICS.as_bytes().to_vec();
    for id in 1..2000 {
        text.extend(title(id, &format!("Film number {id}")));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&text).unwrap();
    let whole = gz.finish().unwrap();
    std::fs::write(
        files.join("title.basics.tsv.gz"),
        &whole[..whole.len() * 2 / 3],
    )
    .unwrap();

    let data = dir.path().join("data");
    let output = import(&data, &files);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("title.basics.tsv.gz") && stderr.contains("cut short"),
        "{stderr}"
    );
    let catalog = export(&data);
    assert!(
        !catalog.contains("imdb-datasets") && !catalog.contains("Film number"),
        "something was written: {catalog}"
    );

    std::fs::remove_file(files.join("title.basics.tsv.gz")).unwrap();
    let utf16: Vec<u8> = String::from_utf8(text)
        .unwrap()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(files.join("title.basics.tsv"), utf16).unwrap();
    let output = import(&data, &files);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("UTF-16"), "{stderr}");
}
