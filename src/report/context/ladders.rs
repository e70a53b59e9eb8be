//! The `ladders` section: each ladder as a grid of levels by rank and
//! track, with bands, band-parity pairs, a chart axis and the balance of
//! gender-coded wording over its expectation texts.

use super::Config;
use crate::model::Ladder;
use crate::repo::{Entry, Repo};
use serde::Serialize;

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

/// `ladder/band-parity`'s tolerance as configured (the grids flag the same
/// pairs as the rule).
pub(super) fn parity_tolerance(config: &Config) -> f64 {
    config
        .options
        .get(&crate::rules::ladder::band_parity::META.id)
        .and_then(|o| o.0.get("tolerance"))
        .and_then(|v| v.as_f64())
        .unwrap_or(0.05)
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

pub(super) fn ladder_grid(repo: &Repo, l: &Entry<Ladder>, tolerance: f64) -> LadderGrid {
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
