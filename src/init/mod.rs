//! `ladderlint init`: a small working example that passes `lint` at once.

use anyhow::{bail, Context as _, Result};
use std::io::Write;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("ladderlint.yaml", include_str!("ladderlint.yaml")),
    ("ladders/engineering.yaml", include_str!("engineering.yaml")),
    ("people/people.yaml", include_str!("people.yaml")),
    ("cycles/{{cycle}}.yaml", include_str!("cycle.yaml")),
    (
        "nominations/{{cycle_lower}}-fosei.yaml",
        include_str!("nomination-fosei.yaml"),
    ),
    (
        "nominations/{{cycle_lower}}-jdenton.yaml",
        include_str!("nomination-jdenton.yaml"),
    ),
    (
        ".github/workflows/ladderlint.yml",
        include_str!("workflow.yml"),
    ),
    (
        ".pre-commit-config.yaml",
        include_str!("pre-commit-config.yaml"),
    ),
];

/// Write the example into `dir`. Dates are set around `today` so the cycle
/// is open now and its pending nomination is not overdue. Refuses to
/// overwrite any file; writes nothing then.
pub fn scaffold(dir: &Path, today: time::Date) -> Result<Vec<String>> {
    let day = |offset: i64| -> Result<String> {
        Ok(crate::dates::format(today + time::Duration::days(offset)))
    };
    let half = if today.month() as u8 <= 6 { "H1" } else { "H2" };
    let cycle = format!("{}-{half}", today.year());
    let title = format!(
        "{} promotions, {}",
        if half == "H1" {
            "First-half"
        } else {
            "Second-half"
        },
        today.year()
    );
    let vars = [
        ("{{cycle_title}}", title),
        ("{{cycle}}", cycle.clone()),
        ("{{cycle_lower}}", cycle.to_lowercase().replace('-', "")),
        ("{{opens}}", day(-30)?),
        ("{{closes}}", day(14)?),
        ("{{decide_by}}", day(60)?),
        ("{{submitted}}", day(-20)?),
        ("{{decided}}", day(-1)?),
    ];
    let fill = |s: &str| {
        vars.iter()
            .fold(s.to_owned(), |acc, (k, v)| acc.replace(k, v))
    };
    let files: Vec<(String, String)> = FILES.iter().map(|(p, c)| (fill(p), fill(c))).collect();
    let existing: Vec<&str> = files
        .iter()
        .filter(|(p, _)| dir.join(p).exists())
        .map(|(p, _)| p.as_str())
        .collect();
    if !existing.is_empty() {
        bail!(
            "refusing to overwrite existing files in `{}`: {}",
            dir.display(),
            existing.join(", ")
        );
    }
    for (path, content) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&target, content)
            .with_context(|| format!("cannot write `{}`", target.display()))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// `ladderlint init DIR`: scaffolds the example and says what it wrote.
pub fn run(dir: &Path, today_arg: Option<&str>) -> Result<i32> {
    let today = crate::dates::today(today_arg)?;
    let today = crate::dates::parse(&today).context("--today is not a date")?;
    let written = scaffold(dir, today)?;
    let mut out = std::io::stdout().lock();
    for path in &written {
        writeln!(out, "created {path}")?;
    }
    writeln!(out, "\nNext: `ladderlint lint {}`", dir.display())?;
    Ok(0)
}
