"""What the HTTP handlers work with: the course, the grader and the progress store, in one place."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from .catalog import Course
from .grading import Grader
from .progress import ProgressStore

T = TypeVar("T")


@dataclass
class CourseServices:
    """The collaborators of the REST handlers, injected through the route table."""

    course: Course
    grader: Grader
    store: ProgressStore
    user: str
    max_code_bytes: int
    _db: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="airoadmap-db")
    )

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a progress-store call off the event loop (one writer thread keeps SQLite simple)."""
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def close(self) -> None:
        self._db.shutdown(wait=True)
        self.grader.close()
        self.store.close()
