# mistake: Checks only the length: NaN, infinity and True slip through to the model.
# expect-status: failed
# expect-message: 422
# expect-message: a string entry
"""Checks only the length: NaN, infinity and True slip through to the model."""

import json

import numpy as np


def handle(payload, model):
    if isinstance(payload, (str, bytes)):
        try:
            payload = json.loads(payload)
        except ValueError:
            return 400, {"error": "invalid JSON"}
    if not isinstance(payload, dict) or "features" not in payload:
        return 400, {"error": "missing field features"}
    x = payload["features"]
    d = len(model["weights"][0])
    if not isinstance(x, list) or len(x) != d:
        return 422, {"error": "features has the wrong length"}
    try:
        xs = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return 422, {"error": "features must be numbers"}
    z = np.asarray(model["weights"]) @ xs + np.asarray(model["bias"])
    e = np.exp(z - z.max())
    p = e / e.sum()
    names = model["classes"]
    return 200, {"label": names[int(np.argmax(p))], "probabilities": dict(zip(names, map(float, p)))}
