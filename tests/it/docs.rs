//! ARCHITECTURE.md's code map stays true: every source file is named in
//! it, and every file it names exists.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // Test modules are not rooms of the map.
            if path.file_name().is_some_and(|name| name != "tests") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_code_map_names_every_source_file_and_names_none_that_is_gone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let map = text
        .split("## Code map")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("a code map in a fenced block");
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        sources(&krate.unwrap().path().join("src"), &mut files);
    }
    let mut missing = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        // A crate's root and a folder's module are the crate or folder itself.
        if ["lib.rs", "mod.rs", "tests.rs"].contains(&name) {
            continue;
        }
        let parent = file.parent().unwrap();
        let named = if parent.ends_with("src") {
            name.to_owned()
        } else {
            format!("{}/{name}", parent.file_name().unwrap().to_str().unwrap())
        };
        if !map.contains(&named) {
            missing.push(file.strip_prefix(root).unwrap().display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name: {missing:?}"
    );
    let mut gone = Vec::new();
    for word in
        map.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
    {
        let word = word.trim_end_matches(':').trim_end_matches('.');
        if word.ends_with(".rs")
            && !files.iter().any(|file| file.ends_with(word))
            && !["lib.rs", "mod.rs"].contains(&word)
        {
            gone.push(word.to_owned());
        }
    }
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md's code map names files that are gone: {gone:?}"
    );
}
