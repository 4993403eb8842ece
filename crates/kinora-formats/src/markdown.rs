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

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream,
};

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

// ---------------------------------------------------------------------------
// The sanitizer.

const LINK_REL: &str = "nofollow ugc noopener noreferrer";
const SPOILER_OPEN: &str = "<span class=\"spoiler\" tabindex=\"0\">";
const SPOILER_CLOSE: &str = "</span>";
const DETAILS_OPEN: &str = "<details class=\"spoiler\"><summary>Spoiler: click to show</summary>";
const DETAILS_CLOSE: &str = "</details>\n";

/// The last step for every rendered text: only the elements and attributes
/// this module means to write survive, whatever the Markdown stage did.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "h3",
            "h4",
            "h5",
            "h6",
            "span",
            "details",
            "summary",
        ]))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href"])),
            ("ol", HashSet::from(["start"])),
        ]))
        .add_tag_attribute_values("span", "tabindex", &["0"])
        .allowed_classes(HashMap::from([
            ("span", HashSet::from(["spoiler"])),
            ("details", HashSet::from(["spoiler"])),
        ]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    builder
});

// ---------------------------------------------------------------------------
// Spoiler markers from other sites.

/// A piece of the text: shown, or folded away behind an imported spoiler
/// marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment<'a> {
    Shown(&'a str),
    Hidden(&'a str),
}

/// Splits the text at imported spoiler markers. Markers inside code are
/// left alone.
fn segments(text: &str) -> Vec<Segment<'_>> {
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
fn escaped(text: &str, at: usize) -> bool {
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

// ---------------------------------------------------------------------------
// Markdown events.

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// The Markdown of one piece of text as events ready for HTML: user HTML
/// turned into text, links checked, images turned into links, headings
/// demoted, inline spoilers marked. Also says whether a spoiler was found.
fn events(text: &str) -> (Vec<Event<'_>>, bool) {
    let parsed = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| protect_escaped_pipes(text, event, range))
        .map(neutralize_html);
    let merged = TextMergeStream::new(parsed);
    let rewritten = rewrite_links_and_headings(merged);
    let (mut events, spoilers) = mark_spoilers(rewritten);
    for event in &mut events {
        if let Event::Text(t) = event
            && t.contains(ESCAPED_PIPE)
        {
            *t = t.replace(ESCAPED_PIPE, "|").into();
        }
    }
    (events, spoilers)
}

/// Stands for a `|` that cannot start or end a spoiler, until spoilers are
/// marked. A private-use character, which has no meaning of its own.
const ESCAPED_PIPE: &str = "\u{E000}";

/// A `|` written as `\|` or `&#124;` is only a character: `\|\|` is how a
/// user writes two bars that are not a spoiler.
fn protect_escaped_pipes<'a>(source: &str, event: Event<'a>, range: Range<usize>) -> Event<'a> {
    let Event::Text(text) = event else {
        return event;
    };
    if !text.contains('|') {
        return Event::Text(text);
    }
    if source.get(range.clone()) != Some(&*text) {
        // Written with an entity (or rewritten by the parser): not a marker.
        return Event::Text(text.replace('|', ESCAPED_PIPE).into());
    }
    // The parser leaves the escaping backslash out of the text that follows it.
    if text.starts_with('|') && escaped(source, range.start) {
        return Event::Text(format!("{ESCAPED_PIPE}{}", &text[1..]).into());
    }
    Event::Text(text)
}

/// HTML that a user typed becomes text: shown, never interpreted.
fn neutralize_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// What became of a link or image start, to end it the same way.
enum Opened<'a> {
    /// A link kept as a link.
    Link,
    /// A link or image whose address is unsafe: only its text is kept.
    Dropped,
    /// An image shown as a link; `first` is where its text starts in the
    /// output, to fall back on the address when it has no text.
    ImageLink { first: usize, dest: CowStr<'a> },
}

fn rewrite_links_and_headings<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut opened: Vec<Opened<'a>> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let inside_link = opened.iter().any(|o| !matches!(o, Opened::Dropped));
                if is_safe_url(&dest_url) && !inside_link {
                    opened.push(Opened::Link);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    opened.push(Opened::Dropped);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // An image inside a link would be a link in a link: keep its
                // alternative text only.
                let inside_link = opened.iter().any(|o| !matches!(o, Opened::Dropped));
                if is_safe_url(&dest_url) && !inside_link {
                    out.push(Event::Start(Tag::Link {
                        link_type: match link_type {
                            LinkType::Email => LinkType::Email,
                            _ => LinkType::Inline,
                        },
                        dest_url: dest_url.clone(),
                        title,
                        id,
                    }));
                    opened.push(Opened::ImageLink {
                        first: out.len(),
                        dest: dest_url,
                    });
                } else {
                    opened.push(Opened::Dropped);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => match opened.pop() {
                Some(Opened::Link) => out.push(Event::End(TagEnd::Link)),
                Some(Opened::ImageLink { first, dest }) => {
                    let has_text = out[first..].iter().any(
                        |e| matches!(e, Event::Text(t) | Event::Code(t) if !t.trim().is_empty()),
                    );
                    if !has_text {
                        out.push(Event::Text(dest));
                    }
                    out.push(Event::End(TagEnd::Link));
                }
                Some(Opened::Dropped) | None => {}
            },
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(demote(level))));
            }
            other => out.push(other),
        }
    }
    out
}

/// `#` becomes `<h3>`: a user's headings never compete with the page's
/// `<h1>` and `<h2>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        HeadingLevel::H4 | HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Whether a link's address may be followed: `http:`, `https:`, `mailto:` or
/// relative. Spaces and control characters are ignored when reading the
/// scheme, as browsers do, so `java script:` or `jav\tascript:` are caught.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            matches!(&cleaned[..i], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Marks inline spoilers `||…||`.
///
/// Markers pair up within the same element (a paragraph, an emphasis, a
/// link, a list item…), so the hidden part never straddles a tag; a marker
/// left without a partner is shown as it is. Markers in code are text.
fn mark_spoilers(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, bool) {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Role {
        Literal,
        Open,
        Close,
    }

    // Where the markers are: (event index, byte offset), and their roles.
    let mut markers: Vec<(usize, usize)> = Vec::new();
    let mut roles: Vec<Role> = Vec::new();
    // For each open element, the marker waiting for its partner.
    let mut waiting: Vec<Option<usize>> = vec![None];
    let mut in_code = 0usize;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::CodeBlock(_)) {
                    in_code += 1;
                }
                waiting.push(None);
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::CodeBlock) {
                    in_code = in_code.saturating_sub(1);
                }
                if waiting.len() > 1 {
                    waiting.pop();
                }
            }
            Event::Text(text) if in_code == 0 => {
                for (offset, _) in text.match_indices("||") {
                    let marker = markers.len();
                    markers.push((index, offset));
                    roles.push(Role::Literal);
                    let slot = waiting
                        .last_mut()
                        .expect("the root element is never closed");
                    match slot.take() {
                        Some(open) => {
                            roles[open] = Role::Open;
                            roles[marker] = Role::Close;
                        }
                        None => *slot = Some(marker),
                    }
                }
            }
            _ => {}
        }
    }

    if !roles.contains(&Role::Open) {
        return (events, false);
    }

    let mut out = Vec::with_capacity(events.len() + markers.len());
    let mut next = markers
        .iter()
        .zip(&roles)
        .filter(|(_, role)| **role != Role::Literal)
        .peekable();
    for (index, event) in events.into_iter().enumerate() {
        if next.peek().is_none_or(|((at, _), _)| *at != index) {
            out.push(event);
            continue;
        }
        let Event::Text(text) = event else {
            out.push(event);
            continue;
        };
        let mut pos = 0;
        while let Some(((_, offset), role)) = next.next_if(|((at, _), _)| *at == index) {
            if *offset > pos {
                out.push(Event::Text(CowStr::from(text[pos..*offset].to_string())));
            }
            out.push(Event::Html(CowStr::Borrowed(if *role == Role::Open {
                SPOILER_OPEN
            } else {
                SPOILER_CLOSE
            })));
            pos = offset + 2;
        }
        if pos < text.len() {
            out.push(Event::Text(CowStr::from(text[pos..].to_string())));
        }
    }
    (out, true)
}

/// Appends the text of the events, inline spoilers replaced by `[spoiler]`.
fn push_plain(out: &mut String, events: &[Event<'_>]) {
    let mut hidden = 0usize;
    for event in events {
        match event {
            // The only HTML events left are the spoiler marks.
            Event::Html(html) if html.as_ref() == SPOILER_OPEN => {
                if hidden == 0 {
                    out.push_str(" [spoiler] ");
                }
                hidden += 1;
            }
            Event::Html(html) if html.as_ref() == SPOILER_CLOSE => {
                hidden = hidden.saturating_sub(1);
            }
            Event::Text(text) | Event::Code(text) if hidden == 0 => out.push_str(text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            // Blocks are separated by a space.
            Event::Start(Tag::Item) | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input renders to HTML that contains the expected fragment.
    fn check(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            let html = render(input).html;
            assert!(
                html.contains(expected),
                "input {input:?}\n rendered {html:?}\n expected to contain {expected:?}"
            );
        }
    }

    /// Each input renders to HTML that does not contain the fragment.
    fn check_absent(cases: &[(&str, &str)]) {
        for (input, unexpected) in cases {
            let html = render(input).html;
            assert!(
                !html.contains(unexpected),
                "input {input:?}\n rendered {html:?}\n must not contain {unexpected:?}"
            );
        }
    }

    const REAL_REVIEW: &str = "Great acting, watch it yourself. You feel their pain...==contain spoiler== I really expected this to be one of those movie where everything ends well. I didn't see that ending coming.";

    #[test]
    fn markdown_basics() {
        check(&[
            (
                "*emphasis* and **strong**",
                "<p><em>emphasis</em> and <strong>strong</strong></p>",
            ),
            ("~~gone~~", "<del>gone</del>"),
            ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
            ("3. three\n4. four", "<ol start=\"3\">"),
            ("use `a < b` here", "<code>a &lt; b</code>"),
            (
                "```rust\nfn main() {}\n```",
                "<pre><code>fn main() {}\n</code></pre>",
            ),
            ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
            ("line  \nbreak", "line<br>"),
            ("---", "<hr>"),
            ("# Title", "<h3>Title</h3>"),
            ("## Part", "<h4>Part</h4>"),
            ("### Sub", "<h5>Sub</h5>"),
            ("#### Deep", "<h6>Deep</h6>"),
            ("###### Deepest", "<h6>Deepest</h6>"),
            ("Tom & Jerry < 3", "Tom &amp; Jerry &lt; 3"),
            ("크로싱 (2008)", "<p>크로싱 (2008)</p>"),
        ]);
        check_absent(&[
            ("# Title", "<h1"),
            ("## Part", "<h2"),
            ("```rust\nfn main() {}\n```", "language-rust"),
        ]);
    }

    #[test]
    fn links() {
        check(&[
            (
                "[site](https://example.com/a?b=1&c=2)",
                "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener noreferrer\">site</a>",
            ),
            (
                "[film](/films/42)",
                "<a href=\"/films/42\" rel=\"nofollow ugc noopener noreferrer\">film</a>",
            ),
            (
                "<https://example.com>",
                "<a href=\"https://example.com\" rel=\"nofollow ugc noopener noreferrer\">https://example.com</a>",
            ),
            (
                "<me@example.com>",
                "<a href=\"mailto:me@example.com\" rel=\"nofollow ugc noopener noreferrer\">me@example.com</a>",
            ),
            (
                "[t](https://example.com \"Title\")",
                "<a href=\"https://example.com\" rel=\"nofollow ugc noopener noreferrer\">t</a>",
            ),
            ("[x](javascript:alert(1))", "<p>x</p>"),
            ("[x][1]\n\n[1]: javascript:alert(1)", "<p>x</p>"),
            (
                "[**bold**](ftp://example.com/file)",
                "<p><strong>bold</strong></p>",
            ),
        ]);
    }

    #[test]
    fn images_become_links() {
        check(&[
            (
                "![a poster](https://example.com/p.jpg)",
                "<a href=\"https://example.com/p.jpg\" rel=\"nofollow ugc noopener noreferrer\">a poster</a>",
            ),
            (
                "![](https://example.com/p.jpg)",
                "<a href=\"https://example.com/p.jpg\" rel=\"nofollow ugc noopener noreferrer\">https://example.com/p.jpg</a>",
            ),
            (
                "[![poster](https://example.com/p.jpg)](https://example.com/film)",
                "<a href=\"https://example.com/film\" rel=\"nofollow ugc noopener noreferrer\">poster</a>",
            ),
            ("![pixel](javascript:alert(1))", "<p>pixel</p>"),
        ]);
        check_absent(&[("![a poster](https://example.com/p.jpg)", "<img")]);
    }

    #[test]
    fn raw_html_is_text() {
        check(&[
            ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
            (
                "<div>\nblock\n</div>",
                "<p>&lt;div&gt;\nblock\n&lt;/div&gt;",
            ),
            (
                "a <script>alert(1)</script> b",
                "a &lt;script&gt;alert(1)&lt;/script&gt; b",
            ),
        ]);
    }

    #[test]
    fn inline_spoilers() {
        let open = SPOILER_OPEN;
        check(&[
            (
                "It ends ||badly|| for all.",
                &format!("<p>It ends {open}badly</span> for all.</p>"),
            ),
            (
                "||**bold** end||",
                &format!("<p>{open}<strong>bold</strong> end</span></p>"),
            ),
            (
                "a ||b [link](https://x.example) c|| d",
                &format!(
                    "{open}b <a href=\"https://x.example\" rel=\"nofollow ugc noopener noreferrer\">link</a> c</span> d"
                ),
            ),
            (
                "**||inside||**",
                &format!("<strong>{open}inside</span></strong>"),
            ),
            (
                "||one|| and ||two||",
                &format!("{open}one</span> and {open}two</span>"),
            ),
            ("||across\nlines||", &format!("{open}across\nlines</span>")),
            ("- ||item||", &format!("<li>{open}item</span></li>")),
            ("never || closed", "<p>never || closed</p>"),
            ("||a|| b ||c", &format!("{open}a</span> b ||c")),
            ("`||code||`", "<code>||code||</code>"),
            ("```\n||block||\n```", "<pre><code>||block||\n</code></pre>"),
            (
                "||para one\n\npara two||",
                "<p>||para one</p>\n<p>para two||</p>",
            ),
            ("||a **b|| c**", "||a <strong>b|| c</strong>"),
            (
                "escaped \\|\\|not\\|\\| bars",
                "<p>escaped ||not|| bars</p>",
            ),
            (
                "entities &#124;&#124;not&#124;&#124;",
                "<p>entities ||not||</p>",
            ),
            (
                "a backslash \\\\||yes||",
                &format!("a backslash \\{open}yes</span>"),
            ),
        ]);
        let cases = [
            ("It ends ||badly||.", true),
            ("never || closed", false),
            ("`||code||`", false),
            ("plain", false),
        ];
        for (input, spoilers) in cases {
            assert_eq!(render(input).has_spoilers, spoilers, "{input:?}");
        }
    }

    #[test]
    fn imported_spoiler_markers() {
        let details = DETAILS_OPEN;
        check(&[
            (
                REAL_REVIEW,
                "<p>Great acting, watch it yourself. You feel their pain...</p>",
            ),
            (
                REAL_REVIEW,
                &format!(
                    "{details}<p>I really expected this to be one of those movie where everything ends well. I didn't see that ending coming.</p>\n</details>"
                ),
            ),
            (
                "Before ==spoiler== hidden ==end spoiler== after",
                &format!("<p>Before</p>\n{details}<p>hidden</p>\n</details>\n<p>after</p>"),
            ),
            (
                "Before [spoiler]hidden[/spoiler] after",
                &format!("<p>Before</p>\n{details}<p>hidden</p>\n</details>\n<p>after</p>"),
            ),
            (
                "A [SPOILERS] b [/Spoilers] c",
                &format!("{details}<p>b</p>\n</details>\n<p>c</p>"),
            ),
            (
                "A ==Contains Spoilers== b",
                &format!("{details}<p>b</p>\n</details>"),
            ),
            (
                "A ==CONTAIN SPOILER==b",
                &format!("{details}<p>b</p>\n</details>"),
            ),
            (
                "A == spoiler == b",
                &format!("{details}<p>b</p>\n</details>"),
            ),
            (
                "A ==spoiler== *b* ||c||",
                &format!("{details}<p><em>b</em> {SPOILER_OPEN}c</span></p>\n</details>"),
            ),
            (
                "A ==spoilers==\n\n# Twist\n\nb",
                &format!("{details}<h3>Twist</h3>\n<p>b</p>\n</details>"),
            ),
            (
                "`==spoiler==` stays",
                "<p><code>==spoiler==</code> stays</p>",
            ),
            (
                "[spoiler](https://example.com) is a link",
                "<a href=\"https://example.com\" rel=\"nofollow ugc noopener noreferrer\">spoiler</a> is a link",
            ),
            ("a == b == c", "<p>a == b == c</p>"),
            ("not \\[spoiler] here", "<p>not [spoiler] here</p>"),
        ]);
        for (input, spoilers) in [
            (REAL_REVIEW, true),
            ("A [spoiler] b", true),
            ("nothing after ==spoiler==", false),
            ("a == b", false),
        ] {
            assert_eq!(render(input).has_spoilers, spoilers, "{input:?}");
        }
    }

    #[test]
    fn plain_hides_spoilers() {
        let cases = [
            ("*Great* film,\n\n**really**.", "Great film, really."),
            ("It ends ||badly|| for all.", "It ends [spoiler] for all."),
            ("||**all** hidden||", "[spoiler]"),
            (
                REAL_REVIEW,
                "Great acting, watch it yourself. You feel their pain... [spoiler]",
            ),
            ("a [spoiler]b[/spoiler] c", "a [spoiler] c"),
            ("# Title\n\n- one\n- two", "Title one two"),
            (
                "see [this](https://example.com) and `code`",
                "see this and code",
            ),
            ("![poster](https://example.com/p.jpg)", "poster"),
            ("<b>typed</b>", "<b>typed</b>"),
            ("never || closed", "never || closed"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(plain(input), expected, "{input:?}");
        }
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        let cases = [
            (
                "A quiet film about grief and hope.",
                100,
                "A quiet film about grief and hope.",
            ),
            ("A quiet film about grief and hope.", 15, "A quiet film…"),
            ("A quiet film about grief and hope.", 13, "A quiet film…"),
            ("A quiet film about grief and hope.", 12, "A quiet…"),
            (
                "It ends ||badly|| for all of them.",
                20,
                "It ends [spoiler]…",
            ),
            ("It ends ||badly|| for all.", 12, "It ends…"),
            ("Supercalifragilistic", 10, "Supercali…"),
            ("Well, then what", 8, "Well…"),
            ("크로싱 정말 좋은 영화", 8, "크로싱 정말…"),
            ("anything", 0, ""),
        ];
        for (input, max, expected) in cases {
            let got = excerpt(input, max);
            assert_eq!(got, expected, "{input:?} at {max}");
            assert!(got.chars().count() <= max, "{got:?} is longer than {max}");
        }
    }

    #[test]
    fn unsafe_urls() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url:?}");
        }
        for url in [
            "https://example.com",
            "HTTP://example.com",
            "mailto:a@example.com",
            "/films/1",
            "films/1?x=a:b",
            "#top",
            "//example.com/x",
        ] {
            assert!(is_safe_url(url), "{url:?}");
        }
    }
}
