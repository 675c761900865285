"""Reference solution: torch.export with a dynamic batch dimension, saved to bytes."""

from __future__ import annotations

import io
from collections.abc import Callable

import torch


def export_model(model: torch.nn.Module, example: torch.Tensor) -> bytes:
    """Return bytes holding `model` in inference mode, with any batch size allowed."""
    model.eval()
    batch = torch.export.Dim("batch")
    program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    return buffer.getvalue()


def load_model(blob: bytes) -> Callable[[torch.Tensor], torch.Tensor]:
    """Rebuild a callable module from the bytes made by `export_model`."""
    program = torch.export.load(io.BytesIO(blob))
    return program.module()
