//! What to look for and the query built for it: the text's exact name, its
//! other spellings, its words (within a few typos in later passes), the
//! beginning of a name as one types, parts of Hangul or Han names; and the
//! search's filters.

use kinora_core::names::is_cjk;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::analysis::{Analysis, PREFIX_MAX, typo_budget};
use crate::filters::SearchFilters;
use crate::ranking::{Pass, Tier};
use crate::schema::Fields;

/// The longest name (without spaces) matched whole within a few typos, and
/// the longest word matched within a few typos. A typo automaton grows with
/// the length of its word; past these, only exact ways to match are tried.
pub const FUZZY_NAME_MAX: usize = 64;
pub const FUZZY_WORD_MAX: usize = 32;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Search<'a> {
    pub text: &'a str,
    pub filters: SearchFilters,
    pub limit: usize,
    /// Treat the last word as the beginning of a word, as a user types.
    pub prefix: bool,
}

/// The query for an analysed text, in one of the passes.
pub(crate) fn query(
    fields: &Fields,
    analysis: &Analysis,
    search: &Search<'_>,
    pass: Pass,
    searcher: &tantivy::Searcher,
) -> Box<dyn Query> {
    let f = fields;
    let constant = |query: Box<dyn Query>, score: f32| -> (Occur, Box<dyn Query>) {
        (Occur::Should, Box::new(ConstScoreQuery::new(query, score)))
    };
    let term = |field: Field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let compact = analysis.compact.as_str();
    if !compact.is_empty() {
        should.push(constant(
            term(f.exact_primary, compact),
            Tier::EXACT_PRIMARY,
        ));
        should.push(constant(term(f.exact_alias, compact), Tier::EXACT_ALIAS));
        let budget = typo_budget(compact);
        // The whole name within a typo or two: in the last pass; in the
        // second, for a one-word query (which is its whole name: a name
        // that is the word ranks above names that contain it), and one
        // typo away for longer queries, which is cheap to look up and
        // tells the name meant from others with the same words.
        let budget = match pass {
            _ if compact.chars().count() > FUZZY_NAME_MAX => 0,
            Pass::AsWritten => 0,
            Pass::TypoInWords if analysis.words.len() > 1 => budget.min(1),
            Pass::TypoInWords | Pass::TypoInName => budget,
        };
        if budget > 0 {
            for field in [f.exact_primary, f.exact_alias] {
                let fuzzy =
                    FuzzyTermQuery::new(Term::from_field_text(field, compact), budget, true);
                should.push(constant(Box::new(fuzzy), Tier::WHOLE_FUZZY));
                // One typo away ranks above two.
                if budget > 1 {
                    let closer =
                        FuzzyTermQuery::new(Term::from_field_text(field, compact), 1, true);
                    should.push(constant(Box::new(closer), Tier::WHOLE_FUZZY_CLOSER));
                }
            }
        }
        // A name that begins with the query, from three letters (one
        // Hangul or Han character) or while typing.
        if search.prefix || compact.chars().count() >= 3 || compact.chars().any(is_cjk) {
            let start: String = compact.chars().take(PREFIX_MAX).collect();
            should.push(constant(term(f.start, &start), Tier::WHOLE_PREFIX));
        }
    }
    if !analysis.keys.is_empty() {
        for (field, score) in [
            (f.key_primary, Tier::SPELLING_PRIMARY),
            (f.key_alias, Tier::SPELLING_ALIAS),
        ] {
            // A few terms, each looked up: tantivy's TermSetQuery walks
            // the term dictionary with an automaton, far slower for so
            // few.
            let any_key: Vec<(Occur, Box<dyn Query>)> = analysis
                .keys
                .iter()
                .map(|key| (Occur::Should, term(field, key)))
                .collect();
            should.push(constant(Box::new(BooleanQuery::new(any_key)), score));
        }
    }
    // While typing a first short word (`the`, `kim`), only names that
    // begin with it are suggested: the word alone is in too many names
    // to rank them all as one types.
    let short_start = search.prefix
        && analysis.words.len() == 1
        && analysis.words[0].chars().count() < if compact.chars().any(is_cjk) { 2 } else { 4 };
    if !analysis.words.is_empty() && !short_start {
        let last = analysis.words.len() - 1;
        let every_word: Vec<(Occur, Box<dyn Query>)> = analysis
            .words
            .iter()
            .enumerate()
            .map(|(index, word)| {
                let mut ways = vec![constant(term(f.word, word), Tier::WORD)];
                let budget = if word.chars().count() > FUZZY_WORD_MAX {
                    0
                } else {
                    typo_budget(word)
                };
                let unknown = pass != Pass::AsWritten
                    && searcher
                        .doc_freq(&Term::from_field_text(f.word, word))
                        .is_ok_and(|count| count == 0);
                if budget > 0 && unknown {
                    let fuzzy =
                        FuzzyTermQuery::new(Term::from_field_text(f.word, word), budget, true);
                    ways.push(constant(Box::new(fuzzy), Tier::WORD_FUZZY));
                    // One typo away ranks above two.
                    if budget > 1 {
                        let closer =
                            FuzzyTermQuery::new(Term::from_field_text(f.word, word), 1, true);
                        ways.push(constant(Box::new(closer), Tier::WORD_FUZZY_CLOSER));
                    }
                }
                // As typed, the last word may be unfinished: it is found
                // as the beginning of any word of a name from four
                // letters (two Hangul or Han characters), or from two
                // after other words. Shorter, only the beginning of the
                // whole name is looked for (above): a beginning as short
                // as `ma` begins words of a third of all names.
                let length = word.chars().count();
                let cjk = word.chars().any(is_cjk);
                let long_enough = if index > 0 {
                    length >= 2 || cjk
                } else if cjk {
                    length >= 2
                } else {
                    length >= 4
                };
                if index == last && long_enough {
                    let start: String = word.chars().take(PREFIX_MAX).collect();
                    ways.push(constant(term(f.prefix, &start), Tier::WORD_PREFIX));
                }
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(ways)) as Box<dyn Query>,
                )
            })
            .collect();
        should.push((Occur::Should, Box::new(BooleanQuery::new(every_word))));
    }
    // Part of a Hangul or Han name (`로싱` of `크로싱`): a fallback,
    // like typos, for when the name as written finds too little.
    if !analysis.bigrams.is_empty() && pass != Pass::AsWritten {
        let every_pair: Vec<(Occur, Box<dyn Query>)> = analysis
            .bigrams
            .iter()
            .map(|gram| (Occur::Must, term(f.bigram, gram)))
            .collect();
        should.push(constant(
            Box::new(BooleanQuery::new(every_pair)),
            Tier::CJK_PART,
        ));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
    clauses.extend(search.filters.clauses(f));
    Box::new(BooleanQuery::new(clauses))
}
