"""The Jupyter server extension: configuration (traitlets) and the route table."""

from __future__ import annotations

import getpass
import os
import threading
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join
from traitlets import List, Unicode, default

from .backends import Backend, ClassroomBackend, LocalBackend
from .catalog import builtin_course_dir, load_course
from .grading import Grader
from .grading_settings import GradingSettings
from .handlers import ROUTES
from .progress import ProgressStore, SchemaMismatch
from .progress.engine import personal_database_url, sqlite_path
from .services import CourseServices

API_PREFIX = "airoadmap-lab/api"


class AiroadmapLab(GradingSettings, ExtensionApp):
    """The AI Engineering Roadmap course: catalog, grading and progress for JupyterLab."""

    name = "airoadmap_lab"
    load_other_extensions = True

    course_path = Unicode(
        "",
        config=True,
        help="Folder of the main course (with roadmap.yaml). Empty: the course shipped with airoadmap-lab.",
    )
    extra_course_paths = List(
        Unicode(),
        config=True,
        help="Extra folders of lessons; their lessons attach to topics of the main roadmap by id.",
    )
    progress_url = Unicode(
        config=True,
        help="SQLAlchemy URL of the progress store. Default: a SQLite file in the Jupyter data dir. "
        "A SQLite file made by an older version is upgraded on start (a copy of it is kept beside "
        "it); another database must be upgraded with `jupyter airoadmap db upgrade --url URL`.",
    )
    progress_user = Unicode(
        config=True,
        help="The name progress is recorded under on this server. Default: the OS user.",
    )
    classroom_service_url = Unicode(
        config=True,
        help="URL of the class's grading service on JupyterHub (e.g. http://hub:8081/services/airoadmap). "
        "When set, grading, hints, solutions and progress go there, with the user's hub token, and "
        "nothing is graded locally. Default: the AIROADMAP_SERVICE_URL environment variable.",
    )

    @default("classroom_service_url")
    def _default_classroom_service_url(self) -> str:
        return os.environ.get("AIROADMAP_SERVICE_URL", "")

    @default("progress_url")
    def _default_progress_url(self) -> str:
        return personal_database_url()

    @default("progress_user")
    def _default_progress_user(self) -> str:
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "learner"

    def course_roots(self) -> list[Path]:
        main = Path(self.course_path) if self.course_path else builtin_course_dir()
        return [main, *(Path(p) for p in self.extra_course_paths)]

    def initialize_settings(self) -> None:
        roots = self.course_roots()
        course = load_course(roots)
        for problem in course.problems:
            self.log.warning("airoadmap-lab course problem: %s", problem)
        self.log.info(
            "airoadmap-lab: %d lessons, %d exercises loaded from %s",
            len(course.lessons),
            len(course.exercises),
            ", ".join(map(str, roots)),
        )
        self.services = CourseServices(
            course=course,
            backend=self.make_backend(course, roots),
            user=self.progress_user,
            max_code_bytes=self.max_code_bytes,
        )

    def make_backend(self, course, roots: list[Path]) -> Backend:  # noqa: ANN001 - a Course
        if self.classroom_service_url:
            token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
            if not token:
                self.log.error(
                    "airoadmap-lab: classroom_service_url is set but JUPYTERHUB_API_TOKEN is not"
                )
            self.log.info(
                "airoadmap-lab: classroom mode, grading at %s", self.classroom_service_url
            )
            return ClassroomBackend(self.classroom_service_url, token)
        store = self.open_progress_store()
        grader = Grader(
            self.sandbox_config([*roots, Path(jupyter_data_dir())]),
            log=self.log,
        )
        # The warm worker imports numpy, scikit-learn and torch: start it now, off the main thread,
        # so the first Check is fast and start-up is not delayed.
        threading.Thread(target=grader.start, name="airoadmap-grader-start", daemon=True).start()
        return LocalBackend(course, grader, store)

    def open_progress_store(self) -> ProgressStore:
        """The learner's store; a personal SQLite file is upgraded to this version's schema."""
        try:
            store = ProgressStore(
                self.progress_url, auto_upgrade=sqlite_path(self.progress_url) is not None
            )
        except SchemaMismatch as err:
            self.log.error("airoadmap-lab: %s", err)
            raise
        if store.schema_upgrade is not None:
            self.log.info("airoadmap-lab: %s", store.schema_upgrade.describe())
        return store

    def initialize_handlers(self) -> None:
        kwargs = {"services": self.services}
        self.handlers.extend(
            (url_path_join("/", API_PREFIX, pattern), handler, kwargs)
            for pattern, handler in ROUTES
        )

    async def stop_extension(self) -> None:
        self.services.close()
