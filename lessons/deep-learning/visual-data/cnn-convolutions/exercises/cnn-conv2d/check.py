"""Checks for cnn-conv2d: loops against torch.nn.functional.conv2d in float64."""

import numpy as np
import torch
import torch.nn.functional as F

from airoadmap_lab.grading.checks import Checks, expect_close, expect_equal, expect_raises

checks = Checks()

# (N, C, H, W, F, KH, KW, stride, padding, with_bias, description)
CASES = [
    (1, 1, 5, 5, 1, 3, 3, 1, 0, False, "1 channel, 3x3 kernel, stride 1, no padding"),
    (2, 3, 7, 6, 4, 3, 3, 1, 1, True, "3->4 channels, 3x3, padding 1 ('same' size)"),
    (2, 2, 8, 8, 3, 3, 3, 2, 1, True, "stride 2 with padding 1"),
    (1, 3, 6, 9, 2, 2, 4, 3, 0, True, "non-square 2x4 kernel, stride 3, 6x9 input"),
    (3, 2, 4, 4, 5, 1, 1, 1, 0, True, "1x1 kernel (channel mixing only)"),
    (1, 1, 3, 3, 2, 3, 3, 1, 0, True, "kernel as large as the input (1x1 output)"),
]


def _inputs(case: tuple, seed: int) -> tuple:
    n, c, h, w, f, kh, kw, _, _, with_bias, _ = case
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, c, h, w))
    weight = rng.normal(size=(f, c, kh, kw))
    bias = rng.normal(size=f) if with_bias else None
    return x, weight, bias


def _torch_conv(x, weight, bias, stride: int, padding: int) -> np.ndarray:
    return F.conv2d(
        torch.tensor(x),
        torch.tensor(weight),
        None if bias is None else torch.tensor(bias),
        stride=stride,
        padding=padding,
    ).numpy()


@checks.test("conv2d_output_size gives (OH, OW) for six settings", points=1)
def output_size(t):
    for case in CASES:
        _, _, h, w, _, kh, kw, s, p, _, desc = case
        want = ((h + 2 * p - kh) // s + 1, (w + 2 * p - kw) // s + 1)
        got = t.call("conv2d_output_size", h, w, kh, kw, s, p)
        expect_equal(
            tuple(int(v) for v in got) if isinstance(got, (tuple, list)) else got,
            want,
            what=f"conv2d_output_size for a {h}x{w} input, {kh}x{kw} kernel, stride {s}, "
            f"padding {p} (count window positions on the padded input)",
        )


@checks.test("conv2d matches torch's conv2d without padding or stride", points=2)
def plain(t):
    for k, case in enumerate(c for c in CASES if c[7] == 1 and c[8] == 0):
        x, weight, bias = _inputs(case, seed=100 + k)
        got = t.call("conv2d", x, weight, bias, 1, 0)
        expect_close(
            got,
            _torch_conv(x, weight, bias, 1, 0),
            what=f"conv2d for {case[-1]} (is the kernel flipped? it should not be)",
            rtol=1e-9,
        )


@checks.test("conv2d matches torch's conv2d with padding and strides", points=3)
def strided_padded(t):
    for k, case in enumerate(c for c in CASES if c[7] != 1 or c[8] != 0):
        x, weight, bias = _inputs(case, seed=200 + k)
        s, p = case[7], case[8]
        got = t.call("conv2d", x, weight, bias, s, p)
        expect_close(
            got,
            _torch_conv(x, weight, bias, s, p),
            what=f"conv2d for {case[-1]} (check where each window starts: row i*stride)",
            rtol=1e-9,
        )


@checks.test("conv2d with bias=None adds no bias; batch items are independent", points=1)
def no_bias_and_batch(t):
    x, weight, _ = _inputs((3, 2, 5, 5, 2, 3, 3, 1, 1, False, ""), seed=300)
    got = t.call("conv2d", x, weight, None, 1, 1)
    expect_close(got, _torch_conv(x, weight, None, 1, 1), what="conv2d with bias=None", rtol=1e-9)
    single = t.call("conv2d", x[1:2], weight, None, 1, 1)
    expect_close(
        single,
        _torch_conv(x[1:2], weight, None, 1, 1),
        what="conv2d on the second batch item alone",
        rtol=1e-9,
    )


@checks.test("Invalid settings raise ValueError", points=1)
def invalid(t):
    x = np.zeros((1, 2, 4, 4))
    w = np.zeros((3, 2, 3, 3))
    expect_raises(
        "ValueError",
        lambda: t.call("conv2d", x, np.zeros((3, 5, 3, 3))),
        what="conv2d with a 2-channel input and a weight for 5 channels",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("conv2d", x, np.zeros((1, 2, 5, 5))),
        what="conv2d with a 5x5 kernel on a 4x4 input and no padding",
    )
    expect_raises(
        "ValueError", lambda: t.call("conv2d", x, w, None, 0, 0), what="conv2d with stride=0"
    )
    expect_raises(
        "ValueError",
        lambda: t.call("conv2d_output_size", 4, 4, 3, 3, 1, -1),
        what="conv2d_output_size with padding=-1",
    )
