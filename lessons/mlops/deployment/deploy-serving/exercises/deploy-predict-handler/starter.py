"""A framework-free prediction handler for a linear softmax classifier."""

import json  # noqa: F401
import math  # noqa: F401

import numpy as np  # noqa: F401


def handle(payload, model):
    """Validate `payload`, run the model, and return `(status, body)`."""
    # TODO: decode, validate (400 / 422), then predict (200)
    raise NotImplementedError
