//! Kinora: an open film database and community server.
//!
//! This crate wires the parts together: the command line ([`cli`]), the
//! operations that touch the store ([`app`]) and the web server ([`web`]).
//! It writes no SQL; the store crate does.

pub mod accounts;
pub mod app;
pub mod cli;
pub mod community_import;
pub mod demo;
pub mod generate;
pub mod imdb;
pub mod mentions;
pub mod pictures;
pub mod progress;
pub mod search;
pub mod similar;
pub mod web;
