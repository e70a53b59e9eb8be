//! Sources: where the files come from. The working tree (in a git
//! repository: the tracked files plus untracked ones `.gitignore` does not
//! ignore), a revision's tree read from the object database, the
//! index, or a plain directory. Everything here runs on one thread: git2's
//! `Repository` is not `Sync`.
//!
//! `discover` finds the root from the command-line paths, `read` reads one
//! file from a source, `collect` reads every matched file, `matcher` holds
//! the include and exclude globs.

use std::path::{Component, Path, PathBuf};

mod collect;
mod discover;
mod matcher;
mod read;

pub use collect::{Keep, KeepContent, KeepPath, Listing};
pub use discover::{Named, CONFIG_NAMES};
pub use matcher::Matcher;

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
    /// The id of the blob the bytes were read from, when they were read
    /// from git's object database (a revision, the index).
    pub blob: Option<git2::Oid>,
}

/// The root being linted, and the git repository around it if any.
pub struct Root {
    pub dir: PathBuf,
    pub repo: Option<git2::Repository>,
    /// The root's path inside the repository's work tree ("" or "sub/dir/").
    pub prefix: String,
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

/// The id git gives a blob of these bytes: the SHA-1 of `blob <length>`,
/// a NUL, and the bytes. libgit2's own hashing also looks for collision
/// attacks, at several times the cost; a repository cannot hold two
/// blobs with one id anyway, and git checks the blobs it receives.
pub fn blob_id(bytes: &[u8]) -> Option<git2::Oid> {
    use sha1::Digest;
    let mut hash = sha1::Sha1::new();
    hash.update(format!("blob {}\0", bytes.len()));
    hash.update(bytes);
    git2::Oid::from_bytes(&hash.finalize()).ok()
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
