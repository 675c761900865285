"""Multi-head causal self-attention: fill in the two functions."""

from __future__ import annotations

import math

import torch


def causal_attention_weights(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """Return softmax(q k^T / sqrt(d)) with future positions masked; shape (..., T, T)."""
    raise NotImplementedError  # TODO


def causal_self_attention(
    x: torch.Tensor,
    w_qkv: torch.Tensor,
    b_qkv: torch.Tensor,
    w_out: torch.Tensor,
    b_out: torch.Tensor,
    n_heads: int,
) -> torch.Tensor:
    """Multi-head causal self-attention of x with shape (B, T, C); returns (B, T, C)."""
    raise NotImplementedError  # TODO
