//! What members write, as schema.org describes it: reviews with the
//! ratings' aggregate, and discussions as `DiscussionForumPosting`.

use serde_json::{Map, Value, json};

/// A review as schema.org `Review` describes it.
pub struct ReviewLd {
    pub author: String,
    /// The review's page.
    pub url: String,
    /// On Kinora's 10-point scale.
    pub rating: Option<u8>,
    pub headline: Option<String>,
    /// Plain text, spoilers left out.
    pub body: String,
    /// When it was written; none when its page gives no date.
    pub date: Option<String>,
}

/// Adds `aggregateRating` (from the counts of ratings 1 to 10) and `review`
/// to a film's JSON-LD.
pub fn add_reviews(value: &mut Value, histogram: &[u64; 10], reviews: &[ReviewLd]) {
    let Value::Object(object) = value else { return };
    let count: u64 = histogram.iter().sum();
    if count > 0 {
        let total: u64 = histogram
            .iter()
            .enumerate()
            .map(|(index, n)| (index as u64 + 1) * n)
            .sum();
        let average = (total as f64 / count as f64 * 10.0).round() / 10.0;
        object.insert(
            "aggregateRating".into(),
            json!({
                "@type": "AggregateRating",
                "ratingValue": average,
                "bestRating": 10,
                "worstRating": 1,
                "ratingCount": count,
                "reviewCount": reviews.len(),
            }),
        );
    }
    if reviews.is_empty() {
        return;
    }
    let reviews: Vec<Value> = reviews
        .iter()
        .map(|review| {
            let mut item = Map::new();
            item.insert("@type".into(), json!("Review"));
            item.insert("url".into(), json!(review.url));
            item.insert(
                "author".into(),
                json!({"@type": "Person", "name": review.author}),
            );
            if let Some(rating) = review.rating {
                item.insert(
                    "reviewRating".into(),
                    json!({"@type": "Rating", "ratingValue": rating, "bestRating": 10, "worstRating": 1}),
                );
            }
            if let Some(headline) = &review.headline {
                item.insert("name".into(), json!(headline));
            }
            if !review.body.is_empty() {
                item.insert("reviewBody".into(), json!(review.body));
            }
            if let Some(date) = &review.date {
                item.insert("datePublished".into(), json!(date));
            }
            Value::Object(item)
        })
        .collect();
    object.insert("review".into(), Value::Array(reviews));
}

/// A post of a discussion, for schema.org `DiscussionForumPosting`.
pub struct PostLd {
    pub author: String,
    pub url: String,
    pub text: String,
    /// When it was written; none when its page gives no date.
    pub date: Option<String>,
    /// The URL of the post it quotes.
    pub quotes: Option<String>,
    /// The articles it reposts: (name, URL or page of the source).
    pub shares: Vec<(String, String)>,
}

/// A thread as schema.org `DiscussionForumPosting`: its first post, with
/// the others as comments.
pub fn discussion(title: &str, url: &str, about: Option<(&str, &str)>, posts: &[PostLd]) -> Value {
    let post_value = |post: &PostLd, kind: &str| {
        let mut item = Map::new();
        item.insert("@type".into(), json!(kind));
        item.insert("url".into(), json!(post.url));
        item.insert(
            "author".into(),
            json!({"@type": "Person", "name": post.author}),
        );
        if let Some(date) = &post.date {
            item.insert("datePublished".into(), json!(date));
        }
        item.insert("text".into(), json!(post.text));
        if let Some(quoted) = &post.quotes {
            item.insert("isBasedOn".into(), json!(quoted));
        }
        if !post.shares.is_empty() {
            let shared: Vec<Value> = post
                .shares
                .iter()
                .map(|(name, url)| json!({"@type": "NewsArticle", "headline": name, "url": url}))
                .collect();
            item.insert("sharedContent".into(), Value::Array(shared));
        }
        item
    };
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    if let Some(first) = posts.first() {
        object.extend(post_value(first, "DiscussionForumPosting"));
    } else {
        object.insert("@type".into(), json!("DiscussionForumPosting"));
    }
    object.insert("headline".into(), json!(title));
    object.insert("url".into(), json!(url));
    if let Some((name, href)) = about {
        object.insert(
            "about".into(),
            json!({"@type": "Thing", "name": name, "url": href}),
        );
    }
    object.insert("commentCount".into(), json!(posts.len().saturating_sub(1)));
    let comments: Vec<Value> = posts
        .iter()
        .skip(1)
        .map(|post| Value::Object(post_value(post, "Comment")))
        .collect();
    if !comments.is_empty() {
        object.insert("comment".into(), Value::Array(comments));
    }
    Value::Object(object)
}
