//! A member's file taken in: its format told from its name and first bytes,
//! read off the async workers a few at a time, then matched and written.

use kinora_core::community::AccountId;
use std::io::{Read, Seek};

use anyhow::bail;
use kinora_formats::imdb_lists;
use kinora_formats::letterboxd;
use kinora_store::Store;

use super::intake::{Intake, imdb_intake, letterboxd_intake};
use super::settle::{ImportReport, settle};
use crate::search::Searcher;

/// The queue label of rows from a Letterboxd export or file.
pub const LETTERBOXD: &str = "Letterboxd";
/// The queue label of rows from an IMDb ratings or list file.
pub const IMDB: &str = "IMDb";

/// Imports a Letterboxd export ZIP into an account.
pub async fn import_letterboxd(
    store: &Store,
    searcher: &Searcher,
    account_id: AccountId,
    zip: impl Read + Seek,
) -> anyhow::Result<ImportReport> {
    let export = letterboxd::read_export(zip)?;
    settle(
        store,
        searcher,
        account_id,
        LETTERBOXD,
        letterboxd_intake(&export),
    )
    .await
}

/// Imports one Letterboxd CSV file into an account: a file of an export
/// (`diary.csv`, `ratings.csv`, a list…) or one in Letterboxd's import
/// layout. `name` names it in messages and decides between files with the
/// same columns.
pub async fn import_letterboxd_csv(
    store: &Store,
    searcher: &Searcher,
    account_id: AccountId,
    name: &str,
    reader: impl Read,
) -> anyhow::Result<ImportReport> {
    let export = letterboxd::read_csv(name, reader)?;
    settle(
        store,
        searcher,
        account_id,
        LETTERBOXD,
        letterboxd_intake(&export),
    )
    .await
}

/// Imports an IMDb ratings export, watchlist or list into an account. A
/// ratings file sets ratings; a file named like `WATCHLIST.csv` fills the
/// watchlist; any other list becomes a list named after the file. Rows are
/// matched by their IMDb id first.
pub async fn import_imdb(
    store: &Store,
    searcher: &Searcher,
    account_id: AccountId,
    name: &str,
    reader: impl Read,
) -> anyhow::Result<ImportReport> {
    let (kind, rows) = imdb_lists::read(name, reader)?;
    let intake = imdb_intake(name, kind, &rows);
    settle(store, searcher, account_id, IMDB, intake).await
}

/// Which importer a member's file is for (also `kinora user import --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    /// A Letterboxd export (ZIP) or one of its CSV files.
    Letterboxd,
    /// An IMDb ratings export, watchlist or list (CSV).
    Imdb,
}

/// The format of a member's file, from its name and first bytes: a ZIP is
/// a Letterboxd export; a CSV whose header has IMDb's `Const` column is
/// IMDb's; any other CSV is Letterboxd's.
pub fn guess_format(name: &str, bytes: &[u8]) -> anyhow::Result<HistoryFormat> {
    if bytes.starts_with(b"PK") || name.to_lowercase().ends_with(".zip") {
        return Ok(HistoryFormat::Letterboxd);
    }
    // The header row, read from the first bytes as the readers read it
    // (quoted names, blank lines before it). The csv crate drops a UTF-8
    // byte order mark itself when its first buffer holds the whole mark:
    // here it holds all these bytes.
    let mut reader = csv::Reader::from_reader(&bytes[..bytes.len().min(4096)]);
    let header = reader.byte_headers()?;
    if header.is_empty() {
        bail!("{name}: {}", kinora_i18n::t("csv-file-empty"));
    }
    let mut columns = header
        .iter()
        .map(|column| String::from_utf8_lossy(column).trim().to_lowercase());
    if columns.any(|column| column == "const") {
        Ok(HistoryFormat::Imdb)
    } else {
        Ok(HistoryFormat::Letterboxd)
    }
}

/// Reading members' files (unzipping, parsing CSV) runs off the async
/// workers, this many at once; another upload waits its turn.
const READS_AT_ONCE: usize = 2;
static READING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(READS_AT_ONCE);

/// Reads a member's file in the given format: what it holds, to be matched.
/// Within [`letterboxd::Budget::upload`]'s limits.
fn read_file(
    name: &str,
    bytes: &[u8],
    format: HistoryFormat,
) -> anyhow::Result<(&'static str, Intake)> {
    Ok(match format {
        HistoryFormat::Letterboxd if bytes.starts_with(b"PK") => {
            let export = letterboxd::read_export(std::io::Cursor::new(bytes))?;
            (LETTERBOXD, letterboxd_intake(&export))
        }
        HistoryFormat::Letterboxd => {
            let export = letterboxd::read_csv(name, bytes)?;
            (LETTERBOXD, letterboxd_intake(&export))
        }
        HistoryFormat::Imdb => {
            let (kind, rows) = imdb_lists::read(name, bytes)?;
            (IMDB, imdb_intake(name, kind, &rows))
        }
    })
}

/// Imports a member's file in the given format (or the guessed one): a
/// Letterboxd ZIP or CSV, or an IMDb CSV. The file is read on a blocking
/// thread, a few at a time, then matched and written.
pub async fn import_file(
    store: &Store,
    searcher: &Searcher,
    account_id: AccountId,
    name: &str,
    bytes: impl Into<bytes::Bytes>,
    format: Option<HistoryFormat>,
) -> anyhow::Result<ImportReport> {
    let bytes: bytes::Bytes = bytes.into();
    let format = match format {
        Some(format) => format,
        None => guess_format(name, &bytes)?,
    };
    let (label, intake) = {
        let _turn = READING.acquire().await?;
        let name = name.to_owned();
        let reader = kinora_i18n::Reader::current();
        tokio::task::spawn_blocking(move || reader.sync_scope(|| read_file(&name, &bytes, format)))
            .await??
    };
    settle(store, searcher, account_id, label, intake).await
}
