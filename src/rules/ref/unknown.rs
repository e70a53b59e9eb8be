//! `ref/unknown`: every reference resolves.

use super::replace::replace_id;
use crate::finding::Severity;
use crate::load::pointer::escape as esc;
use crate::model::Nomination;
use crate::repo::{DocRef, Entry};
use crate::rules::{suggest, Context, Emitter, Rule, RuleId, RuleMeta};

pub struct Unknown;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ref/unknown"),
    severity: Severity::Error,
    summary: "every reference resolves: person, ladder, level, track, competency, cycle, question",
    rationale: "A nomination for a level that does not exist, or reviewed by someone the \
                directory does not know, cannot be checked for conflicts or seniority; a typo \
                must not silently switch those checks off. When an id resembles a known one, \
                the help says which; `ladderlint lint --fix --unsafe-fixes` writes it in (an \
                unsafe fix: review it, e.g. with `--diff --unsafe-fixes` first).",
    options: &[],
    pass: "# people.yaml\nkind: People\npeople:\n  - { id: jdenton, name: James Denton }\n\
           # nomination\nkind: Nomination\ncandidate: jdenton\n...\n",
    fail: "kind: Nomination\ncandidate: jdentn   # did you mean `jdenton`?\n...\n",
};

struct Refs<'a, 'b> {
    out: &'b mut Emitter<'a>,
    /// Whether to look for the nearest known id (`Context::hints`).
    hints: bool,
}

impl Refs<'_, '_> {
    /// Report `id` as an unknown `what` unless it `exists`. The pointer is
    /// only built for a finding: most references resolve.
    fn check<'c>(
        &mut self,
        at: DocRef,
        pointer: impl FnOnce() -> String,
        what: impl FnOnce() -> String,
        id: &str,
        exists: bool,
        candidates: impl IntoIterator<Item = &'c str>,
    ) {
        if exists {
            return;
        }
        if self.out.only_counts(at) {
            self.out.count(at);
            return;
        }
        let what = what();
        let repo = self.out.repo;
        let defs = repo.definitions(&what, id);
        // `level of ladder `engineering``: the id goes after the noun.
        let (noun, within) = match what.split_once(" of ") {
            Some((noun, owner)) => (noun, format!(" of {owner}")),
            None => (what.as_str(), String::new()),
        };
        if !defs.is_empty() {
            let mut r = self.out.at(
                at,
                &pointer(),
                format!(
                    "{noun} `{id}`{within} is defined {} times, so this reference resolves to \
                     none of them",
                    defs.len()
                ),
            );
            for (dat, dptr) in &defs {
                r = r.related(*dat, dptr, format!("`{id}` defined here"));
            }
            r.help("keep one definition of the id (see `ref/duplicate-id`)");
            return;
        }
        let hint = self.hints.then(|| suggest(id, candidates)).flatten();
        let pointer = pointer();
        let r = self
            .out
            .at(at, &pointer, format!("unknown {noun} `{id}`{within}"));
        if let Some(s) = hint {
            let fix = replace_id(repo.file(at), at.doc as usize, &pointer, id, s);
            r.help(format!("did you mean `{s}`?")).fix(fix);
        }
    }
}

fn person() -> String {
    "person".to_owned()
}

impl Rule for Unknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let repo = cx.repo;
        let person_ids = || repo.people.iter().map(|p| p.item.id.as_str());
        let mut refs = Refs {
            out,
            hints: cx.hints,
        };
        let known = |id: &str| repo.person(id).is_some();

        for p in &repo.people {
            let at = p.at;
            if let Some(m) = &p.item.manager {
                refs.check(at, || p.ptr("/manager"), person, m, known(m), person_ids());
            }
            if let Some(l) = &p.item.ladder {
                let ladder = repo.ladder(l);
                refs.check(
                    at,
                    || p.ptr("/ladder"),
                    || "ladder".to_owned(),
                    l,
                    ladder.is_some(),
                    repo.ladders.iter().map(|x| x.item.id.as_str()),
                );
                if let (Some(ladder), Some(lv)) = (ladder, &p.item.level) {
                    let levels = ladder.item.levels.iter().map(|x| x.id.as_str());
                    let ok = ladder.item.levels.iter().any(|x| &x.id == lv);
                    refs.check(
                        at,
                        || p.ptr("/level"),
                        || format!("level of ladder `{l}`"),
                        lv,
                        ok,
                        levels,
                    );
                }
            }
        }

        for l in &repo.ladders {
            let ladder = &l.item;
            for (i, level) in ladder.levels.iter().enumerate() {
                for (j, track) in level.track.ids().iter().enumerate() {
                    let ok = ladder.tracks.iter().any(|t| &t.id == track);
                    refs.check(
                        l.at,
                        || l.ptr(&format!("/levels/{i}{}", level.track.pointer(j))),
                        || format!("track of ladder `{}`", ladder.id),
                        track,
                        ok,
                        ladder.tracks.iter().map(|t| t.id.as_str()),
                    );
                }
                for c in level.expectations.keys() {
                    let ok = ladder.competencies.iter().any(|x| &x.id == c);
                    refs.check(
                        l.at,
                        || l.ptr(&format!("/levels/{i}/expectations/{}", esc(c))),
                        || format!("competency of ladder `{}`", ladder.id),
                        c,
                        ok,
                        ladder.competencies.iter().map(|x| x.id.as_str()),
                    );
                }
            }
        }

        for c in &repo.cycles {
            for (i, b) in c.item.board.iter().enumerate() {
                refs.check(
                    c.at,
                    || c.ptr(&format!("/board/{i}")),
                    person,
                    b,
                    known(b),
                    person_ids(),
                );
            }
        }
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let repo = cx.repo;
        let person_ids = || repo.people.iter().map(|p| p.item.id.as_str());
        let mut refs = Refs {
            out,
            hints: cx.hints,
        };
        let known = |id: &str| repo.person(id).is_some();
        let at = n.at;
        let nom = &n.item;
        let cycle = repo.cycle(&nom.cycle);
        refs.check(
            at,
            || n.ptr("/cycle"),
            || "cycle".to_owned(),
            &nom.cycle,
            cycle.is_some(),
            repo.cycles.iter().map(|c| c.item.id.as_str()),
        );
        refs.check(
            at,
            || n.ptr("/candidate"),
            person,
            &nom.candidate,
            known(&nom.candidate),
            person_ids(),
        );
        for (ptr, id) in [
            ("/nominated_by", &nom.nominated_by),
            ("/mentor", &nom.mentor),
        ] {
            if let Some(id) = id {
                refs.check(at, || n.ptr(ptr), person, id, known(id), person_ids());
            }
        }
        let ladder = repo.ladder(&nom.ladder);
        refs.check(
            at,
            || n.ptr("/ladder"),
            || "ladder".to_owned(),
            &nom.ladder,
            ladder.is_some(),
            repo.ladders.iter().map(|x| x.item.id.as_str()),
        );
        if let Some(ladder) = ladder {
            for (ptr, lv) in [
                ("/from_level", &nom.from_level),
                ("/to_level", &nom.to_level),
            ] {
                let ok = ladder.item.levels.iter().any(|x| x.id == *lv);
                refs.check(
                    at,
                    || n.ptr(ptr),
                    || format!("level of ladder `{}`", nom.ladder),
                    lv,
                    ok,
                    ladder.item.levels.iter().map(|x| x.id.as_str()),
                );
            }
            for (i, e) in nom.evidence.iter().enumerate() {
                let ok = ladder
                    .item
                    .competencies
                    .iter()
                    .any(|c| c.id == e.competency);
                refs.check(
                    at,
                    || n.ptr(&format!("/evidence/{i}/competency")),
                    || format!("competency of ladder `{}`", nom.ladder),
                    &e.competency,
                    ok,
                    ladder.item.competencies.iter().map(|c| c.id.as_str()),
                );
            }
        }
        for (i, e) in nom.endorsements.iter().enumerate() {
            refs.check(
                at,
                || n.ptr(&format!("/endorsements/{i}/by")),
                person,
                &e.by,
                known(&e.by),
                person_ids(),
            );
        }
        if let Some(review) = &nom.review {
            for (i, r) in review.reviewers.iter().enumerate() {
                refs.check(
                    at,
                    || n.ptr(&format!("/review/reviewers/{i}")),
                    person,
                    r,
                    known(r),
                    person_ids(),
                );
            }
            for v in review.votes.keys() {
                refs.check(
                    at,
                    || n.ptr(&format!("/review/votes/{}", esc(v))),
                    person,
                    v,
                    known(v),
                    person_ids(),
                );
            }
        }
        if let Some(cycle) = cycle {
            for q in nom.answers.keys() {
                if cycle.item.questions.iter().any(|x| x.id == *q) {
                    continue;
                }
                if refs.out.only_counts(at) {
                    refs.out.count(at);
                    continue;
                }
                let questions = cycle.item.questions.iter().map(|x| x.id.as_str());
                let hint = refs.hints.then(|| suggest(q, questions)).flatten();
                let pointer = n.ptr(&format!("/answers/{}", esc(q)));
                let r = refs.out.at_key(
                    at,
                    &pointer,
                    format!("unknown question `{q}` of cycle `{}`", cycle.item.id),
                );
                if let Some(s) = hint {
                    let fix = replace_id(repo.file(at), at.doc as usize, &pointer, q, s);
                    r.help(format!("did you mean `{s}`?")).fix(fix);
                }
            }
        }
    }
}
