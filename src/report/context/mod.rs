//! The report's context: everything a template receives, and exactly what
//! `--format json` prints. Its shape is documented in the README
//! ("Report JSON"); change both together and bump `SCHEMA_VERSION` when
//! a field is removed or changes meaning.
//!
//! One file per section of the context: `cycle` (the cycle and the
//! settings), `summary` (counts and outcomes), `nominations` (the
//! per-nomination, late and overdue lists), `reviewers`, `problems`,
//! `fairness`, `ladders` (grids, parity, wording), and `withheld` (what the
//! per-person lists leave out and why). This file holds the top-level
//! shape and puts the sections together.

use crate::config::Config;
use crate::fairness::{self, GroupsFile};
use crate::finding::Finding;
use crate::model::{Cycle, Nomination};
use crate::repo::{Entry, Repo};
use serde::Serialize;

mod cycle;
mod fairness_section;
mod ladders;
mod nominations;
mod problems;
mod reviewers;
mod summary;
mod withheld;

pub use cycle::{CycleInfo, Settings};
pub use fairness_section::FairnessSection;
pub use ladders::{axis, BandInfo, Cell, LadderGrid, Parity, RankRow, TrackInfo, WordingBalance};
pub use nominations::{LateRow, NominationRow, OverdueRow, Votes};
pub use problems::Problem;
pub use reviewers::ReviewerRow;
pub use summary::{OutcomeCount, Summary, OUTCOMES};

pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Serialize)]
pub struct ReportContext {
    pub schema_version: u32,
    pub tool: Tool,
    /// The date the report treats as today (`YYYY-MM-DD`).
    pub today: String,
    /// Where the files were read: `working tree`, or `revision <rev>`.
    pub source: String,
    pub cycle: CycleInfo,
    pub settings: Settings,
    pub summary: Summary,
    pub outcomes: Vec<OutcomeCount>,
    pub nominations: Vec<NominationRow>,
    /// Why per-person lists are left out or trimmed, when they are: with
    /// `--groups`, the lists that show outcomes per person (`nominations`,
    /// `overdue`, `problems`); without it, the columns of `nominations` that show an
    /// attribute with hidden groups (`channel` and `nominated_by` for
    /// `channel`, the levels for `track`).
    pub withheld: Vec<String>,
    pub late: Vec<LateRow>,
    pub overdue: Vec<OverdueRow>,
    pub reviewer_load: Vec<ReviewerRow>,
    pub problems: Vec<Problem>,
    pub fairness: FairnessSection,
    /// Each group's rates cycle by cycle and the evidence pooled over the
    /// cycles, with `--cycles A..B` or `--last N` (else `null`).
    pub trend: Option<fairness::trend::Trend>,
    pub ladders: Vec<LadderGrid>,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PersonRef {
    pub id: String,
    /// The name in People, or the id when the person is unknown.
    pub name: String,
}

/// Inputs of a report.
pub struct Inputs<'a> {
    pub repo: &'a Repo,
    pub config: &'a Config,
    pub cycle: &'a Entry<Cycle>,
    pub findings: &'a [Finding],
    pub groups: Option<&'a GroupsFile>,
    pub today: &'a str,
    pub source: String,
    /// The fairness trend over several cycles (`--cycles`, `--last`).
    pub trend: Option<fairness::trend::Trend>,
}

pub fn build(i: &Inputs) -> ReportContext {
    let repo = i.repo;
    let cycle = &i.cycle.item;
    let mut noms: Vec<&Entry<Nomination>> = repo
        .nominations
        .iter()
        .map(|n| &**n)
        .filter(|n| n.item.cycle == cycle.id)
        .collect();
    noms.sort_by(|a, b| a.item.id.cmp(&b.item.id));
    let grouping = fairness::Grouping::new(repo, cycle, i.groups);

    let nominations::Lists {
        mut rows,
        late,
        mut overdue,
    } = nominations::lists(repo, cycle, &noms, &grouping, i.today);
    let outcomes = summary::outcomes(&rows);
    let mut problems = problems::problems(repo, i.findings, &noms, i.cycle.at);
    let problem_count = problems.len();
    nominations::count_problems(&mut rows, &problems);
    let nominations_count = rows.len();
    // Counted before a report with --groups leaves the list out: the count
    // is no one's outcome.
    let overdue_count = overdue.len();

    let analysis = fairness::analyse_cycle(repo, cycle, &i.config.fairness, i.groups);
    let flagged_groups = fairness_section::flagged_groups(&analysis.approval, &analysis.nomination);
    let withheld = withheld::withhold(
        i.groups.is_some(),
        &analysis.approval,
        &analysis.nomination,
        withheld::PerPerson {
            rows: &mut rows,
            overdue: &mut overdue,
            problems: &mut problems,
        },
    );
    let tolerance = ladders::parity_tolerance(i.config);
    let summary = summary::summary(
        &outcomes,
        summary::Tallies {
            nominations: nominations_count,
            late: late.len(),
            overdue: overdue_count,
            problems: problem_count,
            flagged_groups,
        },
        i.findings,
    );

    ReportContext {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "ladderlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        today: i.today.to_owned(),
        source: i.source.clone(),
        cycle: cycle::cycle_info(i),
        settings: cycle::settings(i, tolerance),
        summary,
        outcomes,
        reviewer_load: reviewers::reviewer_load(repo, cycle, &noms),
        nominations: rows,
        withheld,
        late,
        overdue,
        problems,
        fairness: fairness_section::section(i, analysis),
        trend: i.trend.clone(),
        ladders: repo
            .ladders
            .iter()
            .map(|l| ladders::ladder_grid(repo, l, tolerance))
            .collect(),
    }
}

pub(super) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub(super) fn person_ref(repo: &Repo, id: &str) -> PersonRef {
    PersonRef {
        id: id.to_owned(),
        name: repo
            .person(id)
            .map(|p| p.item.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_owned()),
    }
}
