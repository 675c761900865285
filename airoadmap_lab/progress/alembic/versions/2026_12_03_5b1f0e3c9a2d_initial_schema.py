"""The schema of the releases before migrations (what their create_all made).

Revision ID: 5b1f0e3c9a2d
Revises:
Create Date: 2026-12-03

A database made by such a release has these tables but no alembic_version table; it is stamped at
this revision and then upgraded (airoadmap_lab/progress/migrations.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b1f0e3c9a2d"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the attempts and reveals tables."""
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("exercise_id", sa.String(255), nullable=False),
        sa.Column("exercise_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("duration_ms", sa.Float(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_attempts_user_exercise", "attempts", ["user", "exercise_id"])
    op.create_table(
        "reveals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("exercise_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("hint_index", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_reveals_user_exercise", "reveals", ["user", "exercise_id"])


def downgrade() -> None:
    """Drop both tables (and everything in them)."""
    op.drop_index("ix_reveals_user_exercise", table_name="reveals")
    op.drop_table("reveals")
    op.drop_index("ix_attempts_user_exercise", table_name="attempts")
    op.drop_table("attempts")
