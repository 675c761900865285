"""The classroom grading service: a JupyterHub managed service holding the full course.

Started by the hub (``python -m airoadmap_lab.hub``), it reads JUPYTERHUB_SERVICE_URL,
JUPYTERHUB_SERVICE_PREFIX and JUPYTERHUB_API_TOKEN from its environment, grades students' code
with the same engine as a personal server, and keeps every attempt in a SQLAlchemy database
(SQLite or PostgreSQL). It keeps no state outside that database, so it can run as several
replicas behind one Kubernetes Service.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth
from tornado import web
from traitlets import Enum, Float, Int, List, Unicode, default
from traitlets.config import Application

from ..admission import FairAdmission
from ..backends import LocalBackend
from ..catalog import builtin_course_dir, load_course
from ..grading import Grader
from ..grading_settings import GradingSettings
from ..json_api import attempt_body_limit, scrubbed_uri
from ..progress import ProgressStore, SchemaMismatch, sqlite_url
from ..solution_policy import MODES, SolutionPolicy
from .handlers import routes
from .server import BoundedHTTPServer


class AiroadmapHubService(GradingSettings, Application):
    """Grade a class's attempts and keep its gradebook, as a JupyterHub service."""

    name = "airoadmap-hub-service"
    description = "The airoadmap-lab classroom grading service for JupyterHub."

    course_path = Unicode(
        config=True,
        help="Folder of the full course (with solutions and checks). Default: the built-in course.",
    )
    extra_course_paths = List(
        Unicode(), config=True, help="Extra lesson folders, as on single-user servers."
    )
    db_url = Unicode(
        config=True,
        help="SQLAlchemy URL of the gradebook, e.g. postgresql+psycopg2://user@host/db. Default: "
        "$AIROADMAP_DB_URL, else a SQLite file airoadmap-gradebook.sqlite3 in the working directory.",
    )
    solution_policy = Enum(
        MODES,
        default_value="after_failed",
        config=True,
        help="When students may see reference solutions: always, after_failed (N failed checks or a pass), "
        "after_passed, or never.",
    )
    solution_after_failed = Int(3, config=True, help="N for solution_policy = after_failed.")
    service_url = Unicode(config=True, help="Where to listen. Default: $JUPYTERHUB_SERVICE_URL.")
    service_prefix = Unicode(config=True, help="URL prefix. Default: $JUPYTERHUB_SERVICE_PREFIX.")
    config_file = Unicode("", config=True, help="A Python config file to load (traitlets).")

    # -- limits and abuse (docs/deploy/README.md, "Limits and abuse") ----------------------------
    max_checks_in_flight = Int(
        2,
        config=True,
        help="Attempts one student may have running or waiting at once; more get HTTP 429 "
        "('you have N checks running'). 0: no limit.",
    )
    checks_per_minute = Float(
        20.0,
        config=True,
        help="Attempts one student may start per minute on average (more get HTTP 429 with "
        "Retry-After). 0: no limit.",
    )
    checks_burst = Int(
        10,
        config=True,
        help="Attempts a student may start in a quick burst before the rate applies.",
    )
    body_timeout_s = Float(
        30.0,
        config=True,
        help="Seconds a request's body may take to arrive before the connection is closed.",
    )
    header_timeout_s = Float(
        10.0, config=True, help="Seconds a request's headers may take to arrive."
    )
    idle_timeout_s = Float(
        60.0, config=True, help="Seconds an idle keep-alive connection stays open."
    )
    max_connections = Int(
        4000, config=True, help="Open connections in all; more are closed on arrival. 0: no limit."
    )
    max_connections_per_client = Int(
        256,
        config=True,
        help="Open connections from one address (the socket's peer); more are closed on arrival. "
        "On one machine every single-user server connects from 127.0.0.1: keep this above the "
        "class size times max_checks_in_flight. 0: no limit.",
    )
    token_cache_s = Int(
        60,
        config=True,
        help="Seconds the service remembers who a hub token belongs to. A revoked token keeps "
        "working here for at most this long; lower means more requests to the hub.",
    )

    aliases = {
        "course": "AiroadmapHubService.course_path",
        "db-url": "AiroadmapHubService.db_url",
        "solution-policy": "AiroadmapHubService.solution_policy",
        "workers": "AiroadmapHubService.grading_workers",
        "config": "AiroadmapHubService.config_file",
    }

    @default("db_url")
    def _default_db_url(self) -> str:
        return os.environ.get("AIROADMAP_DB_URL") or sqlite_url(
            Path.cwd() / "airoadmap-gradebook.sqlite3"
        )

    @default("service_url")
    def _default_service_url(self) -> str:
        return os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")

    @default("service_prefix")
    def _default_service_prefix(self) -> str:
        return os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/airoadmap/")

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        if self.config_file:
            self.load_config_file(self.config_file)
        roots = [
            Path(self.course_path) if self.course_path else builtin_course_dir(),
            *(Path(p) for p in self.extra_course_paths),
        ]
        self.course = load_course(roots)
        for problem in self.course.problems:
            self.log.warning("course problem: %s", problem)
        # The gradebook is never upgraded behind the deployer's back (JupyterHub's rule too): an
        # older or unknown schema stops the service with the command that upgrades it.
        try:
            store = ProgressStore(self.db_url, auto_upgrade=False)
        except SchemaMismatch as err:
            self.log.critical("%s", err)
            self.exit(1)
        grader = Grader(
            self.sandbox_config(roots),
            log=self.log,
        )
        grader.start()
        self.backend = LocalBackend(
            self.course,
            grader,
            store,
            SolutionPolicy(self.solution_policy, self.solution_after_failed),
        )
        self.admission = FairAdmission(
            slots=max(1, self.grading_workers),
            max_in_flight=self.max_checks_in_flight,
            rate_per_minute=self.checks_per_minute,
            burst=self.checks_burst,
        )
        kwargs = {
            "backend": self.backend,
            "course": self.course,
            "max_code_bytes": self.max_code_bytes,
            "admission": self.admission,
            "hub_auth": HubAuth(cache_max_age=self.token_cache_s),
        }
        self.web_app = web.Application(
            [(pattern, handler, kwargs) for pattern, handler in routes(self.service_prefix)],
            cookie_secret=os.urandom(32),
            log_function=_log_request,
        )

    def start(self) -> None:
        asyncio.run(self.serve())

    async def serve(self) -> None:
        url = urlparse(self.service_url)
        server = BoundedHTTPServer(
            self.web_app,
            xheaders=True,
            max_body_size=attempt_body_limit(self.max_code_bytes),
            body_timeout=self.body_timeout_s,
            idle_connection_timeout=self.idle_timeout_s,
            header_timeout_s=self.header_timeout_s,
            max_connections=self.max_connections,
            max_connections_per_client=self.max_connections_per_client,
        )
        server.listen(url.port or 80, url.hostname or "127.0.0.1")
        self.log.info(
            "airoadmap grading service: %d exercises, %s, listening on %s%s",
            len(self.course.exercises),
            self.backend.grader.isolation.summary(),
            self.service_url,
            self.service_prefix,
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        # Started from a non-interactive shell, SIGINT may arrive ignored: install our own handlers.
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        self.log.info("airoadmap grading service: stopping")
        server.stop()
        self.backend.close()


def _log_request(handler: web.RequestHandler) -> None:
    """The access log, with secrets in query strings replaced (a token in a URL stays secret)."""
    status = handler.get_status()
    log = web.access_log.info if status < 400 else web.access_log.warning
    if status >= 500:
        log = web.access_log.error
    request = handler.request
    log(
        "%d %s %s (%s) %.2fms",
        status,
        request.method,
        scrubbed_uri(request.uri or ""),
        request.remote_ip,
        1000.0 * request.request_time(),
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m airoadmap_lab.hub``."""
    app = AiroadmapHubService.instance()
    app.initialize(argv)
    app.start()
