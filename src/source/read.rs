//! Reading one file from a source: the configuration, a file named on the
//! command line, a tree of a revision.

use super::{resolve_link, Mode, Root};
use anyhow::{anyhow, bail, Context as _, Result};
use std::path::Path;

impl Root {
    pub(super) fn repo(&self, what: &str) -> Result<&git2::Repository> {
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
    pub(super) fn read_object(
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
}
