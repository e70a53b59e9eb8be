#!/usr/bin/env bash
# Findings are cheap: a full lint of a generated organisation of 20,000
# nominations where about half the nomination files carry a finding, against
# the same organisation with none, and against schema-only; one thread
# against two; peak memory at 100,000 nominations (findings-heavy).
# Targets: >= 15,000 files/s with all rules on the findings-heavy
# organisation (and, whatever the machine, >= 0.75 of schema-only's speed:
# the target's machine ran schema-only at 20,000 files/s), two threads
# >= 1.7x one, peak memory < 800 MB at 100,000, and no loss on a clean
# organisation.
#
#   bench/findings_heavy.sh
#   N=20000 RUNS=5 bench/findings_heavy.sh
#   BIG=0 bench/findings_heavy.sh    # without the 100,000 organisation
N=${N:-20000}
BIG=${BIG:-100000}
RUNS=${RUNS:-5}
. "$(dirname "$0")/common.sh"

HEAVY=$(corpus "$B/heavy-$N" "$N" 7 --violations 0.5)
CLEAN=$(corpus "$B/clean-$N" "$N" 7 --violations 0)

hf() { # name, dir, command...
    local name=$1 dir=$2
    shift 2
    (cd "$dir" && hyperfine --style none --ignore-failure --warmup 1 --runs "$RUNS" \
        --export-json "$B/results/$name.json" "$@" >&2)
}
hf fh-heavy "$HEAVY" \
    -n all "$LL lint --rev HEAD --format json" \
    -n schema "$LL lint --rev HEAD --format json --select schema/" \
    -n one "RAYON_NUM_THREADS=1 $LL lint --rev HEAD --format json"
hf fh-clean "$CLEAN" \
    -n all "$LL lint --rev HEAD --format json" \
    -n schema "$LL lint --rev HEAD --format json --select schema/"
(cd "$HEAVY" && "$LL" lint --rev HEAD --format json > "$B/results/fh-heavy-findings.json") || true
if [ "$BIG" != 0 ]; then
    BIGHEAVY=$(corpus "$B/heavy-$BIG" "$BIG" 7 --violations 0.5)
    (cd "$BIGHEAVY" && /usr/bin/time -v "$LL" lint --rev HEAD --format json 2> "$B/results/fh-time-$BIG.txt" >/dev/null) || true
fi

FILES=$(git -C "$HEAVY" ls-tree -r --name-only HEAD | wc -l)
python3 - "$B" "$FILES" "$N" "$BIG" <<'PY'
import json, re, statistics, sys
B, files, n, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def med(name, i):
    return statistics.median(json.load(open(f"{B}/results/{name}.json"))["results"][i]["times"])
found = json.load(open(f"{B}/results/fh-heavy-findings.json"))
with_findings = len({f["file"] for f in found if f["file"].startswith("nominations/")})
all_, schema, one = med("fh-heavy", 0), med("fh-heavy", 1), med("fh-heavy", 2)
call, cschema = med("fh-clean", 0), med("fh-clean", 1)
rows = [
    (f"findings-heavy, {n:,} nominations, {files:,} files ({with_findings:,} nomination files with findings, {len(found):,} findings)", "", ""),
    ("all rules", f"{all_:.2f} s = {files / all_:,.0f} files/s", ">= 15,000/s", files / all_ >= 15000),
    ("schema only", f"{schema:.2f} s = {files / schema:,.0f} files/s", "", None),
    # The target's own machine ran schema-only at 20,000 files/s: 15,000
    # is 0.75 of it, a share that does not depend on the machine.
    ("all / schema only", f"{schema / all_:.2f} of schema-only's speed", ">= 0.75", schema / all_ >= 0.75),
    ("threads: 1 vs 2", f"{one:.2f} s vs {all_:.2f} s = x{one / all_:.2f}", ">= x1.70", one / all_ >= 1.7),
    (f"clean, {n:,} nominations", "", ""),
    ("all rules", f"{call:.2f} s = {files / call:,.0f} files/s", "", None),
    ("schema only", f"{cschema:.2f} s = {files / cschema:,.0f} files/s", "", None),
]
if big:
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{B}/results/fh-time-{big}.txt").read()).group(1)) / 1024
    rows += [(f"findings-heavy, {big:,} nominations", "", ""),
             ("peak memory", f"{rss:,.0f} MB", "< 800 MB", rss < 800)]
for r in rows:
    if len(r) == 3:
        print(f"-- {r[0]}")
        continue
    what, value, target, ok = r
    status = "" if ok is None else ("met" if ok else "MISSED")
    print(f"   {what:<18} {value:<40} {target:<32} {status}")
PY
