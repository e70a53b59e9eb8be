//! `format/key-order`: the top-level keys of a document follow the order
//! the configuration gives for its kind (none by default).

use crate::finding::{Finding, RuleId, Severity};
use crate::fix::{Edit, Fix};
use crate::load::node::Value;
use crate::load::pointer::escape;
use crate::load::{Document, LoadedFile};
use crate::rules::meta::Looser;
use crate::rules::{Context, Emitter, OptionKind, OptionMeta, Rule, RuleMeta};
use rayon::prelude::*;

pub struct KeyOrder;

const fn order(name: &'static str, doc: &'static str) -> OptionMeta {
    OptionMeta {
        name,
        kind: OptionKind::Terms,
        default: "[]",
        // A key taken out of the order is a key no longer checked.
        looser: Looser::Removed,
        doc,
    }
}

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("format/key-order"),
    severity: Severity::Info,
    summary: "the top-level keys of a document come in the order the configuration gives for \
              its kind (no order by default)",
    rationale: "Files that list their keys in one order are quicker to read and review side by \
                side, and their diffs stay small. Keys the order names come first, in that \
                order; the others follow as they are. `ladderlint lint --fix` moves the keys, \
                each with its value and the comment lines just above it (a safe fix: the \
                documents read the same). The rule checks nothing until an order is set.",
    options: &[
        order(
            "nomination",
            "the order of the top-level keys of a Nomination",
        ),
        order("ladder", "the order of the top-level keys of a Ladder"),
        order("people", "the order of the top-level keys of a People file"),
        order("cycle", "the order of the top-level keys of a Cycle"),
    ],
    pass: "# rules: { format/key-order: { cycle: [kind, id, title] } }\nkind: Cycle\nid: \
           2026-H2\ntitle: Second half\n",
    fail: "# rules: { format/key-order: { cycle: [kind, id, title] } }\nkind: Cycle\ntitle: \
           Second half\nid: 2026-H2\n",
};

impl Rule for KeyOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let options = cx.options(META.id);
        let orders: Vec<(crate::load::Kind, Vec<String>)> = crate::load::Kind::ALL
            .into_iter()
            .map(|k| (k, options.terms(&k.name().to_ascii_lowercase())))
            .filter(|(_, o)| !o.is_empty())
            .collect();
        if orders.is_empty() {
            return;
        }
        let found: Vec<Finding> = cx
            .repo
            .files
            .par_iter()
            .flat_map_iter(|file| {
                let mut found = Vec::new();
                for doc in file.documents() {
                    let Some((_, order)) = orders.iter().find(|(k, _)| Some(*k) == doc.kind) else {
                        continue;
                    };
                    found.extend(check(file, doc, order));
                }
                found
            })
            .collect();
        out.findings.extend(found);
    }
}

fn check(file: &LoadedFile, doc: &Document, order: &[String]) -> Option<Finding> {
    let Value::Map(map) = &doc.root.value else {
        return None;
    };
    let rank = |name: &str| order.iter().position(|o| o == name).unwrap_or(order.len());
    let mut wanted: Vec<usize> = (0..map.len()).collect();
    wanted.sort_by_key(|&i| rank(&map[i].0.name));
    let first = (0..map.len()).find(|&i| wanted[i] != i)?;
    let (early, late) = (&map[wanted[first]].0.name, &map[first].0.name);
    let pointer = format!("/{}", escape(early));
    let named: Vec<&str> = order.iter().map(String::as_str).collect();
    let mut f = file.finding_at(
        META.id,
        file.key_span_at(doc.index, &pointer),
        format!(
            "`{early}` comes after `{late}`; the configured order is {}",
            named.join(", ")
        ),
        Some("move the key up; `ladderlint lint --fix` puts every key in order".into()),
    );
    f.document = doc.index;
    f.pointer = pointer;
    f.fix = reorder(file, doc, &wanted).map(Box::new);
    Some(f)
}

/// The fix that puts the top-level entries of `doc` in the order `wanted`
/// (indices of entries), moving each entry's lines with the comment lines
/// just above its key. `None` when the document is not a block mapping
/// whose keys start their lines.
fn reorder(file: &LoadedFile, doc: &Document, wanted: &[usize]) -> Option<Fix> {
    let Value::Map(map) = &doc.root.value else {
        return None;
    };
    let text = file.text.as_str();
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    // Where each entry starts: its key's line, and the unindented comment
    // lines just above it; those above the first key head the document
    // (a `yaml-language-server` line) and stay first.
    let mut starts = Vec::with_capacity(map.len());
    for (i, (key, _)) in map.iter().enumerate() {
        let at = key.pos.byte_start as usize;
        let start = line_start(at);
        if at != start || text.get(at..)?.starts_with(['{', '"', '\'', '?']) {
            return None;
        }
        let mut start = start;
        while start > 0 && i > 0 {
            let above = line_start(start - 1);
            if !text[above..start].starts_with('#') {
                break;
            }
            start = above;
        }
        if starts.last().is_some_and(|&s| start <= s) {
            return None;
        }
        starts.push(start);
    }
    // The last entry ends where the document does: at the next `---` or
    // `...` line, or at the end of the file.
    let last = *starts.last()?;
    let mut end = text.len();
    let mut at = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    while at < text.len() {
        let line = &text[at..];
        let marker = (line.starts_with("---") || line.starts_with("..."))
            && matches!(
                line.as_bytes().get(3),
                None | Some(b' ' | b'\t' | b'\n' | b'\r')
            );
        if marker {
            end = at;
            break;
        }
        at = line.find('\n').map_or(text.len(), |i| at + i + 1);
    }
    let chunk = |i: usize| {
        let from = starts[i];
        let to = starts.get(i + 1).copied().unwrap_or(end);
        &text[from..to]
    };
    let mut out = String::with_capacity(end - starts[0]);
    for &i in wanted {
        out.push_str(chunk(i));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    if end == text.len() && !text.ends_with('\n') {
        out.pop();
    }
    Some(Fix::safe(
        "put the keys in the configured order",
        vec![Edit::replace(starts[0], end, out)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};

    fn fixed(src: &str, order: &[&str]) -> Option<String> {
        let file = load("c.yaml", src.as_bytes(), &Limits::default());
        let order: Vec<String> = order.iter().map(|s| (*s).to_owned()).collect();
        let f = check(&file, &file.documents()[0], &order)?;
        let fix = f.fix.expect("a fix");
        let applied =
            crate::lint::fix::apply("c.yaml", src.as_bytes(), &[&fix], &Limits::default())
                .unwrap()
                .unwrap();
        Some(String::from_utf8(applied.bytes).unwrap())
    }

    #[test]
    fn moves_entries_with_their_comments() {
        let src = "# yaml-language-server: x\nkind: Cycle\n# the title\ntitle: |\n  Second\n  \
                   # not a comment\nboard: [a, b]\nid: 2026-H2   # the id\n";
        assert_eq!(
            fixed(src, &["kind", "id", "title"]).unwrap(),
            "# yaml-language-server: x\nkind: Cycle\nid: 2026-H2   # the id\n# the title\n\
             title: |\n  Second\n  # not a comment\nboard: [a, b]\n"
        );
    }

    #[test]
    fn in_order_is_no_finding() {
        let file = load(
            "c.yaml",
            b"kind: Cycle\nid: x\nboard: []\ntitle: t\n",
            &Limits::default(),
        );
        let order = vec!["kind".to_owned(), "id".to_owned(), "title".to_owned()];
        let f = check(&file, &file.documents()[0], &order).unwrap();
        assert_eq!(
            f.message,
            "`title` comes after `board`; the configured order is kind, id, title"
        );
        assert_eq!((f.span.line, f.span.column), (4, 1));
        let order = vec!["kind".to_owned(), "id".to_owned()];
        assert!(check(&file, &file.documents()[0], &order).is_none());
    }

    #[test]
    fn each_document_of_a_file_and_no_final_newline() {
        let src = "id: a\nkind: Cycle\n---\nid: b\nkind: Cycle";
        let file = load("c.yaml", src.as_bytes(), &Limits::default());
        let order = vec!["kind".to_owned(), "id".to_owned()];
        let fixes: Vec<Fix> = file
            .documents()
            .iter()
            .filter_map(|d| check(&file, d, &order)?.fix.map(|f| *f))
            .collect();
        assert_eq!(fixes.len(), 2);
        let all: Vec<&Fix> = fixes.iter().collect();
        let applied = crate::lint::fix::apply("c.yaml", src.as_bytes(), &all, &Limits::default())
            .unwrap()
            .unwrap();
        assert_eq!(
            String::from_utf8(applied.bytes).unwrap(),
            "kind: Cycle\nid: a\n---\nkind: Cycle\nid: b"
        );
    }

    #[test]
    fn a_flow_mapping_gets_no_fix() {
        let file = load("c.yaml", b"{ id: a, kind: Cycle }\n", &Limits::default());
        let order = vec!["kind".to_owned(), "id".to_owned()];
        let f = check(&file, &file.documents()[0], &order).unwrap();
        assert!(f.fix.is_none());
    }
}
