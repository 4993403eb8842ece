//! Venues and events: festivals, their sections and screenings, press
//! conferences.

use serde::{Deserialize, Serialize};

use crate::claim::{claim, entity, preferred_or_first};
use crate::codes::Language;
use crate::date::PartialDate;
use crate::id::{CompanyRef, EntityId, EventRef, FilmRef, PersonRef, VenueRef};
use crate::when::{LocalTime, TimeZone};

use super::common::*;
use super::vocabulary::*;

claim! {
    /// A venue's time zone: the zone its screenings' local times are in.
    pub struct TimeZoneClaim {
        pub zone: TimeZone,
    }
}

claim! {
    /// A postal address as written.
    pub struct Address {
        pub address: String,
    }
}

claim! {
    /// The larger venue this one is in: a screen of a cinema.
    pub struct VenuePart {
        pub venue: VenueRef,
    }
}

claim! {
    /// An organisation that runs a venue or organises an event.
    pub struct Organiser {
        pub company: CompanyRef,
    }
}

entity! {
    /// A cinema, a screen, a hall: a place with an address and a time zone.
    pub struct Venue {
        pub id: EntityId,
        claims {
            pub names: Vec<Name>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub part_of: Vec<VenuePart>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub addresses: Vec<Address>,
            /// The city, with its country.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub cities: Vec<PlaceClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub time_zones: Vec<TimeZoneClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub operators: Vec<Organiser>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub descriptions: Vec<Text>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub links: Vec<Link>,
        }
    }
}

impl Venue {
    /// The venue's preferred time zone, else its first.
    pub fn zone(&self) -> Option<TimeZone> {
        preferred_or_first(&self.time_zones).map(|claim| claim.zone)
    }

    /// The venue's preferred city, else its first.
    pub fn city(&self) -> Option<&Place> {
        preferred_or_first(&self.cities).map(|claim| &claim.place)
    }
}

claim! {
    /// When an event runs, as precisely as a source says.
    pub struct EventDates {
        pub start: PartialDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<PartialDate>,
    }
}

claim! {
    /// The larger event this one belongs to: a section of a festival
    /// edition, a screening of a week of events.
    pub struct EventPart {
        pub event: EventRef,
    }
}

claim! {
    /// A showing of a film at a venue, at a local time in the venue's zone.
    pub struct Screening {
        pub film: FilmRef,
        pub venue: VenueRef,
        /// The local date, and time of day when known.
        pub start: LocalTime,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<LocalTime>,
        /// The running time of the screening, when no end is given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub minutes: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub premiere: Option<PremiereStatus>,
        /// The languages spoken.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub languages: Vec<Language>,
        /// The languages of the subtitles.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub subtitles: Vec<Language>,
        /// Where tickets are sold.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tickets: Option<String>,
        #[serde(default, skip_serializing_if = "crate::claim::is_false")]
        pub cancelled: bool,
        /// The programme's own code for the screening (a ticketing number):
        /// with one, a screening moved to another time or venue stays one
        /// event in calendars.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub code: Option<String>,
    }
}

claim! {
    /// Someone at an event: who came, who spoke, who presented.
    pub struct Participant {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub person: Option<PersonRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub company: Option<CompanyRef>,
        /// The name as the source wrote it, for someone not in the catalog
        /// or to keep the source's words: "officials from the Japanese Embassy".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        pub role: ParticipantRole,
        /// Who they were there as: "executive director of the U.S. Committee
        /// for Human Rights in North Korea".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub capacity: Option<String>,
    }
}

claim! {
    /// A film an event selected, showed or presented.
    pub struct EventFilm {
        pub film: FilmRef,
        pub relation: EventFilmRelation,
    }
}

claim! {
    /// An award given at an event, and a film's or person's place for it.
    pub struct AwardClaim {
        /// The award as named: "IDFA Audience Award".
        pub award: String,
        pub outcome: AwardOutcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub film: Option<FilmRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub person: Option<PersonRef>,
    }
}

entity! {
    /// A festival edition, a section of one, a one-off screening, a press
    /// conference or production briefing. The festival itself, which holds an
    /// edition each year, is an organisation (a company of kind film festival)
    /// named among the edition's organisers.
    pub struct Event {
        pub id: EntityId,
        pub kind: EventKind,
        claims {
            pub names: Vec<Name>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub part_of: Vec<EventPart>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub organisers: Vec<Organiser>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub dates: Vec<EventDates>,
            /// The city, for an event without a venue in the catalog.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub places: Vec<PlaceClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub films: Vec<EventFilm>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub screenings: Vec<Screening>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub participants: Vec<Participant>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub awards: Vec<AwardClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub descriptions: Vec<Text>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub links: Vec<Link>,
        }
    }
}

/// A screening made an instant in its venue's zone.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedScreening {
    /// Its place in the event's `screenings`.
    pub position: usize,
    pub zone: TimeZone,
    pub start: crate::when::Instant,
    /// The end, given or from the running time.
    pub end: Option<crate::when::Instant>,
}

impl Event {
    /// The event's preferred dates, else its first.
    pub fn dates(&self) -> Option<&EventDates> {
        preferred_or_first(&self.dates)
    }

    /// Makes each screening an instant in its venue's zone, which `zone_of`
    /// gives; says, for each screening that cannot be one, which field is
    /// wrong and why: a venue without a zone, a time the zone skips, an
    /// end before the start.
    pub fn timed_screenings(
        &self,
        zone_of: &dyn Fn(&EntityId) -> Option<TimeZone>,
    ) -> Result<Vec<TimedScreening>, Vec<String>> {
        let mut timed = Vec::with_capacity(self.screenings.len());
        let mut problems = Vec::new();
        for (position, screening) in self.screenings.iter().enumerate() {
            let Some(zone) = zone_of(&screening.venue.id) else {
                problems.push(format!(
                    "screenings[{position}].venue: venue `{}` has no time zone, so its local times cannot be placed; give it one (time_zones)",
                    screening.venue.id
                ));
                continue;
            };
            let start = match screening.start.resolve(zone) {
                Ok(start) => start,
                Err(error) => {
                    problems.push(format!("screenings[{position}].start: {error}"));
                    continue;
                }
            };
            let end = match &screening.end {
                Some(end) => match end.resolve(zone) {
                    Ok(end) => Some(end),
                    Err(error) => {
                        problems.push(format!("screenings[{position}].end: {error}"));
                        continue;
                    }
                },
                None => match (start, screening.minutes) {
                    (crate::when::Instant::At(at), Some(minutes)) => Some(
                        crate::when::Instant::At(at + time::Duration::minutes(i64::from(minutes))),
                    ),
                    _ => None,
                },
            };
            if let (crate::when::Instant::At(from), Some(crate::when::Instant::At(to))) =
                (start, end)
                && to <= from
            {
                problems.push(format!(
                    "screenings[{position}].end: {} is not after the start {}",
                    screening.end.map(|end| end.to_string()).unwrap_or_default(),
                    screening.start
                ));
                continue;
            }
            timed.push(TimedScreening {
                position,
                zone,
                start,
                end,
            });
        }
        if problems.is_empty() {
            Ok(timed)
        } else {
            Err(problems)
        }
    }
}
