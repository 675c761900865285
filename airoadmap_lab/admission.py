"""Fair grading for a class: who may start an attempt now, and who waits.

The classroom service grades for many students with a few workers. Without rules one student can
fill the queue (a loop of Checks, or many ``while True: pass`` attempts) and every other student
waits behind them. :class:`FairAdmission` keeps three rules, per student name:

- at most ``max_in_flight`` attempts running or waiting at once (more: :class:`TooManyChecks`);
- at most ``rate_per_minute`` attempts started per minute, with bursts of ``burst``
  (more: :class:`CheckRateLimited`);
- ``slots`` attempts graded at once for the whole class, handed out round-robin across students
  who are waiting, so a student's attempt waits for at most one attempt of each other student.

No tornado here: the HTTP layer maps the errors (``CourseError``s with status 429).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from typing import TypeVar

from .errors import CourseError

T = TypeVar("T")


class TooManyChecks(CourseError):
    """The student already has ``max_in_flight`` attempts running or waiting."""

    status = 429


class CheckRateLimited(CourseError):
    """The student started too many attempts in the last minute."""

    status = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class _Bucket:
    """A token bucket: ``burst`` tokens, refilled at ``rate_per_s``."""

    def __init__(self, burst: int, now: float) -> None:
        self.tokens = float(burst)
        self.stamp = now


class FairAdmission:
    """Per-student limits and round-robin hand-out of grading slots (one event loop)."""

    def __init__(
        self,
        slots: int,
        max_in_flight: int = 2,
        rate_per_minute: float = 20.0,
        burst: int = 10,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if slots < 1:
            raise ValueError("slots must be at least 1")
        self.slots = slots
        self.max_in_flight = max_in_flight
        self.rate_per_minute = rate_per_minute
        self.burst = max(1, burst)
        self._clock = clock
        self._running = 0
        self._in_flight: dict[str, int] = {}
        # student -> their waiting attempts, in order of arrival.
        self._waiting: OrderedDict[str, deque[asyncio.Future[None]]] = OrderedDict()
        # The turn: the waiting student served least recently goes next (never served: first).
        self._served = 0
        self._last_served: dict[str, int] = {}
        self._buckets: dict[str, _Bucket] = {}

    def in_flight(self, user: str) -> int:
        """Attempts of ``user`` running or waiting now."""
        return self._in_flight.get(user, 0)

    async def run(self, user: str, attempt: Callable[[], Awaitable[T]]) -> T:
        """Run ``attempt`` for ``user`` when the rules allow; raise a 429 error when they do not."""
        self._admit(user)
        self._in_flight[user] = self._in_flight.get(user, 0) + 1
        try:
            await self._acquire(user)
            try:
                return await attempt()
            finally:
                self._release()
        finally:
            left = self._in_flight[user] - 1
            if left:
                self._in_flight[user] = left
            else:
                del self._in_flight[user]

    # -- the rules ------------------------------------------------------------------------------

    def _admit(self, user: str) -> None:
        running = self.in_flight(user)
        if self.max_in_flight > 0 and running >= self.max_in_flight:
            checks = "check" if running == 1 else "checks"
            raise TooManyChecks(
                f"You have {running} {checks} running; wait for {'it' if running == 1 else 'one'} "
                "to finish before pressing Check again."
            )
        if self.rate_per_minute <= 0:
            return
        now = self._clock()
        rate_per_s = self.rate_per_minute / 60.0
        bucket = self._buckets.setdefault(user, _Bucket(self.burst, now))
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * rate_per_s)
        bucket.stamp = now
        if bucket.tokens < 1.0:
            wait_s = max(1, math.ceil((1.0 - bucket.tokens) / rate_per_s))
            raise CheckRateLimited(
                f"You have pressed Check more than {self.rate_per_minute:g} times a minute; "
                f"wait {wait_s} s and try again.",
                wait_s,
            )
        bucket.tokens -= 1.0
        if len(self._buckets) > 10_000:  # forget students whose buckets are full again
            self._forget_full_buckets(now, rate_per_s)

    def _forget_full_buckets(self, now: float, rate_per_s: float) -> None:
        for name in list(self._buckets):
            b = self._buckets[name]
            if b.tokens + (now - b.stamp) * rate_per_s >= self.burst:
                del self._buckets[name]

    # -- slots, round-robin ----------------------------------------------------------------------

    async def _acquire(self, user: str) -> None:
        if self._running < self.slots and not self._waiting:
            self._running += 1
            self._mark_served(user)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(user, deque()).append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # the slot was handed to us as we were cancelled: pass it on
            else:
                self._forget(user, turn)
            raise

    def _forget(self, user: str, turn: asyncio.Future[None]) -> None:
        queue = self._waiting.get(user)
        if queue is not None and turn in queue:
            queue.remove(turn)
            if not queue:
                del self._waiting[user]

    def _mark_served(self, user: str) -> None:
        self._served += 1
        self._last_served[user] = self._served
        if len(self._last_served) > 10_000:  # only the order among students matters
            for name, _ in sorted(self._last_served.items(), key=lambda kv: kv[1])[:5_000]:
                del self._last_served[name]

    def _release(self) -> None:
        """Hand the freed slot to the waiting student served least recently, or put it back."""
        while self._waiting:
            user = min(self._waiting, key=lambda name: self._last_served.get(name, 0))
            queue = self._waiting[user]
            turn = queue.popleft()
            if not queue:
                del self._waiting[user]
            if not turn.done():
                self._mark_served(user)
                turn.set_result(None)
                return
        self._running -= 1
