//! The unsafe fix of an unknown id: write the id it most resembles instead.

use super::{Applicability, Change, Edit, Fix};
use crate::load::{node::Value, LoadedFile};

/// The fix that replaces the id `old` at `pointer` of document `doc` (a
/// string value, or else the key the pointer ends in) by `new`, keeping
/// the way the source quotes it. `None` when the source does not spell
/// `old` as a one-line scalar (a block scalar, escapes, an alias).
pub fn replace_id(
    file: &LoadedFile,
    doc: usize,
    pointer: &str,
    old: &str,
    new: &str,
) -> Option<Fix> {
    let (key, node) = file.documents().get(doc)?.root.resolve(pointer)?;
    let (pos, change) = match (&node.value, key) {
        (Value::Str(s), _) if s == old => (
            node.pos,
            Change::Value {
                document: doc,
                pointer: pointer.to_owned(),
                to: new.to_owned(),
            },
        ),
        (_, Some(k)) if k.name == old && !has_key(file, doc, pointer, new) => (
            k.pos,
            Change::Key {
                document: doc,
                pointer: pointer.to_owned(),
                to: new.to_owned(),
            },
        ),
        _ => return None,
    };
    let (start, end) = (pos.byte_start as usize, pos.byte_end as usize);
    let source = file.text.get(start..end)?;
    let content = if source == old {
        if plain(new) {
            new.to_owned()
        } else {
            serde_json::to_string(new).ok()?
        }
    } else if source.len() >= 2 && source.starts_with('"') && source.ends_with('"') {
        // A JSON string is a YAML double-quoted scalar.
        serde_json::to_string(new).ok()?
    } else if source.len() >= 2 && source.starts_with('\'') && source.ends_with('\'') {
        format!("'{}'", new.replace('\'', "''"))
    } else {
        return None;
    };
    Some(Fix {
        applicability: Applicability::Unsafe,
        title: format!("replace `{old}` with `{new}`"),
        edits: vec![Edit::replace(start, end, content)],
        strip_bom: false,
        change: Some(change),
    })
}

/// Whether the mapping that holds the key at `pointer` has a key `name`.
fn has_key(file: &LoadedFile, doc: usize, pointer: &str, name: &str) -> bool {
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    file.documents()
        .get(doc)
        .and_then(|d| d.root.resolve(parent))
        .is_some_and(|(_, node)| node.get(name).is_some())
}

/// Whether `s` reads back as the same string when written unquoted, in
/// YAML 1.1 and 1.2 alike: an id of letters, digits, `_`, `-` and `.`
/// that no reader takes for a number, a boolean or null.
fn plain(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    ];
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Limits};

    fn fixed(src: &str, pointer: &str, old: &str, new: &str) -> Option<String> {
        let file = load("n.yaml", src.as_bytes(), &Limits::default());
        let fix = replace_id(&file, 0, pointer, old, new)?;
        let applied = crate::fix::apply("n.yaml", src.as_bytes(), &[&fix], &Limits::default())
            .unwrap()
            .unwrap();
        Some(String::from_utf8(applied.bytes).unwrap())
    }

    #[test]
    fn keeps_the_quoting_of_the_source() {
        let base = "kind: Nomination\n";
        for (src, want) in [
            ("candidate: jdentn\n", "candidate: jdenton\n"),
            ("candidate: \"jdentn\"\n", "candidate: \"jdenton\"\n"),
            (
                "candidate: 'jdentn'  # typo\n",
                "candidate: 'jdenton'  # typo\n",
            ),
        ] {
            let got = fixed(&format!("{base}{src}"), "/candidate", "jdentn", "jdenton");
            assert_eq!(got.as_deref(), Some(format!("{base}{want}").as_str()));
        }
    }

    #[test]
    fn quotes_an_id_that_would_read_as_something_else() {
        let src = "kind: Nomination\ncandidate: o\n";
        let got = fixed(src, "/candidate", "o", "on").unwrap();
        assert_eq!(got, "kind: Nomination\ncandidate: \"on\"\n");
    }

    #[test]
    fn renames_a_key() {
        let src = "kind: Nomination\nreview:\n  votes: { trunty: approve, ahmd: decline }\n";
        let got = fixed(src, "/review/votes/ahmd", "ahmd", "ahmed").unwrap();
        assert_eq!(
            got,
            "kind: Nomination\nreview:\n  votes: { trunty: approve, ahmed: decline }\n"
        );
    }

    #[test]
    fn never_renames_a_key_onto_another() {
        let src = "kind: Nomination\nanswers: { impct: a, impact: b }\n";
        assert_eq!(fixed(src, "/answers/impct", "impct", "impact"), None);
    }

    #[test]
    fn leaves_a_block_scalar_alone() {
        let src = "kind: Nomination\ncandidate: >-\n  jdentn\n";
        assert_eq!(fixed(src, "/candidate", "jdentn", "jdenton"), None);
    }
}
