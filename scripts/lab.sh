#!/usr/bin/env bash
# Set up (if needed) and open JupyterLab with the AI Engineering Roadmap course.
# Extra arguments go to `jupyter lab` (for example --port 8899 or --no-browser).
# The set-up step does nothing when the sources have not changed since the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p notebooks
args=()
[[ $(id -u) == 0 ]] && args+=(--allow-root)
PATH="$PWD/.venv/bin:$PATH" exec .venv/bin/jupyter lab --notebook-dir=notebooks "${args[@]}" "$@"
