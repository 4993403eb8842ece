//! The command line. Every command takes the global `--data DIR`
//! (env KINORA_DATA) that says where the store lives.

mod args;
mod open;
mod run;
mod users;

pub use args::*;
pub use open::*;
pub use run::*;
