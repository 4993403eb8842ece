//! Hostile user text must never become active HTML.
//!
//! Each payload is rendered, then the output is parsed as a browser would
//! parse it and every element and attribute is checked against the short
//! list the renderer may write. A check on the parsed document, not on
//! substrings, is what a browser would see.

use kinora_formats::markdown::render;
use scraper::{ElementRef, Html, Node};

/// The elements rendered text may contain, with the attributes each may carry.
const ALLOWED: &[(&str, &[&str])] = &[
    ("p", &[]),
    ("br", &[]),
    ("hr", &[]),
    ("em", &[]),
    ("strong", &[]),
    ("del", &[]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("a", &["href", "rel"]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("span", &["class", "tabindex"]),
    ("details", &["class"]),
    ("summary", &[]),
];

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](  javascript:alert(1))",
    "[x](<java script:alert(1)>)",
    "[x](<\u{1}javascript:alert(1)>)",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) \"title\")",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[![x](javascript:alert(1))](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<https://example.com/\"onmouseover=\"alert(1)>",
    "[x](https://example.com/\"onmouseover=\"alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"javascript:alert(1)\" ",
    "<iframe src=//evil>",
    "<style>body{}</style>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<scr<script>ipt>alert(1)</script>",
    "\"><script>alert(1)</script>",
    "<div onmouseover=\"alert(1)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "||<img src=x onerror=alert(1)>||",
    "||[x](javascript:alert(1))||",
    "<span class=\"spoiler\" onclick=\"alert(1)\">x</span>",
    "<details open ontoggle=alert(1)>",
    "==spoiler== <script>alert(1)</script>",
    "[spoiler]<img src=x onerror=alert(1)>[/spoiler]",
    "==spoiler== [x](javascript:alert(1)) ==end spoiler== <svg onload=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<base href=javascript:/>",
    "<img src=\"x",
    "<img src=x onerror=alert(1)//",
    "<!--><script>alert(1)</script>-->",
    "<p title=\"</p><script>alert(1)</script>\">",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "# <script>alert(1)</script>",
    "> <img src=x onerror=alert(1)>",
    "- <svg onload=alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[x][1]\n\n[1]: <javascript:alert(1)> \"t\"",
    "[javascript:alert(1)]: javascript:alert(1)\n\n[javascript:alert(1)]",
    "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>",
];

/// What is wrong with this HTML, as a browser would parse it.
fn violations(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut found = Vec::new();
    // Everything under the fragment's `<html>` wrapper, which is the
    // parser's and not part of the output.
    let root = doc.root_element();
    assert_eq!(root.value().name(), "html");
    for node in root.descendants().skip(1) {
        match node.value() {
            Node::Comment(c) => found.push(format!("comment {:?}", &**c)),
            Node::ProcessingInstruction(p) => found.push(format!("processing instruction {p:?}")),
            _ => {}
        }
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let name = element.value().name();
        let Some((_, attrs)) = ALLOWED.iter().find(|(tag, _)| *tag == name) else {
            found.push(format!("element <{name}>"));
            continue;
        };
        for (attr, value) in element.value().attrs() {
            let lower = attr.to_ascii_lowercase();
            if lower.starts_with("on") {
                found.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if lower == "style" {
                found.push(format!("style {value:?} on <{name}>"));
            }
            if !attrs.contains(&lower.as_str()) {
                found.push(format!("attribute {attr}={value:?} on <{name}>"));
            }
            if lower == "href" && !safe_href(value) {
                found.push(format!("href {value:?}"));
            }
            // An address is judged by its scheme above: `alert` in the path
            // of an `https:` link runs nothing. Anywhere else it would be
            // script that escaped from text.
            if lower != "href" && value.to_ascii_lowercase().contains("alert") {
                found.push(format!("script in attribute {attr}={value:?} on <{name}>"));
            }
        }
    }
    found
}

/// `http:`, `https:`, `mailto:` or relative, read as a browser reads it:
/// surrounding spaces and control characters and inner tabs and line breaks
/// do not count.
fn safe_href(href: &str) -> bool {
    let cleaned: String = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            matches!(&cleaned[..i], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[test]
fn payloads_render_harmless() {
    assert!(PAYLOADS.len() >= 25);
    let mut failures = Vec::new();
    for payload in PAYLOADS {
        let html = render(payload).html;
        let found = violations(&html);
        if !found.is_empty() {
            failures.push(format!("{payload:?}\n  rendered {html:?}\n  {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "unsafe output:\n{}",
        failures.join("\n")
    );
}

#[test]
fn payload_text_stays_visible_as_text() {
    // What the user typed is shown, not dropped and not run.
    let html = render("<script>alert(1)</script>").html;
    let doc = Html::parse_fragment(&html);
    let text: String = doc.root_element().text().collect();
    assert_eq!(text.trim(), "<script>alert(1)</script>");
}

/// The check itself catches what it should, so a pass means something.
#[test]
fn the_check_catches_unsafe_html() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<p onclick=\"x\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" \tJaVa\tScRiPt:void(0)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<p style=\"color:red\">x</p>",
        "<span title=\"x\">x</span>",
        "<a href=\"https://example.com\" title=\"alert(1)\">x</a>",
        "<iframe src=\"https://example.com\"></iframe>",
        "<p><!-- hidden --></p>",
        "<svg><a href=\"https://example.com\">x</a></svg>",
    ] {
        assert!(!violations(bad).is_empty(), "{bad:?} passed the check");
    }
    for good in [
        "<p>a <em>b</em> <a href=\"https://example.com\" rel=\"nofollow ugc\">c</a></p>",
        "<a href=\"/films/1\">x</a>",
        "<a href=\"mailto:a@example.com\">x</a>",
        "<span class=\"spoiler\" tabindex=\"0\">x</span>",
        "<details class=\"spoiler\"><summary>s</summary><p>x</p></details>",
        "<p>alert(1) as text is fine</p>",
    ] {
        assert_eq!(violations(good), Vec::<String>::new(), "{good:?}");
    }
}
