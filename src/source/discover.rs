//! Finding the root from the command-line paths, and what they name in it.

use super::{normalize, slash, Matcher, Mode, Root};
use anyhow::{anyhow, bail, Context as _, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the command line named inside the root, when it did not name the
/// root itself: files, and folders below the root.
#[derive(Debug, Default)]
pub struct Named {
    /// Root-relative paths of the files named.
    pub files: BTreeSet<String>,
    /// Root-relative paths of the folders named (none is the root).
    pub dirs: Vec<String>,
}

impl Named {
    /// The files to report on: those named, and every file under a named
    /// folder that `matcher` matches in `mode`. A named folder in which
    /// nothing matches is an error, as a run with no file would be.
    pub fn resolve(
        &self,
        root: &Root,
        mode: &Mode,
        matcher: &Matcher,
        include: &[String],
    ) -> Result<BTreeSet<String>> {
        let mut out = self.files.clone();
        if self.dirs.is_empty() {
            return Ok(out);
        }
        let all = root.matched_paths(mode, matcher)?;
        for dir in &self.dirs {
            let prefix = format!("{dir}/");
            let before = out.len();
            out.extend(all.iter().filter(|p| p.starts_with(&prefix)).cloned());
            if out.len() == before && !all.iter().any(|p| p.starts_with(&prefix)) {
                bail!(
                    "no files matched `include` under {} (include: {})",
                    root.dir.join(dir).display(),
                    include.join(", ")
                );
            }
        }
        Ok(out)
    }
}

impl Root {
    /// Find the root for the command-line paths. Returns the root and, when
    /// files were named, the set of files to report on (folders named
    /// below the root are left out: see [`Root::discover_paths`]).
    pub fn discover(paths: &[PathBuf]) -> Result<(Root, Option<BTreeSet<String>>)> {
        let (root, named) = Root::discover_paths(paths)?;
        let files =
            named.and_then(|n| (n.dirs.is_empty() && !n.files.is_empty()).then_some(n.files));
        Ok((root, files))
    }

    /// Find the one root of the command-line paths: for each path (a
    /// folder, or the folder of a file; the current directory when there
    /// is none) the nearest ancestor holding a configuration file, else the
    /// top of its git work tree, else the folder itself (the current
    /// directory for a file). Paths under different roots are an error.
    /// Returns the root and what was named inside it (`None`: all of it).
    pub fn discover_paths(paths: &[PathBuf]) -> Result<(Root, Option<Named>)> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let abs: Vec<PathBuf> = paths.iter().map(|p| normalize(&cwd.join(p))).collect();
        for (given, path) in paths.iter().zip(&abs) {
            if std::fs::symlink_metadata(path).is_err() {
                bail!("`{}` does not exist", given.display());
            }
        }
        let canon = |d: PathBuf| d.canonicalize().unwrap_or(d);
        let root_of = |path: &PathBuf| -> PathBuf {
            if path.is_dir() {
                canon(find_root(path).unwrap_or(path.clone()))
            } else {
                let start = path.parent().unwrap_or(&cwd).to_path_buf();
                canon(find_root(&start).unwrap_or(cwd.clone()))
            }
        };
        let roots: Vec<PathBuf> = abs.iter().map(root_of).collect();
        let dir = match roots.first() {
            None => canon(find_root(&cwd).unwrap_or(cwd.clone())),
            Some(first) => {
                if roots.iter().any(|r| r != first) {
                    let each: Vec<String> = paths
                        .iter()
                        .zip(&roots)
                        .map(|(p, r)| format!("`{}` (root `{}`)", p.display(), r.display()))
                        .collect();
                    bail!(
                        "the paths belong to different roots: {}; lint each root on its own",
                        each.join(", ")
                    );
                }
                first.clone()
            }
        };
        let mut named = Named::default();
        let mut whole = paths.is_empty();
        for (given, path) in paths.iter().zip(&abs) {
            let real = if path.is_dir() {
                canon(path.clone())
            } else {
                path.parent()
                    .and_then(|p| p.canonicalize().ok())
                    .map(|p| p.join(path.file_name().unwrap_or_default()))
                    .unwrap_or(path.clone())
            };
            let rel = real.strip_prefix(&dir).map_err(|_| {
                anyhow!(
                    "`{}` is outside the root `{}`",
                    given.display(),
                    dir.display()
                )
            })?;
            let rel = slash(rel);
            if path.is_dir() {
                if rel.is_empty() {
                    whole = true;
                } else {
                    named.dirs.push(rel);
                }
            } else {
                named.files.insert(rel);
            }
        }
        let (repo, prefix) = match git2::Repository::discover(&dir) {
            Ok(repo) => match repo
                .workdir()
                .map(|w| w.canonicalize().unwrap_or(w.to_path_buf()))
            {
                Some(work) if dir.starts_with(&work) => {
                    let rel = slash(dir.strip_prefix(&work).unwrap_or(Path::new("")));
                    let prefix = if rel.is_empty() { rel } else { rel + "/" };
                    (Some(repo), prefix)
                }
                _ => (None, String::new()),
            },
            Err(_) => (None, String::new()),
        };
        Ok((Root { dir, repo, prefix }, (!whole).then_some(named)))
    }

    /// Another handle on the same root and repository, for another thread
    /// (`git2::Repository` is not `Sync`).
    pub fn reopen(&self) -> Result<Root> {
        let repo = match &self.repo {
            Some(_) => Some(git2::Repository::discover(&self.dir)?),
            None => None,
        };
        Ok(Root {
            dir: self.dir.clone(),
            repo,
            prefix: self.prefix.clone(),
        })
    }

    /// The root as a person at the current directory would write it before
    /// a root-relative path: `` for the current directory, `hr/career/`
    /// below it, `../../` above it, else the absolute path (a long climb
    /// of `../` to an unrelated folder reads worse than where it is).
    pub fn shown_base(&self) -> String {
        let cwd = std::env::current_dir()
            .ok()
            .map(|c| c.canonicalize().unwrap_or(c));
        let rel = cwd.as_ref().and_then(|c| {
            if let Ok(below) = self.dir.strip_prefix(c) {
                return Some(slash(below));
            }
            let depth = c.strip_prefix(&self.dir).ok()?.components().count();
            Some(vec![".."; depth].join("/"))
        });
        let text = rel.unwrap_or_else(|| self.dir.display().to_string());
        if text.is_empty() {
            text
        } else {
            format!("{text}/")
        }
    }

    /// The root-relative, `/`-separated path of `path` (relative to the
    /// current directory), when it lies inside the root.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let cwd = std::env::current_dir().ok()?;
        let abs = normalize(&cwd.join(path));
        let abs = abs
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .map(|p| p.join(abs.file_name().unwrap_or_default()))
            .unwrap_or(abs);
        abs.strip_prefix(&self.dir).ok().map(slash)
    }
}

/// The names a configuration file may have, in the order they are looked
/// for; the folder holding one is a root.
pub const CONFIG_NAMES: [&str; 2] = ["ladderlint.yaml", ".ladderlint.yaml"];

/// The root for a directory `start`: the nearest ancestor (or itself)
/// holding a configuration file, else the top of the git work tree around
/// it; `None` when neither exists.
fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| CONFIG_NAMES.iter().any(|n| d.join(n).is_file()))
        .map(Path::to_path_buf)
        .or_else(|| {
            git2::Repository::discover(start)
                .ok()
                .and_then(|r| r.workdir().map(normalize))
        })
}
