//! `kinora-bench quality` and `kinora-bench speed`: see the crate's docs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kinora_bench::eval;

#[derive(Parser)]
#[command(about = "Kinora's search side by side with SQLite FTS5 and PostgreSQL pg_trgm")]
struct Cli {
    /// A PostgreSQL database to compare with pg_trgm (it gets a table
    /// `bench_names`).
    #[arg(long, global = true, env = "KINORA_BENCH_POSTGRES_URL")]
    postgres: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Recall at 1 and 3 on the evaluation set (demo + Wikidata fixture).
    Quality {
        #[arg(long)]
        eval: Option<PathBuf>,
        /// List each engine's misses.
        #[arg(long)]
        misses: bool,
    },
    /// Index build time and query latency on a generated catalog.
    Speed {
        /// Titles to generate (people are about 1.3 per title).
        #[arg(long, default_value_t = 870_000)]
        titles: u64,
        /// Where the generated files are kept (made if missing).
        #[arg(long, default_value = "target/bench-search")]
        dir: PathBuf,
        /// Queries of each class.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Kinora alone, for trying a change (figures to record come from
        /// a run with the peers).
        #[arg(long)]
        kinora_only: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let work = tempfile::tempdir()?;
    match cli.command {
        Command::Quality { eval: path, misses } => {
            let path = path.unwrap_or_else(|| {
                kinora_bench::repository().join("tests/fixtures/search-eval.tsv")
            });
            let evaluation =
                kinora_bench::evaluate(&path, cli.postgres.as_deref(), work.path()).await?;
            let results = evaluation.results();
            let cases = &evaluation.cases;
            println!("{}", eval::report(cases, &results));
            if misses {
                for (name, outcome) in &results {
                    println!("\n{name} misses:");
                    for case in eval::misses(cases, outcome) {
                        println!(
                            "  {}\t{}\t{} {}",
                            case.category, case.query, case.kind, case.id
                        );
                    }
                }
            }
        }
        Command::Speed {
            titles,
            dir,
            queries,
            kinora_only,
        } => {
            if !dir.join("title.basics.tsv").exists() {
                eprintln!("generating {titles} titles in {}", dir.display());
                kinora::generate::imdb(titles, &dir, false, 1)?;
            }
            let report = kinora_bench::speed::run(
                &dir,
                work.path(),
                cli.postgres.as_deref(),
                queries,
                !kinora_only,
            )
            .await?;
            println!("{report}");
        }
    }
    Ok(())
}
