//! What the types alone cannot enforce: a title or name to show, at most
//! one preferred value per fact, dates in order, addresses that are web
//! addresses.

use super::entity::Entity;

impl Entity {
    /// Checks what the types alone cannot: at most one preferred value per
    /// fact, a title or name to show, distinct track numbers.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        crate::image::check(self.images(), &mut problems);
        self.check_preferred(&mut problems);
        self.check_inferences(&mut problems);
        for (index, external) in self.external_ids().iter().enumerate() {
            if !external.scheme.accepts(&external.value) {
                problems.push(problem(
                    format!("external_ids[{index}].value"),
                    "check-not-an-id",
                    &[
                        ("value", external.value.clone().into()),
                        ("scheme", external.scheme.local_label().into()),
                    ],
                ));
            }
        }
        match self {
            Entity::Film(film) => {
                require_one(&mut problems, "titles", &film.titles);
                require_text(
                    &mut problems,
                    "titles",
                    film.titles.iter().map(|t| t.text.as_str()),
                );
                for (index, claim) in film.years.iter().enumerate() {
                    if !(1800..=2200).contains(&claim.year) {
                        problems.push(problem(
                            format!("years[{index}].year"),
                            "check-film-year",
                            &[("year", claim.year.to_string().into())],
                        ));
                    }
                }
                for (index, offer) in film.availability.iter().enumerate() {
                    if offer.service.trim().is_empty() {
                        problems.push(problem(
                            format!("availability[{index}].service"),
                            "check-name-service",
                            &[],
                        ));
                    }
                    if let Some(url) = &offer.url
                        && !is_web_url(url)
                    {
                        problems.push(problem(
                            format!("availability[{index}].url"),
                            "check-not-web",
                            &[("url", url.clone().into())],
                        ));
                    }
                    if let Some(until) = offer.until
                        && until < offer.seen
                    {
                        problems.push(problem(
                            format!("availability[{index}].until"),
                            "check-until-before-seen",
                            &[
                                ("until", until.to_string().into()),
                                ("seen", offer.seen.to_string().into()),
                            ],
                        ));
                    }
                }
                for (index, period) in film.filming_periods.iter().enumerate() {
                    match (period.start, period.end) {
                        (None, None) => problems.push(problem(
                            format!("filming_periods[{index}]"),
                            "check-start-or-end",
                            &[],
                        )),
                        (Some(start), Some(end))
                            if start.year() > end.year()
                                || (start > end && start.precision() == end.precision()) =>
                        {
                            problems.push(problem(
                                format!("filming_periods[{index}].end"),
                                "check-end-before-start",
                                &[
                                    ("end", end.to_string().into()),
                                    ("start", start.to_string().into()),
                                ],
                            ))
                        }
                        _ => {}
                    }
                }
            }
            Entity::Person(person) => {
                require_one(&mut problems, "names", &person.names);
                require_text(
                    &mut problems,
                    "names",
                    person.names.iter().map(|n| n.text.as_str()),
                );
            }
            Entity::Company(company) => {
                require_one(&mut problems, "names", &company.names);
                require_text(
                    &mut problems,
                    "names",
                    company.names.iter().map(|n| n.text.as_str()),
                );
            }
            Entity::Album(album) => {
                require_one(&mut problems, "titles", &album.titles);
                require_text(
                    &mut problems,
                    "titles",
                    album.titles.iter().map(|t| t.text.as_str()),
                );
                let mut seen = std::collections::HashSet::new();
                for (index, track) in album.tracks.iter().enumerate() {
                    if track.titles.is_empty() {
                        problems.push(problem(
                            format!("tracks[{index}].titles"),
                            "check-track-title",
                            &[],
                        ));
                    }
                    if !seen.insert((track.disc.unwrap_or(1), track.number)) {
                        problems.push(problem(
                            format!("tracks[{index}].number"),
                            "check-track-twice",
                            &[("number", track.number.to_string().into())],
                        ));
                    }
                }
            }
            Entity::Source(source) => {
                if source.title.trim().is_empty() {
                    problems.push(problem("title".to_owned(), "check-source-title", &[]));
                }
                let mut named = std::collections::HashSet::new();
                for (index, mention) in source.mentions.iter().enumerate() {
                    let given = [
                        mention.film.is_some(),
                        mention.person.is_some(),
                        mention.company.is_some(),
                    ]
                    .into_iter()
                    .filter(|given| *given)
                    .count();
                    if given != 1 {
                        problems.push(problem(
                            format!("mentions[{index}]"),
                            "check-mention-one",
                            &[],
                        ));
                    } else if let Some(target) = mention.target()
                        && !named.insert((target.0, target.1.clone()))
                    {
                        problems.push(problem(
                            format!("mentions[{index}]"),
                            "check-mention-twice",
                            &[
                                ("kind", target.0.to_string().into()),
                                ("id", target.1.to_string().into()),
                            ],
                        ));
                    }
                }
            }
            Entity::Venue(venue) => {
                require_one(&mut problems, "names", &venue.names);
                require_text(
                    &mut problems,
                    "names",
                    venue.names.iter().map(|n| n.text.as_str()),
                );
                if venue.part_of.iter().any(|part| part.venue.id == venue.id) {
                    problems.push(problem("part_of".to_owned(), "check-venue-itself", &[]));
                }
            }
            Entity::Event(event) => {
                require_one(&mut problems, "names", &event.names);
                require_text(
                    &mut problems,
                    "names",
                    event.names.iter().map(|n| n.text.as_str()),
                );
                for (index, dates) in event.dates.iter().enumerate() {
                    if let Some(end) = dates.end
                        && (end.year() < dates.start.year()
                            || (end < dates.start && end.precision() == dates.start.precision()))
                    {
                        problems.push(problem(
                            format!("dates[{index}].end"),
                            "check-end-before-start",
                            &[
                                ("end", end.to_string().into()),
                                ("start", dates.start.to_string().into()),
                            ],
                        ));
                    }
                }
                for (index, screening) in event.screenings.iter().enumerate() {
                    if let Some(end) = screening.end
                        && end < screening.start
                        && end.date() <= screening.start.date()
                    {
                        problems.push(problem(
                            format!("screenings[{index}].end"),
                            "check-end-before-start",
                            &[
                                ("end", end.to_string().into()),
                                ("start", screening.start.to_string().into()),
                            ],
                        ));
                    }
                    if let Some(code) = &screening.code
                        && (code.trim().is_empty()
                            || event.screenings[..index]
                                .iter()
                                .any(|other| other.code.as_ref() == Some(code)))
                    {
                        problems.push(problem(
                            format!("screenings[{index}].code"),
                            "check-screening-code",
                            &[("code", code.clone().into())],
                        ));
                    }
                    if screening.minutes == Some(0) {
                        problems.push(problem(
                            format!("screenings[{index}].minutes"),
                            "check-screening-minute",
                            &[],
                        ));
                    }
                    if let Some(tickets) = &screening.tickets
                        && !is_web_url(tickets)
                    {
                        problems.push(problem(
                            format!("screenings[{index}].tickets"),
                            "check-not-web",
                            &[("url", tickets.clone().into())],
                        ));
                    }
                }
                for (index, participant) in event.participants.iter().enumerate() {
                    if participant.person.is_none()
                        && participant.company.is_none()
                        && participant
                            .name
                            .as_deref()
                            .is_none_or(|n| n.trim().is_empty())
                    {
                        problems.push(problem(
                            format!("participants[{index}]"),
                            "check-participant",
                            &[],
                        ));
                    }
                }
                if event.part_of.iter().any(|part| part.event.id == event.id) {
                    problems.push(problem("part_of".to_owned(), "check-event-itself", &[]));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A problem at a path, said in the reader's language: `years[0].year: …`.
fn problem(path: String, key: &str, args: &[kinora_i18n::Arg<'_>]) -> String {
    format!("{path}: {}", kinora_i18n::t_with(key, args))
}

/// Whether a text is an http or https address.
fn is_web_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
}

fn require_text<'a>(problems: &mut Vec<String>, field: &str, texts: impl Iterator<Item = &'a str>) {
    for (index, text) in texts.enumerate() {
        if text.trim().is_empty() {
            problems.push(problem(
                format!("{field}[{index}].text"),
                "check-text-empty",
                &[],
            ));
        }
    }
}

fn require_one<T>(problems: &mut Vec<String>, field: &str, items: &[T]) {
    if items.is_empty() {
        problems.push(problem(field.to_owned(), "check-at-least-one", &[]));
    }
}
