# mistake: Normalises the request in place: the caller's dict is changed behind its back.
# expect-status: failed
# expect-message: changed its input
"""Normalises the request in place: the caller's dict is changed behind its back."""

import json
import math

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
    for i, v in enumerate(x):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            return 422, {"error": "features must be finite numbers"}
        x[i] = float(v)  # in place: the caller's list now holds floats
    payload["n_features"] = d
    z = np.asarray(model["weights"]) @ np.asarray(x) + np.asarray(model["bias"])
    e = np.exp(z - z.max())
    p = e / e.sum()
    names = model["classes"]
    return 200, {"label": names[int(np.argmax(p))], "probabilities": dict(zip(names, map(float, p)))}
