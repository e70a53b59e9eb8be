//! `lint --fix` and `lint --diff`: lint the working tree in memory, apply
//! the fixes, lint again (a fix can reveal or enable another), until no fix
//! applies; then write the files, or print what would change.

mod apply;
mod write;

use crate::config::Config;
use crate::fix::{held_back_note, Fix, Tally};
use crate::human::count;
use crate::load::Limits;
use crate::source::{Data, Input, Matcher, Mode, Root};
use anyhow::Result;
pub use apply::{apply, Applied};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Passes of lint-and-fix before giving up on reaching a file with no
/// fix left (each pass applies every fix that does not overlap another).
const MAX_PASSES: usize = 10;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Apply the fixes a person should review too.
    pub unsafe_fixes: bool,
    /// Print a unified diff, write nothing.
    pub diff: bool,
}

pub enum Outcome {
    /// `--diff` printed what would change: exit with this code (1 when
    /// something would change).
    Diffed(i32),
    /// `--fix` wrote the files: lint them again and report with this.
    Fixed(Tally),
}

/// Fix the files of the working tree at `root` that `config` includes (and
/// of which, with `report_only`, only those named).
pub fn run(
    root: &Root,
    config: &Config,
    today: &str,
    limits: &Limits,
    report_only: Option<&BTreeSet<String>>,
    options: Options,
) -> Result<Outcome> {
    let matcher = Matcher::new(&config.include, &config.exclude)?.with_named(report_only);
    let inputs = root.collect(&Mode::Worktree, &matcher)?;
    let mut others: Vec<Input> = Vec::new();
    let mut original: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for input in inputs {
        match input.data {
            Data::Bytes(bytes) => {
                original.insert(input.path, bytes);
            }
            _ => others.push(input),
        }
    }
    // Why a file is not fixed, said once for each file that had a fix.
    let mut blocked: BTreeMap<String, String> = original
        .keys()
        .filter_map(|p| {
            write::check_target(&root.dir, p)
                .err()
                .map(|e| (p.clone(), e))
        })
        .collect();
    let mut current = original.clone();
    let mut fixed: BTreeMap<String, usize> = BTreeMap::new();
    let mut said: BTreeSet<String> = BTreeSet::new();
    let mut held_back = 0;
    // Fixes that did not keep their promise: never tried again.
    let mut refused: std::collections::HashSet<(String, Fix)> = Default::default();
    for pass in 0..=MAX_PASSES {
        let mut inputs: Vec<Input> = current
            .iter()
            .map(|(path, bytes)| Input {
                path: path.clone(),
                data: Data::Bytes(bytes.clone()),
                blob: None,
            })
            .chain(others.iter().cloned())
            .collect();
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        let (_, findings) = crate::lint::run_inputs(inputs, config, today, limits, report_only);
        let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
        held_back = 0;
        for f in &findings {
            match &f.fix {
                Some(fix) if refused.contains(&(f.file.clone(), (**fix).clone())) => {}
                Some(fix) if fix.is_safe() || options.unsafe_fixes => {
                    by_file.entry(f.file.as_str()).or_default().push(fix);
                }
                Some(_) => held_back += 1,
                None => {}
            }
        }
        by_file.retain(|path, _| {
            let Some(why) = blocked.get(*path) else {
                return current.contains_key(*path);
            };
            if said.insert((*path).to_owned()) {
                warn(&format!("`{path}` was not fixed: {why}"));
            }
            false
        });
        if by_file.is_empty() || pass == MAX_PASSES {
            break;
        }
        #[allow(clippy::type_complexity)]
        let results: Vec<(String, Result<Option<Applied>, String>, Vec<Fix>)> = by_file
            .par_iter()
            .map(|(path, fixes)| {
                let raw = &current[*path];
                let mut result = apply(path, raw, fixes, limits);
                let mut unsound = Vec::new();
                if result.is_err() {
                    // Keep the fixes that are sound on their own.
                    let (sound, bad): (Vec<&Fix>, Vec<&Fix>) = fixes
                        .iter()
                        .partition(|f| apply(path, raw, &[**f], limits).is_ok());
                    if !sound.is_empty() {
                        unsound = bad.into_iter().cloned().collect();
                        result = apply(path, raw, &sound, limits);
                    }
                }
                ((*path).to_owned(), result, unsound)
            })
            .collect();
        let mut progress = false;
        for (path, result, unsound) in results {
            for fix in unsound {
                warn(&format!(
                    "`{path}`: the fix \"{}\" was not applied: it would change what the file says",
                    fix.title
                ));
                refused.insert((path.clone(), fix));
            }
            match result {
                Ok(Some(applied)) => {
                    *fixed.entry(path.clone()).or_default() += applied.count;
                    current.insert(path, applied.bytes);
                    progress = true;
                }
                Ok(None) => {}
                Err(why) => {
                    warn(&format!("`{path}` was not fixed: {why}"));
                    said.insert(path.clone());
                    blocked.insert(path, why);
                }
            }
        }
        if !progress {
            break;
        }
    }
    let changed: Vec<&String> = current
        .iter()
        .filter(|(path, bytes)| original.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    if options.diff {
        let mut out = anstream::stdout().lock();
        for path in &changed {
            let shown = format!("{}{path}", root.prefix);
            out.write_all(unified_diff(&shown, &original[*path], &current[*path]).as_bytes())?;
        }
        out.flush()?;
        let n: usize = changed.iter().map(|p| fixed[*p]).sum();
        let mut line = if n == 0 {
            "Nothing to fix.".to_owned()
        } else {
            format!(
                "Would fix {} in {}.",
                count(n, "finding"),
                count(changed.len(), "file")
            )
        };
        line.push_str(&held_back_note(held_back));
        let _ = writeln!(anstream::stderr(), "{line}");
        return Ok(Outcome::Diffed(i32::from(!changed.is_empty())));
    }
    let mut written = 0;
    for path in changed {
        match write::replace(&root.dir, path, &original[path], &current[path]) {
            Ok(()) => written += fixed[path],
            Err(why) => warn(&format!("`{path}` was not fixed: {why}")),
        }
    }
    Ok(Outcome::Fixed(Tally {
        fixed: written,
        unsafe_fixes: options.unsafe_fixes,
    }))
}

/// `--diff`: the unified diff of one file, `a/PATH` to `b/PATH`, as `git
/// apply` and `patch -p1` read it.
pub fn unified_diff(path: &str, old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

fn warn(message: &str) {
    let _ = writeln!(
        anstream::stderr(),
        "warning: {}",
        crate::output::text::sanitize(message)
    );
}
