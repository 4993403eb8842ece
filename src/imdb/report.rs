//! What an IMDb import is asked (who writes, the dump's date, where the
//! rejects and the spool go, entities per change) and what it did, file by
//! file and in all.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kinora_core::PartialDate;

pub struct ImdbOptions {
    pub author: String,
    /// The date of the dump, for the source and the ratings.
    pub as_of: PartialDate,
    /// Where rejected lines are written.
    pub rejects: PathBuf,
    /// Where the spool lives during the import.
    pub spool: PathBuf,
    /// Entities per change.
    pub batch: usize,
}

/// What an import did, file by file and in all.
#[derive(Debug, Default, Clone)]
pub struct ImdbReport {
    pub files: BTreeMap<&'static str, FileCounts>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub seconds: f64,
    /// How long each part of the import took, in seconds, in order.
    pub phases: Vec<(&'static str, f64)>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct FileCounts {
    pub read: u64,
    pub rejected: u64,
}

impl ImdbReport {
    pub fn rows_read(&self) -> u64 {
        self.files.values().map(|counts| counts.read).sum()
    }

    pub(super) fn phase(&mut self, name: &'static str, started: std::time::Instant) {
        self.phases.push((name, started.elapsed().as_secs_f64()));
    }

    pub fn rejected(&self) -> u64 {
        self.files.values().map(|counts| counts.rejected).sum()
    }
}

pub(super) fn count(report: &mut ImdbReport, put: kinora_store::WriteReport) {
    report.created += put.created;
    report.updated += put.updated;
    report.unchanged += put.unchanged;
}
