"""The base of every REST handler of the server extension (JSON errors and parsing: json_api)."""

from __future__ import annotations

from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.web import HTTPError, stream_request_body
from tornado.web import authenticated as web_authenticated

from ..catalog import Lesson
from ..json_api import SMALL_BODY, JsonApiMixin
from ..services import CourseServices


@stream_request_body
class CourseHandler(JsonApiMixin, ExtensionHandlerMixin, APIHandler):
    """A handler of /airoadmap-lab/api/. Errors leave as ``{"message": ...}`` with a 4xx status.

    Bodies are streamed: ``prepare`` authenticates and checks the declared size before any byte of
    the body is read (the Jupyter server itself would read up to its own 512 MB limit first)."""

    auth_resource = "airoadmap"

    def initialize(self, name: str, services: CourseServices) -> None:  # type: ignore[override]
        super().initialize(name=name)
        self.services = services

    def body_limit(self) -> int:
        """How many bytes of body this endpoint takes."""
        return SMALL_BODY

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.current_user is None:
            raise HTTPError(403, "Log in to use the course.")
        self.accept_body(self.body_limit())

    @property
    def course(self):  # noqa: ANN201 - the Course
        return self.services.course

    def lesson(self, lesson_id: str) -> Lesson:
        lesson = self.course.lessons.get(lesson_id)
        if lesson is None:
            raise HTTPError(404, f"There is no lesson {lesson_id!r} in this course.")
        return lesson


class NotFoundHandler(CourseHandler):
    """Any other path under /airoadmap-lab/api/: a JSON 404 rather than an HTML page."""

    @web_authenticated
    async def get(self, *args: str) -> None:
        raise HTTPError(404, f"No such endpoint: {self.request.path}")

    post = get
