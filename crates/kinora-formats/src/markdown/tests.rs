use super::events::is_safe_url;
use super::sanitizer::SPOILER_OPEN;
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
