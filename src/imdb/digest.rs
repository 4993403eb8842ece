//! What a re-import compares to skip what has not changed: a digest of
//! the lines an entity is built from, with the import's version and the
//! dump's date, noted on the entity's IMDb id when it is written
//! (`kinora_store::Digests`). An entity whose lines give the digest noted
//! is left alone without being built, read or compared.
//!
//! FNV-1a (the `fnv` crate): 64 bits, and the same on every machine and
//! in every version, which a hash of the standard library does not promise.

use std::hash::Hasher;

use fnv::FnvHasher;
use kinora_core::PartialDate;
use kinora_formats::imdb::ImdbFile;

/// Raised whenever the same lines would build other entities (a field
/// imported anew, a fact read otherwise): every entity is then built once
/// more by the next import.
const IMPORT_VERSION: u64 = 1;

/// The digest of one line of a file. A title's lines are summed, so their
/// order (merged or spooled) does not matter.
pub(super) fn line(file: ImdbFile, text: &str) -> u64 {
    let mut hasher = FnvHasher::default();
    hasher.write(file.stem().as_bytes());
    hasher.write_u8(0);
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The digest noted of an entity built from lines whose digests sum to
/// `lines`.
pub(super) fn entity(lines: u64, as_of: PartialDate) -> i64 {
    let mut hasher = FnvHasher::default();
    hasher.write_u64(IMPORT_VERSION);
    hasher.write(as_of.to_string().as_bytes());
    hasher.write_u64(lines);
    hasher.finish() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_fixed_by_the_lines_and_the_date() {
        let date = PartialDate::parse("2026-11-01").unwrap();
        let a = line(
            ImdbFile::TitleAkas,
            "tt0000001\t1\tCrossing\t\\N\t\\N\toriginal\t\\N\t1",
        );
        let b = line(
            ImdbFile::TitlePrincipals,
            "tt0000001\t1\tnm0000001\tdirector\t\\N\t\\N",
        );
        // The same on every machine and version: a stored digest is
        // compared with one computed by the next run.
        assert_eq!(a, 0xf975_75e6_03ec_6c26, "{a:#x}");
        assert_eq!(
            entity(a.wrapping_add(b), date),
            entity(b.wrapping_add(a), date)
        );
        assert_ne!(
            entity(a, date),
            entity(a, PartialDate::parse("2026-12-01").unwrap())
        );
        assert_ne!(
            line(ImdbFile::TitleAkas, "x"),
            line(ImdbFile::TitleCrew, "x")
        );
    }
}
