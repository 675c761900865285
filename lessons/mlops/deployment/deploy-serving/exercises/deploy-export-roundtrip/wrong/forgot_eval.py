# mistake: Exports the model as it arrives: in training mode, so dropout and batch statistics stay on.
# expect-status: failed
# expect-message: inference mode
"""Exports the model as it arrives: in training mode, so dropout and batch statistics stay on."""

import io

import torch


def export_model(model, example):
    program = torch.export.export(
        model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},)
    )
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    return buffer.getvalue()


def load_model(blob):
    return torch.export.load(io.BytesIO(blob)).module()
