"""The progress store's tables: the schema that the Alembic revisions in ``alembic/`` build.

Change a table here and add a revision in the same commit (docs/database.md says how); a test
fails while the two disagree.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text

# Names for constraints that future revisions add, so SQLite's batch mode can find them again.
# (No "pk" entry: primary keys keep the names the first release's databases gave them.)
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

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
