# expect-status: failed
# expect-message: view(B, T, H
"""Wrong: heads are split with view(B, H, T, D), which mixes positions and channels."""

from __future__ import annotations

import math

import torch


def causal_attention_weights(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """softmax(q k^T / sqrt(d)) with every future position masked out; shape (..., T, T)."""
    t, d = q.shape[-2], q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    future = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(diagonal=1)
    scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1)


def causal_self_attention(
    x: torch.Tensor,
    w_qkv: torch.Tensor,
    b_qkv: torch.Tensor,
    w_out: torch.Tensor,
    b_out: torch.Tensor,
    n_heads: int,
) -> torch.Tensor:
    """Multi-head causal self-attention of x with shape (B, T, C); returns (B, T, C)."""
    b, t, c = x.shape
    if n_heads < 1 or c % n_heads != 0:
        raise ValueError(f"model width {c} is not divisible by n_heads={n_heads}")
    d = c // n_heads
    q, k, v = (x @ w_qkv.T + b_qkv).split(c, dim=-1)
    q, k, v = (z.reshape(b, n_heads, t, d) for z in (q, k, v))
    y = causal_attention_weights(q, k) @ v
    y = y.transpose(1, 2).reshape(b, t, c)
    return y @ w_out.T + b_out
