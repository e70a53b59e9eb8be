#!/usr/bin/env bash
# Changed-only mode against a full lint, on a generated organisation of
# 100,000 nominations whose branch `change` (made by the generator) adds a
# note to one nomination. Target: `--base` with one changed nomination
# <= 25% of a full lint.
#
# Two ways of running, each timed against its own full lint:
# - in a checkout of the change (`lint --base main` in the working tree):
#   what the GitHub Action and a developer run;
# - on the revisions (`lint --rev change --base main`) in a checkout of
#   `main`: a blob is read from the working tree where the file there is
#   that blob, from git's object database elsewhere;
# - and, for what it costs, the same with no file checked out
#   (`git clone --no-checkout`): every blob from the object database.
# Each with nothing kept from earlier runs (the first run on a machine)
# and after a full lint of `main` (what the Action restores on a pull
# request: its run on a push to the default branch keeps what it read of
# every nomination).
#
#   bench/changed_only.sh
#   N=20000 RUNS=3 bench/changed_only.sh
N=${N:-100000}
RUNS=${RUNS:-4}
. "$(dirname "$0")/common.sh"

# The organisation of bench/compare.sh (same seed), and a checkout of its
# branch `change` beside it.
C=$(corpus "$B/corpus-$N" "$N" 1)
W=$B/corpus-$N-change
if [ ! -d "$W" ]; then
    git -C "$C" worktree prune
    git -C "$C" worktree add -q "$W" change
fi
KEPT=$(git -C "$C" rev-parse --git-common-dir)
case $KEPT in /*) ;; *) KEPT=$C/$KEPT ;; esac
KEPT=$KEPT/ladderlint

hf() { # name, dir, hyperfine arguments...
    local name=$1 dir=$2
    shift 2
    (cd "$dir" && hyperfine --style none -N --ignore-failure --runs "$RUNS" \
        --export-json "$B/results/$name.json" "$@" >&2)
}
# Nothing kept: every run starts without what earlier runs read.
hf co-cold "$W" \
    --prepare "rm -rf $KEPT" -n full "$LL lint --format json --no-cache" \
    --prepare "rm -rf $KEPT" -n base "$LL lint --base main --format json"
hf rev-cold "$C" \
    --prepare "rm -rf $KEPT" -n full "$LL lint --rev change --format json --no-cache" \
    --prepare "rm -rf $KEPT" -n base "$LL lint --rev change --base main --format json"
# No working tree to read from: a clone without a checkout.
N0=$B/corpus-$N-no-checkout
if [ ! -d "$N0" ]; then
    git clone -q --no-checkout "$C" "$N0"
    git -C "$N0" branch -q change origin/change
fi
hf rev-none "$N0" \
    --prepare "rm -rf $N0/.git/ladderlint" -n full "$LL lint --rev change --format json --no-cache" \
    --prepare "rm -rf $N0/.git/ladderlint" -n base "$LL lint --rev change --base main --format json"
# After a full lint of `main`, as the Action's push run leaves it.
rm -rf "$KEPT"
(cd "$C" && "$LL" lint --rev main --format json > /dev/null) || true
hf co-kept "$W" -n base "$LL lint --base main --format json"
hf rev-kept "$C" -n base "$LL lint --rev change --base main --format json"
# What every first run must do at least: read every nomination blob once
# (git's own reader, one thread).
git -C "$C" ls-tree -r --format='%(objectname)' change nominations > "$B/blobs-$N.txt"
hf blobs-$N "$C" "sh -c 'git cat-file --batch < $B/blobs-$N.txt > /dev/null'"

python3 - "$B" "$N" <<'PY'
import json, statistics, sys
B, n = sys.argv[1], int(sys.argv[2])
def med(name, i=0):
    return statistics.median(json.load(open(f"{B}/results/{name}.json"))["results"][i]["times"])
print(f"-- {n:,} nominations, one nomination changed (medians)")
for where, label in (("co", "checkout: lint --base main"), ("rev", "revisions: lint --rev change --base main")):
    full, cold, kept = med(f"{where}-cold", 0), med(f"{where}-cold", 1), med(f"{where}-kept")
    print(f"   {label}")
    print(f"      full lint                 {full:6.2f} s")
    for what, t in (("first run (nothing kept)", cold), ("after a full lint of main", kept)):
        share = t / full
        print(f"      {what:<25} {t:6.2f} s = {100 * share:4.1f}% of it   <= 25%   {'met' if share <= 0.25 else 'MISSED'}")
full, cold = med("rev-none", 0), med("rev-none", 1)
print("   revisions, nothing checked out (clone --no-checkout)")
print(f"      full lint                 {full:6.2f} s")
print(f"      first run (nothing kept)  {cold:6.2f} s = {100 * cold / full:4.1f}% of it")
print(f"   reading every nomination blob (git cat-file, one thread): {med(f'blobs-{n}'):.2f} s")
PY
