#!/usr/bin/env bash
# Set up (if needed) and run every test: linters, pytest (catalog, API, grading), the hostile
# corpus inside its own PID and network namespaces, the course self-test and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"

step() { echo; echo "==> $*"; }

step "ruff"
ruff check .
ruff format --check .
step "mypy (grading, catalog)"
mypy
step "eslint + prettier"
jlpm lint:check

step "pytest"
python -m pytest -m "not hostile and not hub" -p no:cacheprovider

step "pytest: hostile submissions (own PID and network namespaces)"
unshare --pid --fork --mount-proc --net python -m pytest -m hostile -p no:cacheprovider

step "pytest: the classroom on a real JupyterHub (SQLite and PostgreSQL)"
python -m pytest -m hub -p no:cacheprovider

step "course: validate and self-test"
jupyter airoadmap validate
jupyter airoadmap selftest

step "browser tests (Galata, Chromium)"
scripts/ui-tests.sh
