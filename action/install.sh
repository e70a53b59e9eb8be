#!/usr/bin/env bash
# Installs the ladderlint binary for the GitHub Action.
# 1. A release binary for the action's tag, verified against the checksum
#    pinned in this repository (action/checksums.txt), when one exists.
# 2. Otherwise `cargo install --locked --path` of the action's own checkout.
set -euo pipefail

if [ -n "${LADDERLINT_BIN:-}" ]; then
  echo "Using ladderlint at $LADDERLINT_BIN"
  exit 0
fi

target="$(uname -m)-unknown-linux-gnu"
ref="${ACTION_REF:-}"
bin_dir="$HOME/.cargo/bin"
mkdir -p "$bin_dir"

pinned=""
if [ -f "$ACTION_PATH/action/checksums.txt" ] && [ -n "$ref" ]; then
  pinned=$(awk -v ref="$ref" -v target="$target" '$1 == ref && $2 == target { print $3 }' "$ACTION_PATH/action/checksums.txt")
fi

if [ -n "$pinned" ]; then
  url="https://github.com/ladderlint/ladderlint/releases/download/$ref/ladderlint-$target.tar.gz"
  tmp=$(mktemp -d)
  if curl -fsSL --retry 3 -o "$tmp/ladderlint.tar.gz" "$url"; then
    echo "$pinned  $tmp/ladderlint.tar.gz" | sha256sum -c --quiet -
    tar -xzf "$tmp/ladderlint.tar.gz" -C "$tmp"
    install -m 0755 "$tmp/ladderlint" "$bin_dir/ladderlint"
    echo "$bin_dir" >> "$GITHUB_PATH"
    echo "Installed the $ref release of ladderlint (checksum verified)"
    exit 0
  fi
  echo "::warning title=ladderlint::release download failed; building from source"
fi

if [ -x "$bin_dir/ladderlint" ] && [ "$("$bin_dir/ladderlint" --version)" = "ladderlint $(sed -n 's/^version = "\(.*\)"/\1/p' "$ACTION_PATH/Cargo.toml" | head -1)" ]; then
  echo "Using the cached ladderlint build"
else
  cargo install --locked --path "$ACTION_PATH" --root "$HOME/.cargo"
fi
echo "$bin_dir" >> "$GITHUB_PATH"
