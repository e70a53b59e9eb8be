//! Keys given twice in one mapping: the value read is the last one, and
//! the finding names the one that is ignored.

use super::node::{Key, Node, Value};
use super::{LoadedFile, SYNTAX};
use crate::finding::Finding;

pub(super) fn check(file: &LoadedFile, node: &Node, out: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => {
            // The last occurrence of each key is the one read; linear in the
            // mapping's size, which may hold 100,000 keys.
            let mut last: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
            for (i, (key, _)) in entries.iter().enumerate() {
                last.insert(&key.name, i);
            }
            if last.len() < entries.len() {
                for (i, (key, _)) in entries.iter().enumerate() {
                    let used = last[key.name.as_str()];
                    if used != i {
                        out.push(duplicate_key(file, &entries[used].0, key));
                    }
                }
            }
            for (_, value) in entries {
                check(file, value, out);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| check(file, n, out)),
        _ => {}
    }
}

/// A key given twice: the finding is at the value that is read (the last
/// one), and names the line of the one that is ignored.
fn duplicate_key(file: &LoadedFile, used: &Key, ignored: &Key) -> Finding {
    let ignored_span = file.span_of(ignored.pos);
    let mut f = file.finding_at(
        SYNTAX,
        file.span_of(used.pos),
        format!(
            "duplicate key `{}`: this value is the one read, and the one on line {} is \
             ignored",
            used.name, ignored_span.line
        ),
        Some("keep one of them: YAML keys must be unique".into()),
    );
    f.related.push(file.related(
        ignored_span,
        format!("`{}` given here first, ignored", ignored.name),
    ));
    f
}
