//! `fairness/` rules: cohort analyses of each cycle (see `crate::fairness`).

pub mod adverse_impact;
pub mod nomination_rate;

use super::{Context, Emitter, Rule};
use crate::fairness::stats::Correction;
use crate::fairness::{Analysis, CycleAnalysis, GroupRow, Status};

/// Every `fairness/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(adverse_impact::AdverseImpact),
        Box::new(nomination_rate::NominationRate),
    ]
}

/// What a `fairness/` rule measures, in its findings' words.
pub struct Measure {
    /// The analyses of a cycle it reports on.
    pub analyses: fn(&CycleAnalysis) -> &[Analysis],
    /// Whether a cycle with no nomination is left out.
    pub needs_nominations: bool,
    /// The rate, for a withheld table (`approval rate`).
    pub rate: &'static str,
    /// What is counted (`decided nominations approved`).
    pub unit: &'static str,
    /// One selection (`approval`).
    pub selection: &'static str,
}

/// Reports, cycle by cycle, each table of the shared analyses with
/// withheld flags and each flagged group.
pub fn check_cycles(cx: &Context, out: &mut Emitter, m: &Measure) {
    let analyses = cx
        .repo
        .cycles
        .iter()
        .zip(cx.analyses)
        .filter(|(_, a)| !m.needs_nominations || a.nominations > 0)
        .map(|(c, a)| (c, (m.analyses)(a)));
    for (c, analyses) in analyses {
        for a in analyses {
            if a.withheld_flags > 0 {
                out.at(
                    c.at,
                    &c.ptr("/id"),
                    withheld_text(&c.item.id, a, cx.fairness.min_group_size, m.rate),
                );
            }
            for g in a.flagged() {
                let (message, help) = flag_text(&c.item.id, a, g, cx, m.unit, m.selection);
                out.at(c.at, &c.ptr("/id"), message).help(help);
            }
        }
    }
}

/// `0.4` as `40.0%`.
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// A p-value as a report shows it.
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

/// The finding's message and help for a flagged group `g` of analysis `a`
/// in cycle `cycle`; `unit` names what is counted (`decided nominations
/// approved`), `selection` one selection (`approval`).
pub fn flag_text(
    cycle: &str,
    a: &Analysis,
    g: &GroupRow,
    cx: &crate::rules::Context,
    unit: &str,
    selection: &str,
) -> (String, String) {
    let top = reference(a);
    let f = cx.fairness;
    let ratio = g.ratio_value.unwrap_or(0.0);
    let p = g.p_value.unwrap_or(1.0);
    let adjusted = match (a.correction, g.p_adjusted) {
        (Correction::None, _) | (_, None) => String::new(),
        (c, Some(q)) => format!(
            ", {} after {} correction for {} tests",
            p_text(q),
            c.name(),
            a.tests
        ),
    };
    let against = top.map_or(String::new(), |t| {
        format!(
            "{} the rate of the reference `{}` ({} of {}, {})",
            crate::human::times(ratio),
            t.group,
            t.selected,
            t.n,
            percent(t.rate)
        )
    });
    let what = match g.status {
        Status::SignificantDisparity => format!(
            "at or above the threshold of {} but significantly lower (Fisher's exact test \
             against the reference, {}{adjusted}, below the significance level {}): a \
             significant disparity",
            f.ratio_threshold,
            p_text(p),
            f.significance
        ),
        _ => format!(
            "below the threshold of {} and significant (Fisher's exact test against the \
             reference, {}{adjusted}, below the significance level {}): adverse impact",
            f.ratio_threshold,
            p_text(p),
            f.significance
        ),
    };
    let message = format!(
        "cycle `{cycle}`: {} `{}` had {} of {} {unit} ({}), {against}, {what}",
        a.attribute,
        g.group,
        g.selected,
        g.n,
        percent(g.rate),
    );
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    // What the overall rate would have given the group, against what it had.
    let expected = g.shortfall_to_overall + g.selected as f64;
    let overall = match g.shortfall_to_overall > 0.0 {
        true => format!(
            "shortfall to the overall rate: {:.1} {selection}s ({expected:.1} expected at \
             the overall rate of {}, {} actual)",
            g.shortfall_to_overall,
            percent(a.overall_rate),
            g.selected,
        ),
        false => format!(
            "no shortfall to the overall rate of {} ({expected:.1} expected, {} actual)",
            percent(a.overall_rate),
            g.selected,
        ),
    };
    let mut help = format!(
        "shortfall to the threshold: {} more {selection}{} in `{}` would reach {} of the \
         reference rate; {overall}",
        g.shortfall_to_threshold,
        plural(g.shortfall_to_threshold),
        g.group,
        f.ratio_threshold,
    );
    if let Some(note) = &a.suppression_note {
        help.push_str(&format!(" ({note})"));
    }
    (message, help)
}

/// The message for a withheld table that hides flagged groups.
pub fn withheld_text(cycle: &str, a: &Analysis, min: u64, what: &str) -> String {
    format!(
        "cycle `{cycle}`: {} {} by {} flagged, in a table withheld so that no group of fewer \
         than {min} people can be worked out; the numbers cannot be shown",
        a.withheld_flags,
        if a.withheld_flags == 1 {
            "group's "
        } else {
            "groups' "
        }
        .to_owned()
            + what,
        a.attribute,
    )
}

/// The reference (highest-rate) row of an analysis.
pub fn reference(a: &Analysis) -> Option<&GroupRow> {
    a.groups.iter().find(|g| g.reference)
}
