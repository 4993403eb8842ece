//! What the community parts of a page show: authors, reviews, the rating
//! histogram, similar films, thread lines, the viewer's own, and how times
//! and ratings read.

use kinora_core::community::{DiaryEntryId, Rating, ReviewId, ThreadId, Timestamp};
use kinora_store::community::{Byline, Thread};
use serde::Serialize;

/// How a review or post names its author on a page.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    /// `/users/NAME`, for an account.
    pub href: Option<String>,
    pub guest: bool,
}

impl From<&Byline> for AuthorView {
    fn from(byline: &Byline) -> Self {
        AuthorView {
            name: byline.name.clone(),
            href: byline.account.as_ref().map(|name| format!("/users/{name}")),
            guest: byline.guest,
        }
    }
}

/// A review as a page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewView {
    pub id: ReviewId,
    pub film_id: String,
    pub film_label: String,
    pub author: AuthorView,
    /// Where an imported review was read: (page, title).
    pub source: Option<(String, String)>,
    pub rating: Option<u8>,
    pub stars: String,
    pub headline: Option<String>,
    /// Safe HTML.
    pub body_html: String,
    pub spoiler: bool,
    pub has_spoilers: bool,
    pub date: String,
    pub likes: i64,
    pub liked: bool,
    pub revisions: i64,
    pub hidden_reason: Option<String>,
    pub mine: bool,
}

/// One bar of a ratings histogram drawn as SVG.
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub height: u32,
    pub count: u64,
    pub label: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Histogram {
    pub bars: Vec<Bar>,
    pub total: u64,
    /// The average on the 10-point scale, and in stars.
    pub average: Option<String>,
    pub average_stars: String,
}

impl Histogram {
    /// Ten bars, ½ star to 5 stars, scaled to the tallest.
    pub fn new(counts: &[u64; 10]) -> Histogram {
        let total: u64 = counts.iter().sum();
        let most = counts.iter().copied().max().unwrap_or(0).max(1);
        let bars = counts
            .iter()
            .enumerate()
            .map(|(index, &count)| {
                let height = if count == 0 {
                    1
                } else {
                    ((count * 56) / most).max(3) as u32
                };
                let rating = Rating::new(index as i64 + 1).expect("1 to 10");
                Bar {
                    x: index as u32 * 20 + 1,
                    y: 60 - height,
                    height,
                    count,
                    label: format!(
                        "{}: {count} {}",
                        rating.star_text(),
                        if count == 1 { "rating" } else { "ratings" }
                    ),
                }
            })
            .collect();
        let sum: u64 = counts
            .iter()
            .enumerate()
            .map(|(index, n)| (index as u64 + 1) * n)
            .sum();
        let (average, average_stars) = if total == 0 {
            (None, String::new())
        } else {
            let average = sum as f64 / total as f64;
            let rounded = Rating::new(average.round() as i64).expect("1 to 10");
            (Some(format!("{average:.1}")), rounded.star_text())
        };
        Histogram {
            bars,
            total,
            average,
            average_stars,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SimilarView {
    pub id: String,
    pub label: String,
    pub year: Option<i64>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ThreadLine {
    pub id: ThreadId,
    pub title: String,
    pub author: AuthorView,
    pub posts: i64,
    pub last_post: String,
    pub pinned: bool,
    pub locked: bool,
    pub archived: bool,
    pub hidden: bool,
    /// What it is about, where the list mixes subjects: (page, name).
    pub about: Option<(String, String)>,
}

impl ThreadLine {
    pub fn new(thread: &Thread) -> ThreadLine {
        ThreadLine {
            id: thread.id,
            title: thread.title.clone(),
            author: AuthorView::from(&thread.author),
            posts: thread.posts,
            // A thread read elsewhere has no days to show (see threads.rs).
            last_post: if thread.source_id.is_some() {
                String::new()
            } else {
                day(&thread.last_post_at)
            },
            pinned: thread.pinned,
            locked: thread.locked,
            archived: thread.archived,
            hidden: thread.hidden_reason.is_some(),
            about: None,
        }
    }
}

/// The viewer's own dealings with a film.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Mine {
    pub rating: String,
    pub headline: String,
    pub body: String,
    pub spoiler: bool,
    pub has_review: bool,
    pub on_watchlist: bool,
    pub viewings: Vec<(DiaryEntryId, String, String)>,
    pub lists: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct FilmCommunity {
    pub histogram: Histogram,
    pub reviews: Vec<ReviewView>,
    pub similar: Vec<SimilarView>,
    pub mine: Option<Mine>,
}

/// The community part of an entity's page.
#[derive(Clone, Debug, Default)]
pub struct Community {
    pub path: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub film: Option<FilmCommunity>,
    pub threads: Vec<ThreadLine>,
    pub signed_in: bool,
}

/// The day of a moment, as the offset it was recorded in saw it:
/// `2008-03-06`.
pub fn day(at: &Timestamp) -> String {
    at.date().to_string()
}

/// A message for a page: the `code quotes` of messages written for logs
/// and the command line become typographic ones.
pub fn quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut open = false;
    for c in message.chars() {
        if c == '`' {
            out.push(if open { '\u{201d}' } else { '\u{201c}' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

/// A moment as a reader reads it, to the minute: "6 December 2026,
/// 06:20 UTC", "2026년 12월 6일 오전 6:20 (UTC)".
pub fn moment(at: &Timestamp) -> String {
    let utc = at.time().to_offset(time::UtcOffset::UTC);
    let lang = kinora_i18n::Lang::current();
    let formats = lang.formats();
    let date = formats.date(kinora_i18n::DateParts {
        year: utc.year(),
        month: Some(utc.month() as u8),
        day: Some(utc.day()),
    });
    let time = formats.time(utc.hour(), utc.minute());
    lang.t_with(
        "moment-utc",
        &[("date", date.into()), ("time", time.into())],
    )
}

/// The rating choices of a form: none, then ½ to 5 stars.
pub fn rating_options() -> Vec<(String, String)> {
    let mut options = vec![(String::new(), kinora_i18n::t("no-rating"))];
    for value in (1..=10).rev() {
        let rating = Rating::new(value).expect("1 to 10");
        options.push((
            value.to_string(),
            format!("{} ({value}/10)", rating.star_text()),
        ));
    }
    options
}
