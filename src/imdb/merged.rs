//! Title files sorted by title id, as IMDb's are, merged as they are read:
//! the order checked first, then one pass over all of them at once, a
//! batch of titles at a time; lines of a title not in title.basics are
//! rejected.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use kinora_formats::imdb::{ImdbFile, Reject, TsvReader};

use super::catalog::Catalog;
use super::files::{file_progress, open, read_whole};
use super::lines::{Hashed, TitleLines, parse_line, title_key};
use super::rejects::Rejects;
use super::report::{FileCounts, ImdbOptions, ImdbReport};
use super::titles::write_titles;

/// The order of the ids in IMDb's files: by number (`tt9999999` before
/// `tt10000000`), or as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum IdOrder {
    Numeric,
    Text,
}

impl IdOrder {
    fn compare(self, a: &str, b: &str) -> std::cmp::Ordering {
        match self {
            // Ids are a prefix and digits without leading zeros beyond a
            // fixed width, so a longer id is a larger number.
            IdOrder::Numeric => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            IdOrder::Text => a.cmp(b),
        }
    }
}

/// The order every title file is sorted in, if they all are (IMDb's own
/// files are, by title id). Reads only the first field of each line.
pub(super) fn sorted_order(files: &[(ImdbFile, PathBuf)]) -> anyhow::Result<Option<IdOrder>> {
    let mut numeric = true;
    let mut text = true;
    for (file, path) in files
        .iter()
        .filter(|(file, _)| *file != ImdbFile::NameBasics)
    {
        let progress = file_progress(path, "checking order");
        // Line by line in bounded memory, as the import reads them; a line
        // the import rejects has no id to order.
        let mut tsv = TsvReader::open(*file, open(path, &progress)?)
            .with_context(|| format!("{}", path.display()))?;
        let mut previous: Option<String> = None;
        while let Some(line) = tsv.next_line() {
            let Ok(line) = line else {
                continue;
            };
            let key = std::borrow::Cow::Borrowed(title_key(line.text()));
            if let Some(previous) = &previous {
                numeric &= IdOrder::Numeric.compare(previous, &key).is_le();
                text &= IdOrder::Text.compare(previous, &key).is_le();
            }
            if !numeric && !text {
                progress.finish_and_clear();
                tracing::info!(
                    "{} is not sorted by title id: its lines are spooled",
                    file.stem()
                );
                return Ok(None);
            }
            match &mut previous {
                Some(previous) => {
                    previous.clear();
                    previous.push_str(&key);
                }
                None => previous = Some(key.into_owned()),
            }
        }
        read_whole(&tsv, path)?;
        progress.finish_and_clear();
    }
    Ok(Some(if numeric {
        IdOrder::Numeric
    } else {
        IdOrder::Text
    }))
}

/// One title file read in order, a good line ahead.
struct Cursor {
    file: ImdbFile,
    tsv: TsvReader<Box<dyn Read + Send>>,
    progress: indicatif::ProgressBar,
    next: Option<(String, i64, Hashed)>,
    read: u64,
    path: PathBuf,
}

impl Cursor {
    /// Opens a file; only a file whose progress is shown gets a bar (the
    /// files are read together, and title.basics stands for all).
    fn open(
        file: ImdbFile,
        path: &Path,
        shown: bool,
        rejects: &mut Rejects,
    ) -> anyhow::Result<Cursor> {
        let progress = if shown {
            file_progress(path, "titles, from all title files")
        } else {
            indicatif::ProgressBar::hidden()
        };
        let reader = open(path, &progress)?;
        let tsv = TsvReader::open(file, reader).with_context(|| format!("{}", path.display()))?;
        let mut cursor = Cursor {
            file,
            tsv,
            progress,
            next: None,
            read: 0,
            path: path.to_owned(),
        };
        cursor.advance(rejects)?;
        Ok(cursor)
    }

    /// Moves to the next good line; bad ones go to the rejects.
    fn advance(&mut self, rejects: &mut Rejects) -> anyhow::Result<()> {
        self.next = None;
        while let Some(line) = self.tsv.next_line() {
            self.read += 1;
            match line.and_then(|line| parse_line(self.file, &line)) {
                Ok(parsed) => {
                    self.next = Some(parsed);
                    break;
                }
                Err(reject) => rejects.add(self.file, &reject)?,
            }
        }
        if self.next.is_none() {
            self.progress.finish_and_clear();
            read_whole(&self.tsv, &self.path)?;
        }
        Ok(())
    }

    fn key(&self) -> Option<&str> {
        self.next.as_ref().map(|(key, _, _)| key.as_str())
    }
}

/// Titles from files sorted by title id, merged as they are read: no
/// spool, one pass. An episode whose series comes later in the files waits
/// in memory until the end (IMDb has few).
pub(super) async fn import_titles_streaming(
    catalog: &Catalog<'_>,
    files: &[(ImdbFile, PathBuf)],
    order: IdOrder,
    options: &ImdbOptions,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    let Some((_, basics_path)) = files
        .iter()
        .find(|(file, _)| *file == ImdbFile::TitleBasics)
    else {
        return Ok(());
    };
    let mut basics = Cursor::open(ImdbFile::TitleBasics, basics_path, true, rejects)?;
    let mut others = Vec::new();
    for (file, path) in files
        .iter()
        .filter(|(file, _)| !matches!(file, ImdbFile::TitleBasics | ImdbFile::NameBasics))
    {
        others.push(Cursor::open(*file, path, false, rejects)?);
    }
    let orphan = |cursor: &Cursor, rejects: &mut Rejects| -> anyhow::Result<()> {
        if let Some((key, line, _)) = &cursor.next {
            rejects.add(
                cursor.file,
                &Reject {
                    line: *line as u64,
                    reason: format!("{key} is not in title.basics"),
                },
            )?;
        }
        Ok(())
    };
    let mut waiting: Vec<(String, TitleLines)> = Vec::new();
    loop {
        let mut batch: Vec<(String, TitleLines)> = Vec::with_capacity(options.batch);
        while batch.len() < options.batch {
            let Some((key, line, row)) = basics.next.take() else {
                break;
            };
            basics.advance(rejects)?;
            let mut lines = TitleLines::default();
            lines.add(line, row);
            // The same title again, on the next lines: rejected, not
            // written over the first.
            while basics.key() == Some(key.as_str()) {
                if let Some((_, again, _)) = basics.next.take() {
                    lines.repeated_basics.push(again);
                }
                basics.advance(rejects)?;
            }
            for cursor in &mut others {
                while let Some(other) = cursor.key() {
                    match order.compare(other, &key) {
                        std::cmp::Ordering::Less => {
                            orphan(cursor, rejects)?;
                            cursor.advance(rejects)?;
                        }
                        std::cmp::Ordering::Equal => {
                            if let Some((_, line, row)) = cursor.next.take() {
                                lines.add(line, row);
                            }
                            cursor.advance(rejects)?;
                        }
                        std::cmp::Ordering::Greater => break,
                    }
                }
            }
            batch.push((key, lines));
        }
        if batch.is_empty() {
            break;
        }
        write_titles(catalog, options, batch, Some(&mut waiting), rejects, report).await?;
    }
    for cursor in &mut others {
        while cursor.next.is_some() {
            orphan(cursor, rejects)?;
            cursor.advance(rejects)?;
        }
    }
    while !waiting.is_empty() {
        let rest = waiting.split_off(waiting.len().min(options.batch.max(1)));
        let chunk = std::mem::replace(&mut waiting, rest);
        write_titles(catalog, options, chunk, None, rejects, report).await?;
    }
    report.files.insert(
        ImdbFile::TitleBasics.stem(),
        FileCounts {
            read: basics.read,
            rejected: 0,
        },
    );
    for cursor in &others {
        report.files.insert(
            cursor.file.stem(),
            FileCounts {
                read: cursor.read,
                rejected: 0,
            },
        );
    }
    Ok(())
}
