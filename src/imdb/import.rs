//! The import from start to end: the files found and checked, the source
//! written, the title files merged or spooled, people imported, then
//! titles, and the report completed from the rejects.

use std::path::Path;

use kinora_formats::imdb::ImdbFile;
use kinora_store::Store;
use kinora_store::spool::Spool;

use super::entities;
use super::files::find_files;
use super::merged::{IdOrder, import_titles_streaming, sorted_order};
use super::people::import_people;
use super::rejects::Rejects;
use super::report::{ImdbOptions, ImdbReport, count};
use super::spooled::{import_titles_spooled, reject_orphans, spool_file};

/// How the title files are read: merged in one pass, or from a spool.
enum Titles {
    Merged(IdOrder),
    Spooled(Spool),
}

/// Imports the dump whose files are in `dir`: people, then titles, a
/// batch a change (see the documentation of `imdb`).
pub async fn import(
    store: &Store,
    dir: &Path,
    options: &ImdbOptions,
) -> anyhow::Result<ImdbReport> {
    let started = std::time::Instant::now();
    let files = find_files(dir)?;
    let mut report = ImdbReport::default();
    let mut rejects = Rejects::create(&options.rejects, &files)?;
    let source = entities::source(options.as_of)?;
    let put = store
        .put(
            vec![source],
            &options.author,
            "Import IMDb datasets: the source",
        )
        .await?;
    count(&mut report, put);

    // Title files sorted by id, as IMDb's are, are merged as they are read;
    // others are spooled first.
    let titles = match sorted_order(&files)? {
        Some(order) => Titles::Merged(order),
        None => {
            let spool = Spool::create(&options.spool).await?;
            for (file, path) in files
                .iter()
                .filter(|(file, _)| *file != ImdbFile::NameBasics)
            {
                let counts = spool_file(&spool, *file, path, &mut rejects).await?;
                report.files.insert(file.stem(), counts);
            }
            spool.index().await?;
            Titles::Spooled(spool)
        }
    };

    // People first, then titles, which refer to them.
    if let Some((_, path)) = files.iter().find(|(file, _)| *file == ImdbFile::NameBasics) {
        let counts = import_people(store, path, options, &mut rejects, &mut report).await?;
        report.files.insert(ImdbFile::NameBasics.stem(), counts);
    }
    match titles {
        Titles::Merged(order) => {
            import_titles_streaming(store, &files, order, options, &mut rejects, &mut report)
                .await?;
        }
        Titles::Spooled(spool) => {
            if files.iter().any(|(file, _)| *file == ImdbFile::TitleBasics) {
                for series_first in [true, false] {
                    import_titles_spooled(
                        store,
                        &spool,
                        options,
                        series_first,
                        &mut rejects,
                        &mut report,
                    )
                    .await?;
                }
                reject_orphans(&spool, &files, &mut rejects).await?;
            }
            spool.remove().await;
        }
    }
    // The rejects file is the one count of what was rejected, wherever.
    for (file, rejected) in &rejects.finish()? {
        report.files.entry(file.stem()).or_default().rejected = *rejected;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
