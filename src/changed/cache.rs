//! What earlier runs saw of unchanged files, by blob id.

use super::sniff::{plain_id, Sniff};
use crate::source::{blob_id, Root};
use std::path::PathBuf;

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

/// What the last full lint read of each file holding one nomination (its
/// `sniff`), by blob id, for changed-only mode to decide without reading
/// the file (see `remember`). A blob's content never changes, so an entry
/// never goes stale. Kept in the git directory (`.git/ladderlint/sniffs`),
/// never in the work tree; a file that cannot be read, or a line that does
/// not parse, only costs the time of reading those files. Changed-only
/// runs only read it: they read few files in full, and what they kept of
/// those would cost the next run a walk of the base's tree for nothing.
pub struct Sniffs {
    known: ahash::AHashMap<git2::Oid, Sniff>,
}

const SNIFFS_HEADER: &str = "ladderlint sniffs 1";
/// A larger file is not read (a repository of 100,000 nominations needs 10 MB).
const SNIFFS_MAX_BYTES: u64 = 256 * 1024 * 1024;

impl Sniffs {
    /// The sniffs of `root`'s repository; none when `enabled` is false or
    /// there is no repository.
    pub fn open(root: &Root, enabled: bool) -> Sniffs {
        let file = Sniffs::path(root).filter(|_| enabled);
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
        Sniffs { known }
    }

    /// Where the sniffs of `root`'s repository are kept, if it has one.
    pub fn path(root: &Root) -> Option<PathBuf> {
        let repo = root.repo.as_ref()?;
        Some(repo.commondir().join("ladderlint").join("sniffs"))
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

    /// Whether nothing is kept (or keeping is off).
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

/// Write the line that keeps a nomination's `id`, `cycle` and
/// `candidate` for blob `oid`.
fn nomination_line(
    out: &mut dyn std::io::Write,
    oid: &git2::Oid,
    id: &str,
    cycle: &str,
    candidate: &str,
) -> std::io::Result<()> {
    writeln!(out, "{oid} {id} {cycle} {candidate}")
}

/// Write the sniffs file `file`: its header, then the lines `lines`
/// writes, to a temporary file (streamed, never held whole) that is then
/// renamed, so a concurrent run reads a whole file.
fn write(
    file: &std::path::Path,
    lines: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) {
    use std::io::Write as _;
    let Some(dir) = file.parent() else { return };
    let tmp = dir.join(format!("sniffs.{}.tmp", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::File::create(&tmp))
        .and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            writeln!(out, "{SNIFFS_HEADER}")?;
            lines(&mut out)?;
            out.flush()
        })
        .and_then(|()| std::fs::rename(&tmp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Keep, for later runs of changed-only mode, what a full lint read of
/// each file that holds one nomination: its id, cycle and candidate, as
/// the loader read them (the same reading the checks get), by blob id.
/// Only files the fast path read qualify (their text is their bytes, so
/// the id of the blob read, or the hash of the text, is the blob id); any
/// other file is left for the quick look of a later run. Written to
/// `file` ([`Sniffs::path`]).
pub fn remember(file: &std::path::Path, repo: &crate::repo::Repo) {
    use rayon::prelude::*;
    // The blob and the index of each nomination that qualifies. The file
    // is written anew from them: it holds the blobs of this run's files,
    // and a full lint's nomination files are all of them that qualify, so
    // nothing of the old file would be kept.
    let mut seen: Vec<(git2::Oid, usize)> = repo
        .nominations
        .par_iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let file = &repo.files[n.at.file as usize];
            // One document, so this nomination is all the file holds.
            let one = file.fast_document_count() == Some(1) && file.ambiguous.is_empty();
            let item = &n.item;
            if !one
                || ![&item.id, &item.cycle, &item.candidate]
                    .iter()
                    .all(|v| plain_id(v))
            {
                return None;
            }
            Some((file.blob.or_else(|| blob_id(file.text.as_bytes()))?, i))
        })
        .collect();
    // Files with the same bytes are one blob, and one line.
    seen.sort_unstable();
    seen.dedup_by_key(|(oid, _)| *oid);
    write(file, |out| {
        for (oid, i) in &seen {
            let item = &repo.nominations[*i].item;
            nomination_line(out, oid, &item.id, &item.cycle, &item.candidate)?;
        }
        Ok(())
    });
}
