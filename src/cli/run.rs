//! Running a command: logging, opening the store and the search index, and
//! each command's work.

use super::args::*;
use super::open::*;
use super::users::*;
use crate::app;
use anyhow::Context;
use kinora_store::Store;
use std::io::Write;
use std::path::PathBuf;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Gen(Gen::Imdb {
        titles,
        dir,
        gzip,
        seed,
    }) = &cli.command
    {
        let started = std::time::Instant::now();
        let generated = crate::generate::imdb(*titles, dir, *gzip, *seed)?;
        let mut out = std::io::stdout().lock();
        for (path, lines) in &generated.files {
            writeln!(out, "{}\t{lines} lines", path.display())?;
        }
        writeln!(
            out,
            "{} lines in {:.1} s",
            generated.lines(),
            started.elapsed().as_secs_f64()
        )?;
        return Ok(());
    }
    let store = open_store(&cli).await?;
    let result = run_command(&cli, &store).await;
    store.close().await;
    result
}

pub(crate) async fn run_command(cli: &Cli, store: &Store) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Command::Serve {
            demo,
            addr,
            public_url,
            max_connections,
            metrics_addr,
            trust_forwarded,
            page_cache_mb,
        } => {
            drop(out);
            if *demo {
                let started = std::time::Instant::now();
                if app::load_demo_if_empty(store).await? {
                    tracing::info!("loaded the demo catalog in {:?}", started.elapsed());
                }
            }
            let public_url = public_url.clone().unwrap_or_else(|| {
                let url = crate::web::local_url(*addr);
                // On this machine alone (a demo) that is right; reached from
                // elsewhere, links would be wrong.
                if addr.ip().is_loopback() {
                    tracing::info!("feeds, calendars and reset links say {url} (--public-url)");
                } else {
                    tracing::warn!(
                        "no --public-url: feeds, calendars and reset links say {url}; \
                         give the address users reach the server at"
                    );
                }
                url
            });
            let config = crate::web::WebConfig {
                public_url: Some(public_url),
                trust_forwarded: *trust_forwarded,
                page_cache_mib: *page_cache_mb,
            };
            let listening = crate::web::Listening {
                addr: *addr,
                max_connections: max_connections
                    .unwrap_or_else(crate::web::server::default_max_connections),
                metrics_addr: *metrics_addr,
            };
            crate::web::serve(store.clone(), open_searcher(cli)?, listening, config).await?;
        }
        Command::Import {
            paths,
            format: Format::Imdb,
            author,
            as_of,
            rejects,
            batch,
        } => {
            let [dir] = paths.as_slice() else {
                anyhow::bail!("--format imdb imports one folder holding IMDb's files");
            };
            let as_of = match as_of {
                Some(text) => kinora_core::PartialDate::parse(text)?,
                None => kinora_core::PartialDate::from_date(time::OffsetDateTime::now_utc().date()),
            };
            let beside = if cli.database_url.is_some() {
                PathBuf::from(".")
            } else {
                cli.data.clone()
            };
            let options = crate::imdb::ImdbOptions {
                author: author.clone(),
                as_of,
                rejects: rejects
                    .clone()
                    .unwrap_or_else(|| beside.join("imdb-rejects.tsv")),
                spool: beside.join("imdb-spool.db"),
                batch: *batch as usize,
            };
            let report = crate::imdb::import(store, dir, &options).await?;
            for (file, counts) in &report.files {
                writeln!(
                    out,
                    "{file}: {} lines read, {} rejected",
                    counts.read, counts.rejected
                )?;
            }
            writeln!(
                out,
                "imported IMDb datasets: {} rows read, {} created, {} updated, {} unchanged, {} rejected (see {}); {:.1} s, {:.0} rows/s",
                report.rows_read(),
                report.created,
                report.updated,
                report.unchanged,
                report.rejected(),
                options.rejects.display(),
                report.seconds,
                report.rows_read() as f64 / report.seconds.max(0.001)
            )?;
            let phases: Vec<String> = report
                .phases
                .iter()
                .map(|(phase, seconds)| format!("{phase} {seconds:.1} s"))
                .collect();
            writeln!(out, "time: {}", phases.join(", "))?;
            super::open::index_after_import(cli, store, report.created + report.updated, &mut out)
                .await?;
        }
        Command::Import {
            paths,
            format: Format::Json,
            author,
            ..
        } => {
            let started = std::time::Instant::now();
            let files = paths
                .iter()
                .map(|path| app::ImportFile::read(path))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let report = app::import(store, &files, author).await?;
            writeln!(
                out,
                "imported {} file(s): {} created, {} updated, {} unchanged{} in {:.2?}",
                files.len(),
                report.created,
                report.updated,
                report.unchanged,
                report
                    .change_id
                    .map(|id| format!(" (change #{id})"))
                    .unwrap_or_default(),
                started.elapsed()
            )?;
            super::open::index_after_import(cli, store, report.created + report.updated, &mut out)
                .await?;
        }
        Command::Export {
            format: ExportFormat::Json,
            output,
        } => match output {
            Some(path) => {
                let mut buffer = Vec::new();
                app::export(store, &mut buffer).await?;
                // Write whole or not at all: a partial export is worse than none.
                let temporary = path.with_extension("partial");
                std::fs::write(&temporary, &buffer)
                    .with_context(|| format!("cannot write {}", temporary.display()))?;
                std::fs::rename(&temporary, path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            None => app::export(store, &mut out).await?,
        },
        Command::Demo => {
            if app::load_demo_if_empty(store).await? {
                writeln!(
                    out,
                    "loaded the demo catalog: {:?}",
                    app::counts(store).await?
                )?;
            } else {
                anyhow::bail!(
                    "the store in {} is not empty; the demo loads only into an empty store",
                    cli.data.display()
                );
            }
        }
        Command::History { kind, id } => {
            let kind = app::parse_kind(kind)?;
            let id = parse_id(id)?;
            let history = store.history(kind, &id).await?;
            if history.is_empty() {
                anyhow::bail!("no edits to {kind} `{id}`");
            }
            for entry in history {
                let reverts = entry
                    .reverts
                    .map(|id| format!(" (reverts #{id})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "#{}\t{}\t{}\t{}\t{}{}",
                    entry.change_id, entry.at, entry.author, entry.action, entry.summary, reverts
                )?;
            }
        }
        Command::Change { id } => {
            let change = store.change(*id).await?;
            serde_json::to_writer_pretty(&mut out, &change)?;
            writeln!(out)?;
        }
        Command::Revert { change, author } => {
            let new = store.revert(*change, author).await?;
            writeln!(out, "reverted change #{change} as change #{new}")?;
        }
        Command::Merge {
            kind,
            from,
            into,
            author,
        } => {
            let kind = app::parse_kind(kind)?;
            let change = store
                .merge(kind, &parse_id(from)?, &parse_id(into)?, author)
                .await?;
            writeln!(
                out,
                "merged {kind} {from} into {into} (change #{change}); /{}/{from} now redirects",
                kind.plural()
            )?;
        }
        Command::Migrate => {
            let versions = store.migrate().await?;
            writeln!(
                out,
                "the schema is up to date: migrations {versions:?} applied"
            )?;
        }
        Command::Copy { from, to } => {
            let from_store = open_location(from).await?;
            let to_store = open_location(to).await?;
            let report = app::copy(&from_store, &to_store).await;
            from_store.close().await;
            to_store.close().await;
            let report = report?;
            writeln!(
                out,
                "copied {} changes, {} entities and {} community rows from {} to {}",
                report.changes,
                report.entities,
                report.community,
                kinora_store::redact(from),
                kinora_store::redact(to)
            )?;
        }
        Command::Backup { path } => {
            store.backup(path).await?;
            writeln!(out, "backed up to {}", path.display())?;
        }
        Command::BenchWrites {
            seconds,
            concurrency,
            prefix,
            rate,
            ratings_of,
        } => {
            let report = app::bench_writes(
                store,
                *seconds,
                *concurrency,
                prefix,
                *rate,
                ratings_of.as_deref(),
            )
            .await?;
            writeln!(
                out,
                "{} writes in {:.1} s: {:.0} writes/s; latency p50 {:.1} ms, p99 {:.1} ms",
                report.writes, report.seconds, report.per_second, report.p50_ms, report.p99_ms
            )?;
        }
        Command::Gen(_) => unreachable!("handled before the store is opened"),
        Command::Search {
            query,
            kind,
            year,
            country,
            available,
            limit,
        } => {
            let filters = kinora_search::SearchFilters {
                kinds: crate::search::parse_kinds(kind.as_deref()).map_err(anyhow::Error::msg)?,
                years: crate::search::parse_years(year.as_deref()).map_err(anyhow::Error::msg)?,
                country: crate::search::parse_country(country.as_deref())
                    .map_err(anyhow::Error::msg)?,
                available: crate::search::parse_country(available.as_deref())
                    .map_err(anyhow::Error::msg)?,
            };
            let searcher = open_searcher(cli)?;
            let mut quiet = |_, _| {};
            if let Err(error) = searcher.refresh(store, &mut quiet).await {
                // Another process (a server) writes to the index: search it
                // as it stands.
                tracing::warn!("searching the index as it is: {error:#}");
            }
            let search = kinora_search::Search {
                text: query,
                filters,
                limit: *limit,
                prefix: false,
            };
            for hit in searcher.index().search(&search)? {
                let year = hit
                    .year
                    .map(|year| format!(" ({year})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{}\t{}{}\tmatched \"{}\" ({})",
                    hit.kind,
                    hit.id,
                    hit.label,
                    year,
                    hit.matched,
                    hit.how.as_str()
                )?;
            }
        }
        Command::Reindex => {
            let searcher = open_searcher(cli)?;
            let started = std::time::Instant::now();
            let bar = crate::progress::progress_bar(0, "entities");
            bar.set_message("indexing");
            let mut progress = |done: u64, total: u64| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let count = searcher.rebuild(store, &mut progress).await?;
            bar.finish_and_clear();
            let seconds = started.elapsed().as_secs_f64();
            writeln!(
                out,
                "indexed {count} entities in {seconds:.1} s ({:.0} entities/s), as of change {}",
                count as f64 / seconds.max(1e-9),
                searcher.index().position()
            )?;
        }
        Command::Import {
            paths,
            format: Format::Movielens,
            ..
        } => {
            let [dir] = paths.as_slice() else {
                anyhow::bail!("--format movielens imports one folder holding a MovieLens release");
            };
            let searcher = fresh_searcher(cli, store).await?;
            let report = crate::community_import::import_movielens(store, &searcher, dir).await?;
            writeln!(
                out,
                "imported MovieLens ({} layout): {} of {} films matched ({} by IMDb id), {} uncertain and {} unmatched left out; {} of {} ratings written, by {} users; {:.1} s",
                report.layout,
                report.matched,
                report.movies,
                report.matched_by_imdb_id,
                report.uncertain,
                report.unmatched,
                report.ratings_written,
                report.ratings_read,
                report.users,
                report.seconds
            )?;
        }
        Command::Similar => {
            let report = crate::similar::recompute(store).await?;
            writeln!(
                out,
                "similar films: {} rows for {} of {} films ({} from ratings), from {} ratings by {} users; \
                 {:.1} s (reading {:.1} s, computing {:.1} s, writing {:.1} s)",
                report.rows,
                report.films_with_similar,
                report.films,
                report.rows_from_ratings,
                report.ratings,
                report.raters,
                report.seconds,
                report.seconds_reading,
                report.seconds_computing,
                report.seconds_writing
            )?;
        }
        Command::User(user) => run_user(cli, user, store, &mut out).await?,
    }
    Ok(())
}
