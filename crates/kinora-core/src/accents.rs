//! Accents and compatibility forms folded away, the first step of every
//! comparison of names (`names`, `korean`, ids).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Drops accents and other combining marks: `Wertmüller` → `Wertmuller`.
/// Hangul syllables are recomposed, so `크로싱` stays `크로싱`.
pub fn fold_accents(text: &str) -> String {
    // ASCII has no marks and no compatibility forms: nothing to decompose.
    if text.is_ascii() {
        return text.to_owned();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}
