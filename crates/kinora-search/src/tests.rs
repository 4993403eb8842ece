use kinora_core::EntityKind;

use super::*;

fn document(kind: &str, id: &str, names: &[&str], year: Option<i32>, popularity: u64) -> Document {
    Document {
        kind: kind.to_owned(),
        id: id.to_owned(),
        label: names[0].to_owned(),
        year,
        countries: if kind == "film" {
            vec!["KR".to_owned()]
        } else {
            Vec::new()
        },
        // Crossing (2008) streams in the United States.
        available: if id == "crossing-2008" {
            vec!["US".to_owned()]
        } else {
            Vec::new()
        },
        genres: Vec::new(),
        languages: Vec::new(),
        rating: None,
        names: names.iter().map(|name| (*name).to_owned()).collect(),
        primary: 1,
        popularity,
    }
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let documents = vec![
        document(
            "person",
            "kim-tae-kyun",
            &["Kim Tae-kyun", "김태균", "Kim Tae-gyun"],
            Some(1960),
            12,
        ),
        document(
            "person",
            "kim-tae-sung",
            &["Kim Tae-sung", "김태성"],
            None,
            3,
        ),
        document(
            "person",
            "shin-myung-chul",
            &["Shin Myung-chul", "신명철"],
            None,
            2,
        ),
        document(
            "person",
            "lina-wertmuller",
            &["Lina Wertmüller"],
            Some(1928),
            40,
        ),
        document(
            "person",
            "werner-herzog",
            &["Werner Herzog"],
            Some(1942),
            90,
        ),
        document(
            "film",
            "crossing-2008",
            &["Crossing", "크로싱"],
            Some(2008),
            50,
        ),
        document(
            "film",
            "crossing-delancey",
            &["Crossing Delancey"],
            Some(1988),
            30,
        ),
        document(
            "film",
            "the-crossing",
            &["The Crossing", "Crossing"],
            Some(2000),
            500,
        ),
        document(
            "film",
            "the-defector",
            &["The Defector: Escape from North Korea"],
            Some(2012),
            5,
        ),
    ];
    index.apply(&documents, &[], 7).unwrap();
    index
}

fn ids(index: &SearchIndex, text: &str) -> Vec<String> {
    let search = Search {
        text,
        limit: 5,
        ..Search::default()
    };
    index
        .search(&search)
        .unwrap()
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

fn first(index: &SearchIndex, text: &str) -> Hit {
    let search = Search {
        text,
        limit: 5,
        ..Search::default()
    };
    index
        .search(&search)
        .unwrap()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing for {text}"))
}

#[test]
fn every_spelling_finds_the_person_first() {
    let index = index();
    for (query, id, how) in [
        ("Kim Tae-kyun", "kim-tae-kyun", MatchKind::Exact),
        ("kim taekyun", "kim-tae-kyun", MatchKind::Exact),
        ("김태균", "kim-tae-kyun", MatchKind::Exact),
        ("Kim Tae Gyoon", "kim-tae-kyun", MatchKind::Spelling),
        ("Tae-gyun Kim", "kim-tae-kyun", MatchKind::Spelling),
        ("Gim Taegyun", "kim-tae-kyun", MatchKind::Spelling),
        ("Kim T'ae-gyun", "kim-tae-kyun", MatchKind::Exact),
        ("Kim Tae-kuyn", "kim-tae-kyun", MatchKind::Typo),
        ("김태성", "kim-tae-sung", MatchKind::Exact),
        ("Shin Myeong-cheol", "shin-myung-chul", MatchKind::Spelling),
        ("Sin Myŏng-ch'ŏl", "shin-myung-chul", MatchKind::Spelling),
        ("Lina Wertmuller", "lina-wertmuller", MatchKind::Exact),
        ("wertmueller", "lina-wertmuller", MatchKind::Typo),
        ("Herzog Werner", "werner-herzog", MatchKind::Spelling),
        ("Werner Hezog", "werner-herzog", MatchKind::Typo),
        ("keurosing", "crossing-2008", MatchKind::Spelling),
        ("defector", "the-defector", MatchKind::Words),
    ] {
        let hit = first(&index, query);
        assert_eq!((hit.id.as_str(), hit.how), (id, how), "{query}: {hit:?}");
    }
}

#[test]
fn a_primary_title_ranks_above_an_alias_and_popularity_breaks_ties() {
    let index = index();
    // "Crossing" is the 2008 film's primary title and The Crossing's
    // alias; The Crossing is ten times as popular.
    assert_eq!(
        ids(&index, "crossing")[..2],
        ["crossing-2008", "the-crossing"]
    );
    let hit = &index
        .search(&Search {
            text: "crossing",
            limit: 5,
            ..Search::default()
        })
        .unwrap()[1];
    assert_eq!(
        (hit.matched.as_str(), hit.how),
        ("Crossing", MatchKind::Exact)
    );
}

#[test]
fn filters_by_kind_year_and_country() {
    let index = index();
    let search = |kinds: &[EntityKind], years: Option<(i32, i32)>, country: Option<&str>| {
        index
            .search(&Search {
                text: "crossing",
                filters: SearchFilters {
                    kinds: kinds.to_vec(),
                    years,
                    country: country.map(str::to_owned),
                    available: None,
                },
                limit: 10,
                prefix: false,
            })
            .unwrap()
            .into_iter()
            .map(|hit| hit.id)
            .collect::<Vec<_>>()
    };
    let available = |country: &str| {
        index
            .search(&Search {
                text: "crossing",
                filters: SearchFilters {
                    available: Some(country.to_owned()),
                    ..SearchFilters::default()
                },
                limit: 10,
                ..Search::default()
            })
            .unwrap()
            .into_iter()
            .map(|hit| hit.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(available("us"), ["crossing-2008"]);
    assert_eq!(available("KR"), Vec::<String>::new());
    assert_eq!(
        search(&[EntityKind::Film], Some((1980, 1999)), None),
        ["crossing-delancey"]
    );
    assert_eq!(
        search(&[EntityKind::Person], None, None),
        Vec::<String>::new()
    );
    assert_eq!(
        search(&[], Some((2001, 2010)), Some("kr")),
        ["crossing-2008"]
    );
}

#[test]
fn suggestions_complete_what_is_typed() {
    let index = index();
    let suggest = |text: &str| {
        index
            .search(&Search {
                text,
                limit: 3,
                prefix: true,
                ..Search::default()
            })
            .unwrap()
            .into_iter()
            .map(|hit| hit.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(suggest("herz")[0], "werner-herzog");
    assert_eq!(suggest("werner h")[0], "werner-herzog");
    assert_eq!(suggest("김태")[..2].len(), 2);
    assert!(suggest("김태").contains(&"kim-tae-kyun".to_owned()));
    assert_eq!(suggest("defec")[0], "the-defector");
    assert_eq!(suggest("크로")[0], "crossing-2008");
}

#[test]
fn removed_and_replaced_entities_leave_the_index() {
    let index = index();
    assert_eq!(ids(&index, "Werner Herzog")[0], "werner-herzog");
    index
        .apply(
            &[document(
                "person",
                "werner-herzog",
                &["Werner H. Stipetić"],
                None,
                1,
            )],
            &[],
            8,
        )
        .unwrap();
    assert!(!ids(&index, "Werner Herzog").contains(&"werner-herzog".to_owned()));
    assert_eq!(ids(&index, "Stipetic")[0], "werner-herzog");
    index
        .apply(&[], &[("person".to_owned(), "werner-herzog".to_owned())], 9)
        .unwrap();
    assert!(ids(&index, "Stipetic").is_empty());
    assert_eq!(index.position(), 9);
}

#[test]
fn an_index_on_disk_remembers_its_position_and_an_interrupted_rebuild() {
    let dir = std::env::temp_dir().join(format!("kinora-search-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let index = SearchIndex::open(&dir).unwrap();
        assert!(index.needs_rebuild());
        index.clear(0).unwrap();
        index
            .add(&[document(
                "person",
                "werner-herzog",
                &["Werner Herzog"],
                None,
                1,
            )])
            .unwrap();
        index.finish(41).unwrap();
        assert!(!index.needs_rebuild());
    }
    {
        let index = SearchIndex::open(&dir).unwrap();
        assert_eq!(
            (index.position(), index.needs_rebuild(), index.len()),
            (41, false, 1)
        );
        // A rebuild that never finishes…
        index.clear(42).unwrap();
        index
            .add(&[document(
                "person",
                "werner-herzog",
                &["Werner Herzog"],
                None,
                1,
            )])
            .unwrap();
    }
    // …is started again.
    let index = SearchIndex::open(&dir).unwrap();
    assert!(index.needs_rebuild());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn typo_budget_grows_with_the_word() {
    assert_eq!(
        ["kim", "park", "herzog", "wertmuller", "김태균", "김태"].map(typo_budget),
        [0, 1, 1, 2, 1, 0]
    );
    assert_eq!(edit_distance("kuyn", "kyun"), 1);
    assert_eq!(edit_distance("hezog", "herzog"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
}

/// A title of 100 KB (a member's import file can hold one) costs what a
/// name costs: only its first `QUERY_MAX` characters are looked at, and no
/// typo automaton is built for a name or word longer than a name or word.
/// Before these bounds, such a query took gigabytes.
#[test]
fn a_very_long_query_costs_no_more_than_a_long_name() {
    let index = index();
    let long: String = "Crossing the border of the river "
        .chars()
        .cycle()
        .take(100_000)
        .collect();
    let analysis = Analysis::of_query(&long);
    assert!(analysis.compact.chars().count() <= QUERY_MAX);
    for query in [long.clone(), long.replace(' ', ""), "x".repeat(100_000)] {
        let hits = index
            .search(&Search {
                text: &query,
                limit: 10,
                ..Search::default()
            })
            .unwrap();
        assert!(hits.len() <= 10);
    }
    // A name as long as the limit still finds itself.
    assert_eq!(ids(&index, "Crossing")[0], "crossing-2008");
}

/// A kind the index holds but this version cannot read is an error, not a
/// hit of some other kind.
#[test]
fn a_kind_the_index_cannot_read_is_an_error() {
    let index = index();
    index
        .apply(
            &[document("spaceship", "nostromo", &["Nostromo"], None, 1)],
            &[],
            8,
        )
        .unwrap();
    let error = index
        .search(&Search {
            text: "Nostromo",
            limit: 5,
            ..Search::default()
        })
        .unwrap_err();
    assert!(
        matches!(&error, SearchError::UnknownKind { kind, id } if kind == "spaceship" && id == "nostromo"),
        "{error}"
    );
    assert_eq!(first(&index, "Werner Herzog").kind, EntityKind::Person);
}
