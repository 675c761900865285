"""What both HTTP layers (the server extension and the classroom service) do the same way:
parse bodies with pydantic, answer models as JSON, look up exercises, and turn every error into
``{"message": ...}`` with the right status (backend ``CourseError``s mapped in this one place)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tornado.web import HTTPError

from .catalog import Course, Exercise
from .errors import CourseError
from .models import Attempt

M = TypeVar("M", bound=BaseModel)
JSON_OVERHEAD = 10_000  # room for the JSON around an attempt's code, and escapes


class JsonApiMixin:
    """Mixed into tornado ``RequestHandler``s that have a ``course``."""

    course: Course

    def exercise(self, exercise_id: str) -> Exercise:
        exercise = self.course.exercises.get(exercise_id)
        if exercise is None:
            raise HTTPError(404, f"There is no exercise {exercise_id!r} in this course.")
        return exercise

    def parse(self, model: type[M], limit: int | None = None) -> M:
        """The request body as ``model``: 413 when too large, 400 naming the field that is wrong."""
        body_bytes = self.request.body  # type: ignore[attr-defined]
        if limit is not None and len(body_bytes) > limit:
            raise HTTPError(
                413, f"The request is too large: at most {limit // 1000} kB is accepted."
            )
        try:
            body: Any = json.loads(body_bytes or b"null")
        except (ValueError, UnicodeDecodeError) as err:
            raise HTTPError(400, "The request body is not valid JSON.") from err
        try:
            return model.model_validate(body)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise HTTPError(400, f"Invalid request: {where}: {first['msg']}.") from err

    def parse_attempt(self, max_code_bytes: int) -> Attempt:
        """The attempt in the body; 413 when its code is over ``max_code_bytes``."""
        attempt = self.parse(Attempt, limit=2 * max_code_bytes + JSON_OVERHEAD)
        if len(attempt.code.encode("utf-8")) > max_code_bytes:
            raise HTTPError(
                413,
                f"Your code is longer than the {max_code_bytes // 1000} kB this server grades; "
                "shorten it (large data belongs in files, not in code).",
            )
        return attempt

    def reply(self, model: BaseModel) -> None:
        self.set_header("Content-Type", "application/json")  # type: ignore[attr-defined]
        self.finish(model.model_dump_json())  # type: ignore[attr-defined]

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, CourseError):
            if not self._finished:  # type: ignore[attr-defined]
                self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))  # type: ignore[attr-defined]
            return
        super()._handle_request_exception(e)  # type: ignore[misc]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Always JSON with a message a person can act on; never a traceback."""
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        if isinstance(exc, CourseError):
            message = exc.message
        elif isinstance(exc, HTTPError) and exc.log_message:
            message = exc.log_message % exc.args if exc.args else exc.log_message
        elif status_code >= 500:
            message = "The server failed to handle this request; the details are in its log."
        else:
            message = self._reason  # type: ignore[attr-defined]
        self.set_header("Content-Type", "application/json")  # type: ignore[attr-defined]
        self.finish(json.dumps({"message": message}))  # type: ignore[attr-defined]
