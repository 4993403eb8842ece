//! The closed sets of values claims are made of: kinds of title and name,
//! of release, of company role, of event, and the like, each with its English
//! label.

use serde::{Deserialize, Serialize};

use crate::claim::vocabulary;

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
    /// The scheme as the catalog format writes it: `imdb`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdScheme::Imdb => "imdb",
            IdScheme::Tmdb => "tmdb",
            IdScheme::Wikidata => "wikidata",
            IdScheme::Kofic => "kofic",
            IdScheme::Letterboxd => "letterboxd",
            IdScheme::Musicbrainz => "musicbrainz",
        }
    }

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
