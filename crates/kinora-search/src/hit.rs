//! One entity found: read back from the index's stored fields, with the
//! name of the entity's own that the query matched and how.

use kinora_core::EntityKind;
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::analysis::{Analysis, MatchKind};
use crate::error::{Result, SearchError};
use crate::schema::Fields;

/// One entity found, with the name that matched it and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
    /// The name or title the query matched (one of the entity's own).
    pub matched: String,
    #[serde(rename = "match")]
    pub how: MatchKind,
    pub score: f32,
}

impl Hit {
    /// The hit of a stored document the query scored `score`. Fails when
    /// the document is of a kind this version does not know.
    pub(crate) fn read(
        fields: &Fields,
        doc: &TantivyDocument,
        analysis: &Analysis,
        prefix: bool,
        score: f32,
    ) -> Result<Hit> {
        let f = fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let names: Vec<&str> = doc
            .get_all(f.name)
            .filter_map(|value| value.as_str())
            .collect();
        let primary = doc
            .get_first(f.primary)
            .and_then(|value| value.as_u64())
            .unwrap_or(1) as usize;
        let (matched, how) = analysis.best_name(&names, primary, prefix, score);
        let kind = text(f.kind);
        let kind = EntityKind::parse(&kind).ok_or_else(|| SearchError::UnknownKind {
            kind,
            id: text(f.id),
        })?;
        Ok(Hit {
            kind,
            id: text(f.id),
            label: text(f.label),
            year: doc
                .get_first(f.year)
                .and_then(|value| value.as_i64())
                .and_then(|year| i32::try_from(year).ok()),
            matched: matched.to_owned(),
            how,
            score,
        })
    }
}
