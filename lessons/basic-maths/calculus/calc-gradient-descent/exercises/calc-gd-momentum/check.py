"""Checks for calc-gd-momentum: the trajectory equals torch.optim.SGD's, step for step."""

import functools

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_raises

checks = Checks()


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

    `call_points` are the points where the learner's code called grad_fn, observed here.
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


def _gradient(problem: str, p: np.ndarray) -> np.ndarray:
    """The exact gradient of the problem at p (computed on the trusted side)."""
    if problem == "rosenbrock":
        x, y = p[0], p[1]
        return np.array([-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])
    H, b = _quadratic_problem()
    return H @ p - b


def _grad_fn(t, problem: str, d: int):
    """grad_fn for the learner's gd: a check function it calls, each call observed here."""

    def grad_fn(p):
        try:
            p = np.asarray(p, dtype=float)
        except (TypeError, ValueError):
            raise TypeError("grad_fn expects a float array") from None
        if p.shape != (d,):
            raise ValueError(f"grad_fn expects an array of shape ({d},), got {p.shape}")
        return _gradient(problem, p)

    return t.callback(grad_fn, name="grad_fn")


def _compare(t, problem: str, x0: tuple, lr: float, steps: int, momentum: float) -> None:
    case = (
        f"gd on {'the Rosenbrock function' if problem == 'rosenbrock' else 'a 3-D quadratic bowl'}"
        f" from x0 = {list(x0)}, lr = {lr}, steps = {steps}, momentum = {momentum}"
    )
    grad_fn = _grad_fn(t, problem, len(x0))
    try:
        out = t.call("gd", grad_fn, np.array(x0), lr, steps, momentum=momentum)
    except LearnerRaised as err:
        raise Fail(f"{case} raised {err.type_name}: {err.message}") from None
    except Fail as failure:
        if "changed its input" in failure.message:
            raise Fail(
                f"{case}: {failure.message} Start from a copy: x = np.array(x0, dtype=float)."
            ) from None
        raise
    expected = _torch_trajectory(problem, x0, lr, steps, momentum)
    try:
        got = np.asarray(out, dtype=float)
    except (TypeError, ValueError):
        raise Fail(f"{case}: gd should return a float array of points.") from None
    expect(
        got.shape == expected.shape,
        f"{case}: the trajectory should have shape {expected.shape} (steps + 1 rows, starting "
        f"with x0), got {got.shape}.",
    )
    calls = len(grad_fn.calls)
    expect(
        calls == steps,
        f"{case}: grad_fn was called {calls} times; call it once per step ({steps}).",
    )
    if np.allclose(got, expected, rtol=1e-8, atol=1e-10):
        return
    bad_rows = np.where(~np.all(np.isclose(got, expected, rtol=1e-8, atol=1e-10), axis=1))[0]
    first = int(bad_rows[0])
    call_points = np.array([np.asarray(args[0], dtype=float) for args, _ in grad_fn.calls])
    hint = _diagnose(got, expected, call_points.reshape(calls, len(x0)), first)
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
    grad_fn = _grad_fn(t, "rosenbrock", 2)
    expect_raises(
        "ValueError",
        lambda: t.call("gd", grad_fn, np.array([0.0, 0.0]), 0.001, -1, 0.9),
        what="gd(grad_fn, x0, lr=0.001, steps=-1, momentum=0.9)",
    )
