//! The catalog's entities built from IMDb's lines: the source every
//! imported fact cites, a person from name.basics, a film from all its
//! title lines (titles, credits, episodes, ratings, form, runtime, genres).

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use kinora_core::model::{
    AggregateRating, Character, Citation, Credit, DateClaim, Department, Entity, EpisodeOf,
    ExternalId, Film, FilmForm, FormClaim, Genre, IdScheme, Name, NameKind, Occupation, Person,
    Runtime, Source, SourceKind, Title, TitleKind, YearClaim,
};
use kinora_core::{Country, EntityId, Language, PartialDate};
use kinora_formats::imdb::{AkaRow, ImdbFile, NameRow, PrincipalRow, Reject};

use super::lines::TitleLines;
use super::rejects::Rejects;
use super::report::ImdbOptions;

/// The source every imported fact cites.
pub const SOURCE_ID: &str = "imdb-datasets";

/// The source itself, dated by the dump.
pub(super) fn source(as_of: PartialDate) -> anyhow::Result<Entity> {
    Ok(Entity::Source(Source {
        id: EntityId::parse(SOURCE_ID)?,
        kind: SourceKind::Dataset,
        title: "IMDb non-commercial datasets".into(),
        publisher: Some("IMDb".into()),
        publisher_company: None,
        authors: Vec::new(),
        date: Some(as_of),
        url: Some("https://developer.imdb.com/non-commercial-datasets/".into()),
        lang: Some(Language::parse("en")?),
        credits: None,
        credits_company: None,
        via: None,
        summary: Some("IMDb's catalog as tab-separated files: titles, alternative titles, crew, episodes, principal credits, ratings and people.".into()),
        text: None,
        mentions: Vec::new(),
    }))
}

fn citation() -> Vec<Citation> {
    vec![Citation {
        source: kinora_core::id::SourceRef::new(EntityId::parse(SOURCE_ID).expect("a valid id")),
        quote: None,
    }]
}

pub(super) fn person_from(row: &NameRow, id: EntityId) -> anyhow::Result<Person> {
    let sources = citation();
    let date = |year: Option<i32>| -> anyhow::Result<Vec<DateClaim>> {
        Ok(year
            // Through PartialDate's own checks (four digits, from 1800).
            .map(|year| PartialDate::parse(&format!("{year:04}")))
            .transpose()?
            .map(|date| DateClaim {
                date,
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect())
    };
    Ok(Person {
        id,
        images: Vec::new(),
        names: vec![Name {
            text: row.primary_name.clone(),
            kind: NameKind::Primary,
            lang: None,
            script: kinora_core::Script::detect(&row.primary_name),
            system: None,
            order: None,
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        }],
        birth_dates: date(row.birth_year)?,
        birth_places: Vec::new(),
        death_dates: date(row.death_year)?,
        countries: Vec::new(),
        occupations: row
            .professions
            .iter()
            .map(|profession| Occupation {
                occupation: profession.replace('_', " "),
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
            .collect(),
        descriptions: Vec::new(),
        affiliations: Vec::new(),
        relatives: Vec::new(),
        links: Vec::new(),
        trivia: Vec::new(),
        external_ids: vec![ExternalId {
            scheme: IdScheme::Imdb,
            value: row.nconst.clone(),
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        }],
    })
}

fn film_form(title_type: &str) -> FilmForm {
    match title_type {
        "movie" => FilmForm::Feature,
        "short" => FilmForm::Short,
        "tvSeries" => FilmForm::Series,
        "tvMiniSeries" => FilmForm::MiniSeries,
        "tvEpisode" => FilmForm::Episode,
        "tvMovie" => FilmForm::TvMovie,
        "tvSpecial" => FilmForm::TvSpecial,
        "tvShort" => FilmForm::TvShort,
        "tvPilot" => FilmForm::Pilot,
        "videoGame" => FilmForm::VideoGame,
        _ => FilmForm::Video,
    }
}

/// IMDb's principal categories, as departments and jobs.
fn department(category: &str) -> (Department, &'static str) {
    match category {
        "director" => (Department::Directing, "Director"),
        "writer" => (Department::Writing, "Writer"),
        "producer" => (Department::Production, "Producer"),
        "composer" => (Department::Music, "Composer"),
        "cinematographer" => (Department::Camera, "Cinematographer"),
        "editor" => (Department::Editing, "Editor"),
        "production_designer" => (Department::Art, "Production designer"),
        "casting_director" => (Department::Production, "Casting director"),
        "actor" => (Department::Cast, "Actor"),
        "actress" => (Department::Cast, "Actress"),
        "self" => (Department::Cast, "Self"),
        "archive_footage" => (Department::Cast, "Archive footage"),
        "archive_sound" => (Department::Sound, "Archive sound"),
        _ => (Department::Crew, "Crew"),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn film_from(
    lines: &TitleLines,
    id: EntityId,
    options: &ImdbOptions,
    people: &HashMap<String, EntityId>,
    missing_people: &HashSet<EntityId>,
    titles: &HashMap<String, EntityId>,
    missing_series: &HashSet<EntityId>,
    rejects: &mut Rejects,
) -> anyhow::Result<Film> {
    let basics = lines
        .basics
        .as_ref()
        .context("a title without its title.basics line")?;
    let sources = citation();
    let claim_title = |text: &str,
                       kind: TitleKind,
                       country: Option<Country>,
                       lang: Option<Language>,
                       note: Option<String>| {
        Title {
            text: text.to_owned(),
            kind,
            script: kinora_core::Script::detect(text),
            lang,
            country,
            preferred: false,
            inferred: false,
            note,
            sources: sources.clone(),
        }
    };
    let mut film_titles = vec![claim_title(
        &basics.primary_title,
        TitleKind::AlsoKnownAs,
        None,
        None,
        None,
    )];
    match &basics.original_title {
        Some(original) if *original == basics.primary_title => {
            film_titles[0].kind = TitleKind::Original
        }
        Some(original) => {
            film_titles.push(claim_title(original, TitleKind::Original, None, None, None))
        }
        None => {}
    }
    // In IMDb's order (`ordering`), whatever the order of the lines.
    let mut akas: Vec<&AkaRow> = lines.akas.iter().collect();
    akas.sort_by_key(|aka| aka.ordering);
    for aka in akas {
        let kind = if aka.is_original_title || aka.types.iter().any(|t| t == "original") {
            TitleKind::Original
        } else if aka.types.iter().any(|t| t == "working") {
            TitleKind::Working
        } else if aka.types.iter().any(|t| t == "festival") {
            TitleKind::Festival
        } else {
            TitleKind::AlsoKnownAs
        };
        // IMDb's regions are mostly ISO 3166 codes, with some of its own
        // (XWW for worldwide, SUHH for the Soviet Union): those become a note.
        let country = aka
            .region
            .as_deref()
            .and_then(|region| Country::parse(region).ok());
        let lang = aka
            .language
            .as_deref()
            .and_then(|language| Language::parse(language).ok());
        let mut notes = Vec::new();
        if let Some(region) = aka.region.as_deref().filter(|_| country.is_none()) {
            notes.push(format!("IMDb region {region}"));
        }
        if let Some(language) = aka.language.as_deref().filter(|_| lang.is_none()) {
            notes.push(format!("IMDb language {language}"));
        }
        notes.extend(aka.attributes.iter().cloned());
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        let title = claim_title(&aka.title, kind, country, lang, note);
        let duplicate = film_titles
            .iter()
            .any(|t| t.text == title.text && t.kind == title.kind && t.country == title.country);
        if !duplicate {
            film_titles.push(title);
        }
    }

    let mut credits = Vec::new();
    let mut credited: HashSet<(String, Department)> = HashSet::new();
    let mut principals: Vec<&(i64, PrincipalRow)> = lines.principals.iter().collect();
    principals.sort_by_key(|(line, principal)| (principal.ordering, *line));
    for (line, principal) in principals {
        let person = &people[&principal.nconst];
        if missing_people.contains(person) {
            rejects.add(
                ImdbFile::TitlePrincipals,
                &Reject {
                    line: *line as u64,
                    reason: format!(
                        "{} is not in name.basics nor in the catalog",
                        principal.nconst
                    ),
                },
            )?;
            continue;
        }
        let (department, job) = department(&principal.category);
        credited.insert((principal.nconst.clone(), department));
        credits.push(Credit {
            person: kinora_core::id::PersonRef::new(person.clone()),
            department,
            job: principal.job.clone().unwrap_or_else(|| job.to_owned()),
            credited_as: None,
            characters: principal
                .characters
                .iter()
                .map(|name| Character {
                    name: name.clone(),
                    also: Vec::new(),
                    description: None,
                })
                .collect(),
            billing: Some(principal.ordering),
            status: None,
            date: None,
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        });
    }
    for crew in &lines.crew {
        let listed = crew
            .directors
            .iter()
            .map(|nconst| (nconst, Department::Directing, "Director"))
            .chain(
                crew.writers
                    .iter()
                    .map(|nconst| (nconst, Department::Writing, "Writer")),
            );
        for (nconst, department, job) in listed {
            let person = &people[nconst];
            if missing_people.contains(person) || !credited.insert((nconst.clone(), department)) {
                continue;
            }
            credits.push(Credit {
                person: kinora_core::id::PersonRef::new(person.clone()),
                department,
                job: job.to_owned(),
                credited_as: None,
                characters: Vec::new(),
                billing: None,
                status: None,
                date: None,
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            });
        }
    }
    let mut episode_of = Vec::new();
    for (line, episode) in &lines.episode {
        if missing_series.contains(&titles[&episode.parent]) {
            rejects.add(
                ImdbFile::TitleEpisode,
                &Reject {
                    line: *line as u64,
                    reason: format!(
                        "series {} is not in title.basics nor in the catalog",
                        episode.parent
                    ),
                },
            )?;
            continue;
        }
        episode_of.push(EpisodeOf {
            series: kinora_core::id::FilmRef::new(titles[&episode.parent].clone()),
            season: episode.season,
            episode: episode.episode,
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        });
    }
    let ratings = lines
        .rating
        .iter()
        .map(|rating| -> anyhow::Result<AggregateRating> {
            Ok(AggregateRating {
                by: "IMDb".into(),
                value: kinora_core::money::Decimal::parse(&rating.average)?,
                best: kinora_core::money::Decimal::parse("10")?,
                votes: rating.votes,
                date: Some(options.as_of),
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Film {
        id,
        images: Vec::new(),
        titles: film_titles,
        forms: vec![FormClaim {
            form: film_form(&basics.title_type),
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        }],
        years: basics
            .start_year
            .map(|year| YearClaim {
                year,
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect(),
        releases: Vec::new(),
        runtimes: basics
            .runtime_minutes
            .map(|minutes| Runtime {
                minutes,
                country: None,
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
            .into_iter()
            .collect(),
        colors: Vec::new(),
        formats: Vec::new(),
        countries: Vec::new(),
        languages: Vec::new(),
        genres: basics
            .genres
            .iter()
            .map(|genre| Genre {
                genre: genre.clone(),
                preferred: false,
                inferred: false,
                note: None,
                sources: sources.clone(),
            })
            .collect(),
        keywords: Vec::new(),
        synopses: Vec::new(),
        credits,
        companies: Vec::new(),
        money: Vec::new(),
        filming_locations: Vec::new(),
        filming_periods: Vec::new(),
        based_on: Vec::new(),
        soundtracks: Vec::new(),
        statuses: Vec::new(),
        related: Vec::new(),
        links: Vec::new(),
        trailers: Vec::new(),
        trivia: Vec::new(),
        episode_of,
        ratings,
        availability: Vec::new(),
        external_ids: vec![ExternalId {
            scheme: IdScheme::Imdb,
            value: basics.tconst.clone(),
            preferred: false,
            inferred: false,
            note: None,
            sources: sources.clone(),
        }],
    })
}
