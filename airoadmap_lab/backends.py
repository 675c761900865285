"""Where grading, hints, solutions and progress are served from.

``LocalBackend`` grades on this machine and keeps progress in a local store (a personal server,
and the classroom grading service itself). ``ClassroomBackend`` forwards the same calls to the
class's JupyterHub grading service with the user's hub token (a student's server in a class).
Both have the same async methods, so the HTTP handlers do not care which one they talk to.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from .catalog import Course, Exercise
from .course_progress import summarise
from .errors import CourseError, NotAllowed, NotFound, ServiceUnavailable
from .exercise_files import exercise_files
from .gradebook import gradebook_csv, gradebook_model, student_attempts
from .grading import Grader, GradeResult
from .models import Gradebook, Hint, Progress, Solution, StudentAttempts
from .progress import ProgressStore
from .solution_policy import SolutionPolicy

T = TypeVar("T")


class Backend(Protocol):
    async def grade(self, user: str, exercise: Exercise, code: str) -> GradeResult: ...
    async def hint(self, user: str, exercise: Exercise, index: int) -> Hint: ...
    async def solution(self, user: str, exercise: Exercise) -> Solution: ...
    async def progress(self, user: str) -> Progress: ...
    async def reset(self, user: str, exercise_id: str | None) -> Progress: ...
    async def gradebook(self) -> Gradebook: ...
    async def gradebook_csv(self) -> str: ...
    async def student_attempts(self, name: str) -> StudentAttempts: ...
    def close(self) -> None: ...


class LocalBackend:
    """Grade here and record progress in ``store``."""

    def __init__(
        self,
        course: Course,
        grader: Grader,
        store: ProgressStore,
        policy: SolutionPolicy | None = None,
    ) -> None:
        self.course = course
        self.grader = grader
        self.store = store
        self.policy = policy or SolutionPolicy()
        # One thread for the store: writes are short, and one writer keeps SQLite simple.
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="airoadmap-db")

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    async def grade(self, user: str, exercise: Exercise, code: str) -> GradeResult:
        result = await self.grader.grade(exercise_files(exercise), code)
        await self.db(
            self.store.record_attempt,
            user,
            exercise.id,
            result.exercise_version,
            result.status.value,
            result.score,
            result.max_score,
            result.duration_ms,
            code,
        )
        return result

    async def hint(self, user: str, exercise: Exercise, index: int) -> Hint:
        if index >= len(exercise.hints):
            raise NotFound(
                f"Exercise {exercise.id!r} has {len(exercise.hints)} hints (numbered from 0); "
                f"there is no hint {index}."
            )
        await self.db(self.store.record_reveal, user, exercise.id, "hint", index)
        return Hint(
            exercise_id=exercise.id,
            index=index,
            count=len(exercise.hints),
            text=exercise.hints[index],
        )

    async def solution(self, user: str, exercise: Exercise) -> Solution:
        path = exercise.directory / "solution.py"
        if not path.is_file():
            raise NotFound(f"No reference solution is available for {exercise.id!r} here.")
        stored = await self.db(self.store.progress, user)
        refusal = self.policy.refusal(stored.get(user, {}).get(exercise.id))
        if refusal:
            raise NotAllowed(refusal)
        await self.db(self.store.record_reveal, user, exercise.id, "solution")
        return Solution(exercise_id=exercise.id, code=path.read_text(encoding="utf-8"))

    async def progress(self, user: str) -> Progress:
        stored = await self.db(self.store.progress, user)
        return summarise(self.course, stored.get(user, {}))

    async def reset(self, user: str, exercise_id: str | None) -> Progress:
        await self.db(self.store.reset, user, exercise_id)
        return await self.progress(user)

    async def gradebook(self) -> Gradebook:
        return await self.db(gradebook_model, self.course, self.store)

    async def gradebook_csv(self) -> str:
        return gradebook_csv(await self.gradebook())

    async def student_attempts(self, name: str) -> StudentAttempts:
        return await self.db(student_attempts, self.store, name)

    def close(self) -> None:
        self._db.shutdown(wait=True)
        self.grader.close()
        self.store.close()


class ClassroomBackend:
    """Forward to the class's grading service; the hub token says who the user is."""

    def __init__(self, service_url: str, token: str, timeout_s: float = 120.0) -> None:
        self.api = service_url.rstrip("/") + "/api/"
        self.token = token
        self.timeout_s = timeout_s

    async def _call(
        self, method: str, path: str, body: dict[str, Any] | None = None, raw: bool = False
    ) -> Any:
        request = HTTPRequest(
            self.api + path,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
            body=json.dumps(body) if body is not None else None,
            request_timeout=self.timeout_s,
            follow_redirects=False,
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as err:
            if err.response is None or err.code >= 500 or err.code == 599:
                raise ServiceUnavailable(_UNREACHABLE) from err
            raise _service_error(err.code, err.response.body) from err
        except OSError as err:
            raise ServiceUnavailable(_UNREACHABLE) from err
        return response.body.decode("utf-8") if raw else json.loads(response.body)

    async def grade(self, user: str, exercise: Exercise, code: str) -> GradeResult:
        return GradeResult.model_validate(
            await self._call("POST", f"exercises/{exercise.id}/grade", {"code": code})
        )

    async def hint(self, user: str, exercise: Exercise, index: int) -> Hint:
        return Hint.model_validate(
            await self._call("GET", f"exercises/{exercise.id}/hints/{index}")
        )

    async def solution(self, user: str, exercise: Exercise) -> Solution:
        return Solution.model_validate(await self._call("GET", f"exercises/{exercise.id}/solution"))

    async def progress(self, user: str) -> Progress:
        return Progress.model_validate(await self._call("GET", "progress"))

    async def reset(self, user: str, exercise_id: str | None) -> Progress:
        raise NotAllowed(
            "In a class, progress is kept by your instructor's gradebook and cannot be reset here."
        )

    async def gradebook(self) -> Gradebook:
        return Gradebook.model_validate(await self._call("GET", "gradebook"))

    async def gradebook_csv(self) -> str:
        return str(await self._call("GET", "gradebook.csv", raw=True))

    async def student_attempts(self, name: str) -> StudentAttempts:
        path = f"gradebook/students/{quote(name, safe='')}/attempts"
        return StudentAttempts.model_validate(await self._call("GET", path))

    def close(self) -> None:
        pass


_UNREACHABLE = (
    "The class's grading service cannot be reached right now. Your code is safe in your "
    "notebook; try Check again in a minute, and tell your instructor if it keeps happening."
)


def _service_error(code: int, body: bytes) -> CourseError:
    try:
        message = str(json.loads(body)["message"])
    except (ValueError, KeyError, TypeError):
        message = f"The grading service refused the request (HTTP {code})."
    error_class = {403: NotAllowed, 404: NotFound}.get(code, CourseError)
    error = error_class(message)
    error.status = code if 400 <= code < 500 else 502
    return error
