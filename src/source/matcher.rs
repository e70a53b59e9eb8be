//! The include and exclude globs, and the files named on the command line.

use anyhow::Result;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeSet;

/// Include and exclude globs over root-relative paths, and the files named
/// on the command line, which are checked even when `include` does not
/// match them.
pub struct Matcher {
    include: GlobSet,
    exclude: GlobSet,
    named: BTreeSet<String>,
    /// Literal folder prefixes of the include globs, for submodule checks.
    prefixes: Vec<String>,
}

impl Matcher {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Matcher> {
        let build =
            |globs: &[String]| -> Result<GlobSet> {
                let mut b = GlobSetBuilder::new();
                for g in globs {
                    b.add(Glob::new(g).and_then(|_| {
                        globset::GlobBuilder::new(g).literal_separator(true).build()
                    })?);
                }
                Ok(b.build()?)
            };
        let prefixes = include
            .iter()
            .map(|g| {
                let lit: String = g.chars().take_while(|c| !"*?[{".contains(*c)).collect();
                lit.rsplit_once('/')
                    .map_or(String::new(), |(d, _)| format!("{d}/"))
            })
            .collect();
        Ok(Matcher {
            include: build(include)?,
            exclude: build(exclude)?,
            named: BTreeSet::new(),
            prefixes,
        })
    }

    /// Also match the files named on the command line (unless excluded).
    pub fn with_named(mut self, named: Option<&BTreeSet<String>>) -> Matcher {
        self.named = named.cloned().unwrap_or_default();
        self
    }

    pub fn is_match(&self, path: &str) -> bool {
        (self.include.is_match(path) || self.named.contains(path)) && !self.excluded(path)
    }

    /// Whether `exclude` leaves `path` out.
    pub fn excluded(&self, path: &str) -> bool {
        self.exclude.is_match(path)
    }

    /// Whether a folder at `path` could hold included files.
    pub fn may_contain(&self, path: &str) -> bool {
        let dir = format!("{path}/");
        self.prefixes
            .iter()
            .any(|p| dir.starts_with(p.as_str()) || p.starts_with(dir.as_str()))
    }
}
