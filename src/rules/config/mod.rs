//! `config/` rules: the configuration itself.

pub mod invalid;
pub mod relaxed;

pub use invalid::INVALID;
