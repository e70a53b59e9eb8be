//! The fairness analysis end to end, on crafted cohorts: the binary's JSON,
//! Markdown and HTML reports and its lint findings. Reference values were
//! computed with SciPy 1.17.1 (`scipy.stats.fisher_exact`) and statsmodels
//! 0.15.0 (`StratifiedTable`, `multipletests`), outside the repository.

mod common;

use common::cohort::{Cohort, N, P};
use common::{ladderlint, run};
use serde_json::Value;
use std::path::Path;

fn report(dir: &Path, args: &[&str]) -> Value {
    let (code, out, err) = run(ladderlint()
        .arg("report")
        .arg(dir)
        .args(["--format", "json"])
        .args(args));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn text(dir: &Path, format: &str, args: &[&str]) -> String {
    let (code, out, err) = run(ladderlint()
        .arg("report")
        .arg(dir)
        .args(["--format", format])
        .args(args));
    assert_eq!(code, 0, "{err}");
    out
}

fn lint(dir: &Path) -> Vec<Value> {
    let (_, out, _) = run(ladderlint().arg("lint").arg(dir).args(["--format", "json"]));
    let all: Vec<Value> = serde_json::from_str(&out).unwrap();
    all.into_iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("fairness/"))
        .collect()
}

fn table<'a>(ctx: &'a Value, measure: &str, attr: &str) -> &'a Value {
    ctx["fairness"][measure]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == attr)
        .unwrap_or_else(|| panic!("no {measure} table for {attr}"))
}

fn row<'a>(t: &'a Value, group: &str) -> &'a Value {
    t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group)
        .unwrap_or_else(|| panic!("no row {group} in {t}"))
}

fn close(got: &Value, want: f64, rel: f64) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {got}"));
    assert!((g - want).abs() <= rel * want.abs(), "got {g}, want {want}");
}

const ONE_ATTR: &str = "fairness:\n  attributes: [org]\n";

/// The Uniform Guidelines' example: 60/100 (reference), 45/100, 48/100,
/// 51/100. 45/100 has ratio 3/4 and p = 0.04716548538301931 against the
/// reference: adverse impact; 48/100 is exactly 4/5: not flagged.
#[test]
fn worked_example_against_the_reference() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "a", 60, 100);
    c.group("2026-H1", "org", "b", 45, 100);
    c.group("2026-H1", "org", "c", 48, 100);
    c.group("2026-H1", "org", "d", 51, 100);
    c.write(tmp.path());
    let ctx = report(tmp.path(), &[]);
    let t = table(&ctx, "approval", "org");
    assert_eq!(t["reference"], "a");
    assert_eq!(t["tests"], 3);
    assert_eq!(row(t, "a")["status"], "reference");
    assert!(row(t, "a")["p_value"].is_null());
    let b = row(t, "b");
    assert_eq!(b["status"], "adverse-impact");
    assert_eq!(b["ratio"]["numerator"], 3);
    assert_eq!(b["ratio"]["denominator"], 4);
    close(&b["p_value"], 0.04716548538301931, 1e-9);
    // 60/100 against 48/100 and 51/100 (SciPy).
    close(&row(t, "c")["p_value"], 0.118388137804041, 1e-9);
    close(&row(t, "d")["p_value"], 0.25495026362395945, 1e-9);
    assert_eq!(row(t, "c")["status"], "ok");
    assert_eq!(row(t, "c")["ratio"]["numerator"], 4);
    assert_eq!(row(t, "c")["ratio"]["denominator"], 5);
    // Shortfalls, both ways: 48 selections reach 4/5 of 60%; at the overall
    // rate of 204/400, 51 were expected.
    assert_eq!(b["shortfall_to_threshold"], 3);
    close(&b["shortfall_to_overall"], 6.0, 1e-12);
    assert_eq!(row(t, "c")["shortfall_to_threshold"], 0);
    // The lint rule reports exactly that group.
    let f = lint(tmp.path());
    assert_eq!(f.len(), 1, "{f:#?}");
    let msg = f[0]["message"].as_str().unwrap();
    assert!(msg.contains("org `b` had 45 of 100"), "{msg}");
    assert!(msg.contains("reference `a`"), "{msg}");
    assert!(msg.contains("p = 0.047"), "{msg}");
    let help = f[0]["help"].as_str().unwrap();
    assert!(
        help.contains("shortfall to the threshold: 3 more"),
        "{help}"
    );
    assert!(
        help.contains("shortfall to the overall rate: 6.0"),
        "{help}"
    );
    // Every format labels both shortfalls.
    for format in ["markdown", "html"] {
        let out = text(tmp.path(), format, &[]);
        assert!(out.contains("Shortfall to 0.8 × reference"), "{format}");
        assert!(out.contains("Shortfall to the overall rate"), "{format}");
        assert!(out.contains("3 tests against the reference"), "{format}");
    }

    // With Holm's correction for the 3 tests, 0.0472 becomes 0.1415
    // (statsmodels `multipletests(method="holm")`): no longer flagged.
    std::fs::write(
        tmp.path().join("ladderlint.yaml"),
        "fairness:\n  attributes: [org]\n  correction: holm\n",
    )
    .unwrap();
    let ctx = report(tmp.path(), &[]);
    let t = table(&ctx, "approval", "org");
    assert_eq!(t["correction"], "holm");
    close(&row(t, "b")["p_adjusted"], 0.14149645614905793, 1e-9);
    assert_eq!(row(t, "b")["status"], "below-threshold-not-significant");
    assert!(lint(tmp.path()).is_empty());
    assert!(text(tmp.path(), "markdown", &[]).contains("p (holm-adjusted)"));
}

/// 164/400 against 200/400: ratio 0.82, at or above four-fifths, but
/// significantly lower (SciPy: p = 0.01290633380299002).
#[test]
fn significant_disparity_above_the_threshold() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "top", 200, 400);
    c.group("2026-H1", "org", "lower", 164, 400);
    c.write(tmp.path());
    let ctx = report(tmp.path(), &[]);
    let t = table(&ctx, "approval", "org");
    let r = row(t, "lower");
    assert_eq!(r["status"], "significant-disparity");
    close(&r["ratio_value"], 0.82, 1e-12);
    close(&r["p_value"], 0.01290633380299002, 1e-9);
    assert_eq!(row(t, "top")["status"], "reference");
    let f = lint(tmp.path());
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("significant disparity"));
}

/// Large populations: 400/1000 against 300/1000 (SciPy: 3.371699707399935e-06)
/// and 5/40 against 500/2000 (0.0936431441054685, not flagged).
#[test]
fn exact_at_a_thousand_people_and_more() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "big", 500, 2000);
    c.group("2026-H1", "org", "small", 5, 40);
    c.write(tmp.path());
    let ctx = report(tmp.path(), &[]);
    let t = table(&ctx, "approval", "org");
    close(&row(t, "small")["p_value"], 0.0936431441054685, 1e-9);
    assert_eq!(row(t, "small")["status"], "below-threshold-not-significant");
}

// ---- Small groups: what an outsider can work out from one report ----

/// Everything an outsider can learn about the hidden groups of each table
/// from the report: their sum (population minus the shown rows, which the
/// pooled row must equal) and the bounds the report states (a group hidden
/// as small has 1 to k - 1 people, a complement k or more). Enumerates
/// every assignment of counts consistent with that and returns the hidden
/// groups under k whose size, selections or rate come out the same in
/// every one. The approval and nomination tables of an attribute must hide
/// the same groups, so neither fills in the other.
fn recovered(ctx: &Value, attr: &str, k: u64) -> Vec<String> {
    let mut out = Vec::new();
    let tables: Vec<&Value> = ["approval", "nomination"]
        .iter()
        .filter_map(|m| {
            ctx["fairness"][*m]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["attribute"] == attr)
        })
        .collect();
    let names = |t: &Value| -> Vec<String> {
        t["hidden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["group"].to_string())
            .collect()
    };
    if let [a, n] = tables.as_slice() {
        // Every group hidden in one table and present in the other is
        // hidden there too.
        for (x, y) in [(a, n), (n, a)] {
            let shown_y: Vec<String> = y["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["group"].to_string())
                .collect();
            for h in names(x) {
                assert!(
                    !shown_y.contains(&h),
                    "{attr}: {h} hidden in one table only"
                );
            }
        }
    }
    for t in &tables {
        let pop = t["population"].as_u64().unwrap();
        let sel = t["population_selected"].as_u64().unwrap();
        let shown_n: u64 = t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["n"].as_u64().unwrap())
            .sum();
        let shown_s: u64 = t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["selected"].as_u64().unwrap())
            .sum();
        let (hn, hs) = (pop - shown_n, sel - shown_s);
        // The pooled row, when shown, must be exactly that sum.
        if !t["pooled"].is_null() {
            assert_eq!(t["pooled"]["n"], hn);
            assert_eq!(t["pooled"]["selected"], hs);
        }
        let hidden = t["hidden"].as_array().unwrap();
        if hidden.is_empty() {
            assert_eq!((hn, hs), (0, 0), "totals minus shown rows leave people");
            continue;
        }
        if hidden.len() == 1 && hidden[0]["reason"] != "withheld" {
            out.push(format!("{attr}: a lone hidden group"));
            continue;
        }
        // Bounds per hidden group, then every assignment.
        let bounds: Vec<(u64, u64)> = hidden
            .iter()
            .map(|h| match h["reason"].as_str().unwrap() {
                "small" => (1, k - 1),
                "complement" => (k, hn),
                _ => (1, hn),
            })
            .collect();
        for (i, h) in hidden.iter().enumerate() {
            // (n, s) is possible for group i when the other hidden groups
            // can make up the rest: their sizes within their bounds, their
            // selections anywhere from none to all of them.
            let (lo_rest, hi_rest) = bounds
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .fold((0u64, 0u64), |(a, b), (_, (lo, hi))| (a + lo, b + hi));
            let (lo, hi) = bounds[i];
            let mut values = std::collections::BTreeSet::new();
            for n in lo..=hi.min(hn) {
                let rest = hn - n;
                if rest < lo_rest || rest > hi_rest {
                    continue;
                }
                for s in 0..=n.min(hs) {
                    if hs - s <= rest {
                        values.insert((n, s));
                    }
                }
            }
            assert!(!values.is_empty(), "no assignment fits the report");
            let sizes: std::collections::BTreeSet<u64> = values.iter().map(|v| v.0).collect();
            let sels: std::collections::BTreeSet<u64> = values.iter().map(|v| v.1).collect();
            let all_zero = values.iter().all(|v| v.1 == 0);
            let all_full = values.iter().all(|v| v.1 == v.0);
            // A group under k in this table: is anything about it pinned?
            let small_here = h["reason"] == "small" || h["reason"] == "withheld";
            if small_here && (sizes.len() == 1 || sels.len() == 1 || all_zero || all_full) {
                out.push(format!(
                    "{attr} {}: {} hidden group {i} pinned ({values:?})",
                    t["measure"], h["reason"]
                ));
            }
        }
    }
    out
}

/// Crafted cohorts for each way a small group used to be exposed.
#[test]
fn no_group_under_k_is_recovered() {
    struct Case {
        name: &'static str,
        groups: &'static [(&'static str, u64, u64)],
    }
    let cases = [
        // One small group: the totals minus the others would give it.
        Case {
            name: "one small",
            groups: &[("a", 9, 20), ("b", 7, 15), ("c", 6, 12), ("tiny", 0, 3)],
        },
        // Two small groups with no approvals: 0% by subtraction.
        Case {
            name: "two small, none approved",
            groups: &[
                ("a", 9, 20),
                ("b", 7, 15),
                ("c", 6, 12),
                ("t1", 0, 2),
                ("t2", 0, 3),
            ],
        },
        // Two groups of 4: the only way to make 8 from two groups under 5.
        Case {
            name: "two of four",
            groups: &[
                ("a", 9, 20),
                ("b", 7, 15),
                ("c", 6, 12),
                ("t1", 1, 4),
                ("t2", 2, 4),
            ],
        },
        // The smallest shown group is flagged: it must not be the
        // complement (its warning would vanish).
        Case {
            name: "flagged smallest",
            groups: &[("a", 18, 20), ("low", 1, 12), ("b", 12, 16), ("tiny", 1, 2)],
        },
        // Only the reference and a flagged group besides the small one.
        Case {
            name: "nothing to hide it with",
            groups: &[("a", 18, 20), ("low", 1, 12), ("tiny", 1, 2)],
        },
        // Everyone in the small groups approved.
        Case {
            name: "all approved",
            groups: &[("a", 9, 20), ("b", 7, 15), ("t1", 3, 3), ("t2", 4, 4)],
        },
    ];
    for case in cases {
        let tmp = tempfile::tempdir().unwrap();
        let mut c = Cohort {
            config: "fairness:\n  attributes: [org, channel, track]\n".into(),
            ..Cohort::default()
        };
        c.cycle("2026-H1", "2026-01-05");
        for (g, s, n) in case.groups {
            c.group("2026-H1", "org", g, *s, *n);
        }
        // Eligible people who were not nominated, in the same groups.
        for (g, _, n) in case.groups {
            for _ in 0..*n {
                let id = format!("p{}", c.people.len());
                c.people.push(P::new(&id, "E3").with("org", g));
            }
        }
        c.write(tmp.path());
        let ctx = report(tmp.path(), &[]);
        let got = recovered(&ctx, "org", 5);
        assert!(got.is_empty(), "{}: {got:#?}", case.name);
        // No flagged group is ever hidden: its warning stays.
        let t = table(&ctx, "approval", "org");
        for h in t["hidden"].as_array().unwrap() {
            if h["reason"] == "complement" {
                let g = h["group"].as_str().unwrap();
                assert!(g != "low", "{}: the flagged group was hidden", case.name);
            }
        }
        if case.name == "flagged smallest" {
            assert_eq!(row(t, "low")["status"], "adverse-impact", "{t:#}");
        }
        if case.name == "nothing to hide it with" {
            assert!(t["groups"].as_array().unwrap().is_empty());
            assert_eq!(t["withheld_flags"], 1);
            let f = lint(tmp.path());
            assert!(
                f.iter().any(|f| f["message"]
                    .as_str()
                    .unwrap()
                    .contains("in a table withheld")),
                "{f:#?}"
            );
            assert!(!f
                .iter()
                .any(|f| f["message"].as_str().unwrap().contains("tiny")));
        }
        // The lint findings never give a small group's numbers.
        for f in lint(tmp.path()) {
            let m = f["message"].as_str().unwrap();
            for (g, _, n) in case.groups {
                if *n < 5 {
                    assert!(!m.contains(&format!("`{g}`")), "{}: {m}", case.name);
                }
            }
        }
    }
}

/// The per-nomination list never shows, beside an outcome, an attribute
/// whose groups are hidden; with `--groups` it is left out.
#[test]
fn per_person_lists_do_not_expose_hidden_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: "fairness:\n  attributes: [org, track, channel]\n".into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "a", 5, 10);
    // Two management promotions: `track` has a group of 2.
    c.group_at("2026-H1", "org", "a", 1, 2, "M5", "M6");
    c.write(tmp.path());
    let ctx = report(tmp.path(), &[]);
    for n in ctx["nominations"].as_array().unwrap() {
        assert!(n["from_level"].is_null() && n["to_level"].is_null(), "{n}");
    }
    let md = text(tmp.path(), "markdown", &[]);
    assert!(!md.contains("M5 →"), "{md}");
    assert!(md.contains("they give the track"));
    // With a groups file, no per-person outcome at all.
    let groups = tmp.path().join("../groups.csv");
    let mut csv = String::from("id,cohort\n");
    for p in &c.people {
        csv.push_str(&format!("{},x\n", p.id));
    }
    std::fs::write(&groups, csv).unwrap();
    let g = groups.to_str().unwrap();
    let ctx = report(tmp.path(), &["--groups", g]);
    assert!(ctx["nominations"].as_array().unwrap().is_empty());
    assert!(ctx["problems"].as_array().unwrap().is_empty());
    assert!(ctx["summary"]["problems"].as_u64().unwrap() > 0);
    for format in ["markdown", "html"] {
        let out = text(tmp.path(), format, &["--groups", g]);
        assert!(
            !out.contains("Person p1") && !out.contains("nominations/n1.yaml"),
            "{format} shows an outcome per person"
        );
        assert!(out.contains("listed in the report built without --groups"));
    }
}

// ---- The eligible population of a cycle ----

#[test]
fn eligible_as_of_the_cycle() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "a", 3, 6);
    let mut extra = vec![
        // Eligible: employed, E3 has E4 above.
        P::new("e1", "E3").with("org", "a"),
        // Joined after the cycle opened.
        P::new("late", "E3").with("org", "a"),
        // Left before it opened.
        P::new("gone", "E3").with("org", "a"),
        // Left after it opened: eligible for it.
        P::new("stayed", "E3").with("org", "a"),
        // At the top: no level above.
        P::new("top", "E8").with("org", "a"),
        // Now E8, but promoted from E7 in a later cycle: eligible then.
        P::new("risen", "E8").with("org", "a"),
    ];
    extra[1].joined = "2026-02-01".into();
    extra[2].left = Some("2025-12-31".into());
    extra[3].left = Some("2026-03-01".into());
    c.people.extend(extra);
    c.cycle("2026-H2", "2026-07-06");
    c.noms.push({
        let mut n = N::new("2026-H2", "risen", "E7", "E8", Some("approved"));
        n.date = Some("2026-09-15".into());
        n
    });
    let before = {
        c.write(tmp.path());
        report(tmp.path(), &["--cycle", "2026-H1"])
    };
    let e = &before["fairness"]["eligibility"];
    // 6 nominated + e1 + stayed + risen.
    assert_eq!(before["fairness"]["eligible"], 9, "{e:#}");
    assert_eq!(e["joined_after"], 1);
    assert_eq!(e["left_before"], 1);
    // `top` and the board's chair (M8).
    assert_eq!(e["no_level_above"], 2);
    assert_eq!(e["levels_reconstructed"], 1);
    assert_eq!(e["as_of"], "2026-01-05");

    // A later cycle promotes e1 and someone leaves: the old cycle's report
    // does not change.
    c.noms.push({
        let mut n = N::new("2026-H2", "e1", "E3", "E4", Some("approved"));
        n.date = Some("2026-09-15".into());
        n
    });
    for p in &mut c.people {
        if p.id == "e1" {
            p.level = "E4".into();
        }
        if p.id == "p0" {
            p.left = Some("2026-05-01".into());
        }
    }
    c.write(tmp.path());
    let after = report(tmp.path(), &["--cycle", "2026-H1"]);
    for key in ["approval", "nomination", "eligible", "by_level"] {
        assert_eq!(before["fairness"][key], after["fairness"][key], "{key}");
    }
    // Only the count of levels taken back changed (e1's E4 is now E3).
    assert_eq!(after["fairness"]["eligibility"]["levels_reconstructed"], 2);

    // Minimum time in level: e1 at E3 since joining on 2020-01-06 (6
    // years); `level_since` on someone else makes them too recent.
    for p in &mut c.people {
        if p.id == "stayed" {
            p.level_since = Some("2025-11-01".into());
        }
    }
    c.config = "fairness:\n  attributes: [org]\n  min_time_in_level: 12\n".into();
    c.write(tmp.path());
    let ctx = report(tmp.path(), &["--cycle", "2026-H1"]);
    assert_eq!(ctx["fairness"]["eligibility"]["too_recent"], 1);
    assert_eq!(ctx["fairness"]["eligible"], 8);
}

// ---- Several cycles, and strata ----

/// Three cycles, group `g` against reference `r`: 6/20 vs 10/20, 5/20 vs
/// 9/20, 7/20 vs 11/20. statsmodels `StratifiedTable`: CMH statistic 4.125
/// (continuity-corrected), p = 0.04225402065442241, Mantel-Haenszel odds
/// ratio 0.42583732057416274; crude 18/60 vs 30/60, Fisher p =
/// 0.03987541312892408 (SciPy).
#[test]
fn trend_over_cycles() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    for (id, opens, gs, rs) in [
        ("2025-H1", "2025-01-06", 6, 10),
        ("2025-H2", "2025-07-07", 5, 9),
        ("2026-H1", "2026-01-05", 7, 11),
    ] {
        c.cycle(id, opens);
        c.group(id, "org", "g", gs, 20);
        c.group(id, "org", "r", rs, 20);
    }
    c.write(tmp.path());
    let ctx = report(tmp.path(), &["--cycles", "2025-H1..2026-H1"]);
    assert_eq!(ctx["cycle"]["id"], "2026-H1");
    let trend = &ctx["trend"];
    assert_eq!(
        trend["cycles"],
        serde_json::json!(["2025-H1", "2025-H2", "2026-H1"])
    );
    let t = trend["approval"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["attribute"] == "org")
        .unwrap();
    assert_eq!(t["reference"], "r");
    let g = t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["group"] == "g")
        .unwrap();
    assert_eq!(g["cycles"][1]["selected"], 5);
    let p = &g["pooled"];
    close(&p["stratified"]["statistic"], 4.125, 1e-9);
    close(&p["stratified"]["p_value"], 0.04225402065442241, 1e-9);
    close(&p["stratified"]["odds_ratio"], 0.42583732057416274, 1e-12);
    close(&p["crude_p_value"], 0.03987541312892408, 1e-9);
    assert_eq!(p["disagree"], false);
    // --last 2: the two latest cycles.
    let ctx = report(tmp.path(), &["--last", "2"]);
    assert_eq!(
        ctx["trend"]["cycles"],
        serde_json::json!(["2025-H2", "2026-H1"])
    );
    // Rendered in Markdown and HTML.
    let md = text(tmp.path(), "markdown", &["--last", "3"]);
    assert!(
        md.contains("## Fairness over cycles 2025-H1 to 2026-H1"),
        "{md}"
    );
    let html = text(tmp.path(), "html", &["--last", "3"]);
    assert!(html.contains("<polyline"));
    // Bad ranges are errors.
    let (code, _, err) = run(ladderlint()
        .arg("report")
        .arg(tmp.path())
        .args(["--cycles", "2026-H1..2025-H1"]));
    assert_eq!(code, 2);
    assert!(err.contains("give the older cycle first"), "{err}");
}

/// Simpson's paradox within one cycle: group `x` is approved 18 of 20 at
/// E5 and 12 of 80 at E6, reference `y` 85 of 100 and 4 of 20. Crude, `x`
/// looks far worse (30/100 against 89/120, Fisher p = 4.5051722506344195e-11);
/// within each level it does as well (statsmodels: Mantel-Haenszel odds
/// ratio 1.008058017727639, CMH p = 0.9870472741937288 with no continuity
/// correction, the sum of differences being under 0.5). Flagged as a
/// disagreement.
#[test]
fn stratified_by_target_level() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: ONE_ATTR.into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group_at("2026-H1", "org", "x", 18, 20, "E4", "E5");
    c.group_at("2026-H1", "org", "x", 12, 80, "E5", "E6");
    c.group_at("2026-H1", "org", "y", 85, 100, "E4", "E5");
    c.group_at("2026-H1", "org", "y", 4, 20, "E5", "E6");
    c.write(tmp.path());
    let ctx = report(tmp.path(), &[]);
    let b = ctx["fairness"]["by_level"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["attribute"] == "org")
        .unwrap();
    assert_eq!(b["levels"], 2);
    let cmp = &b["comparisons"][0];
    assert_eq!(cmp["group"], "x");
    assert_eq!(cmp["reference"], "y");
    close(&cmp["crude_p_value"], 4.5051722506344195e-11, 1e-8);
    close(&cmp["crude_odds_ratio"], 0.1492776886035313, 1e-12);
    close(&cmp["stratified"]["odds_ratio"], 1.008058017727639, 1e-12);
    close(&cmp["stratified"]["p_value"], 0.9870472741937288, 1e-9);
    assert_eq!(cmp["disagree"], true);
    // The crude table is the shown approval row.
    assert_eq!(
        row(table(&ctx, "approval", "org"), "x")["status"],
        "adverse-impact"
    );
    let md = text(tmp.path(), "markdown", &[]);
    assert!(md.contains("significant crude, not within strata"), "{md}");
}

/// The new settings are checked like the others: a clear error at the
/// value, exit code 2.
#[test]
fn fairness_settings_are_validated() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Cohort {
        config: "fairness:\n  correction: bonferroni\n  min_time_in_level: -3\n".into(),
        ..Cohort::default()
    };
    c.cycle("2026-H1", "2026-01-05");
    c.group("2026-H1", "org", "a", 1, 2);
    c.write(tmp.path());
    let (code, out, err) = run(ladderlint().arg("lint").arg(tmp.path()));
    assert_eq!(code, 2, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains(
            "`fairness.correction` must be one of `none`, `holm`, `bh`, found `bonferroni`"
        ),
        "{all}"
    );
    assert!(
        all.contains("`fairness.min_time_in_level` must be a whole number of months"),
        "{all}"
    );
}
