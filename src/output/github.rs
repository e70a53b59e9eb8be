//! `--format github`: GitHub Actions workflow commands, one per finding:
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`
//! (`warning` for warnings, `notice` for infos), which the runner turns
//! into annotations on the pull request's lines.
//!
//! Every value comes from YAML a pull request controls, so each is escaped
//! as the runner requires: `%`, CR and LF in the message; also `:` and `,`
//! in properties. An escaped value cannot end its command or start another,
//! and control or reordering characters are shown, not passed on.

use super::{Format, Run};
use crate::finding::Severity;
use std::io::{self, Write};

pub struct Github;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::escape::visible(&s).into_owned()
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "notice",
    }
}

impl Format for Github {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in run.findings {
            let s = &f.span;
            let mut message = run.full_message(f);
            for r in &f.related {
                message.push_str(&format!(
                    "\nnote: {}: {}:{}:{}",
                    r.message,
                    run.repo_path(&r.file),
                    r.span.line,
                    r.span.column
                ));
            }
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                escape_property(&run.repo_path(&f.file)),
                s.line.max(1),
                s.column.max(1),
                s.end_line.max(s.line).max(1),
                s.end_column.max(1),
                escape_property(f.rule.as_str()),
                escape_data(&message),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(
            escape_data("a%0Ab\r\n::error::x"),
            "a%250Ab%0D%0A::error::x"
        );
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A".to_owned());
    }
}
