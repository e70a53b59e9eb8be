#!/usr/bin/env bash
# Hostile shapes of one large document: a nomination of the demo with
# 124,000 keys (unexpected top-level keys, answers, votes, and one flow
# mapping on a single line), each linted in full with the release build.
# Prints the wall time, user time and peak memory of each run, and how many
# findings it listed (at most 100 per rule per document, plus one
# "and N more"). Target: each under a second.
#
#   bench/hostile_keys.sh            # N=124000
#   N=20000 bench/hostile_keys.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${N:-124000}
B=$ROOT/target/bench/hostile-keys
rm -rf "$B"
mkdir -p "$B"

cargo build --release --locked --bin ladderlint 2>&1 | tail -n 1 >&2
LL=$ROOT/target/release/ladderlint
FOSEI=nominations/2026h2-fosei.yaml

for shape in top-level answers votes flow; do
    dir=$B/$shape
    cp -r "$ROOT/fixtures/demo" "$dir"
    python3 - "$dir/$FOSEI" "$shape" "$N" <<'EOF'
import sys
path, shape, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(path).read()
if shape == "top-level":
    text += "".join(f"k{i}: v\n" for i in range(n))
elif shape == "answers":
    text = text.replace("answers:\n", "answers:\n" + "".join(f"  q{i}: text\n" for i in range(n)), 1)
elif shape == "votes":
    old = "  votes: { ahmed: approve, okafor: approve, sgarcia: approve }"
    assert old in text
    text = text.replace(old, "  votes:\n" + "".join(f"    p{i}: approve\n" for i in range(n)), 1)
else:
    text += "extra: {" + ", ".join(f"k{i}: v" for i in range(n)) + "}\n"
open(path, "w").write(text)
EOF
    (cd "$dir" && git init -q && git add -A && git -c user.name=b -c user.email=b@example.com commit -qm corpus)
    out=$B/$shape.json
    stats=$( { /usr/bin/time -f "%e %U %M" "$LL" lint --format json "$dir" > "$out"; } 2>&1 | tail -n 1 || true)
    read -r wall user mem <<< "$stats"
    findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$out")
    printf '%-10s %8s keys  wall %6ss  user %6ss  peak %7s KB  findings %s\n' \
        "$shape" "$N" "$wall" "$user" "$mem" "$findings"
done
