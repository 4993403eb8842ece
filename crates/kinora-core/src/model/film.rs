//! A film and the claims only films make.

use serde::{Deserialize, Serialize};

use crate::claim::{claim, entity, preferred_or_first, value};
use crate::codes::{Country, Language, Script};
use crate::date::PartialDate;
use crate::id::{AlbumRef, CompanyRef, EntityId, FilmRef, PersonRef};
use crate::money::{ExchangeRate, Money};

use super::common::*;
use super::vocabulary::*;

claim! {
    pub struct Title {
        pub text: String,
        pub kind: TitleKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub script: Option<Script>,
        /// The country where the title is used, for regional titles.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
    }
}

claim! {
    pub struct YearClaim {
        pub year: i32,
    }
}

claim! {
    /// A release or screening: where, what kind, when (as precisely as known).
    pub struct Release {
        pub kind: ReleaseKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
        /// Unknown dates are allowed: "the release date has not yet been set".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
        /// The festival or event, as named by the source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub event: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<Place>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub distributor: Option<CompanyRef>,
    }
}

claim! {
    pub struct Runtime {
        pub minutes: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
    }
}

claim! {
    pub struct ColorClaim {
        pub color: Color,
    }
}

claim! {
    /// A shooting or release format: HDcam, 35 mm, DCP.
    pub struct Format {
        pub format: String,
    }
}

claim! {
    pub struct FormClaim {
        pub form: FilmForm,
    }
}

claim! {
    pub struct Genre {
        pub genre: String,
    }
}

claim! {
    /// A subject or theme: "North Korean defectors".
    pub struct Keyword {
        pub keyword: String,
    }
}

claim! {
    pub struct Trailer {
        pub kind: TrailerKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
    }
}

value! {
    /// A character played in a credit, in the spelling a source used.
    pub struct Character {
        pub name: String,
        /// Other spellings of the same character: `Yong-su` for `Kim Yong-soo`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub also: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }
}

claim! {
    /// A person's work on a film, under the name the credit used.
    pub struct Credit {
        pub person: PersonRef,
        pub department: Department,
        /// The job as credited: "Director", "Assistant director", "Composer".
        pub job: String,
        /// The name the person was credited under, if not their usual one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credited_as: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub characters: Vec<Character>,
        /// Position in the billing, 1 first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub billing: Option<u32>,
        /// For a film not yet made: attached, in talks, left the project.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<AttachmentStatus>,
        /// When the status was reported.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
    }
}

claim! {
    pub struct CompanyRole {
        pub company: CompanyRef,
        pub role: CompanyRoleKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credited_as: Option<String>,
    }
}

claim! {
    /// An amount of money: a budget, an investment, box-office takings.
    pub struct MoneyClaim {
        pub kind: MoneyKind,
        pub money: Money,
        /// The exchange rate the source quoted with the amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub exchange_rate: Option<ExchangeRate>,
        /// Who paid or took it, when a source says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub company: Option<CompanyRef>,
    }
}

claim! {
    pub struct FilmingLocation {
        pub place: Place,
    }
}

claim! {
    /// When the film was shot, as precisely as a source says.
    pub struct FilmingPeriod {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<PartialDate>,
    }
}

claim! {
    /// What the film is based on: a true event, a book, another work.
    pub struct BasedOn {
        pub kind: BasisKind,
        pub title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<Place>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub authors: Vec<PersonRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub publisher: Option<CompanyRef>,
        /// When the basis is itself a film in the catalog.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub film: Option<FilmRef>,
    }
}

claim! {
    pub struct Soundtrack {
        pub album: AlbumRef,
    }
}

claim! {
    /// A step in the film's making: announced, filming, released.
    pub struct StatusClaim {
        pub status: ProductionStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
    }
}

claim! {
    /// Another film this one is tied to: a companion piece, a film by the
    /// same team on the same subject, a film a source compares it to.
    pub struct RelatedFilm {
        pub film: FilmRef,
        pub relation: String,
    }
}

claim! {
    /// A rating given by another site's users: IMDb's 7.8 of 10 from 12,345
    /// votes, as of a date. Kinora's own users' ratings are kept apart.
    pub struct AggregateRating {
        /// Whose users rated: "IMDb".
        pub by: String,
        pub value: crate::money::Decimal,
        /// The best possible rating on that site's scale: 10 for IMDb.
        pub best: crate::money::Decimal,
        pub votes: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
    }
}

claim! {
    /// An episode's place in its series.
    pub struct EpisodeOf {
        pub series: FilmRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub season: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub episode: Option<u32>,
    }
}

claim! {
    /// Where a film could be watched, in one country, as seen on a date.
    pub struct Availability {
        pub country: Country,
        pub kind: AvailabilityKind,
        /// The service or cinema as named: "OnDemandKorea".
        pub service: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub company: Option<CompanyRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        /// The day the offer was seen.
        pub seen: PartialDate,
        /// The last day of the offer, when announced.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub until: Option<PartialDate>,
    }
}

entity! {
    /// A film, a documentary, a series, or a project not yet made.
    pub struct Film {
        pub id: EntityId,
        claims {
            pub titles: Vec<Title>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub forms: Vec<FormClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub years: Vec<YearClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub releases: Vec<Release>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub runtimes: Vec<Runtime>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub colors: Vec<ColorClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub formats: Vec<Format>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub countries: Vec<CountryClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub languages: Vec<LanguageClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub genres: Vec<Genre>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub keywords: Vec<Keyword>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub synopses: Vec<Text>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub credits: Vec<Credit>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub companies: Vec<CompanyRole>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub money: Vec<MoneyClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub filming_locations: Vec<FilmingLocation>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub filming_periods: Vec<FilmingPeriod>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub based_on: Vec<BasedOn>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub soundtracks: Vec<Soundtrack>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub statuses: Vec<StatusClaim>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub related: Vec<RelatedFilm>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub links: Vec<Link>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub trailers: Vec<Trailer>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub trivia: Vec<Trivia>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub episode_of: Vec<EpisodeOf>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub ratings: Vec<AggregateRating>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub availability: Vec<Availability>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub external_ids: Vec<ExternalId>,
        }
    }
}

impl Film {
    /// The preferred year, else the year of the earliest dated release.
    pub fn year(&self) -> Option<i32> {
        preferred_or_first(&self.years)
            .map(|claim| claim.year)
            .or_else(|| {
                self.releases
                    .iter()
                    .filter_map(|release| release.date)
                    .min()
                    .map(|d| d.year())
            })
    }
}
