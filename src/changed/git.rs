//! What changed: the merge base of `--base REV` and the source, and the
//! files changed between them.

use crate::source::{slash, Mode, Root};
use anyhow::{anyhow, Result};
use std::collections::BTreeSet;

/// The commit that a pull request started from: `merge-base(REV, HEAD)`
/// (or the `--rev` commit), as a full hex id.
pub fn merge_base(root: &Root, base: &str, mode: &Mode) -> Result<String> {
    let repo = root.repo.as_ref().ok_or_else(|| {
        anyhow!(
            "`{}` is not inside a git repository, which --base needs",
            root.dir.display()
        )
    })?;
    let find = |rev: &str| -> Result<git2::Oid> {
        let object = repo.revparse_single(rev).map_err(|e| {
            if repo.is_shallow() {
                anyhow!(
                    "base revision `{rev}` is not in this shallow clone: fetch the history \
                     (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)"
                )
            } else {
                anyhow!("unknown revision `{rev}`: {}", e.message())
            }
        })?;
        Ok(object
            .peel_to_commit()
            .map_err(|e| anyhow!("`{rev}` is not a commit: {}", e.message()))?
            .id())
    };
    let base_id = find(base)?;
    let head = match mode {
        Mode::Rev(rev) => rev.as_str(),
        _ => "HEAD",
    };
    let head_id = find(head)?;
    let mb = repo.merge_base(base_id, head_id).map_err(|_| {
        if repo.is_shallow() {
            anyhow!(
                "no merge base of `{base}` and `{head}` in this shallow clone: fetch the history \
                 (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)"
            )
        } else {
            anyhow!("`{base}` and `{head}` have no common ancestor")
        }
    })?;
    Ok(mb.to_string())
}

/// Root-relative paths of files changed between `base` and the source.
pub fn changed_files(root: &Root, base: &str, mode: &Mode) -> Result<BTreeSet<String>> {
    let repo = root
        .repo
        .as_ref()
        .ok_or_else(|| anyhow!("--base needs a git repository"))?;
    let base_tree = repo.revparse_single(base)?.peel_to_tree()?;
    let mut opts = git2::DiffOptions::new();
    if !root.prefix.is_empty() {
        opts.pathspec(&root.prefix);
    }
    opts.include_untracked(true).recurse_untracked_dirs(true);
    let diff = match mode {
        Mode::Worktree => {
            repo.diff_tree_to_workdir_with_index(Some(&base_tree), Some(&mut opts))?
        }
        Mode::Staged => repo.diff_tree_to_index(Some(&base_tree), None, Some(&mut opts))?,
        Mode::Rev(rev) => {
            let tree = repo.revparse_single(rev)?.peel_to_tree()?;
            repo.diff_tree_to_tree(Some(&base_tree), Some(&tree), Some(&mut opts))?
        }
    };
    let mut out = BTreeSet::new();
    for delta in diff.deltas() {
        for file in [delta.old_file(), delta.new_file()] {
            if let Some(path) = file.path() {
                let full = slash(path);
                if let Some(rel) = full.strip_prefix(&root.prefix) {
                    out.insert(rel.to_owned());
                }
            }
        }
    }
    Ok(out)
}
