#!/usr/bin/env bash
# Installs the ladderlint binary for the GitHub Action.
# 1. The release archive for the action's tag, verified against the SHA-256
#    pinned in this action's own commit (action/checksums.txt). The archive
#    may come from the runner's cache (restored by action.yml) or be
#    downloaded; either way it is used only when its checksum matches. A
#    cached archive that does not match is deleted and downloaded again.
# 2. Otherwise `cargo install --locked --force --path` of the action's own checkout.
#    A built binary is never taken from a cache: nothing pinned could
#    verify it, and a binary's `--version` proves nothing about its code.
#
# Environment: ACTION_PATH, ACTION_REF (the action's tag), and for tests
# LADDERLINT_BIN (use that binary), LADDERLINT_RELEASE_URL (where release
# archives are downloaded from), LADDERLINT_ARCHIVE_DIR (the cached folder).
set -euo pipefail

if [ -n "${LADDERLINT_BIN:-}" ]; then
  echo "Using ladderlint at $LADDERLINT_BIN"
  exit 0
fi

target="$(uname -m)-unknown-linux-gnu"
ref="${ACTION_REF:-}"
bin_dir="$HOME/.cargo/bin"
archive_dir="${LADDERLINT_ARCHIVE_DIR:-$HOME/.cache/ladderlint-release}"
release_url="${LADDERLINT_RELEASE_URL:-https://github.com/ladderlint/ladderlint/releases/download}"
mkdir -p "$bin_dir"

pinned=""
if [ -f "$ACTION_PATH/action/checksums.txt" ] && [ -n "$ref" ]; then
  pinned=$(awk -v ref="$ref" -v target="$target" '$1 == ref && $2 == target { print $3 }' "$ACTION_PATH/action/checksums.txt")
fi

verified() {
  [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$pinned" ]
}

if [ -n "$pinned" ]; then
  mkdir -p "$archive_dir"
  archive="$archive_dir/ladderlint-$ref-$target.tar.gz"
  downloaded=false
  if [ -f "$archive" ] && ! verified "$archive"; then
    echo "::warning title=ladderlint::the cached release archive does not match its pinned checksum; downloading it again"
    rm -f "$archive"
  fi
  if [ ! -f "$archive" ]; then
    if curl -fsSL --retry 3 -o "$archive.part" "$release_url/$ref/ladderlint-$target.tar.gz"; then
      mv "$archive.part" "$archive"
      downloaded=true
    else
      rm -f "$archive.part"
    fi
  fi
  if verified "$archive"; then
    tmp=$(mktemp -d)
    tar -xzf "$archive" -C "$tmp" ladderlint
    install -m 0755 "$tmp/ladderlint" "$bin_dir/ladderlint"
    echo "$bin_dir" >> "${GITHUB_PATH:-/dev/null}"
    echo "downloaded=$downloaded" >> "${GITHUB_OUTPUT:-/dev/null}"
    echo "Installed the $ref release of ladderlint (checksum verified)"
    exit 0
  fi
  if [ -f "$archive" ]; then
    rm -f "$archive"
    echo "::error title=ladderlint::the downloaded release archive does not match its pinned checksum"
    exit 2
  fi
  echo "::warning title=ladderlint::release download failed; building from source"
fi

cargo install --locked --path "$ACTION_PATH" --root "$HOME/.cargo"
echo "$bin_dir" >> "${GITHUB_PATH:-/dev/null}"
