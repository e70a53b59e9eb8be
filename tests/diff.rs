//! `ladderlint diff`: semantic ladder changes between two commits of a real
//! git repository (built with git2 in a temporary folder), and between a
//! commit and the working tree.

mod common;

use assert_cmd::Command;
use common::{copy_tree, manifest};
use std::fs;
use std::path::Path;

fn commit(repo: &git2::Repository, message: &str) {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Test", "test@example.com").unwrap();
    let parent = repo.head().ok().map(|h| h.peel_to_commit().unwrap());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The demo committed, then a second commit that renames M5 to EM5,
/// removes E8, re-ranks M8, raises the E6 and PM6 bands, rewrites one E5
/// expectation and adds a competency.
fn repo_with_changes() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/demo"), tmp.path());
    // An open nomination whose target level (PM6) will change.
    fs::write(
        tmp.path().join("nominations/2026h2-open.yaml"),
        "kind: Nomination\nid: 2026h2-open\ncycle: 2026-H2\ncandidate: ltanaka\n\
         ladder: product\nfrom_level: PM5\nto_level: PM6\nnominated_by: ltanaka\n\
         submitted: 2026-07-10\n",
    )
    .unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit(&repo, "base");
    let eng = tmp.path().join("ladders/engineering.yaml");
    edit(&eng, "  - id: M5\n", "  - id: EM5\n");
    edit(
        &eng,
        "band: { min: 180000, max: 230000 }",
        "band: { min: 190000, max: 240000 }",
    );
    edit(&eng, "multi-quarter systems", "multi-year systems");
    edit(
        &eng,
        "  - { id: influence, title: Influence and mentoring }\n",
        "  - { id: influence, title: Influence and mentoring }\n  - { id: operations, title: Operations }\n",
    );
    let text = fs::read_to_string(&eng).unwrap();
    let (start, end) = (
        text.find("  - id: E8\n").unwrap(),
        text.find("  # Management track").unwrap(),
    );
    let text = format!("{}{}", &text[..start], &text[end..]);
    let m8 = text.find("  - id: M8\n").unwrap();
    let text = format!(
        "{}{}",
        &text[..m8],
        text[m8..].replacen("rank: 8", "rank: 9", 1)
    );
    fs::write(&eng, text).unwrap();
    edit(
        &tmp.path().join("ladders/product.yaml"),
        "band: { min: 175000, max: 225000 }\n    expectations:\n      discovery: Funds",
        "band: { min: 185000, max: 235000 }\n    expectations:\n      discovery: Funds",
    );
    commit(&repo, "head");
    tmp
}

fn diff(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("diff")
        .args(args)
        .arg("--root")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn semantic_changes_between_commits() {
    let tmp = repo_with_changes();
    let (code, out, err) = diff(tmp.path(), &["HEAD~1", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["base"], "HEAD~1");
    assert_eq!(d["head"], "HEAD");
    let ladders = d["ladders"].as_array().unwrap();
    assert_eq!(ladders.len(), 2);
    let eng = &ladders[0];
    assert_eq!(eng["id"], "engineering");
    assert_eq!(eng["status"], "changed");
    assert_eq!(eng["competencies_added"][0]["id"], "operations");
    assert_eq!(eng["levels_removed"][0]["id"], "E8");
    assert_eq!(eng["levels_added"].as_array().unwrap().len(), 0);
    assert_eq!(eng["levels_renamed"][0]["from"], "M5");
    assert_eq!(eng["levels_renamed"][0]["to"], "EM5");
    assert_eq!(eng["levels_reranked"][0]["id"], "M8");
    assert_eq!(eng["levels_reranked"][0]["from_rank"], 8);
    assert_eq!(eng["levels_reranked"][0]["to_rank"], 9);
    // E6's and M6's bands had the same numbers; only the first was edited.
    let band = &eng["bands"][0];
    assert_eq!(band["level"], "E6");
    assert_eq!(band["from"]["min"], 180000.0);
    assert_eq!(band["to"]["max"], 240000.0);
    let pct = |v: &serde_json::Value| (v.as_f64().unwrap() * 1000.0).round() / 10.0;
    assert_eq!(pct(&band["min_change"]), 5.6);
    assert_eq!(pct(&band["max_change"]), 4.3);
    let e = &eng["expectations"][0];
    assert_eq!(e["level"], "E5");
    assert_eq!(e["competency"], "technical");
    let words: Vec<(String, String)> = e["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| {
            (
                w["op"].as_str().unwrap().to_owned(),
                w["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            ("delete".into(), "multi-quarter".into()),
            ("insert".into(), "multi-year".into())
        ]
    );
    // Impact: ahmed was at E8 (removed), erossi at M5 (renamed); the open
    // nomination 2026h2-open targets PM6, whose band changed.
    let people: Vec<(String, String)> = d["impact"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["change"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("ahmed".into(), "removed".into()),
            ("erossi".into(), "renamed to EM5".into())
        ]
    );
    let noms = d["impact"]["nominations"].as_array().unwrap();
    assert_eq!(noms.len(), 1);
    assert_eq!(noms[0]["id"], "2026h2-open");
    assert_eq!(
        noms[0]["changes"][0],
        "band changed from 175,000–225,000 to 185,000–235,000"
    );
    assert_eq!(d["summary"]["people_affected"], 2);

    let (code, md, err) = diff(tmp.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "## Ladder changes: `HEAD~1` → `HEAD`",
        "- **Competency added:** `operations` Operations",
        "- **Level removed:** `E8` Principal Engineer (ic, rank 8)",
        "- **Level renamed:** `M5` → `EM5` (management, rank 5)",
        "- **Level re-ranked:** `M8` rank 8 → 9",
        "| `E6` | 180,000–230,000 | 190,000–240,000 | +5.6% | +4.3% | +4.9% |",
        "- `E5` · technical: Designs and delivers ~~multi-quarter~~ **multi-year** systems",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    assert!(
        !md.contains("James Denton"),
        "unaffected people are not listed"
    );
    assert!(
        md.contains("| Samira Ahmed (`ahmed`) | engineering | `E8` | removed |"),
        "{md}"
    );
    assert!(md.contains("| 2026h2-open | ltanaka | `PM6` | band changed from 175,000–225,000 to 185,000–235,000 |"), "{md}");
}

#[test]
fn against_the_working_tree_and_no_changes() {
    let tmp = repo_with_changes();
    let (code, md, err) = diff(tmp.path(), &["HEAD"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("No ladder changes."), "{md}");
    edit(
        &tmp.path().join("ladders/product.yaml"),
        "title: Head of Product",
        "title: Vice President of Product",
    );
    let (code, out, err) = diff(tmp.path(), &["HEAD", "--worktree", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["head"], "working tree");
    assert_eq!(d["ladders"][0]["id"], "product");
    assert_eq!(d["ladders"][0]["titles"][0]["level"], "PM7");
    assert_eq!(
        d["ladders"][0]["titles"][0]["to"],
        "Vice President of Product"
    );
    assert_eq!(d["summary"]["ladders_changed"], 1);
}

#[test]
fn unknown_revision_is_a_clear_error() {
    let tmp = repo_with_changes();
    let (code, _, err) = diff(tmp.path(), &["no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `no-such-branch`"), "{err}");
}
