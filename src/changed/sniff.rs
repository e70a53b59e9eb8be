//! The quick look at an unchanged file that decides whether changed-only
//! mode loads it.

use granit_parser::{Event, Parser, ScalarStyle};

/// What a quick look at a file says about it: enough to leave out, in
/// changed-only mode, the nominations that no changed file's checks can
/// involve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniff {
    /// Certainly one Nomination document with this `id`, `cycle` and
    /// `candidate`.
    Nomination {
        id: String,
        cycle: String,
        candidate: String,
    },
    /// Anything else, or not certain: the file is loaded.
    Other,
}

/// Read the top-level keys `kind`, `id`, `cycle` and `candidate` of a file
/// with the YAML parser (nested mappings and multi-line strings are read as
/// what they are, never as keys). Only a file of one document, a mapping
/// whose four keys each appear once with a text value that is an id, is a
/// `Nomination`; anything the parser rejects, or any anchor, alias, tag or
/// merge key, is `Other`, and so is loaded in full. So is a file whose
/// `kind` is another: the look stops there.
pub fn sniff(bytes: &[u8]) -> Sniff {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Sniff::Other;
    };
    top_level(text).unwrap_or(Sniff::Other)
}

fn top_level(text: &str) -> Option<Sniff> {
    let (mut kind, mut id, mut cycle, mut candidate) = (None, None, None, None);
    let mut documents = 0;
    // Nesting depth: 1 inside the top-level mapping.
    let mut depth = 0usize;
    // At depth 1: the key whose value comes next, if any.
    let mut key: Option<String> = None;
    let mut expect_key = true;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.ok()?;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Alias(_) => return None,
            Event::MappingStart(_, anchor, ref tag) | Event::SequenceStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let is_map = matches!(event, Event::MappingStart(..));
                if depth == 0 && !is_map {
                    return None;
                }
                if depth == 1 {
                    // A collection as a key, or as the value of a key read here.
                    if expect_key || key.is_some() {
                        return None;
                    }
                    expect_key = true;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.checked_sub(1)?;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                match depth {
                    0 => return None,
                    1 if expect_key => {
                        if value == "<<" {
                            return None;
                        }
                        key = matches!(value.as_ref(), "kind" | "id" | "cycle" | "candidate")
                            .then(|| value.into_owned());
                        expect_key = false;
                    }
                    1 => {
                        expect_key = true;
                        let Some(k) = key.take() else { continue };
                        let slot = match k.as_str() {
                            "kind" => &mut kind,
                            "id" => &mut id,
                            "cycle" => &mut cycle,
                            _ => &mut candidate,
                        };
                        // A plain scalar of digits is a number to the loader.
                        let number = style == ScalarStyle::Plain
                            && value.bytes().all(|c| c.is_ascii_digit() || c == b'.');
                        if slot.is_some() || number || !plain_id(&value) {
                            return None;
                        }
                        // Any other kind is loaded whatever follows: a
                        // people file of 20,000 entries is not read on.
                        if k == "kind" && value != "Nomination" {
                            return None;
                        }
                        *slot = Some(value.into_owned());
                    }
                    _ => {}
                }
            }
            _ => return None,
        }
    }
    match (kind.as_deref(), id, cycle, candidate) {
        (Some("Nomination"), Some(id), Some(cycle), Some(candidate)) => Some(Sniff::Nomination {
            id,
            cycle,
            candidate,
        }),
        _ => None,
    }
}

/// An id as the schemas define it: `[A-Za-z0-9][A-Za-z0-9._-]*`.
pub(super) fn plain_id(v: &str) -> bool {
    let mut b = v.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::{sniff, Sniff};

    fn nomination(id: &str, cycle: &str, candidate: &str) -> Sniff {
        Sniff::Nomination {
            id: id.into(),
            cycle: cycle.into(),
            candidate: candidate.into(),
        }
    }

    #[test]
    fn sniff_reads_only_plain_top_level_keys() {
        let plain = "# comment\nkind: Nomination\nid: n1   # note\ncycle: 2026-H2\n\
                     candidate: jdenton\nreview:\n  id: x\n  candidate: y\n";
        assert_eq!(
            sniff(plain.as_bytes()),
            nomination("n1", "2026-H2", "jdenton")
        );
        for other in [
            "kind: People\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\n",
            "kind: Nomination\nid: a\ncycle: b\ncycle: c\ncandidate: p\n",
            "kind: Nomination\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\ncycle: b\ncandidate: p\ncandidate: q\n",
            "kind: Nomination\nid: a\ncycle: \"b\"\n",
            "kind: Nomination\nid: a\ncycle: b\n---\nkind: Cycle\n",
            "{kind: Nomination,\nid: a,\ncycle: b}\n",
            "kind: Nomination\nid: a\ncycle: b\n<<: *x\n",
            "kind: Nomination\rid: a\rcycle: b\r",
            "kind: Nomination\nid: a\ncycle:b\ncandidate: p\n",
            "%YAML 1.2\n---\nkind: Nomination\nid: a\ncycle: b\n",
            "kind: Nomination\nid: a\ncycle: b c\n",
        ] {
            assert_eq!(sniff(other.as_bytes()), Sniff::Other, "{other:?}");
        }
        assert_eq!(sniff(b"\xff kind: Nomination"), Sniff::Other);
        // Another kind is `Other` whatever follows it (here a second
        // document, of the right kind, and a syntax error).
        assert_eq!(
            sniff(b"kind: People\npeople: []\n---\nkind: Nomination\n: [\n"),
            Sniff::Other
        );
    }

    /// Read as YAML, not as lines: a key spelled with a space before the
    /// colon counts, a line inside a multi-line string is text.
    #[test]
    fn sniff_reads_yaml_not_lines() {
        assert_eq!(
            sniff(b"kind: Nomination\nid: a\ncycle : b\ncandidate: p\n"),
            nomination("a", "b", "p")
        );
        let quoted = "kind: Nomination\nid: a\nnote: \"one\ncycle: elsewhere\n two\"\n\
                      cycle: b\ncandidate: p\n";
        assert_eq!(sniff(quoted.as_bytes()), nomination("a", "b", "p"));
        let block = "kind: Nomination\nid: a\ncycle: b\ncandidate: p\nnote: |\n  cycle: c\n";
        assert_eq!(sniff(block.as_bytes()), nomination("a", "b", "p"));
        assert_eq!(
            sniff(b"{kind: Nomination, id: a, cycle: b, candidate: p}\n"),
            nomination("a", "b", "p")
        );
        // A number is not an id; anchors and tags are not certain.
        for other in [
            "kind: Nomination\nid: 123\ncycle: b\ncandidate: p\n",
            "kind: Nomination\nid: &x a\ncycle: b\ncandidate: p\n",
            "kind: Nomination\nid: !!str a\ncycle: b\ncandidate: p\n",
            "kind: Nomination\nid: a\ncycle: [b]\ncandidate: p\n",
            "- kind: Nomination\n",
        ] {
            assert_eq!(sniff(other.as_bytes()), Sniff::Other, "{other:?}");
        }
    }
}
