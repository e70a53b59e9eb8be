//! A career ladder: its competencies, tracks and levels, and what rules,
//! reports and the diff ask of it (which tracks a level is on, whether it
//! manages people, which competencies apply to it, what it expects when a
//! cumulative ladder leaves a cell empty, band parity).

use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Ladder {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// ISO 4217 code of the bands' currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Each level lists only what is new: a missing expectation means "as
    /// the level below".
    #[serde(default)]
    pub cumulative: bool,
    #[serde(default)]
    pub competencies: Vec<Competency>,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub levels: Vec<Level>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Competency {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// Where the competency applies (everywhere when `None`).
    #[serde(default)]
    pub applies_to: Option<Scope>,
}

/// The levels a competency applies to: those on one of `tracks` (any track
/// when empty) of rank `min_rank` or above.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Scope {
    #[serde(default)]
    pub tracks: Vec<String>,
    #[serde(default)]
    pub min_rank: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Track {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub manages_people: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Level {
    pub id: String,
    pub track: Tracks,
    pub rank: i64,
    #[serde(default)]
    pub title: String,
    /// Free text on the level's scope, which many ladders lead with.
    #[serde(default)]
    pub summary: Option<String>,
    /// Overrides the track's `manages_people` for this level.
    #[serde(default)]
    pub manages_people: Option<bool>,
    #[serde(default)]
    pub band: Option<Band>,
    #[serde(default)]
    pub expectations: BTreeMap<String, String>,
}

/// The track or tracks of a level: `track: ic`, or `track: [ic,
/// management]` for a level shared by several tracks (the early levels
/// before a ladder forks).
#[derive(Clone, Debug, Default)]
pub struct Tracks {
    ids: Vec<String>,
    /// Written as a list (pointers then name an item: `/track/1`).
    list: bool,
    /// The ids joined with ", ", for messages and reports.
    label: String,
}

impl Tracks {
    pub fn one(id: &str) -> Tracks {
        Tracks {
            ids: vec![id.to_owned()],
            list: false,
            label: id.to_owned(),
        }
    }

    pub fn many(ids: Vec<String>) -> Tracks {
        if ids.len() == 1 {
            return Tracks::one(&ids[0]);
        }
        Tracks {
            label: ids.join(", "),
            ids,
            list: true,
        }
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }
    pub fn contains(&self, track: &str) -> bool {
        self.ids.iter().any(|t| t == track)
    }
    /// Whether two levels have a track in common.
    pub fn shares(&self, other: &Tracks) -> bool {
        self.ids.iter().any(|t| other.contains(t))
    }
    /// On more than one track.
    pub fn is_shared(&self) -> bool {
        self.ids.len() > 1
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The pointer suffix of track `j` (`/track` or `/track/j`).
    pub fn pointer(&self, j: usize) -> String {
        if self.list {
            format!("/track/{j}")
        } else {
            "/track".to_owned()
        }
    }
}

/// Equal when the ids are, however written (`ic` and `[ic]`).
impl PartialEq for Tracks {
    fn eq(&self, other: &Tracks) -> bool {
        self.ids == other.ids
    }
}

impl Eq for Tracks {}

impl std::fmt::Display for Tracks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl<'de> Deserialize<'de> for Tracks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Many(Vec<String>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(s) => Tracks::one(&s),
            Raw::Many(v) => Tracks {
                label: v.join(", "),
                ids: v,
                list: true,
            },
        })
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub struct Band {
    pub min: f64,
    pub max: f64,
}

impl Band {
    pub fn midpoint(&self) -> f64 {
        (self.min + self.max) / 2.0
    }
}

/// A text of a level that wording rules read: its summary or one of its
/// expectations.
pub struct LevelText<'a> {
    /// The pointer within the level (`/summary`, `/expectations/technical`).
    pub pointer: String,
    /// The competency of an expectation; `None` for the summary.
    pub competency: Option<&'a str>,
    pub value: &'a str,
}

/// One reference token of a JSON pointer.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Level {
    /// Every free text of the level: its summary, then its expectations.
    pub fn texts(&self) -> Vec<LevelText<'_>> {
        let mut out = Vec::new();
        if let Some(s) = &self.summary {
            out.push(LevelText {
                pointer: "/summary".to_owned(),
                competency: None,
                value: s,
            });
        }
        for (c, value) in &self.expectations {
            out.push(LevelText {
                pointer: format!("/expectations/{}", escape(c)),
                competency: Some(c),
                value,
            });
        }
        out
    }
}

impl Competency {
    /// Whether the competency applies to `level`. A level shared by several
    /// tracks is held by people on each of them, so a competency scoped to
    /// some tracks applies to it only when it applies on all of them (a
    /// people-management competency does not reach the shared early levels).
    pub fn applies_to(&self, level: &Level) -> bool {
        let Some(scope) = &self.applies_to else {
            return true;
        };
        let tracks_ok =
            scope.tracks.is_empty() || level.track.ids().iter().all(|t| scope.tracks.contains(t));
        tracks_ok && scope.min_rank.is_none_or(|r| level.rank >= r)
    }

    /// "`id` (Title)", or "`id`" without a title.
    pub fn name(&self) -> String {
        if self.title.is_empty() {
            format!("`{}`", self.id)
        } else {
            format!("`{}` ({})", self.id, self.title)
        }
    }
}

/// Where each level's expectations come from, for every competency of the
/// ladder: its own text, or in a cumulative ladder the nearest level below
/// (on any of its tracks) that states one and to which the competency
/// applies.
#[derive(Clone, Debug, Default)]
pub struct Cells {
    /// The levels directly below each level: on each of its tracks, the
    /// highest level of lower rank.
    pub below: Vec<Vec<usize>>,
    /// `source[level][competency]`: the level whose text applies.
    source: Vec<Vec<Option<usize>>>,
}

impl Cells {
    /// What level `i` expects for competency number `c`, and the level
    /// that says it.
    pub fn expectation<'a>(
        &self,
        ladder: &'a Ladder,
        i: usize,
        c: usize,
    ) -> Option<(usize, &'a str)> {
        let k = (*self.source.get(i)?.get(c)?)?;
        let comp = ladder.competencies.get(c)?;
        let text = ladder.levels.get(k)?.expectations.get(&comp.id)?;
        Some((k, text))
    }
}

/// Two levels of equal rank whose bands are compared for parity: the
/// non-managing level and the people-managing one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParityPair {
    /// Level indices.
    pub level: usize,
    pub managing: usize,
    pub midpoint: f64,
    pub managing_midpoint: f64,
    /// `(midpoint - managing_midpoint) / managing_midpoint`: negative when
    /// the non-managing level pays less.
    pub gap: f64,
    /// Below the managing midpoint by more than the tolerance.
    pub flagged: bool,
}

impl Ladder {
    /// The track `id`, with its index.
    pub fn track(&self, id: &str) -> Option<(usize, &Track)> {
        self.tracks.iter().enumerate().find(|(_, t)| t.id == id)
    }

    /// Whether the people at `level` manage people: the level's own
    /// `manages_people`, else its tracks'. A level shared by several tracks
    /// manages people only when every one of them does (someone on its
    /// non-managing track holds it without reports). `None` when that
    /// depends on a track the ladder does not declare (`ref/unknown`).
    pub fn manages_people(&self, level: &Level) -> Option<bool> {
        if let Some(m) = level.manages_people {
            return Some(m);
        }
        if level.track.ids().is_empty() {
            return None;
        }
        let mut all = true;
        for t in level.track.ids() {
            match self.track(t) {
                Some((_, track)) if !track.manages_people => return Some(false),
                Some(_) => {}
                None => all = false,
            }
        }
        all.then_some(true)
    }

    /// The levels of each track, as `(index, level)` in file order, tracks
    /// in order of first appearance. A level shared by several tracks is in
    /// each of them.
    pub fn by_track(&self) -> Vec<(&str, Vec<(usize, &Level)>)> {
        let mut out: Vec<(&str, Vec<(usize, &Level)>)> = Vec::new();
        for (i, level) in self.levels.iter().enumerate() {
            for t in level.track.ids() {
                match out.iter_mut().find(|(x, _)| x == t) {
                    // A track listed twice (a schema error) counts once.
                    Some((_, levels)) if levels.last().is_some_and(|(j, _)| *j == i) => {}
                    Some((_, levels)) => levels.push((i, level)),
                    None => out.push((t, vec![(i, level)])),
                }
            }
        }
        out
    }

    /// The levels of each track sorted by rank (stable: file order within a
    /// rank), for rules about "as rank rises".
    pub fn by_track_and_rank(&self) -> Vec<(&str, Vec<(usize, &Level)>)> {
        let mut tracks = self.by_track();
        for (_, levels) in &mut tracks {
            levels.sort_by_key(|(_, l)| l.rank);
        }
        tracks
    }

    /// The levels directly below level `i`: on each of its tracks, the
    /// highest level of lower rank (sorted, without repeats).
    pub fn below(&self, i: usize) -> Vec<usize> {
        self.cells().below.get(i).cloned().unwrap_or_default()
    }

    /// What level `i` expects for `competency`, and the level that says it
    /// (see `Cells`). `None` when nothing is stated.
    pub fn expectation(&self, i: usize, competency: &str) -> Option<(usize, &str)> {
        let c = self.competencies.iter().position(|c| c.id == competency)?;
        self.cells().expectation(self, i, c)
    }

    /// Every level's expectations as they read: computed once, in time
    /// linear in the ladder's size (times its tracks and a logarithm), so
    /// that rules asking about every cell of a large ladder stay fast.
    pub fn cells(&self) -> Cells {
        let n = self.levels.len();
        // Level indices in rank order (file order within a rank).
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| self.levels[i].rank);
        // For each track, the levels seen so far as (rank, index), ranks
        // rising.
        let mut seen: Vec<Vec<(i64, usize)>> = Vec::new();
        let mut track_of: HashMap<&str, usize> = HashMap::new();
        let mut below: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &i in &order {
            let level = &self.levels[i];
            for t in level.track.ids() {
                let Some(&ti) = track_of.get(t.as_str()) else {
                    continue;
                };
                let list = &seen[ti];
                // The last level of rank below this one (highest rank, then
                // the last in file order).
                let k = list.partition_point(|(r, _)| *r < level.rank);
                if let Some(&(_, j)) = k.checked_sub(1).map(|k| &list[k]) {
                    below[i].push(j);
                }
            }
            below[i].sort_unstable();
            below[i].dedup();
            for t in level.track.ids() {
                let ti = *track_of.entry(t.as_str()).or_insert_with(|| {
                    seen.push(Vec::new());
                    seen.len() - 1
                });
                if seen[ti].last().map(|(_, j)| *j) != Some(i) {
                    seen[ti].push((level.rank, i));
                }
            }
        }
        let c = self.competencies.len();
        let mut source: Vec<Vec<Option<usize>>> = vec![vec![None; c]; n];
        for &i in &order {
            for (ci, comp) in self.competencies.iter().enumerate() {
                source[i][ci] = if self.levels[i].expectations.contains_key(&comp.id) {
                    Some(i)
                } else if self.cumulative {
                    below[i]
                        .iter()
                        .filter(|&&k| comp.applies_to(&self.levels[k]))
                        .find_map(|&k| source[k][ci])
                } else {
                    None
                };
            }
        }
        Cells { below, source }
    }

    /// The competencies that apply to `level`, with their indices.
    pub fn competencies_of<'a>(
        &'a self,
        level: &'a Level,
    ) -> impl Iterator<Item = (usize, &'a Competency)> + 'a {
        self.competencies
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.applies_to(level))
    }

    /// Every pair of levels of equal rank, one not managing people and one
    /// managing people, that both have a band: the band parity that
    /// `ladder/band-parity` checks and reports show. `flagged` when the
    /// non-managing midpoint is below the managing one by more than
    /// `tolerance` (a fraction). Pairs in level order.
    pub fn band_parity(&self, tolerance: f64) -> Vec<ParityPair> {
        let mut out = Vec::new();
        for (i, ic) in self.levels.iter().enumerate() {
            let Some(ic_band) = ic.band else { continue };
            if self.manages_people(ic) != Some(false) {
                continue;
            }
            for (m, mgr) in self.levels.iter().enumerate() {
                let Some(mgr_band) = mgr.band else { continue };
                if mgr.rank != ic.rank || self.manages_people(mgr) != Some(true) {
                    continue;
                }
                let (ours, theirs) = (ic_band.midpoint(), mgr_band.midpoint());
                if theirs <= 0.0 {
                    continue;
                }
                out.push(ParityPair {
                    level: i,
                    managing: m,
                    midpoint: ours,
                    managing_midpoint: theirs,
                    gap: (ours - theirs) / theirs,
                    flagged: ours < theirs * (1.0 - tolerance),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder(v: serde_json::Value) -> Ladder {
        serde_json::from_value(v).unwrap()
    }

    fn sample() -> Ladder {
        ladder(serde_json::json!({
            "id": "eng",
            "cumulative": true,
            "competencies": [
                {"id": "craft"},
                {"id": "people", "applies_to": {"tracks": ["management"], "min_rank": 3}}
            ],
            "tracks": [
                {"id": "ic", "manages_people": false},
                {"id": "management", "manages_people": true}
            ],
            "levels": [
                {"id": "E1", "track": ["ic", "management"], "rank": 1,
                 "expectations": {"craft": "Builds small features."}},
                {"id": "E2", "track": ["ic", "management"], "rank": 2, "expectations": {}},
                {"id": "E3", "track": "ic", "rank": 3, "expectations": {"craft": "Designs services."}},
                {"id": "M3", "track": "management", "rank": 3, "manages_people": false,
                 "expectations": {"people": "Leads a project team."}},
                {"id": "M4", "track": "management", "rank": 4, "band": {"min": 10, "max": 20},
                 "expectations": {}},
                {"id": "E4", "track": "ic", "rank": 4, "band": {"min": 8, "max": 12},
                 "expectations": {}}
            ]
        }))
    }

    #[test]
    fn tracks_read_one_or_many() {
        let l = sample();
        assert_eq!(l.levels[0].track.ids(), ["ic", "management"]);
        assert_eq!(l.levels[0].track.label(), "ic, management");
        assert_eq!(l.levels[0].track.pointer(1), "/track/1");
        assert_eq!(l.levels[2].track.pointer(0), "/track");
        assert!(l.levels[0].track.shares(&l.levels[3].track));
        assert!(!l.levels[2].track.shares(&l.levels[3].track));
    }

    #[test]
    fn shared_levels_are_on_each_track() {
        let l = sample();
        let tracks = l.by_track_and_rank();
        let ids = |t: &str| -> Vec<&str> {
            tracks
                .iter()
                .find(|(x, _)| *x == t)
                .unwrap()
                .1
                .iter()
                .map(|(_, lv)| lv.id.as_str())
                .collect()
        };
        assert_eq!(ids("ic"), ["E1", "E2", "E3", "E4"]);
        assert_eq!(ids("management"), ["E1", "E2", "M3", "M4"]);
        assert_eq!(l.below(3), [1]);
        assert_eq!(l.below(1), [0]);
    }

    #[test]
    fn manages_people_per_level_overrides_the_track() {
        let l = sample();
        assert_eq!(l.manages_people(&l.levels[0]), Some(false)); // shared with ic
        assert_eq!(l.manages_people(&l.levels[3]), Some(false)); // overridden
        assert_eq!(l.manages_people(&l.levels[4]), Some(true));
        let mut lv = l.levels[4].clone();
        lv.track = Tracks::one("nowhere");
        assert_eq!(l.manages_people(&lv), None);
    }

    #[test]
    fn scope_by_track_and_rank() {
        let l = sample();
        let people = &l.competencies[1];
        assert!(!people.applies_to(&l.levels[0])); // shared: not on every track of the scope
        assert!(!people.applies_to(&l.levels[2])); // ic
        assert!(people.applies_to(&l.levels[3]));
        let mut m2 = l.levels[3].clone();
        m2.rank = 2;
        assert!(!people.applies_to(&m2)); // below min_rank
    }

    #[test]
    fn cumulative_cells_read_as_below() {
        let l = sample();
        assert_eq!(
            l.expectation(1, "craft"),
            Some((0, "Builds small features."))
        );
        assert_eq!(
            l.expectation(4, "craft"),
            Some((0, "Builds small features."))
        );
        assert_eq!(l.expectation(5, "craft"), Some((2, "Designs services.")));
        assert_eq!(
            l.expectation(4, "people"),
            Some((3, "Leads a project team."))
        );
        let mut flat = l.clone();
        flat.cumulative = false;
        assert_eq!(flat.expectation(1, "craft"), None);
    }

    #[test]
    fn parity_pairs_compare_equal_ranks() {
        let l = sample();
        let pairs = l.band_parity(0.05);
        assert_eq!(pairs.len(), 1);
        let p = pairs[0];
        assert_eq!((p.level, p.managing), (5, 4));
        assert_eq!((p.midpoint, p.managing_midpoint), (10.0, 15.0));
        assert!((p.gap - (-1.0 / 3.0)).abs() < 1e-12);
        assert!(p.flagged);
        assert!(!l.band_parity(0.5)[0].flagged);
    }
}
