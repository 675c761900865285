"""Export a PyTorch model to bytes and load it back for serving."""

import io  # noqa: F401

import torch  # noqa: F401


def export_model(model, example):
    """Return bytes holding `model` (in inference mode), loadable without its Python class."""
    # TODO: eval mode, export with a dynamic batch dimension, save into io.BytesIO
    raise NotImplementedError


def load_model(blob):
    """Rebuild a callable model from the bytes made by `export_model`."""
    # TODO
    raise NotImplementedError
