//! Crafted cohorts for the fairness tests: a repository with the demo's
//! engineering ladder, generated people, cycles and nominations.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct P {
    pub id: String,
    pub level: String,
    pub joined: String,
    pub attrs: Vec<(String, String)>,
    pub left: Option<String>,
    pub level_since: Option<String>,
}

impl P {
    pub fn new(id: impl Into<String>, level: &str) -> P {
        P {
            id: id.into(),
            level: level.into(),
            joined: "2020-01-06".into(),
            attrs: Vec::new(),
            left: None,
            level_since: None,
        }
    }
    pub fn with(mut self, key: &str, value: &str) -> P {
        self.attrs.push((key.into(), value.into()));
        self
    }
}

#[derive(Clone, Debug)]
pub struct N {
    pub cycle: String,
    pub candidate: String,
    pub from: String,
    pub to: String,
    /// `approved`, `declined`, `deferred`, `withdrawn`, or `None` (pending).
    pub outcome: Option<String>,
    pub date: Option<String>,
}

impl N {
    pub fn new(cycle: &str, candidate: &str, from: &str, to: &str, outcome: Option<&str>) -> N {
        N {
            cycle: cycle.into(),
            candidate: candidate.into(),
            from: from.into(),
            to: to.into(),
            outcome: outcome.map(str::to_owned),
            date: None,
        }
    }
}

#[derive(Default)]
pub struct Cohort {
    pub people: Vec<P>,
    /// `(id, opens)`: closes a month later, decisions two months later.
    pub cycles: Vec<(String, String)>,
    pub noms: Vec<N>,
    pub config: String,
}

impl Cohort {
    /// `selected` approved and `total - selected` declined nominations in
    /// `cycle` for new people of group `value` of attribute `attr`, E4 to E5.
    pub fn group(&mut self, cycle: &str, attr: &str, value: &str, selected: u64, total: u64) {
        self.group_at(cycle, attr, value, selected, total, "E4", "E5");
    }

    #[allow(clippy::too_many_arguments)]
    pub fn group_at(
        &mut self,
        cycle: &str,
        attr: &str,
        value: &str,
        selected: u64,
        total: u64,
        from: &str,
        to: &str,
    ) {
        for i in 0..total {
            let id = format!("p{}", self.people.len());
            self.people.push(P::new(&id, from).with(attr, value));
            let outcome = if i < selected { "approved" } else { "declined" };
            let mut n = N::new(cycle, &id, from, to, Some(outcome));
            // Decided before the later cycles open: keeps levels as of
            // each cycle unambiguous.
            n.date = Some(self.decision_day(cycle));
            self.noms.push(n);
        }
    }

    fn decision_day(&self, cycle: &str) -> String {
        let opens = &self
            .cycles
            .iter()
            .find(|(id, _)| id == cycle)
            .expect("the cycle is declared first")
            .1;
        // Two months after opening.
        let (y, rest) = opens.split_at(4);
        let m: u32 = rest[1..3].parse().unwrap();
        let (y, m) = if m > 10 {
            (y.parse::<u32>().unwrap() + 1, m - 10)
        } else {
            (y.parse().unwrap(), m + 2)
        };
        format!("{y}-{m:02}-15")
    }

    pub fn cycle(&mut self, id: &str, opens: &str) {
        self.cycles.push((id.into(), opens.into()));
    }

    pub fn write(&self, dir: &Path) {
        for sub in ["ladders", "people", "cycles", "nominations"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
        }
        fs::copy(
            super::manifest().join("fixtures/demo/ladders/engineering.yaml"),
            dir.join("ladders/engineering.yaml"),
        )
        .unwrap();
        let mut people = String::from("kind: People\npeople:\n");
        people.push_str("  - { id: chair, name: Board Chair, ladder: engineering, level: M8, joined: 2010-01-04 }\n");
        for p in &self.people {
            write!(
                people,
                "  - {{ id: {}, name: Person {}, manager: chair, ladder: engineering, level: {}, joined: {}",
                p.id, p.id, p.level, p.joined
            )
            .unwrap();
            for (k, v) in &p.attrs {
                write!(people, ", {k}: \"{v}\"").unwrap();
            }
            if let Some(l) = &p.left {
                write!(people, ", left: {l}").unwrap();
            }
            if let Some(l) = &p.level_since {
                write!(people, ", level_since: {l}").unwrap();
            }
            people.push_str(" }\n");
        }
        fs::write(dir.join("people/people.yaml"), people).unwrap();
        for (id, opens) in &self.cycles {
            let (y, rest) = opens.split_at(4);
            let m: u32 = rest[1..3].parse().unwrap();
            let next = |add: u32| {
                let mm = m + add;
                let (yy, mm) = if mm > 12 {
                    (y.parse::<u32>().unwrap() + 1, mm - 12)
                } else {
                    (y.parse().unwrap(), mm)
                };
                format!("{yy}-{mm:02}-28")
            };
            fs::write(
                dir.join(format!("cycles/{id}.yaml")),
                format!(
                    "kind: Cycle\nid: {id}\nopens: {opens}\ncloses: {}\ndecide_by: {}\nboard: [chair]\n",
                    next(1),
                    next(3)
                ),
            )
            .unwrap();
        }
        for (i, n) in self.noms.iter().enumerate() {
            let mut y = format!(
                "kind: Nomination\nid: n{i}\ncycle: {}\ncandidate: {}\nladder: engineering\nfrom_level: {}\nto_level: {}\nnominated_by: chair\nsubmitted: {}\n",
                n.cycle,
                n.candidate,
                n.from,
                n.to,
                self.cycles
                    .iter()
                    .find(|(id, _)| *id == n.cycle)
                    .map_or("2026-01-10".to_owned(), |(_, o)| o.clone()),
            );
            if let Some(o) = &n.outcome {
                write!(y, "decision:\n  outcome: {o}\n").unwrap();
                if let Some(d) = &n.date {
                    writeln!(y, "  date: {d}").unwrap();
                }
            }
            fs::write(dir.join(format!("nominations/n{i}.yaml")), y).unwrap();
        }
        fs::write(dir.join("ladderlint.yaml"), &self.config).unwrap();
    }
}
