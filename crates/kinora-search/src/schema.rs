//! The index's fields: what each document stores, indexes and keeps as a
//! fast field for ordering.

use tantivy::schema::{FAST, Field, INDEXED, STORED, STRING, Schema};

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) entity: Field,
    pub(crate) kind: Field,
    pub(crate) id: Field,
    pub(crate) label: Field,
    pub(crate) year: Field,
    pub(crate) country: Field,
    pub(crate) available: Field,
    pub(crate) name: Field,
    pub(crate) primary: Field,
    pub(crate) exact_primary: Field,
    pub(crate) exact_alias: Field,
    pub(crate) key_primary: Field,
    pub(crate) key_alias: Field,
    pub(crate) word: Field,
    pub(crate) prefix: Field,
    pub(crate) start: Field,
    pub(crate) bigram: Field,
    pub(crate) popularity: Field,
    pub(crate) genre: Field,
    pub(crate) language: Field,
    pub(crate) rating: Field,
    pub(crate) newest: Field,
    pub(crate) oldest: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        entity: builder.add_text_field("entity", STRING),
        kind: builder.add_text_field("kind", STRING | STORED),
        id: builder.add_text_field("id", STORED),
        label: builder.add_text_field("label", STORED),
        year: builder.add_i64_field("year", INDEXED | STORED | FAST),
        country: builder.add_text_field("country", STRING),
        available: builder.add_text_field("available", STRING),
        name: builder.add_text_field("name", STORED),
        primary: builder.add_u64_field("primary", STORED),
        exact_primary: builder.add_text_field("exact_primary", STRING),
        exact_alias: builder.add_text_field("exact_alias", STRING),
        key_primary: builder.add_text_field("key_primary", STRING),
        key_alias: builder.add_text_field("key_alias", STRING),
        word: builder.add_text_field("word", STRING),
        prefix: builder.add_text_field("prefix", STRING),
        start: builder.add_text_field("start", STRING),
        bigram: builder.add_text_field("bigram", STRING),
        popularity: builder.add_u64_field("popularity", FAST),
        genre: builder.add_text_field("genre", STRING),
        language: builder.add_text_field("language", STRING),
        rating: builder.add_u64_field("rating", FAST),
        // The year as the orders of a list read it, an entity without one
        // last in both: newest first, oldest first.
        newest: builder.add_i64_field("newest", FAST),
        oldest: builder.add_i64_field("oldest", FAST),
    };
    (builder.build(), fields)
}
