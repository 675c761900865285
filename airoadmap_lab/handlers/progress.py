"""The learner's progress: GET /progress, POST /progress/reset."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web
from tornado.web import HTTPError

from ..models import ResetRequest
from .base import CourseHandler


class ProgressHandler(CourseHandler):
    """GET /progress"""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.services.backend.progress(self.services.user))


class ProgressResetHandler(CourseHandler):
    """POST /progress/reset with {"confirm": true[, "exercise_id": ...]}"""

    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse(ResetRequest)
        if not request.confirm:
            raise HTTPError(
                400, "Resetting progress cannot be undone: send confirm: true to do it."
            )
        if request.exercise_id is not None:
            self.exercise(request.exercise_id)
        self.reply(await self.services.backend.reset(self.services.user, request.exercise_id))
