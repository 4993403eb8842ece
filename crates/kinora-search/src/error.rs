//! What can go wrong with the search index: tantivy's errors, its folder,
//! and a writer left unusable by an earlier failure.

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
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
