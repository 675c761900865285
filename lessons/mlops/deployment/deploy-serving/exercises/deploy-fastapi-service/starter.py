from collections.abc import Callable

from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient  # the checks use it from this module: keep this import
from pydantic import BaseModel

MAX_ROWS = 64


class PredictRequest(BaseModel):
    """The body of POST /predict."""

    features: list[list[float]]


def make_app(predict_proba: Callable, n_features: int) -> FastAPI:
    """A service with GET /health and POST /predict around `predict_proba`."""
    app = FastAPI()
    # TODO: add GET /health and POST /predict as described in the prompt
    return app
