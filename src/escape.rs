//! Text from the repository made safe for each kind of output. Everything a
//! pull request controls (paths, messages, titles, rationales) passes
//! through here before it is shown, so the rules live in one place:
//!
//! - [`visible`]: terminal escapes, other control characters and the
//!   invisible characters that reorder text (bidirectional overrides and
//!   isolates, as in "Trojan Source") are shown as `<U+202E>` instead of
//!   acting on the reader's terminal or on the text around them. Every
//!   output applies it.
//! - [`markdown`]: one line of GitHub-flavoured Markdown (a paragraph or a
//!   table cell) that shows as itself: no markup, no raw HTML, no
//!   `@mentions` (which would notify people), no links made from bare URLs
//!   or e-mail addresses.
//! - [`write_json`]: JSON whose strings carry those characters as `\u`
//!   escapes, so the data is exact and the bytes are harmless.

use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// A zero-width space, as an entity: it stops GitHub from reading what
/// follows as a mention or a link, and shows as nothing.
const BREAK: &str = "&#8203;";

/// A character that must never reach an output as itself: control
/// characters other than tab and line feed (a carriage return can
/// overwrite a terminal line), and the invisible characters that change
/// the order or direction in which text is shown.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every [unsafe](is_unsafe) character written as `<U+XXXX>`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escape text for one line of GitHub-flavoured Markdown: HTML special
/// characters as entities, Markdown punctuation with a backslash, line
/// breaks (LF, CRLF or CR) as `<br>`, unsafe characters made [visible], and `@mentions`,
/// e-mail addresses and bare URLs (`https://…`, `www.…`) broken with a
/// zero-width space so that GitHub neither notifies anyone nor links
/// anywhere.
pub fn markdown(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = visible(&s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '@' => {
                out.push('@');
                out.push_str(BREAK);
            }
            ':' if chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/') => {
                // `scheme://`: no scheme before the colon, no link.
                out.push_str(BREAK);
                out.push(':');
            }
            'w' | 'W' if starts_www(&chars[i..]) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                out.extend(&chars[i..i + 3]);
                out.push_str(BREAK);
                i += 3;
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | '#' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_www(rest: &[char]) -> bool {
    rest.len() >= 4 && rest[..3].iter().all(|c| c.eq_ignore_ascii_case(&'w')) && rest[3] == '.'
}

/// Write `value` as pretty JSON with every [unsafe](is_unsafe) character
/// in a string as a `\u` escape (serde_json escapes only those below
/// U+0020 itself).
pub fn write_json<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// [`write_json`] of a list, its items serialized in parallel: the same
/// bytes. Each chunk is written as a list of its own, whose items the
/// pretty printer already indents as items of a list; the brackets of
/// each chunk are dropped and the chunks joined as items are. A few
/// chunks at a time are held, not the whole text.
pub fn write_json_list<W: Write, T: Serialize + Sync>(mut out: W, items: &[T]) -> io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 512;
    const AT_ONCE: usize = 16 * CHUNK;
    if items.len() <= CHUNK {
        return write_json(out, items);
    }
    out.write_all(b"[\n")?;
    for (b, batch) in items.chunks(AT_ONCE).enumerate() {
        let chunks = batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 512);
                write_json(&mut buf, chunk)?;
                Ok(buf)
            })
            .collect::<io::Result<Vec<Vec<u8>>>>()?;
        for (i, chunk) in chunks.iter().enumerate() {
            if b > 0 || i > 0 {
                out.write_all(b",\n")?;
            }
            let inner = chunk
                .strip_prefix(b"[\n")
                .and_then(|c| c.strip_suffix(b"\n]"))
                .ok_or_else(|| io::Error::other("a list was not printed as a list"))?;
            out.write_all(inner)?;
        }
    }
    out.write_all(b"\n]")
}

/// [`write_json`] into a string, with a final newline.
pub fn json_string<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut buf = Vec::new();
    write_json(&mut buf, value)?;
    buf.push(b'\n');
    String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// serde_json's pretty printer, with unsafe characters escaped.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_printed_in_parallel_has_the_bytes_of_one_printed_whole() {
        let item = |i: usize| {
            serde_json::json!({
                "n": i,
                "text": format!("line {i}\nnext \u{1b}[31m \u{202E}"),
                "empty": [],
                "none": {},
                "nested": [{"a": [1, [2, []]], "b": {"c": null}}, "x"],
            })
        };
        for n in [0, 1, 2, 511, 512, 513, 1024, 8191, 8192, 8193, 9000, 20000] {
            let items: Vec<serde_json::Value> = (0..n).map(item).collect();
            let (mut whole, mut parallel) = (Vec::new(), Vec::new());
            write_json(&mut whole, &items).unwrap();
            write_json_list(&mut parallel, &items).unwrap();
            assert_eq!(
                String::from_utf8(parallel).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} items"
            );
        }
    }

    #[test]
    fn visible_shows_controls_and_bidi() {
        assert_eq!(visible("a\u{1b}[31mb"), "a<U+001B>[31mb");
        assert_eq!(visible("x\u{202E}y\u{2066}"), "x<U+202E>y<U+2066>");
        assert_eq!(visible("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(visible("back\rover"), "back<U+000D>over");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_neutralises_markup_mentions_and_links() {
        assert_eq!(
            markdown("<script>|`x`*_[a](b)\nnext"),
            "&lt;script&gt;\\|\\`x\\`\\*\\_\\[a\\](b)<br>next"
        );
        assert_eq!(markdown("cc @team"), "cc @&#8203;team");
        assert_eq!(markdown("a@b.example"), "a@&#8203;b.example");
        assert_eq!(
            markdown("see https://evil.example/x"),
            "see https&#8203;://evil.example/x"
        );
        assert_eq!(
            markdown("WWW.evil.example and awww.x"),
            "WWW&#8203;.evil.example and awww.x"
        );
        assert_eq!(markdown("# h !{x}"), "\\# h \\!\\{x\\}");
        assert_eq!(markdown("\u{202E}cba"), "&lt;U+202E&gt;cba");
        assert_eq!(markdown("a\r\nb\rc"), "a<br>b<br>c");
    }

    #[test]
    fn json_escapes_unsafe_characters_and_round_trips() {
        let s = json_string(&["a\u{202E}b\u{7f}c\u{9b}d\u{1b}", "é"]).unwrap();
        assert!(s.is_ascii() || !s.contains('\u{202E}'));
        assert!(s.contains("\\u202e") && s.contains("\\u007f") && s.contains("\\u009b"));
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, ["a\u{202E}b\u{7f}c\u{9b}d\u{1b}", "é"]);
    }
}
