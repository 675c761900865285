"""Checks for deploy-predict-handler."""

from __future__ import annotations

import json
import math
from functools import cache

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect

checks = Checks()


@cache
def iris_model() -> dict:
    """A 3-class softmax model with 4 features (weights drawn with a fixed seed)."""
    rng = np.random.default_rng(7)
    return {
        "weights": rng.normal(size=(3, 4)).round(3).tolist(),
        "bias": rng.normal(size=3).round(3).tolist(),
        "classes": ["setosa", "versicolor", "virginica"],
    }


def expected_probs(model: dict, features: list[float]) -> np.ndarray:
    """Softmax of W x + b, computed stably in the trusted process."""
    z = np.asarray(model["weights"], float) @ np.asarray(features, float) + np.asarray(
        model["bias"], float
    )
    e = np.exp(z - z.max())
    return e / e.sum()


def split(result: object, case: str) -> tuple[int, dict]:
    """Unpack `(status, body)` and check its types."""
    if not isinstance(result, (list, tuple)) or len(result) != 2:
        kind = type(result).__name__
        raise Fail(f"handle({case}) should return a pair (status, body), got {kind}")
    status, body = result
    if isinstance(status, bool) or not isinstance(status, int):
        raise Fail(f"handle({case}): the status should be an int such as 200, got {status!r}")
    if not isinstance(body, dict):
        raise Fail(f"handle({case}): the body should be a dict, got {type(body).__name__}")
    return status, body


def expect_ok(t, payload: object, features: list[float], case: str) -> None:
    """A valid request: status 200, the right label and probabilities."""
    model = iris_model()
    status, body = split(t.call("handle", payload, model), case)
    expect(status == 200, f"handle({case}) returned status {status}; a valid request gets 200.")
    expect(
        set(body) >= {"label", "probabilities"},
        f"handle({case}): the 200 body needs the keys 'label' and 'probabilities'.",
    )
    probs = body["probabilities"]
    expect(
        isinstance(probs, dict) and list(probs) == model["classes"],
        f"handle({case}): 'probabilities' should be a dict with one key per class name, in the "
        "order of model['classes'].",
    )
    values = np.array([probs[c] for c in model["classes"]], dtype=float)
    expect(
        np.all(np.isfinite(values)),
        f"handle({case}): some probabilities are NaN or infinite (exp overflowed). Subtract the "
        "largest logit before exponentiating.",
    )
    expected = expected_probs(model, features)
    expect(
        np.allclose(values, expected, rtol=1e-7, atol=1e-12),
        f"handle({case}): the probabilities are not softmax(W @ features + b). Check the matrix "
        "orientation (W has one row per class) and that you add the bias.",
    )
    best = model["classes"][int(np.argmax(expected))]
    expect(body["label"] == best, f"handle({case}): 'label' is not the most probable class.")


@checks.test("A valid dict payload gets 200, the softmax probabilities and the top label", points=2)
def valid_dict(t):
    rng = np.random.default_rng(1)
    for i in range(4):
        features = rng.normal(size=4).round(2).tolist()
        expect_ok(t, {"features": features}, features, f"a dict payload, request {i + 1} of 4")


@checks.test("JSON given as str and as bytes is decoded", points=1)
def json_text(t):
    features = [5.1, 3.5, 1.4, 0.2]
    text = json.dumps({"features": features})
    expect_ok(t, text, features, "a JSON str payload")
    expect_ok(t, text.encode("utf-8"), features, "a JSON bytes payload")


@checks.test("Extra fields in the payload are ignored", points=1)
def extra_fields(t):
    features = [6.3, 2.9, 5.6, 1.8]
    payload = {"features": features, "request_id": "abc-123"}
    expect_ok(t, payload, features, "a payload with an extra field 'request_id'")


@checks.test("Huge features do not overflow the softmax", points=1)
def huge_features(t):
    for scale in (1e3, 1e4, -1e4):
        features = [scale, -scale / 2, scale / 3, 1.0]
        expect_ok(t, {"features": features}, features, f"features of size {scale:g}")


@checks.test("Ties go to the class listed first", points=1)
def ties(t):
    model = {"weights": [[0.0, 0.0]] * 3, "bias": [0.0, 1.0, 1.0], "classes": ["a", "b", "c"]}
    status, body = split(t.call("handle", {"features": [1.0, 2.0]}, model), "a tie between b and c")
    expect(status == 200, f"handle(a tie between b and c) returned status {status}, expected 200.")
    expect(
        body.get("label") == "b",
        "With classes b and c equally likely, the label should be 'b', the one listed first in "
        "model['classes'].",
    )


BAD_REQUESTS = [
    ("b'not json' (invalid JSON bytes)", b"not json"),
    ("'{\"features\": [1, 2' (truncated JSON)", '{"features": [1, 2'),
    ("bytes that are not UTF-8", b"\xff\xfe\x00"),
    ("a JSON list '[1, 2, 3, 4]'", "[1, 2, 3, 4]"),
    ("a JSON number '42'", "42"),
    ("a payload without 'features' ({'feature': [...]})", {"feature": [1.0, 2.0, 3.0, 4.0]}),
    ("an empty dict", {}),
]


@checks.test("Malformed requests and a missing field get 400", points=2)
def bad_requests(t):
    model = iris_model()
    for case, payload in BAD_REQUESTS:
        status, body = split(t.call("handle", payload, model), case)
        expect(
            status == 400,
            f"handle({case}) returned status {status}; a body that is not a JSON object with a "
            "'features' field is a client error: 400.",
        )
        message = body.get("error")
        expect(
            isinstance(message, str) and message.strip() != "",
            f"handle({case}): the 400 body should be {{'error': <a non-empty message>}}.",
        )
    status, body = split(t.call("handle", {}, model), "an empty dict")
    expect(
        "features" in body["error"].lower(),
        "handle({}) should say in its error message that the field 'features' is missing.",
    )


UNPROCESSABLE = [
    ("3 features instead of 4", {"features": [1.0, 2.0, 3.0]}),
    ("5 features instead of 4", {"features": [1.0, 2.0, 3.0, 4.0, 5.0]}),
    ("an empty features list", {"features": []}),
    ("features given as a string", {"features": "1,2,3,4"}),
    ("features given as a number", {"features": 4}),
    ("features set to null", {"features": None}),
    ("a string entry", {"features": [1.0, "2.0", 3.0, 4.0]}),
    ("a None entry", {"features": [1.0, None, 3.0, 4.0]}),
    ("a boolean entry", {"features": [1.0, True, 3.0, 4.0]}),
    ("a nested list entry", {"features": [1.0, [2.0], 3.0, 4.0]}),
    ("NaN in JSON text", '{"features": [1.0, NaN, 3.0, 4.0]}'),
    ("Infinity in JSON text", '{"features": [1.0, 2.0, Infinity, 4.0]}'),
    ("-Infinity in JSON text", '{"features": [-Infinity, 2.0, 3.0, 4.0]}'),
]


@checks.test("Wrong length, non-numbers, NaN and infinity get 422", points=3)
def unprocessable(t):
    model = iris_model()
    for case, payload in UNPROCESSABLE:
        status, body = split(t.call("handle", payload, model), case)
        expect(
            status == 422,
            f"handle({case}) returned status {status}; a well-formed request whose 'features' "
            "cannot be used should get 422 (Unprocessable Content).",
        )
        message = body.get("error")
        expect(
            isinstance(message, str) and "features" in message.lower(),
            f"handle({case}): the 422 body should be {{'error': message}} with a message that "
            "names the field 'features'.",
        )


@checks.test("Integers are valid features and the 200 body is plain JSON", points=1)
def plain_json(t):
    features = [5, 3, 1, 0]
    expect_ok(t, {"features": features}, [5.0, 3.0, 1.0, 0.0], "integer features [5, 3, 1, 0]")
    _, body = split(t.call("handle", {"features": features}, iris_model()), "integer features")
    try:
        json.dumps(body, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise Fail(
            f"The 200 body cannot be turned into JSON ({exc}). Convert NumPy numbers with float() "
            "and NumPy strings with str()."
        ) from None
    expect(isinstance(body["label"], str), "'label' should be a str (a class name).")
    expect(
        all(isinstance(p, float) and math.isfinite(p) for p in body["probabilities"].values()),
        "Every probability should be a finite Python float.",
    )
