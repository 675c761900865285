"""Checks for calc-gd-momentum: the trajectory equals torch.optim.SGD's, step for step."""

import functools

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_raises

checks = Checks()

ROSENBROCK_GRAD = """
import numpy as _np
_calls = []
def grad_fn(p):
    _calls.append(_np.array(p, dtype=float))
    x, y = p[0], p[1]
    return _np.array([-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])
"""

QUADRATIC_GRAD = """
import numpy as _np
_calls = []
def grad_fn(p):
    _calls.append(_np.array(p, dtype=float))
    return H @ p - b
"""

RUN = """
_x0_before = _np.array(x0, copy=True)
_traj = gd(grad_fn, x0, lr, steps, momentum=momentum)
result = {
    "trajectory": _np.asarray(_traj, dtype=float),
    "x0_unchanged": bool(_np.array_equal(x0, _x0_before)),
    "calls": len(_calls),
    "call_points": _np.array(_calls, dtype=float).reshape(len(_calls), len(x0)),
}
"""


def _rosenbrock(p: torch.Tensor) -> torch.Tensor:
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


@functools.cache
def _torch_trajectory(
    problem: str, x0: tuple, lr: float, steps: int, momentum: float
) -> np.ndarray:
    """The trajectory of torch.optim.SGD in float64: the oracle for the learner's gd."""
    torch.manual_seed(0)
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    H, b = _quadratic_problem()
    Ht, bt = torch.tensor(H), torch.tensor(b)
    points = [p.detach().clone()]
    for _ in range(steps):
        opt.zero_grad()
        loss = _rosenbrock(p) if problem == "rosenbrock" else 0.5 * p @ Ht @ p - bt @ p
        loss.backward()
        opt.step()
        points.append(p.detach().clone())
    return torch.stack(points).numpy()


def _quadratic_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(4)
    M = rng.normal(size=(3, 3))
    return M @ M.T + np.eye(3), rng.normal(size=3)


def _diagnose(got: np.ndarray, expected: np.ndarray, call_points: np.ndarray, first: int) -> str:
    """A hint naming the most likely cause of a trajectory that first differs at row `first`.

    The points where grad_fn was called are recorded in the sandbox: they only shape this
    feedback, never the score.
    """
    if len(got) - first > 1 and np.allclose(got[first:], got[-1]):
        return (
            f"Rows {first} to {len(got) - 1} are all equal: you may be appending the same array "
            "and updating it in place (x -= ...). Append a copy, or write x = x - lr * v."
        )
    if first == 0:
        return "Row 0 must be x0 itself."
    earlier_calls_ok = len(call_points) >= first and np.allclose(
        call_points[: first - 1], expected[: first - 1], rtol=1e-8, atol=1e-10
    )
    if earlier_calls_ok and not np.allclose(
        call_points[first - 1], got[first - 1], rtol=1e-8, atol=1e-10
    ):
        return (
            f"grad_fn was called at a point other than the current x_{first - 1} for step "
            f"{first}: evaluate the gradient at x_t itself (no look-ahead, as in Nesterov)."
        )
    return (
        "Check the velocity rule v = momentum * v + g (no (1 - momentum) factor) and the "
        "update x = x - lr * v."
    )


def _compare(t, problem: str, x0: tuple, lr: float, steps: int, momentum: float) -> None:
    case = (
        f"gd on {'the Rosenbrock function' if problem == 'rosenbrock' else 'a 3-D quadratic bowl'}"
        f" from x0 = {list(x0)}, lr = {lr}, steps = {steps}, momentum = {momentum}"
    )
    H, b = _quadratic_problem()
    code = (ROSENBROCK_GRAD if problem == "rosenbrock" else QUADRATIC_GRAD) + RUN
    try:
        out = t.run(code, x0=np.array(x0), lr=lr, steps=steps, momentum=momentum, H=H, b=b)
    except LearnerRaised as err:
        raise Fail(f"{case} raised {err.type_name}: {err.message}") from None
    expected = _torch_trajectory(problem, x0, lr, steps, momentum)
    got = out["trajectory"]
    expect(
        out["x0_unchanged"],
        f"{case} changed x0. Start from a copy: x = np.array(x0, dtype=float).",
    )
    expect(
        got.shape == expected.shape,
        f"{case}: the trajectory should have shape {expected.shape} (steps + 1 rows, starting "
        f"with x0), got {got.shape}.",
    )
    expect(
        out["calls"] == steps,
        f"{case}: grad_fn was called {out['calls']} times; call it once per step ({steps}).",
    )
    if np.allclose(got, expected, rtol=1e-8, atol=1e-10):
        return
    bad_rows = np.where(~np.all(np.isclose(got, expected, rtol=1e-8, atol=1e-10), axis=1))[0]
    first = int(bad_rows[0])
    hint = _diagnose(got, expected, out["call_points"], first)
    raise Fail(f"{case}: the trajectory differs from torch.optim.SGD's from row {first} on. {hint}")


@checks.test("Matches torch.optim.SGD on Rosenbrock for 50 steps with momentum 0.9", points=3)
def rosenbrock_momentum(t):
    _compare(t, "rosenbrock", (-1.5, 2.0), 1e-3, 50, 0.9)


@checks.test("Matches torch.optim.SGD on Rosenbrock for 50 steps without momentum", points=2)
def rosenbrock_plain(t):
    _compare(t, "rosenbrock", (-1.5, 2.0), 1e-3, 50, 0.0)


@checks.test("Matches torch.optim.SGD on a 3-D quadratic bowl (momentum 0.5)", points=2)
def quadratic_bowl(t):
    _compare(t, "quadratic", (1.0, -2.0, 0.5), 0.05, 30, 0.5)


@checks.test("steps = 0 returns x0 as the only row", points=1)
def zero_steps(t):
    _compare(t, "rosenbrock", (0.3, -0.7), 1e-3, 0, 0.9)


@checks.test("steps < 0 raises ValueError", points=1)
def negative_steps(t):
    code = ROSENBROCK_GRAD + "result = gd(grad_fn, _np.array([0.0, 0.0]), 0.001, -1, 0.9)"
    expect_raises(
        "ValueError",
        lambda: t.run(code),
        what="gd(grad_fn, x0, lr=0.001, steps=-1, momentum=0.9)",
    )
