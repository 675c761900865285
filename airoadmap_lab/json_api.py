"""What both HTTP layers (the server extension and the classroom service) do the same way:
parse bodies with pydantic, answer models as JSON, look up exercises, and turn every error into
``{"message": ...}`` with the right status (backend ``CourseError``s mapped in this one place)."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from pydantic import BaseModel, ValidationError
from tornado.web import HTTPError

from .catalog import Course, Exercise
from .errors import CourseError
from .grading.source import find_unusable_character
from .models import Attempt

M = TypeVar("M", bound=BaseModel)
JSON_OVERHEAD = 10_000  # room for the JSON around an attempt's code, and escapes
SMALL_BODY = 16_000  # what any request other than a grade may send
# Query parameters never written to a log in clear (a token in a URL is still a token).
SECRET_PARAMS = {"token", "access_token", "_xsrf", "code", "state"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def attempt_body_limit(max_code_bytes: int) -> int:
    """The largest grade request body: the code, JSON-escaped, and the JSON around it."""
    return 2 * max_code_bytes + JSON_OVERHEAD


def shown(text: str, limit: int = 200) -> str:
    """``text`` safe to put in a message or a log line: control characters replaced, shortened."""
    clean = _CONTROL.sub("\ufffd", text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "\u2026"


def scrubbed_uri(uri: str) -> str:
    """``uri`` with the values of secret query parameters replaced (for logs)."""
    path, sep, query = uri.partition("?")
    if not sep:
        return shown(path, 2000)
    pairs = [
        (k, "[secret]" if k.lower() in SECRET_PARAMS else v)
        for k, v in parse_qsl(query, keep_blank_values=True)
    ]
    return shown(path + "?" + urlencode(pairs), 2000)


class JsonApiMixin:
    """Mixed into tornado ``RequestHandler``s that have a ``course``."""

    course: Course
    # Streamed bodies (handlers decorated with tornado's ``stream_request_body``): the body
    # arrives through ``data_received`` only after ``prepare`` has accepted the request.
    _chunks: list[bytes] | None = None

    def accept_body(self, limit: int) -> None:
        """Refuse a body over ``limit`` bytes before it is read (413 on its Content-Length) and
        make the connection stop reading any body past ``limit`` (a chunked one included).

        Call from ``prepare`` of a streamed handler, after authentication."""
        request = self.request  # type: ignore[attr-defined]
        declared = request.headers.get("Content-Length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError as err:
                raise HTTPError(400, "The Content-Length header is not a number.") from err
            if size > limit:
                raise HTTPError(413, _too_large(limit))
        if request.connection is not None and hasattr(request.connection, "set_max_body_size"):
            request.connection.set_max_body_size(max(limit, 1))
        self._chunks = []

    def data_received(self, chunk: bytes) -> None:
        """A piece of a streamed body (its size is bounded by :meth:`accept_body`)."""
        if self._chunks is not None:
            self._chunks.append(chunk)

    def body_bytes(self) -> bytes:
        """The request body, streamed or not."""
        if self._chunks is not None:
            return b"".join(self._chunks)
        return bytes(self.request.body)  # type: ignore[attr-defined]

    def _request_summary(self) -> str:
        # Used by tornado's access log and its warnings for 4xx: never a token in clear.
        request = self.request  # type: ignore[attr-defined]
        return f"{request.method} {scrubbed_uri(request.uri or '')} ({request.remote_ip})"

    def exercise(self, exercise_id: str) -> Exercise:
        exercise = self.course.exercises.get(exercise_id)
        if exercise is None:
            raise HTTPError(404, f"There is no exercise {exercise_id!r} in this course.")
        return exercise

    def parse(self, model: type[M], limit: int | None = None) -> M:
        """The request body as ``model``: 413 when too large, 400 naming the field that is wrong."""
        body_bytes = self.body_bytes()
        if limit is not None and len(body_bytes) > limit:
            raise HTTPError(413, _too_large(limit))
        try:
            body: Any = json.loads(body_bytes or b"null")
        except (ValueError, UnicodeDecodeError) as err:
            raise HTTPError(400, "The request body is not valid JSON.") from err
        except RecursionError as err:
            raise HTTPError(400, "The request body is nested too deeply.") from err
        try:
            return model.model_validate(body)
        except RecursionError as err:
            raise HTTPError(400, "The request body is nested too deeply.") from err
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise HTTPError(400, shown(f"Invalid request: {where}: {first['msg']}.")) from err

    def parse_attempt(self, max_code_bytes: int) -> Attempt:
        """The attempt in the body; 413 when its code is over ``max_code_bytes``, 400 when it holds
        a character no text column can store (a lone surrogate or a NUL): refused, never graded.
        """
        attempt = self.parse(Attempt, limit=attempt_body_limit(max_code_bytes))
        unusable = find_unusable_character(attempt.code)
        if unusable is not None:
            raise HTTPError(
                400, f"Your code cannot be graded: on line {unusable.line}, {unusable.message}."
            )
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
        retry_after = getattr(exc, "retry_after_s", None)
        if retry_after:
            self.set_header("Retry-After", str(retry_after))  # type: ignore[attr-defined]
        self.set_header("Content-Type", "application/json")  # type: ignore[attr-defined]
        self.finish(json.dumps({"message": shown(str(message), 2000)}))  # type: ignore[attr-defined]


def _too_large(limit: int) -> str:
    return f"The request is too large: at most {max(1, limit // 1000)} kB is accepted."
