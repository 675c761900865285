"""Checks for llm-causal-attention, with torch's scaled_dot_product_attention as the oracle."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from airoadmap_lab.grading.checks import Checks, expect, expect_close, expect_raises

checks = Checks()


def make_inputs(seed: int, b: int, t: int, c: int) -> tuple[torch.Tensor, ...]:
    """Random float64 activations and projection weights for one configuration."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(b, t, c, generator=g, dtype=torch.float64)
    w_qkv = torch.randn(3 * c, c, generator=g, dtype=torch.float64) / c**0.5
    b_qkv = torch.randn(3 * c, generator=g, dtype=torch.float64) * 0.1
    w_out = torch.randn(c, c, generator=g, dtype=torch.float64) / c**0.5
    b_out = torch.randn(c, generator=g, dtype=torch.float64) * 0.1
    return x, w_qkv, b_qkv, w_out, b_out


def oracle(x, w_qkv, b_qkv, w_out, b_out, n_heads: int) -> torch.Tensor:
    """The same layer written with torch's fused attention (is_causal=True)."""
    b, t, c = x.shape
    q, k, v = (x @ w_qkv.T + b_qkv).split(c, dim=-1)
    q, k, v = (z.view(b, t, n_heads, c // n_heads).transpose(1, 2) for z in (q, k, v))
    y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    return y.transpose(1, 2).reshape(b, t, c) @ w_out.T + b_out


def random_qk(seed: int, shape: tuple[int, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return (
        torch.randn(*shape, generator=g, dtype=torch.float64),
        torch.randn(*shape, generator=g, dtype=torch.float64),
    )


@checks.test("causal_attention_weights matches softmax(QK^T/sqrt(d)) with a causal mask", points=2)
def weights_match(t):
    for shape in ((2, 3, 5, 4), (6, 8), (1, 1, 3, 16)):
        q, k = random_qk(1, shape)
        got = t.call("causal_attention_weights", q, k)
        expect_close(
            got,
            t.ref.causal_attention_weights(q, k),
            what=f"causal_attention_weights for q, k of shape {tuple(shape)} "
            "(divide the scores by sqrt of the last dimension of q)",
            rtol=1e-9,
            atol=1e-12,
        )


@checks.test("Each row of the weights sums to 1 and puts zero weight on the future", points=1)
def weights_properties(t):
    q, k = random_qk(2, (3, 6, 4))
    w = t.call("causal_attention_weights", q, k)
    expect(
        isinstance(w, torch.Tensor) and w.shape == (3, 6, 6), "weights must have shape (3, 6, 6)"
    )
    expect(
        bool(torch.isfinite(w).all()),
        "The weights contain NaN. A row whose scores are all -inf gives NaN after the softmax: "
        "position i must still attend to itself, so mask only j > i (not the diagonal).",
    )
    future = torch.ones(6, 6, dtype=torch.bool).triu(diagonal=1)
    expect(
        bool(torch.all(w[..., future] == 0)),
        "Position i must not attend to positions j > i: the weights above the diagonal "
        "must be exactly 0. Fill those scores with -inf before the softmax.",
    )
    expect(
        bool(torch.allclose(w.sum(-1), torch.ones(3, 6, dtype=w.dtype))),
        "Each row of the attention weights must sum to 1 (softmax over the last dimension).",
    )
    expect(
        bool(torch.all(w[..., 0, 0] == 1)),
        "The first position can only attend to itself, so its weight on position 0 must be 1 "
        "(check that the diagonal is not masked).",
    )


@checks.test("No NaN or inf with huge scores (q and k scaled by 1000)", points=1)
def weights_stable(t):
    q, k = random_qk(3, (2, 5, 4))
    q, k = q * 1000, k * 1000
    got = t.call("causal_attention_weights", q, k)
    expect(
        bool(torch.isfinite(got).all()),
        "With scores around 1e6 your weights contain NaN or inf. Use torch.softmax, or subtract "
        "the row maximum before exponentiating.",
    )
    expect_close(got, t.ref.causal_attention_weights(q, k), what="weights with huge scores")


@checks.test("causal_self_attention equals scaled_dot_product_attention(is_causal=True)", points=3)
def full_layer(t):
    for seed, (b, tt, c, h) in enumerate([(2, 5, 8, 2), (1, 1, 4, 1), (3, 7, 12, 4), (2, 4, 6, 6)]):
        args = make_inputs(10 + seed, b, tt, c)
        got = t.call("causal_self_attention", *args, h)
        expect_close(
            got,
            oracle(*args, h),
            what=f"causal_self_attention with B={b}, T={tt}, C={c}, n_heads={h}. Split q, k, v "
            "into heads with view(B, T, H, C // H).transpose(1, 2), and merge them back the "
            "same way",
            rtol=1e-9,
            atol=1e-10,
        )


@checks.test("Changing later tokens does not change earlier outputs (causality)", points=2)
def causality(t):
    x, *weights = make_inputs(20, 2, 8, 8)
    x2 = x.clone()
    x2[:, 4:] += torch.randn(2, 4, 8, generator=torch.Generator().manual_seed(5), dtype=x.dtype)
    y1 = t.call("causal_self_attention", x, *weights, 2)
    y2 = t.call("causal_self_attention", x2, *weights, 2)
    expect(
        bool(torch.allclose(y1[:, :4], y2[:, :4], rtol=0, atol=1e-12)),
        "Changing tokens 4..7 changed the outputs at positions 0..3: information leaks from the "
        "future. Mask scores where the key position is after the query position.",
    )
    expect(
        not bool(torch.allclose(y1[:, 4:], y2[:, 4:])),
        "Changing tokens 4..7 should change the outputs at those positions.",
    )


@checks.test("A width not divisible by n_heads raises ValueError", points=1)
def bad_heads(t):
    args = make_inputs(30, 1, 3, 6)
    expect_raises(
        "ValueError",
        lambda: t.call("causal_self_attention", *args, 4),
        what="causal_self_attention with C=6 and n_heads=4",
    )
