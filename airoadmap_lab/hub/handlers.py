"""HTTP handlers of the classroom grading service (a JupyterHub service).

Who is asking comes from the hub token alone (never from the request body); what they may do comes
from their scopes:

- ``custom:airoadmap:submit!user=NAME``: NAME may grade code, reveal hints and solutions for NAME.
- ``custom:airoadmap:read!user=NAME``: NAME's progress may be read.
- ``custom:airoadmap:read`` (unfiltered): the instructor's gradebook of everyone.
"""

from __future__ import annotations

import json
from typing import Any

from jupyterhub.services.auth import HubAuthenticated, check_scopes
from pydantic import BaseModel, ValidationError
from tornado import web

from ..backends import LocalBackend
from ..catalog import Course, Exercise
from ..errors import CourseError
from ..models import Attempt

SUBMIT = "custom:airoadmap:submit"
READ = "custom:airoadmap:read"


class ServiceHandler(HubAuthenticated, web.RequestHandler):
    """Base: hub authentication, scope checks and JSON errors."""

    def initialize(self, backend: LocalBackend, course: Course, max_code_bytes: int) -> None:
        self.backend = backend
        self.course = course
        self.max_code_bytes = max_code_bytes

    def get_login_url(self) -> str:
        # An API: answer 403 instead of redirecting to the hub's login page.
        raise web.HTTPError(403, "A JupyterHub token is required.")

    def check_xsrf_cookie(self) -> None:
        # Token-authenticated API calls from single-user servers carry no cookies.
        return None

    @property
    def user_name(self) -> str:
        return str(self.current_user["name"])

    def require(self, scope: str, user: str | None = None) -> None:
        """403 unless the caller holds ``scope`` (for ``user``, or unfiltered)."""
        wanted = f"{scope}!user={user}" if user else scope
        if not check_scopes(wanted, self.current_user.get("scopes", [])):
            target = f" for {user}" if user else ""
            raise web.HTTPError(403, f"You are not allowed to do this{target} (needs {scope}).")

    def exercise(self, exercise_id: str) -> Exercise:
        exercise = self.course.exercises.get(exercise_id)
        if exercise is None:
            raise web.HTTPError(404, f"There is no exercise {exercise_id!r} in this course.")
        return exercise

    def reply(self, model: BaseModel) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(model.model_dump_json())

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, CourseError):
            if not self._finished:
                self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
            return
        super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, CourseError):
            message = exc.message
        elif isinstance(exc, web.HTTPError) and exc.log_message:
            message = exc.log_message % exc.args if exc.args else exc.log_message
        elif status_code >= 500:
            message = "The grading service failed to handle this request; see its log."
        else:
            message = self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message}))


class GradeHandler(ServiceHandler):
    @web.authenticated
    async def post(self, exercise_id: str) -> None:
        self.require(SUBMIT, self.user_name)
        exercise = self.exercise(exercise_id)
        if len(self.request.body) > 2 * self.max_code_bytes + 10_000:
            raise web.HTTPError(413, "The code is too large to grade.")
        try:
            attempt = Attempt.model_validate_json(self.request.body)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise web.HTTPError(400, f"Invalid request: {where}: {first['msg']}.") from err
        if len(attempt.code.encode("utf-8")) > self.max_code_bytes:
            raise web.HTTPError(
                413,
                f"Your code is longer than the {self.max_code_bytes // 1000} kB this class grades.",
            )
        self.reply(await self.backend.grade(self.user_name, exercise, attempt.code))


class HintHandler(ServiceHandler):
    @web.authenticated
    async def get(self, exercise_id: str, index: str) -> None:
        self.require(SUBMIT, self.user_name)
        self.reply(await self.backend.hint(self.user_name, self.exercise(exercise_id), int(index)))


class SolutionHandler(ServiceHandler):
    @web.authenticated
    async def get(self, exercise_id: str) -> None:
        self.require(SUBMIT, self.user_name)
        self.reply(await self.backend.solution(self.user_name, self.exercise(exercise_id)))


class ProgressHandler(ServiceHandler):
    @web.authenticated
    async def get(self) -> None:
        self.require(READ, self.user_name)
        self.reply(await self.backend.progress(self.user_name))


class GradebookHandler(ServiceHandler):
    @web.authenticated
    async def get(self) -> None:
        self.require(READ)
        self.reply(await self.backend.gradebook())


class GradebookCsvHandler(ServiceHandler):
    @web.authenticated
    async def get(self) -> None:
        self.require(READ)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.finish(await self.backend.gradebook_csv())


class StudentAttemptsHandler(ServiceHandler):
    @web.authenticated
    async def get(self, name: str) -> None:
        self.require(READ, name)
        self.reply(await self.backend.student_attempts(name))


class HealthHandler(web.RequestHandler):
    """Unauthenticated liveness probe (for Kubernetes); says nothing about the course."""

    def initialize(self, **_collaborators: object) -> None:
        pass

    def get(self) -> None:
        self.finish({"status": "ok"})


ID = r"([a-z][a-z0-9-]*)"


def routes(prefix: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The service's routes under its hub prefix (e.g. /services/airoadmap/)."""
    api = prefix.rstrip("/") + "/api/"
    return [
        (api + rf"exercises/{ID}/grade", GradeHandler),
        (api + rf"exercises/{ID}/hints/([0-9]{{1,4}})", HintHandler),
        (api + rf"exercises/{ID}/solution", SolutionHandler),
        (api + r"progress", ProgressHandler),
        (api + r"gradebook", GradebookHandler),
        (api + r"gradebook\.csv", GradebookCsvHandler),
        (api + r"gradebook/students/([^/]+)/attempts", StudentAttemptsHandler),
        (api + r"health", HealthHandler),
    ]
