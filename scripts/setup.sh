#!/usr/bin/env bash
# Set up everything airoadmap-lab needs, on a fresh Debian machine or an existing checkout:
# a virtual environment in .venv with torch (CPU), the project (frontend built) and, with --test,
# the test tools and the system packages the browser and classroom tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
if [[ $WITH_TEST == 1 ]]; then
  [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || need_apt+=(chromium)
  command -v unshare >/dev/null || need_apt+=(util-linux)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
fi
if ((${#need_apt[@]})); then
  if [[ $(id -u) == 0 ]]; then
    echo "==> apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Please install: ${need_apt[*]} (for example with sudo apt-get install)" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install --upgrade pip
# torch first, pinned: the project's range (torch>=2.2) is then satisfied by this CPU build instead
# of pulling a multi-GB CUDA build.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  echo "==> installing torch (CPU)"
  "${PIP[@]}" install "torch==${TORCH_VERSION:-2.13.0}"
fi
extras=""
[[ $WITH_TEST == 1 ]] && extras="[test,hub]"
echo "==> installing airoadmap-lab${extras} (builds the JupyterLab extension)"
"${PIP[@]}" install -e ".${extras}"
if [[ $WITH_TEST == 1 ]]; then
  # Link (not copy) the built extension, so a frontend rebuild (`jlpm build`) is what the browser gets.
  .venv/bin/jupyter-builder develop --overwrite . >/dev/null
fi
.venv/bin/jupyter labextension list 2>&1 | grep -q "airoadmap-lab.*enabled.*OK" || {
  echo "the airoadmap-lab JupyterLab extension is not enabled" >&2
  exit 1
}

if [[ $WITH_TEST == 1 && ! -x .cache/chp/node_modules/.bin/configurable-http-proxy ]]; then
  echo "==> installing configurable-http-proxy (for the classroom tests)"
  npm install --no-save --no-audit --no-fund --prefix .cache/chp configurable-http-proxy@5 >/dev/null
fi
