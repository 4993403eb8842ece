//! What can go wrong with the search index: tantivy's errors, its folder,
//! a writer left unusable by an earlier failure, and an entity of a kind
//! the index holds but this version cannot read.

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("search index: the writer is unusable after an earlier failure")]
    Poisoned,
    #[error("search index: entity `{id}` is of a kind this version cannot read: `{kind}`")]
    UnknownKind { kind: String, id: String },
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
