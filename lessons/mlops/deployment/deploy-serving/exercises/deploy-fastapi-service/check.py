"""Checks for deploy-fastapi-service.

The model is a check function (t.callback): every call the learner's app makes to it is observed
here. The app stays in the sandbox; a TestClient around it is made there (t.new) and every request
is one call whose status code and JSON body come back as data and are judged here.
"""

from __future__ import annotations

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

N_FEATURES, N_CLASSES = 4, 3


def model_probabilities(rows: list[list[float]]) -> list[list[float]]:
    """A fixed softmax-linear model (computed on the trusted side)."""
    weights = np.random.default_rng(0).normal(size=(N_FEATURES, N_CLASSES))
    z = np.asarray(rows, dtype=float) @ weights
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return p.tolist()


class Service:
    """The learner's app behind a TestClient in the sandbox, and the model's calls seen here."""

    def __init__(self, t):
        def predict_proba(rows):
            if not isinstance(rows, (list, tuple)) or not all(
                isinstance(r, (list, tuple)) and len(r) == N_FEATURES for r in rows
            ):
                raise ValueError(f"the model takes a list of rows of {N_FEATURES} numbers")
            return model_probabilities([list(r) for r in rows])

        self.model = t.callback(predict_proba, name="predict_proba")
        try:
            app = t.call("make_app", self.model, N_FEATURES, keep=True)
            self.client = t.new("TestClient", app)
        except LearnerRaised as err:
            raise Fail(
                f"Building the service raised {err.type_name}: {err.message}. make_app must "
                "return a FastAPI app, and your file must import TestClient from "
                "fastapi.testclient."
            ) from None

    def request(self, method: str, path: str, what: str, **kwargs) -> tuple[int, object]:
        """Send one request; return (status code, JSON body or None)."""
        try:
            response = self.client.call(method, path, keep=True, **kwargs)
            status = response.get("status_code")
        except LearnerRaised as err:
            raise Fail(
                f"{what}: your app raised {err.type_name}: {err.message} (a server error, 500). "
                "Validate the request before calling the model, and answer 422 for bad input."
            ) from None
        try:
            body = response.call("json")
        except LearnerRaised:
            body = None
        if not isinstance(status, int) or isinstance(status, bool):
            raise Fail(f"{what}: the response has no integer status code.")
        return status, body

    def calls(self) -> int:
        return len(self.model.calls)


def expect_rejected(t, body: dict | str, what: str, hint: str) -> None:
    """POST /predict must answer 422 without calling the model (a str body is sent as is)."""
    service = Service(t)
    if isinstance(body, str):
        kwargs = {"content": body, "headers": {"content-type": "application/json"}}
    else:
        kwargs = {"json": body}
    status, _ = service.request("post", "/predict", what, **kwargs)
    expect(status == 422, f"{what}: expected status 422, got {status}. {hint}")
    expect(
        service.calls() == 0,
        f"{what}: your app answered {status} but called the model first. Validate the whole "
        "request before calling predict_proba.",
    )


@checks.test("GET /health answers 200 with {'status': 'ok'}", points=1)
def health(t):
    status, body = Service(t).request("get", "/health", "GET /health")
    expect(status == 200, f"GET /health: expected status 200, got {status}.")
    expect(
        body == {"status": "ok"},
        f"GET /health: expected the body {{'status': 'ok'}}, got {body!r}.",
    )


@checks.test("POST /predict answers the model's probabilities and the argmax labels", points=3)
def predict(t):
    rows = np.random.default_rng(1).normal(size=(5, N_FEATURES)).round(3).tolist()
    rows[2] = [0.0] * N_FEATURES  # equal probabilities: the label is the first index
    service = Service(t)
    what = "POST /predict with 5 rows of 4 features"
    status, body = service.request("post", "/predict", what, json={"features": rows})
    expect(status == 200, f"{what}: expected status 200, got {status} ({body!r:.200}).")
    expect(
        isinstance(body, dict) and set(body) >= {"probabilities", "labels"},
        f"{what}: the body should be a JSON object with 'probabilities' and 'labels'.",
    )
    expected = model_probabilities(rows)
    expect_close(body["probabilities"], expected, what=f"{what}: 'probabilities'", rtol=1e-9)
    labels = [max(range(N_CLASSES), key=p.__getitem__) for p in expected]
    got_labels = body["labels"]
    expect(
        isinstance(got_labels, list) and got_labels == labels,
        f"{what}: 'labels' should hold, for each row, the index of its largest probability "
        "(the first one on ties: row 2 has three equal probabilities, so its label is 0).",
    )


@checks.test("The model is called once, with the rows as they were sent", points=1)
def model_calls(t):
    rows = [[1.5, -2.0, 0.25, 3.0], [0.0, 1.0, -1.0, 2.5]]
    service = Service(t)
    what = "POST /predict with 2 rows"
    status, _ = service.request("post", "/predict", what, json={"features": rows})
    expect(status == 200, f"{what}: expected status 200, got {status}.")
    expect(
        service.calls() == 1,
        f"{what}: your app called predict_proba {service.calls()} times; call it once per "
        "request with the whole batch.",
    )
    sent = service.model.calls[0][0][0]
    expect(
        [list(map(float, r)) for r in sent] == rows,
        f"{what}: predict_proba was called with other rows than the request's (same order, "
        "same values).",
    )


@checks.test("A missing 'features' field or a string among the numbers gives 422", points=1)
def schema_errors(t):
    expect_rejected(
        t,
        {"rows": [[1.0, 2.0, 3.0, 4.0]]},
        "POST /predict with no 'features' field",
        "Declare the body as a pydantic model with a 'features: list[list[float]]' field.",
    )
    expect_rejected(
        t,
        {"features": [[1.0, "two", 3.0, 4.0]]},
        "POST /predict with the string 'two' among the numbers",
        "Declare the body as a pydantic model with a 'features: list[list[float]]' field.",
    )


@checks.test("A row with the wrong number of values gives 422 (model not called)", points=1)
def wrong_length(t):
    expect_rejected(
        t,
        {"features": [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]]},
        "POST /predict whose second row has 3 values instead of 4",
        "Check len(row) == n_features for every row and raise HTTPException(422).",
    )


@checks.test("NaN or infinity in a row gives 422 (model not called)", points=1)
def non_finite(t):
    for name in ("NaN", "Infinity"):
        expect_rejected(
            t,
            '{"features": [[1.0, ' + name + ", 3.0, 4.0]]}",
            f"POST /predict with {name} in a row",
            "JSON can carry NaN and Infinity and pydantic accepts them as floats: check "
            "math.isfinite for every value.",
        )


@checks.test("An empty batch or more than 64 rows gives 422 (model not called)", points=1)
def batch_size(t):
    expect_rejected(
        t,
        {"features": []},
        "POST /predict with no rows",
        "Answer 422 when the batch is empty.",
    )
    expect_rejected(
        t,
        {"features": [[0.0] * N_FEATURES] * 65},
        "POST /predict with 65 rows",
        "Answer 422 when the batch has more than MAX_ROWS = 64 rows.",
    )
