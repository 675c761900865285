"""What the HTTP handlers work with: the course and a backend, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from .backends import Backend
from .catalog import Course


@dataclass
class CourseServices:
    """The collaborators of the REST handlers, injected through the route table."""

    course: Course
    backend: Backend
    user: str
    max_code_bytes: int

    def close(self) -> None:
        self.backend.close()
