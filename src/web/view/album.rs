//! An album's page and the track rows a film's soundtrack section shows.

use kinora_core::EntityKind;
use kinora_core::model::{Album, preferred_first};

use super::blocks::*;
use super::facts::*;
use kinora_i18n::t;

pub(crate) fn track_rows(album: &Album, lookup: &mut Lookup) -> Vec<Row> {
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
        &t("section-titles"),
        Body::Table {
            headers: vec![t("col-title"), t("col-kind"), t("col-language-script")],
            rows: titles,
        },
    ));
    let mut facts = Vec::new();
    facts!(lookup, facts, &t("fact-artist"), album.artists, |c| {
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
    facts!(lookup, facts, &t("fact-released"), album.releases, |c| {
        vec![
            date_cell(c.date),
            Cell::text(
                c.country
                    .as_ref()
                    .map(|c| c.local_name())
                    .unwrap_or_default(),
            ),
        ]
    });
    facts!(lookup, facts, &t("fact-company"), album.companies, |c| {
        vec![
            lookup
                .entity_cell(EntityKind::Company, &c.company.id, None)
                .aside(c.role.local_label()),
        ]
    });
    facts!(lookup, facts, &t("fact-link"), album.links, |c| link_cell(
        c
    ));
    sections.extend(Section::new(
        "facts",
        &t("section-facts"),
        Body::Facts(facts),
    ));
    let tracks = track_rows(album, lookup);
    sections.extend(Section::new(
        "tracks",
        &kinora_i18n::t_with("section-tracks", &[("count", album.tracks.len().into())]),
        Body::Table {
            headers: vec!["#".into(), t("col-title"), t("col-artist")],
            rows: tracks,
        },
    ));
    sections
}
