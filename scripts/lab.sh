#!/usr/bin/env bash
# Set up (if needed) and open JupyterLab with the AI Engineering Roadmap course.
# Extra arguments go to `jupyter lab` (for example --port 8899 or --no-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p notebooks
args=()
[[ $(id -u) == 0 ]] && args+=(--allow-root)
exec .venv/bin/jupyter lab --notebook-dir=notebooks "${args[@]}" "$@"
