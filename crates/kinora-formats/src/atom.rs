//! Atom 1.0 feeds (RFC 4287).
//!
//! Feeds let people follow new reviews, lists and forum threads in a feed
//! reader. [`write`] turns a [`Feed`] into Atom XML. Times are written in
//! UTC to the second. Characters that XML cannot carry (control characters
//! other than tab and line breaks) are left out, so a stray one in a user's
//! text never makes the whole feed unreadable.

use std::str::FromStr;

use atom_syndication as atom;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// A feed: a page's latest items for feed readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// A permanent IRI, e.g. the page URL or a `tag:` URI; it must never change.
    pub id: String,
    pub title: String,
    /// The feed's own URL (`link rel="self"`).
    pub self_url: String,
    /// The HTML page the feed follows (`link rel="alternate"`).
    pub alternate_url: String,
    /// When the feed last changed in a way readers should see.
    pub updated: OffsetDateTime,
    pub subtitle: Option<String>,
    pub entries: Vec<Entry>,
}

/// One item of a feed: a review, a list, a post.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// A permanent IRI for the item, unique across feeds.
    pub id: String,
    pub title: String,
    /// The item's page.
    pub url: String,
    pub published: Option<OffsetDateTime>,
    pub updated: OffsetDateTime,
    /// The name shown for whoever wrote the item.
    pub author: String,
    /// Their profile page.
    pub author_url: Option<String>,
    /// Plain text, shown by readers that do not show the full content.
    pub summary: Option<String>,
    /// Already-safe HTML, written as `type="html"`.
    pub content_html: Option<String>,
    /// Tags or genres, one term each.
    pub categories: Vec<String>,
}

/// The media type to serve a feed with.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// The feed as Atom XML (UTF-8, with the XML declaration).
pub fn write(feed: &Feed) -> String {
    let config = atom::WriteConfig {
        write_document_declaration: false,
        indent_size: None,
    };
    let mut out = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".to_vec();
    atom_feed(feed)
        .write_with_config(&mut out, config)
        .expect("writing into memory does not fail");
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn atom_feed(feed: &Feed) -> atom::Feed {
    atom::Feed {
        id: xml_text(&feed.id),
        title: atom::Text::plain(xml_text(&feed.title)),
        updated: atom_date(feed.updated),
        subtitle: feed
            .subtitle
            .as_deref()
            .map(|s| atom::Text::plain(xml_text(s))),
        links: vec![
            link(&feed.self_url, "self", "application/atom+xml"),
            link(&feed.alternate_url, "alternate", "text/html"),
        ],
        generator: Some(atom::Generator {
            value: "Kinora".to_owned(),
            ..Default::default()
        }),
        entries: feed.entries.iter().map(atom_entry).collect(),
        ..Default::default()
    }
}

fn atom_entry(entry: &Entry) -> atom::Entry {
    atom::Entry {
        id: xml_text(&entry.id),
        title: atom::Text::plain(xml_text(&entry.title)),
        updated: atom_date(entry.updated),
        published: entry.published.map(atom_date),
        authors: vec![atom::Person {
            name: xml_text(&entry.author),
            uri: entry.author_url.as_deref().map(xml_text),
            ..Default::default()
        }],
        links: vec![link(&entry.url, "alternate", "text/html")],
        summary: entry
            .summary
            .as_deref()
            .map(|s| atom::Text::plain(xml_text(s))),
        content: entry.content_html.as_deref().map(|html| atom::Content {
            content_type: Some("html".to_owned()),
            value: Some(xml_text(html)),
            ..Default::default()
        }),
        categories: entry
            .categories
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .map(|c| atom::Category {
                term: xml_text(c),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn link(href: &str, rel: &str, media_type: &str) -> atom::Link {
    atom::Link {
        href: xml_text(href),
        rel: rel.to_owned(),
        mime_type: Some(media_type.to_owned()),
        ..Default::default()
    }
}

/// The time in UTC, to the second. A time that RFC 3339 cannot write (a
/// year before 1 or after 9999) becomes the nearest one it can.
fn atom_date(when: OffsetDateTime) -> atom::FixedDateTime {
    let utc = when
        .checked_to_offset(UtcOffset::UTC)
        .unwrap_or(when)
        .replace_nanosecond(0)
        .unwrap_or(when);
    let text = utc.format(&Rfc3339).unwrap_or_else(|_| {
        if utc.year() < 1 {
            "0001-01-01T00:00:00Z".to_owned()
        } else {
            "9999-12-31T23:59:59Z".to_owned()
        }
    });
    atom::FixedDateTime::from_str(&text).unwrap_or_default()
}

/// The text without the characters XML 1.0 cannot hold.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn sample() -> Feed {
        Feed {
            id: "tag:kinora.example,2026:reviews".to_owned(),
            title: "Reviews <new> & noted".to_owned(),
            self_url: "https://kinora.example/reviews.atom".to_owned(),
            alternate_url: "https://kinora.example/reviews".to_owned(),
            updated: datetime!(2026-03-02 18:30:15.5 +09:00),
            subtitle: Some("Latest reviews on 크로싱 & more".to_owned()),
            entries: vec![
                Entry {
                    id: "https://kinora.example/reviews/1".to_owned(),
                    title: "크로싱 (2008): a < b & c".to_owned(),
                    url: "https://kinora.example/reviews/1".to_owned(),
                    published: Some(datetime!(2026-03-01 10:00 +09:00)),
                    updated: datetime!(2026-03-02 18:30:15 +09:00),
                    author: "Min-ji & co".to_owned(),
                    author_url: Some("https://kinora.example/users/minji".to_owned()),
                    summary: Some("It ends [spoiler] for all <3".to_owned()),
                    content_html: Some(
                        "<p>It ends <span class=\"spoiler\" tabindex=\"0\">badly</span> &amp; \
                         <a href=\"https://example.com/?a=1&amp;b=2\" rel=\"nofollow\">more</a></p>\n"
                            .to_owned(),
                    ),
                    categories: vec!["Drama".to_owned(), " ".to_owned(), "한국 영화".to_owned()],
                },
                Entry {
                    id: "tag:kinora.example,2026:review:2".to_owned(),
                    title: "Second\u{0} review".to_owned(),
                    url: "https://kinora.example/reviews/2".to_owned(),
                    published: None,
                    updated: datetime!(2026-02-28 23:59:59 -05:00),
                    author: "Sam".to_owned(),
                    author_url: None,
                    summary: None,
                    content_html: None,
                    categories: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn writes_a_declaration_and_the_namespace() {
        let xml = write(&sample());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "{xml}");
        assert!(xml.contains("크로싱"), "Hangul is written as it is: {xml}");
        assert!(!xml.contains('\u{0}'));
    }

    #[test]
    fn round_trips() {
        let written = sample();
        let xml = write(&written);
        let feed = atom::Feed::from_str(&xml).expect("the feed reads back");

        assert_eq!(feed.id, "tag:kinora.example,2026:reviews");
        assert_eq!(feed.title.value, "Reviews <new> & noted");
        assert_eq!(feed.title.r#type, atom::TextType::Text);
        assert_eq!(
            feed.subtitle.as_ref().map(|s| s.value.as_str()),
            Some("Latest reviews on 크로싱 & more")
        );
        assert_eq!(feed.updated.to_rfc3339(), "2026-03-02T09:30:15+00:00");
        let links: Vec<(&str, &str, Option<&str>)> = feed
            .links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str(), l.mime_type.as_deref()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "self",
                    "https://kinora.example/reviews.atom",
                    Some("application/atom+xml")
                ),
                (
                    "alternate",
                    "https://kinora.example/reviews",
                    Some("text/html")
                ),
            ]
        );
        assert_eq!(feed.entries.len(), 2);

        let first = &feed.entries[0];
        assert_eq!(first.id, "https://kinora.example/reviews/1");
        assert_eq!(first.title.value, "크로싱 (2008): a < b & c");
        assert_eq!(first.updated.to_rfc3339(), "2026-03-02T09:30:15+00:00");
        assert_eq!(
            first.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-03-01T01:00:00+00:00")
        );
        assert_eq!(first.links.len(), 1);
        assert_eq!(first.links[0].rel, "alternate");
        assert_eq!(first.links[0].href, "https://kinora.example/reviews/1");
        assert_eq!(first.authors.len(), 1);
        assert_eq!(first.authors[0].name, "Min-ji & co");
        assert_eq!(
            first.authors[0].uri.as_deref(),
            Some("https://kinora.example/users/minji")
        );
        let summary = first.summary.as_ref().expect("a summary");
        assert_eq!(summary.value, "It ends [spoiler] for all <3");
        assert_eq!(summary.r#type, atom::TextType::Text);
        let content = first.content.as_ref().expect("content");
        assert_eq!(content.content_type.as_deref(), Some("html"));
        assert_eq!(
            content.value.as_deref(),
            written.entries[0].content_html.as_deref()
        );
        let terms: Vec<&str> = first.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(terms, ["Drama", "한국 영화"]);

        let second = &feed.entries[1];
        assert_eq!(second.id, "tag:kinora.example,2026:review:2");
        assert_eq!(second.title.value, "Second review");
        assert_eq!(second.updated.to_rfc3339(), "2026-03-01T04:59:59+00:00");
        assert_eq!(second.published, None);
        assert_eq!(second.authors[0].name, "Sam");
        assert_eq!(second.authors[0].uri, None);
        assert_eq!(second.summary, None);
        assert_eq!(second.content, None);
        assert!(second.categories.is_empty());
    }

    #[test]
    fn a_feed_without_entries_is_valid() {
        let mut feed = sample();
        feed.entries.clear();
        let xml = write(&feed);
        let read = atom::Feed::from_str(&xml).expect("the feed reads back");
        assert!(read.entries.is_empty());
        assert_eq!(read.updated.to_rfc3339(), "2026-03-02T09:30:15+00:00");
        assert!(
            xml.contains("<updated>2026-03-02T09:30:15+00:00</updated>"),
            "{xml}"
        );
    }

    #[test]
    fn dates_out_of_range_are_clamped() {
        assert_eq!(
            atom_date(datetime!(2026-01-01 00:00:00.999 UTC)).to_rfc3339(),
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(
            atom_date(datetime!(-0005-01-01 00:00 UTC)).to_rfc3339(),
            "0001-01-01T00:00:00+00:00"
        );
    }
}
