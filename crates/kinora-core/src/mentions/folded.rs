//! Text and names folded for the automaton: folded as [`fold`] folds
//! them, a character at a time, each word set between spaces so that a
//! name matches only whole words, and each byte of the folded text traced
//! back to the character it comes from.

use unicode_normalization::char::is_combining_mark;

use crate::korean::syllable;
use crate::names::{fold, is_cjk};

/// A text folded as [`fold`] folds it, with every word set between
/// spaces (one before the first, two between words, one after the last),
/// so that a pattern written the same way matches only whole words, and
/// with the byte range in the original text of each byte.
pub(super) struct Folded {
    pub(super) encoded: String,
    pub(super) from: Vec<u32>,
    pub(super) to: Vec<u32>,
}

impl Folded {
    pub(super) fn new(text: &str) -> Folded {
        let mut folded = Folded {
            encoded: String::with_capacity(text.len() + 2),
            from: Vec::with_capacity(text.len() + 2),
            to: Vec::with_capacity(text.len() + 2),
        };
        folded.push(' ', 0, 0);
        fold_pieces(text, |piece| match piece {
            Piece::Letter(c, start, end) => folded.push(c, start, end),
            Piece::Break(at) => folded.separate(at),
        });
        if !folded.encoded.ends_with(' ') {
            let end = text.len();
            folded.push(' ', end, end);
        }
        folded
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.encoded.push(c);
        for _ in 0..c.len_utf8() {
            self.from.push(start as u32);
            self.to.push(end as u32);
        }
    }

    fn separate(&mut self, at: usize) {
        if !self.encoded.ends_with(' ') {
            self.push(' ', at, at);
            self.push(' ', at, at);
        }
    }
}

/// A piece of folded text: a letter or digit, with the byte range of the
/// character it comes from, or a break between words.
enum Piece {
    Letter(char, usize, usize),
    Break(usize),
}

/// Folds `text` as [`fold`] does, a character at a time (a
/// character with its combining marks, or a Hangul syllable in jamo), which
/// gives the words of folding the whole and tells where each letter came
/// from.
fn fold_pieces(text: &str, mut emit: impl FnMut(Piece)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if is_combining_mark(next) || is_medial_jamo(next) {
                end = i + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if c.is_ascii() && end == start + 1 {
            if c.is_ascii_alphanumeric() {
                emit(Piece::Letter(c.to_ascii_lowercase(), start, end));
            } else {
                emit(Piece::Break(start));
            }
            continue;
        }
        let piece = fold(&text[start..end]);
        if piece.is_empty() {
            emit(Piece::Break(start));
        }
        for f in piece.chars() {
            if f == ' ' {
                emit(Piece::Break(start));
            } else {
                emit(Piece::Letter(f, start, end));
            }
        }
    }
}

/// A name as a pattern for the automaton, folded and set between spaces as
/// [`Folded`] sets the text (a name in Han or kana may start anywhere, since
/// those scripts do not space their words, and a name ending in Hangul, Han
/// or kana may be followed by anything: a particle, `크로싱은`), with a bit
/// for each of its first 64 words that the name begins with a capital, a
/// digit or an uncased letter. None for a name without letters or digits.
pub(super) fn pattern_of(name: &str) -> Option<(String, u64)> {
    let mut inner = String::with_capacity(name.len() + 4);
    let mut capitals = 0u64;
    let mut words = 0;
    let mut at_break = true;
    fold_pieces(name, |piece| match piece {
        Piece::Letter(c, start, _) => {
            if at_break {
                if !inner.is_empty() {
                    inner.push_str("  ");
                }
                let capital = name[start..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase());
                if capital && words < 64 {
                    capitals |= 1 << words;
                }
                words += 1;
                at_break = false;
            }
            inner.push(c);
        }
        Piece::Break(_) => at_break = true,
    });
    let first = inner.chars().next()?;
    let last = inner.chars().next_back()?;
    let mut pattern = String::with_capacity(inner.len() + 2);
    if !is_cjk(first) || syllable(first).is_some() {
        pattern.push(' ');
    }
    pattern.push_str(&inner);
    if !is_cjk(last) {
        pattern.push(' ');
    }
    Some((pattern, capitals))
}

/// Hangul vowels and final consonants as conjoining jamo, which belong to
/// the syllable begun before them.
fn is_medial_jamo(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}')
}
