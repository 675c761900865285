#!/usr/bin/env bash
# Set up (if needed) and run every test: the set-up itself (repeatable, in any order), linters,
# pytest (catalog, API, grading), the hostile corpus inside its own PID and network namespaces, the
# classroom on a real JupyterHub, the course self-test, the release (built wheel installed alone
# in a fresh virtual environment) and the browser tests. Prints each stage's duration at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

stages=()
stage_name=""
stage_start=0
SECONDS=0
stage() {
  local now=$SECONDS
  [[ -n $stage_name ]] && stages+=("$(printf '%6ss  %s' $((now - stage_start)) "$stage_name")")
  stage_name="$*"
  stage_start=$now
  [[ -n $stage_name ]] && printf '\n==> %s\n' "$stage_name"
  return 0
}
summary() {
  local status=$?
  local failed=$stage_name
  stage ""
  echo
  echo "==> stage durations"
  printf '%s\n' "${stages[@]}"
  printf '%6ss  total\n' "$SECONDS"
  if ((status != 0)); then
    echo "FAILED in stage: $failed" >&2
  fi
}
trap summary EXIT

stage "set-up (scripts/setup.sh --test)"
scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"

# The set-up must work any number of times and in any order on one checkout: the plain set-up
# (what scripts/lab.sh runs) reinstalling over the test set-up, then the test set-up again.
stage "set-up again: plain after test, then test after plain"
scripts/setup.sh --force
scripts/setup.sh --test
scripts/setup.sh

stage "ruff"
ruff check .
ruff format --check .
stage "mypy (grading, catalog)"
mypy
stage "eslint + prettier"
jlpm lint:check

stage "pytest"
python -m pytest -m "not hostile and not hub" -p no:cacheprovider

stage "pytest: hostile submissions (own PID and network namespaces)"
unshare --pid --fork --mount-proc --net python -m pytest -m hostile -p no:cacheprovider

stage "pytest: the classroom on a real JupyterHub (SQLite and PostgreSQL)"
python -m pytest -m hub -p no:cacheprovider

stage "course: validate and self-test"
jupyter airoadmap validate
jupyter airoadmap selftest

stage "browser tests (Galata, Chromium)"
scripts/ui-tests.sh
