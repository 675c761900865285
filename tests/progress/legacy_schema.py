"""The progress tables exactly as the releases before migrations declared them (frozen copy).

Those releases ran ``metadata.create_all`` on these definitions (airoadmap_lab/progress/store.py at
commit 3c28060). Tests build a database of that release with them, on SQLite and PostgreSQL, and
upgrade it. Never edit this file: it stands for databases that already exist.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text

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
