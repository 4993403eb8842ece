//! The Markdown of one piece of text as events ready for HTML: user HTML
//! turned into text, links checked, images turned into links, headings
//! demoted, inline spoilers (`||…||`) marked; and the same events as plain
//! text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd, TextMergeStream};

use super::sanitizer::{SPOILER_CLOSE, SPOILER_OPEN, options};
use super::spoiler_markers::escaped;

/// The Markdown of one piece of text as events ready for HTML: user HTML
/// turned into text, links checked, images turned into links, headings
/// demoted, inline spoilers marked. Also says whether a spoiler was found.
pub(super) fn events(text: &str) -> (Vec<Event<'_>>, bool) {
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
pub(super) fn is_safe_url(url: &str) -> bool {
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
pub(super) fn push_plain(out: &mut String, events: &[Event<'_>]) {
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
