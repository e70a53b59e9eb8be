//! The HTML report in a real browser: headless Chromium renders the demo's
//! report to a PNG and dumps the DOM it built; the page must load with no
//! console message and show its sections.
//!
//! Chromium is found through `CHROMIUM` (a path), else `chromium`,
//! `chromium-browser` or `google-chrome` on `PATH`. Without one the test is
//! skipped locally, and fails when `CI=true`.

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn chromium(bin: &Path, profile: &Path, args: &[String], url: &str) -> Output {
    let out = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(bin) = find_chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "Chromium is needed in CI: install it (apt-get install chromium) or set CHROMIUM"
            );
        }
        eprintln!("skipped: no Chromium found (set CHROMIUM, or install chromium)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("report.html");
    Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("report")
        .arg(root().join("fixtures/demo"))
        .args(["--format", "html", "-o"])
        .arg(&html)
        .env("LADDERLINT_TODAY", "2026-08-01")
        .assert()
        .success();
    let url = format!("file://{}", html.display());
    let profile = tmp.path().join("profile");

    let png = tmp.path().join("report.png");
    let shot = chromium(
        &bin,
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,3000".into(),
        ],
        &url,
    );
    let bytes = std::fs::read(&png).expect("a screenshot was written");
    assert_eq!(png_size(&bytes), (1200, 3000));
    // A blank page compresses to a few kilobytes; the report is far more.
    assert!(
        bytes.len() > 60_000,
        "screenshot is only {} bytes",
        bytes.len()
    );
    if let Some(keep) = std::env::var_os("LADDERLINT_KEEP_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }

    let dump = chromium(&bin, &profile, &["--dump-dom".into()], &url);
    let dom = String::from_utf8_lossy(&dump.stdout);
    for text in [
        "Promotion cycle 2026-H2",
        "Outcomes",
        "Reviewer load",
        "Fairness: approval rates",
        "Fairness: nomination rates",
        "reference: the highest rate",
        "not tested: pooled",
        "Fairness: approval by target level",
        "Senior Staff Engineer",
        "Sofia Garcia",
    ] {
        assert!(dom.contains(text), "the page does not show {text:?}");
    }
    assert!(dom.matches("<svg").count() >= 4, "charts are missing");
    for out in [&shot, &dump] {
        let log = String::from_utf8_lossy(&out.stderr);
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "console messages: {console:#?}");
    }
}

/// The fairness views over several cycles and by target level, in a real
/// browser: the trend chart (one line per group), the crude and stratified
/// tables, no console message.
#[test]
fn fairness_trend_renders_in_chromium() {
    let Some(bin) = find_chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "Chromium is needed in CI: install it (apt-get install chromium) or set CHROMIUM"
            );
        }
        eprintln!("skipped: no Chromium found (set CHROMIUM, or install chromium)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let mut c = common::cohort::Cohort {
        config: "fairness:\n  attributes: [org, location]\n".into(),
        ..Default::default()
    };
    for (i, (id, opens)) in [
        ("2025-H1", "2025-01-06"),
        ("2025-H2", "2025-07-07"),
        ("2026-H1", "2026-01-05"),
    ]
    .into_iter()
    .enumerate()
    {
        c.cycle(id, opens);
        let i = i as u64;
        c.group(id, "org", "platform", 10 + i, 20);
        c.group(id, "org", "cloud", 6 + i, 18);
        c.group(id, "org", "data", 4, 15);
    }
    c.write(&repo);
    let html = tmp.path().join("trend.html");
    Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("report")
        .arg(&repo)
        .args(["--last", "3", "--format", "html", "-o"])
        .arg(&html)
        .env("LADDERLINT_TODAY", "2026-08-01")
        .assert()
        .success();
    let url = format!("file://{}", html.display());
    let profile = tmp.path().join("profile");
    let png = tmp.path().join("trend.png");
    let shot = chromium(
        &bin,
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,3000".into(),
        ],
        &url,
    );
    assert!(std::fs::read(&png).expect("a screenshot").len() > 60_000);
    if let Some(keep) = std::env::var_os("LADDERLINT_KEEP_TREND_SCREENSHOT") {
        std::fs::copy(&png, &keep).unwrap();
        std::fs::copy(&html, PathBuf::from(keep).with_extension("html")).unwrap();
    }
    let dump = chromium(&bin, &profile, &["--dump-dom".into()], &url);
    let dom = String::from_utf8_lossy(&dump.stdout);
    for text in [
        "Fairness over cycles 2025-H1 to 2026-H1",
        "Approval rate by org",
        "Fairness: approval by target level",
        "MH odds ratio",
    ] {
        assert!(dom.contains(text), "the page does not show {text:?}");
    }
    // One line per group of org, three points each.
    assert!(
        dom.matches("<polyline").count() >= 3,
        "trend lines are missing"
    );
    for out in [&shot, &dump] {
        let log = String::from_utf8_lossy(&out.stderr);
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "console messages: {console:#?}");
    }
}
