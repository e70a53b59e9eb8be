#!/usr/bin/env bash
# Run the pre-commit hook test (tests/precommit.rs) against the real
# pre-commit from PyPI, installed in a virtual environment under target/.
#
#   scripts/precommit-test.sh            install pre-commit if needed, run the test
#   scripts/precommit-test.sh --install  install pre-commit if needed, print its path
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/pre-commit-venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit>=4,<5' >&2
fi
PRE_COMMIT="$PWD/$venv/bin/pre-commit"
if [ "${1:-}" = --install ]; then
  echo "$PRE_COMMIT"
  exit 0
fi
export PRE_COMMIT
exec cargo test --locked --test precommit
