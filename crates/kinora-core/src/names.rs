//! Folding of names for the plain search: one key per spelling, so that
//! `Kim Tae Gyoon`, `KIM Tae-gyoon` and `kim taegyoon` meet.
//!
//! This is deliberately simple. Romanization-aware matching (Hangul to Latin,
//! McCune–Reischauer, surname variants) belongs to the multilingual search.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Drops accents and other combining marks: `Wertmüller` → `Wertmuller`.
/// Hangul syllables are recomposed, so `크로싱` stays `크로싱`.
pub fn fold_accents(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

/// Lowercase, accent-free, punctuation turned into single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in fold_accents(text).chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            folded.push(c);
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    folded.trim_end().to_owned()
}

/// The folded name without spaces: `kim tae gyoon` → `kimtaegyoon`.
pub fn compact(text: &str) -> String {
    fold(text).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, folded: &str, compacted: &str) {
        assert_eq!(fold(input), folded, "fold({input})");
        assert_eq!(compact(input), compacted, "compact({input})");
    }

    #[test]
    fn spellings_of_one_name_fold_together() {
        check("Kim Tae-gyoon", "kim tae gyoon", "kimtaegyoon");
        check("Kim Tae Gyoon", "kim tae gyoon", "kimtaegyoon");
        check("KIM Tae-kyun", "kim tae kyun", "kimtaekyun");
        check("Wertmüller", "wertmuller", "wertmuller");
        check("Nigel D'Sa", "nigel d sa", "nigeldsa");
        check("크로싱", "크로싱", "크로싱");
        check("渡江(도강)", "渡江 도강", "渡江도강");
        check(
            "  The Defector: Escape from North Korea ",
            "the defector escape from north korea",
            "thedefectorescapefromnorthkorea",
        );
    }
}
