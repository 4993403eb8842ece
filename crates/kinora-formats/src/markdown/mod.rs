//! User text as safe HTML: Markdown, spoilers, sanitized.
//!
//! Reviews, forum posts and list notes are written in Markdown (CommonMark
//! with ~~strikethrough~~). What a user writes is never trusted:
//!
//! - HTML typed into the text is shown as text, never as markup;
//! - images are shown as links to the picture, so a review cannot load a
//!   tracking pixel or a huge file into every reader's page;
//! - links keep only `http:`, `https:`, `mailto:` and relative addresses, and
//!   every link is marked `nofollow ugc` so the site does not vouch for it;
//! - headings start at `<h3>`, below the page's own title and sections;
//! - the result goes through an HTML sanitizer with a short allowlist, which
//!   has the last word whatever the earlier steps let through.
//!
//! Spoilers come in two forms. `||hidden words||` hides a few words inside a
//! paragraph; readers reveal them with a click or a key press. Text imported
//! from other sites often marks a spoiler with a line such as
//! `==contains spoilers==` or `[spoiler]`: everything from there to a closing
//! marker (`==end spoiler==`, `[/spoiler]`) or to the end of the text is
//! folded away behind "Spoiler: click to show", which works without
//! JavaScript. [`plain`] and [`excerpt`] replace spoilers with `[spoiler]`,
//! for places where nothing can be hidden (feeds, search results, link
//! previews).

mod events;
mod sanitizer;
mod spoiler_markers;

use self::events::{events, push_plain};
use self::sanitizer::{DETAILS_CLOSE, DETAILS_OPEN, SANITIZER};
use self::spoiler_markers::{Segment, segments};

/// User text rendered for a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// Safe HTML, ready to be placed inside the page as it is.
    pub html: String,
    /// Whether the text hides something behind a spoiler, so the page can
    /// warn before the text or keep it out of previews.
    pub has_spoilers: bool,
}

/// Renders Markdown that a user wrote.
pub fn render(text: &str) -> Rendered {
    let mut html = String::new();
    let mut has_spoilers = false;
    for segment in segments(text) {
        match segment {
            Segment::Shown(part) => {
                let (events, spoilers) = events(part);
                has_spoilers |= spoilers;
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
            }
            Segment::Hidden(part) => {
                if part.trim().is_empty() {
                    continue;
                }
                has_spoilers = true;
                html.push_str(DETAILS_OPEN);
                let (events, _) = events(part);
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
                html.push_str(DETAILS_CLOSE);
            }
        }
    }
    Rendered {
        html: SANITIZER.clean(&html).to_string(),
        has_spoilers,
    }
}

/// The text without markup, spoilers replaced by "[spoiler]": for feed summaries,
/// meta descriptions and JSON-LD, where a spoiler must not show. Collapses whitespace.
///
/// The result is plain text, not HTML: whoever puts it in a page or a feed
/// escapes it there. HTML a user typed stays in it as the text it was.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for segment in segments(text) {
        match segment {
            Segment::Shown(part) => {
                let (events, _) = events(part);
                push_plain(&mut out, &events);
            }
            Segment::Hidden(part) => {
                if !part.trim().is_empty() {
                    out.push_str(" [spoiler] ");
                }
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short excerpt of `plain`, cut at a word boundary, at most `max_chars` characters, with "…" when cut.
///
/// A single word longer than the whole excerpt (or text in a script that
/// does not put spaces between words) is cut inside the word.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let plain = plain(text);
    if plain.chars().count() <= max_chars {
        return plain;
    }
    if max_chars == 0 {
        return String::new();
    }
    // Room for the ellipsis.
    let keep = max_chars - 1;
    let end = plain
        .char_indices()
        .nth(keep)
        .map_or(plain.len(), |(i, _)| i);
    let head = &plain[..end];
    // Cut at a word boundary when the next character starts a new word or
    // when there is a space inside the kept part.
    let next_is_space = plain[end..].starts_with(char::is_whitespace);
    let cut = if next_is_space {
        head
    } else {
        match head.rfind(char::is_whitespace) {
            Some(i) if i > 0 => &head[..i],
            _ => head,
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{cut}…")
}

#[cfg(test)]
mod tests;
