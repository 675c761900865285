"""What the grader is given: an exercise's files and the server-wide sandbox settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .report import ENV_SETTING, require_isolation_default


@dataclass(frozen=True)
class ExerciseFiles:
    """One exercise as the catalog hands it to the grader."""

    exercise_id: str
    version: int
    directory: Path  # holds check.py, solution.py, starter.py, data/, wrong/
    starter: str
    time_limit_s: float = 10.0
    memory_limit_mb: int = 1024

    @classmethod
    def from_directory(cls, directory: Path) -> ExerciseFiles:
        """Build from an exercise folder in the docs/authoring.md format (no schema validation)."""
        import yaml

        meta = yaml.safe_load((directory / "exercise.yaml").read_text(encoding="utf-8")) or {}
        limits = meta.get("limits") or {}
        return cls(
            exercise_id=str(meta["id"]),
            version=int(meta.get("version", 1)),
            directory=directory,
            starter=(directory / "starter.py").read_text(encoding="utf-8"),
            time_limit_s=float(limits.get("time_s", 10.0)),
            memory_limit_mb=int(limits.get("memory_mb", 1024)),
        )

    @property
    def check_path(self) -> Path:
        """The exercise's check.py."""
        return self.directory / "check.py"

    @property
    def solution_path(self) -> Path:
        """The exercise's reference solution."""
        return self.directory / "solution.py"


@dataclass
class SandboxConfig:
    """Server-wide grading settings (the server maps its traitlets onto these)."""

    max_time_s: float = 30.0  # exercise limits are clipped to these caps
    max_memory_mb: int = 4096
    max_output_bytes: int = 64_000
    max_result_bytes: int = 16_000_000
    max_code_bytes: int = 200_000
    hide_paths: tuple[Path, ...] = ()  # masked with an empty tmpfs inside the sandbox
    workers: int = 2  # attempts graded at once; further ones queue (FIFO)
    # Isolation switches.
    use_fork_server: bool = True  # False: one fresh `python` per attempt (slow; for baselines)
    use_namespaces: bool = True  # PID, network, mount (and user, when not root) namespaces
    use_seccomp: bool = True  # needs `pyseccomp` (a Linux dependency) and libseccomp
    # Refuse to start unless every layer is in force (report.IsolationRefused). On by default;
    # off only when the deployer says so (AIROADMAP_REQUIRE_ISOLATION=0 or the app's setting).
    require_isolation: bool = field(default_factory=require_isolation_default)
    # The one setting, as the deployer of this entry point spells it, that allows weaker grading
    # (quoted in the refusal message): set by the server extension, the CLI, the hub service.
    allow_weak_with: str = ENV_SETTING
    sandbox_uid_base: int = 64000  # as root: slot i runs as uid/gid sandbox_uid_base + i
    max_processes: int = 32  # RLIMIT_NPROC inside the sandbox
    max_open_files: int = 256
    max_file_bytes: int = 16 * 1024 * 1024  # RLIMIT_FSIZE (files in the private /tmp)
    judge_threads: int | None = 1  # BLAS/OpenMP threads for checks in this process (None: as is)
    prefork: int = 2  # sandboxes kept forked and half set up, ready for the next attempt
    kill_grace_s: float = 2.0  # extra wall time before the trusted side gives up on a child

    def time_limit(self, exercise: ExerciseFiles) -> float:
        """The exercise's time limit clipped to the server cap."""
        return max(0.1, min(float(exercise.time_limit_s), self.max_time_s))

    def memory_limit(self, exercise: ExerciseFiles) -> int:
        """The exercise's memory limit (MB) clipped to the server cap."""
        return max(16, min(int(exercise.memory_limit_mb), self.max_memory_mb))
