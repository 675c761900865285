"""Checks for calc-numgrad: central differences against exact gradients, x left unchanged."""

import numpy as np
from scipy.special import softmax

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

# The functions the learner's numerical_gradient differentiates are check functions
# (t.callback): every call comes back here, so the points f is evaluated at are observed on the
# trusted side and the gradient is judged from the value numerical_gradient returns.


def quadratic(A: np.ndarray):
    """f(v) = v^T A v."""
    return lambda v: float(v @ A @ v)


def sin_sum(v: np.ndarray) -> float:
    """f(v) = sum(sin(v))."""
    return float(np.sum(np.sin(v)))


def cubic(v: np.ndarray) -> float:
    """f(v) = v**3 + 2v for a 0-d v."""
    return float(v**3 + 2.0 * v)


def cube_sum(v: np.ndarray) -> float:
    """f(v) = sum(v**3)."""
    return float(np.sum(v**3))


def ce_vector(label: int):
    """Softmax cross-entropy of one logit vector."""

    def f(z: np.ndarray) -> float:
        m = np.max(z)
        return float(m + np.log(np.sum(np.exp(z - m))) - z[label])

    return f


def ce_batch(labels: np.ndarray):
    """Mean softmax cross-entropy of a batch of logits."""

    def f(Z: np.ndarray) -> float:
        m = np.max(Z, axis=1, keepdims=True)
        lse = (m + np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True)))[:, 0]
        return float(np.mean(lse - Z[np.arange(len(labels)), labels]))

    return f


def _run(t, case: str, fn, x: np.ndarray, step: float | None = None) -> np.ndarray:
    """Run the learner's numerical_gradient on one case; return the gradient it returned."""
    shape = np.shape(x)
    kinds: list[str] = []

    def f(v):
        v = np.asarray(v)
        kinds.append(v.dtype.kind)
        if v.shape != shape:
            raise ValueError(f"f expects an array of shape {shape}, got {v.shape}")
        return fn(v.astype(float))

    cb = t.callback(f, name="f")
    kwargs = {} if step is None else {"h": step}
    try:
        grad = t.call("numerical_gradient", cb, x, **kwargs)
    except LearnerRaised as err:
        raise Fail(
            f"numerical_gradient raised {err.type_name} on {case}: {err.message}. Does your loop "
            "visit every element of an array of any shape (np.ndindex(x.shape) does)?"
        ) from None
    except Fail as failure:
        if "changed its input" not in failure.message:
            raise
        raise Fail(
            f"numerical_gradient changed x on {case}. Work on a float copy of x, or restore each "
            "element to its saved original value (adding and subtracting h does not give it back "
            "exactly)."
        ) from None
    expect(grad is not None, f"numerical_gradient returned None on {case}; return the gradient.")
    try:
        grad = np.asarray(grad, dtype=float)
    except (TypeError, ValueError):
        raise Fail(f"numerical_gradient on {case} should return a float array.") from None
    expect(
        grad.shape == shape,
        f"On {case}, the gradient should have the shape of x, {shape}, got {grad.shape}.",
    )
    expect(
        all(kind == "f" for kind in kinds),
        f"On {case}, f was called with an integer array: x + h rounds back to x. Convert x to "
        "float64 before nudging it.",
    )
    return grad


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
    grad = _run(t, case, quadratic(A), x)
    _expect_relative_error(grad, (A + A.T) @ x, case)


@checks.test("Gradient of sum(sin x) at a matrix x of shape (3, 4)", points=2)
def sin_matrix(t):
    x = np.random.default_rng(2).normal(size=(3, 4))
    case = "f(x) = sum(sin(x)) with x of shape (3, 4)"
    grad = _run(t, case, sin_sum, x)
    _expect_relative_error(grad, np.cos(x), case)


@checks.test("Gradient of x**3 + 2x at a 0-d array x", points=1)
def cubic_scalar(t):
    x = np.array(1.5)
    case = "f(x) = x**3 + 2x with a 0-d array x = np.array(1.5)"
    grad = _run(t, case, cubic, x)
    _expect_relative_error(grad, 3 * x**2 + 2, case)


@checks.test("Gradient of softmax cross-entropy for logits of shape (3,) and (3, 4)", points=2)
def softmax_cross_entropy(t):
    rng = np.random.default_rng(3)
    z, label = rng.normal(size=3) * 2, 1
    case = "softmax cross-entropy of one logit vector of shape (3,), true class 1"
    grad = _run(t, case, ce_vector(label), z)
    _expect_relative_error(grad, softmax(z) - np.eye(3)[label], case)
    Z, labels = rng.normal(size=(3, 4)) * 2, np.array([0, 3, 2])
    case = "mean softmax cross-entropy of logits of shape (3, 4), labels [0, 3, 2]"
    grad = _run(t, case, ce_batch(labels), Z)
    _expect_relative_error(grad, (softmax(Z, axis=1) - np.eye(4)[labels]) / 3, case)


@checks.test("An integer x is converted to float and moved by h", points=1)
def integer_input(t):
    x = np.array([1, 2, 3])
    case = "f(x) = sum(sin(x)) with the integer array x = [1, 2, 3]"
    grad = _run(t, case, sin_sum, x)
    _expect_relative_error(grad, np.cos(x.astype(float)), case)


@checks.test("The step h passed by the caller is used", points=1)
def uses_given_step(t):
    x, h = np.array([1.0, -2.0]), 0.1
    case = "f(x) = sum(x**3) at x = [1, -2] with h=0.1"
    grad = _run(t, case, cube_sum, x, step=h)
    # The central difference of x**3 is exactly 3 x**2 + h**2: this detects a hard-coded step.
    expect_close(
        grad,
        3 * x**2 + h**2,
        what=f"numerical_gradient on {case} (use the h argument, not a fixed step)",
        rtol=1e-9,
        atol=1e-12,
    )
