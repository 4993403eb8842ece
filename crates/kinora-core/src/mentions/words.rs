//! The words of a text as names are looked for in it: words with the
//! hyphens and apostrophes inside them, runs of capitalized words, words
//! counted (a Hangul word by its syllables), and the surname in a person's
//! name or a bare word.

use unicode_normalization::char::is_combining_mark;

use crate::korean::{has_hangul, is_surname, split_name, surnames_spelled, syllable};
use crate::names::compact;

/// A word of the text: letters and digits, with the hyphens and apostrophes
/// inside it (`Tae-kyun`, `D'Sa`), less a possessive `'s`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn tokens(text: &str) -> Vec<Token> {
    let word_char = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let joiner = |c: char| matches!(c, '-' | '\'' | '’' | 'ʼ' | '‐');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        loop {
            if j < chars.len() && word_char(chars[j].1) {
                j += 1;
            } else if j + 1 < chars.len() && joiner(chars[j].1) && word_char(chars[j + 1].1) {
                j += 2;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let word = &text[start..end];
        for possessive in ["'s", "’s"] {
            if word.len() > possessive.len() + 1 && word.ends_with(possessive) {
                end -= possessive.len();
            }
        }
        tokens.push(Token { start, end });
        i = j;
    }
    tokens
}

/// Runs of capitalized words separated by spaces only (no punctuation, no
/// line break), as indices into `tokens`.
pub(super) fn capitalized_runs(text: &str, tokens: &[Token]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let capital = text[token.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capital {
            if current.len() >= 2 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let joined = current.last().is_some_and(|&last| {
            let gap = &text[tokens[last].end..token.start];
            !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() && c != '\n')
        });
        if !joined {
            if current.len() >= 2 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        current.push(i);
    }
    if current.len() >= 2 {
        runs.push(current);
    }
    runs
}

/// The number of words as written, a Hangul word counting its syllables.
pub(super) fn count_words(written: &str) -> usize {
    written
        .split_whitespace()
        .map(|word| {
            let syllables = word.chars().filter(|c| syllable(*c).is_some()).count();
            syllables.max(1)
        })
        .sum()
}

/// The surname of a person's name, compacted: the word in capitals (`KIM
/// Tae-kyun`), else the first word when it spells a Korean surname (`Kim
/// Tae-kyun`), else the last (`Dennis Halpin`, `Tae-kyun Kim`); for Hangul,
/// its first syllable or two (`김태균` → `김`).
pub(super) fn surname_of(name: &str) -> Option<String> {
    let name = name.trim();
    if has_hangul(name) {
        return split_name(name)
            .filter(|(surname, _)| is_surname(surname))
            .map(|(surname, _)| surname.to_owned());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let capitals = |word: &str| {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let in_capitals: Vec<&str> = words.iter().copied().filter(|w| capitals(w)).collect();
    let surname = if in_capitals.len() == 1 {
        in_capitals[0]
    } else if !words[0].contains('-') && !surnames_spelled(&compact(words[0])).is_empty() {
        words[0]
    } else {
        words[words.len() - 1]
    };
    if surname.contains('-') {
        return None;
    }
    Some(compact(surname)).filter(|s| !s.is_empty())
}

/// A bare surname compacted as [`surname_of`] gives surnames.
pub(super) fn surname_of_word(word: &str) -> String {
    if has_hangul(word) {
        word.to_owned()
    } else {
        compact(word)
    }
}
