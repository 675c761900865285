"""Checks for sup-softmax-loss: loss and gradient against torch autograd in float64."""

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

checks = Checks()


def torch_loss_and_grad(
    W: np.ndarray, X: np.ndarray, y: np.ndarray, reg: float
) -> tuple[float, np.ndarray]:
    """The oracle: cross_entropy + reg * ||W||^2 and its autograd gradient, in float64."""
    Wt = torch.tensor(W, dtype=torch.float64, requires_grad=True)
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.long)
    loss = torch.nn.functional.cross_entropy(Xt @ Wt, yt) + reg * (Wt**2).sum()
    loss.backward()
    return float(loss.item()), Wt.grad.numpy().copy()


def problem(seed: int, n: int, d: int, c: int, scale: float = 1.0):
    """A seeded random problem: W (d, c), X (n, d), y (n,)."""
    rng = np.random.default_rng(seed)
    W = rng.normal(scale=scale, size=(d, c))
    X = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    return W, X, y


def call_and_unpack(t, W, X, y, reg, case: str):
    """Call the learner's softmax_loss and check it returned (loss, dW)."""
    out = t.call("softmax_loss", W, X, y, reg)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Fail(
            f"softmax_loss on {case} should return a pair (loss, dW); it returned "
            f"a {type(out).__name__}."
        )
    loss, dW = out
    loss_arr = np.asarray(loss, dtype=float) if not isinstance(loss, str) else None
    if loss_arr is None or loss_arr.size != 1:
        raise Fail(
            f"softmax_loss on {case}: the loss should be one number, got {type(loss).__name__}"
            f"{'' if loss_arr is None else ' of shape ' + str(loss_arr.shape)}."
        )
    return float(loss_arr.reshape(())), dW


def diagnose_gradient(dW, ref_dW, W, n: int, reg: float, case: str) -> None:
    """Name the two classic gradient slips when the learner's dW shows one of them."""
    try:
        got = np.asarray(dW, dtype=float)
    except (TypeError, ValueError):
        return
    if got.shape != ref_dW.shape:
        return
    data_term = ref_dW - 2.0 * reg * W
    if n > 1 and np.allclose(got, n * data_term + 2.0 * reg * W, rtol=1e-6, atol=1e-10):
        raise Fail(
            f"the gradient dW on {case} is N times too large in its data part: the loss "
            "averages over the N samples, so its gradient must too."
        )
    if reg > 0 and np.allclose(got, data_term + reg * W, rtol=1e-6, atol=1e-10):
        raise Fail(
            f"the gradient dW on {case} has the wrong regularisation part: differentiate "
            "reg * sum(W**2) with respect to W once more."
        )


def compare(t, W, X, y, reg, case: str, rtol: float = 1e-7) -> None:
    """Loss and gradient of the learner against the torch oracle."""
    loss, dW = call_and_unpack(t, W, X, y, reg, case)
    ref_loss, ref_dW = torch_loss_and_grad(W, X, y, reg)
    expect_close(loss, ref_loss, what=f"the loss on {case}", rtol=rtol, atol=1e-10)
    diagnose_gradient(dW, ref_dW, W, X.shape[0], reg, case)
    expect_close(dW, ref_dW, what=f"the gradient dW on {case}", rtol=rtol, atol=1e-10)


@checks.test("Loss is ln C when W = 0 (C = 3 and C = 10)", points=1)
def loss_at_zero(t):
    for c in (3, 10):
        _, X, y = problem(1, 8, 4, c)
        loss, _ = call_and_unpack(t, np.zeros((4, c)), X, y, 0.0, f"W = 0 with C={c} classes")
        expect_close(
            loss,
            np.log(c),
            what=f"the loss at W = 0 with C={c} classes (every class equally likely)",
            rtol=1e-9,
        )


@checks.test("Loss and gradient match autograd without regularisation (N=7, D=5, C=4)", points=2)
def no_reg(t):
    W, X, y = problem(2, 7, 5, 4)
    compare(t, W, X, y, 0.0, "N=7, D=5, C=4, reg=0")


@checks.test("Loss and gradient match autograd with regularisation (N=20, D=3, C=6)", points=2)
def with_reg(t):
    W, X, y = problem(3, 20, 3, 6)
    compare(t, W, X, y, 0.25, "N=20, D=3, C=6, reg=0.25")


@checks.test("A single sample and two classes", points=1)
def single_sample(t):
    W, X, y = problem(4, 1, 2, 2)
    compare(t, W, X, y, 0.1, "one sample (N=1, D=2, C=2, reg=0.1)")


@checks.test("Stays finite and correct with scores in the thousands", points=2)
def huge_logits(t):
    W, X, y = problem(5, 10, 4, 5, scale=1000.0)
    loss, dW = call_and_unpack(t, W, X, y, 0.0, "scores around +-1000")
    dW = np.asarray(dW, dtype=float)
    expect(
        np.isfinite(loss) and bool(np.all(np.isfinite(dW))),
        "softmax_loss with scores around +-1000 returned nan or inf. Two usual causes: "
        "exp(1000) overflows (subtract each row's maximum score before exponentiating; it "
        "does not change the probabilities), and log of a probability that rounded to 0 is "
        "-inf (compute log-probabilities directly: shifted - log(sum(exp(shifted)))).",
    )
    compare(t, W, X, y, 0.0, "scores around +-1000", rtol=1e-6)
