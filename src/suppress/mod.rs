//! Inline suppressions: `# ladderlint: disable-next-line RULE -- reason`
//! and `# ladderlint: disable-file RULE -- reason`, read from the YAML
//! comments of a file. Only a real comment suppresses: the marker inside a
//! string (a quoted, plain or block scalar that happens to hold the text)
//! is text, decided from the positions of the scalars the YAML parser
//! read, never from the look of the line.

pub mod baseline;
pub mod waivers;

use crate::finding::{Finding, Related, RuleId, Span};
use crate::load::node::{Node, Value};
use crate::load::LoadedFile;

pub use crate::rules::suppression::UNUSED as SUPPRESSION_UNUSED;

const MARK: &str = "# ladderlint:";

/// How a finding was suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Via {
    /// A `# ladderlint:` comment in the file.
    Comment,
    /// An entry of the waivers file.
    Waiver,
}

/// A finding that a suppression hid: still shown, apart, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub finding: Finding,
    pub via: Via,
    /// Where the suppression is: the comment, or the waiver's entry.
    pub at: Related,
    pub reason: String,
    /// A waiver's approver and last day.
    pub approved_by: Option<String>,
    pub expires: Option<String>,
    /// In changed-only mode: the base does not suppress this finding (the
    /// change adds the suppression, or the finding).
    pub new: bool,
}

impl Suppressed {
    /// Identity across commits: the finding's, and how it is suppressed.
    pub fn fingerprint(&self) -> (String, Via) {
        (self.finding.fingerprint(), self.via)
    }
}

/// One suppression comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub rules: Vec<RuleId>,
    /// `Some(line)`: the line it covers; `None`: the whole file.
    pub line: Option<u32>,
    /// The comment.
    pub span: Span,
    pub reason: String,
    pub used: bool,
}

impl Suppression {
    /// Whether it covers `f` (a finding of the same file).
    pub fn covers(&self, f: &Finding) -> bool {
        self.rules.contains(&f.rule) && self.line.is_none_or(|l| l == f.span.line)
    }
}

/// The byte ranges of every scalar (keys too) of the file's documents,
/// sorted by start: text inside them is not a comment.
fn scalar_ranges(file: &LoadedFile) -> Vec<(u32, u32)> {
    fn walk(node: &Node, out: &mut Vec<(u32, u32)>) {
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| walk(n, out)),
            Value::Map(entries) => {
                for (k, v) in entries {
                    out.push((k.pos.byte_start, k.pos.byte_end));
                    walk(v, out);
                }
            }
            _ => out.push((node.pos.byte_start, node.pos.byte_end)),
        }
    }
    let mut out = Vec::new();
    for d in file.documents() {
        walk(&d.root, &mut out);
    }
    out.retain(|(s, e)| e > s);
    out.sort_unstable();
    out
}

/// Whether byte `at` lies inside one of `ranges` (sorted by start).
fn inside(ranges: &[(u32, u32)], at: u32) -> bool {
    let i = ranges.partition_point(|(s, _)| *s <= at);
    // Ranges do not overlap (scalars are disjoint), so only the last one
    // starting at or before `at` can hold it.
    i > 0 && at < ranges[i - 1].1
}

/// Parse the suppression comments of a file; malformed ones are findings
/// (`suppression/unused`) pushed to `problems`. `known` are the rule ids a
/// suppression may name.
pub fn parse(file: &LoadedFile, known: &[RuleId], problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !file.text.contains(MARK) {
        return out;
    }
    // A file that does not parse has no comments anyone can tell apart
    // from text: it suppresses nothing.
    if file.documents().is_empty() {
        return out;
    }
    let ranges = scalar_ranges(file);
    let mut offset = 0usize;
    for (i, line) in file.text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let Some(col) = line.find(MARK) else { continue };
        if inside(&ranges, (start + col) as u32) {
            continue;
        }
        let lineno = i as u32 + 1;
        let rest = line[col + MARK.len()..].trim();
        let span = Span {
            line: lineno,
            column: line[..col].chars().count() as u32 + 1,
            end_line: lineno,
            end_column: line.chars().count() as u32 + 1,
            byte_start: (start + col) as u32,
            byte_end: (start + line.len()) as u32,
        };
        let mut report = |message: String, help: &str| {
            problems.push(file.finding_at(
                SUPPRESSION_UNUSED.id,
                span.clone(),
                message,
                Some(help.into()),
            ));
        };
        let (directive, body) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let line = match directive {
            "disable-next-line" => Some(lineno + 1),
            "disable-file" => None,
            other => {
                report(
                    format!("unknown suppression directive `{other}`"),
                    "use `disable-next-line RULE -- reason` or `disable-file RULE -- reason`",
                );
                continue;
            }
        };
        let (ids, reason) = match body.split_once("--") {
            Some((ids, reason)) => (ids, reason.trim()),
            None => (body, ""),
        };
        if reason.is_empty() {
            report(
                "suppression without a reason, so it suppresses nothing".into(),
                "add `-- reason` after the rule id, e.g. `-- approved by board 2026-07-01`",
            );
            continue;
        }
        let mut rules = Vec::new();
        for id in ids
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if let Some(&rule) = known.iter().find(|k| k.as_str() == id) {
                rules.push(rule);
            } else {
                let hint = crate::suggest::suggest(id, known.iter().map(|k| k.as_str()));
                report(
                    format!("suppression names unknown rule `{id}`"),
                    &hint.map_or("`ladderlint rules` lists every rule id".into(), |s| {
                        format!("did you mean `{s}`?")
                    }),
                );
            }
        }
        if rules.is_empty() {
            if !ids.trim().is_empty() {
                continue;
            }
            report(
                "suppression names no rule".into(),
                "name the rule to suppress before `--`",
            );
            continue;
        }
        out.push(Suppression {
            rules,
            line,
            span,
            reason: reason.to_owned(),
            used: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Vec<Suppression>, Vec<Finding>) {
        let file = crate::load::load("x.yaml", text.as_bytes(), &Default::default());
        let mut problems = Vec::new();
        let known = [RuleId::new("ref/unknown"), RuleId::new("nomination/quorum")];
        let s = parse(&file, &known, &mut problems);
        (s, problems)
    }

    #[test]
    fn comments_suppress_strings_do_not() {
        let text = "\
kind: Nomination # ladderlint: disable-file ref/unknown -- a real comment
a: \"# ladderlint: disable-file nomination/quorum -- in a string\"
b: '# ladderlint: disable-file nomination/quorum -- in a string'
c: |
  # ladderlint: disable-file nomination/quorum -- in a block scalar
  more text
d: >-
  folded
  # ladderlint: disable-file nomination/quorum -- in a folded scalar
e: plain text # ladderlint: disable-next-line nomination/quorum -- a comment after a plain scalar
f: \"multi
  # ladderlint: disable-file nomination/quorum -- in a quoted multi-line string
  end\"
# ladderlint: disable-next-line ref/unknown -- a comment line
g: 1
";
        let (s, problems) = parsed(text);
        assert!(problems.is_empty(), "{problems:?}");
        let lines: Vec<(Option<u32>, &str)> =
            s.iter().map(|s| (s.line, s.rules[0].as_str())).collect();
        assert_eq!(
            lines,
            [
                (None, "ref/unknown"),
                (Some(11), "nomination/quorum"),
                (Some(15), "ref/unknown"),
            ]
        );
        assert_eq!(s[0].reason, "a real comment");
    }

    #[test]
    fn an_unparsable_file_suppresses_nothing() {
        let (s, _) = parsed("a: [\n# ladderlint: disable-file ref/unknown -- x\n");
        assert!(s.is_empty());
    }
}
