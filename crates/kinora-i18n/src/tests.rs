use super::*;

#[test]
fn the_language_is_chosen_from_accept_language() {
    assert_eq!(
        Lang::negotiate("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"),
        Lang::Ko
    );
    assert_eq!(Lang::negotiate("en-GB,en;q=0.9,ko;q=0.8"), Lang::En);
    assert_eq!(Lang::negotiate("fr-FR,ko;q=0.5"), Lang::Ko);
    assert_eq!(Lang::negotiate("fr-FR"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
    assert_eq!(Lang::parse("KO_kr"), Some(Lang::Ko));
    assert_eq!(Lang::parse("de"), None);
}

#[test]
fn dates_times_and_numbers_are_written_as_each_language_does() {
    let day = DateParts {
        year: 2008,
        month: Some(6),
        day: Some(26),
    };
    assert_eq!(Lang::En.formats().date(day), "26 June 2008");
    assert_eq!(Lang::Ko.formats().date(day), "2008년 6월 26일");
    let month = DateParts {
        year: 2008,
        month: Some(6),
        day: None,
    };
    assert_eq!(Lang::Ko.formats().date(month), "2008년 6월");
    let year = DateParts {
        year: 2008,
        month: None,
        day: None,
    };
    assert_eq!(Lang::Ko.formats().date(year), "2008년");
    assert_eq!(Lang::En.formats().date(year), "2008");
    assert_eq!(Lang::Ko.formats().time(17, 0), "오후 5:00");
    assert_eq!(Lang::En.formats().time(17, 0), "17:00");
    assert_eq!(Lang::Ko.formats().number(4_000_000_000), "4,000,000,000");
    assert_eq!(
        Lang::Ko.day_with_weekday(2008, 6, 26),
        "2008년 6월 26일 (목)"
    );
    assert_eq!(Lang::En.day_with_weekday(2008, 6, 26), "Thu, 26 Jun 2008");
    // Round amounts compactly in Korean, in full in English; an amount a
    // compact form would round is written in full.
    assert_eq!(Lang::Ko.formats().money("4000000000", "KRW"), "₩40억");
    assert_eq!(
        Lang::En.formats().money("4000000000", "KRW"),
        "₩4,000,000,000"
    );
    assert_eq!(
        Lang::Ko.formats().money("2350000000", "KRW"),
        "₩2,350,000,000"
    );
    assert_eq!(Lang::Ko.formats().money("1500000", "USD"), "US$150만");
    assert_eq!(Lang::Ko.formats().money("1500", "USD"), "US$1,500");
    assert_eq!(Lang::En.formats().money("1500000", "USD"), "US$1,500,000");
    assert_eq!(Lang::En.formats().money("20", "XYZ"), "XYZ 20");
    assert_eq!(Lang::En.formats().money("12.5", "EUR"), "€12.5");
    // A conversion is said roughly, to two significant digits.
    assert_eq!(Lang::En.formats().money_about(4_012_036.1, "USD"), "US$4m");
    assert_eq!(
        Lang::Ko.formats().money_about(4_012_036.1, "USD"),
        "US$401만"
    );
    assert_eq!(Lang::Ko.ago(3), "3일 전");
    assert_eq!(Lang::Ko.formats().country("KR"), Some("한국"));
    assert_eq!(Lang::Ko.formats().country("US"), Some("미국"));
    assert_eq!(Lang::En.formats().country("KR"), Some("South Korea"));
    assert_eq!(Lang::En.formats().country("US"), Some("United States"));
    assert_eq!(Lang::Ko.formats().language("ko"), Some("한국어"));
    assert_eq!(Lang::Ko.formats().script("Hang"), Some("한글"));
    assert_eq!(Lang::Ko.formats().country("KP"), Some("북한"));
    assert_eq!(Lang::En.formats().language("ko"), Some("Korean"));
    assert_eq!(Lang::En.ago(1), "a day ago");
}

#[test]
fn names_sort_in_the_languages_order() {
    let mut names = vec!["하나", "가방", "나무", "다리"];
    names.sort_by(|a, b| Lang::Ko.formats().compare(a, b));
    assert_eq!(names, ["가방", "나무", "다리", "하나"]);
    let mut latin = vec!["Zoë", "Émile", "Eve", "adam"];
    latin.sort_by(|a, b| Lang::En.formats().compare(a, b));
    assert_eq!(latin, ["adam", "Émile", "Eve", "Zoë"]);
}

/// No message is written twice in a language's catalogs (the data's
/// words included): a second one would stop the catalogs from loading.
#[test]
fn no_message_is_written_twice() {
    for lang in Lang::ALL {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.tag());
        let mut seen = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in &resource.body {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    assert!(
                        seen.insert(message.id.name.to_owned()),
                        "{}: `{}` is written twice in {}",
                        path.display(),
                        message.id.name,
                        lang.tag()
                    );
                }
            }
        }
        // And every message loads.
        assert!(!lang.t("site-name").is_empty());
    }
}

/// Every message is in every catalog, with the same arguments.
#[test]
fn both_catalogs_have_every_message_with_the_same_arguments() {
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }
    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    variables(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }
    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
            }
            _ => {}
        }
    }
    let catalog = |lang: &str| -> BTreeMap<String, BTreeSet<String>> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut messages = BTreeMap::new();
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        // The data's words are translated by key from the data's English
        // labels (kinora-core checks that each has its translation).
        files.retain(|file| !file.ends_with("vocabulary.ftl"));
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
            for entry in &resource.body {
                if let ast::Entry::Message(message) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(value) = &message.value {
                        variables(value, &mut vars);
                    }
                    for attribute in &message.attributes {
                        variables(&attribute.value, &mut vars);
                    }
                    let name = message.id.name.to_owned();
                    assert!(
                        messages.insert(name.clone(), vars).is_none(),
                        "{}: `{name}` twice",
                        file.display()
                    );
                }
            }
        }
        messages
    };
    let english = catalog("en");
    let korean = catalog("ko");
    let only = |a: &BTreeMap<String, BTreeSet<String>>, b: &BTreeMap<String, BTreeSet<String>>| {
        a.keys()
            .filter(|key| !b.contains_key(*key))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        only(&english, &korean),
        Vec::<String>::new(),
        "in English only"
    );
    assert_eq!(
        only(&korean, &english),
        Vec::<String>::new(),
        "in Korean only"
    );
    for (key, vars) in &english {
        assert_eq!(Some(vars), korean.get(key), "`{key}`: the arguments differ");
    }
    println!("{} messages in each catalog", english.len());
}
