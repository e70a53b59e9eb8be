//! A ladder written back as a sheet, in the layouts `import` reads.

use super::read::Layout;
use crate::model::Ladder;

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// An `Applies to` cell: `management from rank 5`.
fn scope(s: &crate::model::Scope) -> String {
    let tracks = s.tracks.join(" + ");
    match s.min_rank {
        Some(r) if tracks.is_empty() => format!("from rank {r}"),
        Some(r) => format!("{tracks} from rank {r}"),
        None => tracks,
    }
}

/// Amounts as written in a ladder: `150000`, not `150000.0`.
pub fn amount(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

/// The wide layout's rows: header, the level rows the ladder needs, then
/// one row per competency.
pub fn wide_rows(ladder: &Ladder) -> Vec<Vec<String>> {
    let levels = &ladder.levels;
    let scoped = ladder.competencies.iter().any(|c| c.applies_to.is_some());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let row = |label: &str, cells: Vec<String>| -> Vec<String> {
        let mut r = vec![label.to_owned(), String::new()];
        if scoped {
            r.push(String::new());
        }
        r.extend(cells);
        r
    };
    let mut header = vec!["Competency".to_owned(), "id".to_owned()];
    if scoped {
        header.push("Applies to".to_owned());
    }
    header.extend(levels.iter().map(|l| {
        if l.title.is_empty() {
            l.id.clone()
        } else {
            l.title.clone()
        }
    }));
    rows.push(header);
    rows.push(row("Level", levels.iter().map(|l| l.id.clone()).collect()));
    rows.push(row(
        "Track",
        levels.iter().map(|l| l.track.ids().join(" + ")).collect(),
    ));
    rows.push(row(
        "Rank",
        levels.iter().map(|l| l.rank.to_string()).collect(),
    ));
    if levels.iter().any(|l| l.summary.is_some()) {
        rows.push(row(
            "Summary",
            levels
                .iter()
                .map(|l| l.summary.clone().unwrap_or_default())
                .collect(),
        ));
    }
    if levels.iter().any(|l| l.manages_people.is_some()) {
        rows.push(row(
            "Manages people",
            levels.iter().map(|l| yes_no(l.manages_people)).collect(),
        ));
    }
    if levels.iter().any(|l| l.band.is_some()) {
        for (label, pick) in [
            ("Band min", (|b: crate::model::Band| b.min) as fn(_) -> f64),
            ("Band max", |b: crate::model::Band| b.max),
        ] {
            rows.push(row(
                label,
                levels
                    .iter()
                    .map(|l| l.band.map(|b| amount(pick(b))).unwrap_or_default())
                    .collect(),
            ));
        }
    }
    for c in &ladder.competencies {
        let title = if c.title.is_empty() { &c.id } else { &c.title };
        let mut r = vec![title.clone(), c.id.clone()];
        if scoped {
            r.push(c.applies_to.as_ref().map(scope).unwrap_or_default());
        }
        r.extend(
            levels
                .iter()
                .map(|l| l.expectations.get(&c.id).cloned().unwrap_or_default()),
        );
        rows.push(r);
    }
    rows
}

/// The long layout's rows: one per expectation, and one with an empty
/// text for a level that has none (so that it is not lost).
pub fn long_rows(ladder: &Ladder) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "level".to_owned(),
        "competency".to_owned(),
        "text".to_owned(),
        "track".to_owned(),
        "rank".to_owned(),
        "level title".to_owned(),
    ]];
    for l in &ladder.levels {
        let mut any = false;
        for c in &ladder.competencies {
            if let Some(text) = l.expectations.get(&c.id) {
                any = true;
                rows.push(vec![
                    l.id.clone(),
                    c.id.clone(),
                    text.clone(),
                    l.track.ids().join(" + "),
                    l.rank.to_string(),
                    l.title.clone(),
                ]);
            }
        }
        if !any {
            rows.push(vec![
                l.id.clone(),
                ladder
                    .competencies
                    .first()
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
                String::new(),
                l.track.ids().join(" + "),
                l.rank.to_string(),
                l.title.clone(),
            ]);
        }
    }
    rows
}

pub fn rows(ladder: &Ladder, layout: Layout) -> Vec<Vec<String>> {
    match layout {
        Layout::Wide => wide_rows(ladder),
        Layout::Long => long_rows(ladder),
    }
}

pub fn csv(rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r)?;
    }
    Ok(w.into_inner()?)
}

/// A Markdown table: characters that Markdown would read as markup are
/// escaped with a backslash, line breaks written as `<br>`.
pub fn markdown(rows: &[Vec<String>]) -> String {
    let cell = |s: &str| -> String {
        let mut out = String::new();
        for line in s.replace("\r\n", "\n").split('\n') {
            if !out.is_empty() {
                out.push_str("<br>");
            }
            for ch in line.chars() {
                if matches!(
                    ch,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' | '&'
                ) {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
        out
    };
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        out.push('|');
        for c in r {
            out.push(' ');
            out.push_str(&cell(c));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in r {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out
}
