# mistake: torch.save(model) pickles the Python object, which needs its class to be importable.
# expect-status: failed
# expect-message: pickle
"""torch.save(model) pickles the Python object, which needs its class to be importable."""

import io

import torch


def export_model(model, example):
    model.eval()
    buffer = io.BytesIO()
    torch.save(model, buffer)
    return buffer.getvalue()


def load_model(blob):
    return torch.load(io.BytesIO(blob), weights_only=False)
