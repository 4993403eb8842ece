//! A search as anyone may type it: analysed and run against a small index
//! in bounded time and memory.
#![no_main]
use std::sync::OnceLock;

use kinora_search::{Analysis, Document, Search, SearchIndex};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("an index");
        let document = |kind: &str, id: &str, names: &[&str]| Document {
            kind: kind.to_owned(),
            id: id.to_owned(),
            label: names[0].to_owned(),
            year: Some(2008),
            countries: vec!["KR".to_owned()],
            available: Vec::new(),
            names: names.iter().map(|name| (*name).to_owned()).collect(),
            primary: 1,
            popularity: 3,
        };
        index
            .add(&[
                document("film", "crossing-2008", &["Crossing", "크로싱", "Keuroshing"]),
                document("person", "kim-tae-kyun", &["Kim Tae-kyun", "김태균"]),
                document("person", "cha-in-pyo", &["Cha In-pyo", "차인표"]),
            ])
            .expect("documents are added");
        index.finish(1).expect("the index commits");
        index
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analysis = Analysis::of_query(text);
    assert!(analysis.compact.chars().count() <= kinora_search::QUERY_MAX);
    for prefix in [false, true] {
        let hits = index()
            .search(&Search {
                text,
                limit: 5,
                prefix,
                ..Search::default()
            })
            .expect("a search answers");
        assert!(hits.len() <= 5);
    }
});
