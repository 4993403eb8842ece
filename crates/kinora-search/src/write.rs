//! Writing to the index: entities brought up to date or removed as the
//! store's edit log says, a rebuild from scratch (clear, add, finish), and
//! what an entity's document holds in each of the index's fields.

use std::sync::MutexGuard;
use std::sync::atomic::Ordering;

use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use crate::analysis::{Analysis, prefixes};
use crate::document::{Document, entity_key};
use crate::error::{Result, SearchError};
use crate::index::{Payload, SearchIndex, VERSION};

/// Memory for the writer's buffers: more is faster for big rebuilds.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

impl SearchIndex {
    /// Brings entities up to date and removes others, then commits with
    /// the store's change `position`. Each document replaces the entity's
    /// earlier one.
    pub fn apply(
        &self,
        documents: &[Document],
        removed: &[(String, String)],
        position: i64,
    ) -> Result<()> {
        let guard = self.writer()?;
        let writer = guard.as_ref().ok_or(SearchError::Poisoned)?;
        for (kind, id) in removed {
            writer.delete_term(Term::from_field_text(
                self.fields.entity,
                &entity_key(kind, id),
            ));
        }
        self.add_locked(writer, documents, true)?;
        let stale = self.needs_rebuild();
        self.commit_locked(guard, position, !stale)
    }

    /// Starts a rebuild: removes every entity. Add them back with
    /// [`add`](SearchIndex::add) and end with [`finish`](SearchIndex::finish).
    /// Until then the index reads as needing a rebuild, even after a crash.
    pub fn clear(&self, position: i64) -> Result<()> {
        let guard = self.writer()?;
        let writer = guard.as_ref().ok_or(SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        // Segments are merged once, at the end.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        self.stale.store(true, Ordering::SeqCst);
        self.commit_locked(guard, position, false)
    }

    /// Adds documents of entities not in the index (during a rebuild), not
    /// yet committed.
    pub fn add(&self, documents: &[Document]) -> Result<()> {
        let guard = self.writer()?;
        self.add_locked(
            guard.as_ref().ok_or(SearchError::Poisoned)?,
            documents,
            false,
        )
    }

    /// Ends a rebuild: commits what was added, as of change `position`,
    /// and merges it into one segment, which searches fastest.
    pub fn finish(&self, position: i64) -> Result<()> {
        let guard = self.writer()?;
        self.commit_locked(guard, position, false)?;
        let mut guard = self.writer()?;
        let writer = guard.as_mut().ok_or(SearchError::Poisoned)?;
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.set_merge_policy(Box::new(tantivy::indexer::LogMergePolicy::default()));
        self.commit_locked(guard, position, true)?;
        self.stale.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// The writer, made when first needed. Fails when another process
    /// writes to the index.
    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        if writer.is_none() {
            let threads = std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1)
                .clamp(1, 4);
            *writer = Some(self.index.writer_with_num_threads(threads, WRITER_MEMORY)?);
        }
        Ok(writer)
    }

    fn add_locked(
        &self,
        writer: &IndexWriter,
        documents: &[Document],
        replace: bool,
    ) -> Result<()> {
        for document in documents {
            if replace {
                writer.delete_term(Term::from_field_text(self.fields.entity, &document.key()));
            }
            writer.add_document(self.tantivy_document(document))?;
        }
        Ok(())
    }

    fn commit_locked(
        &self,
        mut writer: MutexGuard<'_, Option<IndexWriter>>,
        position: i64,
        complete: bool,
    ) -> Result<()> {
        let payload = Payload {
            version: VERSION,
            position,
            complete,
        };
        let Some(writer_ref) = writer.as_mut() else {
            return Err(SearchError::Poisoned);
        };
        let mut commit = writer_ref.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(&payload).unwrap_or_default());
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        self.position.store(position, Ordering::SeqCst);
        Ok(())
    }

    fn tantivy_document(&self, document: &Document) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.entity, document.key());
        doc.add_text(f.kind, &document.kind);
        doc.add_text(f.id, &document.id);
        doc.add_text(f.label, &document.label);
        if let Some(year) = document.year {
            doc.add_i64(f.year, i64::from(year));
        }
        for country in &document.countries {
            doc.add_text(f.country, country.to_ascii_uppercase());
        }
        for country in &document.available {
            doc.add_text(f.available, country.to_ascii_uppercase());
        }
        doc.add_u64(f.primary, document.primary as u64);
        doc.add_u64(f.popularity, document.popularity);
        for genre in &document.genres {
            doc.add_text(f.genre, genre);
        }
        for language in &document.languages {
            doc.add_text(f.language, language);
        }
        if let Some(rating) = document.rating {
            doc.add_u64(f.rating, rating);
        }
        let year = document.year.map(i64::from);
        doc.add_i64(f.newest, year.unwrap_or(i64::MIN));
        doc.add_i64(f.oldest, year.map_or(i64::MIN, |year| -year));
        let mut seen = std::collections::HashSet::new();
        for (index, name) in document.names.iter().enumerate() {
            let primary = index < document.primary;
            doc.add_text(f.name, name);
            let analysis = Analysis::of_name(name);
            if !analysis.compact.is_empty() {
                let field = if primary {
                    f.exact_primary
                } else {
                    f.exact_alias
                };
                doc.add_text(field, &analysis.compact);
            }
            for key in &analysis.keys {
                let field = if primary { f.key_primary } else { f.key_alias };
                doc.add_text(field, key);
            }
            for word in &analysis.words {
                if seen.insert(("w", word.clone())) {
                    doc.add_text(f.word, word);
                }
            }
            for start in prefixes(&analysis.compact) {
                if seen.insert(("s", start.clone())) {
                    doc.add_text(f.start, start);
                }
            }
            for prefix in analysis.word_prefixes() {
                if seen.insert(("p", prefix.clone())) {
                    doc.add_text(f.prefix, prefix);
                }
            }
            for gram in &analysis.bigrams {
                if seen.insert(("b", gram.clone())) {
                    doc.add_text(f.bigram, gram);
                }
            }
        }
        doc
    }
}
