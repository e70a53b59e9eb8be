//! Writing a fixed file back: never through a symbolic link, never outside
//! the root, never over a change made since it was read.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Whether the file at `path` (relative to `root`) may be rewritten: a
/// regular file, not a symbolic link, with no link on the way to it from
/// the root (so it cannot be outside the root). `Err` says why not.
pub fn check_target(root: &Path, path: &str) -> Result<(), String> {
    let full = root.join(path);
    let meta = fs::symlink_metadata(&full).map_err(|e| format!("cannot read it: {e}"))?;
    if meta.file_type().is_symlink() {
        return Err("it is a symbolic link, which --fix never writes through".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    let real = full
        .canonicalize()
        .map_err(|e| format!("cannot resolve it: {e}"))?;
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot resolve the root: {e}"))?;
    if real != root.join(path) {
        return Err(
            "a folder on its path is a symbolic link, which --fix never writes through".into(),
        );
    }
    Ok(())
}

/// Replace the file at `path` (relative to `root`), read as `original`,
/// with `new`: only if it still holds `original`, through a temporary file
/// in the same folder renamed over it, so that a reader never sees half a
/// file. The file keeps its permissions.
pub fn replace(root: &Path, path: &str, original: &[u8], new: &[u8]) -> Result<(), String> {
    check_target(root, path)?;
    let full = root.join(path);
    let now = fs::read(&full).map_err(|e| format!("cannot read it: {e}"))?;
    if now != original {
        return Err("it changed on disk while it was being fixed; run again".into());
    }
    let dir = full.parent().unwrap_or(root);
    let permissions = fs::metadata(&full)
        .map_err(|e| format!("cannot read it: {e}"))?
        .permissions();
    let failed = |e: std::io::Error| format!("cannot write it: {e}");
    let mut tmp = tempfile::Builder::new()
        .prefix(".ladderlint-fix-")
        .tempfile_in(dir)
        .map_err(failed)?;
    tmp.write_all(new).map_err(failed)?;
    tmp.as_file().set_permissions(permissions).map_err(failed)?;
    tmp.persist(&full).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.yaml"), "kind: Cycle\r\nid: edited\r\n").unwrap();
        let err = replace(
            dir.path(),
            "a.yaml",
            b"kind: Cycle\r\nid: x\r\n",
            b"kind: Cycle\nid: x\n",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "it changed on disk while it was being fixed; run again"
        );
        assert_eq!(
            fs::read(dir.path().join("a.yaml")).unwrap(),
            b"kind: Cycle\r\nid: edited\r\n"
        );
        replace(
            dir.path(),
            "a.yaml",
            b"kind: Cycle\r\nid: edited\r\n",
            b"kind: Cycle\nid: edited\n",
        )
        .unwrap();
        assert_eq!(
            fs::read(dir.path().join("a.yaml")).unwrap(),
            b"kind: Cycle\nid: edited\n"
        );
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("a.yaml"), "kind: Cycle\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("a.yaml"), dir.path().join("b.yaml"))
            .unwrap();
        assert_eq!(
            check_target(dir.path(), "linked/a.yaml").unwrap_err(),
            "a folder on its path is a symbolic link, which --fix never writes through"
        );
        assert_eq!(
            check_target(dir.path(), "b.yaml").unwrap_err(),
            "it is a symbolic link, which --fix never writes through"
        );
        assert!(replace(dir.path(), "linked/a.yaml", b"kind: Cycle\n", b"x").is_err());
        assert_eq!(
            fs::read(outside.path().join("a.yaml")).unwrap(),
            b"kind: Cycle\n"
        );
    }
}
