//! Generate a synthetic organisation for benchmarks and large tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --nominations 100000 --people 20000 \
//!     [--seed N] [--cycles N] [--violations 0.02] OUT
//! ```
//!
//! OUT becomes a git repository in ladderlint's format: four ladders (both
//! tracks, valid bands), one People file per org, several cycles, and
//! nominations of 1–2 KB each (answers, evidence, endorsements, review,
//! decision) that pass every rule, except for a share of injected
//! violations of every kind. Everything is committed on branch `main`
//! (HEAD); branch `change` adds one commit that edits one nomination, for
//! `--base main --rev change`. `OUT/expected.json` (not committed) lists
//! what was injected: `{kind, file, rule}` for each violation, which the
//! benchmark checks against the findings. The same seed gives the same
//! repository, byte for byte, commit ids included.

use anyhow::{bail, Context as _, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    pub nominations: usize,
    pub people: usize,
    pub cycles: usize,
    pub seed: u64,
    /// Share of nominations that get one injected violation.
    pub violations: f64,
    /// Also write the files to OUT's working tree (else git objects only).
    pub worktree: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            nominations: 10_000,
            people: 2_000,
            cycles: 10,
            seed: 1,
            violations: 0.02,
            worktree: true,
        }
    }
}

/// One injected violation: the file where `rule` must report it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Injected {
    pub kind: &'static str,
    pub file: String,
    pub rule: &'static str,
}

/// What was generated, written to `OUT/expected.json`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Manifest {
    pub seed: u64,
    pub nominations: usize,
    pub people: usize,
    pub cycles: usize,
    pub files: usize,
    pub bytes: usize,
    /// Branch with the whole corpus (HEAD).
    pub base: &'static str,
    /// Branch with one more commit that edits `changed_file`.
    pub change: &'static str,
    pub changed_file: String,
    pub injected: Vec<Injected>,
}

#[allow(dead_code)]
fn main() {
    if let Err(e) = cli() {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

#[allow(dead_code)]
fn cli() -> Result<()> {
    let mut opts = Options::default();
    let mut people = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "--nominations" => opts.nominations = value(&a)?.parse()?,
            "--people" => people = Some(value(&a)?.parse()?),
            "--cycles" => opts.cycles = value(&a)?.parse()?,
            "--seed" => opts.seed = value(&a)?.parse()?,
            "--violations" => opts.violations = value(&a)?.parse()?,
            "--no-worktree" => opts.worktree = false,
            "-h" | "--help" => {
                println!(
                    "usage: gen_corpus --nominations N [--people N] [--cycles N] [--seed N] \
                     [--violations SHARE] [--no-worktree] OUT"
                );
                return Ok(());
            }
            s if s.starts_with('-') => bail!("unknown option `{s}`"),
            s => out = Some(PathBuf::from(s)),
        }
    }
    opts.people = people.unwrap_or((opts.nominations / 5).max(200));
    let out = out.context("give the output folder")?;
    let start = std::time::Instant::now();
    let m = generate(&opts, &out)?;
    eprintln!(
        "{}: {} nominations, {} people, {} files ({} MB), {} violations injected, in {:.1}s",
        out.display(),
        m.nominations,
        m.people,
        m.files,
        m.bytes / 1_000_000,
        m.injected.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// The organisation

#[derive(Clone, Copy, PartialEq, Eq)]
enum Track {
    Ic,
    Mgmt,
}

struct LadderDef {
    id: &'static str,
    text: String,
    /// (level id, track, rank)
    levels: Vec<(String, Track, i64)>,
    competencies: &'static [&'static str],
}

impl LadderDef {
    fn level(&self, track: Track, rank: i64) -> Option<usize> {
        self.levels
            .iter()
            .position(|(_, t, r)| *t == track && *r == rank)
    }
}

const ENGINEERING: &str = include_str!("../fixtures/demo/ladders/engineering.yaml");
const PRODUCT: &str = include_str!("../fixtures/demo/ladders/product.yaml");

fn ladder_def(
    id: &'static str,
    template: &str,
    from: (&str, &str, &str),
    to: (&str, &str),
    ranks: (i64, i64, i64),
    competencies: &'static [&'static str],
) -> LadderDef {
    let (template_id, ic, mgmt) = from;
    let (new_ic, new_mgmt) = to;
    let (low, high_ic, high_mgmt) = ranks;
    let mut text = template.replacen(&format!("id: {template_id}"), &format!("id: {id}"), 1);
    let mut levels = Vec::new();
    for r in low..=high_ic {
        text = text.replacen(&format!("id: {ic}{r}\n"), &format!("id: {new_ic}{r}\n"), 1);
        levels.push((format!("{new_ic}{r}"), Track::Ic, r));
    }
    for r in 5..=high_mgmt {
        text = text.replacen(
            &format!("id: {mgmt}{r}\n"),
            &format!("id: {new_mgmt}{r}\n"),
            1,
        );
        levels.push((format!("{new_mgmt}{r}"), Track::Mgmt, r));
    }
    LadderDef {
        id,
        text,
        levels,
        competencies,
    }
}

fn ladders() -> Vec<LadderDef> {
    const ENG: &[&str] = &["technical", "impact", "communication", "influence"];
    const PROD: &[&str] = &["discovery", "strategy", "delivery", "influence"];
    vec![
        ladder_def(
            "engineering",
            ENGINEERING,
            ("engineering", "E", "M"),
            ("E", "M"),
            (3, 8, 8),
            ENG,
        ),
        ladder_def(
            "data-science",
            ENGINEERING,
            ("engineering", "E", "M"),
            ("S", "SM"),
            (3, 8, 8),
            ENG,
        ),
        ladder_def(
            "product",
            PRODUCT,
            ("product", "P", "PM"),
            ("P", "PM"),
            (3, 7, 7),
            PROD,
        ),
        ladder_def(
            "design",
            PRODUCT,
            ("product", "P", "PM"),
            ("D", "DM"),
            (3, 7, 7),
            PROD,
        ),
    ]
}

/// Orgs and the ladder (index into `ladders()`) their people are on.
const ORGS: &[(&str, usize)] = &[
    ("platform", 0),
    ("cloud", 0),
    ("security", 0),
    ("mobile", 0),
    ("analytics", 1),
    ("ml-research", 1),
    ("data-platform", 1),
    ("growth", 2),
    ("payments", 2),
    ("commerce", 2),
    ("brand", 3),
    ("experience", 3),
];

const FIRST: &[&str] = &[
    "Ada", "Bruno", "Chidi", "Dana", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Karen",
    "Li", "Maya", "Nadia", "Owen", "Petra", "Quinn", "Ravi", "Sofia", "Tae", "Uma", "Vera",
    "Wanjiru", "Xavier", "Yasmin", "Zoe", "Arjun", "Binh", "Claire", "Dieter", "Gosia", "Hawa",
    "James", "Kofi", "Leo", "Mike", "Rosa", "Samira", "Teresa", "Ana",
];
const LAST: &[&str] = &[
    "Adams", "Baptiste", "Campbell", "Chen", "Denton", "Diallo", "Dubois", "Ferreira", "Garcia",
    "Hassan", "Kim", "Kowalski", "Larsen", "Morales", "Moreau", "Mueller", "Mwangi", "Nguyen",
    "Novak", "Okafor", "Okoro", "Osei", "Patel", "Petrov", "Rossi", "Runty", "Singh", "Tanaka",
    "Wright", "Yamada", "Bordash", "Ahmed", "Silva", "Haddad", "Ivanova", "Nakamura", "Olsen",
    "Quispe", "Reyes", "Sato",
];
const LOCATIONS: &[&str] = &[
    "london",
    "berlin",
    "toronto",
    "san-francisco",
    "austin",
    "madrid",
    "remote",
    "singapore",
    "nairobi",
    "sao-paulo",
];

struct Person {
    id: String,
    name: String,
    org: usize, // index into ORGS, or usize::MAX for the office
    manager: Option<usize>,
    ladder: usize,
    level: usize, // index into the ladder's levels
    joined: String,
}

struct Org {
    people: Vec<Person>,
    /// Members of each org (indices into `people`).
    members: Vec<Vec<usize>>,
    board_pool: Vec<usize>,
    root: usize,
}

impl Org {
    fn chain(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.people[p].manager;
        while let Some(m) = cur {
            if out.contains(&m) || m == p {
                break;
            }
            out.push(m);
            cur = self.people[m].manager;
        }
        out
    }
}

fn build_org(rng: &mut fastrand::Rng, ladders: &[LadderDef], total: usize) -> Result<Org> {
    if total < 200 {
        bail!("--people must be at least 200");
    }
    let mut people: Vec<Person> = Vec::with_capacity(total);
    let mut taken = std::collections::HashSet::new();
    let mut new_person = |rng: &mut fastrand::Rng,
                          people: &mut Vec<Person>,
                          org: usize,
                          manager: Option<usize>,
                          ladder: usize,
                          level: usize| {
        let first = FIRST[rng.usize(..FIRST.len())];
        let last = LAST[rng.usize(..LAST.len())];
        let base = format!(
            "{}{}",
            first[..1].to_ascii_lowercase(),
            last.to_ascii_lowercase()
        );
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}{n}");
            n += 1;
        }
        let joined = format!(
            "{}-{:02}-{:02}",
            2005 + rng.u32(..20),
            rng.u32(1..=12),
            rng.u32(1..=28)
        );
        people.push(Person {
            id,
            name: format!("{first} {last}"),
            org,
            manager,
            ladder,
            level,
            joined,
        });
        people.len() - 1
    };
    const OFFICE: usize = usize::MAX;
    let eng = &ladders[0];
    let root = new_person(
        rng,
        &mut people,
        OFFICE,
        None,
        0,
        eng.level(Track::Mgmt, 8).unwrap_or(0),
    );
    // The board: senior individual contributors who manage nobody, so
    // they are in no candidate's management chain.
    let mut board_pool = Vec::new();
    for i in 0..25 {
        let ladder = if i % 2 == 0 { 0 } else { 1 };
        let level = ladders[ladder].level(Track::Ic, 8).unwrap_or(0);
        board_pool.push(new_person(
            rng,
            &mut people,
            OFFICE,
            Some(root),
            ladder,
            level,
        ));
    }
    let rest = total - people.len();
    let mut members = vec![Vec::new(); ORGS.len()];
    for (o, &(_, ladder)) in ORGS.iter().enumerate() {
        let n = rest / ORGS.len() + usize::from(o < rest % ORGS.len());
        let l = &ladders[ladder];
        let top_mgmt = l.levels.iter().filter(|x| x.1 == Track::Mgmt).count() as i64 + 4;
        let head_rank = 7.min(top_mgmt);
        let head = new_person(
            rng,
            &mut people,
            o,
            Some(root),
            ladder,
            l.level(Track::Mgmt, head_rank).unwrap_or(0),
        );
        members[o].push(head);
        let directors_n = (n / 60).max(1);
        let managers_n = (n / 9).max(2);
        let mut directors = Vec::new();
        for _ in 0..directors_n {
            let d = new_person(
                rng,
                &mut people,
                o,
                Some(head),
                ladder,
                l.level(Track::Mgmt, 6).unwrap_or(0),
            );
            directors.push(d);
            members[o].push(d);
        }
        let mut managers = Vec::new();
        for i in 0..managers_n {
            let m = new_person(
                rng,
                &mut people,
                o,
                Some(directors[i % directors.len()]),
                ladder,
                l.level(Track::Mgmt, 5).unwrap_or(0),
            );
            managers.push(m);
            members[o].push(m);
        }
        let ics = n.saturating_sub(1 + directors_n + managers_n);
        let top_ic = l
            .levels
            .iter()
            .filter(|x| x.1 == Track::Ic)
            .map(|x| x.2)
            .max();
        let top_ic = top_ic.unwrap_or(7);
        for i in 0..ics {
            let roll = rng.u32(..100);
            let rank = match roll {
                0..20 => 3,
                20..45 => 4,
                45..70 => 5,
                70..88 => 6,
                88..98 => 7,
                _ => 8,
            }
            .min(top_ic);
            let p = new_person(
                rng,
                &mut people,
                o,
                Some(managers[i % managers.len()]),
                ladder,
                l.level(Track::Ic, rank).unwrap_or(0),
            );
            members[o].push(p);
        }
    }
    Ok(Org {
        people,
        members,
        board_pool,
        root,
    })
}

fn people_files(org: &Org, ladders: &[LadderDef]) -> Vec<(String, String)> {
    let line = |p: &Person| {
        let mut s = format!("  - {{ id: {}, name: {}", p.id, p.name);
        let org_name = ORGS.get(p.org).map_or("office", |o| o.0);
        let _ = write!(s, ", org: {org_name}");
        if let Some(m) = p.manager {
            let _ = write!(s, ", manager: {}", org.people[m].id);
        }
        let l = &ladders[p.ladder];
        let _ = writeln!(
            s,
            ", ladder: {}, level: {}, joined: {}, location: {} }}",
            l.id,
            l.levels[p.level].0,
            p.joined,
            LOCATIONS[p.id.len() % LOCATIONS.len()]
        );
        s
    };
    let header = "# yaml-language-server: $schema=../../../schemas/people.schema.json\n\
                  kind: People\npeople:\n";
    let mut out = Vec::new();
    let mut office = String::from(header);
    office.push_str(&line(&org.people[org.root]));
    for &b in &org.board_pool {
        office.push_str(&line(&org.people[b]));
    }
    out.push(("people/office.yaml".to_owned(), office));
    for (o, (name, _)) in ORGS.iter().enumerate() {
        let mut text = String::from(header);
        for &p in &org.members[o] {
            text.push_str(&line(&org.people[p]));
        }
        out.push((format!("people/{name}.yaml"), text));
    }
    out
}

// ---------------------------------------------------------------------------
// Cycles

struct CycleDef {
    id: String,
    opens: time::Date,
    closes: time::Date,
    decide_by: time::Date,
    board: Vec<usize>,
    questions: Vec<&'static str>,
}

fn date(y: i32, m: u8, d: u8) -> time::Date {
    time::Date::from_calendar_date(y, time::Month::try_from(m).expect("month"), d).expect("date")
}

fn cycles(n: usize, org: &Org) -> Vec<CycleDef> {
    let first_year = 2026 - ((n as i32 - 1) / 2);
    (0..n)
        .map(|i| {
            let year = first_year + (i / 2) as i32;
            let (half, opens, closes, decide_by) = if i % 2 == 0 {
                (1, date(year, 1, 5), date(year, 2, 15), date(year, 4, 1))
            } else {
                (2, date(year, 6, 1), date(year, 7, 15), date(year, 9, 1))
            };
            let pool = &org.board_pool;
            let board = (0..5).map(|k| pool[(i * 3 + k) % pool.len()]).collect();
            let mut questions = vec!["accomplishments", "influence"];
            if i % 2 == 1 {
                questions.push("growth");
            }
            CycleDef {
                id: format!("{year}-H{half}"),
                opens,
                closes,
                decide_by,
                board,
                questions,
            }
        })
        .collect()
}

fn cycle_file(c: &CycleDef, org: &Org) -> String {
    let board: Vec<&str> = c.board.iter().map(|&b| org.people[b].id.as_str()).collect();
    let mut s = format!(
        "# yaml-language-server: $schema=../../../schemas/cycle.schema.json\n\
         kind: Cycle\nid: {}\ntitle: Promotion cycle {}\nopens: {}\ncloses: {}\n\
         decide_by: {}\nboard: [{}]\nquorum: 3\nquestions:\n",
        c.id,
        c.id,
        c.opens,
        c.closes,
        c.decide_by,
        board.join(", ")
    );
    for q in &c.questions {
        let text = match *q {
            "accomplishments" => "What have you achieved since your last promotion?",
            "influence" => "How has your work changed how others work?",
            _ => "What will you work on next, and what help do you need?",
        };
        let _ = writeln!(s, "  - id: {q}\n    text: {text}");
    }
    s
}

// ---------------------------------------------------------------------------
// Nominations

const ACTIONS: &[&str] = &[
    "Redesigned",
    "Rebuilt",
    "Ran the migration of",
    "Simplified",
    "Wrote the plan for",
    "Automated the checks of",
    "Cut the running cost of",
    "Took over and stabilised",
    "Measured and documented",
    "Split and modernised",
    "Shipped the first version of",
    "Replaced the manual steps in",
];
const OBJECTS: &[&str] = &[
    "the billing pipeline",
    "the release process",
    "the search ranking service",
    "the onboarding flow",
    "the data warehouse loads",
    "the mobile checkout",
    "the access review tooling",
    "the customer research repository",
    "the pricing experiments",
    "the incident review process",
    "the design system components",
    "the partner integration API",
    "the fraud scoring model",
    "the quarterly planning template",
];
const OUTCOMES: &[&str] = &[
    "which cut incidents by {n} percent over two quarters",
    "saving the team about {n} hours a week",
    "used by {n} teams across the company",
    "moving {n} customers without downtime",
    "which raised conversion by {n} percent against a goal of {m}",
    "with {n} engineers now able to change it safely",
    "and wrote the runbooks the on-call rotation uses for it",
    "and published the write-up that {n} teams used to plan their work",
];
const DOMAINS: &[&str] = &[
    "docs.example.com",
    "dashboards.example.com",
    "tracker.example.com",
    "code.example.com",
];

fn sentence(rng: &mut fastrand::Rng) -> String {
    let outcome = OUTCOMES[rng.usize(..OUTCOMES.len())]
        .replace("{n}", &rng.u32(2..60).to_string())
        .replace("{m}", &rng.u32(2..40).to_string());
    format!(
        "{} {}, {outcome}.",
        ACTIONS[rng.usize(..ACTIONS.len())],
        OBJECTS[rng.usize(..OBJECTS.len())]
    )
}

fn paragraph(rng: &mut fastrand::Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A folded block scalar (`>-`) at `indent` spaces, wrapped near 78 columns.
fn folded(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from(">-\n");
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > 78 {
            let _ = writeln!(out, "{pad}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{pad}{line}");
    out
}

#[derive(Clone)]
struct Nom {
    kind: &'static str,
    id: String,
    cycle: String,
    candidate: String,
    ladder: String,
    from_level: String,
    to_level: String,
    nominated_by: Option<String>,
    submitted: String,
    mentor: Option<String>,
    answers: Vec<(String, String)>,
    evidence: Vec<(String, String, Option<String>)>,
    endorsements: Vec<(String, &'static str, String)>,
    reviewers: Vec<String>,
    votes: Vec<(String, String)>,
    outcome: &'static str,
    date: String,
    rationale: Option<String>,
    feedback: Option<String>,
    /// Lines added at the end, verbatim (injections).
    extra: String,
}

impl Nom {
    fn render(&self) -> String {
        let mut s = String::with_capacity(2048);
        s.push_str("# yaml-language-server: $schema=../../../schemas/nomination.schema.json\n");
        let _ = write!(
            s,
            "kind: {}\nid: {}\ncycle: {}\ncandidate: {}\nladder: {}\nfrom_level: {}\n\
             to_level: {}\n",
            self.kind,
            self.id,
            self.cycle,
            self.candidate,
            self.ladder,
            self.from_level,
            self.to_level
        );
        if let Some(n) = &self.nominated_by {
            let _ = writeln!(s, "nominated_by: {n}");
        }
        let _ = writeln!(s, "submitted: {}", self.submitted);
        if let Some(m) = &self.mentor {
            let _ = writeln!(s, "mentor: {m}");
        }
        s.push_str("answers:\n");
        for (q, a) in &self.answers {
            let _ = write!(s, "  {q}: {}", folded(a, 4));
        }
        s.push_str("evidence:\n");
        for (c, summary, link) in &self.evidence {
            let _ = writeln!(s, "  - competency: {c}\n    summary: {summary}");
            if let Some(l) = link {
                let _ = writeln!(s, "    links: [\"{l}\"]");
            }
        }
        s.push_str("endorsements:\n");
        for (by, rel, summary) in &self.endorsements {
            let _ = writeln!(
                s,
                "  - by: {by}\n    relationship: {rel}\n    summary: {summary}"
            );
        }
        let _ = writeln!(s, "review:\n  reviewers: [{}]", self.reviewers.join(", "));
        if !self.votes.is_empty() {
            let votes: Vec<String> = self
                .votes
                .iter()
                .map(|(w, v)| format!("{w}: {v}"))
                .collect();
            let _ = writeln!(s, "  votes: {{ {} }}", votes.join(", "));
        }
        let _ = write!(
            s,
            "decision:\n  outcome: {}\n  date: {}\n",
            self.outcome, self.date
        );
        if let Some(r) = &self.rationale {
            let _ = write!(s, "  rationale: {}", folded(r, 4));
        }
        if let Some(f) = &self.feedback {
            let _ = write!(s, "  feedback: {}", folded(f, 4));
        }
        s.push_str(&self.extra);
        s
    }

    fn decided(&self) -> bool {
        matches!(self.outcome, "approved" | "declined" | "deferred")
    }
}

/// The previous and next level of a person, for nominations: the same
/// track one rank down or up, else the other track at the same rank.
fn steps(l: &LadderDef, level: usize) -> (Option<usize>, Option<usize>) {
    let (_, track, rank) = &l.levels[level];
    let other = if *track == Track::Ic {
        Track::Mgmt
    } else {
        Track::Ic
    };
    let prev = l.level(*track, rank - 1).or_else(|| l.level(other, *rank));
    let next = l.level(*track, rank + 1).or_else(|| l.level(other, *rank));
    (prev, next)
}

fn pick_other(rng: &mut fastrand::Rng, pool: &[usize], avoid: &[usize]) -> usize {
    for _ in 0..64 {
        let p = pool[rng.usize(..pool.len())];
        if !avoid.contains(&p) {
            return p;
        }
    }
    *pool.iter().find(|p| !avoid.contains(p)).unwrap_or(&pool[0])
}

#[allow(clippy::too_many_arguments)]
fn nomination(
    rng: &mut fastrand::Rng,
    org: &Org,
    ladders: &[LadderDef],
    cycle: &CycleDef,
    who: usize,
    from: usize,
    to: usize,
    outcome: &'static str,
) -> Nom {
    let p = &org.people[who];
    let l = &ladders[p.ladder];
    let chain = org.chain(who);
    let mut avoid = chain.clone();
    avoid.push(who);
    let peer = pick_other(rng, &org.members[p.org], &avoid);
    let other_org = (p.org + 1 + rng.usize(..ORGS.len() - 1)) % ORGS.len();
    let outside = pick_other(rng, &org.members[other_org], &avoid);
    let mentor = (rng.u32(..2) == 0).then(|| org.people[peer].id.clone());
    let nominated_by = match rng.u32(..5) {
        0 | 1 => p.id.clone(),
        2 | 3 => p.manager.map_or(p.id.clone(), |m| org.people[m].id.clone()),
        _ => org.people[peer].id.clone(),
    };
    let window = (cycle.closes - cycle.opens).whole_days();
    let submitted = cycle.opens + time::Duration::days(rng.i64(0..=window));
    let decide_window = (cycle.decide_by - cycle.closes).whole_days();
    let decided = if outcome == "withdrawn" {
        submitted + time::Duration::days(rng.i64(1..=10))
    } else {
        cycle.closes + time::Duration::days(rng.i64(1..=decide_window))
    };
    let mut board = cycle.board.clone();
    rng.shuffle(&mut board);
    let reviewers: Vec<String> = board[..3]
        .iter()
        .map(|&b| org.people[b].id.clone())
        .collect();
    let pattern: &[&str] = match outcome {
        "approved" if rng.bool() => &["approve", "approve", "approve"],
        "approved" => &["approve", "approve", "decline"],
        "declined" if rng.bool() => &["decline", "decline", "decline"],
        "declined" => &["approve", "decline", "decline"],
        "deferred" => &["approve", "decline", "abstain"],
        _ => &[],
    };
    let votes = reviewers
        .iter()
        .zip(pattern)
        .map(|(r, v)| (r.clone(), (*v).to_owned()))
        .collect();
    let answers = cycle
        .questions
        .iter()
        .map(|q| {
            let sentences = 1 + usize::from(rng.u32(..4) == 0);
            ((*q).to_owned(), paragraph(rng, sentences))
        })
        .collect();
    let evidence = l
        .competencies
        .iter()
        .map(|c| {
            let link = (rng.u32(..4) != 0).then(|| {
                format!(
                    "https://{}/{}/{}-{}",
                    DOMAINS[rng.usize(..DOMAINS.len())],
                    ORGS[p.org].0,
                    c,
                    rng.u32(100..999)
                )
            });
            let summary = format!(
                "{} {}.",
                ACTIONS[rng.usize(..ACTIONS.len())],
                OBJECTS[rng.usize(..OBJECTS.len())]
            );
            ((*c).to_owned(), summary, link)
        })
        .collect();
    let mut endorsements = vec![
        (org.people[peer].id.clone(), "peer", sentence(rng)),
        (org.people[outside].id.clone(), "cross-org", sentence(rng)),
    ];
    if let (Some(m), true) = (p.manager, rng.u32(..3) == 0) {
        endorsements.push((org.people[m].id.clone(), "manager", sentence(rng)));
    }
    let to_id = &l.levels[to].0;
    let rationale = match outcome {
        "withdrawn" => Some("Withdrawn by the candidate before the board met.".to_owned()),
        "approved" => Some(format!(
            "The evidence meets {to_id} in every competency, across {} teams.",
            rng.u32(2..9)
        )),
        _ => Some(format!(
            "The evidence does not yet meet {to_id} in {} of the competencies.",
            rng.u32(1..4)
        )),
    };
    let feedback = match outcome {
        "declined" | "deferred" => Some(format!(
            "For {to_id}, show work that changes the plans of several teams, and \
             measure its outcome against a goal set in advance."
        )),
        "approved" if rng.bool() => {
            Some("For the next level, look for problems that span several teams.".to_owned())
        }
        _ => None,
    };
    let short = cycle.id.to_ascii_lowercase().replace('-', "");
    Nom {
        kind: "Nomination",
        id: format!("{short}-{}", p.id),
        cycle: cycle.id.clone(),
        candidate: p.id.clone(),
        ladder: l.id.to_owned(),
        from_level: l.levels[from].0.clone(),
        to_level: to_id.clone(),
        nominated_by: Some(nominated_by),
        submitted: submitted.to_string(),
        mentor,
        answers,
        evidence,
        endorsements,
        reviewers,
        votes,
        outcome,
        date: decided.to_string(),
        rationale,
        feedback,
        extra: String::new(),
    }
}

// ---------------------------------------------------------------------------
// Violations

/// Every kind of injected violation, the rule that must report it, and
/// whether it applies to a nomination.
const KINDS: &[(&str, &str)] = &[
    ("unknown-key", "schema/invalid"),
    ("bad-date", "schema/invalid"),
    ("missing-key", "schema/invalid"),
    ("bad-vote", "schema/invalid"),
    ("yaml-syntax", "schema/yaml-syntax"),
    ("duplicate-key", "schema/yaml-syntax"),
    ("unknown-kind", "schema/unknown-kind"),
    ("unknown-person", "ref/unknown"),
    ("unknown-level", "ref/unknown"),
    ("unknown-cycle", "ref/unknown"),
    ("unknown-competency", "ref/unknown"),
    ("duplicate-id", "ref/duplicate-id"),
    ("conflict-of-interest", "nomination/conflict-of-interest"),
    ("self-review", "nomination/conflict-of-interest"),
    ("reviewer-seniority", "nomination/reviewer-seniority"),
    ("quorum", "nomination/quorum"),
    ("decision-votes", "nomination/decision-matches-votes"),
    ("missing-rationale", "nomination/rationale"),
    ("missing-feedback", "nomination/rationale"),
    ("duplicate-candidate", "nomination/duplicate-candidate"),
    ("decided-before-submitted", "nomination/dates"),
    ("submitted-before-open", "nomination/dates"),
    ("decided-after-deadline", "nomination/dates"),
    ("late", "nomination/late"),
    ("level-step", "nomination/level-step"),
    ("endorsements", "nomination/endorsements"),
    ("evidence-coverage", "nomination/evidence-coverage"),
    ("answers-complete", "nomination/answers-complete"),
];

fn applies(kind: &str, n: &Nom) -> bool {
    match kind {
        "bad-vote" | "quorum" | "decision-votes" => n.outcome == "approved",
        "missing-feedback" => matches!(n.outcome, "declined" | "deferred"),
        "missing-rationale" | "decided-before-submitted" | "decided-after-deadline" => n.decided(),
        "level-step" => n.outcome != "approved",
        "duplicate-candidate" => n.outcome != "withdrawn",
        _ => true,
    }
}

/// Change `n` so that it carries violation `kind`. Returns an extra file
/// (path suffix, nomination) for kinds that add one.
fn inject(
    kind: &str,
    n: &mut Nom,
    rng: &mut fastrand::Rng,
    org: &Org,
    cycle: &CycleDef,
    first_id: &str,
    junior: &str,
) -> Option<Nom> {
    let set_vote = |n: &mut Nom, i: usize, who: String| {
        let old = std::mem::replace(&mut n.reviewers[i], who.clone());
        for v in &mut n.votes {
            if v.0 == old {
                v.0 = who.clone();
            }
        }
    };
    match kind {
        "unknown-key" => n.extra.push_str("decison: approved\n"),
        "bad-date" => n.submitted = format!("{}-13-{}", &n.submitted[..4], &n.submitted[8..]),
        "missing-key" => n.nominated_by = None,
        "bad-vote" => n.votes[2].1 = "maybe".to_owned(),
        "yaml-syntax" => n.extra.push_str("note: \"an unterminated note\n"),
        "duplicate-key" => n.extra.push_str(&format!("cycle: {}\n", n.cycle)),
        "unknown-kind" => n.kind = "Nominaton",
        "unknown-person" => n.candidate.push_str("-x"),
        "unknown-level" => {
            let prefix: String = n.to_level.chars().filter(|c| c.is_alphabetic()).collect();
            n.to_level = format!("{prefix}9");
        }
        "unknown-cycle" => n.cycle = "2019-H1".to_owned(),
        "unknown-competency" => n.evidence.push((
            "teamwork".to_owned(),
            "Organised the team offsite.".to_owned(),
            None,
        )),
        "duplicate-id" => n.id = first_id.to_owned(),
        "conflict-of-interest" => {
            let p = org.people.iter().find(|p| p.id == n.candidate);
            let manager = p.and_then(|p| p.manager).map(|m| org.people[m].id.clone());
            set_vote(n, 2, manager.unwrap_or_default());
        }
        "self-review" => {
            let c = n.candidate.clone();
            set_vote(n, 0, c);
        }
        "reviewer-seniority" => set_vote(n, 1, junior.to_owned()),
        "quorum" => {
            n.votes.truncate(2);
            for v in &mut n.votes {
                v.1 = "approve".to_owned();
            }
        }
        "decision-votes" => {
            n.votes[0].1 = "approve".to_owned();
            n.votes[1].1 = "decline".to_owned();
            n.votes[2].1 = "decline".to_owned();
        }
        "missing-rationale" => n.rationale = None,
        "missing-feedback" => n.feedback = None,
        "duplicate-candidate" => {
            let mut second = n.clone();
            second.id = format!("{}_2", n.id);
            second.outcome = "declined";
            second.votes = n
                .reviewers
                .iter()
                .map(|r| (r.clone(), "decline".to_owned()))
                .collect();
            second.feedback = Some("Show work that changes the plans of several teams.".into());
            second.submitted = cycle.closes.to_string();
            second.date = (cycle.closes + time::Duration::days(1)).to_string();
            return Some(second);
        }
        "decided-before-submitted" => {
            n.submitted = (cycle.opens + time::Duration::days(20)).to_string();
            n.date = (cycle.opens + time::Duration::days(10)).to_string();
        }
        "submitted-before-open" => {
            n.submitted = (cycle.opens - time::Duration::days(12)).to_string()
        }
        "decided-after-deadline" => {
            n.date = (cycle.decide_by + time::Duration::days(rng.i64(1..30))).to_string()
        }
        "late" => {
            let s = cycle.closes + time::Duration::days(5);
            n.submitted = s.to_string();
            n.date = (s + time::Duration::days(7)).to_string();
        }
        "level-step" => {
            let prefix: String = n.to_level.chars().filter(|c| c.is_alphabetic()).collect();
            let wrong = if n.from_level == format!("{prefix}3") {
                format!("{prefix}4")
            } else {
                format!("{prefix}3")
            };
            // A from level in the same ladder that is not the candidate's.
            n.from_level = if wrong == n.to_level {
                format!("{prefix}5")
            } else {
                wrong
            };
        }
        "endorsements" => n.endorsements.truncate(1),
        "evidence-coverage" => {
            n.evidence.pop();
        }
        "answers-complete" => {
            n.answers.remove(0);
        }
        _ => {}
    }
    None
}

// ---------------------------------------------------------------------------
// The whole corpus

/// Generate the corpus into `out` (created; must be empty or missing).
pub fn generate(opts: &Options, out: &Path) -> Result<Manifest> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!("`{}` exists and is not empty", out.display());
    }
    let mut rng = fastrand::Rng::with_seed(opts.seed);
    let ladders = ladders();
    let org = build_org(&mut rng, &ladders, opts.people)?;
    let cycles = cycles(opts.cycles.max(1), &org);
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert(
        "ladderlint.yaml".into(),
        "# ladderlint configuration of a generated organisation.\n\
         include:\n  - \"ladders/**/*.y*ml\"\n  - \"people/**/*.y*ml\"\n  - \"cycles/**/*.y*ml\"\n  \
         - \"nominations/**/*.y*ml\"\n"
            .into(),
    );
    for l in &ladders {
        files.insert(format!("ladders/{}.yaml", l.id), l.text.clone());
    }
    for c in &cycles {
        files.insert(format!("cycles/{}.yaml", c.id), cycle_file(c, &org));
    }

    // How many nominations each candidate gets: round robin up to the
    // number of cycles (one per cycle), or one when there is no next level.
    let candidates: Vec<usize> = {
        let mut v: Vec<usize> = org.members.iter().flatten().copied().collect();
        rng.shuffle(&mut v);
        v
    };
    let cap = |p: usize| {
        let person = &org.people[p];
        match steps(&ladders[person.ladder], person.level) {
            (_, Some(_)) => cycles.len(),
            (Some(_), None) => 1,
            _ => 0,
        }
    };
    let mut count = vec![0usize; candidates.len()];
    let mut total = 0;
    while total < opts.nominations {
        let before = total;
        for (i, &p) in candidates.iter().enumerate() {
            if total == opts.nominations {
                break;
            }
            if count[i] < cap(p) {
                count[i] += 1;
                total += 1;
            }
        }
        if total == before {
            bail!(
                "{} people cannot hold {} nominations in {} cycles; add people or cycles",
                opts.people,
                opts.nominations,
                cycles.len()
            );
        }
    }
    let mut noms: Vec<(usize, Nom)> = Vec::with_capacity(opts.nominations);
    for (i, &p) in candidates.iter().enumerate() {
        if count[i] == 0 {
            continue;
        }
        let person = &org.people[p];
        let l = &ladders[person.ladder];
        let (prev, next) = steps(l, person.level);
        let mut which: Vec<usize> = (0..cycles.len()).collect();
        rng.shuffle(&mut which);
        which.truncate(count[i]);
        which.sort_unstable();
        for (k, &c) in which.iter().enumerate() {
            let (from, to, outcome) = match (k, prev, next) {
                (0, Some(prev), _) => (prev, person.level, "approved"),
                (_, _, Some(next)) => {
                    let outcome = match rng.u32(..20) {
                        0..10 => "declined",
                        10..17 => "deferred",
                        _ => "withdrawn",
                    };
                    (person.level, next, outcome)
                }
                _ => continue,
            };
            let n = nomination(&mut rng, &org, &ladders, &cycles[c], p, from, to, outcome);
            noms.push((c, n));
        }
    }
    let path_of = |c: usize, n: &Nom| format!("nominations/{}/{}.yaml", cycles[c].id, n.id);
    // (cycle, path, nomination, injected): paths are fixed before injection.
    let mut noms: Vec<(usize, String, Nom, bool)> = noms
        .into_iter()
        .map(|(c, n)| (c, path_of(c, &n), n, false))
        .collect();
    noms.sort_by(|a, b| a.1.cmp(&b.1));

    // Inject violations into a random share of the nominations, every kind
    // in turn; the first nomination (whose id others copy) stays clean.
    let mut injected = Vec::new();
    let wanted = (opts.nominations as f64 * opts.violations).round() as usize;
    let first_id = noms.first().map(|n| n.2.id.clone()).unwrap_or_default();
    let junior = org
        .people
        .iter()
        .find(|p| ladders[p.ladder].levels[p.level].2 == 3)
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let mut order: Vec<usize> = (1..noms.len()).collect();
    rng.shuffle(&mut order);
    let mut extra_files = Vec::new();
    let mut k = 0;
    for &i in &order {
        if injected.len() >= wanted {
            break;
        }
        let (c, path, n, done) = &mut noms[i];
        let (kind, rule) = KINDS[k % KINDS.len()];
        if !applies(kind, n) || (kind == "duplicate-id" && *c == 0) {
            continue;
        }
        k += 1;
        *done = true;
        let file = match inject(kind, n, &mut rng, &org, &cycles[*c], &first_id, &junior) {
            Some(second) => {
                let p = path_of(*c, &second);
                extra_files.push((p.clone(), second.render()));
                p
            }
            None => path.clone(),
        };
        injected.push(Injected { kind, file, rule });
    }
    let mut changed_file = String::new();
    for (c, path, n, done) in &noms {
        if changed_file.is_empty() && !done && *c == cycles.len() - 1 {
            changed_file = path.clone();
        }
        files.insert(path.clone(), n.render());
    }
    files.extend(extra_files);

    // People, with violations in the directory itself when any are wanted.
    let mut people_texts = people_files(&org, &ladders);
    if wanted > 0 {
        let (path, text) = &mut people_texts[1];
        let lines: Vec<&str> = text.lines().collect();
        // Two people who manage each other; one whose manager is unknown.
        let ics: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].contains("level: E3") || lines[i].contains("level: E4"))
            .collect();
        if ics.len() >= 3 {
            let id_of = |l: &str| l.split(", ").next().unwrap_or("").replace("  - { id: ", "");
            let (a, b, c) = (ics[0], ics[1], ics[2]);
            let (ida, idb) = (id_of(lines[a]), id_of(lines[b]));
            let swap = |line: &str, to: &str| {
                let start = line.find(", manager: ").map(|i| i + 11).unwrap_or(0);
                let end = start + line[start..].find(',').unwrap_or(0);
                format!("{}{to}{}", &line[..start], &line[end..])
            };
            let mut new: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            new[a] = swap(lines[a], &idb);
            new[b] = swap(lines[b], &ida);
            new[c] = swap(lines[c], "nobody-here");
            *text = new.join("\n") + "\n";
            injected.push(Injected {
                kind: "manager-cycle",
                file: path.clone(),
                rule: "ref/manager-cycle",
            });
            injected.push(Injected {
                kind: "unknown-manager",
                file: path.clone(),
                rule: "ref/unknown",
            });
        }
        // A ladder whose band shrinks as rank rises.
        let legacy = ladder_def(
            "legacy-product",
            PRODUCT,
            ("product", "P", "PM"),
            ("LP", "LPM"),
            (3, 7, 7),
            &[],
        );
        let text = legacy.text.replacen(
            "{ min: 145000, max: 185000 }",
            "{ min: 185000, max: 145000 }",
            1,
        );
        files.insert("ladders/legacy-product.yaml".into(), text);
        injected.push(Injected {
            kind: "band-order",
            file: "ladders/legacy-product.yaml".into(),
            rule: "ladder/band-order",
        });
    }
    files.extend(people_texts);
    injected.sort_by(|a, b| (&a.file, a.rule).cmp(&(&b.file, b.rule)));

    let bytes = files.values().map(String::len).sum();
    let manifest = Manifest {
        seed: opts.seed,
        nominations: noms.len(),
        people: org.people.len(),
        cycles: cycles.len(),
        files: files.len(),
        bytes,
        base: "main",
        change: "change",
        changed_file: changed_file.clone(),
        injected,
    };
    write_repo(out, &files, &changed_file, opts.worktree)?;
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&manifest)? + "\n",
    )?;
    Ok(manifest)
}

/// Commit `files` on `main` and one edit of `changed` on `change`; HEAD is
/// `main`, and the index matches it.
fn write_repo(
    out: &Path,
    files: &BTreeMap<String, String>,
    changed: &str,
    worktree: bool,
) -> Result<()> {
    std::fs::create_dir_all(out)?;
    let repo = git2::Repository::init(out)?;
    std::fs::write(out.join(".git/info/exclude"), "expected.json\n")?;
    if worktree {
        for (path, text) in files {
            let p = out.join(path);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(p, text)?;
        }
    }
    let odb = repo.odb()?;
    let blobs: BTreeMap<&str, git2::Oid> = files
        .iter()
        .map(|(p, t)| Ok((p.as_str(), odb.write(git2::ObjectType::Blob, t.as_bytes())?)))
        .collect::<Result<_>>()?;
    let tree = write_tree(&repo, &blobs, "")?;
    let sig = git2::Signature::new(
        "ladderlint corpus",
        "corpus@example.com",
        &git2::Time::new(1_790_000_000, 0),
    )?;
    let tree_obj = repo.find_tree(tree)?;
    let main = repo.commit(None, &sig, &sig, "Generated organisation", &tree_obj, &[])?;
    let main_commit = repo.find_commit(main)?;
    repo.branch("main", &main_commit, true)?;
    repo.set_head("refs/heads/main")?;
    let mut index = repo.index()?;
    index.read_tree(&tree_obj)?;
    index.write()?;
    if !changed.is_empty() {
        let mut blobs = blobs.clone();
        let text = files[changed].replacen(
            "\ndecision:\n",
            "\n# Reviewed again by the board secretary.\ndecision:\n",
            1,
        );
        blobs.insert(changed, odb.write(git2::ObjectType::Blob, text.as_bytes())?);
        let tree = repo.find_tree(write_tree(&repo, &blobs, "")?)?;
        let sig2 = git2::Signature::new(
            "ladderlint corpus",
            "corpus@example.com",
            &git2::Time::new(1_790_000_600, 0),
        )?;
        let change = repo.commit(
            None,
            &sig2,
            &sig2,
            "Note a second review",
            &tree,
            &[&main_commit],
        )?;
        repo.branch("change", &repo.find_commit(change)?, true)?;
    }
    // Pack the objects, as a long-lived repository would be.
    let _ = std::process::Command::new("git")
        .args(["repack", "-a", "-d", "-q"])
        .current_dir(out)
        .status();
    Ok(())
}

/// Write the tree of the entries under `prefix`, recursively.
fn write_tree(
    repo: &git2::Repository,
    blobs: &BTreeMap<&str, git2::Oid>,
    prefix: &str,
) -> Result<git2::Oid> {
    let mut builder = repo.treebuilder(None)?;
    let mut dirs: Vec<&str> = Vec::new();
    for (path, oid) in blobs.range(prefix..) {
        let Some(rest) = path.strip_prefix(prefix) else {
            break;
        };
        match rest.split_once('/') {
            None => {
                builder.insert(rest, *oid, 0o100644)?;
            }
            Some((dir, _)) => {
                if dirs.last() != Some(&dir) {
                    dirs.push(dir);
                }
            }
        }
    }
    for dir in dirs {
        let sub = write_tree(repo, blobs, &format!("{prefix}{dir}/"))?;
        builder.insert(dir, sub, 0o040000)?;
    }
    Ok(builder.write()?)
}
