//! What a span's surroundings and writing say about it: quotes around it
//! (`“Crossing,”`), a year in parentheses after it (`Volcano High
//! (2001)`), and whether a single word is unlike a common word (`CBS`,
//! `OnDemandKorea`). These keep common words that are also titles out.

const OPENING_QUOTES: &[char] = &[
    '"', '“', '‘', '\'', '«', '‹', '「', '『', '〈', '《', '„', '‚', '＂', '”',
];
const CLOSING_QUOTES: &[char] = &[
    '"', '”', '’', '\'', '»', '›', '」', '』', '〉', '》', '“', '＂',
];

/// Whether `text[start..end]` stands in quotes: a quote just before it,
/// and one just after it, or after a year in parentheses or punctuation
/// (`“Crossing,”`, `"Temptation of Wolves (2004)"`).
pub(super) fn quoted(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if !before.is_some_and(|c| OPENING_QUOTES.contains(&c)) {
        return false;
    }
    let mut rest = &text[end..];
    if let Some((_, after)) = parenthesized_year(rest) {
        rest = after;
    }
    let rest = rest.trim_start_matches([',', '.', ';', ':', '!', '?']);
    rest.chars()
        .next()
        .is_some_and(|c| CLOSING_QUOTES.contains(&c))
}

/// A year in parentheses just after `text[..end]`, past a closing quote:
/// `Volcano High (2001)`, `"Temptation of Wolves" (2004)`, `Crossing (2008
/// film)`.
pub(super) fn year_after(text: &str, end: usize) -> Option<i32> {
    let rest = text[end..].trim_start_matches(CLOSING_QUOTES);
    parenthesized_year(rest).map(|(year, _)| year)
}

/// A year in parentheses at the start of `text` (after spaces), and the
/// text after the closing parenthesis.
fn parenthesized_year(text: &str) -> Option<(i32, &str)> {
    let rest = text.trim_start().strip_prefix(['(', '（'])?.trim_start();
    let digits = rest.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = &rest[4..];
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    if !(1870..=2100).contains(&year) {
        return None;
    }
    let close = after.find([')', '）'])?;
    let tail = &after[..close];
    if tail.chars().count() > 20 {
        return None;
    }
    let width = after[close..].chars().next().map_or(1, char::len_utf8);
    Some((year, &after[close + width..]))
}

/// Whether a single word is unlike a common word: a digit in it, or a
/// capital after its first letter (`CBS`, `3AD`, `OnDemandKorea`).
pub(super) fn distinctive(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    word.chars().count() >= 2
        && (first.is_some_and(|c| c.is_ascii_digit())
            || chars.any(|c| c.is_uppercase() || c.is_ascii_digit()))
}
