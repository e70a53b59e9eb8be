//! `nomination/evidence-coverage`: the evidence speaks to every competency.

use crate::finding::Severity;
use crate::model::{Competency, Nomination};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct EvidenceCoverage;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/evidence-coverage"),
    severity: Severity::Warning,
    summary: "the evidence cites every competency of the ladder that applies to the target \
              level (`min_coverage`)",
    rationale: "A level is defined by its expectations in every competency. A nomination \
                with evidence for some of them invites a decision on impressions for the rest; \
                evidence for each one lets the board decide on merit, and tells a declined \
                candidate exactly which gap to close. (Evidence citing a competency the ladder \
                does not have is reported by `ref/unknown`.) A competency scoped with `applies_to` \
                counts only when it applies to the nomination's `to_level`.",
    options: &[OptionMeta {
        name: "min_coverage",
        kind: OptionKind::Number { min: 0.0, max: 1.0 },
        default: "1.0",
        looser: Looser::Lower,
        doc: "share of the ladder's competencies the evidence must cite, from 0 to 1",
    }],
    pass: "# ladder competencies: technical, impact, communication, influence\nevidence:\n  \
           - { competency: technical, ... }\n  - { competency: impact, ... }\n  \
           - { competency: communication, ... }\n  - { competency: influence, ... }\n",
    fail: "evidence:   # no evidence for `communication` or `influence`\n  \
           - { competency: technical, ... }\n  - { competency: impact, ... }\n",
};

impl Rule for EvidenceCoverage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let Some(ladder) = cx.repo.ladder(&nom.ladder) else {
            return;
        };
        // The competencies that apply to the target level (all of them when
        // the level is unknown, which `ref/unknown` reports).
        let target = ladder.item.levels.iter().find(|l| l.id == nom.to_level);
        let all: Vec<(usize, &Competency)> = ladder
            .item
            .competencies
            .iter()
            .enumerate()
            .filter(|(_, c)| target.is_none_or(|t| c.applies_to(t)))
            .collect();
        if all.is_empty() {
            return;
        }
        let cited = |id: &str| nom.evidence.iter().any(|e| e.competency == id);
        let missing: Vec<(usize, &str)> = all
            .iter()
            .filter(|(_, c)| !cited(&c.id))
            .map(|(i, c)| (*i, c.id.as_str()))
            .collect();
        let covered = all.len() - missing.len();
        let share = covered as f64 / all.len() as f64;
        let min = cx.options(META.id).number("min_coverage");
        if share + 1e-9 >= min || missing.is_empty() {
            return;
        }
        let names: Vec<String> = missing.iter().map(|(_, c)| format!("`{c}`")).collect();
        let required = if min >= 1.0 {
            "every competency needs evidence".to_owned()
        } else {
            format!("at least {:.0}% needed", min * 100.0)
        };
        let mut r = out.at(
            n.at,
            &n.ptr("/evidence"),
            format!(
                "evidence covers {covered} of the {} competencies {} ({required}); none cites {}",
                all.len(),
                match target {
                    Some(t) if all.len() < ladder.item.competencies.len() =>
                        format!("of ladder `{}` that apply to `{}`", ladder.item.id, t.id),
                    _ => format!("of ladder `{}`", ladder.item.id),
                },
                super::or_list(&names)
            ),
        );
        for (i, c) in &missing {
            r = r.related(
                ladder.at,
                &ladder.ptr(&format!("/competencies/{i}")),
                format!("competency `{c}`"),
            );
        }
        r.help(format!(
            "add evidence for {} against the target level's expectations",
            super::and_list(&names)
        ));
    }
}
