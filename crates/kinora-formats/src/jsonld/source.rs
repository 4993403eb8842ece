//! Sources as the schema.org type of their kind (`NewsArticle`,
//! `Review`, `WebPage`…), in full on their own page and in summary where
//! a film's facts cite them.

use kinora_core::EntityKind;
use kinora_core::model::{MentionStatus, Source, SourceKind};
use serde_json::{Map, Value, json};

use super::{Context, insert, one_or_many};

fn source_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::News => "NewsArticle",
        SourceKind::ForumPost => "DiscussionForumPosting",
        SourceKind::Review => "Review",
        SourceKind::OfficialSite | SourceKind::FestivalPage | SourceKind::MoviePage => "WebPage",
        SourceKind::Dataset => "Dataset",
        SourceKind::Blog => "BlogPosting",
        SourceKind::Book => "Book",
        SourceKind::PressRelease | SourceKind::Other => "CreativeWork",
    }
}

pub(super) fn source_summary(source: &Source, context: &Context<'_>) -> Value {
    let mut object = Map::new();
    insert(&mut object, "@type", json!(source_type(source.kind)));
    insert(
        &mut object,
        "@id",
        json!(context.url(EntityKind::Source, &source.id)),
    );
    insert(&mut object, "headline", json!(source.title));
    insert(&mut object, "name", json!(source.title));
    insert(
        &mut object,
        "datePublished",
        json!(source.date.map(|date| date.to_string())),
    );
    if let Some(publisher) = &source.publisher {
        insert(
            &mut object,
            "publisher",
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    let authors: Vec<Value> = source
        .authors
        .iter()
        .map(|author| json!({"@type": "Person", "name": author.name}))
        .collect();
    insert(&mut object, "author", one_or_many(authors));
    insert(&mut object, "url", json!(source.url));
    insert(
        &mut object,
        "inLanguage",
        json!(source.lang.as_ref().map(|lang| lang.to_string())),
    );
    Value::Object(object)
}

pub(super) fn source(source: &Source, context: &Context<'_>) -> Value {
    let mut value = source_summary(source, context);
    if let Value::Object(object) = &mut value {
        insert(object, "abstract", json!(source.summary));
        if let Some(via) = &source.via {
            insert(
                object,
                "isPartOf",
                context.thing("CreativeWork", EntityKind::Source, &via.id, None),
            );
        }
        let mentions: Vec<Value> = source
            .mentions
            .iter()
            .filter(|mention| mention.status == MentionStatus::Confirmed)
            .filter_map(|mention| mention.target())
            .map(|(kind, id)| {
                let schema_type = match kind {
                    EntityKind::Film => "Movie",
                    EntityKind::Person => "Person",
                    _ => "Organization",
                };
                context.thing(schema_type, kind, id, None)
            })
            .collect();
        insert(object, "mentions", Value::Array(mentions));
    }
    value
}
