//! The demo catalog in data/demo/ must read cleanly: every file parses, every
//! reference resolves within the demo itself, and writing it back out and
//! reading it again loses nothing.

use std::collections::HashSet;
use std::path::PathBuf;

use kinora_formats::json;

fn demo_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/demo exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        // The demo's community (reviews, threads) is not a catalog file.
        .filter(|path| {
            !std::fs::read_to_string(path)
                .unwrap()
                .contains("\"format\": \"kinora-community\"")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_demo_file_reads_and_every_reference_resolves_within_the_demo() {
    let files = demo_files();
    assert!(!files.is_empty(), "no demo files");
    let mut defined = HashSet::new();
    let mut outside = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).unwrap();
        let catalog = json::read(&name, file).unwrap_or_else(|error| panic!("{error}"));
        for entity in &catalog.entities {
            assert!(
                defined.insert((entity.kind(), entity.id().clone())),
                "{name}: {} {} defined twice",
                entity.kind(),
                entity.id()
            );
        }
        outside.extend(
            catalog
                .outside_references
                .into_iter()
                .map(|reference| (name.clone(), reference)),
        );
    }
    for (name, reference) in outside {
        assert!(
            defined.contains(&(reference.kind, reference.id.clone())),
            "{}",
            reference.missing(&name)
        );
    }
}

#[test]
fn every_demo_file_round_trips_through_the_writer() {
    for path in demo_files() {
        let name = path.display().to_string();
        let first = json::read(&name, std::fs::File::open(&path).unwrap()).unwrap();
        let mut written = Vec::new();
        json::write(first.entities.clone(), &mut written).unwrap();
        let second = json::read("rewritten", written.as_slice()).unwrap();
        let mut again = Vec::new();
        json::write(second.entities, &mut again).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(again).unwrap()
        );
    }
}

#[test]
fn a_catalog_saved_with_a_byte_order_mark_reads_the_same() {
    for path in demo_files() {
        let bytes = std::fs::read(&path).unwrap();
        let plain = json::read("plain", bytes.as_slice()).unwrap();
        let mut marked = vec![0xEF, 0xBB, 0xBF];
        marked.extend_from_slice(&bytes);
        let with_mark = json::read("marked", marked.as_slice())
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(with_mark.entities, plain.entities, "{}", path.display());
    }
}
