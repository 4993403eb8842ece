//! The rejects file: every line the import leaves out, with its file, line
//! and reason, counted file by file.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use kinora_formats::imdb::{ImdbFile, Reject};

/// Rejected lines, written as TSV: file, line, reason; and counted.
/// Written by hand rather than with csv's writer, which would quote a reason
/// holding a quote: tabs and line breaks become spaces, nothing is quoted.
pub(super) struct Rejects {
    out: BufWriter<std::fs::File>,
    names: HashMap<ImdbFile, String>,
    counts: HashMap<ImdbFile, u64>,
}

impl Rejects {
    pub(super) fn create(path: &Path, files: &[(ImdbFile, PathBuf)]) -> anyhow::Result<Rejects> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = BufWriter::new(file);
        writeln!(out, "file\tline\treason")?;
        let names = files
            .iter()
            .map(|(file, path)| {
                (
                    *file,
                    path.file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        Ok(Rejects {
            out,
            names,
            counts: HashMap::new(),
        })
    }

    /// How many lines were rejected so far.
    pub(super) fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    pub(super) fn add(&mut self, file: ImdbFile, reject: &Reject) -> anyhow::Result<()> {
        let name = self
            .names
            .get(&file)
            .map(String::as_str)
            .unwrap_or(file.stem());
        writeln!(
            self.out,
            "{name}\t{}\t{}",
            reject.line,
            reject.reason.replace(['\t', '\n'], " ")
        )?;
        *self.counts.entry(file).or_default() += 1;
        Ok(())
    }

    /// Writes out what is left, and gives the count of rejected lines by
    /// file.
    pub(super) fn finish(mut self) -> anyhow::Result<HashMap<ImdbFile, u64>> {
        self.out.flush()?;
        Ok(self.counts)
    }
}
