//! Reading every matched file of a source: the working tree (tracked
//! files plus untracked ones `.gitignore` does not ignore), a revision's
//! tree, or the index.

use super::{resolve_link, slash, Data, Input, Matcher, Mode, Root};
use anyhow::{anyhow, bail, Context as _, Result};
use std::collections::BTreeSet;
use std::path::Path;

impl Root {
    /// The paths of the files `matcher` matches in `mode`, none of them read.
    pub fn matched_paths(&self, mode: &Mode, matcher: &Matcher) -> Result<BTreeSet<String>> {
        let listing = self.list(mode, matcher, &|_| true)?;
        Ok(listing
            .entries
            .into_iter()
            .map(|e| e.path)
            .filter(|p| matcher.is_match(p))
            .collect())
    }

    /// Every file matched by `matcher`, read from `mode`, sorted by path.
    pub fn collect(&self, mode: &Mode, matcher: &Matcher) -> Result<Vec<Input>> {
        self.collect_where(mode, matcher, &Keep::all())
    }

    /// The files matched by `matcher` that `keep` keeps, read from `mode`,
    /// sorted by path. A file whose path is not kept is not read; one whose
    /// content is not kept is dropped as soon as it is read.
    pub fn collect_where(&self, mode: &Mode, matcher: &Matcher, keep: &Keep) -> Result<Vec<Input>> {
        let listing = self.list(mode, matcher, keep.path)?;
        self.read_listed(listing, keep.content)
    }

    /// The files matched by `matcher` in `mode` whose path `keep` keeps
    /// (and the submodules where matched files could be), found but not
    /// read.
    pub fn list(&self, mode: &Mode, matcher: &Matcher, keep: &KeepPath<'_>) -> Result<Listing> {
        let entries = match mode {
            Mode::Worktree => self.list_worktree(matcher, keep)?,
            Mode::Rev(rev) => {
                let tree = self.tree(rev)?;
                let mut found = Vec::new();
                tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
                    let name = String::from_utf8_lossy(entry.name_bytes());
                    let path = format!("{dir}{name}");
                    match entry.filemode() {
                        0o040000 => return git2::TreeWalkResult::Ok,
                        mode if keep(&path) && listed(matcher, &path, mode) => found.push(Listed {
                            path,
                            what: What::Object(entry.id(), mode),
                        }),
                        _ => {}
                    }
                    git2::TreeWalkResult::Ok
                })?;
                found
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
                    if keep(path) && listed(matcher, path, mode) {
                        found.push(Listed {
                            path: path.to_owned(),
                            what: What::Object(entry.id, mode),
                        });
                    }
                }
                found
            }
        };
        Ok(Listing {
            mode: mode.clone(),
            entries,
        })
    }

    /// As [`Root::list`], for the paths of `paths` only. In a revision
    /// they are looked up one by one instead of found by walking the
    /// whole tree.
    pub fn list_paths(
        &self,
        mode: &Mode,
        matcher: &Matcher,
        paths: &BTreeSet<String>,
    ) -> Result<Listing> {
        let Mode::Rev(rev) = mode else {
            return self.list(mode, matcher, &|p| paths.contains(p));
        };
        // A path that was not UTF-8 was spelled lossily: the walk spells
        // it the same way, a lookup would not find it.
        if paths
            .iter()
            .any(|p| p.contains(char::REPLACEMENT_CHARACTER))
        {
            return self.list(mode, matcher, &|p| paths.contains(p));
        }
        let tree = self.tree(rev)?;
        let entries = paths
            .iter()
            .filter_map(|p| {
                let entry = tree.get_path(Path::new(p)).ok()?;
                let mode = entry.filemode();
                (mode != 0o040000 && listed(matcher, p, mode)).then(|| Listed {
                    path: p.clone(),
                    what: What::Object(entry.id(), mode),
                })
            })
            .collect();
        Ok(Listing {
            mode: mode.clone(),
            entries,
        })
    }

    /// Read the files of `listing`, keeping those whose content `keep`
    /// keeps (symlinks and submodules are always kept), sorted by path.
    pub fn read_listed(&self, listing: Listing, keep: &KeepContent<'_>) -> Result<Vec<Input>> {
        let mut inputs = match &listing.mode {
            Mode::Worktree => self.read_worktree(listing.entries, keep)?,
            Mode::Rev(rev) => {
                let tree = self.tree(rev)?;
                let repo = self.repo("--rev")?;
                self.read_objects(repo, listing.entries, keep, |p| {
                    tree.get_path(Path::new(p))
                        .ok()
                        .map(|e| (e.id(), e.filemode()))
                })?
            }
            Mode::Staged => {
                let repo = self.repo("--staged")?;
                let index = repo.index()?;
                let lookup = |p: &str| {
                    index
                        .get_path(Path::new(&format!("{}{p}", self.prefix)), 0)
                        .map(|e| (e.id, e.mode as i32))
                };
                self.read_objects(repo, listing.entries, keep, lookup)?
            }
        };
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        inputs.dedup_by(|a, b| a.path == b.path);
        Ok(inputs)
    }

    /// Read the blobs of `found`. Regular files are read in parallel, each
    /// thread with its own handle on the object database
    /// (`git2::Repository` is not `Sync`); links and submodules on this
    /// thread.
    fn read_objects(
        &self,
        repo: &git2::Repository,
        found: Vec<Listed>,
        keep: &KeepContent<'_>,
        lookup: impl Fn(&str) -> Option<(git2::Oid, i32)>,
    ) -> Result<Vec<Input>> {
        use rayon::prelude::*;
        let (files, special): (Vec<_>, Vec<_>) = found
            .into_iter()
            .filter_map(|l| match l.what {
                What::Object(oid, mode) => Some((l.path, oid, mode)),
                What::File | What::Nested => None,
            })
            .partition(|(_, _, mode)| !matches!(mode, 0o160000 | 0o120000));
        // Objects are addressed by their hash; re-hashing each one on read
        // (libgit2's default, not git's) costs more than parsing it.
        git2::opts::strict_hash_verification(false);
        let git_dir = repo.path().to_path_buf();
        // A blob whose bytes the working tree holds at the same path is
        // read from there (as git's diff does): reading a file costs less
        // than inflating the blob from a pack. The bytes are used only
        // when they hash to the blob's id, so what is read is the blob
        // whatever the working tree holds.
        let worktree =
            (repo.workdir().is_some() && self.dir.is_dir()).then_some(self.dir.as_path());
        // Small pieces, so that no thread is left with a long run at the
        // end; each piece borrows a handle from `handles`, opened once per
        // thread rather than once per piece.
        let handles = std::sync::Mutex::new(Vec::new());
        let mut out = files
            .into_par_iter()
            .with_max_len(64)
            .map_init(
                || Handle::take(&handles, &git_dir),
                |local, (path, oid, _)| -> Result<Option<Input>> {
                    let bytes = match worktree.and_then(|dir| same_in_worktree(dir, &path, oid)) {
                        Some(bytes) => bytes,
                        None => local.repo()?.find_blob(oid)?.content().to_vec(),
                    };
                    if !keep(&path, &bytes) {
                        return Ok(None);
                    }
                    let data = Data::Bytes(bytes);
                    Ok(Some(Input {
                        path,
                        data,
                        blob: Some(oid),
                    }))
                },
            )
            .filter_map(Result::transpose)
            .collect::<Result<Vec<Input>>>()?;
        drop(handles);
        release_packs(repo)?;
        for (path, oid, mode) in special {
            let (data, blob) = match mode {
                0o160000 => (Data::Submodule, None),
                _ => {
                    let target =
                        String::from_utf8_lossy(repo.find_blob(oid)?.content()).into_owned();
                    match resolve_link(&path, &target) {
                        Some(inside) => match lookup(&inside) {
                            Some((id, m)) if m & 0o170000 == 0o100000 => (
                                Data::Bytes(repo.find_blob(id)?.content().to_vec()),
                                Some(id),
                            ),
                            _ => (Data::SymlinkOutside(target), None),
                        },
                        None => (Data::SymlinkOutside(target), None),
                    }
                }
            };
            out.push(Input { path, data, blob });
        }
        Ok(out)
    }

    /// The working tree. In a git repository the files are those git would
    /// show: every tracked file (the index), even one a `.gitignore` names,
    /// plus untracked files that `.gitignore` (and git's other exclude
    /// files) does not ignore. `.ignore` and `.rgignore` files are not
    /// honoured: they are not git's, and a committed one must not hide
    /// files from the check.
    fn list_worktree(&self, matcher: &Matcher, keep: &KeepPath<'_>) -> Result<Vec<Listed>> {
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
            if path.is_empty() || !keep(&path) {
                continue;
            }
            let what = match entry.file_type() {
                Some(t) if t.is_dir() => {
                    if !(entry.path().join(".git").exists() && matcher.may_contain(&path)) {
                        continue;
                    }
                    What::Nested
                }
                _ if matcher.is_match(&path) => What::File,
                _ => continue,
            };
            out.push(Listed { path, what });
        }
        // Tracked files that an ignore file hides from the walk.
        let walked: ahash::AHashSet<&str> = out.iter().map(|l| l.path.as_str()).collect();
        let mut hidden = Vec::new();
        for path in self.tracked(|p| !walked.contains(p))? {
            if !matcher.is_match(&path) || !keep(&path) {
                continue;
            }
            let full = self.dir.join(&path);
            if full.symlink_metadata().is_err() || full.is_dir() {
                // Deleted in the working tree, or a submodule (found above).
                continue;
            }
            hidden.push(Listed {
                path,
                what: What::File,
            });
        }
        drop(walked);
        out.extend(hidden);
        let submodules = submodules.lock().map(|s| s.clone()).unwrap_or_default();
        for path in submodules {
            if matcher.may_contain(&path) && keep(&path) {
                out.push(Listed {
                    path,
                    what: What::Nested,
                });
            }
        }
        Ok(out)
    }

    /// Read the files of the working tree that `found` lists, in parallel.
    fn read_worktree(&self, found: Vec<Listed>, keep: &KeepContent<'_>) -> Result<Vec<Input>> {
        use rayon::prelude::*;
        let dir = self.dir.as_path();
        found
            .into_par_iter()
            // Small pieces: the files a look is taken at (one folder of
            // them, in path order) must not fall to one thread.
            .with_max_len(64)
            .map(|l| match l.what {
                What::Nested => Ok(Some(Input {
                    path: l.path,
                    data: Data::Submodule,
                    blob: None,
                })),
                What::File => read_worktree_file(dir, l.path, keep),
                What::Object(..) => Ok(None),
            })
            .filter_map(Result::transpose)
            .collect()
    }

    /// The root-relative paths of the files in the index under the root
    /// that `keep` keeps (none outside a git repository).
    fn tracked(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<String>> {
        let Some(repo) = &self.repo else {
            return Ok(Vec::new());
        };
        let index = repo.index().context("cannot read the git index")?;
        Ok(index
            .iter()
            .filter(|e| e.mode != 0o160000 && e.mode & 0o170000 != 0o040000)
            .filter_map(|e| {
                let full = String::from_utf8_lossy(&e.path);
                full.strip_prefix(&self.prefix)
                    .filter(|p| keep(p))
                    .map(str::to_owned)
            })
            .collect())
    }
}

/// A handle on the object database borrowed from a pool (`git2::Repository`
/// is not `Sync`), given back when dropped.
struct Handle<'a> {
    repo: Option<Result<git2::Repository, git2::Error>>,
    pool: &'a std::sync::Mutex<Vec<git2::Repository>>,
}

impl<'a> Handle<'a> {
    fn take(pool: &'a std::sync::Mutex<Vec<git2::Repository>>, git_dir: &Path) -> Handle<'a> {
        let kept = pool.lock().ok().and_then(|mut p| p.pop());
        let repo = kept.map_or_else(|| git2::Repository::open(git_dir), Ok);
        Handle {
            repo: Some(repo),
            pool,
        }
    }

    fn repo(&self) -> Result<&git2::Repository> {
        match &self.repo {
            Some(Ok(repo)) => Ok(repo),
            Some(Err(e)) => Err(anyhow!("{}", e.message())),
            None => Err(anyhow!("no handle on the object database")),
        }
    }
}

impl Drop for Handle<'_> {
    fn drop(&mut self) {
        if let Some(Ok(repo)) = self.repo.take() {
            if let Ok(mut pool) = self.pool.lock() {
                pool.push(repo);
            }
        }
    }
}

/// Which matched files `Root::collect_where` reads (`path`) and keeps
/// once read (`content`). Symlinks and submodules are always kept.
pub struct Keep<'a> {
    pub path: &'a KeepPath<'a>,
    pub content: &'a KeepContent<'a>,
}

/// Which paths are read.
pub type KeepPath<'a> = dyn Fn(&str) -> bool + Sync + 'a;
/// Which files are kept once read, by path and content.
pub type KeepContent<'a> = dyn Fn(&str, &[u8]) -> bool + Sync + 'a;

/// Files of a source found by [`Root::list`], not yet read.
pub struct Listing {
    mode: Mode,
    entries: Vec<Listed>,
}

struct Listed {
    path: String,
    what: What,
}

enum What {
    /// A blob of a tree or of the index: its id and file mode.
    Object(git2::Oid, i32),
    /// A file of the working tree.
    File,
    /// A nested repository in the working tree.
    Nested,
}

impl Listing {
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.path.as_str())
    }

    /// How many of the listed entries `matcher` matches (the listing also
    /// holds submodules where matched files could be): every file was
    /// listed because it matched.
    pub fn matched(&self, matcher: &Matcher) -> usize {
        let submodule = |w: &What| matches!(w, What::Nested | What::Object(_, 0o160000));
        self.entries
            .iter()
            .filter(|e| !submodule(&e.what) || matcher.is_match(&e.path))
            .count()
    }

    /// Move the entries whose path `take` takes into a listing of their own.
    pub fn take(&mut self, take: impl Fn(&str) -> bool) -> Listing {
        let (taken, left) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|e| take(&e.path));
        self.entries = left;
        Listing {
            mode: self.mode.clone(),
            entries: taken,
        }
    }
}

/// Whether a tree or index entry at `path` (file mode `mode`) is listed:
/// a matched file, or a submodule where matched files could be.
fn listed(matcher: &Matcher, path: &str, mode: i32) -> bool {
    matcher.is_match(path) || (mode == 0o160000 && matcher.may_contain(path))
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

/// Let go of the pack files that reading every blob mapped into memory
/// (the whole pack, 65 MB at 100,000 nominations, held to the end of the
/// run): `repo` gets a new object database on the same directories, and the
/// old one, with its mappings, is freed now that the threads' handles are
/// gone. Packs are shared by path while any database holds them, so the
/// old database goes first (through an empty one), then the new one opens
/// the packs again, mapping only what later reads read. Objects are only
/// read, never written, so the directories can be added as alternates (the
/// one way the library exposes).
fn release_packs(repo: &git2::Repository) -> Result<()> {
    let objects = repo.commondir().join("objects");
    // The library takes the directory as UTF-8 text: any other keeps the
    // packs mapped, as they were.
    let Some(objects) = objects.to_str() else {
        return Ok(());
    };
    repo.set_odb(&git2::Odb::new()?)?;
    let odb = git2::Odb::new()?;
    odb.add_disk_alternate(objects)?;
    repo.set_odb(&odb)?;
    Ok(())
}

/// The bytes of the file at `path` under `dir` in the working tree, when
/// they are those of the blob `oid`.
fn same_in_worktree(dir: &Path, path: &str, oid: git2::Oid) -> Option<Vec<u8>> {
    let full = dir.join(path);
    // Elsewhere than on Linux the open itself would wait on a FIFO.
    #[cfg(not(target_os = "linux"))]
    if !full.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let file = open_unless_link(&full).ok()??;
    // Only a regular file: not a FIFO, nor a device that a linked folder
    // leads to, which could be read without end (one stat of the open
    // file, no lookup of its path).
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let bytes = read_all(file).ok()?;
    (super::blob_id(&bytes) == Some(oid)).then_some(bytes)
}

/// Read one file of the working tree (`path` relative to the root `dir`): its
/// bytes, or what a symlink that leads outside the root points at.
/// `None` when `keep` drops its content.
fn read_worktree_file(dir: &Path, path: String, keep: &KeepContent<'_>) -> Result<Option<Input>> {
    let full = dir.join(&path);
    let read = read_unless_link(&full).with_context(|| format!("cannot read `{path}`"))?;
    let data = match read {
        Some(bytes) => Data::Bytes(bytes),
        None => {
            let target = std::fs::read_link(&full).unwrap_or_default();
            match full.canonicalize() {
                Ok(real) if real.starts_with(dir) && real.is_file() => Data::Bytes(
                    std::fs::read(&real).with_context(|| format!("cannot read `{path}`"))?,
                ),
                _ => Data::SymlinkOutside(target.display().to_string()),
            }
        }
    };
    if let Data::Bytes(bytes) = &data {
        if !keep(&path, bytes) {
            return Ok(None);
        }
    }
    Ok(Some(Input {
        path,
        data,
        blob: None,
    }))
}

/// The bytes of the file at `full`, or `None` when it is a symbolic link
/// (not followed).
fn read_unless_link(full: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match open_unless_link(full)? {
        Some(file) => read_all(file).map(Some),
        None => Ok(None),
    }
}

/// The file at `full` opened for reading, or `None` when it is a symbolic
/// link (not followed). On Linux the open itself refuses a link
/// (`O_NOFOLLOW`), and does not wait on a FIFO (`O_NONBLOCK`): no stat of
/// every file.
#[cfg(target_os = "linux")]
fn open_unless_link(full: &Path) -> std::io::Result<Option<std::fs::File>> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(full);
    match opened {
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Ok(None),
        opened => opened.map(Some),
    }
}

/// The file at `full` opened for reading, or `None` when it is a symbolic
/// link (not followed).
#[cfg(not(target_os = "linux"))]
fn open_unless_link(full: &Path) -> std::io::Result<Option<std::fs::File>> {
    if full
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Ok(None);
    }
    std::fs::File::open(full).map(Some)
}

/// The bytes of `file`, read to the end without asking its size.
fn read_all(mut file: std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::cell::RefCell;
    use std::io::Read as _;
    thread_local! {
        /// Read into, then copied at its length: no file holds more room
        /// than its bytes.
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(64 * 1024));
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let read = file.read_to_end(buffer).map(|_| buffer.as_slice().to_vec());
        if buffer.capacity() > 1 << 20 {
            *buffer = Vec::with_capacity(64 * 1024);
        }
        read
    })
}
