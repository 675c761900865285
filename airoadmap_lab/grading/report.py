"""Which isolation layers are active, as detected when the grader starts, and the refusal to grade
when one is missing.

Isolation is never silently off: unless the deployer knowingly allows weaker grading, a grader
whose sandbox lacks a layer refuses to start with :class:`IsolationRefused`, whose message names
each missing layer, why it is missing, and the one setting that allows weaker grading. The three
spellings of that setting: the traitlet ``require_isolation`` of the server extension and of
the classroom service (:func:`traitlet_setting`), the environment variable (here) and the CLI
flag ``--allow-weak-isolation`` (``cli.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Environment variable: ``AIROADMAP_REQUIRE_ISOLATION=0`` knowingly allows weaker grading.
REQUIRE_ISOLATION_ENV = "AIROADMAP_REQUIRE_ISOLATION"


def traitlet_setting(app_class: str) -> str:
    """The configuration line that allows weaker grading in the app called ``app_class``."""
    return f"c.{app_class}.require_isolation = False"


ENV_SETTING = f"{REQUIRE_ISOLATION_ENV}=0 (environment)"


def require_isolation_default(environ: Mapping[str, str] | None = None) -> bool:
    """True unless the environment says ``AIROADMAP_REQUIRE_ISOLATION=0``.

    Any other value (unset, empty, ``1``) keeps isolation required: only the documented spelling
    turns it off, so a typo never weakens grading.
    """
    env = os.environ if environ is None else environ
    return env.get(REQUIRE_ISOLATION_ENV, "").strip() != "0"


# Advice for a missing layer: what the deployer can do to get it back.
_REMEDY = {
    "seccomp filter": "install `pyseccomp` (a Linux dependency of airoadmap-lab) and the "
    "system library libseccomp2 (Debian/Ubuntu: apt-get install libseccomp2)",
    "namespaces": "run the server as root, or allow unprivileged user namespaces "
    "(sysctl kernel.unprivileged_userns_clone=1; in a container, a seccomp/AppArmor profile "
    "that permits unshare)",
    "allow-list root": "the sandbox needs its own mount namespace (see `namespaces`) and "
    "pivot_root; see the layer's note for the step that failed",
    "fork server": "see the server log for why the grading fork server could not start",
    "network blocked": "the sandbox needs its own network namespace (see `namespaces`)",
}


@dataclass(frozen=True)
class Layer:
    """One isolation layer and whether it is in force."""

    name: str
    active: bool
    note: str = ""


@dataclass
class IsolationReport:
    """The isolation layers of the sandbox, in the order they are applied."""

    layers: list[Layer] = field(default_factory=list)

    def add(self, name: str, active: bool, note: str = "") -> None:
        """Record a layer."""
        self.layers.append(Layer(name, active, note))

    def is_active(self, name: str) -> bool:
        """Whether the layer called ``name`` is active."""
        return any(layer.name == name and layer.active for layer in self.layers)

    @property
    def missing(self) -> list[Layer]:
        """Layers that are not in force."""
        return [layer for layer in self.layers if not layer.active]

    @property
    def complete(self) -> bool:
        """True when every known layer is in force."""
        return bool(self.layers) and not self.missing

    def summary(self) -> str:
        """A human-readable, one-line-per-layer description for the server log."""
        lines = ["grading sandbox isolation:"]
        for layer in self.layers:
            mark = "on " if layer.active else "OFF"
            lines.append(f"  [{mark}] {layer.name}" + (f": {layer.note}" if layer.note else ""))
        return "\n".join(lines)


class IsolationRefused(RuntimeError):
    """The grader refuses to start: a sandbox layer is missing and weaker grading is not allowed.

    ``str(exc)`` is the whole message for the deployer: which layer, why, what restores it, and
    the one setting (``allow_with``) that knowingly allows weaker grading.
    """

    def __init__(self, missing: list[Layer], allow_with: str):
        self.missing = list(missing)
        self.allow_with = allow_with
        lines = [
            "Grading refused: the grading sandbox is missing "
            + ("an isolation layer" if len(missing) == 1 else f"{len(missing)} isolation layers")
            + ", so a learner's code could read or change what it must not."
        ]
        for layer in missing:
            why = layer.note or "not available"
            lines.append(f"  - {layer.name}: {why}")
            if layer.name in _REMEDY:
                lines.append(f"    to fix: {_REMEDY[layer.name]}")
        lines.append(
            "To grade anyway with weaker isolation (only where every learner is trusted, e.g. your "
            f"own machine), set {allow_with}."
        )
        super().__init__("\n".join(lines))
