//! `ladder/band-parity`: at equal rank, the non-managing band's midpoint is
//! at least the managing band's (within a tolerance).

use super::common::level_ptr;
use crate::finding::Severity;
use crate::human::amount;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct BandParity;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/band-parity"),
    severity: Severity::Warning,
    summary: "at equal rank, the non-managing band's midpoint is at least the managing band's \
              (within `tolerance`)",
    rationale: "Equal pay for equal seniority: a dual-track ladder is only a real choice if \
                staying an individual contributor does not cost money. A managing band that pays \
                more at the same rank pushes people into management for the wrong reason. Whether \
                a level manages people is its own `manages_people`, else its track's (a level \
                shared by several tracks manages people only when all of them do).",
    options: &[OptionMeta {
        name: "tolerance",
        kind: OptionKind::Number { min: 0.0, max: 1.0 },
        default: "0.05",
        looser: Looser::Higher,
        doc: "how far, as a fraction, the non-managing midpoint may fall below the managing \
              one (0.05: up to 5% below)",
    }],
    pass:
        "levels:\n  - { id: E6, track: ic, rank: 6, band: { min: 180000, max: 230000 }, ... }\n  \
           - { id: M6, track: management, rank: 6, band: { min: 180000, max: 240000 }, ... }\n",
    fail: "levels:\n  - { id: E6, track: ic, rank: 6, band: { min: 170000, max: 210000 }, ... }   \
           # midpoint 190000\n  \
           - { id: M6, track: management, rank: 6, band: { min: 180000, max: 240000 }, ... }   \
           # midpoint 210000\n",
};

impl Rule for BandParity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let ladder = &l.item;
        let tolerance = cx.options(META.id).number("tolerance");
        for pair in ladder.band_parity(tolerance) {
            if !pair.flagged {
                continue;
            }
            let (i, m) = (pair.level, pair.managing);
            let (ic, mgr) = (&ladder.levels[i], &ladder.levels[m]);
            let (Some(ic_band), Some(mgr_band)) = (ic.band, mgr.band) else {
                continue;
            };
            let (ours, theirs) = (pair.midpoint, pair.managing_midpoint);
            let gap = percent((theirs - ours) / theirs * 100.0, tolerance * 100.0);
            out.at(
                l.at,
                &level_ptr(l, i, "/band"),
                format!(
                    "the band midpoint of `{}` is {}, {gap}% below the {} of `{}`, the \
                         people-managing level of the same rank {}; the tolerance is {}%",
                    ic.id,
                    amount(ours),
                    amount(theirs),
                    mgr.id,
                    mgr.rank,
                    amount(tolerance * 100.0)
                ),
            )
            .related(
                l.at,
                &level_ptr(l, m, "/band"),
                format!(
                    "the band of `{}` ({} to {})",
                    mgr.id,
                    amount(mgr_band.min),
                    amount(mgr_band.max)
                ),
            )
            .help(format!(
                "raise the band of `{}` (now {} to {}) so that its midpoint is at least {}",
                ic.id,
                amount(ic_band.min),
                amount(ic_band.max),
                amount((theirs * (1.0 - tolerance)).ceil())
            ));
        }
    }
}

/// `gap` in percent with one decimal, or more when one decimal would round
/// it to the `limit` it exceeds ("5.0% below; at most 5%").
fn percent(gap: f64, limit: f64) -> String {
    (1..=4)
        .map(|d| format!("{gap:.d$}"))
        .find(|s| s.parse::<f64>().is_ok_and(|x| x > limit))
        .unwrap_or_else(|| format!("{gap:.4}"))
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_never_rounds_onto_the_limit() {
        assert_eq!(percent(7.317, 5.0), "7.3");
        assert_eq!(percent(5.04, 5.0), "5.04");
        assert_eq!(percent(5.0004, 5.0), "5.0004");
    }
}
