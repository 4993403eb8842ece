//! Documents stored compactly. An entity's document is JSON whose keys
//! and citations repeat from one entity to the next (`"sources":
//! [{"source": "imdb-datasets"}]` on every claim), so each is compressed
//! on its own with zstd and a dictionary trained on real catalogs: a film
//! of the IMDb import takes a seventh of its JSON. Each document stays one
//! value of the `doc` column, read and written whole, and a row written
//! before documents were packed reads as it always did.
//!
//! The packed form is text, the same on SQLite and PostgreSQL: `~1`, the
//! dictionary it was packed with, then the compressed bytes in base64
//! (a third larger than raw bytes, and no migration of the column). JSON
//! always begins with `{`, which base64 never uses.
//!
//! A dictionary is part of the format: once released it is never changed
//! or removed (a new one gets the next number), like a migration.

use std::cell::RefCell;
use std::sync::LazyLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use kinora_core::EntityKind;
use zstd::bulk::{Compressor, Decompressor};
use zstd::dict::{DecoderDictionary, EncoderDictionary};

use crate::{Result, StoreError};

/// The dictionary documents are packed with now (`~1`), trained with
/// `zstd --train --maxdict=65536` on documents of the Wikidata catalog,
/// the demo catalog and a generated IMDb catalog.
const DICTIONARY_1: &[u8] = include_bytes!("../dictionaries/documents-1.zdict");

/// zstd's level: its default, fast to write, and the dictionary does most
/// of the work.
const LEVEL: i32 = 3;

/// A document larger than this when unpacked is refused as corrupt.
const LARGEST: u64 = 64 << 20;

static ENCODER: LazyLock<EncoderDictionary<'static>> =
    LazyLock::new(|| EncoderDictionary::copy(DICTIONARY_1, LEVEL));
static DECODER: LazyLock<DecoderDictionary<'static>> =
    LazyLock::new(|| DecoderDictionary::copy(DICTIONARY_1));

thread_local! {
    // A compression context is some hundred kilobytes: one per thread,
    // made once.
    static COMPRESSOR: RefCell<Option<Compressor<'static>>> = const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<Decompressor<'static>>> = const { RefCell::new(None) };
}

/// Whether a kind's documents are packed. A source's stay JSON: the
/// list of articles matches a source's kind in the stored text.
pub(crate) fn packs(kind: EntityKind) -> bool {
    kind != EntityKind::Source
}

/// The document as stored: packed for the kinds that are.
pub(crate) fn pack(kind: EntityKind, json: String) -> Result<String> {
    if !packs(kind) {
        return Ok(json);
    }
    let compressed = COMPRESSOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        let compressor = match &mut *cell {
            Some(compressor) => compressor,
            None => cell.insert(Compressor::with_prepared_dictionary(&ENCODER)?),
        };
        compressor.compress(json.as_bytes())
    });
    let compressed =
        compressed.map_err(|error| StoreError::Invalid(format!("packing a document: {error}")))?;
    let mut packed = String::with_capacity(2 + compressed.len() * 4 / 3 + 4);
    packed.push_str("~1");
    STANDARD_NO_PAD.encode_string(&compressed, &mut packed);
    Ok(packed)
}

/// The JSON of a stored document, packed or not.
pub(crate) fn unpack(stored: String) -> Result<String> {
    let Some(encoded) = stored.strip_prefix("~1") else {
        return Ok(stored);
    };
    let corrupt = |why: String| StoreError::Invalid(format!("a stored document is corrupt: {why}"));
    let compressed = STANDARD_NO_PAD
        .decode(encoded)
        .map_err(|error| corrupt(error.to_string()))?;
    let size = zstd::zstd_safe::get_frame_content_size(&compressed)
        .ok()
        .flatten()
        .filter(|size| *size <= LARGEST)
        .ok_or_else(|| corrupt("no size, or too large".into()))?;
    let json = DECOMPRESSOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        let decompressor = match &mut *cell {
            Some(decompressor) => decompressor,
            None => cell.insert(Decompressor::with_prepared_dictionary(&DECODER)?),
        };
        decompressor.decompress(&compressed, size as usize)
    });
    let json = json.map_err(|error| corrupt(error.to_string()))?;
    String::from_utf8(json).map_err(|error| corrupt(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_packs_small_and_unpacks_as_it_was() {
        let json = r#"{"id":"tt0000042","titles":[{"text":"Episode #10.6","kind":"original","script":"Latn","preferred":true,"sources":[{"source":"imdb-datasets"}]},{"text":"Journey","kind":"working","script":"Latn","country":"DE","sources":[{"source":"imdb-datasets"}]}],"years":[{"year":2001,"sources":[{"source":"imdb-datasets"}]}],"genres":[{"genre":"Drama","sources":[{"source":"imdb-datasets"}]}]}"#;
        let packed = pack(EntityKind::Film, json.to_owned()).unwrap();
        assert!(packed.starts_with("~1"));
        assert!(
            packed.len() * 2 < json.len(),
            "{} of {}",
            packed.len(),
            json.len()
        );
        assert_eq!(unpack(packed).unwrap(), json);
        // A document stored before packing reads as it was.
        assert_eq!(unpack(json.to_owned()).unwrap(), json);
        // A source stays JSON.
        assert_eq!(pack(EntityKind::Source, json.to_owned()).unwrap(), json);
    }

    #[test]
    fn a_corrupt_document_is_an_error_not_a_panic() {
        for stored in ["~1", "~1!!!", "~1AAAAAAAA"] {
            assert!(unpack(stored.to_owned()).is_err(), "{stored}");
        }
    }
}
