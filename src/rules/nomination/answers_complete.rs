//! `nomination/answers-complete`: every question of the cycle is answered.

use crate::finding::Severity;
use crate::load::pointer::escape as esc;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct AnswersComplete;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/answers-complete"),
    severity: Severity::Error,
    summary: "every question of the cycle has a non-empty answer",
    rationale: "Every candidate answers the same questions, so that the board compares like \
                with like. A nomination with a missing answer is judged on less, or on what \
                the reviewers happen to know about the candidate.",
    options: &[],
    pass: "# cycle questions: accomplishments, influence\nanswers:\n  \
           accomplishments: Redesigned the tenant networking layer ...\n  \
           influence: My design review checklist is now used by ...\n",
    fail: "answers:\n  accomplishments: Redesigned the tenant networking layer ...\n  \
           influence: \"\"   # empty\n",
};

impl Rule for AnswersComplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let Some(cycle) = cx.repo.cycle(&nom.cycle) else {
            return;
        };
        for (i, q) in cycle.item.questions.iter().enumerate() {
            let question = cycle.ptr(&format!("/questions/{i}/text"));
            match nom.answers.get(&q.id) {
                None => {
                    out.at(
                        n.at,
                        &n.ptr("/answers"),
                        format!(
                            "no answer to question `{}` of cycle `{}`",
                            q.id, cycle.item.id
                        ),
                    )
                    .related(cycle.at, &question, format!("question `{}`", q.id))
                    .help(format!("add `{}:` with the candidate's answer", q.id));
                }
                Some(answer) if answer.blank => {
                    out.at(
                        n.at,
                        &n.ptr(&format!("/answers/{}", esc(&q.id))),
                        format!("the answer to question `{}` is empty", q.id),
                    )
                    .related(
                        cycle.at,
                        &question,
                        format!("question `{}`", q.id),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
