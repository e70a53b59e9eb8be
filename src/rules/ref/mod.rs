//! `ref/` rules: references resolve, ids are unique, the management chain
//! has no cycle.

pub mod duplicate_id;
pub mod manager_cycle;
mod replace;
pub mod unknown;
