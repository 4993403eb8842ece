//! The command line. Every command takes the global `--data DIR`
//! (env KINORA_DATA) that says where the store lives.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use kinora_core::EntityId;
use kinora_store::Store;

use crate::app;
use crate::community_import::HistoryFormat;

#[derive(Debug, Parser)]
#[command(
    name = "kinora",
    version,
    about = "An open film database and community server"
)]
pub struct Cli {
    /// Folder of the embedded store and its derived indexes.
    #[arg(
        long,
        global = true,
        env = "KINORA_DATA",
        default_value = "kinora-data"
    )]
    pub data: PathBuf,
    /// A database URL instead of the embedded store in --data.
    #[arg(long, global = true, env = "KINORA_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Folder of the search index (default: `search` in --data; with
    /// --database-url, in memory, rebuilt at start). Each serving process
    /// needs one of its own.
    #[arg(long, global = true, env = "KINORA_INDEX")]
    pub index: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Kinora's own catalog format (docs/format.md).
    Json,
    /// IMDb's dataset files in a folder (title.basics.tsv.gz and the rest).
    Imdb,
    /// A MovieLens release in a folder, as bulk ratings of the catalog's
    /// films: RecBole's ml-100k.inter and ml-100k.item, ratings.csv with
    /// movies.csv (and links.csv), or u.data with u.item.
    Movielens,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryExportFormat {
    /// Everything of the account, as JSON.
    Json,
    /// Letterboxd's import CSV: diary, ratings and reviews.
    Letterboxd,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Kinora's own catalog format (docs/format.md).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the catalog over HTTP.
    Serve {
        /// Load the demo catalog first if the store is empty.
        #[arg(long)]
        demo: bool,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The address users reach the server at, for absolute links (feeds,
        /// reset links); with https, session cookies are marked Secure.
        #[arg(long, env = "KINORA_PUBLIC_URL")]
        public_url: Option<String>,
        /// Connections served at once (default: three quarters of the
        /// process's open-file limit); more are closed as they arrive.
        #[arg(long, env = "KINORA_MAX_CONNECTIONS")]
        max_connections: Option<usize>,
        /// Take the client's address from `X-Forwarded-For` when the
        /// connection comes from this machine: set it behind a proxy on
        /// the same machine (deploy/nginx.conf), never without one.
        #[arg(long, env = "KINORA_TRUST_FORWARDED")]
        trust_forwarded: bool,
        /// Serve Prometheus metrics at /metrics on this address (a port of
        /// its own, for the monitoring system alone).
        #[arg(long, env = "KINORA_METRICS_ADDR")]
        metrics_addr: Option<SocketAddr>,
    },
    /// Import catalog files, all in one change or not at all.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Who the edit log names as the author.
        #[arg(long, default_value = "import")]
        author: String,
        /// For IMDb files: the date of the dump (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// For IMDb files: where rejected lines go (default: imdb-rejects.tsv
        /// beside the store).
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// For IMDb files: entities per change. An interrupted import keeps
        /// every change it committed.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
        batch: u32,
    },
    /// Export the whole catalog.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Load the demo catalog into an empty store.
    Demo,
    /// List the edits to an entity, newest first.
    History { kind: String, id: String },
    /// Show one change with the before and after of each entity.
    Change { id: i64 },
    /// Undo a change (as a new change).
    Revert {
        change: i64,
        #[arg(long, default_value = "cli")]
        author: String,
    },
    /// Merge one entity into another; the old id then redirects.
    Merge {
        kind: String,
        from: String,
        into: String,
        #[arg(long, default_value = "cli")]
        author: String,
    },
    /// Bring the database's schema up to date (every command also does this).
    Migrate,
    /// Copy a whole catalog with its history into an empty store.
    Copy {
        /// A store folder, sqlite://PATH or postgres://…
        #[arg(long)]
        from: String,
        /// A store folder, sqlite://PATH or postgres://… (must be empty).
        #[arg(long)]
        to: String,
    },
    /// Write a consistent copy of the embedded store while it serves.
    Backup { path: PathBuf },
    /// Measure review-sized writes per second against the store (each write
    /// is one change with its edit, as a user's edit is).
    BenchWrites {
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Writers at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// Distinguishes the ids of several bench processes on one store.
        #[arg(long, default_value = "bench")]
        prefix: String,
    },
    /// Write generated catalog files, for benchmarks and scale tests.
    #[command(subcommand)]
    Gen(Gen),
    /// Find entities by any of their names or titles, in any script or
    /// spelling.
    Search {
        query: String,
        /// film, person, company, album or source; several with commas.
        #[arg(long)]
        kind: Option<String>,
        /// A year or a range: 2008, 2000-2010, -1960, 2020-.
        #[arg(long)]
        year: Option<String>,
        /// An ISO 3166 country code.
        #[arg(long)]
        country: Option<String>,
        /// Only films that can be watched in this country (ISO 3166).
        #[arg(long)]
        available: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Rebuild the search index from the store.
    Reindex,
    /// Recompute every film's similar films now, from ratings and from the
    /// people, genres and keywords films share.
    Similar,
    /// Manage accounts.
    #[command(subcommand)]
    User(User),
}

#[derive(Debug, Subcommand)]
pub enum User {
    /// Create an account. The first one is usually `--admin`. The password
    /// is read from KINORA_PASSWORD, or from the terminal.
    Add {
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// Give the admin role.
        #[arg(long, conflicts_with = "role")]
        admin: bool,
        /// member, editor, moderator or admin.
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Print a one-time link that sets a new password (valid 24 hours),
    /// where no mail is set up.
    ResetLink {
        name: String,
        /// The address users reach the server at.
        #[arg(
            long,
            env = "KINORA_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// Give an account a role: member, editor, moderator or admin.
    Role { name: String, role: String },
    /// List the accounts.
    List,
    /// Import a member's history from another site: a Letterboxd export
    /// (ZIP) or file (CSV), or an IMDb ratings or list file (CSV).
    Import {
        name: String,
        file: PathBuf,
        /// Guessed from the file when absent.
        #[arg(long, value_enum)]
        format: Option<HistoryFormat>,
    },
    /// Export a member's history.
    Export {
        name: String,
        #[arg(long, value_enum, default_value = "json")]
        format: HistoryExportFormat,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the rows of a member's imports that wait to be settled.
    Pending { name: String },
    /// Settle a row of a member's import queue with a film, or drop it.
    Resolve {
        name: String,
        /// The row's number, as `kinora user pending` shows it.
        id: i64,
        /// The film the row means (omit with --drop).
        #[arg(required_unless_present = "drop")]
        film: Option<String>,
        /// Drop the row: it matches no film of the catalog.
        #[arg(long, conflicts_with = "film")]
        drop: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Gen {
    /// IMDb's seven dataset files with IMDb's proportions: per title about
    /// 4 alternative titles, 8 principal credits and 1.3 people.
    Imdb {
        /// How many titles.
        titles: u64,
        /// The folder to write into.
        dir: PathBuf,
        /// Write .tsv.gz, as IMDb does, instead of .tsv.
        #[arg(long)]
        gzip: bool,
        /// The same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

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

fn parse_id(text: &str) -> anyhow::Result<EntityId> {
    Ok(EntityId::parse(text)?)
}

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

async fn run_command(cli: &Cli, store: &Store) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Command::Serve {
            demo,
            addr,
            public_url,
            max_connections,
            metrics_addr,
            trust_forwarded,
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
        } => {
            let report = app::bench_writes(store, *seconds, *concurrency, prefix).await?;
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

/// The search index, brought up to date with the store: matching films by
/// title needs every film in it.
async fn fresh_searcher(cli: &Cli, store: &Store) -> anyhow::Result<crate::search::Searcher> {
    let searcher = open_searcher(cli)?;
    let mut quiet = |_, _| {};
    if let Err(error) = searcher.refresh(store, &mut quiet).await {
        // Another process (a server) writes to the index and keeps it fresh.
        tracing::warn!("using the search index as it is: {error:#}");
    }
    Ok(searcher)
}

async fn run_user(
    cli: &Cli,
    user: &User,
    store: &Store,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use crate::accounts;
    use kinora_core::community::Role;
    let find = |name: &str| {
        let name = name.to_owned();
        async move {
            store
                .account_by_name(&name)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account named `{name}`"))
        }
    };
    match user {
        User::Add {
            name,
            email,
            display_name,
            admin,
            role,
        } => {
            let role = if *admin {
                Role::Admin
            } else {
                Role::parse(role).map_err(anyhow::Error::msg)?
            };
            let password = match std::env::var("KINORA_PASSWORD") {
                Ok(password) => password,
                Err(_) => rpassword::prompt_password(format!("Password for {name}: "))?,
            };
            let account = accounts::create_account(
                store,
                accounts::SignUp {
                    name: name.clone(),
                    display_name: display_name.clone().unwrap_or_default(),
                    email: email.clone().unwrap_or_default(),
                    password,
                    role,
                    by_visitor: false,
                },
            )
            .await?;
            writeln!(out, "created account {} ({})", account.name, account.role)?;
        }
        User::ResetLink { name, public_url } => {
            let account = find(name).await?;
            let token = accounts::reset_token(store, account.id).await?;
            writeln!(
                out,
                "{}/reset-password?token={token}",
                public_url.trim_end_matches('/')
            )?;
            eprintln!(
                "This link sets a new password for {} once, within {} hours.",
                account.name,
                accounts::RESET_HOURS
            );
        }
        User::Role { name, role } => {
            let account = find(name).await?;
            let role = Role::parse(role).map_err(anyhow::Error::msg)?;
            store
                .set_role(account.id, role, None, "set with kinora user role")
                .await?;
            writeln!(out, "{} is now {role}", account.name)?;
        }
        User::List => {
            for account in store.accounts().await? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    account.name, account.role, account.display_name, account.created_at
                )?;
            }
        }
        User::Import { name, file, format } => {
            use crate::community_import;
            let account = find(name).await?;
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = *format;
            let searcher = fresh_searcher(cli, store).await?;
            let file_name = file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.display().to_string());
            let report = community_import::import_file(
                store, &searcher, account.id, &file_name, bytes, format,
            )
            .await?;
            writeln!(
                out,
                "imported {} into {}: {} diary entries added, {} already there; {} reviews; \
                 {} ratings; {} on the watchlist; {} lists; {} rows to settle (kinora user pending {}); \
                 {} films watched with no day or rating (not kept)",
                file.display(),
                account.name,
                report.diary_added,
                report.diary_skipped,
                report.reviews,
                report.ratings,
                report.watchlist,
                report.lists,
                report.pending,
                account.name,
                report.seen_without_date
            )?;
            if !report.unmatched.is_empty() {
                writeln!(
                    out,
                    "{} films matched no film of the catalog:",
                    report.unmatched.len()
                )?;
                for line in &report.unmatched {
                    writeln!(out, "  {line}")?;
                }
            }
        }
        User::Export {
            name,
            format,
            output,
        } => {
            let account = find(name).await?;
            let mut buffer = Vec::new();
            match format {
                HistoryExportFormat::Json => {
                    let value = crate::community_import::export_json(store, account.id).await?;
                    serde_json::to_writer_pretty(&mut buffer, &value)?;
                    buffer.push(b'\n');
                }
                HistoryExportFormat::Letterboxd => {
                    crate::community_import::export_letterboxd_csv(store, account.id, &mut buffer)
                        .await?;
                }
            }
            match output {
                Some(path) => std::fs::write(path, &buffer)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => out.write_all(&buffer)?,
            }
        }
        User::Pending { name } => {
            let account = find(name).await?;
            for pending in store.pending_imports(account.id).await? {
                writeln!(
                    out,
                    "{}",
                    crate::community_import::describe_pending(&pending)
                )?;
            }
        }
        User::Resolve {
            name,
            id,
            film,
            drop: _,
        } => {
            let account = find(name).await?;
            crate::community_import::resolve_pending(store, account.id, *id, film.as_deref())
                .await?;
            match film {
                Some(film) => writeln!(out, "row #{id} settled as {film}")?,
                None => writeln!(out, "row #{id} dropped")?,
            }
        }
    }
    Ok(())
}
