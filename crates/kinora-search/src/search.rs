//! A search run: first names as written, then with typos only when that
//! finds too little; the best documents scored by how they match and a
//! little by popularity (more so for suggestions as one types), read back
//! as hits.

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::TantivyDocument;
use tantivy::{DocAddress, Term};

use crate::analysis::{Analysis, typo_budget};
use crate::error::Result;
use crate::hit::Hit;
use crate::index::SearchIndex;
use crate::query::{Search, query};
use crate::ranking::{Pass, Tier};

impl SearchIndex {
    /// The best hits for a search, best first.
    pub fn search(&self, search: &Search<'_>) -> Result<Vec<Hit>> {
        let analysis = Analysis::of_query(search.text);
        if analysis.is_empty() || search.limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        // Most queries are spelled right: first without typos, which is
        // cheap; with them only when that finds too little, or at once when
        // a word is one the index does not know (the unfinished last word
        // of a suggestion aside).
        let typed = if search.prefix {
            analysis.words.len().saturating_sub(1)
        } else {
            analysis.words.len()
        };
        let unknown_word = analysis.words[..typed].iter().any(|word| {
            typo_budget(word) > 0
                && searcher
                    .doc_freq(&Term::from_field_text(self.fields.word, word))
                    .is_ok_and(|count| count == 0)
        });
        let words = analysis.words.len() as f32;
        let mut top = Vec::new();
        let mut passes = vec![
            (Pass::AsWritten, Tier::WORD * words),
            (Pass::TypoInWords, Tier::WORD_FUZZY * words),
            (Pass::TypoInName, 0.0),
        ];
        if unknown_word {
            passes.remove(0);
        }
        let mut last_pass = Pass::AsWritten;
        for (pass, good) in passes {
            last_pass = pass;
            // With typos, more candidates, ranked again below.
            let limit = if pass == Pass::AsWritten {
                search.limit
            } else {
                (search.limit * 3).max(30)
            };
            top = self.top(
                &searcher,
                &query(&self.fields, &analysis, search, pass, &searcher),
                limit,
                search.prefix,
            )?;
            let enough = top.len() >= search.limit
                || top
                    .first()
                    .is_some_and(|(score, _)| *score >= Tier::SPELLING_ALIAS.min(good));
            if enough {
                break;
            }
        }
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(Hit::read(
                &self.fields,
                &doc,
                &analysis,
                search.prefix,
                score,
            )?);
        }
        if last_pass != Pass::AsWritten {
            // Among names found despite typos, the one nearest the query as
            // a whole comes first: `Memories of Murdre` is Memories of
            // Murder, not a longer title with the same words.
            for hit in &mut hits {
                hit.score -= Tier::PER_EDIT * analysis.distance(&hit.matched).min(8) as f32;
            }
            hits.sort_by(|a, b| b.score.total_cmp(&a.score));
            hits.truncate(search.limit);
        }
        Ok(hits)
    }

    /// The best documents for a query, scored by how they match and a
    /// little by popularity.
    fn top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
        prefix: bool,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let weight = if prefix {
            Tier::POPULARITY_SUGGEST
        } else {
            Tier::POPULARITY
        };
        let collector =
            TopDocs::with_limit(limit).tweak_score(move |segment: &tantivy::SegmentReader| {
                let popularity = segment
                    .fast_fields()
                    .u64("popularity")
                    .map(|column| column.first_or_default_col(0));
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    let popular = popularity.as_ref().map_or(0, |column| column.get_val(doc));
                    score + weight * (popular as f32).ln_1p()
                }
            });
        Ok(searcher.search(query, &collector)?)
    }
}
