"""Grade an attempt: POST /exercises/{id}/grade with {"code": ...}."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..json_api import attempt_body_limit
from .base import CourseHandler


class GradeHandler(CourseHandler):
    """Grade one attempt and record it; the score is computed here, never taken from the client."""

    def body_limit(self) -> int:
        return attempt_body_limit(self.services.max_code_bytes)

    @web.authenticated
    @authorized
    async def post(self, exercise_id: str) -> None:
        exercise = self.exercise(exercise_id)
        attempt = self.parse_attempt(self.services.max_code_bytes)
        self.reply(await self.services.backend.grade(self.services.user, exercise, attempt.code))
