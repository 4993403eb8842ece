//! The `kinora` command: a thin shell that turns an error into a clear
//! message and an exit code.

use std::process::ExitCode;

use clap::Parser;

// Pages allocate many small strings from many threads at once; mimalloc
// handles that far better than the system allocator (about 1.4× the pages
// per second on the film page). Built without the `mimalloc` feature, the
// system allocator serves, for heap profilers.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = kinora::cli::Cli::parse();
    kinora::cli::init_logging();
    match kinora::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kinora: {}", describe(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: libraries often repeat their
/// cause's text in their own message.
fn describe(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text
}
