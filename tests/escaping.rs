//! Hostile text in the YAML reaches no output raw: no terminal escape, no
//! control or bidirectional-override character in any lint format, the
//! report (HTML, Markdown, JSON, a user's template) or the ladder diff; and
//! no Markdown output lets it mention anyone or link anywhere.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// YAML double-quoted text that holds an ESC sequence, a right-to-left
/// override, an isolate, a mention, a bare URL and a `www.` link.
const HOSTILE: &str =
    r#""Zed\e[2J\u202Eevil\u2066 @security-team see https://evil.example/x www.evil.example""#;

fn assert_clean(what: &str, out: &str) {
    for c in ['\u{1b}', '\u{202E}', '\u{2066}', '\u{9b}', '\u{7f}'] {
        assert!(
            !out.contains(c),
            "{what}: raw U+{:04X} in the output:\n{out}",
            c as u32
        );
    }
}

fn assert_no_links_or_mentions(what: &str, out: &str) {
    assert!(!out.contains("@security-team"), "{what}: a mention:\n{out}");
    assert!(!out.contains("https://evil"), "{what}: a bare URL:\n{out}");
    assert!(!out.contains("www.evil"), "{what}: a www link:\n{out}");
}

fn hostile_repo() -> (tempfile::TempDir, String) {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let base = commit_all(&repo, "base").to_string();
    // A person's name (report), a level title (diff) and an unknown
    // reference (a finding's message) carry the hostile text.
    edit(
        &tmp.path().join("people/people.yaml"),
        "name: Femi Osei",
        &format!("name: {HOSTILE}"),
    );
    edit(
        &tmp.path().join("ladders/engineering.yaml"),
        "title: Senior Software Engineer",
        &format!("title: {HOSTILE}"),
    );
    edit(
        &tmp.path().join("nominations/2026h2-fosei.yaml"),
        "nominated_by: hyamada",
        &format!("nominated_by: {HOSTILE}"),
    );
    commit_all(&repo, "hostile");
    (tmp, base)
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(ladderlint().current_dir(dir).args(args));
    assert!(code == 0 || code == 1, "{args:?}: exit {code}\n{err}");
    assert_clean(&format!("{args:?} stderr"), &err);
    out
}

#[test]
fn every_lint_format_is_clean() {
    let (tmp, _) = hostile_repo();
    for format in ["text", "json", "sarif", "github", "junit", "markdown"] {
        let out = stdout(tmp.path(), &["lint", "--format", format]);
        assert!(
            out.contains("Zed"),
            "{format}: the finding is there:\n{out}"
        );
        assert_clean(format, &out);
        if format == "markdown" {
            assert_no_links_or_mentions(format, &out);
        }
        if format == "json" || format == "sarif" {
            // Escaped, not lost: the data reads back exactly.
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert!(v.to_string().contains('\u{202E}'), "{format}");
        }
    }
}

#[test]
fn reports_and_diffs_are_clean() {
    let (tmp, base) = hostile_repo();
    for format in ["markdown", "html", "json"] {
        let out = stdout(tmp.path(), &["report", "--format", format]);
        assert!(out.contains("Zed"), "{format}: the name is shown:\n{out}");
        assert_clean(&format!("report {format}"), &out);
        if format == "markdown" {
            assert_no_links_or_mentions("report markdown", &out);
        }
    }
    for format in ["markdown", "json"] {
        let out = stdout(tmp.path(), &["diff", &base, "--format", format]);
        assert!(out.contains("Zed"), "diff {format}:\n{out}");
        assert_clean(&format!("diff {format}"), &out);
        if format == "markdown" {
            assert_no_links_or_mentions("diff markdown", &out);
        }
    }
}

#[test]
fn a_template_name_decides_html_escaping() {
    let (tmp, _) = hostile_repo();
    let dir = tempfile::tempdir().unwrap();
    let body = "{{ '<b>' ~ source }}\n";
    for (name, html) in [
        ("report.html.j2", true),
        ("report.HTM.jinja2", true),
        ("report.xml.tmpl", true),
        ("report.txt.j2", false),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, body).unwrap();
        let (code, out, err) = run(ladderlint().current_dir(tmp.path()).args([
            "report",
            "--template",
            path.to_str().unwrap(),
        ]));
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out.contains("&lt;b&gt;"), html, "{name}: {out}");
        assert_eq!(out.contains("<b>"), !html, "{name}: {out}");
    }
}
