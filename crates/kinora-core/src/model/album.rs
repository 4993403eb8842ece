//! Soundtracks and other albums.

use serde::{Deserialize, Serialize};

use crate::claim::{claim, entity, value};
use crate::id::{EntityId, PersonRef};

use super::common::*;
use super::film::{CompanyRole, Release, Title};

value! {
    /// Who performed or wrote a track or album, under the name printed.
    pub struct ArtistCredit {
        /// The name as printed: `김태성`.
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub person: Option<PersonRef>,
        /// composer, performer, vocals, arranger…
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role: Option<String>,
    }
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

entity! {
    /// A soundtrack or other album.
    pub struct Album {
        pub id: EntityId,
        claims {
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
        }
    }
}
