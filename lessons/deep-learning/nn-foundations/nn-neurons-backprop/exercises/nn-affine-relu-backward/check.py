"""Checks for nn-affine-relu-backward: hand-written gradients against torch autograd (float64)."""

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

checks = Checks()

# (N, D, M): a usual batch, the all-ones corner case, and a wide input with two outputs.
SHAPES = [(4, 3, 5), (1, 1, 1), (6, 10, 2)]


def _case(n: int, d: int, m: int, seed: int) -> tuple[np.ndarray, ...]:
    """Random x, w, b and an upstream gradient dout for one layer."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    w = rng.normal(size=(d, m))
    b = rng.normal(size=m)
    dout = rng.normal(size=(n, m))
    return x, w, b, dout


def _torch_grads(x, w, b, dout, with_relu: bool) -> tuple[np.ndarray, ...]:
    """Gradients of sum(out * dout) with respect to x, w, b, by autograd in float64."""
    xt, wt, bt = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (x, w, b))
    out = xt @ wt + bt
    if with_relu:
        out = torch.relu(out)
    out.backward(torch.tensor(dout, dtype=torch.float64))
    return tuple(t.grad.numpy() for t in (xt, wt, bt))


def _three(got, name: str) -> tuple:
    """Unpack a (dx, dw, db) result or fail with a readable message."""
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise Fail(f"{name} should return a tuple (dx, dw, db) of three arrays.")
    return tuple(got)


@checks.test("affine_forward equals x @ w + b (shapes 4x3->5, 1x1->1, 6x10->2)", points=1)
def forward_affine(t):
    for i, (n, d, m) in enumerate(SHAPES):
        x, w, b, _ = _case(n, d, m, seed=10 + i)
        got = t.call("affine_forward", x, w, b)
        expect_close(got, x @ w + b, what=f"affine_forward for x {n}x{d}, w {d}x{m}")


@checks.test("affine_backward matches autograd (dx, dw, db) on three shapes", points=2)
def backward_affine(t):
    for i, (n, d, m) in enumerate(SHAPES):
        x, w, b, dout = _case(n, d, m, seed=20 + i)
        got = _three(t.call("affine_backward", dout, x, w, b), "affine_backward")
        want = _torch_grads(x, w, b, dout, with_relu=False)
        for name, g, e in zip(("dx", "dw", "db"), got, want, strict=True):
            expect_close(
                g, e, what=f"{name} of affine_backward for x {n}x{d}, w {d}x{m}", rtol=1e-8
            )


@checks.test("relu_forward keeps positives, zeroes negatives, any shape", points=1)
def forward_relu(t):
    rng = np.random.default_rng(30)
    for shape in [(5,), (3, 4), (2, 3, 2)]:
        x = rng.normal(size=shape)
        x.flat[0] = 0.0
        got = t.call("relu_forward", x)
        expect_close(got, np.maximum(x, 0.0), what=f"relu_forward on an array of shape {shape}")


@checks.test("relu_backward passes the gradient only where x > 0 (0 at x == 0)", points=1)
def backward_relu(t):
    rng = np.random.default_rng(40)
    x = rng.normal(size=(4, 5))
    x[0, :2] = 0.0  # the kink: PyTorch's convention is gradient 0 here
    dout = rng.normal(size=(4, 5))
    xt = torch.tensor(x, requires_grad=True)
    torch.relu(xt).backward(torch.tensor(dout))
    got = t.call("relu_backward", dout, x)
    expect_close(got, xt.grad.numpy(), what="relu_backward on a 4x5 input with some exact zeros")


@checks.test("affine_relu_backward matches autograd on three shapes", points=2)
def backward_affine_relu(t):
    for i, (n, d, m) in enumerate(SHAPES):
        x, w, b, dout = _case(n, d, m, seed=50 + i)
        got = _three(t.call("affine_relu_backward", dout, x, w, b), "affine_relu_backward")
        want = _torch_grads(x, w, b, dout, with_relu=True)
        for name, g, e in zip(("dx", "dw", "db"), got, want, strict=True):
            expect_close(
                g,
                e,
                what=f"{name} of affine_relu_backward for x {n}x{d}, w {d}x{m}",
                rtol=1e-8,
            )


def _numerical_grad(f, a: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the scalar function f at a (a is restored after use)."""
    grad = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        old = a[idx]
        a[idx] = old + h
        up = f()
        a[idx] = old - h
        down = f()
        a[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


def _rel_error(a: np.ndarray, b: np.ndarray) -> float:
    """Largest relative error, as in the cs231n gradient checks."""
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


@checks.test("affine_relu_backward agrees with a numerical gradient (relative error < 1e-7)")
def numerical_check(t):
    # a seed whose pre-activations all stay away from the ReLU kink, so the central difference
    # is accurate (found once; the loop makes the choice explicit rather than magic)
    seed = 60
    while True:
        x, w, b, dout = _case(3, 4, 5, seed=seed)
        if np.min(np.abs(x @ w + b)) > 0.05:
            break
        seed += 1
    got = _three(t.call("affine_relu_backward", dout, x, w, b), "affine_relu_backward")
    for name, arr, g in zip(("dx", "dw", "db"), (x, w, b), got, strict=True):
        arr = arr.copy()
        args = {"dx": (arr, w, b), "dw": (x, arr, b), "db": (x, w, arr)}[name]

        def loss(args=args) -> float:
            return float(np.sum(np.maximum(args[0] @ args[1] + args[2], 0.0) * dout))

        num = _numerical_grad(loss, arr)
        g = np.asarray(g, dtype=float)
        expect(
            g.shape == num.shape,
            f"{name} has shape {g.shape}; a gradient must have the shape {arr.shape} of the "
            "array it is the gradient of.",
        )
        err = _rel_error(g, num)
        expect(
            err < 1e-7,
            f"{name} of affine_relu_backward differs from a numerical gradient (relative error "
            f"{err:.1e}, should be below 1e-7) for x 3x4, w 4x5. Re-derive it on paper for a 1x1 "
            "layer first.",
        )
