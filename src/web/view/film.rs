//! A film's page, section by section.

use kinora_core::EntityKind;
use kinora_core::model::{Album, Department, Film, preferred_first};

use super::album::track_rows;
use super::blocks::*;
use super::facts::*;
use kinora_i18n::{t, t_with};

pub fn film_sections(film: &Film, albums: &[Album], lookup: &mut Lookup) -> Vec<Section> {
    let mut sections = Vec::new();
    facts(film, lookup, &mut sections);
    titles(film, lookup, &mut sections);
    releases(film, lookup, &mut sections);
    synopses(film, lookup, &mut sections);
    cast(film, lookup, &mut sections);
    crew(film, lookup, &mut sections);
    companies(film, lookup, &mut sections);
    watch(film, lookup, &mut sections);
    production(film, lookup, &mut sections);
    soundtracks(film, albums, lookup, &mut sections);
    related(film, lookup, &mut sections);
    links(film, lookup, &mut sections);
    trivia(film, lookup, &mut sections);
    sections
}

/// The facts in a line each: form, year, status, running time, countries, languages, genres…
fn facts(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut key = Vec::new();
    facts!(lookup, key, &t("fact-form"), film.forms, |c| vec![
        Cell::text(c.form.local_label())
    ]);
    facts!(lookup, key, &t("fact-year"), film.years, |c| vec![
        Cell::text(c.year.to_string())
    ]);
    facts!(lookup, key, &t("fact-status"), film.statuses, |c| {
        let mut cell = Cell::text(c.status.local_label());
        if let Some(date) = c.date {
            cell = cell.aside(t_with("as-of", &[("date", date.display().into())]));
        }
        vec![cell]
    });
    facts!(lookup, key, &t("fact-runtime"), film.runtimes, |c| {
        vec![
            Cell::text(t_with("minutes", &[("minutes", c.minutes.into())])).aside(
                c.country
                    .as_ref()
                    .map(|c| c.local_name())
                    .unwrap_or_default(),
            ),
        ]
    });
    facts!(lookup, key, &t("fact-country"), film.countries, |c| vec![
        Cell::text(c.country.local_name())
    ]);
    facts!(lookup, key, &t("fact-language"), film.languages, |c| vec![
        Cell::text(c.language.local_name())
    ]);
    facts!(lookup, key, &t("fact-genre"), film.genres, |c| vec![
        Cell::text(kinora_i18n::common_word("genre", &c.genre))
    ]);
    facts!(lookup, key, &t("fact-colour"), film.colors, |c| vec![
        Cell::text(c.color.local_label())
    ]);
    facts!(lookup, key, &t("fact-format"), film.formats, |c| vec![
        Cell::text(c.format.clone())
    ]);
    facts!(lookup, key, &t("fact-subject"), film.keywords, |c| vec![
        Cell::text(c.keyword.clone())
    ]);
    facts!(lookup, key, &t("fact-episode-of"), film.episode_of, |c| {
        let mut place = Vec::new();
        if let Some(season) = c.season {
            place.push(t_with("season-n", &[("season", season.into())]));
        }
        if let Some(episode) = c.episode {
            place.push(t_with("episode-n", &[("episode", episode.into())]));
        }
        vec![
            lookup
                .entity_cell(EntityKind::Film, &c.series.id, None)
                .aside(place.join(", ")),
        ]
    });
    facts!(
        lookup,
        key,
        &t("fact-rating-elsewhere"),
        film.ratings,
        |c| {
            let mut cell = Cell::text(format!("{} {}/{}", c.by, c.value, c.best));
            let votes = kinora_i18n::Lang::current()
                .formats()
                .number(c.votes as i64);
            let aside = match c.date {
                Some(date) => t_with(
                    "votes-as-of",
                    &[("votes", votes.into()), ("date", date.display().into())],
                ),
                None => t_with("votes", &[("votes", votes.into())]),
            };
            cell = cell.aside(aside);
            vec![cell]
        }
    );
    // A year, a runtime, a colour: one value each, so two differ. Other
    // facts (countries, genres) have many values that do not conflict.
    let fact_keys: Vec<String> = key.iter().map(|row| row.cells[0][0].text.clone()).collect();
    let fact_values: Vec<Option<String>> = key
        .iter()
        .zip(&fact_keys)
        .map(|(row, label)| {
            [t("fact-year"), t("fact-runtime"), t("fact-colour")]
                .contains(label)
                .then(|| row.cells[1][0].text.clone())
        })
        .collect();
    mark_disputes(&mut key, &fact_keys, &fact_values);
    sections.extend(Section::new("facts", &t("section-facts"), Body::Facts(key)));
}

/// Every title, with its kind, language and script.
fn titles(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let titles = title_rows(lookup, &film.titles);
    sections.extend(Section::new(
        "titles",
        &t("section-titles"),
        Body::Table {
            headers: vec![t("col-title"), t("col-kind"), t("col-language-script")],
            rows: titles,
        },
    ));
}

/// Releases and screenings by country, with their kind and date.
fn releases(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut releases = Vec::new();
    let mut release_keys = Vec::new();
    let mut release_dates = Vec::new();
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
                    .aside(t("aside-distributor")),
            );
        }
        let row = lookup.row(
            release,
            &release.note,
            vec![
                vec![date_cell(release.date)],
                vec![Cell::text(
                    release
                        .country
                        .as_ref()
                        .map(|c| c.local_name())
                        .unwrap_or_else(|| "—".into()),
                )],
                vec![Cell::text(release.kind.local_label())],
                where_cells,
            ],
        );
        release_keys.push(format!(
            "{} {}",
            release
                .country
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            release.kind.local_label()
        ));
        release_dates.push(release.date.map(|date| date.display()));
        releases.push(row);
    }
    mark_disputes(&mut releases, &release_keys, &release_dates);
    sections.extend(Section::new(
        "releases",
        &t("section-releases"),
        Body::Table {
            headers: vec![
                t("col-date"),
                t("col-country"),
                t("col-kind"),
                t("col-where"),
            ],
            rows: releases,
        },
    ));
}

/// The synopses after the one the page opens on.
fn synopses(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    // The preferred synopsis leads the page (`summary::hero`); the others,
    // which may tell the ending, wait behind a fold.
    let mut synopses = Vec::new();
    prose!(lookup, synopses, film.synopses);
    if !synopses.is_empty() {
        synopses.remove(0);
    }
    sections.extend(
        Section::new("synopses", &t("section-synopses"), Body::Prose(synopses))
            .map(Section::folded),
    );
}

/// The cast, in billing order, with the characters played.
fn cast(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut cast: Vec<_> = film
        .credits
        .iter()
        .filter(|credit| credit.department == Department::Cast)
        .collect();
    cast.sort_by_key(|credit| credit.billing.unwrap_or(u32::MAX));
    let cast_rows: Vec<Row> = cast
        .into_iter()
        .map(|credit| {
            let person = credited_person(lookup, credit);
            let characters: Vec<Cell> = credit
                .characters
                .iter()
                .map(|character| {
                    let mut cell = Cell::text(character.name.clone());
                    if !character.also.is_empty() {
                        cell = cell.aside(t_with(
                            "also-known-as",
                            &[("names", character.also.join(", ").into())],
                        ));
                    }
                    cell
                })
                .collect();
            let role = if characters.is_empty() {
                vec![Cell::text(kinora_i18n::common_word("job", &credit.job))]
            } else {
                characters
            };
            lookup.row(credit, &credit.note, vec![vec![person], role])
        })
        .collect();
    sections.extend(Section::new(
        "cast",
        &t("section-cast"),
        Body::Table {
            headers: vec![t("col-actor"), t("col-character")],
            rows: cast_rows,
        },
    ));
}

/// The crew by department.
fn crew(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut crew: Vec<_> = film
        .credits
        .iter()
        .filter(|credit| credit.department != Department::Cast)
        .collect();
    crew.sort_by_key(|credit| (credit.department, credit.billing.unwrap_or(u32::MAX)));
    let crew_rows: Vec<Row> = crew
        .into_iter()
        .map(|credit| {
            let person = credited_person(lookup, credit);
            lookup.row(
                credit,
                &credit.note,
                vec![
                    vec![
                        Cell::text(kinora_i18n::common_word("job", &credit.job))
                            .aside(credit.department.local_label()),
                    ],
                    vec![person],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "crew",
        &t("section-crew"),
        Body::Table {
            headers: vec![t("col-job"), t("col-name")],
            rows: crew_rows,
        },
    ));
}

/// The companies and what each did.
fn companies(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let company_rows: Vec<Row> = preferred_first(&film.companies)
        .into_iter()
        .map(|role| {
            let mut company = lookup.entity_cell(
                EntityKind::Company,
                &role.company.id,
                role.credited_as.as_deref(),
            );
            if let Some(country) = &role.country {
                company = company.aside(country.local_name());
            }
            lookup.row(
                role,
                &role.note,
                vec![vec![Cell::text(role.role.local_label())], vec![company]],
            )
        })
        .collect();
    sections.extend(Section::new(
        "companies",
        &t("section-companies"),
        Body::Table {
            headers: vec![t("col-role"), t("col-company")],
            rows: company_rows,
        },
    ));
}

/// Where to watch: each offer with its country, kind, service and the day it was seen.
fn watch(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut offers: Vec<_> = preferred_first(&film.availability);
    offers.sort_by_key(|offer| (offer.country.local_name(), offer.kind));
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
                seen = seen.aside(t_with("until-date", &[("date", until.display().into())]));
            }
            lookup.row(
                offer,
                &offer.note,
                vec![
                    vec![Cell::text(offer.country.local_name()).aside(offer.country.as_str())],
                    vec![Cell::text(capitalize(offer.kind.local_label()))],
                    vec![service],
                    vec![seen],
                ],
            )
        })
        .collect();
    sections.extend(Section::new(
        "watch",
        &t("section-watch"),
        Body::Table {
            headers: vec![
                t("col-country"),
                t("col-how"),
                t("col-service"),
                t("col-seen"),
            ],
            rows: offer_rows,
        },
    ));
}

/// Money, where and when it was filmed, what it is based on.
fn production(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut production = Vec::new();
    for claim in preferred_first(&film.money) {
        let mut value =
            vec![Cell::text(claim.money.display()).aside(claim.money.currency.local_name())];
        if let Some(rate) = &claim.exchange_rate {
            let converted = rate
                .to_base(&claim.money)
                .map(|amount| {
                    format!(
                        " ≈ {}",
                        kinora_i18n::Lang::current()
                            .formats()
                            .money_about(amount, rate.base.as_str())
                    )
                })
                .unwrap_or_default();
            value.push(Cell::text(t_with(
                "at-rate",
                &[("rate", format!("{}{converted}", rate.display()).into())],
            )));
        }
        if let Some(company) = &claim.company {
            value.push(lookup.entity_cell(EntityKind::Company, &company.id, None));
        }
        let label = claim.kind.local_label();
        let label = capitalize(label);
        production.push(fact(lookup, &label, claim, &claim.note, value));
    }
    facts!(
        lookup,
        production,
        &t("fact-filmed-in"),
        film.filming_locations,
        |c| {
            // The country beside the place; a place that is the country is
            // named as the reader's language names it.
            let country = c.place.country.as_ref();
            let local = country.map(|c| c.local_name()).unwrap_or_default();
            if country
                .is_some_and(|country| c.place.name == country.name() || c.place.name == local)
            {
                vec![Cell::text(local)]
            } else {
                vec![Cell::text(c.place.name.clone()).aside(local)]
            }
        }
    );
    let period_start = production.len();
    facts!(
        lookup,
        production,
        &t("fact-filmed"),
        film.filming_periods,
        |c| {
            let text = match (c.start, c.end) {
                (Some(start), Some(end)) if start == end => start.display(),
                (Some(start), Some(end)) => format!("{} – {}", start.display(), end.display()),
                (Some(start), None) => t_with("from-date", &[("date", start.display().into())]),
                (None, Some(end)) => t_with("until-date", &[("date", end.display().into())]),
                (None, None) => t("dates-unknown"),
            };
            vec![Cell::text(text)]
        }
    );
    if production.len() - period_start > 1 {
        for row in &mut production[period_start..] {
            row.disputed = true;
        }
    }
    facts!(
        lookup,
        production,
        &t("fact-based-on"),
        film.based_on,
        |c| {
            let mut value = vec![Cell::text(c.title.clone()).aside(c.kind.local_label())];
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
                        .aside(t("aside-author")),
                );
            }
            if let Some(film) = &c.film {
                value.push(lookup.entity_cell(EntityKind::Film, &film.id, None));
            }
            if let Some(description) = &c.description {
                value.push(Cell::text(description.clone()));
            }
            value
        }
    );
    sections.extend(Section::new(
        "production",
        &t("section-production"),
        Body::Facts(production),
    ));
}

/// Each soundtrack album, with its tracks when the catalog has the album.
fn soundtracks(film: &Film, albums: &[Album], lookup: &mut Lookup, sections: &mut Vec<Section>) {
    for soundtrack in &film.soundtracks {
        let album_cell = lookup.entity_cell(EntityKind::Album, &soundtrack.album.id, None);
        let heading = t_with(
            "section-soundtrack",
            &[("album", album_cell.text.clone().into())],
        );
        let mut rows = vec![lookup.row(
            soundtrack,
            &soundtrack.note,
            vec![vec![Cell::text(t("fact-album"))], vec![album_cell]],
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
                    headers: vec!["#".into(), t("col-title"), t("col-artist")],
                    rows: table_rows,
                },
            ));
        } else {
            sections.extend(Section::new("soundtrack", &heading, Body::Facts(rows)));
        }
    }
}

/// Films said to be related to it.
fn related(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut related = Vec::new();
    facts!(
        lookup,
        related,
        &t("fact-related-film"),
        film.related,
        |c| {
            let cell = lookup.entity_cell(EntityKind::Film, &c.film.id, None);
            let year = lookup
                .year_of(EntityKind::Film, &c.film.id)
                .map(|year| year.to_string())
                .unwrap_or_default();
            vec![cell.aside(year), Cell::text(c.relation.clone())]
        }
    );
    sections.extend(Section::new(
        "related",
        &t("section-related"),
        Body::Facts(related),
    ));
}

/// Links, trailers and its pages elsewhere.
fn links(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut links = Vec::new();
    facts!(lookup, links, &t("fact-link"), film.links, |c| {
        vec![
            Cell::text(c.kind.local_label()),
            Cell::link(
                c.title.clone().unwrap_or_else(|| c.url.clone()),
                c.url.clone(),
            ),
        ]
    });
    facts!(lookup, links, &t("fact-trailer"), film.trailers, |c| {
        let text = c
            .title
            .clone()
            .unwrap_or_else(|| c.kind.local_label().to_owned());
        let mut cell = match &c.url {
            Some(url) => Cell::link(text, url.clone()),
            None => Cell::text(text),
        };
        if let Some(date) = c.date {
            cell = cell.aside(date.display());
        }
        vec![cell]
    });
    facts!(
        lookup,
        links,
        &t("fact-elsewhere"),
        film.external_ids,
        |c| { external_cell(c) }
    );
    for row in &mut links {
        if row.cells[0][0].text == t("fact-link") {
            let kind = row.cells[1].remove(0);
            row.cells[0] = vec![Cell::text(capitalize(&kind.text))];
        }
    }
    sections.extend(Section::new(
        "links",
        &t("section-links"),
        Body::Facts(links),
    ));
}

/// Trivia.
fn trivia(film: &Film, lookup: &mut Lookup, sections: &mut Vec<Section>) {
    let mut trivia = Vec::new();
    prose!(lookup, trivia, film.trivia);
    sections.extend(Section::new(
        "trivia",
        &t("section-trivia"),
        Body::Prose(trivia),
    ));
}

/// The person of a credit, under the name it credits and with what the
/// credit says besides it: another spelling, a film not yet made.
fn credited_person(lookup: &mut Lookup, credit: &kinora_core::model::Credit) -> Cell {
    let mut person = lookup.entity_cell(
        EntityKind::Person,
        &credit.person.id,
        credit.credited_as.as_deref(),
    );
    if let Some(credited) = &credit.credited_as
        && *credited != person.text
    {
        person = person.aside(t_with("credited-as", &[("name", credited.clone().into())]));
    }
    if let Some(status) = attachment(credit) {
        person = person.aside(status);
    }
    person
}

/// A credit's standing in a film not yet made: "attached · 2015".
fn attachment(credit: &kinora_core::model::Credit) -> Option<String> {
    let status = credit.status?;
    Some(match credit.date {
        Some(date) => format!("{} · {}", status.local_label(), date.display()),
        None => status.local_label().to_owned(),
    })
}
