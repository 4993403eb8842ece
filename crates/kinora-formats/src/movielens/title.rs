//! MovieLens titles taken apart: the year, an alternate title in
//! parentheses, and a leading article MovieLens moved to the end.

/// A MovieLens title taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub title: String,
    pub alternate: Option<String>,
    pub year: Option<i32>,
}

/// Articles MovieLens moves to the end of a title: `Godfather, The`.
const ARTICLES: [&str; 30] = [
    "The", "A", "An", "Les", "La", "Le", "L'", "Il", "I", "Gli", "Lo", "El", "Los", "Las", "Das",
    "Der", "Die", "Den", "Det", "De", "Het", "O", "Os", "As", "Un", "Une", "Una", "Uno", "Ein",
    "Eine",
];

impl Title {
    /// `Horseman on the Roof, The (Hussard sur le toit, Le) (1995)` is
    /// `The Horseman on the Roof`, also `Le Hussard sur le toit`, 1995.
    pub fn parse(text: &str) -> Title {
        let mut rest = text.trim();
        let mut year = None;
        if let Some((before, inside)) = last_parenthesis(rest)
            && let Some(found) = year_in(inside)
        {
            year = Some(found);
            rest = before;
        }
        let mut alternate = None;
        if let Some((before, inside)) = last_parenthesis(rest)
            && !before.is_empty()
        {
            let inside = inside.trim();
            let inside = inside.strip_prefix("a.k.a. ").unwrap_or(inside);
            if !inside.is_empty() {
                alternate = Some(article_first(inside));
                rest = before;
            }
        }
        Title {
            title: article_first(rest),
            alternate,
            year,
        }
    }
}

/// A text ending in a parenthesis: what comes before it (trimmed), and
/// what is inside.
fn last_parenthesis(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_suffix(')')?;
    let mut depth = 0usize;
    for (index, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((inner[..index].trim_end(), &inner[index + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `1995`, or the first year of `2007-` and `1983-1984`.
fn year_in(text: &str) -> Option<i32> {
    let text = text.trim();
    let first = text.get(..4)?;
    let after = &text[4..];
    let range = after.is_empty()
        || (after.starts_with(['-', '–'])
            && after
                .trim_start_matches(['-', '–'])
                .bytes()
                .all(|b| b.is_ascii_digit()));
    (first.bytes().all(|b| b.is_ascii_digit()) && range)
        .then(|| first.parse().ok())
        .flatten()
}

/// `Godfather, The` as `The Godfather`; `Enfer, L'` as `L'Enfer`.
fn article_first(title: &str) -> String {
    let title = title.trim();
    if let Some((head, article)) = title.rsplit_once(", ")
        && ARTICLES.contains(&article)
        && !head.is_empty()
    {
        return if article.ends_with('\'') {
            format!("{article}{head}")
        } else {
            format!("{article} {head}")
        };
    }
    title.to_owned()
}
