"""LoRA: a trainable low-rank update on top of a frozen nn.Linear."""

from __future__ import annotations

import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """y = base(x) + (alpha / r) * x A^T B^T, with the base layer frozen and B = 0 at start."""

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0) -> None:
        super().__init__()
        # TODO: keep `base`, freeze it, create lora_A (r, in) and lora_B (out, r)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError  # TODO

    def merge(self) -> None:
        """Fold the update into base.weight."""
        raise NotImplementedError  # TODO

    def unmerge(self) -> None:
        """Undo merge()."""
        raise NotImplementedError  # TODO
