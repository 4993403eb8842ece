//! A source's page: the document, its authors, its text and the names it
//! mentions.

use kinora_core::EntityKind;
use kinora_core::model::{MentionStatus, Source};

use super::blocks::*;
use super::facts::*;
use kinora_i18n::t;

pub fn source_sections(source: &Source, lookup: &mut Lookup) -> Vec<Section> {
    let mut facts = Vec::new();
    let mut add = |label: &str, cells: Vec<Cell>| {
        if !cells.is_empty() {
            facts.push(Row {
                cells: vec![vec![Cell::text(label)], cells],
                ..Row::default()
            });
        }
    };
    add(&t("fact-kind"), vec![Cell::text(source.kind.local_label())]);
    let publisher = match (&source.publisher, &source.publisher_company) {
        (_, Some(company)) => vec![lookup.entity_cell(
            EntityKind::Company,
            &company.id,
            source.publisher.as_deref(),
        )],
        (Some(name), None) => vec![Cell::text(name.clone())],
        (None, None) => vec![],
    };
    add(&t("fact-publisher"), publisher);
    let credits = match (&source.credits, &source.credits_company) {
        (_, Some(company)) => {
            vec![lookup.entity_cell(EntityKind::Company, &company.id, source.credits.as_deref())]
        }
        (Some(name), None) => vec![Cell::text(name.clone())],
        (None, None) => vec![],
    };
    add(&t("fact-credits-as-its-source"), credits);
    let authors = source
        .authors
        .iter()
        .map(|author| match &author.person {
            Some(person) => lookup.entity_cell(EntityKind::Person, &person.id, Some(&author.name)),
            None => Cell::text(author.name.clone()),
        })
        .collect();
    add(&t("fact-author"), authors);
    add(
        &t("fact-date"),
        source
            .date
            .map(|date| vec![date_cell(Some(date))])
            .unwrap_or_default(),
    );
    add(
        &t("fact-language"),
        source
            .lang
            .iter()
            .map(|lang| Cell::text(lang.local_name()))
            .collect(),
    );
    add(
        &t("fact-address"),
        source
            .url
            .iter()
            .map(|url| Cell::link(url.clone(), url.clone()))
            .collect(),
    );
    add(
        &t("fact-read-in"),
        source
            .via
            .iter()
            .map(|via| lookup.entity_cell(EntityKind::Source, &via.id, None))
            .collect(),
    );
    let mut sections = Vec::new();
    sections.extend(Section::new(
        "facts",
        &t("section-about-this-source"),
        Body::Facts(facts),
    ));
    if let Some(summary) = &source.summary {
        sections.extend(Section::new(
            "summary",
            &t("section-summary"),
            Body::Prose(vec![Row {
                cells: vec![vec![
                    Cell::text(summary.clone()).lang(lang_of(&source.lang)),
                ]],
                ..Row::default()
            }]),
        ));
    }
    let named: Vec<Row> = source
        .mentions
        .iter()
        .filter(|mention| mention.status == MentionStatus::Confirmed)
        .filter_map(|mention| {
            let (kind, id) = mention.target()?;
            let entity = lookup.entity_cell(kind, id, Some(&mention.written));
            let mut name = vec![entity];
            if name[0].text != mention.written {
                name.push(Cell::text(kinora_i18n::t_with(
                    "written-as",
                    &[("name", mention.written.clone().into())],
                )));
            }
            Some(Row {
                cells: vec![vec![Cell::text(capitalize(kind.as_str()))], name],
                ..Row::default()
            })
        })
        .collect();
    sections.extend(Section::new(
        "mentions",
        &t("section-named-in-this-article"),
        Body::Table {
            headers: vec![t("col-kind"), t("col-name")],
            rows: named,
        },
    ));
    if let Some(text) = &source.text {
        // Every spelling of a confirmed name links to its entity.
        let confirmed: Vec<(Vec<String>, String)> = source
            .mentions
            .iter()
            .filter(|mention| mention.status == MentionStatus::Confirmed)
            .filter_map(|mention| {
                let (kind, id) = mention.target()?;
                let mut spellings = vec![mention.written.clone()];
                spellings.extend(mention.also.iter().cloned());
                Some((spellings, format!("/{}/{id}", kind.plural())))
            })
            .collect();
        let targets: Vec<Vec<String>> = confirmed.iter().map(|(s, _)| s.clone()).collect();
        let lang = lang_of(&source.lang);
        let paragraphs: Vec<Row> = paragraphs(text)
            .map(|paragraph| {
                let cells = kinora_core::mentions::link_spellings(&paragraph, &targets)
                    .into_iter()
                    .map(|(piece, owner)| {
                        match owner {
                            Some(owner) => Cell::link(piece, confirmed[owner].1.clone()),
                            None => Cell::text(piece),
                        }
                        .lang(lang.clone())
                    })
                    .collect();
                Row {
                    cells: vec![cells],
                    ..Row::default()
                }
            })
            .collect();
        sections.extend(Section::new(
            "text",
            &t("section-text"),
            Body::Prose(paragraphs),
        ));
    }
    // An article reads first; what the catalog says of it comes after.
    sections.sort_by_key(|section| match section.anchor.as_str() {
        "text" => 0,
        "summary" => 1,
        "mentions" => 2,
        _ => 3,
    });
    sections
}
