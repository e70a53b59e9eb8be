//! Rendering contexts with minijinja: the built-in templates (compiled into
//! the binary), a user's own template (loaded only from its own folder), the
//! escaping rules (HTML for `.html`, Markdown for `.md`) and the filters
//! every template may use.

use anyhow::{anyhow, bail, Context as _, Result};
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, TemplateSource};
use std::path::{Component, Path, PathBuf};

/// The built-in templates: `(name, source)`.
pub const BUILTIN: [(&str, &str); 3] = [
    ("report.html", include_str!("../../templates/report.html")),
    ("report.md", include_str!("../../templates/report.md")),
    ("diff.md", include_str!("../../templates/diff.md")),
];

/// Work budget for a user's template: enough for any real report, but a
/// runaway loop stops with an error instead of hanging.
const USER_FUEL: u64 = 10_000_000;

/// Suffixes that name the template language, not the output.
const TEMPLATE_SUFFIXES: [&str; 5] = ["j2", "jinja", "jinja2", "tmpl", "tpl"];

/// How a template's output is escaped, from its whole file name: the
/// output's extension is the last one that is not a template suffix, so
/// `report.html.j2` is HTML and `report.md.jinja` Markdown.
pub fn escape_for(name: &str) -> AutoEscape {
    let file = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let mut parts: Vec<&str> = file.split('.').skip(1).collect();
    while parts.last().is_some_and(|p| TEMPLATE_SUFFIXES.contains(p)) {
        parts.pop();
    }
    match parts.last().copied().unwrap_or("") {
        "html" | "htm" | "xhtml" | "xml" | "svg" => AutoEscape::Html,
        "md" | "markdown" => AutoEscape::Custom("markdown".into()),
        _ => AutoEscape::None,
    }
}

/// An environment with the filters and escaping set up, no templates.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(escape_for);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_formatter(format_value);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_filter("percent", percent);
    env.add_filter("fixed", fixed);
    env.add_filter("pvalue", pvalue);
    env.add_filter("money", money);
    env.add_filter("number", money);
    env.add_filter("quantity", quantity);
    env.add_filter("plural", plural);
    env.add_filter("signed_percent", signed_percent);
    env.add_filter("md", |s: String| crate::escape::markdown(&s));
    env.add_filter("truncate", truncate);
    env.add_filter("code", code);
    env.add_filter("message", message);
    env
}

/// Render built-in template `name` with `ctx`.
/// Write a rendered report to `output`, or to standard output.
pub fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| anyhow!("cannot write `{}`: {e}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

pub fn builtin(name: &str, ctx: &impl serde::Serialize) -> Result<String> {
    let mut env = environment();
    for (n, src) in BUILTIN {
        env.add_template(n, src)
            .map_err(|e| anyhow!("built-in template `{n}`: {e}"))?;
    }
    let t = env.get_template(name)?;
    t.render(Value::from(minijinja::value::Serde(ctx)))
        .map_err(|e| anyhow!("rendering `{name}`: {}", describe(&e)))
}

/// Render the user's template at `path`. It may include, import or extend
/// other templates from its own folder only: names with `..`, absolute
/// paths, and links leading out of the folder are refused.
pub fn user(path: &Path, ctx: &impl serde::Serialize) -> Result<String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir
        .canonicalize()
        .with_context(|| format!("cannot read template folder `{}`", dir.display()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow!("`{}` is not a template file name", path.display()))?
        .to_owned();
    if !dir.join(&name).is_file() {
        bail!("template `{}` does not exist", path.display());
    }
    let mut env = environment();
    env.set_fuel(Some(USER_FUEL));
    env.set_loader(folder_loader(dir));
    let t = env
        .get_template(&name)
        .map_err(|e| anyhow!("template `{}`: {}", path.display(), describe(&e)))?;
    t.render(Value::from(minijinja::value::Serde(ctx)))
        .map_err(|e| anyhow!("template `{}`: {}", path.display(), describe(&e)))
}

/// A loader for templates inside `dir` (already canonical), and nowhere else.
pub fn folder_loader(
    dir: PathBuf,
) -> impl Fn(&str) -> Result<Option<TemplateSource>, Error> + Send + Sync + 'static {
    move |name| {
        let Some(path) = inside(&dir, name) else {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "template `{name}` is outside the template's folder; only files beside it \
                     or below it can be loaded"
                ),
            ));
        };
        match std::fs::read_to_string(&path) {
            Ok(s) => Ok(Some(TemplateSource::new(s))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(
                Error::new(ErrorKind::InvalidOperation, "could not read template").with_source(e),
            ),
        }
    }
}

/// `dir/name` when `name` is a plain relative path whose real location
/// (links resolved) is inside `dir`.
fn inside(dir: &Path, name: &str) -> Option<PathBuf> {
    let rel = Path::new(name);
    if name.contains('\\')
        || !rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let joined = dir.join(rel);
    match joined.canonicalize() {
        Ok(real) => real.starts_with(dir).then_some(real),
        // Not there: let the loader say "not found".
        Err(_) => Some(joined),
    }
}

fn describe(e: &Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(&format!(": {inner}"));
        src = inner.source();
    }
    s
}

/// The formatter: Markdown escaping for `.md` templates, HTML escaping for
/// `.html`; in every template, text is made visible
/// ([`crate::escape::visible`]) so no control or reordering character is
/// written as itself. `none` prints as nothing.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() {
        return Ok(());
    }
    if matches!(
        value.kind(),
        ValueKind::Undefined | ValueKind::Bool | ValueKind::Number
    ) {
        // No text of the repository's in these: shown as minijinja shows them.
        return match state.auto_escape() {
            AutoEscape::Custom(_) => out.write_str(&value.to_string()).map_err(Error::from),
            _ => minijinja::escape_formatter(out, state, value),
        };
    }
    let text = match value.as_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(value.to_string()),
    };
    if value.is_safe() {
        // Escaped already (e.g. by `code`): only made visible.
        return out
            .write_str(&crate::escape::visible(&text))
            .map_err(Error::from);
    }
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == "markdown" => out
            .write_str(&crate::escape::markdown(&text))
            .map_err(Error::from),
        AutoEscape::Html => {
            let shown = crate::escape::visible(&text);
            write!(out, "{}", minijinja::HtmlEscape(&shown)).map_err(Error::from)
        }
        _ => out
            .write_str(&crate::escape::visible(&text))
            .map_err(Error::from),
    }
}

fn num(v: &Value) -> Result<f64, Error> {
    f64::try_from(v.clone()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a number, found {}", v.kind()),
        )
    })
}

/// `0.4|percent` -> `40.0%`; `0.4|percent(0)` -> `40%`.
fn percent(v: Value, digits: Option<usize>) -> Result<String, Error> {
    let d = digits.unwrap_or(1);
    Ok(format!("{:.d$}%", num(&v)? * 100.0))
}

/// `-0.05|signed_percent` -> `-5.0%`, `0.05` -> `+5.0%`.
fn signed_percent(v: Value, digits: Option<usize>) -> Result<String, Error> {
    let d = digits.unwrap_or(1);
    Ok(format!("{:+.d$}%", num(&v)? * 100.0))
}

/// `0.123456|fixed(2)` -> `0.12`.
fn fixed(v: Value, digits: Option<usize>) -> Result<String, Error> {
    let d = digits.unwrap_or(2);
    Ok(format!("{:.d$}", num(&v)?))
}

/// A p-value: `0.0123` -> `0.012`, below 0.001 -> `< 0.001`.
fn pvalue(v: Value) -> Result<String, Error> {
    let p = num(&v)?;
    Ok(if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    })
}

/// A Markdown code span showing `s` as it is (safe in a table cell).
fn code(s: String) -> Value {
    let s = crate::escape::visible(&s.replace(['\r', '\n'], " ")).replace('|', "\\|");
    let mut ticks = 1;
    while s.contains(&"`".repeat(ticks)) {
        ticks += 1;
    }
    let fence = "`".repeat(ticks);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    Value::from_safe_string(format!("{fence}{pad}{s}{pad}{fence}"))
}

/// A finding's message, with the ids and values it quotes in backticks
/// shown as code: `<code>` in HTML, code spans in Markdown; everything else
/// escaped as the template's format requires.
fn message(state: &State, s: String) -> Value {
    use crate::output::markdown::{code_span, with_code_spans};
    match state.auto_escape() {
        AutoEscape::Html => {
            let html = |t: &str| minijinja::HtmlEscape(t).to_string();
            Value::from_safe_string(with_code_spans(&s, html, |c| {
                format!("<code>{}</code>", html(c))
            }))
        }
        AutoEscape::Custom(name) if name == "markdown" => {
            Value::from_safe_string(with_code_spans(&s, crate::escape::markdown, code_span))
        }
        _ => Value::from(s),
    }
}

/// `"a long name"|truncate(6)` -> `a lon…` (at most `n` characters).
fn truncate(s: String, n: Option<usize>) -> String {
    let n = n.unwrap_or(255).max(1);
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n - 1).collect();
    out.push('…');
    out
}

/// `150000|money` -> `150,000` (as everywhere: [`crate::human::amount`]);
/// `2010|number` -> `2,010` for counts.
fn money(v: Value) -> Result<String, Error> {
    Ok(crate::human::amount(num(&v)?))
}

/// `3|quantity("rank")` -> `3 ranks`, `1|quantity("competency")` -> `1 competency`.
fn quantity(v: Value, noun: String) -> Result<String, Error> {
    Ok(crate::human::count(num(&v)? as usize, &noun))
}

/// `3|plural("rank")` -> `ranks`: the noun alone, for `n` things.
fn plural(v: Value, noun: String) -> Result<String, Error> {
    Ok(crate::human::plural(num(&v)? as usize, &noun))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_whole_name() {
        assert_eq!(escape_for("report.html"), AutoEscape::Html);
        assert_eq!(escape_for("report.html.j2"), AutoEscape::Html);
        assert_eq!(escape_for("REPORT.HTM.jinja2"), AutoEscape::Html);
        assert_eq!(escape_for("sub/r.xml.jinja"), AutoEscape::Html);
        assert_eq!(
            escape_for("report.md.j2"),
            AutoEscape::Custom("markdown".into())
        );
        assert_eq!(escape_for("notes.txt"), AutoEscape::None);
        assert_eq!(escape_for("j2"), AutoEscape::None);
    }

    #[test]
    fn every_value_is_made_visible() {
        let env = environment();
        for name in ["t.html", "t.md", "t.txt"] {
            let out = env
                .render_named_str(
                    name,
                    "{{ x }}|{{ x|code }}",
                    minijinja::context! { x => "a\u{202E}b\u{1b}" },
                )
                .unwrap();
            assert!(
                !out.contains('\u{202E}') && !out.contains('\u{1b}'),
                "{name}: {out}"
            );
        }
    }

    #[test]
    fn loader_stays_in_its_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("t");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(dir.join("ok.md"), "{{ 1 + 1 }}").unwrap();
        let dir = dir.canonicalize().unwrap();
        let load = folder_loader(dir.clone());
        assert!(load("ok.md").unwrap().is_some());
        assert!(load("missing.md").unwrap().is_none());
        assert!(load("../secret.txt").is_err());
        assert!(load("/etc/passwd").is_err());
        assert!(load("sub/../../secret.txt").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), dir.join("link.md")).unwrap();
            assert!(load("link.md").is_err());
        }
    }

    #[test]
    fn filters() {
        let env = environment();
        let r = |s: &str| env.render_str(s, ()).unwrap();
        assert_eq!(r("{{ 0.4|percent }}"), "40.0%");
        assert_eq!(r("{{ 0.0004|pvalue }}"), "< 0.001");
        assert_eq!(r("{{ 0.01234|pvalue }}"), "0.012");
        assert_eq!(r("{{ 1234567|money }}"), "1,234,567");
        assert_eq!(r("{{ 1|quantity('competency') }}"), "1 competency");
        assert_eq!(r("{{ 2|quantity('competency') }}"), "2 competencies");
        assert_eq!(r("{{ 2|plural('day') }}"), "days");
        assert_eq!(r("{{ -0.05|signed_percent }}"), "-5.0%");
        assert_eq!(r("{{ 'E_5'|code }}"), "`E_5`");
        assert_eq!(r("{{ 'a`b|c'|code }}"), "``a`b\\|c``");
    }
}
