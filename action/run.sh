#!/usr/bin/env bash
# Runs ladderlint for the GitHub Action: annotations on the changed lines,
# the Markdown summary, optional SARIF and ladder diff, and the outputs.
# Inputs arrive as environment variables only; nothing is spliced into code.
set -uo pipefail

bin="${LADDERLINT_BIN:-ladderlint}"
path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-error}"
case "$fail_on" in
  error|warning|never) ;;
  *) echo "::error title=ladderlint::fail-on must be error, warning or never"; exit 2 ;;
esac

args=(lint "$path")
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
fi

base=""
case "${GITHUB_EVENT_NAME:-}" in
  pull_request)
    base=$(jq -r '.pull_request.base.sha // empty' "$GITHUB_EVENT_PATH")
    ;;
  pull_request_target)
    # That event checks out the base branch: the pull request's changes
    # would not be linted, and a pass would certify code nobody checked.
    echo "::error title=ladderlint::ladderlint does not run on pull_request_target: that event checks out the base branch, so the pull request's own changes would not be linted. Trigger the workflow on pull_request instead."
    exit 2
    ;;
esac
if [ -n "$base" ]; then
  args+=(--base "$base")
fi

out=$(mktemp)
"$bin" "${args[@]}" "${extra[@]}" --format github > "$out"
code=$?
cat "$out"
if [ "$code" -ge 2 ]; then
  echo "::error title=ladderlint::ladderlint failed (exit $code); see the log above"
  exit "$code"
fi

errors=$(grep -c '^::error ' "$out" || true)
warnings=$(grep -c '^::warning ' "$out" || true)
{
  echo "errors=$errors"
  echo "warnings=$warnings"
} >> "${GITHUB_OUTPUT:-/dev/null}"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$bin" "${args[@]}" "${extra[@]}" --format markdown >> "$GITHUB_STEP_SUMMARY" || true
fi
if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  "$bin" "${args[@]}" "${extra[@]}" --format sarif > "$INPUT_SARIF_FILE" || true
fi
# The semantic ladder diff, only when the pull request changes a ladder.
if [ "${INPUT_DIFF:-false}" = "true" ] && [ -n "$base" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  changed=$("$bin" diff "$base" HEAD --root "$path" --format json | jq -r '.summary.ladders_changed // 0') || changed=0
  if [ "$changed" != "0" ]; then
    { echo; "$bin" diff "$base" HEAD --root "$path" --format markdown; } >> "$GITHUB_STEP_SUMMARY" || true
  fi
fi

case "$fail_on" in
  error) [ "$errors" -eq 0 ] ;;
  warning) [ "$((errors + warnings))" -eq 0 ] ;;
  never) true ;;
esac
