"""The progress store: attempts and hint/solution reveals, per user and exercise.

SQLite by default (one file, WAL journal, every write its own transaction, so a crash loses nothing
that was already committed), or any SQLAlchemy URL (PostgreSQL for a class). The single-user server
records under one user name; the classroom service under each student's hub name.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(255), nullable=False),
    Column("exercise_id", String(255), nullable=False),
    Column("exercise_version", Integer, nullable=False),
    Column("status", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("duration_ms", Float, nullable=False),
    Column("code", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Index("ix_attempts_user_exercise", "user", "exercise_id"),
)

reveals = Table(
    "reveals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(255), nullable=False),
    Column("exercise_id", String(255), nullable=False),
    Column("kind", String(16), nullable=False),  # "hint" | "solution"
    Column("hint_index", Integer, nullable=True),
    Column("created_at", Float, nullable=False),
    Index("ix_reveals_user_exercise", "user", "exercise_id"),
)


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


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a killed process loses no committed write; only a power cut can roll back the
    # last few (never corrupt the file). FULL would add an fsync to every graded attempt.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class ProgressStore:
    """Records attempts and reveals, and answers progress questions. Thread-safe."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def close(self) -> None:
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
            return int(result.inserted_primary_key[0])

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
