//! `config/` rules: the configuration itself.

pub mod relaxed;
