"""Progress: attempts, best scores, hint and solution reveals (SQLite or any SQLAlchemy URL)."""

from .engine import sqlite_url
from .migrations import SchemaMismatch
from .store import AttemptRecord, ExerciseProgress, ProgressStore

__all__ = ["AttemptRecord", "ExerciseProgress", "ProgressStore", "SchemaMismatch", "sqlite_url"]
