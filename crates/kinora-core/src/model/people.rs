//! People and companies, and the claims only they make.

use serde::{Deserialize, Serialize};

use crate::claim::{claim, entity};
use crate::date::PartialDate;
use crate::id::{CompanyRef, EntityId, PersonRef};

use super::common::*;
use super::vocabulary::*;

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

entity! {
    /// A person: actor, director, composer, journalist, anyone a source names.
    pub struct Person {
        pub id: EntityId,
        claims {
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
        }
    }
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

entity! {
    /// A company or other organisation: producer, distributor, newspaper, festival.
    pub struct Company {
        pub id: EntityId,
        claims {
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
        }
    }
}
