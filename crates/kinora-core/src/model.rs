//! The catalog's entities and the facts they carry.
//!
//! Every fact is a *claim*: a value with the sources that state it, an
//! optional note, and a `preferred` mark. Several claims of one kind may
//! disagree (Crossing has four release dates); they all stay, and the one
//! marked preferred is shown first and used where one value is needed.

use serde::{Deserialize, Serialize};

use crate::codes::{Country, Language, Script};
use crate::date::PartialDate;
use crate::id::{
    AlbumRef, CompanyRef, EntityId, EntityKind, EventRef, FilmRef, PersonRef, Reference, SourceRef,
    VenueRef,
};
use crate::image::Image;
use crate::money::{ExchangeRate, Money};
use crate::when::{LocalTime, TimeZone};

pub use crate::claim::{Citation, Claim, ClaimMeta, preferred_first, preferred_or_first};
use crate::claim::{claim, is_false, vocabulary};

// ---------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------

vocabulary! {
    /// What a title is to its film.
    pub enum TitleKind {
        Original => "original title",
        Romanized => "romanized title",
        English => "English title",
        Working => "working title",
        AlsoKnownAs => "also known as",
        Translated => "translated title",
        Festival => "festival title",
    }
}

vocabulary! {
    /// What a name is to its person or company.
    pub enum NameKind {
        Primary => "name",
        Native => "name in native script",
        Romanized => "romanization",
        Birth => "birth name",
        Stage => "stage name",
        Alias => "also known as",
        Abbreviation => "abbreviation",
        Former => "former name",
        Nickname => "nickname",
    }
}

vocabulary! {
    /// A romanization system a Latin spelling follows.
    pub enum Romanization {
        RevisedRomanization => "Revised Romanization",
        MccuneReischauer => "McCune–Reischauer",
        Yale => "Yale",
        Customary => "customary spelling",
        Pinyin => "Hanyu Pinyin",
        Hepburn => "Hepburn",
    }
}

vocabulary! {
    /// Which part of a Korean, Chinese or Japanese style name comes first.
    pub enum NameOrder {
        FamilyFirst => "family name first",
        GivenFirst => "given name first",
    }
}

vocabulary! {
    /// The kind of a release or screening.
    pub enum ReleaseKind {
        Premiere => "premiere",
        Festival => "festival screening",
        Theatrical => "theatrical release",
        Limited => "limited release",
        Digital => "digital release",
        Television => "television broadcast",
        Physical => "home media release",
        Preview => "preview screening",
        SpecialScreening => "special screening",
        Planned => "planned release",
    }
}

vocabulary! {
    pub enum Color {
        Color => "colour",
        BlackAndWhite => "black and white",
        Mixed => "colour and black and white",
    }
}

vocabulary! {
    /// The form of a work, as IMDb's title types distinguish them.
    pub enum FilmForm {
        Feature => "feature film",
        Short => "short film",
        Documentary => "documentary",
        TvMovie => "television film",
        Series => "series",
        Episode => "episode",
        Video => "video",
        Project => "project in development",
        MiniSeries => "mini-series",
        TvSpecial => "television special",
        TvShort => "television short",
        Pilot => "pilot",
        VideoGame => "video game",
    }
}

vocabulary! {
    /// A catalog that has its own ids for films, people or companies.
    pub enum IdScheme {
        Imdb => "IMDb",
        Tmdb => "TMDB",
        Wikidata => "Wikidata",
        Kofic => "KOFIC",
        Letterboxd => "Letterboxd",
        Musicbrainz => "MusicBrainz",
    }
}

impl IdScheme {
    /// The page of an id on its catalog's site, when the id says enough.
    pub fn url(self, value: &str) -> Option<String> {
        match self {
            IdScheme::Imdb if value.starts_with("tt") => {
                Some(format!("https://www.imdb.com/title/{value}/"))
            }
            IdScheme::Imdb if value.starts_with("nm") => {
                Some(format!("https://www.imdb.com/name/{value}/"))
            }
            IdScheme::Imdb if value.starts_with("co") => Some(format!(
                "https://www.imdb.com/search/title/?companies={value}"
            )),
            IdScheme::Wikidata => Some(format!("https://www.wikidata.org/wiki/{value}")),
            IdScheme::Letterboxd => Some(format!("https://letterboxd.com/film/{value}/")),
            _ => None,
        }
    }

    /// Whether a value has the form this scheme's ids have.
    pub fn accepts(self, value: &str) -> bool {
        let digits_after = |prefix: &str, min: usize| {
            value
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.len() >= min && rest.bytes().all(|b| b.is_ascii_digit()))
        };
        match self {
            IdScheme::Imdb => {
                digits_after("tt", 7) || digits_after("nm", 7) || digits_after("co", 7)
            }
            IdScheme::Wikidata => digits_after("Q", 1),
            IdScheme::Tmdb | IdScheme::Kofic => {
                !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric())
            }
            IdScheme::Letterboxd | IdScheme::Musicbrainz => {
                !value.is_empty()
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }
        }
    }
}

vocabulary! {
    pub enum Department {
        Directing => "Directing",
        Writing => "Writing",
        Production => "Production",
        Cast => "Cast",
        Camera => "Camera",
        Editing => "Editing",
        Sound => "Sound",
        Music => "Music",
        Art => "Art",
        Costume => "Costume and make-up",
        VisualEffects => "Visual effects",
        Crew => "Crew",
        Thanks => "Thanks",
    }
}

vocabulary! {
    /// What a company did for a film.
    pub enum CompanyRoleKind {
        Production => "production",
        CoProduction => "co-production",
        Distribution => "distribution",
        InternationalSales => "international sales",
        Investor => "investor",
        Development => "development",
        Financing => "financing",
        Presenter => "presenter",
        Label => "record label",
    }
}

vocabulary! {
    pub enum LinkKind {
        Official => "official site",
        Related => "related site",
        Gallery => "photo gallery",
        Trailer => "trailers and making-of",
        Database => "database entry",
        Article => "article",
        Social => "social media",
        Other => "link",
    }
}

vocabulary! {
    pub enum TrailerKind {
        Teaser => "teaser",
        Trailer => "trailer",
        MakingOf => "making-of",
        Clip => "clip",
    }
}

vocabulary! {
    pub enum MoneyKind {
        Budget => "budget",
        Investment => "investment",
        BoxOffice => "box office",
        Grant => "grant",
    }
}

vocabulary! {
    /// What a film is based on.
    pub enum BasisKind {
        TrueEvent => "true event",
        TrueStories => "true stories",
        Book => "book",
        Memoir => "memoir",
        Film => "film",
        Play => "play",
        Other => "other work",
    }
}

vocabulary! {
    /// Where a film stands in its making.
    pub enum ProductionStatus {
        Announced => "announced",
        InDevelopment => "in development",
        PreProduction => "pre-production",
        Filming => "filming",
        PostProduction => "post-production",
        Completed => "completed",
        Released => "released",
        Cancelled => "cancelled",
    }
}

vocabulary! {
    pub enum Relation {
        Spouse => "spouse",
        Child => "child",
        Parent => "parent",
        Sibling => "sibling",
        Colleague => "colleague",
    }
}

vocabulary! {
    pub enum OrganizationKind {
        ProductionCompany => "production company",
        Distributor => "distributor",
        SalesAgent => "sales agent",
        Investor => "investment company",
        Studio => "studio",
        Broadcaster => "broadcaster",
        Publisher => "publisher",
        NewsAgency => "news organisation",
        Festival => "film festival",
        Government => "government body",
        NonProfit => "non-profit organisation",
        University => "university",
        Conglomerate => "conglomerate",
        RecordLabel => "record label",
        Other => "organisation",
    }
}

vocabulary! {
    /// What kind of document a source is.
    pub enum SourceKind {
        News => "news article",
        ForumPost => "forum post",
        OfficialSite => "official site",
        PressRelease => "press release",
        Review => "review",
        FestivalPage => "festival page",
        MoviePage => "film database page",
        Dataset => "dataset",
        Blog => "blog post",
        Book => "book",
        Other => "document",
    }
}

vocabulary! {
    /// What kind of event an event is.
    pub enum EventKind {
        FestivalEdition => "festival edition",
        Section => "festival section",
        Screening => "screening",
        Series => "series of events",
        PressConference => "press conference",
        ProductionBriefing => "production briefing",
        Premiere => "premiere",
        AwardCeremony => "award ceremony",
        Market => "film market",
        Other => "event",
    }
}

vocabulary! {
    /// Where a screening stands among the film's first showings.
    pub enum PremiereStatus {
        World => "world premiere",
        International => "international premiere",
        Regional => "regional premiere",
        National => "national premiere",
        City => "city premiere",
    }
}

vocabulary! {
    /// What someone did at an event.
    pub enum ParticipantRole {
        Attended => "attended",
        Spoke => "spoke",
        Presented => "presented",
        Hosted => "hosted",
        Organised => "organised",
        Jury => "jury member",
        Guest => "guest",
    }
}

vocabulary! {
    /// What an event did with a film.
    pub enum EventFilmRelation {
        Selected => "selected",
        Shown => "shown",
        Presented => "presented",
        InCompetition => "in competition",
        Opening => "opening film",
        Closing => "closing film",
    }
}

vocabulary! {
    /// Where a film stands for an award.
    pub enum AwardOutcome {
        Eligible => "eligible",
        Nominated => "nominated",
        Won => "won",
    }
}

vocabulary! {
    /// How a film can be watched.
    pub enum AvailabilityKind {
        Stream => "stream",
        Rent => "rent",
        Buy => "buy",
        Free => "free",
        Cinema => "in cinemas",
    }
}

vocabulary! {
    /// Where a person stands with a film not yet made.
    pub enum AttachmentStatus {
        Attached => "attached",
        InTalks => "in talks",
        Rumoured => "rumoured",
        Confirmed => "confirmed",
        Left => "left the project",
    }
}

vocabulary! {
    /// Whether an editor confirmed that an article names an entity.
    pub enum MentionStatus {
        Confirmed => "confirmed",
        Rejected => "rejected",
    }
}

// ---------------------------------------------------------------------------
// Claims shared by several kinds of entity
// ---------------------------------------------------------------------------

/// A text in a given language and script, such as a synopsis or a track title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScriptText {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
}

/// A place as a source names it, with its country when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
}

claim! {
    /// A name of a person or company in one script and spelling.
    pub struct Name {
        pub text: String,
        pub kind: NameKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub script: Option<Script>,
        /// For a romanized spelling, the system it follows.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub system: Option<Romanization>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order: Option<NameOrder>,
    }
}

claim! {
    pub struct CountryClaim {
        pub country: Country,
    }
}

claim! {
    pub struct LanguageClaim {
        pub language: Language,
    }
}

claim! {
    /// A longer text: a synopsis, a biography, a description.
    pub struct Text {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
    }
}

claim! {
    pub struct Link {
        pub url: String,
        pub kind: LinkKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
    }
}

claim! {
    /// The entity's id in another catalog: IMDb's tt… and nm…, Wikidata's Q….
    pub struct ExternalId {
        pub scheme: IdScheme,
        pub value: String,
    }
}

claim! {
    pub struct DateClaim {
        pub date: PartialDate,
    }
}

claim! {
    pub struct PlaceClaim {
        pub place: Place,
    }
}

// ---------------------------------------------------------------------------
// Films
// ---------------------------------------------------------------------------

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

/// A character played in a credit, in the spelling a source used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Character {
    pub name: String,
    /// Other spellings of the same character: `Yong-su` for `Kim Yong-soo`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
    /// A notable fact that fits no other field.
    pub struct Trivia {
        pub text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
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

/// A film, a documentary, a series, or a project not yet made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Film {
    pub id: EntityId,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

// ---------------------------------------------------------------------------
// People and companies
// ---------------------------------------------------------------------------

claim! {
    pub struct Occupation {
        pub occupation: String,
    }
}

claim! {
    /// A person's tie to an organisation: shareholder, executive director.
    pub struct Affiliation {
        pub company: CompanyRef,
        pub role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<PartialDate>,
    }
}

claim! {
    pub struct Relative {
        pub person: PersonRef,
        pub relation: Relation,
    }
}

/// A person: actor, director, composer, journalist, anyone a source names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: EntityId,
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<PlaceClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub death_dates: Vec<DateClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occupations: Vec<Occupation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relatives: Vec<Relative>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trivia: Vec<Trivia>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_ids: Vec<ExternalId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

claim! {
    pub struct OrganizationKindClaim {
        pub kind: OrganizationKind,
    }
}

claim! {
    pub struct ParentCompany {
        pub company: CompanyRef,
        /// How the two are tied: "based at", "subsidiary of", "label of".
        pub relation: String,
    }
}

/// A company or other organisation: producer, distributor, newspaper, festival.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub id: EntityId,
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<OrganizationKindClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<PlaceClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub founded: Vec<DateClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<ParentCompany>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_ids: Vec<ExternalId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

// ---------------------------------------------------------------------------
// Albums
// ---------------------------------------------------------------------------

/// Who performed or wrote a track or album, under the name printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ArtistCredit {
    /// The name as printed: `김태성`.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRef>,
    /// composer, performer, vocals, arranger…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

claim! {
    /// A numbered track with its titles in every script given.
    pub struct Track {
        pub number: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub disc: Option<u32>,
        pub titles: Vec<ScriptText>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub artists: Vec<ArtistCredit>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub seconds: Option<u32>,
    }
}

claim! {
    pub struct AlbumArtist {
        pub artist: ArtistCredit,
    }
}

/// A soundtrack or other album.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Album {
    pub id: EntityId,
    pub titles: Vec<Title>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artists: Vec<AlbumArtist>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<CompanyRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<Track>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

/// An author of a source, as printed, and the person when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRef>,
}

/// A document that states facts: a news article, a forum post, a festival
/// page. Its own fields are not claims; they describe the document itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: EntityId,
    pub kind: SourceKind,
    pub title: String,
    /// The publication, as printed: "JoongAng Daily", "KOFIC".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_company: Option<CompanyRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Language>,
    /// The source this one was read in, when it was reposted: an article
    /// quoted in full in a forum thread is read *via* that thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<SourceRef>,
    /// A short description of the document or of what it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The document's text, for an article kept here: paragraphs separated
    /// by blank lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The films, people and companies the text names, as an editor
    /// confirmed (or turned down) them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
}

/// An entity a source's text names, in the words it used. Exactly one of
/// `film`, `person` and `company` is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mention {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub film: Option<FilmRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyRef>,
    /// The spelling the text used first: "Kim Tae-gyoon".
    pub written: String,
    /// The other spellings the text uses for it: "김태균", "Tae-kyun Kim".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    pub status: MentionStatus,
}

impl Mention {
    /// The entity named, whichever kind it is.
    pub fn target(&self) -> Option<(EntityKind, &EntityId)> {
        self.film
            .as_ref()
            .map(|film| (EntityKind::Film, &film.id))
            .or_else(|| self.person.as_ref().map(|p| (EntityKind::Person, &p.id)))
            .or_else(|| self.company.as_ref().map(|c| (EntityKind::Company, &c.id)))
    }

    pub fn new(kind: EntityKind, id: EntityId, written: String, status: MentionStatus) -> Mention {
        let mut mention = Mention {
            film: None,
            person: None,
            company: None,
            written,
            also: Vec::new(),
            status,
        };
        match kind {
            EntityKind::Film => mention.film = Some(FilmRef::new(id)),
            EntityKind::Person => mention.person = Some(PersonRef::new(id)),
            _ => mention.company = Some(CompanyRef::new(id)),
        }
        mention
    }
}

impl SourceKind {
    /// Whether documents of this kind are articles: news, press releases,
    /// blog posts, listed in the news and in its feeds.
    pub fn is_article(self) -> bool {
        matches!(
            self,
            SourceKind::News | SourceKind::PressRelease | SourceKind::Blog
        )
    }
}

// ---------------------------------------------------------------------------
// Venues and events
// ---------------------------------------------------------------------------

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

/// A cinema, a screen, a hall: a place with an address and a time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub id: EntityId,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
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
        #[serde(default, skip_serializing_if = "crate::model::is_false")]
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

/// A festival edition, a section of one, a one-off screening, a press
/// conference or production briefing. The festival itself, which holds an
/// edition each year, is an organisation (a company of kind film festival)
/// named among the edition's organisers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: EntityId,
    pub kind: EventKind,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
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

// ---------------------------------------------------------------------------
// Any entity
// ---------------------------------------------------------------------------

/// One entity of any kind, as stored, exported and served.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entity {
    Film(Film),
    Person(Person),
    Company(Company),
    Album(Album),
    Source(Source),
    Venue(Venue),
    Event(Event),
}

/// A name or title under which an entity can be found.
#[derive(Debug, Clone, PartialEq)]
pub struct FindableName {
    pub text: String,
    pub primary: bool,
}

impl Entity {
    /// The entity as JSON without its `type` tag: the form the store keeps,
    /// since the store knows the kind from its own column. Reading it back
    /// (`from_untagged_json`) parses straight into the right struct, without
    /// the buffering an internally tagged enum needs.
    pub fn to_untagged_json(&self) -> serde_json::Result<String> {
        match self {
            Entity::Film(film) => serde_json::to_string(film),
            Entity::Person(person) => serde_json::to_string(person),
            Entity::Company(company) => serde_json::to_string(company),
            Entity::Album(album) => serde_json::to_string(album),
            Entity::Source(source) => serde_json::to_string(source),
            Entity::Venue(venue) => serde_json::to_string(venue),
            Entity::Event(event) => serde_json::to_string(event),
        }
    }

    pub fn from_untagged_json(kind: EntityKind, text: &str) -> serde_json::Result<Entity> {
        Ok(match kind {
            EntityKind::Film => Entity::Film(serde_json::from_str(text)?),
            EntityKind::Person => Entity::Person(serde_json::from_str(text)?),
            EntityKind::Company => Entity::Company(serde_json::from_str(text)?),
            EntityKind::Album => Entity::Album(serde_json::from_str(text)?),
            EntityKind::Source => Entity::Source(serde_json::from_str(text)?),
            EntityKind::Venue => Entity::Venue(serde_json::from_str(text)?),
            EntityKind::Event => Entity::Event(serde_json::from_str(text)?),
        })
    }

    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Film(_) => EntityKind::Film,
            Entity::Person(_) => EntityKind::Person,
            Entity::Company(_) => EntityKind::Company,
            Entity::Album(_) => EntityKind::Album,
            Entity::Source(_) => EntityKind::Source,
            Entity::Venue(_) => EntityKind::Venue,
            Entity::Event(_) => EntityKind::Event,
        }
    }

    pub fn id(&self) -> &EntityId {
        match self {
            Entity::Film(film) => &film.id,
            Entity::Person(person) => &person.id,
            Entity::Company(company) => &company.id,
            Entity::Album(album) => &album.id,
            Entity::Source(source) => &source.id,
            Entity::Venue(venue) => &venue.id,
            Entity::Event(event) => &event.id,
        }
    }

    pub fn set_id(&mut self, id: EntityId) {
        match self {
            Entity::Film(film) => film.id = id,
            Entity::Person(person) => person.id = id,
            Entity::Company(company) => company.id = id,
            Entity::Album(album) => album.id = id,
            Entity::Source(source) => source.id = id,
            Entity::Venue(venue) => venue.id = id,
            Entity::Event(event) => event.id = id,
        }
    }

    /// The name to show: the preferred title or name, else the first.
    pub fn label(&self) -> String {
        match self {
            Entity::Film(film) => preferred_or_first(&film.titles).map(|t| t.text.clone()),
            Entity::Person(person) => preferred_or_first(&person.names).map(|n| n.text.clone()),
            Entity::Company(company) => preferred_or_first(&company.names).map(|n| n.text.clone()),
            Entity::Album(album) => preferred_or_first(&album.titles).map(|t| t.text.clone()),
            Entity::Source(source) => Some(source.title.clone()),
            Entity::Venue(venue) => preferred_or_first(&venue.names).map(|n| n.text.clone()),
            Entity::Event(event) => preferred_or_first(&event.names).map(|n| n.text.clone()),
        }
        .unwrap_or_else(|| self.id().to_string())
    }

    /// The year to show beside the label, when the entity has one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Entity::Film(film) => film.year(),
            Entity::Album(album) => album
                .releases
                .iter()
                .filter_map(|r| r.date)
                .min()
                .map(|d| d.year()),
            Entity::Source(source) => source.date.map(|date| date.year()),
            Entity::Venue(_) => None,
            Entity::Event(event) => event.dates().map(|dates| dates.start.year()).or_else(|| {
                event
                    .screenings
                    .iter()
                    .map(|s| s.start)
                    .min()
                    .map(|s| s.date().year())
            }),
            Entity::Person(person) => {
                preferred_or_first(&person.birth_dates).map(|claim| claim.date.year())
            }
            Entity::Company(company) => {
                preferred_or_first(&company.founded).map(|claim| claim.date.year())
            }
        }
    }

    /// Every name and title the entity can be found under.
    pub fn findable_names(&self) -> Vec<FindableName> {
        let label = self.label();
        let mut names: Vec<String> = match self {
            Entity::Film(film) => film.titles.iter().map(|t| t.text.clone()).collect(),
            Entity::Person(person) => person.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Company(company) => company.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Album(album) => album.titles.iter().map(|t| t.text.clone()).collect(),
            Entity::Source(source) => {
                let mut names = vec![source.title.clone()];
                names.extend(source.publisher.clone());
                names
            }
            Entity::Venue(venue) => venue.names.iter().map(|n| n.text.clone()).collect(),
            Entity::Event(event) => event.names.iter().map(|n| n.text.clone()).collect(),
        };
        let mut seen = std::collections::HashSet::new();
        names.retain(|name| seen.insert(name.clone()));
        names
            .into_iter()
            .map(|text| FindableName {
                primary: text == label,
                text,
            })
            .collect()
    }

    /// The entity's ids in other catalogs.
    pub fn external_ids(&self) -> &[ExternalId] {
        match self {
            Entity::Film(film) => &film.external_ids,
            Entity::Person(person) => &person.external_ids,
            Entity::Company(company) => &company.external_ids,
            Entity::Album(_) | Entity::Source(_) | Entity::Venue(_) | Entity::Event(_) => &[],
        }
    }

    /// The entity's pictures (a source has none: it is a document).
    pub fn images(&self) -> &[Image] {
        match self {
            Entity::Film(film) => &film.images,
            Entity::Person(person) => &person.images,
            Entity::Company(company) => &company.images,
            Entity::Album(album) => &album.images,
            Entity::Venue(venue) => &venue.images,
            Entity::Event(event) => &event.images,
            Entity::Source(_) => &[],
        }
    }

    /// The entity's pictures to change, or `None` for a source.
    pub fn images_mut(&mut self) -> Option<&mut Vec<Image>> {
        match self {
            Entity::Film(film) => Some(&mut film.images),
            Entity::Person(person) => Some(&mut person.images),
            Entity::Company(company) => Some(&mut company.images),
            Entity::Album(album) => Some(&mut album.images),
            Entity::Venue(venue) => Some(&mut venue.images),
            Entity::Event(event) => Some(&mut event.images),
            Entity::Source(_) => None,
        }
    }

    /// Every reference the entity makes to another, citations included.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        for (index, image) in self.images().iter().enumerate() {
            for (cite, citation) in image.sources.iter().enumerate() {
                out.push(
                    citation
                        .source
                        .reference(format!("images[{index}].sources[{cite}].source")),
                );
            }
        }
        match self {
            Entity::Film(film) => film.collect_references(&mut out),
            Entity::Person(person) => person.collect_references(&mut out),
            Entity::Company(company) => company.collect_references(&mut out),
            Entity::Album(album) => album.collect_references(&mut out),
            Entity::Source(source) => {
                if let Some(publisher) = &source.publisher_company {
                    out.push(publisher.reference("publisher_company".into()));
                }
                for (index, author) in source.authors.iter().enumerate() {
                    if let Some(person) = &author.person {
                        out.push(person.reference(format!("authors[{index}].person")));
                    }
                }
                if let Some(via) = &source.via {
                    out.push(via.reference("via".into()));
                }
                for (index, mention) in source.mentions.iter().enumerate() {
                    let path = format!("mentions[{index}]");
                    if let Some(film) = &mention.film {
                        out.push(film.reference(format!("{path}.film")));
                    }
                    if let Some(person) = &mention.person {
                        out.push(person.reference(format!("{path}.person")));
                    }
                    if let Some(company) = &mention.company {
                        out.push(company.reference(format!("{path}.company")));
                    }
                }
            }
            Entity::Venue(venue) => venue.collect_references(&mut out),
            Entity::Event(event) => event.collect_references(&mut out),
        }
        out
    }

    /// Rewrites every reference to `from` into a reference to `to`, as a
    /// merge does. Returns how many were rewritten.
    pub fn redirect_references(
        &mut self,
        kind: EntityKind,
        from: &EntityId,
        to: &EntityId,
    ) -> usize {
        let mut json = serde_json::to_value(&*self).expect("entities serialize");
        let paths: Vec<String> = self
            .references()
            .into_iter()
            .filter(|reference| reference.kind == kind && &reference.id == from)
            .map(|reference| reference.path)
            .collect();
        for path in &paths {
            if let Some(slot) = pointer_mut(&mut json, path) {
                *slot = serde_json::Value::String(to.to_string());
            }
        }
        if !paths.is_empty() {
            *self =
                serde_json::from_value(json).expect("an entity with a rewritten id stays valid");
        }
        paths.len()
    }

    /// Checks what the types alone cannot: at most one preferred value per
    /// fact, a title or name to show, distinct track numbers.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        crate::image::check(self.images(), &mut problems);
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
                film.check_preferred(&mut problems);
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
                person.check_preferred(&mut problems);
                require_text(
                    &mut problems,
                    "names",
                    person.names.iter().map(|n| n.text.as_str()),
                );
            }
            Entity::Company(company) => {
                require_one(&mut problems, "names", &company.names);
                company.check_preferred(&mut problems);
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
                album.check_preferred(&mut problems);
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
                venue.check_preferred(&mut problems);
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
                event.check_preferred(&mut problems);
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

/// Follows a path such as `credits[3].person` into a JSON value.
fn pointer_mut<'a>(
    value: &'a mut serde_json::Value,
    path: &str,
) -> Option<&'a mut serde_json::Value> {
    let mut current = value;
    for segment in path.split('.') {
        let (field, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        current = current.get_mut(field)?;
        for index in indexes.split(['[', ']']).filter(|part| !part.is_empty()) {
            current = current.get_mut(index.parse::<usize>().ok()?)?;
        }
    }
    Some(current)
}

/// Walks the claim lists of an entity type: citations, value references and
/// the one-preferred rule, written once for every list.
macro_rules! claim_lists {
    ($type:ty { $($field:ident $(=> |$claim:ident, $path:ident, $out:ident| $refs:block)?),* $(,)? }) => {
        impl $type {
            fn collect_references(&self, out: &mut Vec<Reference>) {
                $(
                    for (index, item) in self.$field.iter().enumerate() {
                        let base = format!(concat!(stringify!($field), "[{}]"), index);
                        for (cite, citation) in item.sources.iter().enumerate() {
                            out.push(citation.source.reference(format!("{base}.sources[{cite}].source")));
                        }
                        $(
                            {
                                let $claim = item;
                                let $path = &base;
                                let $out = &mut *out;
                                $refs
                            }
                        )?
                    }
                )*
            }

            fn check_preferred(&self, problems: &mut Vec<String>) {
                $(
                    let preferred = self.$field.iter().filter(|item| item.preferred).count();
                    if preferred > 1 {
                        problems.push(format!(
                            concat!(stringify!($field), ": {} values are marked preferred; mark at most one"),
                            preferred
                        ));
                    }
                )*
            }
        }
    };
}

claim_lists!(Film {
    titles, forms, years,
    releases => |claim, path, out| {
        if let Some(distributor) = &claim.distributor {
            out.push(distributor.reference(format!("{path}.distributor")));
        }
    },
    runtimes, colors, formats, countries, languages, genres, keywords, synopses,
    credits => |claim, path, out| {
        out.push(claim.person.reference(format!("{path}.person")));
    },
    companies => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    money => |claim, path, out| {
        if let Some(company) = &claim.company {
            out.push(company.reference(format!("{path}.company")));
        }
    },
    filming_locations, filming_periods,
    based_on => |claim, path, out| {
        for (index, author) in claim.authors.iter().enumerate() {
            out.push(author.reference(format!("{path}.authors[{index}]")));
        }
        if let Some(publisher) = &claim.publisher {
            out.push(publisher.reference(format!("{path}.publisher")));
        }
        if let Some(film) = &claim.film {
            out.push(film.reference(format!("{path}.film")));
        }
    },
    soundtracks => |claim, path, out| {
        out.push(claim.album.reference(format!("{path}.album")));
    },
    statuses,
    related => |claim, path, out| {
        out.push(claim.film.reference(format!("{path}.film")));
    },
    links, trailers, trivia,
    episode_of => |claim, path, out| {
        out.push(claim.series.reference(format!("{path}.series")));
    },
    ratings,
    availability => |claim, path, out| {
        if let Some(company) = &claim.company {
            out.push(company.reference(format!("{path}.company")));
        }
    },
    external_ids,
});

claim_lists!(Venue {
    names,
    part_of => |claim, path, out| {
        out.push(claim.venue.reference(format!("{path}.venue")));
    },
    addresses, cities, time_zones,
    operators => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    descriptions, links,
});

claim_lists!(Event {
    names,
    part_of => |claim, path, out| {
        out.push(claim.event.reference(format!("{path}.event")));
    },
    organisers => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    dates, places,
    films => |claim, path, out| {
        out.push(claim.film.reference(format!("{path}.film")));
    },
    screenings => |claim, path, out| {
        out.push(claim.film.reference(format!("{path}.film")));
        out.push(claim.venue.reference(format!("{path}.venue")));
    },
    participants => |claim, path, out| {
        if let Some(person) = &claim.person {
            out.push(person.reference(format!("{path}.person")));
        }
        if let Some(company) = &claim.company {
            out.push(company.reference(format!("{path}.company")));
        }
    },
    awards => |claim, path, out| {
        if let Some(film) = &claim.film {
            out.push(film.reference(format!("{path}.film")));
        }
        if let Some(person) = &claim.person {
            out.push(person.reference(format!("{path}.person")));
        }
    },
    descriptions, links,
});

claim_lists!(Person {
    names, birth_dates, birth_places, death_dates, countries, occupations, descriptions, external_ids,
    affiliations => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    relatives => |claim, path, out| {
        out.push(claim.person.reference(format!("{path}.person")));
    },
    links, trivia,
});

claim_lists!(Company {
    names, kinds, countries, locations, founded, external_ids,
    parents => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    descriptions, links,
});

claim_lists!(Album {
    titles,
    artists => |claim, path, out| {
        if let Some(person) = &claim.artist.person {
            out.push(person.reference(format!("{path}.artist.person")));
        }
    },
    releases => |claim, path, out| {
        if let Some(distributor) = &claim.distributor {
            out.push(distributor.reference(format!("{path}.distributor")));
        }
    },
    companies => |claim, path, out| {
        out.push(claim.company.reference(format!("{path}.company")));
    },
    tracks => |claim, path, out| {
        for (index, artist) in claim.artists.iter().enumerate() {
            if let Some(person) = &artist.person {
                out.push(person.reference(format!("{path}.artists[{index}].person")));
            }
        }
    },
    links,
});

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
