//! `--format concise`: one line per finding,
//! `file:line:column: severity[rule] message`, then the summary line. For
//! editors' problem matchers, `grep`, and people who know the rules.

use super::text::sanitize;
use super::{Format, Run};
use std::io::{self, Write};

pub struct Concise;

impl Format for Concise {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in run.findings {
            write!(
                out,
                "{}:{}:{}: {}[{}] {}",
                sanitize(&run.shown_path(&f.file)),
                f.span.line,
                f.span.column,
                f.severity,
                sanitize(f.rule.as_str()),
                sanitize(&f.message.replace(['\r', '\n'], " ")),
            )?;
            if let Some(help) = &f.help {
                write!(
                    out,
                    " (help: {})",
                    sanitize(&help.replace(['\r', '\n'], " "))
                )?;
            }
            writeln!(out)?;
        }
        if !run.quiet {
            writeln!(out, "{}", run.summary())?;
        }
        Ok(())
    }
}
