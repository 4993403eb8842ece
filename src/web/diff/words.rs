//! Two versions of a text compared word by word: what a reader needs to see
//! a one-word edit at a glance. A word is what spaces separate, with its
//! punctuation ("Crossing" and "Crossing!" are two words, each marked
//! whole); a Han or kana character is a word of its own, since those
//! scripts write no spaces.

use std::time::{Duration, Instant};

use ::similar::{Algorithm, DiffTag};

/// How a piece of a compared text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// In both versions.
    Same,
    /// In the old version only.
    Gone,
    /// In the new version only.
    New,
    /// Unchanged text left out ("…").
    Elided,
}

/// A run of text and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub mark: Mark,
}

impl Segment {
    fn new(text: impl Into<String>, mark: Mark) -> Segment {
        Segment {
            text: text.into(),
            mark,
        }
    }

    pub fn is_gone(&self) -> bool {
        self.mark == Mark::Gone
    }

    pub fn is_new(&self) -> bool {
        self.mark == Mark::New
    }

    pub fn is_elided(&self) -> bool {
        self.mark == Mark::Elided
    }
}

/// A text with nothing marked.
pub fn plain(text: &str) -> Vec<Segment> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment::new(text, Mark::Same)]
    }
}

/// Unchanged text longer than this is shortened around the changes.
const CONTEXT_KEPT: usize = 60;

/// How long a comparison may take before it settles for a coarser answer.
const DEADLINE: Duration = Duration::from_millis(50);

/// A text cut into words and the spaces between them.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Alone,
    }
    let class = |c: char| {
        if is_ideograph(c) {
            Class::Alone
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Word
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<Class> = None;
    for (at, c) in text.char_indices() {
        let current = class(c);
        if let Some(previous) = last
            && (previous != current || current == Class::Alone)
        {
            out.push(&text[start..at]);
            start = at;
        }
        last = Some(current);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Han characters and kana: scripts written without spaces between words.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The old and the new text, each as segments: the words only the old one
/// has marked gone, those only the new one has marked new, long unchanged
/// stretches shortened.
pub fn compare(old: &str, new: &str) -> (Vec<Segment>, Vec<Segment>) {
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let ops = ::similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &old_tokens,
        &new_tokens,
        Some(Instant::now() + DEADLINE),
    );
    // The comparison as runs: (old text, new text, whether they are equal).
    let mut runs: Vec<(String, String, bool)> = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_text = old_tokens[old_range].concat();
        let new_text = new_tokens[new_range].concat();
        runs.push((old_text, new_text, tag == DiffTag::Equal));
    }
    let runs = join_changes(runs);
    let count = runs.len();
    let (mut old_out, mut new_out) = (Vec::new(), Vec::new());
    for (index, (old_text, new_text, equal)) in runs.into_iter().enumerate() {
        if equal {
            for (out, piece) in [(&mut old_out, &old_text), (&mut new_out, &new_text)] {
                for segment in shorten(piece, index == 0, index + 1 == count) {
                    out.push(segment);
                }
            }
        } else {
            marked(&mut old_out, &old_text, Mark::Gone);
            marked(&mut new_out, &new_text, Mark::New);
        }
    }
    (old_out, new_out)
}

/// A changed run, its spaces at either end left unmarked.
fn marked(out: &mut Vec<Segment>, text: &str, mark: Mark) {
    let core = text.trim();
    if core.is_empty() {
        if !text.is_empty() {
            out.push(Segment::new(text, Mark::Same));
        }
        return;
    }
    let start = text.len() - text.trim_start().len();
    let end = start + core.len();
    if start > 0 {
        out.push(Segment::new(&text[..start], Mark::Same));
    }
    out.push(Segment::new(core, mark));
    if end < text.len() {
        out.push(Segment::new(&text[end..], Mark::Same));
    }
}

/// Changes separated only by a space or a lone mark ("·", "-") read as
/// one change: "<old words> → <new words>" rather than a word at a time.
fn join_changes(runs: Vec<(String, String, bool)>) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = Vec::new();
    let mut index = 0;
    while index < runs.len() {
        let (old, new, equal) = &runs[index];
        let thin = *equal
            && tokens(old)
                .iter()
                .all(|t| t.trim().is_empty() || t.chars().count() <= 1);
        let between_changes = index > 0
            && index + 1 < runs.len()
            && out.last().is_some_and(|last| !last.2)
            && !runs[index + 1].2;
        let after_change = out.last().is_some_and(|last| !last.2);
        if (thin && between_changes) || (!equal && after_change) {
            let last = out.last_mut().expect("a change before");
            last.0.push_str(old);
            last.1.push_str(new);
        } else {
            out.push((old.clone(), new.clone(), *equal));
        }
        index += 1;
    }
    out
}

/// Unchanged text, shortened to its ends near the changes when long.
fn shorten(text: &str, first: bool, last: bool) -> Vec<Segment> {
    let length = text.chars().count();
    if length <= CONTEXT_KEPT * 2 || (first && last) {
        return vec![Segment::new(text, Mark::Same)];
    }
    let head = |text: &str| -> String {
        let cut: String = text.chars().take(CONTEXT_KEPT).collect();
        match cut.rfind(char::is_whitespace) {
            Some(at) if at > 0 => cut[..=at].to_owned(),
            _ => cut,
        }
    };
    let tail = |text: &str| -> String {
        let cut: String = text.chars().skip(length - CONTEXT_KEPT).collect();
        match cut.find(char::is_whitespace) {
            Some(at) if at + 1 < cut.len() => cut[at..].to_owned(),
            _ => cut,
        }
    };
    let mut out = Vec::new();
    if !first {
        out.push(Segment::new(head(text), Mark::Same));
    }
    out.push(Segment::new("…", Mark::Elided));
    if !last {
        out.push(Segment::new(tail(text), Mark::Same));
    }
    out
}

/// How alike two texts are, from 0 (nothing shared) to 1 (the same),
/// character by character for short texts, word by word for long ones.
pub fn likeness(old: &str, new: &str) -> f32 {
    if old == new {
        return 1.0;
    }
    let deadline = Some(Instant::now() + DEADLINE);
    if old.len() + new.len() <= 400 {
        let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        let ops = ::similar::capture_diff_slices_deadline(Algorithm::Myers, &old, &new, deadline);
        ::similar::get_diff_ratio(&ops, old.len(), new.len())
    } else {
        let (old, new) = (tokens(old), tokens(new));
        let ops = ::similar::capture_diff_slices_deadline(Algorithm::Myers, &old, &new, deadline);
        ::similar::get_diff_ratio(&ops, old.len(), new.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comparison written as text: [-gone-] and {+new+}.
    fn written(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| match segment.mark {
                Mark::Same | Mark::Elided => segment.text.clone(),
                Mark::Gone => format!("[-{}-]", segment.text),
                Mark::New => format!("{{+{}+}}", segment.text),
            })
            .collect()
    }

    #[test]
    fn words_are_compared() {
        for (old, new, want_old, want_new) in [
            (
                "Crossing · original title",
                "Crossing! · original title",
                "[-Crossing-] · original title",
                "{+Crossing!+} · original title",
            ),
            (
                "Crosing · original title",
                "Crossing · original title",
                "[-Crosing-] · original title",
                "{+Crossing+} · original title",
            ),
            (
                "a refugee film shot in China",
                "a refugee drama filmed in Mongolia",
                "a refugee [-film shot-] in [-China-]",
                "a refugee {+drama filmed+} in {+Mongolia+}",
            ),
            ("크로싱", "크로싱 2", "크로싱", "크로싱 {+2+}"),
            ("日本映画", "日本映像", "日本映[-画-]", "日本映{+像+}"),
            ("", "new", "", "{+new+}"),
        ] {
            let (old_segments, new_segments) = compare(old, new);
            assert_eq!(written(&old_segments), want_old, "{old} → {new}");
            assert_eq!(written(&new_segments), want_new, "{old} → {new}");
        }
    }

    #[test]
    fn a_long_text_is_shortened_around_its_change() {
        let before = format!("{} middle {}", "word ".repeat(60), "more ".repeat(60));
        let after = before.replace("middle", "centre");
        let (old, new) = compare(&before, &after);
        let (old, new) = (written(&old), written(&new));
        assert!(
            old.contains("[-middle-]") && new.contains("{+centre+}"),
            "{old}"
        );
        assert!(old.starts_with('…') && old.ends_with('…'), "{old}");
        assert!(old.chars().count() < 160, "{old}");
    }

    #[test]
    fn likeness_tells_an_edit_from_another_value() {
        assert!(likeness("Crosing", "Crossing") > 0.8);
        assert!(likeness("drama", "thriller") < 0.5);
        assert_eq!(likeness("same", "same"), 1.0);
    }
}
