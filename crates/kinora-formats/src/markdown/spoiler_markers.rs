//! Spoiler markers from other sites (`==contains spoilers==`,
//! `[spoiler]`…, and their closing markers): where they split a text into
//! parts shown and parts folded away. Markers inside code are text.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::sanitizer::options;

/// A piece of the text: shown, or folded away behind an imported spoiler
/// marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment<'a> {
    Shown(&'a str),
    Hidden(&'a str),
}

/// Splits the text at imported spoiler markers. Markers inside code are
/// left alone.
pub(super) fn segments(text: &str) -> Vec<Segment<'_>> {
    let code = code_ranges(text);
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = find_marker(text, pos, Marker::Open, &code) {
        out.push(Segment::Shown(&text[pos..open.start]));
        match find_marker(text, open.end, Marker::Close, &code) {
            Some(close) => {
                out.push(Segment::Hidden(&text[open.end..close.start]));
                pos = close.end;
            }
            None => {
                out.push(Segment::Hidden(&text[open.end..]));
                pos = text.len();
            }
        }
    }
    out.push(Segment::Shown(&text[pos..]));
    out.retain(|segment| match segment {
        Segment::Shown(part) | Segment::Hidden(part) => !part.is_empty(),
    });
    out
}

/// Where code spans and code blocks are, by byte range.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    // Only needed when the text has something that looks like a marker.
    if !text.contains("==") && !text.contains('[') {
        return Vec::new();
    }
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            _ => None,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Open,
    Close,
}

/// The first marker of this kind at or after `from`, outside code.
fn find_marker(
    text: &str,
    from: usize,
    kind: Marker,
    code: &[Range<usize>],
) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if matches!(bytes[i], b'=' | b'[')
            && !escaped(text, i)
            && !code.iter().any(|r| r.contains(&i))
            && let Some(end) = match_marker(bytes, i, kind)
        {
            return Some(i..end);
        }
        i += 1;
    }
    None
}

/// Whether the character at `at` follows a backslash that escapes it.
pub(super) fn escaped(text: &str, at: usize) -> bool {
    let backslashes = text.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|b| **b == b'\\')
        .count();
    backslashes % 2 == 1
}

/// Matches one marker starting at `start`, returning where it ends.
///
/// Opening: `==spoiler==`, `==contains spoilers==`, `==contain spoiler==`,
/// `[spoiler]`, `[contains spoilers]`. Closing: `==end spoiler==`,
/// `[/spoiler]`. Letters in any case, spaces or tabs allowed around words.
fn match_marker(bytes: &[u8], start: usize, kind: Marker) -> Option<usize> {
    let mut m = Matcher { bytes, pos: start };
    let bracket = if m.literal(b"==") {
        false
    } else if m.literal(b"[") {
        true
    } else {
        return None;
    };
    m.spaces();
    match kind {
        Marker::Open => {
            if m.word(b"contain") {
                m.word(b"s");
                m.spaces();
            }
        }
        Marker::Close => {
            let ok = if bracket {
                m.literal(b"/")
            } else {
                m.word(b"end")
            };
            if !ok {
                return None;
            }
            m.spaces();
        }
    }
    if !m.word(b"spoiler") {
        return None;
    }
    m.word(b"s");
    m.spaces();
    let closed = if bracket {
        m.literal(b"]")
    } else {
        m.literal(b"==")
    };
    if !closed {
        return None;
    }
    // `[spoiler](…)` or `[spoiler][…]` is a link the user wrote.
    if bracket && matches!(bytes.get(m.pos), Some(b'(' | b'[')) {
        return None;
    }
    Some(m.pos)
}

struct Matcher<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Matcher<'_> {
    fn literal(&mut self, lit: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// ASCII letters, any case.
    fn word(&mut self, word: &[u8]) -> bool {
        let end = self.pos + word.len();
        if end <= self.bytes.len() && self.bytes[self.pos..end].eq_ignore_ascii_case(word) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }
}
