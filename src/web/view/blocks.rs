//! The blocks a page is laid out from: cells, rows, sections, the marks
//! that cite a fact's sources, and the lookup that names entities and
//! numbers sources as a page is built.

use std::collections::{BTreeMap, HashMap};

use kinora_core::model::{Citation, Claim, Source};
use kinora_core::{EntityId, EntityKind};
use kinora_store::Summary;

/// A small numbered mark after a fact that leads to the source stating it.
#[derive(Debug, Clone)]
pub struct CiteMark {
    pub number: usize,
    pub href: String,
    /// Publisher, date and the quoted words, shown on hover.
    pub title: String,
}

/// One piece of text in a fact or a table cell, linked or not.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    /// BCP 47 tag for the `lang` attribute, so Hangul and Han text render right.
    pub lang: Option<String>,
    /// Smaller text after the main text: a script, a system, a precision.
    pub aside: Option<String>,
    /// No source states it: an editor inferred it, so it carries the mark
    /// wherever it is shown.
    pub inferred: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            href: Some(href.into()),
            ..Cell::default()
        }
    }

    pub fn lang(mut self, lang: Option<String>) -> Cell {
        self.lang = lang;
        self
    }

    /// Marks the cell as an editor's inference, as its claim is.
    pub fn inferred(mut self, inferred: bool) -> Cell {
        self.inferred = inferred;
        self
    }

    pub fn aside(mut self, aside: impl Into<String>) -> Cell {
        let aside = aside.into();
        self.aside = (!aside.is_empty()).then_some(aside);
        self
    }
}

/// A row of a table or an item of a list: its cells, its marks and its note.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Vec<Cell>>,
    pub preferred: bool,
    /// True when other rows of the same fact disagree with this one.
    pub disputed: bool,
    /// No source states it: an editor inferred it (the note says how).
    pub inferred: bool,
    pub note: Option<String>,
    pub cites: Vec<CiteMark>,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// Label–value pairs: each row's first cell is the label.
    Facts(Vec<Row>),
    Table {
        headers: Vec<String>,
        rows: Vec<Row>,
    },
    /// Paragraphs of text, each row one paragraph.
    Prose(Vec<Row>),
}

impl Body {
    /// How many rows it has.
    pub fn len(&self) -> usize {
        self.rows().len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows().is_empty()
    }

    fn rows(&self) -> &[Row] {
        match self {
            Body::Facts(rows) | Body::Prose(rows) | Body::Table { rows, .. } => rows,
        }
    }

    /// Whether any row has a citation, a mark or a note, so the table needs
    /// its sources column.
    pub fn has_marks(&self) -> bool {
        match self {
            Body::Facts(rows) | Body::Prose(rows) | Body::Table { rows, .. } => {
                rows.iter().any(|row| {
                    !row.cites.is_empty()
                        || row.preferred
                        || row.disputed
                        || row.inferred
                        || row.note.is_some()
                })
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub anchor: String,
    pub title: String,
    pub body: Body,
    /// Shown folded, opened on demand ("More synopses").
    pub folded: bool,
}

impl Section {
    pub fn new(anchor: &str, title: &str, mut body: Body) -> Option<Section> {
        // Several values of one fact read as a group: the label shows once.
        if let Body::Facts(rows) = &mut body {
            let mut previous = String::new();
            for row in rows.iter_mut() {
                let label = row
                    .cells
                    .first()
                    .and_then(|cells| cells.first())
                    .map(|cell| cell.text.clone());
                match label {
                    Some(label) if label == previous => row.cells[0].clear(),
                    Some(label) => previous = label,
                    None => {}
                }
            }
        }
        let empty = match &body {
            Body::Facts(rows) | Body::Prose(rows) | Body::Table { rows, .. } => rows.is_empty(),
        };
        (!empty).then(|| Section {
            anchor: anchor.to_owned(),
            title: title.to_owned(),
            body,
            folded: false,
        })
    }

    /// The same section, folded.
    pub fn folded(mut self) -> Section {
        self.folded = true;
        self
    }
}

/// A source listed at the foot of a page, numbered as its marks are.
#[derive(Debug, Clone)]
pub struct SourceLine {
    pub number: usize,
    pub href: String,
    pub title: String,
    pub detail: String,
}

/// What the page knows about the entities and sources it mentions, and the
/// numbering of the sources it cites.
pub struct Lookup {
    pub summaries: BTreeMap<(EntityKind, EntityId), Summary>,
    pub sources: HashMap<EntityId, Source>,
    numbering: Vec<EntityId>,
}

impl Lookup {
    pub fn new(
        summaries: BTreeMap<(EntityKind, EntityId), Summary>,
        sources: HashMap<EntityId, Source>,
    ) -> Lookup {
        Lookup {
            summaries,
            sources,
            numbering: Vec::new(),
        }
    }

    pub fn entity_cell(&self, kind: EntityKind, id: &EntityId, fallback: Option<&str>) -> Cell {
        let label = self
            .summaries
            .get(&(kind, id.clone()))
            .map(|summary| summary.label.clone())
            .or(fallback.map(str::to_owned))
            .unwrap_or_else(|| id.to_string());
        Cell::link(label, format!("/{}/{}", kind.plural(), id))
    }

    pub fn year_of(&self, kind: EntityKind, id: &EntityId) -> Option<i64> {
        self.summaries
            .get(&(kind, id.clone()))
            .and_then(|summary| summary.year)
    }

    /// Numbers the sources of a fact; a source cited twice (for two quotes)
    /// gets one mark whose tooltip holds both.
    pub fn cite(&mut self, citations: &[Citation]) -> Vec<CiteMark> {
        let mut marks: Vec<CiteMark> = Vec::new();
        let all = citations
            .iter()
            .map(|citation| {
                let id = &citation.source.id;
                let number = match self.numbering.iter().position(|seen| seen == id) {
                    Some(index) => index + 1,
                    None => {
                        self.numbering.push(id.clone());
                        self.numbering.len()
                    }
                };
                let mut title = self
                    .sources
                    .get(id)
                    .map(source_credit)
                    .unwrap_or_else(|| id.to_string());
                if let Some(quote) = &citation.quote {
                    title.push_str(&format!(": “{quote}”"));
                }
                CiteMark {
                    number,
                    href: format!("/sources/{id}"),
                    title,
                }
            })
            .collect::<Vec<_>>();
        for mark in all {
            match marks.iter_mut().find(|seen| seen.number == mark.number) {
                Some(seen) => {
                    if let Some((_, quote)) = mark.title.split_once(": “") {
                        seen.title.push_str(&format!(" “{quote}"));
                    }
                }
                None => marks.push(mark),
            }
        }
        marks
    }

    pub fn row<C: Claim>(
        &mut self,
        claim: &C,
        note: &Option<String>,
        cells: Vec<Vec<Cell>>,
    ) -> Row {
        Row {
            cells,
            preferred: claim.preferred(),
            disputed: false,
            inferred: claim.inferred(),
            note: note.clone(),
            cites: self.cite(claim.sources()),
        }
    }

    /// The foot-of-page list of every source cited, in citation order.
    pub fn source_lines(&self) -> Vec<SourceLine> {
        self.numbering
            .iter()
            .enumerate()
            .map(|(index, id)| {
                let source = self.sources.get(id);
                SourceLine {
                    number: index + 1,
                    href: format!("/sources/{id}"),
                    title: source
                        .map(|s| s.title.clone())
                        .unwrap_or_else(|| id.to_string()),
                    detail: source.map(source_credit).unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// "JoongAng Daily, 12 March 2008, by Lee Eun-joo".
pub fn source_credit(source: &Source) -> String {
    let mut parts = Vec::new();
    parts.push(
        source
            .publisher
            .clone()
            .unwrap_or_else(|| source.kind.local_label()),
    );
    if let Some(date) = source.date {
        parts.push(date.display());
    }
    if !source.authors.is_empty() {
        let names: Vec<&str> = source
            .authors
            .iter()
            .map(|author| author.name.as_str())
            .collect();
        parts.push(kinora_i18n::t_with(
            "by-authors",
            &[("names", names.join(", ").into())],
        ));
    }
    parts.join(", ")
}
