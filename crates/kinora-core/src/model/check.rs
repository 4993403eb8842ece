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
                problems.push(format!(
                    "external_ids[{index}].value: `{}` is not a {} id",
                    external.value,
                    external.scheme.label()
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
                        problems.push(format!(
                            "years[{index}].year: {} is not a film year (1800 to 2200)",
                            claim.year
                        ));
                    }
                }
                for (index, offer) in film.availability.iter().enumerate() {
                    if offer.service.trim().is_empty() {
                        problems.push(format!(
                            "availability[{index}].service: name the service or cinema"
                        ));
                    }
                    if let Some(url) = &offer.url
                        && !is_web_url(url)
                    {
                        problems.push(format!(
                            "availability[{index}].url: `{url}` is not an http(s) address"
                        ));
                    }
                    if let Some(until) = offer.until
                        && until < offer.seen
                    {
                        problems.push(format!(
                            "availability[{index}].until: {until} is before the day it was seen, {}",
                            offer.seen
                        ));
                    }
                }
                for (index, period) in film.filming_periods.iter().enumerate() {
                    match (period.start, period.end) {
                        (None, None) => problems.push(format!(
                            "filming_periods[{index}]: give a start, an end or both"
                        )),
                        (Some(start), Some(end))
                            if start.year() > end.year()
                                || (start > end && start.precision() == end.precision()) =>
                        {
                            problems.push(format!(
                                "filming_periods[{index}].end: {end} is before the start {start}"
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
                        problems.push(format!(
                            "tracks[{index}].titles: a track needs at least one title"
                        ));
                    }
                    if !seen.insert((track.disc.unwrap_or(1), track.number)) {
                        problems.push(format!(
                            "tracks[{index}].number: track {} appears twice",
                            track.number
                        ));
                    }
                }
            }
            Entity::Source(source) => {
                if source.title.trim().is_empty() {
                    problems.push("title: a source needs a title".to_owned());
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
                        problems.push(format!(
                            "mentions[{index}]: give exactly one of film, person and company"
                        ));
                    } else if let Some(target) = mention.target()
                        && !named.insert((target.0, target.1.clone()))
                    {
                        problems.push(format!(
                            "mentions[{index}]: {} `{}` is mentioned twice",
                            target.0, target.1
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
                    problems.push("part_of: a venue cannot be part of itself".to_owned());
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
                        problems.push(format!(
                            "dates[{index}].end: {end} is before the start {}",
                            dates.start
                        ));
                    }
                }
                for (index, screening) in event.screenings.iter().enumerate() {
                    if let Some(end) = screening.end
                        && end < screening.start
                        && end.date() <= screening.start.date()
                    {
                        problems.push(format!(
                            "screenings[{index}].end: {end} is before the start {}",
                            screening.start
                        ));
                    }
                    if let Some(code) = &screening.code
                        && (code.trim().is_empty()
                            || event.screenings[..index]
                                .iter()
                                .any(|other| other.code.as_ref() == Some(code)))
                    {
                        problems.push(format!(
                            "screenings[{index}].code: `{code}` is empty or given to an earlier screening"
                        ));
                    }
                    if screening.minutes == Some(0) {
                        problems.push(format!(
                            "screenings[{index}].minutes: a screening lasts at least a minute"
                        ));
                    }
                    if let Some(tickets) = &screening.tickets
                        && !is_web_url(tickets)
                    {
                        problems.push(format!(
                            "screenings[{index}].tickets: `{tickets}` is not an http(s) address"
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
                        problems.push(format!(
                            "participants[{index}]: give a person, a company or a name"
                        ));
                    }
                }
                if event.part_of.iter().any(|part| part.event.id == event.id) {
                    problems.push("part_of: an event cannot be part of itself".to_owned());
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

/// Whether a text is an http or https address.
fn is_web_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
}

fn require_text<'a>(problems: &mut Vec<String>, field: &str, texts: impl Iterator<Item = &'a str>) {
    for (index, text) in texts.enumerate() {
        if text.trim().is_empty() {
            problems.push(format!("{field}[{index}].text: the text is empty"));
        }
    }
}

fn require_one<T>(problems: &mut Vec<String>, field: &str, items: &[T]) {
    if items.is_empty() {
        problems.push(format!("{field}: at least one is needed"));
    }
}
