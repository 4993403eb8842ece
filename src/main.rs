//! The `kinora` command: a thin shell that turns an error into a clear
//! message and an exit code.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = kinora::cli::Cli::parse();
    kinora::cli::init_logging();
    match kinora::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kinora: {error:#}");
            ExitCode::FAILURE
        }
    }
}
