//! The generic word-list rule behind `ladder/subjective-criteria`,
//! `ladder/exclusionary-language` and `ladder/tenure-requirement`: a list of
//! phrases to flag, each with what to write instead, and a list of phrases
//! in which the same words mean something else and stay quiet. A phrase
//! said against itself ("does not depend on heroes") is not flagged.

use super::text::{self, Text};
use super::words::{self, Pattern};
use crate::model::{Ladder, Nomination};
use crate::repo::{DocRef, Entry};
use crate::rules::{Context, Emitter, Rule, RuleMeta};

/// A word-list rule: its metadata, its lists and its messages.
pub struct WordList {
    pub meta: &'static RuleMeta,
    /// Phrases to flag, with what to write instead.
    pub terms: &'static [(&'static str, &'static str)],
    /// Phrases in which the words of a term mean something else.
    pub quiet: &'static [&'static str],
    /// The help of a phrase added with `add`.
    pub added_help: &'static str,
    /// The message for a ladder text: `(what, words)`.
    pub ladder_message: fn(&str, &str) -> String,
    /// The message for a nomination text: `(what, words)`.
    pub nomination_message: fn(&str, &str) -> String,
    /// A help for nomination texts instead of the term's own.
    pub nomination_help: Option<&'static str>,
}

impl WordList {
    /// The terms in force: the built-in ones without the configured
    /// `remove`, plus the configured `add`.
    pub fn terms(&self, cx: &Context) -> Vec<Pattern> {
        let options = cx.options(self.meta.id);
        let remove: Vec<Pattern> = options
            .terms("remove")
            .iter()
            .filter_map(|r| Pattern::new(r, ""))
            .collect();
        let mut out: Vec<Pattern> = self
            .terms
            .iter()
            .filter_map(|(t, s)| Pattern::new(t, s))
            .filter(|t| !remove.iter().any(|r| r.same(t)))
            .collect();
        for a in options.terms("add") {
            if let Some(t) = Pattern::new(&a, self.added_help) {
                if !out.iter().any(|o| o.same(&t)) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// The quiet phrases in force: the built-in ones plus `allow`.
    pub fn quiet(&self, cx: &Context) -> Vec<Pattern> {
        let allow = cx.options(self.meta.id).terms("allow");
        self.quiet
            .iter()
            .map(|q| q.to_string())
            .chain(allow)
            .filter_map(|q| Pattern::new(&q, ""))
            .collect()
    }

    fn report(
        &self,
        cx: &Context,
        out: &mut Emitter,
        at: DocRef,
        texts: &[Text],
        message: fn(&str, &str) -> String,
        help: Option<&str>,
    ) {
        let terms = self.terms(cx);
        let quiet = self.quiet(cx);
        for t in texts {
            let toks = words::tokens(t.value);
            for f in words::find(t.value, &terms, &quiet) {
                if words::negated(t.value, &toks, &f.range) {
                    continue;
                }
                let found = words::quote(&t.value[f.range.clone()]);
                text::report_at(
                    out,
                    at,
                    &t.pointer,
                    f.range.clone(),
                    message(&t.what, &found),
                    help.unwrap_or(&f.pattern.suggestion),
                );
            }
        }
    }
}

impl Rule for WordList {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let texts = text::ladder_texts(l);
        self.report(cx, out, l.at, &texts, self.ladder_message, None);
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if text::scans_nominations(cx, self.meta.id) {
            let texts = text::nomination_texts(n);
            let (message, help) = (self.nomination_message, self.nomination_help);
            self.report(cx, out, n.at, &texts, message, help);
        }
    }
}
