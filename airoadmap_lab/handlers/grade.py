"""Grade an attempt: POST /exercises/{id}/grade with {"code": ...}."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..models import Attempt
from .base import CourseHandler

JSON_OVERHEAD = 10_000  # room for the JSON around the code, and escapes


class GradeHandler(CourseHandler):
    """Grade one attempt and record it; the score is computed here, never taken from the client."""

    @web.authenticated
    @authorized
    async def post(self, exercise_id: str) -> None:
        exercise = self.exercise(exercise_id)
        limit = self.services.max_code_bytes
        attempt = self.parse(Attempt, limit=2 * limit + JSON_OVERHEAD)
        if len(attempt.code.encode("utf-8")) > limit:
            raise web.HTTPError(
                413,
                f"Your code is longer than the {limit // 1000} kB this server "
                "grades; shorten it (large data belongs in files, not in code).",
            )
        self.reply(await self.services.backend.grade(self.services.user, exercise, attempt.code))
