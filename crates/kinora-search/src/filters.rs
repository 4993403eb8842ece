//! The filters of a search: which kinds, a range of years, an entity's
//! country and where a film can be watched. Each is a clause every hit
//! must pass and adds nothing to its score. Lists without a query build
//! theirs from the same pieces.

use std::ops::Bound;

use kinora_core::EntityKind;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::schema::Fields;

/// What a search keeps of what it finds; the default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    /// Only these kinds; empty: every kind.
    pub kinds: Vec<EntityKind>,
    /// Only entities whose year is in this range (both ends included).
    pub years: Option<(i32, i32)>,
    /// Only entities of this country (ISO 3166 alpha-2).
    pub country: Option<String>,
    /// Only films that can be watched in this country (ISO 3166 alpha-2).
    pub available: Option<String>,
}

impl SearchFilters {
    /// The clauses a hit must pass, one a filter that is set.
    pub(crate) fn clauses(&self, f: &Fields) -> Vec<(Occur, Box<dyn Query>)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<(Occur, Box<dyn Query>)> = self
                .kinds
                .iter()
                .map(|kind| (Occur::Should, must_have(f.kind, kind.as_str())))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        if let Some(years) = self.years {
            clauses.push((Occur::Must, years_within(f.year, years)));
        }
        for (field, country) in [(f.country, &self.country), (f.available, &self.available)] {
            if let Some(country) = country {
                clauses.push((Occur::Must, must_have(field, &country.to_ascii_uppercase())));
            }
        }
        clauses
    }
}

/// Documents with this term in the field, scoring nothing.
pub(crate) fn must_have(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        )),
        0.0,
    ))
}

/// Documents whose year is in the range (both ends included), scoring
/// nothing.
pub(crate) fn years_within(field: Field, (from, to): (i32, i32)) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_i64(field, i64::from(from))),
            Bound::Included(Term::from_field_i64(field, i64::from(to))),
        )),
        0.0,
    ))
}
