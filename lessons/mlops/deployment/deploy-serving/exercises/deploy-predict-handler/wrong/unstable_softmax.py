# mistake: Softmax without subtracting the maximum: exp(1e4) overflows to inf and inf/inf is NaN.
# expect-status: failed
# expect-message: overflow
# expect-message: NaN
"""Softmax without subtracting the maximum: exp(1e4) overflows to inf and inf/inf is NaN."""

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
    for v in x:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            return 422, {"error": "features must be finite numbers"}
    z = np.asarray(model["weights"]) @ np.asarray(x, float) + np.asarray(model["bias"])
    with np.errstate(all="ignore"):
        p = np.exp(z) / np.exp(z).sum()
    names = model["classes"]
    return 200, {"label": names[int(np.argmax(p))], "probabilities": dict(zip(names, map(float, p)))}
