//! The import from start to end: the files found and checked, the source
//! written, the title files merged or spooled, people imported, then
//! titles, and the report completed from the rejects.

use std::path::Path;

use kinora_formats::imdb::ImdbFile;
use kinora_store::Store;
use kinora_store::spool::Spool;

use super::catalog::Catalog;
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
    // Into an empty catalog, the catalog's secondary indexes are dropped
    // and built once at the end; a load cut short has them built when the
    // store is next opened.
    let fresh = store.catalog_is_empty().await?;
    if fresh {
        let dropped = store.begin_bulk().await?;
        tracing::info!(indexes = dropped, "an empty catalog: a bulk load");
    }
    let catalog = Catalog::new(store, fresh);
    let imported = import_into(&catalog, &files, options).await;
    // A batch still being written when the import failed is waited for
    // (its change commits or not as a whole) before anything else.
    let mut unreported = ImdbReport::default();
    let settled = catalog.settle(&mut unreported).await;
    let mut imported = imported.and_then(|report| settled.map(|()| report));
    if fresh {
        let progress =
            indicatif::ProgressBar::new_spinner().with_message("building the catalog's indexes");
        progress.enable_steady_tick(std::time::Duration::from_millis(200));
        let phase = std::time::Instant::now();
        store.end_bulk().await?;
        progress.finish_and_clear();
        if let Ok(report) = &mut imported {
            report.phase("the catalog's indexes", phase);
        }
    }
    let mut report = imported?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The import proper, into a catalog opened for it.
async fn import_into(
    catalog: &Catalog<'_>,
    files: &[(ImdbFile, std::path::PathBuf)],
    options: &ImdbOptions,
) -> anyhow::Result<ImdbReport> {
    let store = catalog.store;
    let mut report = ImdbReport::default();
    let mut rejects = Rejects::create(&options.rejects, files)?;
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
    let phase = std::time::Instant::now();
    let titles = match sorted_order(files)? {
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
    report.phase("checking the title files' order", phase);

    // People first, then titles, which refer to them.
    if let Some((_, path)) = files.iter().find(|(file, _)| *file == ImdbFile::NameBasics) {
        let phase = std::time::Instant::now();
        let counts = import_people(catalog, path, options, &mut rejects, &mut report).await?;
        report.files.insert(ImdbFile::NameBasics.stem(), counts);
        report.phase("people (name.basics)", phase);
    }
    let phase = std::time::Instant::now();
    match titles {
        Titles::Merged(order) => {
            import_titles_streaming(catalog, files, order, options, &mut rejects, &mut report)
                .await?;
        }
        Titles::Spooled(spool) => {
            if files.iter().any(|(file, _)| *file == ImdbFile::TitleBasics) {
                for series_first in [true, false] {
                    import_titles_spooled(
                        catalog,
                        &spool,
                        options,
                        series_first,
                        &mut rejects,
                        &mut report,
                    )
                    .await?;
                }
                reject_orphans(&spool, files, &mut rejects).await?;
            }
            spool.remove().await;
        }
    }
    catalog.settle(&mut report).await?;
    report.phase("titles (the title files together)", phase);
    // The rejects file is the one count of what was rejected, wherever.
    for (file, rejected) in &rejects.finish()? {
        report.files.entry(file.stem()).or_default().rejected = *rejected;
    }
    Ok(report)
}
