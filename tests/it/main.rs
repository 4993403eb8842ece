//! Kinora's integration tests, in one binary: in-process HTTP against a real
//! store in a temporary folder, and the `kinora` command itself.

mod cli;
mod common;
mod edits;
mod pages;
mod search;
