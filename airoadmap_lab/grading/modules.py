"""Loading ``check.py`` and ``solution.py`` in the trusted process, cached per path and mtime."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType

from .checks import Checks


class ExerciseModuleError(Exception):
    """A check.py or solution.py could not be loaded (an exercise bug, not the learner's)."""


class ModuleCache:
    """Imports exercise modules once per (path, mtime); checks may cache reference results."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._modules: dict[Path, tuple[int, ModuleType]] = {}

    def load(self, path: Path) -> ModuleType:
        """The module at ``path``, re-imported when the file changed."""
        path = path.resolve()
        try:
            mtime = path.stat().st_mtime_ns
        except OSError as exc:
            raise ExerciseModuleError(f"{path.name} is missing") from exc
        with self._lock:
            cached = self._modules.get(path)
            if cached and cached[0] == mtime:
                return cached[1]
            digest = hashlib.sha1(f"{path}:{mtime}".encode()).hexdigest()[:12]
            name = f"airoadmap_exercise_{path.stem}_{digest}"
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                raise ExerciseModuleError(f"{path.name} cannot be imported")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except Exception as exc:
                sys.modules.pop(name, None)
                raise ExerciseModuleError(f"{path.name} failed to import: {exc!r}") from exc
            if cached:
                sys.modules.pop(cached[1].__name__, None)
            self._modules[path] = (mtime, module)
            return module

    def checks(self, path: Path) -> Checks:
        """The ``checks`` object of a check.py."""
        module = self.load(path)
        checks = getattr(module, "checks", None)
        if not isinstance(checks, Checks):
            raise ExerciseModuleError(f"{path.name} does not define `checks = Checks()`")
        if not checks.tests:
            raise ExerciseModuleError(f"{path.name} defines no tests")
        return checks
