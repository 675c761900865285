"""Checks for calc-numgrad: central differences against exact gradients, x left unchanged."""

import numpy as np
from scipy.special import softmax

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

# The snippet runs in the learner's process: it defines f there, calls numerical_gradient and
# reports what it saw. It holds no expected values.
# x travels with its shape and the gradient comes back flat with its shape, so a 0-d array keeps
# its shape whatever the transport does with 0-d arrays.
_SNIPPET = """
import numpy as _np
_kinds = []
{f_source}
def _traced(v):
    _kinds.append(_np.asarray(v).dtype.kind)
    return f(v)
x = _np.asarray(x).reshape(x_shape)
_x_before = _np.array(x, copy=True)
if step is None:
    _grad = numerical_gradient(_traced, x)
else:
    _grad = numerical_gradient(_traced, x, h=step)
result = {{
    "grad": None if _grad is None else _np.asarray(_grad, dtype=float).ravel(),
    "grad_shape": None if _grad is None else list(_np.shape(_grad)),
    "x_unchanged": bool(x.dtype == _x_before.dtype and _np.array_equal(x, _x_before)),
    "float_calls": all(kind == "f" for kind in _kinds),
}}
"""

QUADRATIC = "def f(v):\n    return float(v @ A @ v)"
SIN_SUM = "def f(v):\n    return float(_np.sum(_np.sin(v)))"
CUBIC = "def f(v):\n    return float(v ** 3 + 2.0 * v)"
CUBE_SUM = "def f(v):\n    return float(_np.sum(v ** 3))"
CE_VECTOR = (
    "def f(z):\n"
    "    m = _np.max(z)\n"
    "    return float(m + _np.log(_np.sum(_np.exp(z - m))) - z[labels])"
)
CE_BATCH = (
    "def f(Z):\n"
    "    m = _np.max(Z, axis=1, keepdims=True)\n"
    "    lse = (m + _np.log(_np.sum(_np.exp(Z - m), axis=1, keepdims=True)))[:, 0]\n"
    "    return float(_np.mean(lse - Z[_np.arange(len(labels)), labels]))"
)


def _run(t, case: str, f_source: str, x: np.ndarray, step: float | None = None, **inputs) -> dict:
    """Run the learner's numerical_gradient on one case and check the shape of what it returns."""
    code = _SNIPPET.format(f_source=f_source)
    try:
        out = t.run(code, x=x, x_shape=list(np.shape(x)), step=step, **inputs)
    except LearnerRaised as err:
        raise Fail(
            f"numerical_gradient raised {err.type_name} on {case}: {err.message}. Does your loop "
            "visit every element of an array of any shape (np.ndindex(x.shape) does)?"
        ) from None
    expect(
        out["grad"] is not None, f"numerical_gradient returned None on {case}; return the gradient."
    )
    shape = tuple(out["grad_shape"])
    expect(
        shape == np.shape(x),
        f"On {case}, the gradient should have the shape of x, {np.shape(x)}, got {shape}.",
    )
    grad = np.asarray(out["grad"], dtype=float).reshape(shape)
    expect(
        out["x_unchanged"],
        f"numerical_gradient changed x on {case}. Work on a float copy of x, or restore each "
        "element to its saved original value (adding and subtracting h does not give it back "
        "exactly).",
    )
    expect(
        out["float_calls"],
        f"On {case}, f was called with an integer array: x + h rounds back to x. Convert x to "
        "float64 before nudging it.",
    )
    out["grad"] = grad
    return out


def _expect_relative_error(grad: np.ndarray, exact: np.ndarray, case: str) -> None:
    scale = max(np.linalg.norm(grad), np.linalg.norm(exact), 1e-12)
    rel = np.linalg.norm(grad - exact) / scale
    if bool(np.isfinite(rel)) and rel < 1e-7:
        return
    if np.isfinite(rel) and rel < 1e-3:
        advice = (
            "An error of this size usually means a forward difference (f(x+h) - f(x)) / h "
            "instead of the central difference (f(x+h) - f(x-h)) / (2h)."
        )
    else:
        advice = (
            "An error this large means the wrong elements were nudged or the result was "
            "written to the wrong place: nudge one element at a time, at every index."
        )
    raise Fail(
        f"On {case}, the relative error against the exact gradient is {rel:.1e}; it should be "
        f"below 1e-7. {advice}"
    )


@checks.test("Gradient of x^T A x at a vector x of shape (3,), A not symmetric", points=2)
def quadratic_vector(t):
    rng = np.random.default_rng(1)
    A, x = rng.normal(size=(3, 3)), rng.normal(size=3)
    case = "f(x) = x^T A x with x of shape (3,)"
    out = _run(t, case, QUADRATIC, x, A=A)
    _expect_relative_error(out["grad"], (A + A.T) @ x, case)


@checks.test("Gradient of sum(sin x) at a matrix x of shape (3, 4)", points=2)
def sin_matrix(t):
    x = np.random.default_rng(2).normal(size=(3, 4))
    case = "f(x) = sum(sin(x)) with x of shape (3, 4)"
    out = _run(t, case, SIN_SUM, x)
    _expect_relative_error(out["grad"], np.cos(x), case)


@checks.test("Gradient of x**3 + 2x at a 0-d array x", points=1)
def cubic_scalar(t):
    x = np.array(1.5)
    case = "f(x) = x**3 + 2x with a 0-d array x = np.array(1.5)"
    out = _run(t, case, CUBIC, x)
    _expect_relative_error(out["grad"], 3 * x**2 + 2, case)


@checks.test("Gradient of softmax cross-entropy for logits of shape (3,) and (3, 4)", points=2)
def softmax_cross_entropy(t):
    rng = np.random.default_rng(3)
    z, label = rng.normal(size=3) * 2, 1
    case = "softmax cross-entropy of one logit vector of shape (3,), true class 1"
    out = _run(t, case, CE_VECTOR, z, labels=label)
    _expect_relative_error(out["grad"], softmax(z) - np.eye(3)[label], case)
    Z, labels = rng.normal(size=(3, 4)) * 2, np.array([0, 3, 2])
    case = "mean softmax cross-entropy of logits of shape (3, 4), labels [0, 3, 2]"
    out = _run(t, case, CE_BATCH, Z, labels=labels)
    _expect_relative_error(out["grad"], (softmax(Z, axis=1) - np.eye(4)[labels]) / 3, case)


@checks.test("An integer x is converted to float and moved by h", points=1)
def integer_input(t):
    x = np.array([1, 2, 3])
    case = "f(x) = sum(sin(x)) with the integer array x = [1, 2, 3]"
    out = _run(t, case, SIN_SUM, x)
    _expect_relative_error(out["grad"], np.cos(x.astype(float)), case)


@checks.test("The step h passed by the caller is used", points=1)
def uses_given_step(t):
    x, h = np.array([1.0, -2.0]), 0.1
    case = "f(x) = sum(x**3) at x = [1, -2] with h=0.1"
    out = _run(t, case, CUBE_SUM, x, step=h)
    # The central difference of x**3 is exactly 3 x**2 + h**2: this detects a hard-coded step.
    expect_close(
        out["grad"],
        3 * x**2 + h**2,
        what=f"numerical_gradient on {case} (use the h argument, not a fixed step)",
        rtol=1e-9,
        atol=1e-12,
    )
