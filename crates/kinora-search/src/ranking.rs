//! How a search ranks: the score of each way a name can match, and the
//! passes a search runs in, from names as written to names with typos.

/// A search runs in up to three passes, each only when the one before
/// finds too little: typo tolerance costs more than exact lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Names, spellings, words and beginnings as written.
    AsWritten,
    /// Also words the index does not know, within a few typos, and parts
    /// of Hangul or Han names.
    TypoInWords,
    /// Also the whole name within a few typos (a joined name misspelt).
    TypoInName,
}

/// The score of each way of matching; a document's score is the sum over
/// the ways it matches, plus a little for popularity. The steps are far
/// enough apart that popularity only orders hits that match alike.
pub(crate) struct Tier;

impl Tier {
    pub(crate) const EXACT_PRIMARY: f32 = 1000.0;
    pub(crate) const EXACT_ALIAS: f32 = 900.0;
    pub(crate) const SPELLING_PRIMARY: f32 = 600.0;
    pub(crate) const SPELLING_ALIAS: f32 = 500.0;
    pub(crate) const WHOLE_FUZZY: f32 = 250.0;
    pub(crate) const WHOLE_FUZZY_CLOSER: f32 = 50.0;
    /// Taken off a hit found despite typos, per edit between the query and
    /// its name.
    pub(crate) const PER_EDIT: f32 = 10.0;
    pub(crate) const CJK_PART: f32 = 150.0;
    pub(crate) const WORD: f32 = 40.0;
    pub(crate) const WORD_FUZZY: f32 = 20.0;
    pub(crate) const WORD_FUZZY_CLOSER: f32 = 10.0;
    pub(crate) const WORD_PREFIX: f32 = 15.0;
    pub(crate) const WHOLE_PREFIX: f32 = 100.0;
    /// Popularity adds at most about `weight × ln(10⁷)`.
    pub(crate) const POPULARITY: f32 = 0.5;
    pub(crate) const POPULARITY_SUGGEST: f32 = 3.0;
}
