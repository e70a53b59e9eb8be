//! The report's context: everything a template receives, and exactly what
//! `--format json` prints. Its shape is documented in the README
//! ("Report JSON"); change both together and bump `SCHEMA_VERSION` when
//! a field is removed or changes meaning.

use crate::config::Config;
use crate::fairness::{self, Analysis, GroupsFile};
use crate::finding::{Finding, Severity};
use crate::model::{Cycle, Ladder, Nomination};
use crate::repo::{DocRef, Entry, Repo};
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 2;

/// The outcomes, in the order reports list them.
pub const OUTCOMES: [&str; 5] = ["approved", "declined", "deferred", "withdrawn", "pending"];

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

#[derive(Debug, Serialize)]
pub struct CycleInfo {
    pub id: String,
    pub title: Option<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub decide_by: Option<String>,
    pub board: Vec<PersonRef>,
    pub quorum: Option<u32>,
    pub file: String,
}

#[derive(Debug, Serialize)]
pub struct Settings {
    pub attributes: Vec<String>,
    pub min_group_size: u64,
    pub ratio_threshold: f64,
    pub significance: f64,
    /// `none`, `holm` or `bh`: how p-values are adjusted for the number of
    /// tests of each attribute.
    pub correction: fairness::stats::Correction,
    /// Months at a level before someone is eligible (none: no minimum).
    pub min_time_in_level: Option<u32>,
    /// `ladder/band-parity`'s tolerance, used for the ladder grids.
    pub parity_tolerance: f64,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub nominations: usize,
    /// Approved, declined or deferred.
    pub decided: usize,
    pub approved: usize,
    /// `approved / decided` (0 when nothing is decided).
    pub approval_rate: f64,
    pub pending: usize,
    pub late: usize,
    pub overdue: usize,
    /// Findings of `nomination/` rules on this cycle's nominations.
    pub problems: usize,
    /// Error and warning findings anywhere in the repository.
    pub repository_errors: usize,
    pub repository_warnings: usize,
    /// Fairness groups flagged (`adverse-impact` or
    /// `significant-disparity`, approval and nomination), including flagged
    /// groups of withheld tables.
    pub flagged_groups: usize,
}

#[derive(Debug, Serialize)]
pub struct OutcomeCount {
    pub outcome: &'static str,
    pub count: usize,
    /// `count / nominations`.
    pub share: f64,
}

#[derive(Debug, Serialize)]
pub struct NominationRow {
    pub id: String,
    pub candidate: PersonRef,
    pub ladder: String,
    /// Absent when `track` has hidden groups (the levels give the track).
    pub from_level: Option<String>,
    pub to_level: Option<String>,
    /// Absent when `channel` has hidden groups.
    pub nominated_by: Option<PersonRef>,
    /// `self`, `manager` or `other`; absent when `channel` has hidden
    /// groups.
    pub channel: Option<String>,
    pub submitted: Option<String>,
    pub outcome: String,
    pub decision_date: Option<String>,
    pub votes: Votes,
    pub late: bool,
    pub overdue: bool,
    /// Findings in this nomination (see `problems`).
    pub problems: usize,
    pub file: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Votes {
    pub approve: usize,
    pub decline: usize,
    pub abstain: usize,
}

#[derive(Debug, Serialize)]
pub struct LateRow {
    pub id: String,
    pub candidate: PersonRef,
    pub submitted: String,
    pub days_late: i64,
}

#[derive(Debug, Serialize)]
pub struct OverdueRow {
    pub id: String,
    pub candidate: PersonRef,
    pub outcome: String,
    /// The decision date, when decided late.
    pub decision_date: Option<String>,
    pub days_overdue: i64,
    /// `pending past decide_by` or `decided after decide_by`.
    pub reason: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ReviewerRow {
    pub reviewer: PersonRef,
    pub on_board: bool,
    /// Nominations listing them as a reviewer.
    pub assigned: usize,
    pub voted: usize,
    pub approve: usize,
    pub decline: usize,
    pub abstain: usize,
    /// Assigned nominations still without their vote.
    pub awaiting_vote: usize,
}

#[derive(Debug, Serialize)]
pub struct Problem {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The nomination's id, when the finding is in a nomination.
    pub nomination: Option<String>,
    /// Its candidate, when the finding is in a nomination.
    pub candidate: Option<PersonRef>,
}

#[derive(Debug, Serialize)]
pub struct FairnessSection {
    /// Approval rates: approved among decided nominations, per attribute.
    pub approval: Vec<Analysis>,
    /// Nomination rates: nominated among eligible people, per attribute.
    pub nomination: Vec<Analysis>,
    /// Eligible people.
    pub eligible: u64,
    /// Who was eligible as of the cycle, who was not and why.
    pub eligibility: fairness::eligible::Summary,
    /// Approval, each shown group against the reference, crude and
    /// stratified by target level.
    pub by_level: Vec<fairness::ByLevel>,
    /// Attributes from `--groups FILE` (none without it).
    pub groups_file_attributes: Vec<String>,
    /// People in the groups file who are not in People (ignored).
    pub groups_file_unknown_people: usize,
    /// Their ids, sorted.
    pub groups_file_unknown_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LadderGrid {
    pub id: String,
    pub title: Option<String>,
    pub currency: Option<String>,
    pub tracks: Vec<TrackInfo>,
    /// One row per rank, highest first; `cells` line up with `tracks`.
    pub rows: Vec<RankRow>,
    /// Lowest band minimum and highest band maximum, for chart scales.
    pub band_floor: f64,
    pub band_ceiling: f64,
    /// The band chart's axis: from `axis_min` to `axis_max`, labelled at
    /// `axis_ticks` (round amounts).
    pub axis_min: f64,
    pub axis_max: f64,
    pub axis_ticks: Vec<f64>,
    /// Pairs of equal rank whose non-managing midpoint is below the
    /// managing one by more than the tolerance.
    pub parity_gaps: usize,
    /// Gender-coded wording over all expectation texts (built-in word lists).
    pub wording: WordingBalance,
}

/// The ladder's overall balance of gender-coded words, as
/// `ladder/gendered-language` scores each text (Gaucher, Friesen & Kay 2011):
/// coded words summed over every expectation text, each stem once per text.
#[derive(Debug, Serialize)]
pub struct WordingBalance {
    pub masculine: usize,
    pub feminine: usize,
    /// Feminine minus masculine.
    pub score: i64,
    /// The distinct stems found, sorted.
    pub masculine_stems: Vec<String>,
    pub feminine_stems: Vec<String>,
}

fn wording_balance(ladder: &Ladder) -> WordingBalance {
    use crate::rules::wording::gendered_language::{builtin, coded, Gender};
    let stems = builtin();
    let mut b = WordingBalance {
        masculine: 0,
        feminine: 0,
        score: 0,
        masculine_stems: Vec::new(),
        feminine_stems: Vec::new(),
    };
    for text in ladder.levels.iter().flat_map(|l| l.expectations.values()) {
        for c in coded(text, stems) {
            let (count, list) = match c.stem.gender {
                Gender::Masculine => (&mut b.masculine, &mut b.masculine_stems),
                Gender::Feminine => (&mut b.feminine, &mut b.feminine_stems),
            };
            *count += 1;
            list.push(c.stem.stem.clone());
        }
    }
    for list in [&mut b.masculine_stems, &mut b.feminine_stems] {
        list.sort();
        list.dedup();
    }
    b.score = b.feminine as i64 - b.masculine as i64;
    b
}

#[derive(Debug, Serialize)]
pub struct TrackInfo {
    pub id: String,
    pub title: String,
    pub manages_people: bool,
}

#[derive(Debug, Serialize)]
pub struct RankRow {
    pub rank: i64,
    pub cells: Vec<Option<Cell>>,
    pub parity: Vec<Parity>,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub id: String,
    pub title: String,
    pub band: Option<BandInfo>,
    /// People at this level in People.
    pub people: usize,
}

#[derive(Debug, Serialize)]
pub struct BandInfo {
    pub min: f64,
    pub max: f64,
    pub midpoint: f64,
}

#[derive(Debug, Serialize)]
pub struct Parity {
    /// The non-managing level and the managing level compared.
    pub level: String,
    pub managing_level: String,
    pub midpoint: f64,
    pub managing_midpoint: f64,
    /// `(midpoint - managing_midpoint) / managing_midpoint`: negative when
    /// the non-managing level pays less.
    pub gap: f64,
    /// Below by more than the tolerance.
    pub flagged: bool,
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
    let noms: Vec<&Entry<Nomination>> = repo
        .nominations
        .iter()
        .map(|n| &**n)
        .filter(|n| n.item.cycle == cycle.id)
        .collect();
    let mut noms = noms;
    noms.sort_by(|a, b| a.item.id.cmp(&b.item.id));
    let grouping = fairness::Grouping::new(repo, cycle, i.groups);

    let mut rows = Vec::new();
    let mut late = Vec::new();
    let mut overdue = Vec::new();
    for n in &noms {
        let item = &n.item;
        let outcome = item.outcome().to_owned();
        let decision_date = item.decision.as_ref().and_then(|d| d.date.clone());
        let days_late = item.submitted_late(cycle).map(|l| l.days);
        if let (Some(d), Some(s)) = (days_late, &item.submitted) {
            late.push(LateRow {
                id: item.id.clone(),
                candidate: person_ref(repo, &item.candidate),
                submitted: s.clone(),
                days_late: d,
            });
        }
        let over = overdue_row(item, cycle, i.today, repo);
        let is_overdue = over.is_some();
        overdue.extend(over);
        let mut votes = Votes::default();
        for v in item.review.iter().flat_map(|r| r.votes.values()) {
            match v.as_str() {
                "approve" => votes.approve += 1,
                "decline" => votes.decline += 1,
                "abstain" => votes.abstain += 1,
                _ => {}
            }
        }
        rows.push(NominationRow {
            id: item.id.clone(),
            candidate: person_ref(repo, &item.candidate),
            ladder: item.ladder.clone(),
            from_level: Some(item.from_level.clone()),
            to_level: Some(item.to_level.clone()),
            nominated_by: item.nominated_by.as_deref().map(|p| person_ref(repo, p)),
            channel: Some(grouping.channel(item).to_owned()),
            submitted: item.submitted.clone(),
            outcome,
            decision_date,
            votes,
            late: days_late.is_some(),
            overdue: is_overdue,
            problems: 0,
            file: repo.file(n.at).path.clone(),
        });
    }

    let outcomes: Vec<OutcomeCount> = OUTCOMES
        .iter()
        .map(|o| {
            let count = rows.iter().filter(|r| r.outcome == *o).count();
            OutcomeCount {
                outcome: o,
                count,
                share: ratio(count, rows.len()),
            }
        })
        .collect();
    let count = |o: &str| {
        outcomes
            .iter()
            .find(|c| c.outcome == o)
            .map_or(0, |c| c.count)
    };
    let decided = count("approved") + count("declined") + count("deferred");

    let mut problems = problems(repo, i.findings, &noms, i.cycle.at);
    let problem_count = problems.len();
    for r in &mut rows {
        r.problems = problems
            .iter()
            .filter(|p| p.nomination.as_deref() == Some(r.id.as_str()))
            .count();
    }
    let nominations_count = rows.len();
    let analysis = fairness::analyse_cycle(repo, cycle, &i.config.fairness, i.groups);
    let (approval, nomination) = (analysis.approval, analysis.nomination);
    let flagged_groups = approval
        .iter()
        .chain(&nomination)
        .map(|a| a.flagged().count() + a.withheld_flags)
        .sum();
    let eligible = analysis.eligible.count;
    // No per-person outcome beside an attribute whose groups are hidden.
    let mut withheld = Vec::new();
    if i.groups.is_some() {
        withheld.push(
            "the per-nomination list, the overdue decisions and the problems found in \
             nominations are left out of a report with --groups: outcomes per person beside \
             sensitive group tables could expose a group; build the report without --groups \
             for them"
                .to_owned(),
        );
        rows.clear();
        overdue.clear();
        problems.clear();
    }
    if i.groups.is_some() {
        // Nor a candidate's name beside their nomination's problems.
        for p in &mut problems {
            p.candidate = None;
        }
    }
    let hides = |attr: &str| {
        approval
            .iter()
            .chain(&nomination)
            .any(|a| a.attribute == attr && !a.hidden.is_empty())
    };
    if !rows.is_empty() && hides("channel") {
        withheld.push(
            "the nomination channel and who nominated are left out of the per-nomination list: \
             the channel has groups too small to show"
                .to_owned(),
        );
        for r in &mut rows {
            r.channel = None;
            r.nominated_by = None;
        }
    }
    if !rows.is_empty() && hides("track") {
        withheld.push(
            "the levels are left out of the per-nomination list: they give the track, which \
             has groups too small to show"
                .to_owned(),
        );
        for r in &mut rows {
            r.from_level = None;
            r.to_level = None;
        }
    }
    let tolerance = i
        .config
        .options
        .get(&crate::rules::ladder::band_parity::META.id)
        .and_then(|o| o.0.get("tolerance"))
        .and_then(|v| v.as_f64())
        .unwrap_or(0.05);
    let ladders: Vec<LadderGrid> = repo
        .ladders
        .iter()
        .map(|l| ladder_grid(repo, l, tolerance))
        .collect();

    let mut unknown_in_groups: Vec<String> = i.groups.map_or(Vec::new(), |g| {
        g.people()
            .filter(|p| repo.person(p).is_none())
            .map(str::to_owned)
            .collect()
    });
    unknown_in_groups.sort();
    unknown_in_groups.dedup();

    ReportContext {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "ladderlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        today: i.today.to_owned(),
        source: i.source.clone(),
        cycle: CycleInfo {
            id: cycle.id.clone(),
            title: doc_str(repo, i.cycle.at, "title"),
            opens: cycle.opens.clone(),
            closes: cycle.closes.clone(),
            decide_by: cycle.decide_by.clone(),
            board: cycle.board.iter().map(|p| person_ref(repo, p)).collect(),
            quorum: cycle.quorum,
            file: repo.file(i.cycle.at).path.clone(),
        },
        settings: Settings {
            attributes: fairness::attributes(&i.config.fairness, i.groups),
            min_group_size: i.config.fairness.min_group_size,
            ratio_threshold: i.config.fairness.ratio_threshold,
            significance: i.config.fairness.significance,
            correction: i.config.fairness.correction,
            min_time_in_level: i.config.fairness.min_time_in_level,
            parity_tolerance: tolerance,
        },
        summary: Summary {
            nominations: nominations_count,
            decided,
            approved: count("approved"),
            approval_rate: ratio(count("approved"), decided),
            pending: count("pending"),
            late: late.len(),
            overdue: overdue.len(),
            problems: problem_count,
            repository_errors: i
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            repository_warnings: i
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            flagged_groups,
        },
        outcomes,
        reviewer_load: reviewer_load(repo, cycle, &noms),
        nominations: rows,
        withheld,
        late,
        overdue,
        problems,
        fairness: FairnessSection {
            approval,
            nomination,
            eligible,
            eligibility: analysis.eligible,
            by_level: analysis.by_level,
            groups_file_attributes: i.groups.map_or(Vec::new(), |g| g.attributes().to_vec()),
            groups_file_unknown_people: unknown_in_groups.len(),
            groups_file_unknown_ids: unknown_in_groups,
        },
        trend: i.trend.clone(),
        ladders,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn person_ref(repo: &Repo, id: &str) -> PersonRef {
    PersonRef {
        id: id.to_owned(),
        name: repo
            .person(id)
            .map(|p| p.item.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_owned()),
    }
}

/// A top-level string of a document that the typed model does not keep.
fn doc_str(repo: &Repo, at: DocRef, key: &str) -> Option<String> {
    repo.file(at)
        .documents()
        .get(at.doc as usize)?
        .root
        .get(key)?
        .as_str()
        .map(str::to_owned)
}

fn overdue_row(n: &Nomination, cycle: &Cycle, today: &str, repo: &Repo) -> Option<OverdueRow> {
    let (late, reason) = match n.overdue(cycle, today) {
        Some(late) => (late, "pending past decide_by"),
        None => (n.decided_late(cycle)?, "decided after decide_by"),
    };
    Some(OverdueRow {
        id: n.id.clone(),
        candidate: person_ref(repo, &n.candidate),
        outcome: n.outcome().to_owned(),
        decision_date: n.decision.as_ref().and_then(|d| d.date.clone()),
        days_overdue: late.days,
        reason,
    })
}

fn reviewer_load(repo: &Repo, cycle: &Cycle, noms: &[&Entry<Nomination>]) -> Vec<ReviewerRow> {
    let mut load: BTreeMap<&str, ReviewerRow> = BTreeMap::new();
    for n in noms {
        let Some(review) = &n.item.review else {
            continue;
        };
        let open = n.item.is_pending();
        for r in &review.reviewers {
            let row = load.entry(r).or_insert_with(|| ReviewerRow {
                reviewer: person_ref(repo, r),
                on_board: cycle.board.contains(r),
                assigned: 0,
                voted: 0,
                approve: 0,
                decline: 0,
                abstain: 0,
                awaiting_vote: 0,
            });
            row.assigned += 1;
            match review.votes.get(r).map(String::as_str) {
                Some(v) => {
                    row.voted += 1;
                    match v {
                        "approve" => row.approve += 1,
                        "decline" => row.decline += 1,
                        "abstain" => row.abstain += 1,
                        _ => {}
                    }
                }
                None if open => row.awaiting_vote += 1,
                None => {}
            }
        }
    }
    let mut rows: Vec<ReviewerRow> = load.into_values().collect();
    rows.sort_by(|a, b| {
        b.assigned
            .cmp(&a.assigned)
            .then_with(|| a.reviewer.id.cmp(&b.reviewer.id))
    });
    rows
}

/// Every finding in this cycle's nominations and in the cycle itself, of
/// any rule (an unknown candidate is as much the board's problem as a
/// conflict of interest), as the sink left them (severities, suppressions).
fn problems(
    repo: &Repo,
    findings: &[Finding],
    noms: &[&Entry<Nomination>],
    cycle_at: DocRef,
) -> Vec<Problem> {
    let mut docs: BTreeMap<(&str, usize), Option<&Nomination>> = noms
        .iter()
        .map(|n| {
            (
                (repo.file(n.at).path.as_str(), n.at.doc as usize),
                Some(&n.item),
            )
        })
        .collect();
    docs.insert(
        (repo.file(cycle_at).path.as_str(), cycle_at.doc as usize),
        None,
    );
    findings
        .iter()
        .filter(|f| f.severity != Severity::Off)
        .filter_map(|f| {
            let nomination = docs.get(&(f.file.as_str(), f.document))?;
            Some(Problem {
                rule: f.rule.to_string(),
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                file: f.file.clone(),
                line: f.span.line,
                column: f.span.column,
                nomination: nomination.map(|n| n.id.clone()),
                candidate: nomination.map(|n| person_ref(repo, &n.candidate)),
            })
        })
        .collect()
}

/// Round amounts for an axis from `floor` to `ceiling`: about five steps
/// of 1, 2 or 5 times a power of ten. Returns `(min, max, ticks)`.
pub fn axis(floor: f64, ceiling: f64) -> (f64, f64, Vec<f64>) {
    if !(floor.is_finite() && ceiling.is_finite()) || ceiling <= floor {
        let v = if floor.is_finite() { floor } else { 0.0 };
        return (v, v + 1.0, vec![v]);
    }
    let rough = (ceiling - floor) / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let min = (floor / step).floor() * step;
    let max = (ceiling / step).ceil() * step;
    let n = ((max - min) / step).round() as usize;
    let ticks = (0..=n).map(|i| min + i as f64 * step).collect();
    (min, max, ticks)
}

fn ladder_grid(repo: &Repo, l: &Entry<Ladder>, tolerance: f64) -> LadderGrid {
    let ladder = &l.item;
    let mut tracks: Vec<TrackInfo> = ladder
        .tracks
        .iter()
        .map(|t| TrackInfo {
            id: t.id.clone(),
            title: if t.title.is_empty() {
                t.id.clone()
            } else {
                t.title.clone()
            },
            manages_people: t.manages_people,
        })
        .collect();
    // Levels on an undeclared track still get a column.
    for lv in &ladder.levels {
        for id in lv.track.ids() {
            if !tracks.iter().any(|t| &t.id == id) {
                tracks.push(TrackInfo {
                    id: id.clone(),
                    title: id.clone(),
                    manages_people: false,
                });
            }
        }
    }
    let mut ranks: Vec<i64> = ladder.levels.iter().map(|lv| lv.rank).collect();
    ranks.sort_unstable_by(|a, b| b.cmp(a));
    ranks.dedup();
    let mut floor = f64::INFINITY;
    let mut ceiling = 0.0f64;
    let pairs = ladder.band_parity(tolerance);
    let gaps = pairs.iter().filter(|p| p.flagged).count();
    let rows = ranks
        .iter()
        .map(|&rank| {
            let cells: Vec<Option<Cell>> = tracks
                .iter()
                .map(|t| {
                    let lv = ladder
                        .levels
                        .iter()
                        .find(|lv| lv.rank == rank && lv.track.contains(&t.id))?;
                    if let Some(b) = lv.band {
                        floor = floor.min(b.min);
                        ceiling = ceiling.max(b.max);
                    }
                    Some(Cell {
                        id: lv.id.clone(),
                        title: lv.title.clone(),
                        band: lv.band.map(|b| BandInfo {
                            min: b.min,
                            max: b.max,
                            midpoint: b.midpoint(),
                        }),
                        people: repo
                            .people
                            .iter()
                            .filter(|p| {
                                p.item.ladder.as_deref() == Some(ladder.id.as_str())
                                    && p.item.level.as_deref() == Some(lv.id.as_str())
                            })
                            .count(),
                    })
                })
                .collect();
            let parity: Vec<Parity> = pairs
                .iter()
                .filter(|p| ladder.levels[p.level].rank == rank)
                .map(|p| Parity {
                    level: ladder.levels[p.level].id.clone(),
                    managing_level: ladder.levels[p.managing].id.clone(),
                    midpoint: p.midpoint,
                    managing_midpoint: p.managing_midpoint,
                    gap: p.gap,
                    flagged: p.flagged,
                })
                .collect();
            RankRow {
                rank,
                cells,
                parity,
            }
        })
        .collect();
    let band_floor = if floor.is_finite() { floor } else { 0.0 };
    let (axis_min, axis_max, axis_ticks) = axis(band_floor, ceiling);
    LadderGrid {
        id: ladder.id.clone(),
        title: Some(ladder.title.clone()).filter(|t| !t.is_empty()),
        currency: ladder.currency.clone(),
        tracks,
        rows,
        band_floor,
        band_ceiling: ceiling,
        axis_min,
        axis_max,
        axis_ticks,
        parity_gaps: gaps,
        wording: wording_balance(ladder),
    }
}

#[cfg(test)]
mod wording_tests {
    use super::*;

    #[test]
    fn axis_has_round_ticks_around_the_bands() {
        let (min, max, ticks) = axis(120_000.0, 310_000.0);
        assert_eq!((min, max), (100_000.0, 350_000.0));
        assert_eq!(
            ticks,
            [100_000.0, 150_000.0, 200_000.0, 250_000.0, 300_000.0, 350_000.0]
        );
        let (min, max, ticks) = axis(0.0, 0.0);
        assert_eq!((min, max, ticks.len()), (0.0, 1.0, 1));
    }

    #[test]
    fn balance_sums_coded_words_over_every_expectation() {
        let ladder: Ladder = serde_json::from_value(serde_json::json!({
            "id": "eng",
            "levels": [
                {"id": "E1", "track": "ic", "rank": 1,
                 "expectations": {"a": "Competitive and assertive; competes hard.", "b": "Supports the team."}},
                {"id": "E2", "track": "ic", "rank": 2,
                 "expectations": {"a": "Designs systems.", "b": "Collaborative and supportive."}}
            ]
        }))
        .unwrap();
        let b = wording_balance(&ladder);
        // "competitive"/"competes" share one stem: once per text.
        assert_eq!((b.masculine, b.feminine, b.score), (2, 3, 1));
        assert_eq!(b.masculine_stems, ["assert", "compet"]);
        assert_eq!(b.feminine_stems, ["collab", "support"]);
    }
}
