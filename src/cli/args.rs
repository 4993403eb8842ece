//! The command line as clap reads it: every command, its arguments and
//! their help.

use crate::community_import::HistoryFormat;
use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

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
        /// Memory for rendered pages shared by anonymous readers, in MiB
        /// (0: none). Any write, through any instance, is seen at once.
        #[arg(long, env = "KINORA_PAGE_CACHE_MB", default_value_t = crate::web::page_cache::DEFAULT_MIB)]
        page_cache_mb: u64,
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
        /// Writes per second in all, as a community writes while others
        /// read (0: as fast as the store takes them).
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        /// Instead of catalog entities, members' ratings of this film (by
        /// accounts of the benchmark's own): community writes about a page
        /// that readers read meanwhile.
        #[arg(long, value_name = "FILM")]
        ratings_of: Option<String>,
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
