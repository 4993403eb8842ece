//! How a claim's value is entered in a form: the shape of each field (text,
//! a number, a partial date, a choice from a vocabulary, an entity picked
//! by name, a group of fields, a repeated field), generated from the same
//! declarations as the claims themselves (`claim!`, `value!`,
//! `vocabulary!`), so that a field added to a claim is in its form too.
//!
//! The web layer draws these as inputs and reads a submitted form back into
//! the JSON the claim deserializes from; serde then checks it, and its
//! errors name the field.

use crate::id::EntityKind;

/// One field of a group: its name in the JSON document and its input.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub input: Input,
    /// Whether the field may be left empty.
    pub optional: bool,
}

/// What kind of value a field takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A line of text; `long` for prose (a synopsis, a quote).
    Text { long: bool },
    /// A whole or decimal number.
    Number { whole: bool },
    /// A yes or no.
    Check,
    /// A date as precise as known: `2008`, `2008-06`, `2008-06-26`.
    Date,
    /// A local date with a time of day when known: `2012-11-18T17:00`.
    LocalTime,
    /// An IANA time zone: `Europe/Amsterdam`.
    TimeZone,
    /// A code of a standard list.
    Code(CodeList),
    /// One of a vocabulary's values: (value as written, English label).
    /// The values and their labels in the reader's language.
    Choice(Vec<(String, String)>),
    /// An entity of a kind, by id, picked by its name.
    Entity(EntityKind),
    /// A value made of named parts: a place, an amount of money.
    Group(Vec<Field>),
    /// Any number of values of one input.
    Many(Box<Input>),
}

/// The standard lists codes are taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeList {
    /// ISO 3166-1 alpha-2: `KR`.
    Country,
    /// BCP 47: `ko`, `en-US`.
    Language,
    /// ISO 15924: `Hang`.
    Script,
    /// ISO 4217: `KRW`.
    Currency,
}

impl CodeList {
    /// An example code, for a field's placeholder.
    pub fn example(self) -> &'static str {
        match self {
            CodeList::Country => "KR",
            CodeList::Language => "ko",
            CodeList::Script => "Hang",
            CodeList::Currency => "KRW",
        }
    }
}

/// A type that can be entered in a form.
pub trait FormInput {
    fn input() -> Input;
    /// Whether the field may be left empty (an `Option`, a list).
    fn optional() -> bool {
        false
    }
}

impl<T: FormInput> FormInput for Option<T> {
    fn input() -> Input {
        T::input()
    }
    fn optional() -> bool {
        true
    }
}

impl<T: FormInput> FormInput for Vec<T> {
    fn input() -> Input {
        Input::Many(Box::new(T::input()))
    }
    fn optional() -> bool {
        true
    }
}

macro_rules! form_inputs {
    ($($type:ty => $input:expr;)*) => {
        $(impl FormInput for $type {
            fn input() -> Input {
                $input
            }
        })*
    };
}

form_inputs! {
    String => Input::Text { long: false };
    bool => Input::Check;
    u32 => Input::Number { whole: true };
    i32 => Input::Number { whole: true };
    u64 => Input::Number { whole: true };
    usize => Input::Number { whole: true };
    crate::money::Decimal => Input::Number { whole: false };
    crate::date::PartialDate => Input::Date;
    crate::when::LocalTime => Input::LocalTime;
    crate::when::Instant => Input::Text { long: false };
    crate::when::TimeZone => Input::TimeZone;
    crate::codes::Country => Input::Code(CodeList::Country);
    crate::codes::Language => Input::Code(CodeList::Language);
    crate::codes::Script => Input::Code(CodeList::Script);
    crate::codes::Currency => Input::Code(CodeList::Currency);
    crate::id::EntityId => Input::Text { long: false };
    crate::image::FileHash => Input::Text { long: false };
    crate::id::FilmRef => Input::Entity(EntityKind::Film);
    crate::id::PersonRef => Input::Entity(EntityKind::Person);
    crate::id::CompanyRef => Input::Entity(EntityKind::Company);
    crate::id::AlbumRef => Input::Entity(EntityKind::Album);
    crate::id::SourceRef => Input::Entity(EntityKind::Source);
    crate::id::VenueRef => Input::Entity(EntityKind::Venue);
    crate::id::EventRef => Input::Entity(EntityKind::Event);
}

/// The fields of a group, from a struct's field list (used by the
/// declaring macros).
#[macro_export]
#[doc(hidden)]
macro_rules! form_group {
    ($name:ident; $($field:ident : $type:ty),* $(,)?) => {
        $crate::form::Input::Group(vec![$(
            $crate::form::Field {
                name: stringify!($field),
                input: $crate::form::long_text(
                    stringify!($name),
                    stringify!($field),
                    <$type as $crate::form::FormInput>::input(),
                ),
                optional: <$type as $crate::form::FormInput>::optional(),
            },
        )*])
    };
}

/// Prose fields (a synopsis's text, a quote, a summary) take a text area;
/// a name's or a title's text is one line.
pub fn long_text(group: &str, name: &str, input: Input) -> Input {
    let prose = match name {
        "quote" | "summary" | "description" => true,
        "text" => !matches!(group, "Name" | "Title" | "ScriptText" | "Keyword" | "Genre"),
        _ => false,
    };
    match input {
        Input::Text { .. } if prose => Input::Text { long: true },
        other => other,
    }
}

impl Input {
    /// The fields of a group; none for any other input.
    pub fn fields(&self) -> &[Field] {
        match self {
            Input::Group(fields) => fields,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credit, MoneyClaim, Release, Title};

    fn field<'a>(input: &'a Input, name: &str) -> &'a Field {
        input
            .fields()
            .iter()
            .find(|field| field.name == name)
            .unwrap_or_else(|| panic!("no field {name} in {input:?}"))
    }

    #[test]
    fn a_claims_form_is_its_value_fields() {
        let title = Title::input();
        let names: Vec<&str> = title.fields().iter().map(|field| field.name).collect();
        assert!(
            names.contains(&"text") && names.contains(&"lang"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"sources"),
            "citations are the editor's own part"
        );
        assert!(!names.contains(&"preferred"));
        assert_eq!(field(&title, "lang").input, Input::Code(CodeList::Language));
        assert!(field(&title, "lang").optional);
        assert!(!field(&title, "text").optional);

        let release = Release::input();
        assert_eq!(field(&release, "date").input, Input::Date);
        assert!(
            matches!(&field(&release, "kind").input, Input::Choice(options)
            if options.iter().any(|(value, _)| value == "theatrical"))
        );

        let credit = Credit::input();
        assert_eq!(
            field(&credit, "person").input,
            Input::Entity(EntityKind::Person)
        );
        assert!(matches!(field(&credit, "characters").input, Input::Many(_)));

        let money = MoneyClaim::input();
        let amount = field(&money, "money");
        assert!(matches!(&amount.input, Input::Group(parts) if parts.len() >= 2));
    }
}
