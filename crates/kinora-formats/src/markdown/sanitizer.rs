//! What a text may hold: the Markdown read (its parser's options), the
//! spoiler markup written into the HTML, and the sanitizer that lets
//! nothing else through.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::Options;

const LINK_REL: &str = "nofollow ugc noopener noreferrer";
pub(super) const SPOILER_OPEN: &str = "<span class=\"spoiler\" tabindex=\"0\">";
pub(super) const SPOILER_CLOSE: &str = "</span>";
pub(super) const DETAILS_OPEN: &str =
    "<details class=\"spoiler\"><summary>Spoiler: click to show</summary>";
pub(super) const DETAILS_CLOSE: &str = "</details>\n";

/// The last step for every rendered text: only the elements and attributes
/// this module means to write survive, whatever the Markdown stage did.
pub(super) static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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

/// The Markdown read: CommonMark with strikethrough.
pub(super) fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}
