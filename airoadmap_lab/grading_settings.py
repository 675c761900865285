"""The grading settings a deployer tunes, shared by the server extension and the classroom service."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from traitlets import Bool, Float, HasTraits, Int, default

from .grading import SandboxConfig
from .grading.report import require_isolation_default, traitlet_setting


class GradingSettings(HasTraits):
    """Traitlets mapped onto :class:`SandboxConfig` (each app documents them under its own name)."""

    grading_workers = Int(
        2,
        config=True,
        help="Attempts graded at the same time; more queue in order. About one per core.",
    )
    max_time_s = Float(
        30.0, config=True, help="Upper bound on any exercise's wall-clock time limit (s)."
    )
    max_memory_mb = Int(4096, config=True, help="Upper bound on any exercise's memory limit (MiB).")
    max_code_bytes = Int(200_000, config=True, help="Largest attempt accepted for grading (bytes).")
    max_output_bytes = Int(64_000, config=True, help="Captured output kept per attempt (bytes).")
    require_isolation = Bool(
        True,
        config=True,
        help="Refuse to grade when a sandbox layer (fork server, namespaces, allow-list root, "
        "seccomp, ...) is missing; the refusal names the layer and why. Set False only where "
        "every learner is trusted (your own machine): grading then runs with a warning in the "
        "log. Default: True, unless AIROADMAP_REQUIRE_ISOLATION=0 is in the environment.",
    )

    @default("require_isolation")
    def _default_require_isolation(self) -> bool:
        return require_isolation_default()

    def sandbox_config(self, hide_paths: Iterable[Path]) -> SandboxConfig:
        """The engine's configuration from these settings, hiding ``hide_paths`` in the sandbox."""
        return SandboxConfig(
            max_time_s=self.max_time_s,
            max_memory_mb=self.max_memory_mb,
            max_output_bytes=self.max_output_bytes,
            max_code_bytes=self.max_code_bytes,
            hide_paths=tuple(hide_paths),
            workers=self.grading_workers,
            require_isolation=self.require_isolation,
            allow_weak_with=traitlet_setting(type(self).__name__),
        )
