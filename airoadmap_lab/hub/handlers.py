"""HTTP handlers of the classroom grading service (a JupyterHub service).

Who is asking comes from the hub token alone (never from the request body); what they may do comes
from their scopes:

- ``custom:airoadmap:submit!user=NAME``: NAME may grade code, reveal hints and solutions for NAME.
- ``custom:airoadmap:read!user=NAME``: NAME's progress may be read.
- ``custom:airoadmap:read`` (unfiltered): the instructor's gradebook of everyone.

Every handler streams its body: ``prepare`` identifies the token and checks the scope and the
declared size *before* any byte of the body is read, so an anonymous or oversize request costs the
service nothing but its headers. Only a grade request has a body.
"""

from __future__ import annotations

from jupyterhub.services.auth import HubAuthenticated, check_scopes
from tornado import web

from ..admission import FairAdmission
from ..backends import LocalBackend
from ..catalog import Course
from ..json_api import JsonApiMixin, attempt_body_limit, shown

SUBMIT = "custom:airoadmap:submit"
READ = "custom:airoadmap:read"


@web.stream_request_body
class ServiceHandler(JsonApiMixin, HubAuthenticated, web.RequestHandler):
    """Base: hub authentication and scope checks (JSON errors and parsing: json_api)."""

    # The scope checked in prepare() for the caller's own name (None: checked in the method).
    own_scope: str | None = SUBMIT

    def initialize(
        self,
        backend: LocalBackend,
        course: Course,
        max_code_bytes: int,
        admission: FairAdmission,
        hub_auth: object = None,
    ) -> None:
        self.backend = backend
        self.course = course
        self.max_code_bytes = max_code_bytes
        self.admission = admission
        if hub_auth is not None:
            self.hub_auth = hub_auth

    def body_limit(self) -> int:
        """How many bytes of body this endpoint takes (0: none)."""
        return 0

    async def prepare(self) -> None:
        # Identify the token without blocking the loop (the hub is asked at most once per
        # token per cache period), then refuse before reading any body.
        await self.hub_auth.get_user(self, sync=False)
        if self.current_user is None:
            raise web.HTTPError(403, "A valid JupyterHub token is required.")
        if self.own_scope is not None:
            self.require(self.own_scope, self.user_name)
        self.accept_body(self.body_limit())

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
            target = f" for {shown(user, 80)}" if user else ""
            raise web.HTTPError(403, f"You are not allowed to do this{target} (needs {scope}).")


class GradeHandler(ServiceHandler):
    def body_limit(self) -> int:
        return attempt_body_limit(self.max_code_bytes)

    @web.authenticated
    async def post(self, exercise_id: str) -> None:
        exercise = self.exercise(exercise_id)
        attempt = self.parse_attempt(self.max_code_bytes)
        user = self.user_name
        self.reply(
            await self.admission.run(user, lambda: self.backend.grade(user, exercise, attempt.code))
        )


class HintHandler(ServiceHandler):
    @web.authenticated
    async def get(self, exercise_id: str, index: str) -> None:
        self.reply(await self.backend.hint(self.user_name, self.exercise(exercise_id), int(index)))


class SolutionHandler(ServiceHandler):
    @web.authenticated
    async def get(self, exercise_id: str) -> None:
        self.reply(await self.backend.solution(self.user_name, self.exercise(exercise_id)))


class ProgressHandler(ServiceHandler):
    own_scope = READ

    @web.authenticated
    async def get(self) -> None:
        self.reply(await self.backend.progress(self.user_name))


class GradebookHandler(ServiceHandler):
    own_scope = None

    @web.authenticated
    async def get(self) -> None:
        self.require(READ)
        self.reply(await self.backend.gradebook())


class GradebookCsvHandler(ServiceHandler):
    own_scope = None

    @web.authenticated
    async def get(self) -> None:
        self.require(READ)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.finish(await self.backend.gradebook_csv())


class StudentAttemptsHandler(ServiceHandler):
    own_scope = None

    @web.authenticated
    async def get(self, name: str) -> None:
        self.require(READ, name)
        self.reply(await self.backend.student_attempts(name))


@web.stream_request_body
class HealthHandler(JsonApiMixin, web.RequestHandler):
    """Unauthenticated liveness probe (for Kubernetes); says nothing about the course."""

    def initialize(self, **_collaborators: object) -> None:
        pass

    def prepare(self) -> None:
        self.accept_body(0)

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
