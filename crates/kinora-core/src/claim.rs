//! What every claim has besides its value, and the macros that declare
//! claims and closed vocabularies: the shared ground of the model's entity
//! kinds and of the pictures.

use serde::{Deserialize, Serialize};

use crate::id::SourceRef;
use crate::traverse::{NameOf, Refers};

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

/// What every claim has besides its value, and what can be done with any
/// claim without knowing its kind: the model's generic operations (merge,
/// re-import, the pages' readings) are written on this.
pub trait Claim: Refers {
    fn preferred(&self) -> bool;
    fn set_preferred(&mut self, preferred: bool);
    /// Whether an editor derived this value rather than a source stating it.
    fn inferred(&self) -> bool;
    fn note(&self) -> Option<&str>;
    fn sources(&self) -> &[Citation];
    fn sources_mut(&mut self) -> &mut Vec<Citation>;
    /// Whether two claims state the same value, whatever their sources,
    /// note and preferred mark.
    fn same_value(&self, other: &Self) -> bool
    where
        Self: Sized;
    /// The value's parts read out: "Director", "→ Kim Tae-kyun", "2008".
    fn describe_value(&self, names: &NameOf<'_>) -> Vec<String>;
}

impl_refers!(Citation { source });

/// The walk over a struct's references: each field's, under its name.
macro_rules! impl_refers {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::traverse::Refers for $name {
            #[allow(unused_variables)]
            fn each_ref<'a>(
                &'a self,
                path: &mut $crate::traverse::ClaimPath,
                found: &mut dyn FnMut(&$crate::traverse::ClaimPath, $crate::traverse::Found<'a>),
            ) {
                $(
                    path.push_field(stringify!($field));
                    $crate::traverse::Refers::each_ref(&self.$field, path, found);
                    path.pop();
                )*
            }
            #[allow(unused_variables)]
            fn each_ref_mut(&mut self, found: &mut dyn FnMut($crate::id::EntityKind, &mut $crate::id::EntityId)) {
                $($crate::traverse::Refers::each_ref_mut(&mut self.$field, found);)*
            }
        }
    };
}

pub(crate) use impl_refers;

/// Declares a claim struct: the value's fields, then `preferred`, `note` and
/// `sources`, the same on every claim; and from the same field list, the
/// claim's references, its reading and its comparison by value.
/// `read_out FUNCTION;` before the struct replaces the generated reading
/// with a function of the claim and the names.
macro_rules! claim {
    ($(read_out $reader:path;)? $(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident : $type:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            /// This value is preferred over the other values of the same fact.
            #[serde(default, skip_serializing_if = "crate::claim::is_false")]
            pub preferred: bool,
            /// No source states this value: an editor derived it from the
            /// sources cited, and the note says how. Shown as an inference,
            /// never as a sourced fact.
            #[serde(default, skip_serializing_if = "crate::claim::is_false")]
            pub inferred: bool,
            /// A remark on this value, such as how a source's words were read
            /// or, for an inference, the reasoning.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
            /// The sources that state this value.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub sources: Vec<$crate::claim::Citation>,
        }

        impl $crate::claim::Claim for $name {
            fn preferred(&self) -> bool {
                self.preferred
            }
            fn set_preferred(&mut self, preferred: bool) {
                self.preferred = preferred;
            }
            fn inferred(&self) -> bool {
                self.inferred
            }
            fn note(&self) -> Option<&str> {
                self.note.as_deref()
            }
            fn sources(&self) -> &[$crate::claim::Citation] {
                &self.sources
            }
            fn sources_mut(&mut self) -> &mut Vec<$crate::claim::Citation> {
                &mut self.sources
            }
            fn same_value(&self, other: &Self) -> bool {
                true $(&& self.$field == other.$field)*
            }
            #[allow(unused_variables, unreachable_code)]
            fn describe_value(&self, names: &$crate::traverse::NameOf<'_>) -> Vec<String> {
                $(return $reader(self, names);)?
                #[allow(unused_mut)]
                let mut out = Vec::new();
                $($crate::traverse::Describe::describe(&self.$field, stringify!($field), names, &mut out);)*
                out
            }
        }

        $crate::claim::impl_refers!($name { $($field,)* sources });

        impl $crate::form::FormInput for $name {
            /// The value's fields; a claim's sources, note and marks are
            /// the editor's own part of every claim form.
            fn input() -> $crate::form::Input {
                $crate::form_group!($name; $($field: $type),*)
            }
        }
    };
}

pub(crate) use claim;

/// Declares a struct that is part of a value (a character, an artist
/// credit, a place) or a document: its references and reading come from
/// its fields, as a claim's do.
macro_rules! value {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident : $type:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
        }

        impl $crate::traverse::Describe for $name {
            fn describe(&self, _: &'static str, names: &$crate::traverse::NameOf<'_>, out: &mut Vec<String>) {
                $($crate::traverse::Describe::describe(&self.$field, stringify!($field), names, out);)*
            }
        }

        impl $name {
            /// Each field read out, by name, for showing what changed.
            pub fn describe_fields(&self, names: &$crate::traverse::NameOf<'_>) -> Vec<(&'static str, Vec<String>)> {
                vec![$(
                    (stringify!($field), {
                        let mut out = Vec::new();
                        $crate::traverse::Describe::describe(&self.$field, stringify!($field), names, &mut out);
                        out
                    }),
                )*]
            }
        }

        $crate::claim::impl_refers!($name { $($field),* });

        impl $crate::form::FormInput for $name {
            fn input() -> $crate::form::Input {
                $crate::form_group!($name; $($field: $type),*)
            }
        }
    };
}

pub(crate) use value;

/// Declares an entity kind made of claim lists: its own fields (the id, a
/// kind), its claim lists, and its pictures; and from the same list, the
/// visitors over every claim list and the walk over its references.
macro_rules! entity {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$field_meta:meta])* pub $field:ident : $type:ty,)*
        claims {
            $($(#[$list_meta:meta])* pub $list:ident : Vec<$claim:ty>,)*
        }
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            $($(#[$list_meta])* pub $list: Vec<$claim>,)*
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub images: Vec<$crate::image::Image>,
        }

        impl $crate::claim::ClaimLists for $name {
            fn each_list<'a, V: $crate::claim::ListVisitor<'a>>(&'a self, visitor: &mut V) {
                $(visitor.visit($crate::claim::List { name: stringify!($list), one_preferred: true }, &self.$list);)*
                visitor.visit($crate::claim::List { name: "images", one_preferred: false }, &self.images);
            }
            fn each_list_mut<V: $crate::claim::ListVisitorMut>(&mut self, visitor: &mut V) {
                $(visitor.visit($crate::claim::List { name: stringify!($list), one_preferred: true }, &mut self.$list);)*
                visitor.visit($crate::claim::List { name: "images", one_preferred: false }, &mut self.images);
            }
            fn zip_lists<V: $crate::claim::ListZipper>(&mut self, other: Self, zipper: &mut V) {
                $(zipper.zip($crate::claim::List { name: stringify!($list), one_preferred: true }, &mut self.$list, other.$list);)*
                zipper.zip($crate::claim::List { name: "images", one_preferred: false }, &mut self.images, other.images);
            }
        }

        $crate::claim::impl_refers!($name { $($list,)* images });
    };
}

pub(crate) use entity;

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
            /// Every value, in the order declared.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The English label, as the catalog's data declares it.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }

            /// The key of the label in other languages' catalogs:
            /// `ReleaseKind-Theatrical`.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!(stringify!($name), "-", stringify!($variant)),)*
                }
            }

            /// The label in the reader's language.
            pub fn local_label(self) -> String {
                kinora_i18n::vocabulary(self.key(), self.label())
            }
        }

        impl $crate::traverse::Describe for $name {
            fn describe(&self, _: &'static str, _: &$crate::traverse::NameOf<'_>, out: &mut Vec<String>) {
                out.push(self.local_label());
            }
        }

        $crate::claim::impl_refers!($name {});

        impl $crate::form::FormInput for $name {
            fn input() -> $crate::form::Input {
                $crate::form::Input::Choice(vec![$((
                    serde_json::to_value($name::$variant)
                        .ok()
                        .and_then(|value| value.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    $name::$variant.local_label(),
                ),)*])
            }
        }
    };
}

pub(crate) use vocabulary;

/// The preferred claim of a list, else its first.
pub fn preferred_or_first<T: Claim>(claims: &[T]) -> Option<&T> {
    claims
        .iter()
        .find(|claim| claim.preferred())
        .or_else(|| claims.first())
}

/// The claims of a list with the preferred one first, the rest in order.
pub fn preferred_first<T: Claim>(claims: &[T]) -> Vec<&T> {
    let mut ordered: Vec<&T> = claims.iter().filter(|claim| claim.preferred()).collect();
    ordered.extend(claims.iter().filter(|claim| !claim.preferred()));
    ordered
}

/// A claim list of an entity, as the visitors see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct List {
    /// The field's name: `credits`.
    pub name: &'static str,
    /// Whether at most one claim of the list may be preferred (pictures
    /// are preferred per role instead).
    pub one_preferred: bool,
}

/// What a claim list's claims are besides claims: written and read as
/// JSON, entered in a form.
pub trait ListClaim:
    Claim + Clone + PartialEq + Serialize + serde::de::DeserializeOwned + crate::form::FormInput
{
}

impl<C> ListClaim for C where
    C: Claim + Clone + PartialEq + Serialize + serde::de::DeserializeOwned + crate::form::FormInput
{
}

/// Reads every claim list of an entity.
pub trait ListVisitor<'a> {
    fn visit<C: ListClaim + 'a>(&mut self, list: List, claims: &'a [C]);
}

/// Changes every claim list of an entity.
pub trait ListVisitorMut {
    fn visit<C: ListClaim>(&mut self, list: List, claims: &mut Vec<C>);
}

/// Walks the claim lists of two entities of one kind side by side, the
/// second's claims given away: a merge, a re-import.
pub trait ListZipper {
    fn zip<C: Claim + Clone + PartialEq>(&mut self, list: List, kept: &mut Vec<C>, added: Vec<C>);
}

/// An entity kind made of claim lists, declared with `entity!`.
pub trait ClaimLists: Sized {
    fn each_list<'a, V: ListVisitor<'a>>(&'a self, visitor: &mut V);
    fn each_list_mut<V: ListVisitorMut>(&mut self, visitor: &mut V);
    fn zip_lists<V: ListZipper>(&mut self, other: Self, zipper: &mut V);
}
