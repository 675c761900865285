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


def limit_native_threads(threads: int | None) -> None:
    """Cap the BLAS/OpenMP pools loaded so far in this process (the judge's numeric work).

    Several attempts are judged at once on a small machine; native pools that each start one
    thread per core oversubscribe the CPU and spin. Applied at start and after each exercise
    module is imported (it may load a new library, e.g. torch's OpenMP).
    """
    if threads is None:
        return
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads)
    except Exception:  # threadpoolctl missing or a library it cannot handle
        pass
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


class ModuleCache:
    """Imports exercise modules once per (path, mtime); checks may cache reference results."""

    def __init__(self, native_threads: int | None = None) -> None:
        self.native_threads = native_threads
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
            limit_native_threads(self.native_threads)
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
