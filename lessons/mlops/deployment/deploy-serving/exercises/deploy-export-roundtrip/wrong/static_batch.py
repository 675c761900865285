# mistake: No dynamic shapes: the exported graph only accepts the example's batch size.
# expect-status: failed
# expect-message: batch of 7 rows raised
"""No dynamic shapes: the exported graph only accepts the example's batch size."""

import io

import torch


def export_model(model, example):
    model.eval()
    program = torch.export.export(model, (example,))
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    return buffer.getvalue()


def load_model(blob):
    return torch.export.load(io.BytesIO(blob)).module()
