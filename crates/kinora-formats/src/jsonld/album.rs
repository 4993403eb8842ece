//! A soundtrack album as schema.org `MusicAlbum`, with its tracks.

use kinora_core::EntityKind;
use kinora_core::model::{Album, preferred_or_first};
use serde_json::{Map, Value, json};

use super::{Context, insert, one_or_many};

pub(super) fn album(album: &Album, context: &Context<'_>) -> Value {
    let mut object = Map::new();
    insert(&mut object, "@type", json!("MusicAlbum"));
    insert(
        &mut object,
        "@id",
        json!(context.url(EntityKind::Album, &album.id)),
    );
    insert(
        &mut object,
        "url",
        json!(context.url(EntityKind::Album, &album.id)),
    );
    let name = preferred_or_first(&album.titles)
        .map(|title| title.text.clone())
        .unwrap_or_default();
    insert(&mut object, "name", json!(name));
    insert(
        &mut object,
        "albumProductionType",
        json!("https://schema.org/SoundtrackAlbum"),
    );
    let artists: Vec<Value> = album
        .artists
        .iter()
        .map(|artist| match &artist.artist.person {
            Some(person) => context.thing(
                "Person",
                EntityKind::Person,
                &person.id,
                Some(&artist.artist.name),
            ),
            None => json!({"@type": "Person", "name": artist.artist.name}),
        })
        .collect();
    insert(&mut object, "byArtist", one_or_many(artists));
    insert(&mut object, "numTracks", json!(album.tracks.len()));
    let mut tracks: Vec<_> = album.tracks.iter().collect();
    tracks.sort_by_key(|track| (track.disc.unwrap_or(1), track.number));
    let items: Vec<Value> = tracks
        .into_iter()
        .map(|track| {
            let titles: Vec<&str> = track
                .titles
                .iter()
                .map(|title| title.text.as_str())
                .collect();
            let mut recording = Map::new();
            insert(&mut recording, "@type", json!("MusicRecording"));
            insert(
                &mut recording,
                "name",
                json!(titles.first().copied().unwrap_or_default()),
            );
            insert(
                &mut recording,
                "alternateName",
                json!(titles.iter().skip(1).collect::<Vec<_>>()),
            );
            let by: Vec<Value> = track
                .artists
                .iter()
                .map(|artist| json!({"@type": "Person", "name": artist.name}))
                .collect();
            insert(&mut recording, "byArtist", one_or_many(by));
            if let Some(seconds) = track.seconds {
                insert(
                    &mut recording,
                    "duration",
                    json!(format!("PT{}M{}S", seconds / 60, seconds % 60)),
                );
            }
            json!({"@type": "ListItem", "position": track.number, "item": Value::Object(recording)})
        })
        .collect();
    insert(
        &mut object,
        "track",
        json!({"@type": "ItemList", "numberOfItems": items.len(), "itemListElement": items}),
    );
    Value::Object(object)
}
