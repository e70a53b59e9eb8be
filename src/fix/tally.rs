//! What `lint --fix` did, for the summary line of the run that follows.

use crate::human::{count, plural};

/// What `--fix` did, for the summary line of the run that follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Findings fixed (in files written).
    pub fixed: usize,
    /// `--unsafe-fixes` was given: no fix is held back.
    pub unsafe_fixes: bool,
}

/// The sentence that says how many unsafe fixes were held back (`""` for
/// none).
pub fn held_back_note(n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    format!(
        " {} that {} review {} available with --unsafe-fixes.",
        count(n, "fix"),
        if n == 1 { "needs" } else { "need" },
        plural(n, "is")
    )
}
