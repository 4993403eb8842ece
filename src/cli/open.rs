//! Opening what a command works on: logging, the store at a folder or a
//! database URL, the search index (rebuilt when it lags behind).

use super::args::*;
use anyhow::Context;
use kinora_core::EntityId;
use kinora_store::Store;

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KINORA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

pub async fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    match &cli.database_url {
        Some(url) => open_location(url).await,
        None => open_location(&cli.data.display().to_string()).await,
    }
}

/// Opens a store named by a URL (sqlite://…, postgres://…) or a folder.
pub async fn open_location(location: &str) -> anyhow::Result<Store> {
    let store = if location.contains("://") {
        Store::open(location).await
    } else {
        Store::open_dir(std::path::Path::new(location)).await
    };
    store.with_context(|| {
        format!(
            "cannot open the store at {}",
            kinora_store::redact(location)
        )
    })
}

/// The search index a command uses: `--index`, else `search` in the data
/// folder, else (a database elsewhere) one in memory.
pub fn open_searcher(cli: &Cli) -> anyhow::Result<crate::search::Searcher> {
    match (&cli.index, &cli.database_url) {
        (Some(dir), _) => crate::search::Searcher::open(dir),
        (None, None) => crate::search::Searcher::open(&cli.data.join("search")),
        (None, Some(_)) => crate::search::Searcher::in_memory(),
    }
}

pub(crate) fn parse_id(text: &str) -> anyhow::Result<EntityId> {
    Ok(EntityId::parse(text)?)
}

/// The search index, brought up to date with the store: matching films by
/// title needs every film in it.
pub(crate) async fn fresh_searcher(
    cli: &Cli,
    store: &Store,
) -> anyhow::Result<crate::search::Searcher> {
    let searcher = open_searcher(cli)?;
    let mut quiet = |_, _| {};
    if let Err(error) = searcher.refresh(store, &mut quiet).await {
        // Another process (a server) writes to the index and keeps it fresh.
        tracing::warn!("using the search index as it is: {error:#}");
    }
    Ok(searcher)
}

/// An import that touched more entities than this rebuilds the search
/// index in bulk rather than catching up change by change.
const REBUILD_ABOVE: usize = 20_000;

/// Leaves the search index current after an import, so that a server
/// started afterwards answers searches at once: rebuilt in bulk after a
/// large import (or when it must be), else caught up from the edit log. A
/// database elsewhere without `--index` keeps its index in each server's
/// memory, built when the server starts: nothing to do here.
pub(crate) async fn index_after_import(
    cli: &Cli,
    store: &Store,
    touched: usize,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    if cli.index.is_none() && cli.database_url.is_some() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let searcher = match open_searcher(cli) {
        Ok(searcher) => searcher,
        Err(error) => {
            // A server running on this folder holds the index and brings
            // it up to date itself.
            writeln!(out, "search index: left to the server using it ({error:#})")?;
            return Ok(());
        }
    };
    let mut last = std::time::Instant::now();
    let mut progress = |done: u64, total: u64| {
        if last.elapsed() > std::time::Duration::from_secs(5) {
            eprintln!("search index: {done} of {total} entities");
            last = std::time::Instant::now();
        }
    };
    let what = if touched > REBUILD_ABOVE || searcher.index().needs_rebuild() {
        let count = searcher.rebuild(store, &mut progress).await?;
        format!("rebuilt from {count} entities")
    } else {
        let refreshed = searcher.refresh(store, &mut progress).await?;
        match refreshed.rebuilt {
            Some(count) => format!("rebuilt from {count} entities"),
            None => format!("{} change(s) applied", refreshed.changes),
        }
    };
    writeln!(
        out,
        "search index: up to date at change {} ({what} in {:.1?})",
        searcher.index().position(),
        started.elapsed()
    )?;
    Ok(())
}
