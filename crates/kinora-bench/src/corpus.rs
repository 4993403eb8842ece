//! The documents a benchmark indexes: read straight from IMDb-format files
//! (names, titles and their alternative titles, with popularity from
//! credits and votes), and from the demo catalog.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::Context;
use kinora_formats::imdb::{
    AkaRow, CrewRow, ImdbFile, NameRow, PrincipalRow, RatingRow, TitleRow, TsvReader,
};
use kinora_search::Document;

/// Every line of one IMDb file in `dir` (.tsv or .tsv.gz), if present;
/// lines that do not parse are skipped.
fn each_line(
    dir: &Path,
    file: ImdbFile,
    mut on_line: impl FnMut(&kinora_formats::imdb::Line<'_>),
) -> anyhow::Result<bool> {
    let plain = dir.join(format!("{}.tsv", file.stem()));
    let gzipped = dir.join(format!("{}.tsv.gz", file.stem()));
    let reader: Box<dyn Read> = if plain.exists() {
        Box::new(std::fs::File::open(&plain)?)
    } else if gzipped.exists() {
        Box::new(flate2::read::MultiGzDecoder::new(std::fs::File::open(
            &gzipped,
        )?))
    } else {
        return Ok(false);
    };
    let mut reader = TsvReader::open(file, reader)
        .map_err(|error| anyhow::anyhow!("{}: {}", error.stem, error.why))?;
    while let Some(line) = reader.next_line() {
        if let Ok(line) = line {
            on_line(&line);
        }
    }
    Ok(true)
}

/// Films (every title type) and people of IMDb-format files. A person's
/// popularity is their credits; a title's, its votes and credits.
pub fn from_imdb(dir: &Path) -> anyhow::Result<Vec<Document>> {
    let mut credits: HashMap<String, u64> = HashMap::new();
    let mut title_credits: HashMap<String, u64> = HashMap::new();
    each_line(dir, ImdbFile::TitlePrincipals, |line| {
        if let Ok(row) = PrincipalRow::parse(line) {
            *credits.entry(row.nconst).or_default() += 1;
            *title_credits.entry(row.tconst).or_default() += 1;
        }
    })?;
    each_line(dir, ImdbFile::TitleCrew, |line| {
        if let Ok(row) = CrewRow::parse(line) {
            for person in row.directors.into_iter().chain(row.writers) {
                *credits.entry(person).or_default() += 1;
            }
        }
    })?;
    let mut votes: HashMap<String, u64> = HashMap::new();
    each_line(dir, ImdbFile::TitleRatings, |line| {
        if let Ok(row) = RatingRow::parse(line) {
            votes.insert(row.tconst, row.votes);
        }
    })?;
    let mut akas: HashMap<String, Vec<String>> = HashMap::new();
    each_line(dir, ImdbFile::TitleAkas, |line| {
        if let Ok(row) = AkaRow::parse(line) {
            akas.entry(row.title_id).or_default().push(row.title);
        }
    })?;
    let mut documents = Vec::new();
    let found = each_line(dir, ImdbFile::TitleBasics, |line| {
        if let Ok(row) = TitleRow::parse(line) {
            let mut names = vec![row.primary_title.clone()];
            names.extend(
                row.original_title
                    .filter(|title| *title != row.primary_title),
            );
            for aka in akas.remove(&row.tconst).unwrap_or_default() {
                if !names.contains(&aka) {
                    names.push(aka);
                }
            }
            documents.push(Document {
                kind: "film".into(),
                popularity: votes.get(&row.tconst).copied().unwrap_or(0)
                    + title_credits.get(&row.tconst).copied().unwrap_or(0),
                id: row.tconst,
                label: row.primary_title,
                year: row.start_year,
                countries: Vec::new(),
                available: Vec::new(),
                genres: Vec::new(),
                languages: Vec::new(),
                rating: None,
                names,
                primary: 1,
            });
        }
    })?;
    anyhow::ensure!(found, "no title.basics in {}", dir.display());
    each_line(dir, ImdbFile::NameBasics, |line| {
        if let Ok(row) = NameRow::parse(line) {
            documents.push(Document {
                kind: "person".into(),
                popularity: credits.get(&row.nconst).copied().unwrap_or(0),
                id: row.nconst,
                label: row.primary_name.clone(),
                year: row.birth_year,
                countries: Vec::new(),
                available: Vec::new(),
                genres: Vec::new(),
                languages: Vec::new(),
                rating: None,
                names: vec![row.primary_name],
                primary: 1,
            });
        }
    })?;
    Ok(documents)
}

/// The demo catalog's films, people, companies and sources, as the server
/// indexes them.
pub fn from_demo() -> anyhow::Result<Vec<Document>> {
    let mut entities = Vec::new();
    for (name, text) in kinora::demo::FILES {
        let catalog = kinora_formats::json::read(name, text.as_bytes())
            .with_context(|| format!("the demo file {name} does not read"))?;
        entities.extend(catalog.entities);
    }
    let mut incoming: HashMap<(kinora_core::EntityKind, String), u64> = HashMap::new();
    for entity in &entities {
        for reference in entity.references() {
            *incoming
                .entry((reference.kind, reference.id.as_str().to_owned()))
                .or_default() += 1;
        }
    }
    Ok(entities
        .iter()
        .map(|entity| {
            let key = (entity.kind(), entity.id().as_str().to_owned());
            Document::from_entity(entity, incoming.get(&key).copied().unwrap_or(0))
        })
        .collect())
}

/// Every name of every document, as the peers store them: kind, id, name.
pub fn names(documents: &[Document]) -> Vec<(String, String, String)> {
    documents
        .iter()
        .flat_map(|document| {
            document
                .names
                .iter()
                .map(|name| (document.kind.clone(), document.id.clone(), name.clone()))
        })
        .collect()
}
