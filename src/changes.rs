//! Changed-only mode: the merge base of `--base REV` and the source, and
//! the files changed between them.

use crate::source::{slash, Mode, Root};
use anyhow::{anyhow, Result};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

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

/// What a quick look at a file's top-level lines says about it, without
/// parsing it: enough to leave out, in changed-only mode, the nominations
/// that no changed file's checks can involve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniff {
    /// Certainly one Nomination document with this `id`, `cycle` and
    /// `candidate`.
    Nomination {
        id: String,
        cycle: String,
        candidate: String,
    },
    /// Anything else, or not certain: the file is loaded.
    Other,
}

/// Look at the top-level `kind:`, `id:`, `cycle:` and `candidate:` lines of
/// a file. Only a plain single-document file whose four keys each appear
/// once, at the start of a line, with a plain id value, is a `Nomination`; every other
/// shape (flow style, quotes, several documents, directives, a key twice)
/// is `Other`, and so is loaded in full.
pub fn sniff(bytes: &[u8]) -> Sniff {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Sniff::Other;
    };
    let (mut kind, mut id, mut cycle, mut candidate) = (None, None, None, None);
    for line in text.lines() {
        let first = line.as_bytes().first().copied().unwrap_or(b' ');
        // Indented lines, blank lines and comments hold no top-level key;
        // most lines of a nomination are indented.
        if matches!(first, b' ' | b'#') {
            continue;
        }
        if matches!(
            first,
            b'-' | b'.'
                | b'%'
                | b'{'
                | b'['
                | b'?'
                | b'&'
                | b'*'
                | b'!'
                | b'"'
                | b'\''
                | b'\t'
                | b'\r'
        ) || line.starts_with("<<")
        {
            return Sniff::Other;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let slot = match key {
            "kind" => &mut kind,
            "id" => &mut id,
            "cycle" => &mut cycle,
            "candidate" => &mut candidate,
            _ => continue,
        };
        let value = rest.split(" #").next().unwrap_or("").trim();
        if slot.is_some() || !plain_id(value) || !rest.starts_with(' ') {
            return Sniff::Other;
        }
        *slot = Some(value);
    }
    match (kind, id, cycle, candidate) {
        (Some("Nomination"), Some(id), Some(cycle), Some(candidate)) => Sniff::Nomination {
            id: id.to_owned(),
            cycle: cycle.to_owned(),
            candidate: candidate.to_owned(),
        },
        _ => Sniff::Other,
    }
}

/// The object ids of the regular files of `base` (a commit) under the root
/// that `keep` keeps, by root-relative path: what an unchanged file of the
/// source holds. Empty when the base has no such tree: the ids only save
/// reading, so none is no error.
pub fn blobs(
    root: &Root,
    base: &str,
    keep: impl Fn(&str) -> bool,
) -> ahash::AHashMap<String, git2::Oid> {
    let mut out = ahash::AHashMap::new();
    let Ok(tree) = root.tree(base) else {
        return out;
    };
    let walked = tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if matches!(entry.filemode(), 0o100644 | 0o100755) {
            let path = format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
            if keep(&path) {
                out.insert(path, entry.id());
            }
        }
        git2::TreeWalkResult::Ok
    });
    if walked.is_err() {
        out.clear();
    }
    out
}

/// What earlier runs of changed-only mode saw of unchanged files: the
/// `sniff` of each blob, by object id. A blob's content never changes, so
/// an entry never goes stale. Kept in the git directory
/// (`.git/ladderlint/sniffs`), never in the work tree; a file that cannot
/// be read or written, or a line that does not parse, only costs the time
/// of reading those files again.
pub struct Sniffs {
    file: Option<PathBuf>,
    known: ahash::AHashMap<git2::Oid, Sniff>,
    learned: Mutex<Vec<(git2::Oid, Sniff)>>,
}

const SNIFFS_HEADER: &str = "ladderlint sniffs 1";
/// A larger file is not read (a repository of 100,000 nominations needs 10 MB).
const SNIFFS_MAX_BYTES: u64 = 256 * 1024 * 1024;

impl Sniffs {
    /// The sniffs of `root`'s repository; none (and nothing saved) when
    /// `enabled` is false or there is no repository.
    pub fn open(root: &Root, enabled: bool) -> Sniffs {
        let file = root
            .repo
            .as_ref()
            .filter(|_| enabled)
            .map(|r| r.commondir().join("ladderlint").join("sniffs"));
        let mut known = ahash::AHashMap::new();
        let text = file
            .as_ref()
            .filter(|f| std::fs::metadata(f).is_ok_and(|m| m.len() <= SNIFFS_MAX_BYTES))
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        let mut lines = text.lines();
        if lines.next() == Some(SNIFFS_HEADER) {
            known.extend(lines.filter_map(Sniffs::parse_line));
        }
        Sniffs {
            file,
            known,
            learned: Mutex::new(Vec::new()),
        }
    }

    fn parse_line(line: &str) -> Option<(git2::Oid, Sniff)> {
        let mut parts = line.split(' ');
        let oid = parts.next().filter(|h| h.len() == 40)?;
        let oid = git2::Oid::from_str(oid).ok()?;
        let sniff = match (parts.next()?, parts.next(), parts.next(), parts.next()) {
            ("-", None, None, None) => Sniff::Other,
            (id, Some(cycle), Some(candidate), None)
                if [id, cycle, candidate].iter().all(|v| plain_id(v)) =>
            {
                Sniff::Nomination {
                    id: id.to_owned(),
                    cycle: cycle.to_owned(),
                    candidate: candidate.to_owned(),
                }
            }
            _ => return None,
        };
        Some((oid, sniff))
    }

    pub fn get(&self, oid: &git2::Oid) -> Option<&Sniff> {
        self.known.get(oid)
    }

    /// Remember what a blob read in this run holds.
    pub fn learn(&self, oid: git2::Oid, sniff: &Sniff) {
        if self.file.is_some() && !self.known.contains_key(&oid) {
            if let Ok(mut learned) = self.learned.lock() {
                learned.push((oid, sniff.clone()));
            }
        }
    }

    /// Write the entries of the blobs in `used` (the unchanged files of
    /// this run), when this run learned any: the file holds one
    /// repository's files, not every blob it ever saw. Written to a
    /// temporary file and renamed, so a concurrent run reads a whole file.
    pub fn save<'a>(self, used: impl Iterator<Item = &'a git2::Oid>) {
        let Some(file) = self.file else { return };
        let mut known = self.known;
        let learned = self.learned.into_inner().unwrap_or_default();
        if learned.is_empty() {
            return;
        }
        known.extend(learned);
        let mut text = String::from(SNIFFS_HEADER);
        text.push('\n');
        let mut seen = ahash::AHashSet::new();
        for oid in used {
            let (Some(sniff), true) = (known.get(oid), seen.insert(*oid)) else {
                continue;
            };
            let _ = match sniff {
                Sniff::Other => writeln!(text, "{oid} -"),
                Sniff::Nomination {
                    id,
                    cycle,
                    candidate,
                } => writeln!(text, "{oid} {id} {cycle} {candidate}"),
            };
        }
        let Some(dir) = file.parent() else { return };
        let tmp = dir.join(format!("sniffs.{}.tmp", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, text))
            .and_then(|()| std::fs::rename(&tmp, &file));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// An id as the schemas define it: `[A-Za-z0-9][A-Za-z0-9._-]*`.
fn plain_id(v: &str) -> bool {
    let mut b = v.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::{sniff, Sniff};

    fn nomination(id: &str, cycle: &str, candidate: &str) -> Sniff {
        Sniff::Nomination {
            id: id.into(),
            cycle: cycle.into(),
            candidate: candidate.into(),
        }
    }

    #[test]
    fn sniff_reads_only_plain_top_level_keys() {
        let plain = "# comment\nkind: Nomination\nid: n1   # note\ncycle: 2026-H2\n\
                     candidate: jdenton\nreview:\n  id: x\n  candidate: y\n";
        assert_eq!(
            sniff(plain.as_bytes()),
            nomination("n1", "2026-H2", "jdenton")
        );
        for other in [
            "kind: People\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\n",
            "kind: Nomination\nid: a\ncycle: b\ncycle: c\ncandidate: p\n",
            "kind: Nomination\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\ncycle: b\ncandidate: p\ncandidate: q\n",
            "kind: Nomination\nid: a\ncycle: b\ncandidate: 'p'\n",
            "kind: Nomination\nid: a\ncycle: \"b\"\n",
            "kind: Nomination\nid: a\ncycle: b\n---\nkind: Cycle\n",
            "{kind: Nomination,\nid: a,\ncycle: b}\n",
            "kind: Nomination\nid: a\ncycle: b\n<<: *x\n",
            "kind: Nomination\rid: a\rcycle: b\r",
            "kind: Nomination\nid: a\ncycle:b\n",
            "%YAML 1.2\n---\nkind: Nomination\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\ncycle: b c\n",
        ] {
            assert_eq!(sniff(other.as_bytes()), Sniff::Other, "{other:?}");
        }
        assert_eq!(sniff(b"\xff kind: Nomination"), Sniff::Other);
    }
}
