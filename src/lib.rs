//! ladderlint: a Git-native policy linter and reporter for career ladders
//! and promotion nominations.
//!
//! Data flows one way: `source` -> `load` -> `model`/`repo` -> `rules` ->
//! `sink` -> `output`.

pub mod catalogue;
pub mod changed;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diff;
pub mod escape;
pub mod fairness;
pub mod finding;
pub mod fix;
pub mod human;
pub mod init;
pub mod ladder_io;
pub mod lint;
pub mod load;
pub mod model;
pub mod output;
pub mod repo;
pub mod report;
pub mod rules;
pub mod schema;
pub mod sink;
pub mod source;
pub mod suggest;
pub mod suppress;
