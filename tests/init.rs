//! `ladderlint init` scaffolds an example that passes `lint` at once, and
//! never overwrites.

mod common;

use common::*;
use std::fs;

#[test]
fn scaffold_passes_lint_on_any_date() {
    for today in ["2026-01-05", "2026-11-25", "2031-07-01"] {
        let tmp = tempfile::tempdir().unwrap();
        let (code, out, err) = run(ladderlint()
            .args(["init"])
            .arg(tmp.path())
            .env("LADDERLINT_TODAY", today));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("created .github/workflows/ladderlint.yml"));
        for path in [
            "ladderlint.yaml",
            ".pre-commit-config.yaml",
            "ladders/engineering.yaml",
            "people/people.yaml",
        ] {
            assert!(tmp.path().join(path).is_file(), "{path}");
        }
        let (code, findings) = lint_json(tmp.path(), &["--today", today]);
        assert_eq!((code, findings.len()), (0, 0), "{today}: {findings:#?}");
        let noms = fs::read_dir(tmp.path().join("nominations"))
            .unwrap()
            .count();
        assert_eq!(noms, 2);
    }
}

#[test]
fn init_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("ladderlint.yaml"), "# mine\n").unwrap();
    let (code, _, err) = run(ladderlint().args(["init"]).arg(tmp.path()));
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to overwrite") && err.contains("ladderlint.yaml"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("ladderlint.yaml")).unwrap(),
        "# mine\n"
    );
    assert!(
        !tmp.path().join("ladders").exists(),
        "nothing is written when anything exists"
    );
}
