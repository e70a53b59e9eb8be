//! `format/trailing-whitespace`: no line ends with spaces or tabs, where
//! they are not part of a value.

use crate::finding::{RuleId, Severity};
use crate::fix::{Edit, Fix};
use crate::load::node::{Node, Value};
use crate::load::LoadedFile;
use crate::rules::{Context, Emitter, Rule, RuleMeta};
use rayon::prelude::*;

pub struct TrailingWhitespace;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("format/trailing-whitespace"),
    severity: Severity::Info,
    summary: "no line ends with spaces or tabs, outside a multi-line text",
    rationale: "Whitespace at the end of a line is invisible in review and makes diffs noisy \
                (an editor that trims it changes lines nobody meant to touch). One finding per \
                file, at the first such line; `ladderlint lint --fix` removes it from every \
                line. Lines inside a multi-line text (a `|` or `>` block, or a quoted or plain \
                text that wraps) are left alone: there the whitespace can be part of the value.",
    options: &[],
    pass: "kind: Cycle\nid: 2026-H2\n",
    fail: "kind: Cycle\nid: 2026-H2   # three spaces after this comment   \n",
};

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let found: Vec<_> = cx
            .repo
            .files
            .par_iter()
            .filter_map(|file| check(file, META.id))
            .collect();
        out.findings.extend(found);
    }
}

fn check(file: &LoadedFile, rule: RuleId) -> Option<crate::finding::Finding> {
    let ranges = trailing(&file.text);
    if ranges.is_empty() {
        return None;
    }
    // A file that does not parse has its own finding; which of its lines
    // are inside a value is not known.
    if file
        .findings
        .iter()
        .any(|f| f.rule == crate::rules::schema::YAML_SYNTAX.id)
    {
        return None;
    }
    let mut texts = Vec::new();
    for doc in file.documents() {
        multi_line_strings(&doc.root, &file.text, &mut texts);
    }
    // Sorted by start (texts do not overlap), so each line looks up the one
    // text that could hold it: linear in the file, also for a hostile one.
    texts.sort_unstable();
    let ranges: Vec<(usize, usize)> = ranges
        .into_iter()
        .filter(|&(start, end)| {
            let i = texts.partition_point(|&(_, e)| e <= start);
            texts.get(i).is_none_or(|&(s, _)| s >= end)
        })
        .collect();
    let &(start, end) = ranges.first()?;
    let message = match ranges.len() {
        1 => "line ends with whitespace".to_owned(),
        n => format!(
            "line ends with whitespace (and {} more {} in this file)",
            n - 1,
            crate::human::plural(n - 1, "line")
        ),
    };
    let mut f = file.finding_at(
        rule,
        file.byte_span(start, end - start),
        message,
        Some("remove it; `ladderlint lint --fix` removes it from every line".into()),
    );
    f.fix = Some(Box::new(Fix::safe(
        "remove trailing whitespace",
        ranges.iter().map(|&(s, e)| Edit::delete(s, e)).collect(),
    )));
    Some(f)
}

/// Byte ranges of the spaces and tabs that end a line of `text`.
fn trailing(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let kept = body.trim_end_matches([' ', '\t']);
        if kept.len() < body.len() {
            out.push((at + kept.len(), at + body.len()));
        }
        at += line.len();
    }
    out
}

/// Byte ranges of the string values of `node` whose source spans lines.
fn multi_line_strings(node: &Node, text: &str, out: &mut Vec<(usize, usize)>) {
    match &node.value {
        Value::Str(_) => {
            let (s, e) = (node.pos.byte_start as usize, node.pos.byte_end as usize);
            if text.get(s..e).is_some_and(|src| src.contains('\n')) {
                out.push((s, e));
            }
        }
        Value::Seq(items) => {
            for item in items {
                multi_line_strings(item, text, out);
            }
        }
        Value::Map(map) => {
            for (_, v) in map {
                multi_line_strings(v, text, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};

    fn found(src: &str) -> Option<crate::finding::Finding> {
        check(&load("f.yaml", src.as_bytes(), &Limits::default()), META.id)
    }

    #[test]
    fn spans_of_block_scalars_cover_their_lines() {
        for src in [
            "kind: Cycle\nnote: |\n  a  \n  b\nid: x\n",
            "kind: Cycle\nnote: |+\n  a\n  b  \n\nid: x\n",
            "kind: Cycle\nnote: >\n  a  \n  b  \n",
            "kind: Cycle\nnote: \"a  \n  b\"\n",
            "kind: Cycle\nnote: a  \n  b\nid: x\n",
            "kind: Cycle\nnotes:\n  - |\n    a\t\n  - x\n",
        ] {
            assert!(found(src).is_none(), "{src:?}: {:?}", found(src));
        }
    }

    #[test]
    fn one_finding_per_file_at_the_first_line() {
        let f = found("kind: Cycle  \nid: x\nboard: [a, b]\t\n# note \n").unwrap();
        assert_eq!((f.span.line, f.span.column), (1, 12));
        assert_eq!(f.span.end_column, 14);
        assert_eq!(
            f.message,
            "line ends with whitespace (and 2 more lines in this file)"
        );
        assert_eq!(f.fix.unwrap().edits.len(), 3);
    }

    #[test]
    fn whitespace_before_crlf_is_trailing() {
        let f = found("kind: Cycle \r\nid: x\r\n").unwrap();
        assert_eq!(f.fix.unwrap().edits, vec![Edit::delete(11, 12)]);
    }
}
