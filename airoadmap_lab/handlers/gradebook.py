"""The gradebook: GET /gradebook, /gradebook.csv, /gradebook/students/{name}/attempts.

In a class these are forwarded to the grading service, which answers only instructors; on a
personal server they show the records in the local store.
"""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from .base import CourseHandler


class GradebookHandler(CourseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.services.backend.gradebook())


class GradebookCsvHandler(CourseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        text = await self.services.backend.gradebook_csv()
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="airoadmap-gradebook.csv"')
        self.finish(text)


class StudentAttemptsHandler(CourseHandler):
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.services.backend.student_attempts(name))
