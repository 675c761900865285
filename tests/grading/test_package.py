"""The grading package stays free of the server stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_grading_does_not_import_tornado_or_jupyter_server():
    code = (
        "import sys, airoadmap_lab.grading, airoadmap_lab.grading.selftest\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tornado', 'jupyter_server')]\n"
        "assert not bad, bad\n"
    )
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, PYTHONPATH=path)
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


def test_public_api_is_exported():
    from airoadmap_lab.grading import (  # noqa: F401
        ExerciseFiles,
        Grader,
        GradeResult,
        GradeStatus,
        SandboxConfig,
    )
    from airoadmap_lab.grading.selftest import (  # noqa: F401
        SelftestOutcome,
        format_selftest,
        run_selftest,
    )
