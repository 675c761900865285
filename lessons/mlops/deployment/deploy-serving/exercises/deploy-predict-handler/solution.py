"""Reference solution: a framework-free prediction handler."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np


def _error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": message}


def _is_finite_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def handle(payload: Any, model: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Validate `payload`, run the softmax classifier in `model`, and return `(status, body)`."""
    if isinstance(payload, (str, bytes, bytearray)):
        try:
            payload = json.loads(payload)
        except ValueError:
            return _error(400, "the request body is not valid JSON")
    if not isinstance(payload, dict):
        return _error(400, "the request body must be a JSON object with a 'features' field")
    if "features" not in payload:
        return _error(400, "missing required field 'features'")

    features = payload["features"]
    n_features = len(model["weights"][0])
    if not isinstance(features, list):
        return _error(422, "'features' must be a list of numbers")
    if len(features) != n_features:
        return _error(422, f"'features' must have {n_features} values, got {len(features)}")
    for i, value in enumerate(features):
        if not _is_finite_number(value):
            return _error(422, f"'features'[{i}] must be a finite number")

    weights = np.asarray(model["weights"], dtype=float)
    bias = np.asarray(model["bias"], dtype=float)
    logits = weights @ np.asarray(features, dtype=float) + bias
    shifted = np.exp(logits - logits.max())
    probs = shifted / shifted.sum()
    classes = list(model["classes"])
    best = int(np.argmax(probs))
    return 200, {
        "label": classes[best],
        "probabilities": {name: float(p) for name, p in zip(classes, probs, strict=True)},
    }
