# Sourced by bench/changed_only.sh and bench/findings_heavy.sh: the release
# builds of ladderlint and of the corpus generator, where corpora and
# results are kept (target/bench), and generated organisations made once.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/target/bench
mkdir -p "$B/results"

cargo build --release --locked --bin ladderlint --example gen_corpus 2>&1 | tail -n 1 >&2
LL=$ROOT/target/release/ladderlint
GEN=$ROOT/target/release/examples/gen_corpus

# corpus DIR NOMINATIONS SEED [GENERATOR OPTIONS...]: prints DIR, where a
# generated organisation (one person for every five nominations) is made
# unless an earlier run left it whole.
corpus() {
    local dir=$1 n=$2 seed=$3
    shift 3
    if [ ! -f "$dir/expected.json" ]; then
        rm -rf "$dir" "$dir.tmp"
        "$GEN" --nominations "$n" --people $((n / 5)) --seed "$seed" "$@" "$dir.tmp" >&2
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}
