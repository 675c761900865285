# mistake: Answers 400 for every problem, so a client cannot tell a broken body from bad values.
# expect-status: failed
# expect-message: 3 features instead of 4
# expect-message: 422
"""Answers 400 for every problem, so a client cannot tell a broken body from bad values."""

import json
import math

import numpy as np


def handle(payload, model):
    try:
        if isinstance(payload, (str, bytes)):
            payload = json.loads(payload)
        x = payload["features"]
        d = len(model["weights"][0])
        assert isinstance(x, list) and len(x) == d
        for v in x:
            assert not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v)
    except Exception:
        return 400, {"error": "bad request: check the features field"}
    z = np.asarray(model["weights"]) @ np.asarray(x, float) + np.asarray(model["bias"])
    e = np.exp(z - z.max())
    p = e / e.sum()
    names = model["classes"]
    return 200, {"label": names[int(np.argmax(p))], "probabilities": dict(zip(names, map(float, p)))}
