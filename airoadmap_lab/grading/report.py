"""Which isolation layers are active, as detected when the grader starts."""

from __future__ import annotations

from dataclasses import dataclass, field


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
