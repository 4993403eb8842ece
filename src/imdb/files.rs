//! The dump's files on disk: found in a folder and checked before anything
//! is written, opened (unzipped when they end in .gz) with their bytes
//! counted on a progress bar, and read to their end.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kinora_formats::imdb::{ImdbFile, TsvReader};

/// The files of a dump found in a folder, each opened and its header checked.
pub(super) fn find_files(dir: &Path) -> anyhow::Result<Vec<(ImdbFile, PathBuf)>> {
    let mut found = Vec::new();
    for file in ImdbFile::ALL {
        for extension in ["tsv", "tsv.gz"] {
            let path = dir.join(format!("{}.{extension}", file.stem()));
            if path.exists() {
                // Refuse a file that is not IMDb's, or that cannot be read
                // to its end (a download cut short), before anything is
                // written.
                TsvReader::open(file, open(&path, &indicatif::ProgressBar::hidden())?)
                    .with_context(|| format!("{}", path.display()))?;
                readable_to_the_end(&path)?;
                found.push((file, path));
                break;
            }
        }
    }
    if found.is_empty() {
        bail!(
            "{} holds none of IMDb's files (name.basics.tsv.gz, title.basics.tsv.gz, …)",
            dir.display()
        );
    }
    Ok(found)
}

/// Reads a compressed file through once: a .gz cut short or damaged is
/// refused, naming it, before the import writes anything. (A plain file has
/// nothing to check: each of its lines is read as it is.)
fn readable_to_the_end(path: &Path) -> anyhow::Result<()> {
    if path.extension().is_none_or(|ext| ext != "gz") {
        return Ok(());
    }
    let progress = file_progress(path, "checking");
    let mut reader = open(path, &progress)?;
    let read = std::io::copy(&mut reader, &mut std::io::sink());
    progress.finish_and_clear();
    read.map(|_| ()).map_err(|error| {
        anyhow::anyhow!(
            "{}: the file cannot be read to its end ({error}); it may be cut short: download it again. Nothing was imported.",
            path.display()
        )
    })
}

/// Why a file could not be read to its end, as an error; Ok when it was.
pub(super) fn read_whole<R: Read>(tsv: &TsvReader<R>, path: &Path) -> anyhow::Result<()> {
    match tsv.failure() {
        Some(why) => bail!("{}: {why}", path.display()),
        None => Ok(()),
    }
}

/// Opens a file, unzipping it if its name ends in .gz, and counting the bytes
/// read from disk on `progress`.
pub(super) fn open(
    path: &Path,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<Box<dyn Read + Send>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let counted = progress.wrap_read(file);
    let reader: Box<dyn Read + Send> = if path.extension().is_some_and(|ext| ext == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            counted,
        )))
    } else {
        Box::new(counted)
    };
    Ok(reader)
}

/// A progress bar over a file's size on disk.
pub(super) fn file_progress(path: &Path, name: &'static str) -> indicatif::ProgressBar {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let progress = crate::progress::progress_bar(size, "bytes");
    progress.set_message(name);
    progress
}
