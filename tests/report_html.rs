//! The HTML report in a real browser: headless Chromium renders the demo's
//! report to a PNG and dumps the DOM it built; the page must load with no
//! console message and show its sections.
//!
//! Chromium is found through `CHROMIUM` (a path), else `chromium`,
//! `chromium-browser` or `google-chrome` on `PATH`. Without one the test is
//! skipped locally, and fails when `CI=true`.

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
        "below 0.8 but not significant",
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
