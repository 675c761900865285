"""Jupyter server configuration for the Galata browser tests.

Never use it outside tests: it turns off authentication (Galata drives the page without a token).
"""

import os
import tempfile
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is defined by the config loader)

c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.ip = "127.0.0.1"  # noqa: F821
c.ServerApp.port = int(os.environ.get("UI_TESTS_PORT", "8898"))  # noqa: F821

# Keep the learner's progress of a test run apart from any real one.
_state = Path(tempfile.mkdtemp(prefix="airoadmap-ui-tests-"))
c.AiroadmapLab.progress_url = f"sqlite:///{_state / 'progress.sqlite3'}"  # noqa: F821
c.ServerApp.jpserver_extensions = {"airoadmap_lab": True}  # noqa: F821
