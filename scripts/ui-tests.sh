#!/usr/bin/env bash
# Run the Galata/Playwright browser tests of airoadmap-lab in Chromium.
#
# Expects airoadmap-lab to be installed (with its built labextension) in the Python environment
# whose `jupyter` and `jlpm` are first on PATH. Installs the test's node dependencies from the
# committed ui-tests/yarn.lock, then runs every test; exits non-zero when any test fails.
#
# Environment:
#   CHROMIUM_PATH   the Chromium binary (default /usr/bin/chromium, Debian's package)
#   UI_TESTS_PORT   the port of the JupyterLab server started for the tests (default 8898)
#   extra arguments are passed to `playwright test` (e.g. -g "filter").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here/ui-tests"

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "ui-tests: no Chromium at $CHROMIUM_PATH (install Debian's chromium or set CHROMIUM_PATH)" >&2
  exit 2
fi
if ! command -v jlpm >/dev/null; then
  echo "ui-tests: jlpm not found; put the project's virtualenv bin directory on PATH" >&2
  exit 2
fi

# The server must serve this checkout's build. `pip install -e .` copies the labextension into the
# environment; after that, `jlpm build` changes are not served until it is linked instead.
python3 - "$here/airoadmap_lab/labextension" <<'PY' || exit 2
import filecmp, sys
from pathlib import Path
from jupyter_core.paths import jupyter_path

built = Path(sys.argv[1]).resolve()
for root in jupyter_path("labextensions"):
    served = Path(root) / "airoadmap-lab"
    if served.exists():
        same = served.resolve() == built or not filecmp.dircmp(
            served / "static", built / "static"
        ).diff_files and sorted(p.name for p in (served / "static").iterdir()) == sorted(
            p.name for p in (built / "static").iterdir()
        )
        if not same:
            sys.exit(
                f"ui-tests: {served} is not this checkout's build; run "
                "`jupyter labextension develop --overwrite .` from the repository root"
            )
        break
PY

# Playwright must not try to download its own browsers: the tests use CHROMIUM_PATH.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
jlpm install --immutable
jlpm playwright test "$@"
