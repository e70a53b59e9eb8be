//! `ladderlint import` and `ladderlint export`, through the real binary:
//! export then import gives the same ladder, an imported sheet lints, and
//! bad sheets fail at a row and a column.

mod common;

use common::{ladderlint, manifest, run};
use ladderlint::ladder_io::ladders_in;
use ladderlint::model::Ladder;
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

/// Everything a ladder says, in a comparable form.
fn facts(l: &Ladder) -> Value {
    json!({
        "id": l.id,
        "title": l.title,
        "currency": l.currency,
        "cumulative": l.cumulative,
        "competencies": l.competencies.iter().map(|c| json!({
            "id": c.id, "title": c.title,
            "applies_to": c.applies_to.as_ref().map(|s| json!({"tracks": s.tracks, "min_rank": s.min_rank})),
        })).collect::<Vec<_>>(),
        "tracks": l.tracks.iter().map(|t| json!([t.id, t.title, t.manages_people])).collect::<Vec<_>>(),
        "levels": l.levels.iter().map(|lv| json!({
            "id": lv.id, "track": lv.track.ids(), "rank": lv.rank, "title": lv.title,
            "summary": lv.summary, "manages_people": lv.manages_people,
            "band": lv.band.map(|b| [b.min, b.max]),
            "expectations": lv.expectations,
        })).collect::<Vec<_>>(),
    })
}

fn read_ladders(path: &Path) -> Vec<Ladder> {
    ladders_in(path, &fs::read(path).unwrap()).unwrap()
}

/// The `import` flags that `export` prints on stderr.
fn hint_flags(stderr: &str) -> Vec<String> {
    let line = stderr
        .lines()
        .find_map(|l| l.split_once("to read it back: ladderlint import SHEET "))
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_else(|| panic!("no import hint in: {stderr}"));
    // Split like a shell: words, "double-quoted" words.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn round_trip(source: &Path, format: &str, layout: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let ext = if format == "markdown" { "md" } else { "csv" };
    let sheet = tmp.path().join(format!("sheet.{ext}"));
    let (code, _, err) = run(ladderlint()
        .args(["export", "--format", format, "--layout", layout, "-o"])
        .arg(&sheet)
        .arg(source));
    assert_eq!(code, 0, "{err}");
    let out = tmp.path().join("ladders/back.yaml");
    let (code, _, err2) = run(ladderlint()
        .arg("import")
        .arg(&sheet)
        .args(hint_flags(&err))
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 0, "{err2}\n{}", fs::read_to_string(&sheet).unwrap());
    let before = read_ladders(source);
    let after = read_ladders(&out);
    assert_eq!(
        facts(&before[0]),
        facts(&after[0]),
        "{} as {format} {layout}:\n{}",
        source.display(),
        fs::read_to_string(&sheet).unwrap()
    );
}

fn real_ladders() -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = ["fixtures/ladders-real/ladders", "fixtures/demo/ladders"]
        .iter()
        .flat_map(|d| fs::read_dir(manifest().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

#[test]
fn export_then_import_gives_the_same_ladder_wide_csv() {
    for l in real_ladders() {
        round_trip(&l, "csv", "wide");
    }
}

#[test]
fn export_then_import_gives_the_same_ladder_markdown() {
    for l in real_ladders() {
        round_trip(&l, "markdown", "wide");
    }
}

#[test]
fn long_layout_keeps_levels_and_expectations() {
    let tmp = tempfile::tempdir().unwrap();
    let source = manifest().join("fixtures/ladders-real/ladders/design.yaml");
    let sheet = tmp.path().join("long.csv");
    let (code, _, err) = run(ladderlint()
        .args(["export", "--layout", "long", "-o"])
        .arg(&sheet)
        .arg(&source));
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(&sheet).unwrap();
    assert!(text.starts_with("level,competency,text,track,rank,level title\n"));
    let out = tmp.path().join("back.yaml");
    let (code, _, err) = run(ladderlint()
        .arg("import")
        .arg(&sheet)
        .args(["--id", "design", "--managing", "design-management", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    let (a, b) = (&read_ladders(&source)[0], &read_ladders(&out)[0]);
    assert_eq!(a.levels.len(), b.levels.len());
    for (x, y) in a.levels.iter().zip(&b.levels) {
        assert_eq!(
            (&x.id, x.track.ids(), x.rank, &x.title, &x.expectations),
            (&y.id, y.track.ids(), y.rank, &y.title, &y.expectations)
        );
    }
}

/// A spreadsheet as people keep one: no ids, levels named in the header.
const SHEET: &str = "\u{feff}Competency,Junior Engineer,Engineer,Senior Engineer,Staff Engineer,Engineering Manager\r\n\
Track,ic + management,ic + management,ic + management,ic,management\r\n\
Rank,1,2,3,4,4\r\n\
Technical depth,Fixes bugs in one service with help,Builds features in one service,\"Designs services\nand reviews designs\",Sets the architecture of a product area,Reviews the team's designs for risk\r\n\
Delivery,Finishes tasks of a few days,Ships features of a few weeks,Leads projects of a quarter,Sequences work across teams,Commits the team to a quarterly plan\r\n\
Collaboration,Asks for review early,Reviews others' changes,Mentors engineers,Grows senior engineers,Coaches the team's engineers\r\n\
People management,,,,,\"Holds one-to-ones, writes reviews and hires\"\r\n";

#[test]
fn a_spreadsheet_becomes_a_linted_repository() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "include: [\"ladders/**/*.yaml\"]\n",
    )
    .unwrap();
    let sheet = tmp.path().join("Engineering ladder.csv");
    fs::write(&sheet, SHEET).unwrap();
    let out = tmp.path().join("ladders/engineering.yaml");
    let (code, _, err) = run(ladderlint()
        .arg("import")
        .arg(&sheet)
        .args(["--id", "engineering", "--managing", "management", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    let yaml = fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("track: [ic, management]"), "{yaml}");
    assert!(yaml.contains("title: Engineering ladder"), "{yaml}");
    let l = &read_ladders(&out)[0];
    assert_eq!(l.levels[0].id, "junior-engineer");
    assert_eq!(
        l.levels[2].expectations["technical-depth"],
        "Designs services\nand reviews designs"
    );
    assert_eq!(l.competencies[3].id, "people-management");
    // The people-management row is empty but for managers: without a scope
    // it is missing elsewhere, which the lint says, at the levels.
    let (code, stdout, _) = run(ladderlint()
        .args([
            "lint", "--format", "json", "--select", "schema/", "--select", "ladder/",
        ])
        .arg(tmp.path()));
    assert_eq!(code, 1, "{stdout}");
    let findings: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let rules: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["ladder/matrix-complete"]
    );
    assert_eq!(findings.len(), 4, "{stdout}");
    // Overwriting needs --force.
    let (code, _, err) = run(ladderlint().arg("import").arg(&sheet).arg("-o").arg(&out));
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
}

fn import_error(name: &str, bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = tmp.path().join(name);
    fs::write(&sheet, bytes).unwrap();
    let (code, stdout, err) = run(ladderlint().arg("import").arg(&sheet));
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
    err
}

#[test]
fn bad_sheets_fail_at_a_row_and_a_column() {
    let e = import_error("l.csv", b"Competency,E1,E2,E3\nCraft,a,b,c\nDelivery,a,b\n");
    assert!(
        e.contains("l.csv: row 3, column 4 (D): the row has 3 cells but the header has 4"),
        "{e}"
    );
    let e = import_error("l.csv", b"Competency,E1,E2,E1\nCraft,a,b,c\n");
    assert!(
        e.contains("row 1, column 4 (D): duplicate level `E1`"),
        "{e}"
    );
    let e = import_error("l.csv", b"Competency,Senior,senior\nCraft,a,b\n");
    assert!(
        e.contains("row 1, column 3 (C): duplicate level `senior`"),
        "{e}"
    );
    let e = import_error("l.csv", b"Competency,E1,,E3\nCraft,a,b,c\n");
    assert!(
        e.contains("row 1, column 3 (C): this column has no header"),
        "{e}"
    );
    let e = import_error("l.csv", b"Competency,E1\nCraft,Con\xe7oit\n");
    assert!(
        e.contains("line 2, column 10: byte 0xE7 is not UTF-8"),
        "{e}"
    );
    let e = import_error("l.csv", b"\xff\xfeC\x00,\x00");
    assert!(e.contains("UTF-16"), "{e}");
    let e = import_error("l.csv", b"");
    assert!(e.contains("the sheet is empty"), "{e}");
    let e = import_error("l.csv", b"Competency,E1\nRank,first\nCraft,a\n");
    assert!(e.contains("row 2, column 2 (B): the rank `first`"), "{e}");
    let e = import_error("l.csv", b"level,competency,text\nE1,craft,a\nE1,craft,b\n");
    assert!(
        e.contains("row 3, column 3 (C): level `E1` already has an expectation"),
        "{e}"
    );
    let e = import_error("l.md", b"# Ladder\n\nNo table here.\n");
    assert!(e.contains("no table found"), "{e}");
    let e = import_error(
        "l.md",
        b"| Competency | E1 | E1 |\n|---|---|---|\n| Craft | a | b |\n",
    );
    assert!(e.contains("line 1, cell 3: duplicate level `E1`"), "{e}");
    let e = import_error(
        "l.md",
        b"| Competency | E1 | E2 |\n|---|---|---|\n| Craft | a | b |\n| Delivery | a |\n",
    );
    assert!(
        e.contains("line 4, cell 3: the row has 2 cells but the header has 3"),
        "{e}"
    );
}

#[test]
fn markdown_tables_import() {
    let tmp = tempfile::tempdir().unwrap();
    let md = "# Our ladder\n\nSome prose.\n\n\
| Competency | E1 | E2 |\n\
|---|---|---|\n\
| Level | E1 | E2 |\n\
| Craft | Builds *small* features | Designs<br>services |\n\
| Delivery | Ships tasks | Ships projects |\n";
    let sheet = tmp.path().join("ladder.md");
    fs::write(&sheet, md).unwrap();
    let (code, stdout, err) = run(ladderlint().arg("import").arg(&sheet));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("craft: Builds small features"), "{stdout}");
    assert!(stdout.contains("Designs\n"), "{stdout}");
    assert!(stdout.contains("id: ladder\n"), "{stdout}");
}

/// A ladder that does not satisfy its schema is not exported, and the
/// message counts its errors in words ("1 schema error ... fix it").
#[test]
fn a_ladder_with_schema_errors_is_not_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("bad.yaml");
    let text =
        fs::read_to_string(manifest().join("fixtures/demo/ladders/engineering.yaml")).unwrap();
    fs::write(
        &source,
        text.replacen("kind: Ladder\n", "kind: Ladder\nunexpected: 1\n", 1),
    )
    .unwrap();
    let (code, _, err) = run(ladderlint()
        .args(["export", "-o"])
        .arg(tmp.path().join("out.csv"))
        .arg(&source));
    assert_ne!(code, 0);
    assert!(
        err.contains("the ladder has 1 schema error; run `ladderlint lint` and fix it first"),
        "{err}"
    );
}
