//! View models: what a page shows, built from entities. Templates only lay
//! these out; they make no decisions.

use std::collections::{BTreeMap, HashMap};

use kinora_core::model::{
    Album, Citation, Claim, Company, Department, Entity, Event, Film, MentionStatus, Name, Person,
    ScriptText, Source, Title, Venue, preferred_first,
};
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
                    !row.cites.is_empty() || row.preferred || row.disputed || row.note.is_some()
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
            .unwrap_or_else(|| source.kind.label().to_owned()),
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
        parts.push(format!("by {}", names.join(", ")));
    }
    parts.join(", ")
}

fn lang_of(lang: &Option<kinora_core::Language>) -> Option<String> {
    lang.as_ref().map(|lang| lang.to_string())
}

/// Marks rows as disputed when rows with the same key disagree.
fn mark_disputes(rows: &mut [Row], keys: &[String]) {
    for index in 0..rows.len() {
        let same_key = keys.iter().filter(|key| **key == keys[index]).count();
        rows[index].disputed = same_key > 1;
    }
}

fn date_cell(date: Option<kinora_core::PartialDate>) -> Cell {
    match date {
        Some(date) => Cell::text(date.display()).aside(match date.precision() {
            kinora_core::Precision::Day => "",
            kinora_core::Precision::Month => "month only",
            kinora_core::Precision::Year => "year only",
        }),
        None => Cell::text("date not set"),
    }
}

fn title_rows(lookup: &mut Lookup, titles: &[Title]) -> Vec<Row> {
    preferred_first(titles)
        .into_iter()
        .map(|title| {
            let mut asides = Vec::new();
            if let Some(lang) = &title.lang {
                asides.push(lang.english_name().to_owned());
            }
            if let Some(script) = &title.script {
                asides.push(script.name().to_owned());
            }
            if let Some(country) = &title.country {
                asides.push(country.name().to_owned());
            }
            lookup.row(
                title,
                &title.note,
                vec![
                    vec![Cell::text(title.text.clone()).lang(lang_of(&title.lang))],
                    vec![Cell::text(title.kind.label())],
                    vec![Cell::text(asides.join(" · "))],
                ],
            )
        })
        .collect()
}

fn name_rows(lookup: &mut Lookup, names: &[Name]) -> Vec<Row> {
    preferred_first(names)
        .into_iter()
        .map(|name| {
            let mut asides = Vec::new();
            if let Some(lang) = &name.lang {
                asides.push(lang.english_name().to_owned());
            }
            if let Some(script) = &name.script {
                asides.push(script.name().to_owned());
            }
            if let Some(system) = name.system {
                asides.push(system.label().to_owned());
            }
            if let Some(order) = name.order {
                asides.push(order.label().to_owned());
            }
            lookup.row(
                name,
                &name.note,
                vec![
                    vec![Cell::text(name.text.clone()).lang(lang_of(&name.lang))],
                    vec![Cell::text(name.kind.label())],
                    vec![Cell::text(asides.join(" · "))],
                ],
            )
        })
        .collect()
}

fn script_cells(titles: &[ScriptText]) -> Vec<Cell> {
    titles
        .iter()
        .map(|title| {
            // The script shows for itself: no code beside it.
            Cell::text(title.text.clone()).lang(lang_of(&title.lang))
        })
        .collect()
}

/// A simple label–value fact from any claim.
fn fact<C: Claim>(
    lookup: &mut Lookup,
    label: &str,
    claim: &C,
    note: &Option<String>,
    value: Vec<Cell>,
) -> Row {
    lookup.row(claim, note, vec![vec![Cell::text(label)], value])
}

macro_rules! facts {
    ($lookup:expr, $rows:expr, $label:expr, $claims:expr, |$claim:ident| $value:expr) => {
        for $claim in preferred_first(&$claims) {
            let value = $value;
            let row = fact($lookup, $label, $claim, &$claim.note, value);
            $rows.push(row);
        }
    };
}

/// Paragraphs from text claims (synopses, descriptions, trivia), preferred first.
macro_rules! prose {
    ($lookup:expr, $rows:expr, $claims:expr) => {
        for claim in preferred_first(&$claims) {
            let cell = Cell::text(claim.text.clone()).lang(lang_of(&claim.lang));
            let row = $lookup.row(claim, &claim.note, vec![vec![cell]]);
            $rows.push(row);
        }
    };
}

fn external_cell(external: &kinora_core::model::ExternalId) -> Vec<Cell> {
    let cell = match external.scheme.url(&external.value) {
        Some(url) => Cell::link(external.value.clone(), url),
        None => Cell::text(external.value.clone()),
    };
    vec![Cell::text(external.scheme.label()), cell]
}

fn link_cell(link: &kinora_core::model::Link) -> Vec<Cell> {
    vec![Cell::link(
        link.title.clone().unwrap_or_else(|| link.url.clone()),
        link.url.clone(),
    )]
}

pub fn film_sections(film: &Film, albums: &[Album], lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut key = Vec::new();
    facts!(lookup, key, "Form", film.forms, |c| vec![Cell::text(
        c.form.label()
    )]);
    facts!(lookup, key, "Year", film.years, |c| vec![Cell::text(
        c.year.to_string()
    )]);
    facts!(lookup, key, "Status", film.statuses, |c| {
        let mut cell = Cell::text(c.status.label());
        if let Some(date) = c.date {
            cell = cell.aside(format!("as of {}", date.display()));
        }
        vec![cell]
    });
    facts!(lookup, key, "Runtime", film.runtimes, |c| {
        vec![
            Cell::text(format!("{} min", c.minutes))
                .aside(c.country.as_ref().map(|c| c.name()).unwrap_or_default()),
        ]
    });
    facts!(lookup, key, "Country", film.countries, |c| vec![
        Cell::text(c.country.name())
    ]);
    facts!(lookup, key, "Language", film.languages, |c| vec![
        Cell::text(c.language.english_name())
    ]);
    facts!(lookup, key, "Genre", film.genres, |c| vec![Cell::text(
        c.genre.clone()
    )]);
    facts!(lookup, key, "Colour", film.colors, |c| vec![Cell::text(
        c.color.label()
    )]);
    facts!(lookup, key, "Format", film.formats, |c| vec![Cell::text(
        c.format.clone()
    )]);
    facts!(lookup, key, "Subject", film.keywords, |c| vec![Cell::text(
        c.keyword.clone()
    )]);
    facts!(lookup, key, "Episode of", film.episode_of, |c| {
        let mut place = Vec::new();
        if let Some(season) = c.season {
            place.push(format!("season {season}"));
        }
        if let Some(episode) = c.episode {
            place.push(format!("episode {episode}"));
        }
        vec![
            lookup
                .entity_cell(EntityKind::Film, &c.series.id, None)
                .aside(place.join(", ")),
        ]
    });
    facts!(lookup, key, "Rating elsewhere", film.ratings, |c| {
        let mut cell = Cell::text(format!("{} {}/{}", c.by, c.value, c.best));
        let mut aside = format!(
            "{} votes",
            kinora_core::money::Decimal::parse(&c.votes.to_string())
                .map(|d| d.grouped())
                .unwrap_or_default()
        );
        if let Some(date) = c.date {
            aside.push_str(&format!(", as of {}", date.display()));
        }
        cell = cell.aside(aside);
        vec![cell]
    });
    let mut runtime_keys: Vec<String> =
        key.iter().map(|row| row.cells[0][0].text.clone()).collect();
    for (row, label) in key.iter_mut().zip(runtime_keys.iter_mut()) {
        if !matches!(label.as_str(), "Year" | "Runtime" | "Colour") {
            label.push_str(&row.cells[1][0].text);
        }
    }
    mark_disputes(&mut key, &runtime_keys);
    sections.extend(Section::new("facts", "Facts", Body::Facts(key)));

    let titles = title_rows(lookup, &film.titles);
    sections.extend(Section::new(
        "titles",
        "Titles",
        Body::Table {
            headers: vec!["Title".into(), "Kind".into(), "Language · script".into()],
            rows: titles,
        },
    ));

    let mut releases = Vec::new();
    let mut release_keys = Vec::new();
    for release in preferred_first(&film.releases) {
        let mut where_cells = Vec::new();
        if let Some(event) = &release.event {
            where_cells.push(Cell::text(event.clone()));
        }
        if let Some(place) = &release.place {
            where_cells.push(Cell::text(place.name.clone()));
        }
        if let Some(distributor) = &release.distributor {
            where_cells.push(
                lookup
                    .entity_cell(EntityKind::Company, &distributor.id, None)
                    .aside("distributor"),
            );
        }
        let row = lookup.row(
            release,
            &release.note,
            vec![
                vec![date_cell(release.date)],
                vec![Cell::text(
                    release.country.as_ref().map(|c| c.name()).unwrap_or("—"),
                )],
                vec![Cell::text(release.kind.label())],
                where_cells,
            ],
        );
        release_keys.push(
            release
                .country
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
        );
        releases.push(row);
    }
    mark_disputes(&mut releases, &release_keys);
    sections.extend(Section::new(
        "releases",
        "Release dates",
        Body::Table {
            headers: vec![
                "Date".into(),
                "Country".into(),
                "Kind".into(),
                "Where".into(),
            ],
            rows: releases,
        },
    ));

    // The preferred synopsis leads the page (`summary::hero`); the others,
    // which may tell the ending, wait behind a fold.
    let mut synopses = Vec::new();
    prose!(lookup, synopses, film.synopses);
    if !synopses.is_empty() {
        synopses.remove(0);
    }
    sections.extend(
        Section::new("synopses", "More synopses", Body::Prose(synopses)).map(Section::folded),
    );

    let mut cast: Vec<_> = film
        .credits
        .iter()
        .filter(|credit| credit.department == Department::Cast)
        .collect();
    cast.sort_by_key(|credit| credit.billing.unwrap_or(u32::MAX));
    let cast_rows: Vec<Row> = cast
        .into_iter()
        .map(|credit| {
            let mut person = lookup.entity_cell(
                EntityKind::Person,
                &credit.person.id,
                credit.credited_as.as_deref(),
            );
            if let Some(credited) = &credit.credited_as
                && *credited != person.text
            {
                person = person.aside(format!("credited as {credited}"));
            }
            if let Some(status) = attachment(credit) {
                person = person.aside(status);
            }
            let characters: Vec<Cell> = credit
                .characters
                .iter()
                .map(|character| {
                    let mut cell = Cell::text(character.name.clone());
                    if !character.also.is_empty() {
                        cell = cell.aside(format!("also {}", character.also.join(", ")));
                    }
                    cell
                })
                .collect();
            let role = if characters.is_empty() {
                vec![Cell::text(credit.job.clone())]
            } else {
                characters
            };
            lookup.row(credit, &credit.note, vec![vec![person], role])
        })
        .collect();
    sections.extend(Section::new(
        "cast",
        "Cast",
        Body::Table {
            headers: vec!["Actor".into(), "Character".into()],
            rows: cast_rows,
        },
    ));

    let mut crew: Vec<_> = film
        .credits
        .iter()
        .filter(|credit| credit.department != Department::Cast)
        .collect();
    crew.sort_by_key(|credit| (credit.department, credit.billing.unwrap_or(u32::MAX)));
    let crew_rows: Vec<Row> = crew
        .into_iter()
        .map(|credit| {
            let mut person = lookup.entity_cell(
                EntityKind::Person,
                &credit.person.id,
                credit.credited_as.as_deref(),
            );
            if let Some(credited) = &credit.credited_as
                && *credited != person.text
            {
                person = person.aside(format!("credited as {credited}"));
            }
            if let Some(status) = attachment(credit) {
                person = person.aside(status);
            }
            lookup.row(
                credit,
                &credit.note,
                vec![
                    vec![Cell::text(credit.job.clone()).aside(credit.department.label())],
                    vec![person],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "crew",
        "Crew",
        Body::Table {
            headers: vec!["Job".into(), "Name".into()],
            rows: crew_rows,
        },
    ));

    let company_rows: Vec<Row> = preferred_first(&film.companies)
        .into_iter()
        .map(|role| {
            let mut company = lookup.entity_cell(
                EntityKind::Company,
                &role.company.id,
                role.credited_as.as_deref(),
            );
            if let Some(country) = &role.country {
                company = company.aside(country.name());
            }
            lookup.row(
                role,
                &role.note,
                vec![vec![Cell::text(role.role.label())], vec![company]],
            )
        })
        .collect();
    sections.extend(Section::new(
        "companies",
        "Companies",
        Body::Table {
            headers: vec!["Role".into(), "Company".into()],
            rows: company_rows,
        },
    ));

    let mut offers: Vec<_> = preferred_first(&film.availability);
    offers.sort_by_key(|offer| (offer.country.name(), offer.kind));
    let offer_rows: Vec<Row> = offers
        .into_iter()
        .map(|offer| {
            let service = match (&offer.company, &offer.url) {
                (Some(company), _) => {
                    lookup.entity_cell(EntityKind::Company, &company.id, Some(&offer.service))
                }
                (None, Some(url)) => Cell::link(offer.service.clone(), url.clone()),
                (None, None) => Cell::text(offer.service.clone()),
            };
            let mut seen = Cell::text(offer.seen.display());
            if let Some(until) = offer.until {
                seen = seen.aside(format!("until {}", until.display()));
            }
            lookup.row(
                offer,
                &offer.note,
                vec![
                    vec![Cell::text(offer.country.name()).aside(offer.country.as_str())],
                    vec![Cell::text(capitalize(offer.kind.label()))],
                    vec![service],
                    vec![seen],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "watch",
        "Where to watch",
        Body::Table {
            headers: vec![
                "Country".into(),
                "How".into(),
                "Service".into(),
                "Seen".into(),
            ],
            rows: offer_rows,
        },
    ));

    let mut production = Vec::new();
    for claim in preferred_first(&film.money) {
        let mut value = vec![Cell::text(claim.money.display()).aside(claim.money.currency.name())];
        if let Some(rate) = &claim.exchange_rate {
            let converted = rate
                .to_base(&claim.money)
                .map(|amount| format!(" ≈ {}{:.1} million", rate.base.sign(), amount / 1_000_000.0))
                .unwrap_or_default();
            value.push(Cell::text(format!("at {}{converted}", rate.display())));
        }
        if let Some(company) = &claim.company {
            value.push(lookup.entity_cell(EntityKind::Company, &company.id, None));
        }
        let label = claim.kind.label();
        let label = format!("{}{}", label[..1].to_uppercase(), &label[1..]);
        production.push(fact(lookup, &label, claim, &claim.note, value));
    }
    facts!(
        lookup,
        production,
        "Filmed in",
        film.filming_locations,
        |c| {
            // The country beside the place, unless the place is the country.
            let country = c
                .place
                .country
                .as_ref()
                .map(|c| c.name())
                .unwrap_or_default();
            let aside = if country == c.place.name { "" } else { country };
            vec![Cell::text(c.place.name.clone()).aside(aside)]
        }
    );
    let period_start = production.len();
    facts!(lookup, production, "Filmed", film.filming_periods, |c| {
        let text = match (c.start, c.end) {
            (Some(start), Some(end)) if start == end => start.display(),
            (Some(start), Some(end)) => format!("{} – {}", start.display(), end.display()),
            (Some(start), None) => format!("from {}", start.display()),
            (None, Some(end)) => format!("until {}", end.display()),
            (None, None) => "dates unknown".to_owned(),
        };
        vec![Cell::text(text)]
    });
    if production.len() - period_start > 1 {
        for row in &mut production[period_start..] {
            row.disputed = true;
        }
    }
    facts!(lookup, production, "Based on", film.based_on, |c| {
        let mut value = vec![Cell::text(c.title.clone()).aside(c.kind.label())];
        if let Some(date) = c.date {
            value.push(Cell::text(date.display()));
        }
        if let Some(place) = &c.place {
            value.push(Cell::text(place.name.clone()));
        }
        for author in &c.authors {
            value.push(
                lookup
                    .entity_cell(EntityKind::Person, &author.id, None)
                    .aside("author"),
            );
        }
        if let Some(film) = &c.film {
            value.push(lookup.entity_cell(EntityKind::Film, &film.id, None));
        }
        if let Some(description) = &c.description {
            value.push(Cell::text(description.clone()));
        }
        value
    });
    sections.extend(Section::new(
        "production",
        "Production",
        Body::Facts(production),
    ));

    for soundtrack in &film.soundtracks {
        let album_cell = lookup.entity_cell(EntityKind::Album, &soundtrack.album.id, None);
        let heading = format!("Soundtrack: {}", album_cell.text);
        let mut rows = vec![lookup.row(
            soundtrack,
            &soundtrack.note,
            vec![vec![Cell::text("Album")], vec![album_cell]],
        )];
        if let Some(album) = albums.iter().find(|album| album.id == soundtrack.album.id) {
            rows.extend(track_rows(album, lookup));
            let (first, tracks) = rows.split_at_mut(1);
            let album_row = &first[0];
            let mut table_rows = vec![Row {
                cells: vec![vec![], album_row.cells[1].clone(), vec![]],
                cites: album_row.cites.clone(),
                note: album_row.note.clone(),
                ..Row::default()
            }];
            table_rows.extend(tracks.iter().cloned());
            sections.extend(Section::new(
                &format!("soundtrack-{}", soundtrack.album.id),
                &heading,
                Body::Table {
                    headers: vec!["#".into(), "Title".into(), "Artist".into()],
                    rows: table_rows,
                },
            ));
        } else {
            sections.extend(Section::new("soundtrack", &heading, Body::Facts(rows)));
        }
    }

    let mut related = Vec::new();
    facts!(lookup, related, "Related film", film.related, |c| {
        let cell = lookup.entity_cell(EntityKind::Film, &c.film.id, None);
        let year = lookup
            .year_of(EntityKind::Film, &c.film.id)
            .map(|year| year.to_string())
            .unwrap_or_default();
        vec![cell.aside(year), Cell::text(c.relation.clone())]
    });
    sections.extend(Section::new(
        "related",
        "Related films",
        Body::Facts(related),
    ));

    let mut links = Vec::new();
    facts!(lookup, links, "Link", film.links, |c| {
        vec![
            Cell::text(c.kind.label()),
            Cell::link(
                c.title.clone().unwrap_or_else(|| c.url.clone()),
                c.url.clone(),
            ),
        ]
    });
    facts!(lookup, links, "Trailer", film.trailers, |c| {
        let text = c.title.clone().unwrap_or_else(|| c.kind.label().to_owned());
        let mut cell = match &c.url {
            Some(url) => Cell::link(text, url.clone()),
            None => Cell::text(text),
        };
        if let Some(date) = c.date {
            cell = cell.aside(date.display());
        }
        vec![cell]
    });
    facts!(lookup, links, "Elsewhere", film.external_ids, |c| {
        external_cell(c)
    });
    for row in &mut links {
        if row.cells[0][0].text == "Link" {
            let kind = row.cells[1].remove(0);
            row.cells[0] = vec![Cell::text(capitalize(&kind.text))];
        }
    }
    sections.extend(Section::new(
        "links",
        "Links and trailers",
        Body::Facts(links),
    ));

    let mut trivia = Vec::new();
    prose!(lookup, trivia, film.trivia);
    sections.extend(Section::new("trivia", "Did you know", Body::Prose(trivia)));
    sections
}

/// The text with its first letter in capitals: "Theatrical release".
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn track_rows(album: &Album, lookup: &mut Lookup) -> Vec<Row> {
    let mut tracks: Vec<_> = album.tracks.iter().collect();
    tracks.sort_by_key(|track| (track.disc.unwrap_or(1), track.number));
    tracks
        .into_iter()
        .map(|track| {
            let artists: Vec<Cell> = track
                .artists
                .iter()
                .map(|artist| {
                    let cell = match &artist.person {
                        Some(person) => {
                            let mut cell = lookup.entity_cell(
                                EntityKind::Person,
                                &person.id,
                                Some(&artist.name),
                            );
                            cell.text = artist.name.clone();
                            cell
                        }
                        None => Cell::text(artist.name.clone()),
                    };
                    cell.lang(
                        kinora_core::Script::detect(&artist.name)
                            .filter(|s| s.as_str() == "Hang")
                            .map(|_| "ko".to_owned()),
                    )
                    .aside(artist.role.clone().unwrap_or_default())
                })
                .collect();
            let number = match track.disc {
                Some(disc) => format!("{disc}.{}", track.number),
                None => track.number.to_string(),
            };
            lookup.row(
                track,
                &track.note,
                vec![
                    vec![Cell::text(number)],
                    script_cells(&track.titles),
                    artists,
                ],
            )
        })
        .collect()
}

pub fn album_sections(album: &Album, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let titles = title_rows(lookup, &album.titles);
    sections.extend(Section::new(
        "titles",
        "Titles",
        Body::Table {
            headers: vec!["Title".into(), "Kind".into(), "Language · script".into()],
            rows: titles,
        },
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "Artist", album.artists, |c| {
        let cell = match &c.artist.person {
            Some(person) => {
                let mut cell =
                    lookup.entity_cell(EntityKind::Person, &person.id, Some(&c.artist.name));
                cell.text = c.artist.name.clone();
                cell
            }
            None => Cell::text(c.artist.name.clone()),
        };
        vec![cell.aside(c.artist.role.clone().unwrap_or_default())]
    });
    facts!(lookup, facts, "Released", album.releases, |c| {
        vec![
            date_cell(c.date),
            Cell::text(c.country.as_ref().map(|c| c.name()).unwrap_or_default()),
        ]
    });
    facts!(lookup, facts, "Company", album.companies, |c| {
        vec![
            lookup
                .entity_cell(EntityKind::Company, &c.company.id, None)
                .aside(c.role.label()),
        ]
    });
    facts!(lookup, facts, "Link", album.links, |c| link_cell(c));
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let tracks = track_rows(album, lookup);
    sections.extend(Section::new(
        "tracks",
        &format!("Tracks ({})", album.tracks.len()),
        Body::Table {
            headers: vec!["#".into(), "Title".into(), "Artist".into()],
            rows: tracks,
        },
    ));
    sections
}

pub fn person_sections(person: &Person, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let names = name_rows(lookup, &person.names);
    sections.extend(Section::new(
        "names",
        "Names and spellings",
        Body::Table {
            headers: vec![
                "Name".into(),
                "Kind".into(),
                "Language · script · system".into(),
            ],
            rows: names,
        },
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "Born", person.birth_dates, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Born in", person.birth_places, |c| vec![
        Cell::text(c.place.name.clone())
    ]);
    facts!(lookup, facts, "Died", person.death_dates, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Country", person.countries, |c| vec![
        Cell::text(c.country.name())
    ]);
    facts!(lookup, facts, "Occupation", person.occupations, |c| vec![
        Cell::text(c.occupation.clone())
    ]);
    facts!(lookup, facts, "Affiliation", person.affiliations, |c| {
        vec![
            lookup.entity_cell(EntityKind::Company, &c.company.id, None),
            Cell::text(c.role.clone()),
        ]
    });
    facts!(lookup, facts, "Relative", person.relatives, |c| {
        vec![
            lookup.entity_cell(EntityKind::Person, &c.person.id, None),
            Cell::text(c.relation.label()),
        ]
    });
    facts!(lookup, facts, "Link", person.links, |c| link_cell(c));
    facts!(lookup, facts, "Elsewhere", person.external_ids, |c| {
        external_cell(c)
    });
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, person.descriptions);
    prose!(lookup, about, person.trivia);
    sections.extend(Section::new("about", "About", Body::Prose(about)));
    sections
}

pub fn company_sections(company: &Company, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let names = name_rows(lookup, &company.names);
    sections.extend(Section::new(
        "names",
        "Names",
        Body::Table {
            headers: vec!["Name".into(), "Kind".into(), "Language · script".into()],
            rows: names,
        },
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "Kind", company.kinds, |c| vec![Cell::text(
        c.kind.label()
    )]);
    facts!(lookup, facts, "Country", company.countries, |c| vec![
        Cell::text(c.country.name())
    ]);
    facts!(lookup, facts, "Location", company.locations, |c| vec![
        Cell::text(c.place.name.clone())
    ]);
    facts!(lookup, facts, "Founded", company.founded, |c| vec![
        date_cell(Some(c.date))
    ]);
    facts!(lookup, facts, "Part of", company.parents, |c| {
        vec![
            lookup.entity_cell(EntityKind::Company, &c.company.id, None),
            Cell::text(c.relation.clone()),
        ]
    });
    facts!(lookup, facts, "Link", company.links, |c| link_cell(c));
    facts!(lookup, facts, "Elsewhere", company.external_ids, |c| {
        external_cell(c)
    });
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, company.descriptions);
    sections.extend(Section::new("about", "About", Body::Prose(about)));
    sections
}

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
    add("Kind", vec![Cell::text(source.kind.label())]);
    let publisher = match (&source.publisher, &source.publisher_company) {
        (_, Some(company)) => vec![lookup.entity_cell(
            EntityKind::Company,
            &company.id,
            source.publisher.as_deref(),
        )],
        (Some(name), None) => vec![Cell::text(name.clone())],
        (None, None) => vec![],
    };
    add("Publisher", publisher);
    let authors = source
        .authors
        .iter()
        .map(|author| match &author.person {
            Some(person) => lookup.entity_cell(EntityKind::Person, &person.id, Some(&author.name)),
            None => Cell::text(author.name.clone()),
        })
        .collect();
    add("Author", authors);
    add(
        "Date",
        source
            .date
            .map(|date| vec![date_cell(Some(date))])
            .unwrap_or_default(),
    );
    add(
        "Language",
        source
            .lang
            .iter()
            .map(|lang| Cell::text(lang.english_name()))
            .collect(),
    );
    add(
        "Address",
        source
            .url
            .iter()
            .map(|url| Cell::link(url.clone(), url.clone()))
            .collect(),
    );
    add(
        "Read in",
        source
            .via
            .iter()
            .map(|via| lookup.entity_cell(EntityKind::Source, &via.id, None))
            .collect(),
    );
    let mut sections = Vec::new();
    sections.extend(Section::new(
        "facts",
        "About this source",
        Body::Facts(facts),
    ));
    if let Some(summary) = &source.summary {
        sections.extend(Section::new(
            "summary",
            "Summary",
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
                name.push(Cell::text(format!("as “{}”", mention.written)));
            }
            Some(Row {
                cells: vec![vec![Cell::text(capitalize(kind.as_str()))], name],
                ..Row::default()
            })
        })
        .collect();
    sections.extend(Section::new(
        "mentions",
        "Named in this article",
        Body::Table {
            headers: vec!["Kind".into(), "Name".into()],
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
        sections.extend(Section::new("text", "Text", Body::Prose(paragraphs)));
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

/// The paragraphs of a text: blocks separated by blank lines, each one's
/// lines joined.
pub fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|block| !block.is_empty())
}

/// A credit's standing in a film not yet made: "attached · 2015".
fn attachment(credit: &kinora_core::model::Credit) -> Option<String> {
    let status = credit.status?;
    Some(match credit.date {
        Some(date) => format!("{} · {}", status.label(), date.display()),
        None => status.label().to_owned(),
    })
}

pub fn venue_sections(venue: &Venue, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let names = name_rows(lookup, &venue.names);
    sections.extend(Section::new(
        "names",
        "Names",
        Body::Table {
            headers: vec!["Name".into(), "Kind".into(), "Language · script".into()],
            rows: names,
        },
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, "In", venue.part_of, |c| vec![
        lookup.entity_cell(EntityKind::Venue, &c.venue.id, None)
    ]);
    facts!(lookup, facts, "Address", venue.addresses, |c| vec![
        Cell::text(c.address.clone())
    ]);
    facts!(lookup, facts, "City", venue.cities, |c| vec![
        Cell::text(c.place.name.clone()).aside(
            c.place
                .country
                .as_ref()
                .map(|c| c.name())
                .unwrap_or_default()
        )
    ]);
    facts!(lookup, facts, "Time zone", venue.time_zones, |c| vec![
        Cell::text(c.zone.name())
    ]);
    facts!(lookup, facts, "Run by", venue.operators, |c| vec![
        lookup.entity_cell(EntityKind::Company, &c.company.id, None)
    ]);
    facts!(lookup, facts, "Link", venue.links, |c| link_cell(c));
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, venue.descriptions);
    sections.extend(Section::new("about", "About", Body::Prose(about)));
    sections
}

pub fn event_sections(event: &Event, lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut facts = Vec::new();
    facts.push(Row {
        cells: vec![
            vec![Cell::text("Kind")],
            vec![Cell::text(capitalize(event.kind.label()))],
        ],
        ..Row::default()
    });
    facts!(lookup, facts, "Part of", event.part_of, |c| vec![
        lookup.entity_cell(EntityKind::Event, &c.event.id, None)
    ]);
    facts!(lookup, facts, "Organised by", event.organisers, |c| vec![
        lookup.entity_cell(EntityKind::Company, &c.company.id, None)
    ]);
    facts!(lookup, facts, "Dates", event.dates, |c| {
        let text = match c.end {
            Some(end) if end != c.start => format!("{} – {}", c.start.display(), end.display()),
            _ => c.start.display(),
        };
        vec![Cell::text(text)]
    });
    facts!(lookup, facts, "Place", event.places, |c| vec![
        Cell::text(c.place.name.clone()).aside(
            c.place
                .country
                .as_ref()
                .map(|c| c.name())
                .unwrap_or_default()
        )
    ]);
    facts!(lookup, facts, "Link", event.links, |c| link_cell(c));
    sections.extend(Section::new("facts", "Facts", Body::Facts(facts)));
    let mut about = Vec::new();
    prose!(lookup, about, event.descriptions);
    sections.extend(Section::new("about", "About", Body::Prose(about)));

    let film_rows: Vec<Row> = preferred_first(&event.films)
        .into_iter()
        .map(|claim| {
            let film = lookup.entity_cell(EntityKind::Film, &claim.film.id, None);
            lookup.row(
                claim,
                &claim.note,
                vec![
                    vec![film],
                    vec![Cell::text(capitalize(claim.relation.label()))],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "films",
        "Films",
        Body::Table {
            headers: vec!["Film".into(), "".into()],
            rows: film_rows,
        },
    ));
    let award_rows: Vec<Row> = preferred_first(&event.awards)
        .into_iter()
        .map(|claim| {
            let mut who = Vec::new();
            if let Some(film) = &claim.film {
                who.push(lookup.entity_cell(EntityKind::Film, &film.id, None));
            }
            if let Some(person) = &claim.person {
                who.push(lookup.entity_cell(EntityKind::Person, &person.id, None));
            }
            lookup.row(
                claim,
                &claim.note,
                vec![
                    vec![Cell::text(claim.award.clone())],
                    who,
                    vec![Cell::text(capitalize(claim.outcome.label()))],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "awards",
        "Awards",
        Body::Table {
            headers: vec!["Award".into(), "For".into(), "".into()],
            rows: award_rows,
        },
    ));
    let people: Vec<Row> = preferred_first(&event.participants)
        .into_iter()
        .map(|claim| {
            let who = match (&claim.person, &claim.company) {
                (Some(person), _) => {
                    lookup.entity_cell(EntityKind::Person, &person.id, claim.name.as_deref())
                }
                (None, Some(company)) => {
                    lookup.entity_cell(EntityKind::Company, &company.id, claim.name.as_deref())
                }
                (None, None) => Cell::text(claim.name.clone().unwrap_or_default()),
            };
            let who = who.aside(claim.capacity.clone().unwrap_or_default());
            lookup.row(
                claim,
                &claim.note,
                vec![vec![who], vec![Cell::text(capitalize(claim.role.label()))]],
            )
        })
        .collect();
    sections.extend(Section::new(
        "people",
        "Who was there",
        Body::Table {
            headers: vec!["Who".into(), "".into()],
            rows: people,
        },
    ));
    sections
}

/// A one-line reading of any claim, for the list of facts a source states:
/// its list's name and its value's parts; `name_of` gives the names of the
/// entities it refers to.
pub fn describe_claim(
    field: &str,
    claim: &dyn kinora_core::model::Claim,
    name_of: &kinora_core::traverse::NameOf<'_>,
) -> String {
    let label = field.replace('_', " ");
    format!(
        "{}: {}",
        capitalize(&label),
        claim.describe_value(name_of).join(" · ")
    )
}

pub fn entity_subtitle(entity: &Entity) -> String {
    match entity {
        Entity::Film(film) => {
            let mut parts = Vec::new();
            if let Some(original) = film
                .titles
                .iter()
                .find(|t| t.kind == kinora_core::model::TitleKind::Original)
                && Some(original.text.clone()) != Some(entity.label())
            {
                parts.push(original.text.clone());
            }
            if let Some(year) = film.year() {
                parts.push(year.to_string());
            }
            if let Some(form) = kinora_core::model::preferred_or_first(&film.forms) {
                parts.push(form.form.label().to_owned());
            }
            let countries: Vec<&str> = film.countries.iter().map(|c| c.country.name()).collect();
            if !countries.is_empty() {
                parts.push(countries.join(", "));
            }
            if let Some(runtime) = kinora_core::model::preferred_or_first(&film.runtimes) {
                parts.push(format!("{} min", runtime.minutes));
            }
            parts.join(" · ")
        }
        Entity::Person(person) => {
            let label = entity.label();
            let mut parts: Vec<String> = person
                .names
                .iter()
                .filter(|n| n.text != label)
                .take(4)
                .map(|n| n.text.clone())
                .collect();
            if person.names.len() > 5 {
                parts.push(format!("{} more spellings", person.names.len() - 5));
            }
            parts.join(" · ")
        }
        Entity::Company(company) => company
            .kinds
            .iter()
            .map(|k| k.kind.label())
            .collect::<Vec<_>>()
            .join(" · "),
        Entity::Album(album) => format!("{} tracks", album.tracks.len()),
        Entity::Source(source) => source_credit(source),
        Entity::Venue(venue) => {
            let mut parts = Vec::new();
            if let Some(city) = venue.city() {
                parts.push(city.name.clone());
            }
            if let Some(zone) = venue.zone() {
                parts.push(zone.name().to_owned());
            }
            parts.join(" · ")
        }
        Entity::Event(event) => {
            let mut parts = vec![capitalize(event.kind.label())];
            if let Some(dates) = event.dates() {
                parts.push(match dates.end {
                    Some(end) if end != dates.start => {
                        format!("{} – {}", dates.start.display(), end.display())
                    }
                    _ => dates.start.display(),
                });
            }
            if let Some(place) = kinora_core::model::preferred_or_first(&event.places) {
                parts.push(place.place.name.clone());
            }
            parts.join(" · ")
        }
    }
}
