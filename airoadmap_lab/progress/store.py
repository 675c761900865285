"""The progress store: attempts and hint/solution reveals, per user and exercise.

SQLite by default (one file, WAL journal, every write its own transaction, so a crash loses nothing
that was already committed), or any SQLAlchemy URL (PostgreSQL for a class). The single-user server
records under one user name; the classroom service under each student's hub name.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Integer, delete, func, insert, select

from .engine import make_engine
from .migrations import Upgrade, ensure_current
from .tables import attempts, reveals


@dataclass(frozen=True)
class ExerciseProgress:
    """One user's record on one exercise."""

    exercise_id: str
    attempts: int
    best_score: float
    max_score: float
    passed: bool
    failed_attempts: int
    last_attempt: float | None
    hints_revealed: int
    solution_revealed: bool


@dataclass(frozen=True)
class AttemptRecord:
    id: int
    user: str
    exercise_id: str
    exercise_version: int
    status: str
    score: float
    max_score: float
    duration_ms: float
    created_at: float
    code: str


class ProgressStore:
    """Records attempts and reveals, and answers progress questions. Thread-safe."""

    def __init__(self, url: str, *, auto_upgrade: bool) -> None:
        """Open the database at ``url``, creating its tables when it is empty.

        A database at an older schema is upgraded with ``auto_upgrade`` (a backup of a SQLite file
        is kept beside it) and refused otherwise; one at a newer schema is always refused
        (:class:`~airoadmap_lab.progress.migrations.SchemaMismatch`, with the command to run).
        """
        self.url = url
        self.engine = make_engine(url)
        try:
            self.schema_upgrade: Upgrade | None = ensure_current(
                self.engine, auto_upgrade=auto_upgrade
            )
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    # -- writes: each one transaction ------------------------------------------------------------

    def record_attempt(
        self,
        user: str,
        exercise_id: str,
        exercise_version: int,
        status: str,
        score: float,
        max_score: float,
        duration_ms: float,
        code: str,
    ) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(attempts).values(
                    user=user,
                    exercise_id=exercise_id,
                    exercise_version=exercise_version,
                    status=status,
                    score=score,
                    max_score=max_score,
                    duration_ms=duration_ms,
                    code=code,
                    created_at=time.time(),
                )
            )
            key = result.inserted_primary_key
            assert key is not None  # an INSERT of one row always has one
            return int(key[0])

    def record_reveal(
        self, user: str, exercise_id: str, kind: str, hint_index: int | None = None
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(reveals).values(
                    user=user,
                    exercise_id=exercise_id,
                    kind=kind,
                    hint_index=hint_index,
                    created_at=time.time(),
                )
            )

    def reset(self, user: str, exercise_id: str | None = None) -> None:
        """Forget a user's progress (on one exercise, or all)."""
        with self.engine.begin() as conn:
            for table in (attempts, reveals):
                query = delete(table).where(table.c.user == user)
                if exercise_id is not None:
                    query = query.where(table.c.exercise_id == exercise_id)
                conn.execute(query)

    # -- reads -------------------------------------------------------------------------------------

    def progress(self, user: str | None = None) -> dict[str, dict[str, ExerciseProgress]]:
        """user -> exercise id -> progress, for one user or everyone."""
        a, r = attempts.c, reveals.c
        attempt_rows = select(
            a.user,
            a.exercise_id,
            func.count(),
            func.max(a.score),
            func.max(a.max_score),
            func.sum((a.status == "passed").cast(Integer)),
            func.sum((a.status != "passed").cast(Integer)),
            func.max(a.created_at),
        ).group_by(a.user, a.exercise_id)
        hint_rows = select(
            r.user, r.exercise_id, r.kind, func.count(func.distinct(r.hint_index)), func.count()
        ).group_by(r.user, r.exercise_id, r.kind)
        if user is not None:
            attempt_rows = attempt_rows.where(a.user == user)
            hint_rows = hint_rows.where(r.user == user)
        with self.engine.connect() as conn:
            stats = conn.execute(attempt_rows).all()
            shown = conn.execute(hint_rows).all()
        revealed: dict[tuple[str, str], dict[str, int]] = {}
        for who, exercise, kind, distinct_hints, count in shown:
            revealed.setdefault((who, exercise), {})[kind] = (
                distinct_hints if kind == "hint" else count
            )
        keys = {(row[0], row[1]) for row in stats} | set(revealed)
        by_key = {(row[0], row[1]): row for row in stats}
        out: dict[str, dict[str, ExerciseProgress]] = {}
        for who, exercise in sorted(keys):
            row = by_key.get((who, exercise))
            extra = revealed.get((who, exercise), {})
            out.setdefault(who, {})[exercise] = ExerciseProgress(
                exercise_id=exercise,
                attempts=int(row[2]) if row else 0,
                best_score=float(row[3]) if row else 0.0,
                max_score=float(row[4]) if row else 0.0,
                passed=bool(row[5]) if row else False,
                failed_attempts=int(row[6] or 0) if row else 0,
                last_attempt=float(row[7]) if row else None,
                hints_revealed=int(extra.get("hint", 0)),
                solution_revealed=extra.get("solution", 0) > 0,
            )
        return out

    def attempts(
        self, user: str | None = None, exercise_id: str | None = None, limit: int = 1000
    ) -> list[AttemptRecord]:
        """Attempts, newest first."""
        query = select(attempts).order_by(attempts.c.id.desc()).limit(limit)
        if user is not None:
            query = query.where(attempts.c.user == user)
        if exercise_id is not None:
            query = query.where(attempts.c.exercise_id == exercise_id)
        with self.engine.connect() as conn:
            return [AttemptRecord(**row._mapping) for row in conn.execute(query)]

    def count_attempts(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(attempts)).scalar_one())
