//! Browsing without a query: every entity of a kind that passes filters
//! (genre, decade or year, country, language, where to watch), in an order
//! read from fast fields (popularity, rating, year), a page at a time, and
//! the values a filter can take with how many entities have each.

use std::collections::BTreeSet;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, TantivyDocument};

use crate::error::Result;
use crate::filters::{must_have, years_within};
use crate::index::SearchIndex;

/// How a browsed list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrowseOrder {
    /// Most referred to first: credits, sources, votes elsewhere.
    #[default]
    Popular,
    /// Best rated on other sites first.
    Rating,
    Newest,
    Oldest,
}

impl BrowseOrder {
    pub const ALL: [BrowseOrder; 4] = [
        BrowseOrder::Popular,
        BrowseOrder::Rating,
        BrowseOrder::Newest,
        BrowseOrder::Oldest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BrowseOrder::Popular => "popular",
            BrowseOrder::Rating => "rating",
            BrowseOrder::Newest => "newest",
            BrowseOrder::Oldest => "oldest",
        }
    }

    pub fn parse(text: &str) -> Option<BrowseOrder> {
        BrowseOrder::ALL
            .into_iter()
            .find(|order| order.as_str() == text)
    }
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Browse {
    /// `film`, `person`…
    pub kind: String,
    pub years: Option<(i32, i32)>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    /// Where it can be watched: ISO 3166 alpha-2.
    pub available: Option<String>,
    /// In lower case.
    pub genre: Option<String>,
    /// A primary language subtag: `ko`.
    pub language: Option<String>,
    pub order: BrowseOrder,
    pub offset: usize,
    pub limit: usize,
}

/// One entity listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
}

/// A page of a list, with how many entities pass the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Browsed {
    pub total: usize,
    pub items: Vec<Listed>,
}

/// A value a filter can take, and how many entities of the kind have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub value: String,
    pub count: usize,
}

impl SearchIndex {
    /// A page of the entities that pass the filters, in order.
    pub fn browse(&self, browse: &Browse) -> Result<Browsed> {
        let searcher = self.reader.searcher();
        let query = self.browse_query(browse);
        let total = searcher.search(&query, &Count)?;
        let top = TopDocs::with_limit(browse.limit.max(1)).and_offset(browse.offset);
        let addresses: Vec<DocAddress> = match browse.order {
            BrowseOrder::Popular => searcher
                .search(
                    &query,
                    &top.order_by_fast_field::<u64>("popularity", Order::Desc),
                )?
                .into_iter()
                .map(|(_, address)| address)
                .collect(),
            BrowseOrder::Rating => searcher
                .search(
                    &query,
                    &top.order_by_fast_field::<u64>("rating", Order::Desc),
                )?
                .into_iter()
                .map(|(_, address)| address)
                .collect(),
            BrowseOrder::Newest | BrowseOrder::Oldest => {
                let field = if browse.order == BrowseOrder::Newest {
                    "newest"
                } else {
                    "oldest"
                };
                searcher
                    .search(&query, &top.order_by_fast_field::<i64>(field, Order::Desc))?
                    .into_iter()
                    .map(|(_, address)| address)
                    .collect()
            }
        };
        let mut items = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|value| value.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            items.push(Listed {
                kind: text(self.fields.kind),
                id: text(self.fields.id),
                label: text(self.fields.label),
                year: doc
                    .get_first(self.fields.year)
                    .and_then(|value| value.as_i64())
                    .and_then(|year| i32::try_from(year).ok()),
            });
        }
        Ok(Browsed { total, items })
    }

    /// How many entities of a kind the index holds.
    pub fn count(&self, kind: &str) -> Result<usize> {
        let searcher = self.reader.searcher();
        Ok(searcher.search(&must_have(self.fields.kind, kind), &Count)?)
    }

    /// The values of `genre`, `country` or `language` among entities of
    /// `kind`, most common first.
    pub fn facets(&self, kind: &str, facet: &str) -> Result<Vec<Facet>> {
        let field = match facet {
            "genre" => self.fields.genre,
            "country" => self.fields.country,
            "language" => self.fields.language,
            _ => return Ok(Vec::new()),
        };
        let searcher = self.reader.searcher();
        let mut values = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(field)?;
            let mut terms = index
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                values.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        let mut facets = Vec::with_capacity(values.len());
        for value in values {
            let query = BooleanQuery::new(vec![
                (Occur::Must, must_have(self.fields.kind, kind)),
                (Occur::Must, must_have(field, &value)),
            ]);
            let count = searcher.search(&query, &Count)?;
            if count > 0 {
                facets.push(Facet { value, count });
            }
        }
        facets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        Ok(facets)
    }

    fn browse_query(&self, browse: &Browse) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::Must, must_have(f.kind, &browse.kind)),
        ];
        if let Some(years) = browse.years {
            clauses.push((Occur::Must, years_within(f.year, years)));
        }
        for (field, value) in [
            (
                f.country,
                browse.country.as_ref().map(|c| c.to_ascii_uppercase()),
            ),
            (
                f.available,
                browse.available.as_ref().map(|c| c.to_ascii_uppercase()),
            ),
            (f.genre, browse.genre.as_ref().map(|g| g.to_lowercase())),
            (
                f.language,
                browse.language.as_ref().map(|l| l.to_ascii_lowercase()),
            ),
        ] {
            if let Some(value) = value {
                clauses.push((Occur::Must, must_have(field, &value)));
            }
        }
        BooleanQuery::new(clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn film(id: &str, year: Option<i32>, popularity: u64) -> Document {
        Document {
            kind: "film".into(),
            id: id.into(),
            label: id.into(),
            year,
            countries: vec!["KR".into()],
            available: Vec::new(),
            names: vec![id.into()],
            primary: 1,
            popularity,
            genres: vec!["drama".into()],
            languages: Vec::new(),
            rating: None,
        }
    }

    #[test]
    fn years_run_either_way_with_the_unknown_last() {
        let index = SearchIndex::in_memory().unwrap();
        index
            .add(&[
                film("a", Some(2001), 5),
                film("b", None, 9),
                film("c", Some(2010), 1),
            ])
            .unwrap();
        index.finish(1).unwrap();
        let ids = |order| {
            index
                .browse(&Browse {
                    kind: "film".into(),
                    order,
                    limit: 10,
                    ..Browse::default()
                })
                .unwrap()
                .items
                .into_iter()
                .map(|item| item.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(BrowseOrder::Newest), ["c", "a", "b"]);
        assert_eq!(ids(BrowseOrder::Oldest), ["a", "c", "b"]);
        assert_eq!(ids(BrowseOrder::Popular), ["b", "a", "c"]);
        let facets = index.facets("film", "genre").unwrap();
        assert_eq!(
            facets,
            [Facet {
                value: "drama".into(),
                count: 3
            }]
        );
    }
}
