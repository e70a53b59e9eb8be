//! Word diffs of expectation and summary texts, grouped into phrases a
//! reader can follow.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// A run of words: `equal`, `delete` or `insert`. Changed runs carry no
/// leading or trailing whitespace (it is in the neighbouring `equal` run).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: &'static str,
    pub text: String,
}

/// A word diff, as runs of equal, deleted and inserted text, grouped into
/// phrases a reader can follow: changes separated only by spaces or by one
/// short word are one change (`~~the approved budget.~~ **a budget
/// plan.**`, not `~~approved~~ **budget** ~~budget.~~ …`), its deleted
/// words before its inserted ones.
pub fn words(from: &str, to: &str) -> Vec<Segment> {
    // Equal text, or a change: (deleted, inserted).
    enum Part {
        Equal(String),
        Change(String, String),
    }
    let diff = TextDiff::from_words(from, to);
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), parts.last_mut()) {
            (ChangeTag::Equal, Some(Part::Equal(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => parts.push(Part::Equal(text.to_owned())),
            (ChangeTag::Delete, Some(Part::Change(d, _))) => d.push_str(text),
            (ChangeTag::Insert, Some(Part::Change(_, i))) => i.push_str(text),
            (ChangeTag::Delete, _) => parts.push(Part::Change(text.to_owned(), String::new())),
            (ChangeTag::Insert, _) => parts.push(Part::Change(String::new(), text.to_owned())),
        }
    }
    // A short bridge between two changes joins them into one phrase.
    let bridge = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        match words.as_slice() {
            [] => true,
            [w] => w.chars().count() <= 3,
            _ => false,
        }
    };
    let mut grouped: Vec<Part> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        match (&parts[i], grouped.last_mut(), parts.get(i + 1)) {
            (Part::Equal(e), Some(Part::Change(d, ins)), Some(Part::Change(d2, i2)))
                if bridge(e) =>
            {
                d.push_str(e);
                d.push_str(d2);
                ins.push_str(e);
                ins.push_str(i2);
                i += 2;
            }
            (Part::Equal(e), _, _) => {
                grouped.push(Part::Equal(e.clone()));
                i += 1;
            }
            (Part::Change(d, ins), _, _) => {
                grouped.push(Part::Change(d.clone(), ins.clone()));
                i += 1;
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |op: &'static str, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Segment {
                op,
                text: text.to_owned(),
            }),
        }
    };
    for part in grouped {
        match part {
            Part::Equal(e) => push("equal", &e),
            Part::Change(d, ins) => {
                // Whitespace at the edges of a change is shown as it is,
                // outside the markup, once.
                let (lead, trail) = edges(&d, &ins);
                push("equal", lead);
                push("delete", d.trim());
                push("insert", ins.trim());
                push("equal", trail);
            }
        }
    }
    out
}

/// The whitespace that both sides of a change start and end with (or that
/// the one non-blank side does).
fn edges<'a>(d: &'a str, ins: &'a str) -> (&'a str, &'a str) {
    let lead = |s: &'a str| &s[..s.len() - s.trim_start().len()];
    let trail = |s: &'a str| &s[s.trim_end().len()..];
    match (d.trim().is_empty(), ins.trim().is_empty()) {
        (true, true) => (d, ""),
        (false, true) => (lead(d), trail(d)),
        (true, false) => (lead(ins), trail(ins)),
        (false, false) => {
            let l = if lead(d).len() <= lead(ins).len() {
                lead(d)
            } else {
                lead(ins)
            };
            let t = if trail(d).len() <= trail(ins).len() {
                trail(d)
            } else {
                trail(ins)
            };
            (l, t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(s: &[Segment]) -> String {
        s.iter()
            .map(|x| match x.op {
                "delete" => format!("[-{}-]", x.text),
                "insert" => format!("{{+{}+}}", x.text),
                _ => x.text.clone(),
            })
            .collect()
    }

    #[test]
    fn word_diffs_hug_words() {
        let w = words(
            "Designs and delivers multi-quarter systems for the team.",
            "Designs and delivers multi-year systems for several teams.",
        );
        assert_eq!(
            render(&w),
            "Designs and delivers [-multi-quarter-]{+multi-year+} systems for [-the team.-]{+several teams.+}"
        );
        assert_eq!(render(&words("", "New text.")), "{+New text.+}");
        assert_eq!(render(&words("Old text.", "")), "[-Old text.-]");
        assert_eq!(render(&words("a foo b", "a b")), "a [-foo-] b");
    }

    #[test]
    fn word_diffs_group_into_phrases() {
        // Interleaved word changes read as one phrase replaced by another.
        assert_eq!(
            render(&words(
                "Owns the approved budget. Reports quarterly.",
                "Owns the budget of the group. Reports quarterly."
            )),
            "Owns the [-approved budget.-]{+budget of the group.+} Reports quarterly."
        );
        // Changes far apart stay apart.
        assert_eq!(
            render(&words(
                "Leads design reviews for the team and mentors engineers.",
                "Leads architecture reviews for the team and mentors managers."
            )),
            "Leads [-design-]{+architecture+} reviews for the team and mentors [-engineers.-]{+managers.+}"
        );
        // Every word of both sides is kept, in order.
        let from = "Owns the approved budget. Reports quarterly.";
        let to = "Owns the budget of the group. Reports quarterly.";
        let w = words(from, to);
        let old: String = w
            .iter()
            .filter(|s| s.op != "insert")
            .map(|s| s.text.as_str())
            .collect();
        let new: String = w
            .iter()
            .filter(|s| s.op != "delete")
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((old.as_str(), new.as_str()), (from, to));
    }
}
