//! Sources: where the files come from. The working tree (in a git
//! repository: the tracked files plus untracked ones `.gitignore` does not
//! ignore), a revision's tree read from the object database, the
//! index, or a plain directory. Everything here runs on one thread: git2's
//! `Repository` is not `Sync`.

use anyhow::{anyhow, bail, Context as _, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Which state of the repository to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Worktree,
    Rev(String),
    Staged,
}

/// The content of one matched path.
#[derive(Clone, Debug)]
pub enum Data {
    Bytes(Vec<u8>),
    /// A symlink that leads outside the root (never followed).
    SymlinkOutside(String),
    /// A submodule (skipped).
    Submodule,
}

#[derive(Clone, Debug)]
pub struct Input {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub data: Data,
}

/// The root being linted, and the git repository around it if any.
pub struct Root {
    pub dir: PathBuf,
    pub repo: Option<git2::Repository>,
    /// The root's path inside the repository's work tree ("" or "sub/dir/").
    pub prefix: String,
}

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

    fn repo(&self, what: &str) -> Result<&git2::Repository> {
        self.repo.as_ref().ok_or_else(|| {
            anyhow!(
                "`{}` is not inside a git repository, which {what} needs",
                self.dir.display()
            )
        })
    }

    /// The tree of revision `rev`, at the root's prefix.
    pub fn tree(&self, rev: &str) -> Result<git2::Tree<'_>> {
        let repo = self.repo(&format!("--rev {rev}"))?;
        let object = repo.revparse_single(rev).map_err(|e| {
            if repo.is_shallow() {
                anyhow!(
                    "unknown revision `{rev}`: this is a shallow clone and the commit may not have \
                     been fetched; fetch the history (`git fetch --unshallow`, or \
                     `fetch-depth: 0` in actions/checkout)"
                )
            } else {
                anyhow!("unknown revision `{rev}`: {}", e.message())
            }
        })?;
        let tree = object
            .peel_to_tree()
            .map_err(|e| anyhow!("revision `{rev}` has no tree: {}", e.message()))?;
        if self.prefix.is_empty() {
            return Ok(tree);
        }
        match tree.get_path(Path::new(self.prefix.trim_end_matches('/'))) {
            Ok(entry) => Ok(entry
                .to_object(repo)
                .and_then(|o| o.peel_to_tree())
                .map_err(|e| {
                    anyhow!(
                        "`{}` is not a folder at `{rev}`: {}",
                        self.prefix,
                        e.message()
                    )
                })?),
            Err(_) => bail!("`{}` does not exist at revision `{rev}`", self.prefix),
        }
    }

    /// Read one file (the configuration; `name` relative to the root) from
    /// `mode`. A symlink is followed only to a file inside the root; one
    /// that leads outside is an error, as it is for the files checked.
    pub fn read(&self, mode: &Mode, name: &str) -> Result<Option<Vec<u8>>> {
        match mode {
            Mode::Worktree => {
                let path = self.dir.join(name);
                if path.symlink_metadata().is_err() {
                    return Ok(None);
                }
                let real = path.canonicalize().ok();
                if !real.as_ref().is_some_and(|r| r.starts_with(&self.dir)) {
                    let target = std::fs::read_link(&path).unwrap_or_default();
                    bail!(
                        "`{name}` is a symlink to `{}`, outside the repository: refusing to read it",
                        target.display()
                    );
                }
                if !path.is_file() {
                    return Ok(None);
                }
                Ok(Some(std::fs::read(&path).with_context(|| {
                    format!("cannot read `{}`", path.display())
                })?))
            }
            Mode::Rev(rev) => {
                let tree = self.tree(rev)?;
                let repo = self.repo("--rev")?;
                let lookup = |p: &str| {
                    tree.get_path(Path::new(p))
                        .ok()
                        .map(|e| (e.id(), e.filemode()))
                };
                self.read_object(repo, name, lookup)
            }
            Mode::Staged => {
                let repo = self.repo("--staged")?;
                let index = repo.index()?;
                let lookup = |p: &str| {
                    index
                        .get_path(Path::new(&format!("{}{p}", self.prefix)), 0)
                        .map(|e| (e.id, e.mode as i32))
                };
                self.read_object(repo, name, lookup)
            }
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

    /// Read a file named on the command line (`--config PATH`). A symlink
    /// that leads outside the root is refused.
    pub fn read_named(&self, path: &Path) -> Result<Vec<u8>> {
        let is_link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            let inside = path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&self.dir));
            if !inside {
                let target = std::fs::read_link(path).unwrap_or_default();
                bail!(
                    "`{}` is a symlink to `{}`, outside the repository: refusing to read it",
                    path.display(),
                    target.display()
                );
            }
        }
        std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
    }

    /// Read `name` from a tree or the index through `lookup`, following a
    /// symlink only to a regular file inside the root.
    fn read_object(
        &self,
        repo: &git2::Repository,
        name: &str,
        lookup: impl Fn(&str) -> Option<(git2::Oid, i32)>,
    ) -> Result<Option<Vec<u8>>> {
        let Some((id, mode)) = lookup(name) else {
            return Ok(None);
        };
        if mode & 0o170000 == 0o100000 {
            return Ok(Some(repo.find_blob(id)?.content().to_vec()));
        }
        if mode != 0o120000 {
            return Ok(None);
        }
        let target = String::from_utf8_lossy(repo.find_blob(id)?.content()).into_owned();
        match resolve_link(name, &target).and_then(|inside| lookup(&inside)) {
            Some((id, m)) if m & 0o170000 == 0o100000 => {
                Ok(Some(repo.find_blob(id)?.content().to_vec()))
            }
            _ => bail!(
                "`{name}` is a symlink to `{target}`, outside the repository (or to no file in \
                 it): refusing to read it"
            ),
        }
    }

    /// The paths of the files `matcher` matches in `mode`, none of them read.
    pub fn matched_paths(&self, mode: &Mode, matcher: &Matcher) -> Result<BTreeSet<String>> {
        let found = std::sync::Mutex::new(BTreeSet::new());
        let record = |p: &str| {
            if matcher.is_match(p) {
                if let Ok(mut f) = found.lock() {
                    f.insert(p.to_owned());
                }
            }
            false
        };
        self.collect_where(
            mode,
            matcher,
            &Keep {
                path: &record,
                content: &|_, _| false,
            },
        )?;
        Ok(found.into_inner().unwrap_or_default())
    }

    /// How many files `matcher` matches in `mode`, none of them read.
    pub fn count_matched(&self, mode: &Mode, matcher: &Matcher) -> Result<usize> {
        let count = std::sync::atomic::AtomicUsize::new(0);
        let counting = |p: &str| {
            if matcher.is_match(p) {
                count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            false
        };
        self.collect_where(
            mode,
            matcher,
            &Keep {
                path: &counting,
                content: &|_, _| false,
            },
        )?;
        Ok(count.into_inner())
    }

    /// Every file matched by `matcher`, read from `mode`, sorted by path.
    pub fn collect(&self, mode: &Mode, matcher: &Matcher) -> Result<Vec<Input>> {
        self.collect_where(mode, matcher, &Keep::all())
    }

    /// The files matched by `matcher` that `keep` keeps, read from `mode`,
    /// sorted by path. A file whose path is not kept is not read; one whose
    /// content is not kept is dropped as soon as it is read.
    pub fn collect_where(&self, mode: &Mode, matcher: &Matcher, keep: &Keep) -> Result<Vec<Input>> {
        let mut inputs = match mode {
            Mode::Worktree => self.collect_worktree(matcher, keep)?,
            Mode::Rev(rev) => {
                let tree = self.tree(rev)?;
                let repo = self.repo("--rev")?;
                let mut found = Vec::new();
                tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
                    let name = String::from_utf8_lossy(entry.name_bytes());
                    let path = format!("{dir}{name}");
                    match entry.filemode() {
                        0o040000 => return git2::TreeWalkResult::Ok,
                        mode if (keep.path)(&path)
                            && (matcher.is_match(&path)
                                || (mode == 0o160000 && matcher.may_contain(&path))) =>
                        {
                            found.push((path, entry.id(), mode))
                        }
                        _ => {}
                    }
                    git2::TreeWalkResult::Ok
                })?;
                self.read_objects(repo, found, keep, |p| {
                    tree.get_path(Path::new(p))
                        .ok()
                        .map(|e| (e.id(), e.filemode()))
                })?
            }
            Mode::Staged => {
                let repo = self.repo("--staged")?;
                let index = repo.index()?;
                let mut found = Vec::new();
                for entry in index.iter() {
                    let full = String::from_utf8_lossy(&entry.path).into_owned();
                    let Some(path) = full.strip_prefix(&self.prefix) else {
                        continue;
                    };
                    let mode = entry.mode as i32;
                    if (keep.path)(path)
                        && (matcher.is_match(path)
                            || (mode == 0o160000 && matcher.may_contain(path)))
                    {
                        found.push((path.to_owned(), entry.id, mode));
                    }
                }
                let lookup = |p: &str| {
                    index
                        .get_path(Path::new(&format!("{}{p}", self.prefix)), 0)
                        .map(|e| (e.id, e.mode as i32))
                };
                self.read_objects(repo, found, keep, lookup)?
            }
        };
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        inputs.dedup_by(|a, b| a.path == b.path);
        Ok(inputs)
    }

    /// Read the blobs of `found` (path, object id, file mode). Regular files
    /// are read in parallel, each thread with its own handle on the object
    /// database (`git2::Repository` is not `Sync`); links and submodules on
    /// this thread.
    fn read_objects(
        &self,
        repo: &git2::Repository,
        found: Vec<(String, git2::Oid, i32)>,
        keep: &Keep,
        lookup: impl Fn(&str) -> Option<(git2::Oid, i32)>,
    ) -> Result<Vec<Input>> {
        use rayon::prelude::*;
        let (files, special): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|(_, _, mode)| !matches!(mode, 0o160000 | 0o120000));
        // Objects are addressed by their hash; re-hashing each one on read
        // (libgit2's default, not git's) costs more than parsing it.
        git2::opts::strict_hash_verification(false);
        let git_dir = repo.path().to_path_buf();
        let mut out = files
            .into_par_iter()
            .map_init(
                || git2::Repository::open(&git_dir),
                |local, (path, oid, _)| -> Result<Option<Input>> {
                    let local = local.as_ref().map_err(|e| anyhow!("{}", e.message()))?;
                    let blob = local.find_blob(oid)?;
                    if !(keep.content)(&path, blob.content()) {
                        return Ok(None);
                    }
                    let data = Data::Bytes(blob.content().to_vec());
                    Ok(Some(Input { path, data }))
                },
            )
            .filter_map(Result::transpose)
            .collect::<Result<Vec<Input>>>()?;
        for (path, oid, mode) in special {
            let data = match mode {
                0o160000 => Data::Submodule,
                _ => {
                    let target =
                        String::from_utf8_lossy(repo.find_blob(oid)?.content()).into_owned();
                    match resolve_link(&path, &target) {
                        Some(inside) => match lookup(&inside) {
                            Some((id, m)) if m & 0o170000 == 0o100000 => {
                                Data::Bytes(repo.find_blob(id)?.content().to_vec())
                            }
                            _ => Data::SymlinkOutside(target),
                        },
                        None => Data::SymlinkOutside(target),
                    }
                }
            };
            out.push(Input { path, data });
        }
        Ok(out)
    }

    /// The working tree. In a git repository the files are those git would
    /// show: every tracked file (the index), even one a `.gitignore` names,
    /// plus untracked files that `.gitignore` (and git's other exclude
    /// files) does not ignore. `.ignore` and `.rgignore` files are not
    /// honoured: they are not git's, and a committed one must not hide
    /// files from the check.
    fn collect_worktree(&self, matcher: &Matcher, keep: &Keep) -> Result<Vec<Input>> {
        let mut out = Vec::new();
        let submodules = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (found, top) = (submodules.clone(), self.dir.clone());
        let walker = ignore::WalkBuilder::new(&self.dir)
            .hidden(false)
            .ignore(false)
            .follow_links(false)
            .filter_entry(move |e| {
                if e.file_name() == ".git" {
                    return false;
                }
                let nested = e.depth() > 0
                    && e.file_type().is_some_and(|t| t.is_dir())
                    && e.path().join(".git").exists();
                if nested {
                    if let Ok(mut f) = found.lock() {
                        f.push(e.path().strip_prefix(&top).map(slash).unwrap_or_default());
                    }
                }
                !nested
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => bail!("cannot read the working tree: {e}"),
            };
            let Ok(rel) = entry.path().strip_prefix(&self.dir) else {
                continue;
            };
            let path = slash(rel);
            if path.is_empty() {
                continue;
            }
            if !(keep.path)(&path) {
                continue;
            }
            let ft = entry.file_type();
            if ft.is_some_and(|t| t.is_dir()) {
                if entry.path().join(".git").exists() && matcher.may_contain(&path) {
                    out.push(Input {
                        path,
                        data: Data::Submodule,
                    });
                }
                continue;
            }
            if !matcher.is_match(&path) {
                continue;
            }
            if let Some(input) = self.read_worktree_file(path, keep)? {
                out.push(input);
            }
        }
        // Tracked files that an ignore file hides from the walk.
        let walked: BTreeSet<String> = out.iter().map(|i| i.path.clone()).collect();
        for path in self.tracked()? {
            if walked.contains(&path) || !matcher.is_match(&path) || !(keep.path)(&path) {
                continue;
            }
            let full = self.dir.join(&path);
            if full.symlink_metadata().is_err() || full.is_dir() {
                // Deleted in the working tree, or a submodule (found above).
                continue;
            }
            if let Some(input) = self.read_worktree_file(path, keep)? {
                out.push(input);
            }
        }
        let submodules = submodules.lock().map(|s| s.clone()).unwrap_or_default();
        for path in submodules {
            if matcher.may_contain(&path) && (keep.path)(&path) {
                out.push(Input {
                    path,
                    data: Data::Submodule,
                });
            }
        }
        Ok(out)
    }
}

impl Root {
    /// The root-relative paths of the files in the index under the root
    /// (none outside a git repository).
    fn tracked(&self) -> Result<Vec<String>> {
        let Some(repo) = &self.repo else {
            return Ok(Vec::new());
        };
        let index = repo.index().context("cannot read the git index")?;
        Ok(index
            .iter()
            .filter(|e| e.mode != 0o160000 && e.mode & 0o170000 != 0o040000)
            .filter_map(|e| {
                let full = String::from_utf8_lossy(&e.path).into_owned();
                full.strip_prefix(&self.prefix).map(str::to_owned)
            })
            .collect())
    }

    /// Read one file of the working tree (`path` relative to the root): its
    /// bytes, or what a symlink that leads outside the root points at.
    /// `None` when `keep` drops its content.
    fn read_worktree_file(&self, path: String, keep: &Keep) -> Result<Option<Input>> {
        let full = self.dir.join(&path);
        let is_link = full
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let data = if is_link {
            let target = std::fs::read_link(&full).unwrap_or_default();
            match full.canonicalize() {
                Ok(real) if real.starts_with(&self.dir) && real.is_file() => Data::Bytes(
                    std::fs::read(&real).with_context(|| format!("cannot read `{path}`"))?,
                ),
                _ => Data::SymlinkOutside(target.display().to_string()),
            }
        } else {
            Data::Bytes(std::fs::read(&full).with_context(|| format!("cannot read `{path}`"))?)
        };
        if let Data::Bytes(bytes) = &data {
            if !(keep.content)(&path, bytes) {
                return Ok(None);
            }
        }
        Ok(Some(Input { path, data }))
    }
}

/// The root for a directory `start`: the nearest ancestor (or itself)
/// holding a configuration file, else the top of the git work tree around
/// it; `None` when neither exists.
fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| {
            crate::config::CONFIG_NAMES
                .iter()
                .any(|n| d.join(n).is_file())
        })
        .map(Path::to_path_buf)
        .or_else(|| {
            git2::Repository::discover(start)
                .ok()
                .and_then(|r| r.workdir().map(normalize))
        })
}

/// Which matched files `Root::collect_where` reads (`path`) and keeps
/// once read (`content`). Symlinks and submodules are always kept.
pub struct Keep<'a> {
    pub path: &'a (dyn Fn(&str) -> bool + Sync),
    pub content: &'a (dyn Fn(&str, &[u8]) -> bool + Sync),
}

impl Keep<'static> {
    /// Every matched file.
    pub fn all() -> Keep<'static> {
        Keep {
            path: &|_| true,
            content: &|_, _| true,
        }
    }
}

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

/// `/`-separated text of a relative path.
pub fn slash(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Lexically normalize `.` and `..` (no symlink resolution).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The root-relative target of a symlink at `path`, or `None` when it leads
/// outside the root.
fn resolve_link(path: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}
