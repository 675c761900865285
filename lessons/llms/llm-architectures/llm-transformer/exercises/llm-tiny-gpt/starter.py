"""A tiny character-level GPT: fill in make_batch and the TinyGPT model."""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


def make_batch(
    data: torch.Tensor, starts: list[int], block_size: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (x, y): x[i] = data[s : s + block_size], y[i] = the next token at each position."""
    raise NotImplementedError  # TODO


class TinyGPT(nn.Module):
    """Token + position embeddings, n_layer causal transformer blocks, LayerNorm, linear head."""

    def __init__(
        self, vocab_size: int, block_size: int, n_embd: int = 32, n_head: int = 4, n_layer: int = 2
    ) -> None:
        super().__init__()
        # TODO: create the layers

    def forward(
        self, idx: torch.Tensor, targets: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Return (logits of shape (B, T, vocab_size), mean cross-entropy or None)."""
        raise NotImplementedError  # TODO
