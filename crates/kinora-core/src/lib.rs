//! Kinora's domain: the entities of a film catalog and the sourced facts they
//! carry, with the codes, dates and names those facts are made of.
//!
//! Everything here is parsed once, at the edge (`parse` constructors and
//! `Deserialize` impls that reject bad input), so the rest of Kinora handles
//! only valid values. This crate does no IO.

pub mod accents;
pub mod claim;
pub mod codes;
pub mod community;
pub mod date;
pub mod form;
pub mod id;
pub mod image;
pub mod korean;
pub mod mentions;
pub mod model;
pub mod money;
pub mod names;
pub mod traverse;
pub mod when;

pub use codes::{Country, Currency, Language, Script};
pub use date::{PartialDate, Precision};
pub use id::{EntityId, EntityKind, Position};
pub use model::Entity;
pub use traverse::Reference;
pub use when::{LocalTime, TimeZone};

/// Gives a type that is written as a JSON string an OpenAPI schema of
/// `type: string` with an example.
#[cfg(feature = "openapi")]
macro_rules! string_schema {
    ($($type:ty => $example:literal, $description:literal;)*) => {
        $(
            impl utoipa::PartialSchema for $type {
                fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .description(Some($description))
                        .examples([$example])
                        .into()
                }
            }
            impl utoipa::ToSchema for $type {}
        )*
    };
}

#[cfg(feature = "openapi")]
string_schema! {
    id::EntityId => "crossing-2008", "An entity id: lowercase letters, digits and hyphens.";
    id::FilmRef => "crossing-2008", "The id of a film.";
    id::PersonRef => "kim-tae-kyun", "The id of a person.";
    id::CompanyRef => "vantage-holdings", "The id of a company.";
    id::AlbumRef => "crossing-ost", "The id of an album.";
    id::SourceRef => "kofic-2008-05-06", "The id of a source.";
    id::VenueRef => "tuschinski-1", "The id of a venue.";
    id::EventRef => "idfa-2012", "The id of an event.";
    when::TimeZone => "Europe/Amsterdam", "An IANA time zone.";
    when::LocalTime => "2012-11-19T12:45", "A local date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM) in the venue's zone; an offset (+01:00) only where the zone passes that time twice.";
    codes::Language => "ko", "A BCP 47 language tag.";
    codes::Script => "Hang", "An ISO 15924 script code.";
    codes::Country => "KR", "An ISO 3166-1 alpha-2 country code.";
    codes::Currency => "KRW", "An ISO 4217 currency code.";
    date::PartialDate => "2008-06-26", "A date to the year (YYYY), month (YYYY-MM) or day (YYYY-MM-DD).";
    money::Decimal => "4000000000", "An exact non-negative decimal number.";
}
