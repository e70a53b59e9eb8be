//! Applying the fixes of one file, and checking that the result means what
//! the fixes promise before it goes anywhere.

use crate::fix::{Change, Edit, Fix};
use crate::load::{self, pointer::unescape};
use serde_json::Value;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file with some of its fixes applied.
#[derive(Debug)]
pub struct Applied {
    pub bytes: Vec<u8>,
    /// How many of the fixes were applied (the others overlapped one of
    /// them and wait for the next pass).
    pub count: usize,
}

/// Apply `fixes` (in order; a fix whose edits overlap an earlier one's is
/// left out) to `raw`, the file as read. `Ok(None)` when none applies.
///
/// The documents read back from the result must equal the original ones,
/// but for the values the unsafe fixes name (`Fix::change`); otherwise
/// nothing is applied and the error says why. A file that does not parse
/// is never fixed: what it means cannot be compared.
pub fn apply(
    path: &str,
    raw: &[u8],
    fixes: &[&Fix],
    limits: &load::Limits,
) -> Result<Option<Applied>, String> {
    let (bom, rest) = match raw.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let text = std::str::from_utf8(rest).map_err(|_| "it is not UTF-8 text".to_owned())?;
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen: Vec<&Fix> = Vec::new();
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            e.start <= e.end
                && text.is_char_boundary(e.start as usize)
                && text.is_char_boundary(e.end as usize)
        });
        let clear = fix.edits.iter().enumerate().all(|(i, e)| {
            !taken.iter().any(|t| t.overlaps(e)) && !fix.edits[..i].iter().any(|t| t.overlaps(e))
        });
        if fits && clear && (!fix.edits.is_empty() || fix.strip_bom) {
            taken.extend(&fix.edits);
            chosen.push(fix);
        }
    }
    if chosen.is_empty() {
        return Ok(None);
    }
    taken.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in &taken {
        out.push_str(&text[at..e.start as usize]);
        out.push_str(&e.content);
        at = e.end as usize;
    }
    out.push_str(&text[at..]);
    let keep_bom = bom && !chosen.iter().any(|f| f.strip_bom);
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if keep_bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(out.as_bytes());

    let before = read(path, raw, limits).ok_or("it does not parse as YAML")?;
    let after = read(path, &bytes, limits).ok_or("the fixed file would not parse")?;
    let mut expected = before;
    for change in chosen.iter().filter_map(|f| f.change.as_ref()) {
        expect(&mut expected, change).ok_or("a fix would not change what it says it changes")?;
    }
    if after != expected {
        return Err("the fixed file would read differently".into());
    }
    Ok(Some(Applied {
        bytes,
        count: chosen.len(),
    }))
}

/// The documents of a file as JSON, or `None` when it does not load
/// without a syntax error.
fn read(path: &str, bytes: &[u8], limits: &load::Limits) -> Option<Vec<Value>> {
    let (file, json) = load::load_fast(path, bytes.to_vec(), limits).into_parts();
    let broken = file
        .findings
        .iter()
        .any(|f| f.rule == crate::rules::schema::YAML_SYNTAX.id);
    (!broken).then_some(json)
}

/// Apply `change` to the documents `docs`, as the fix should have.
fn expect(docs: &mut [Value], change: &Change) -> Option<()> {
    match change {
        Change::Value {
            document,
            pointer,
            to,
        } => {
            let v = docs.get_mut(*document)?.pointer_mut(pointer)?;
            v.as_str()?;
            *v = Value::String(to.clone());
        }
        Change::Key {
            document,
            pointer,
            to,
        } => {
            let (parent, last) = pointer.rsplit_once('/')?;
            let map = docs
                .get_mut(*document)?
                .pointer_mut(parent)?
                .as_object_mut()?;
            if map.contains_key(to) {
                return None;
            }
            let value = map.remove(&unescape(last))?;
            map.insert(to.clone(), value);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Applicability;

    fn limits() -> load::Limits {
        load::Limits::default()
    }

    #[test]
    fn applies_edits_in_order_and_keeps_the_meaning() {
        let raw = b"kind: Cycle  \nid: x\t\n";
        let fix = Fix::safe("trailing", vec![Edit::delete(11, 13), Edit::delete(19, 20)]);
        let got = apply("c.yaml", raw, &[&fix], &limits()).unwrap().unwrap();
        assert_eq!(got.bytes, b"kind: Cycle\nid: x\n");
        assert_eq!(got.count, 1);
    }

    #[test]
    fn refuses_a_safe_fix_that_changes_a_value() {
        // Trailing spaces inside a literal block are part of the value.
        let raw = b"kind: Cycle\nnote: |\n  keep these  \n  lines\n";
        let text = std::str::from_utf8(raw).unwrap();
        let at = text.find("these  ").unwrap() + "these".len();
        let fix = Fix::safe("trailing", vec![Edit::delete(at, at + 2)]);
        let err = apply("c.yaml", raw, &[&fix], &limits()).unwrap_err();
        assert_eq!(err, "the fixed file would read differently");
    }

    #[test]
    fn an_unsafe_fix_changes_exactly_its_value() {
        let raw = b"kind: Nomination\ncandidate: jdentn\n";
        let at = 28;
        let good = Fix {
            applicability: Applicability::Unsafe,
            title: "replace".into(),
            edits: vec![Edit::replace(at, at + 6, "jdenton")],
            strip_bom: false,
            change: Some(Change::Value {
                document: 0,
                pointer: "/candidate".into(),
                to: "jdenton".into(),
            }),
        };
        let got = apply("n.yaml", raw, &[&good], &limits()).unwrap().unwrap();
        assert_eq!(got.bytes, b"kind: Nomination\ncandidate: jdenton\n");
        // The same edit, claiming another value: refused.
        let lying = Fix {
            change: Some(Change::Value {
                document: 0,
                pointer: "/candidate".into(),
                to: "someone".into(),
            }),
            ..good.clone()
        };
        assert!(apply("n.yaml", raw, &[&lying], &limits()).is_err());
        // Claiming nothing at all: refused too.
        let silent = Fix {
            change: None,
            ..good
        };
        assert!(apply("n.yaml", raw, &[&silent], &limits()).is_err());
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let raw = b"kind: Cycle   \n";
        let a = Fix::safe("a", vec![Edit::delete(11, 14)]);
        let b = Fix::safe("b", vec![Edit::delete(12, 14)]);
        let got = apply("c.yaml", raw, &[&a, &b], &limits()).unwrap().unwrap();
        assert_eq!(got.count, 1);
        assert_eq!(got.bytes, b"kind: Cycle\n");
    }

    #[test]
    fn strips_a_bom_and_crlf() {
        let raw = b"\xEF\xBB\xBFkind: Cycle\r\nid: x\r\n";
        let crlf = Fix::safe("lf", vec![Edit::delete(11, 12), Edit::delete(18, 19)]);
        let got = apply("c.yaml", raw, &[&Fix::strip_bom(), &crlf], &limits())
            .unwrap()
            .unwrap();
        assert_eq!(got.bytes, b"kind: Cycle\nid: x\n");
        assert_eq!(got.count, 2);
    }

    #[test]
    fn never_fixes_a_file_that_does_not_parse() {
        let raw = b"kind: [Cycle  \n";
        let fix = Fix::safe("t", vec![Edit::delete(12, 14)]);
        assert_eq!(
            apply("c.yaml", raw, &[&fix], &limits()).unwrap_err(),
            "it does not parse as YAML"
        );
    }
}
