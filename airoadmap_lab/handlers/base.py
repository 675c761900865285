"""The base of every REST handler: authentication, JSON errors and request parsing in one place."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel, ValidationError
from tornado.web import HTTPError
from tornado.web import authenticated as web_authenticated

from ..catalog import Exercise, Lesson
from ..errors import CourseError
from ..services import CourseServices

M = TypeVar("M", bound=BaseModel)


class CourseHandler(ExtensionHandlerMixin, APIHandler):
    """A handler of /airoadmap-lab/api/. Errors leave as ``{"message": ...}`` with a 4xx status."""

    auth_resource = "airoadmap"

    def initialize(self, name: str, services: CourseServices) -> None:  # type: ignore[override]
        super().initialize(name=name)
        self.services = services

    @property
    def course(self):  # noqa: ANN201 - the Course
        return self.services.course

    def exercise(self, exercise_id: str) -> Exercise:
        exercise = self.course.exercises.get(exercise_id)
        if exercise is None:
            raise HTTPError(404, f"There is no exercise {exercise_id!r} in this course.")
        return exercise

    def lesson(self, lesson_id: str) -> Lesson:
        lesson = self.course.lessons.get(lesson_id)
        if lesson is None:
            raise HTTPError(404, f"There is no lesson {lesson_id!r} in this course.")
        return lesson

    def parse(self, model: type[M], limit: int | None = None) -> M:
        """The request body as ``model``: 413 when too large, 400 naming the field that is wrong."""
        if limit is not None and len(self.request.body) > limit:
            raise HTTPError(
                413, f"The request is too large: at most {limit // 1000} kB is accepted."
            )
        try:
            body: Any = json.loads(self.request.body or b"null")
        except (ValueError, UnicodeDecodeError) as err:
            raise HTTPError(400, "The request body is not valid JSON.") from err
        try:
            return model.model_validate(body)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise HTTPError(400, f"Invalid request: {where}: {first['msg']}.") from err

    def reply(self, model: BaseModel) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(model.model_dump_json())

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, CourseError):  # the backends' errors, mapped to statuses in this one place
            self.log.info(
                "airoadmap-lab: %s %s -> %d: %s",
                self.request.method,
                self.request.path,
                e.status,
                e.message,
            )
            if not self._finished:
                self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
            return
        super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Always JSON with a message a person can act on; never a traceback."""
        self.set_header("Content-Type", "application/json")
        reason = self._reason
        exc_info = kwargs.get("exc_info")
        if exc_info and isinstance(exc_info[1], CourseError):
            message = exc_info[1].message
        elif exc_info and isinstance(exc_info[1], HTTPError) and exc_info[1].log_message:
            message = (
                exc_info[1].log_message % exc_info[1].args
                if exc_info[1].args
                else exc_info[1].log_message
            )
        elif status_code >= 500:
            message = "The server failed to handle this request; the details are in the server log."
        else:
            message = reason
        self.finish(json.dumps({"message": message}))


class NotFoundHandler(CourseHandler):
    """Any other path under /airoadmap-lab/api/: a JSON 404 rather than an HTML page."""

    @web_authenticated
    async def get(self, *args: str) -> None:
        raise HTTPError(404, f"No such endpoint: {self.request.path}")

    post = get
