"""Progress: attempts, best scores, hint and solution reveals (SQLite or any SQLAlchemy URL)."""

from .store import AttemptRecord, ExerciseProgress, ProgressStore, sqlite_url

__all__ = ["AttemptRecord", "ExerciseProgress", "ProgressStore", "sqlite_url"]
