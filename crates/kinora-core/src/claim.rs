//! What every claim has besides its value, and the macros that declare
//! claims and closed vocabularies: the shared ground of the model's entity
//! kinds and of the pictures.

use serde::{Deserialize, Serialize};

use crate::id::{Reference, SourceRef};

pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// A source cited for a claim, with the words it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: SourceRef,
    /// The passage of the source that states the fact, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// What every claim has besides its value.
pub trait Claim {
    fn preferred(&self) -> bool;
    fn sources(&self) -> &[Citation];
    /// References to other entities made by the value (not by its citations).
    fn value_references(&self, _path: &str, _out: &mut Vec<Reference>) {}
}

/// Declares a claim struct: the value's fields, then `preferred`, `note` and
/// `sources`, the same on every claim.
macro_rules! claim {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident : $type:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            /// This value is preferred over the other values of the same fact.
            #[serde(default, skip_serializing_if = "is_false")]
            pub preferred: bool,
            /// A remark on this value, such as how a source's words were read.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
            /// The sources that state this value.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub sources: Vec<Citation>,
        }

        impl ClaimMeta for $name {
            fn preferred(&self) -> bool {
                self.preferred
            }
            fn sources(&self) -> &[Citation] {
                &self.sources
            }
        }
    };
}

pub(crate) use claim;

/// The parts of [`Claim`] that the `claim!` macro writes.
pub trait ClaimMeta {
    fn preferred(&self) -> bool;
    fn sources(&self) -> &[Citation];
}

/// Declares a closed set of values written in snake_case, with an English label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident => $label:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }
        }
    };
}

pub(crate) use vocabulary;

/// The preferred claim of a list, else its first.
pub fn preferred_or_first<T: ClaimMeta>(claims: &[T]) -> Option<&T> {
    claims
        .iter()
        .find(|claim| claim.preferred())
        .or_else(|| claims.first())
}

/// The claims of a list with the preferred one first, the rest in order.
pub fn preferred_first<T: ClaimMeta>(claims: &[T]) -> Vec<&T> {
    let mut ordered: Vec<&T> = claims.iter().filter(|claim| claim.preferred()).collect();
    ordered.extend(claims.iter().filter(|claim| !claim.preferred()));
    ordered
}
