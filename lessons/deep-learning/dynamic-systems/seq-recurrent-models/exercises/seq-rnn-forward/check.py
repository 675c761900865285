"""Checks for seq-rnn-forward: torch.nn.RNN with the same weights, and clip_grad_norm_."""

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

# (T, N, D, H, description)
CASES = [
    (5, 3, 4, 6, "T=5, batch 3, 4 features, 6 hidden units"),
    (1, 1, 2, 3, "a single time step, batch 1"),
    (12, 2, 1, 2, "a long sequence of 12 steps, 1 feature, 2 hidden units"),
]


def _rnn_case(T: int, N: int, D: int, H: int, seed: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    scale = 1.0 / np.sqrt(H)
    return (
        rng.normal(size=(T, N, D)),
        rng.normal(size=(N, H)),
        rng.uniform(-scale, scale, size=(H, D)) * 2,
        rng.uniform(-scale, scale, size=(H, H)) * 2,
        rng.normal(size=H),
        rng.normal(size=H),
    )


def _torch_rnn(x, h0, W_ih, W_hh, b_ih, b_hh) -> tuple[np.ndarray, np.ndarray]:
    """torch.nn.RNN (tanh, one layer, time-first) loaded with the given weights, in float64."""
    H, D = W_ih.shape
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh").double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(W_ih))
        rnn.weight_hh_l0.copy_(torch.tensor(W_hh))
        rnn.bias_ih_l0.copy_(torch.tensor(b_ih))
        rnn.bias_hh_l0.copy_(torch.tensor(b_hh))
        out, h = rnn(torch.tensor(x), torch.tensor(h0)[None])
    return out.numpy(), h[0].numpy()


def _pair(got, name: str) -> tuple:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Fail(f"{name} should return a tuple of two values.")
    return tuple(got)


@checks.test("rnn_forward matches torch.nn.RNN with the same weights (3 shapes)", points=3)
def matches_torch(t):
    for i, (T, N, D, H, desc) in enumerate(CASES):
        args = _rnn_case(T, N, D, H, seed=i)
        out, h_last = _pair(t.call("rnn_forward", *args), "rnn_forward")
        want_out, want_h = _torch_rnn(*args)
        expect_close(
            out,
            want_out,
            what=f"outputs of rnn_forward for {desc} (is h carried from step to step?)",
            rtol=1e-9,
        )
        expect_close(h_last, want_h, what=f"h_last of rnn_forward for {desc}", rtol=1e-9)


@checks.test("rnn_forward on a zero-length sequence returns (0, N, H) outputs and h0", points=1)
def zero_length(t):
    x, h0, W_ih, W_hh, b_ih, b_hh = _rnn_case(0, 2, 3, 4, seed=10)
    try:
        got = t.call("rnn_forward", x, h0, W_ih, W_hh, b_ih, b_hh)
    except LearnerRaised as exc:
        raise Fail(
            f"rnn_forward raised {exc.type_name} ({exc.message}) for an empty sequence (T=0, "
            "x of shape (0, 2, 3)). When the loop never runs there is nothing to stack: return "
            "an empty (0, N, H) array and h0."
        ) from None
    out, h_last = _pair(got, "rnn_forward")
    expect_close(out, np.zeros((0, 2, 4)), what="outputs of rnn_forward for T=0, batch 2, H=4")
    expect_close(h_last, h0, what="h_last of rnn_forward for T=0 (nothing happened: it is h0)")


@checks.test("rnn_forward is causal: changing x[t] leaves outputs before t unchanged", points=1)
def causal(t):
    args = list(_rnn_case(6, 2, 3, 4, seed=20))
    out_a, _ = _pair(t.call("rnn_forward", *args), "rnn_forward")
    args[0] = args[0].copy()
    args[0][4:] += 5.0
    out_b, _ = _pair(t.call("rnn_forward", *args), "rnn_forward")
    expect_close(
        np.asarray(out_b)[:4],
        np.asarray(out_a)[:4],
        what="outputs at steps 0-3 after changing only x[4:] (a step may only see the past)",
        rtol=1e-12,
    )


def _torch_clip(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads, strict=True):
        p.grad = torch.tensor(g)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad.numpy() for p in params], float(total)


GRAD_CASES = [
    ("three arrays with a large total norm", [(3, 4), (4,), (2, 2, 2)], 10.0, 1.0),
    ("two arrays already below max_norm", [(5,), (2, 3)], 0.1, 5.0),
    ("one array whose norm is below max_norm but another's is not", [(2,), (2,)], None, 3.0),
]


def _grads(shapes, scale, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    if scale is None:  # each array alone is below 3, together they are not
        return [np.array([1.5, 1.5]), np.array([2.0, 1.0])]
    return [rng.normal(size=s) * scale for s in shapes]


@checks.test("clip_grad_norm matches torch's clip_grad_norm_ (clipped values and norm)", points=2)
def clipping(t):
    for i, (desc, shapes, scale, max_norm) in enumerate(GRAD_CASES):
        grads = _grads(shapes, scale, seed=30 + i)
        clipped, norm = _pair(t.call("clip_grad_norm", grads, max_norm), "clip_grad_norm")
        want, want_norm = _torch_clip(grads, max_norm)
        expect_close(
            norm,
            want_norm,
            what=f"total norm returned by clip_grad_norm for {desc} (one norm over all arrays)",
        )
        expect(
            isinstance(clipped, (list, tuple)) and len(clipped) == len(grads),
            f"clip_grad_norm should return a list of {len(grads)} arrays for {desc}.",
        )
        for k, (g, w) in enumerate(zip(clipped, want, strict=True)):
            expect_close(
                g,
                w,
                what=f"clipped array {k} for {desc} (all arrays share one scaling factor)",
            )


@checks.test("clip_grad_norm of all-zero gradients returns zeros and norm 0", points=1)
def zeros(t):
    grads = [np.zeros((2, 2)), np.zeros(3)]
    clipped, norm = _pair(t.call("clip_grad_norm", grads, 1.0), "clip_grad_norm")
    expect_close(norm, 0.0, what="total norm of all-zero gradients")
    for k, g in enumerate(clipped):
        expect_close(g, grads[k], what=f"clipped array {k} of all-zero gradients (no NaN)")
