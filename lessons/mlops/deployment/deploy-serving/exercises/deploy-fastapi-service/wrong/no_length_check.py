# mistake: Never checks the row length, so a short row reaches the model and the service answers 500.
# expect-status: failed
# expect-message: second row has 3 values

from __future__ import annotations

import math
from collections.abc import Callable

from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient  # noqa: F401  (the checks use it from this module)
from pydantic import BaseModel

MAX_ROWS = 64


class PredictRequest(BaseModel):
    """The body of POST /predict."""

    features: list[list[float]]


def make_app(predict_proba: Callable, n_features: int) -> FastAPI:
    """A service with GET /health and POST /predict around `predict_proba`."""
    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    def predict(request: PredictRequest) -> dict:
        rows = request.features
        if not 1 <= len(rows) <= MAX_ROWS:
            raise HTTPException(422, f"send between 1 and {MAX_ROWS} rows, got {len(rows)}")
        for i, row in enumerate(rows):
            if not all(math.isfinite(v) for v in row):
                raise HTTPException(422, f"row {i} holds NaN or infinity")
        probabilities = [[float(p) for p in ps] for ps in predict_proba(rows)]
        labels = [max(range(len(ps)), key=ps.__getitem__) for ps in probabilities]
        return {"probabilities": probabilities, "labels": labels}

    return app
