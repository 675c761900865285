# expect-status: failed
# expect-message: scaled by alpha / r
"""Wrong: the update is scaled by alpha instead of alpha / r."""

from __future__ import annotations

import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """y = base(x) + (alpha / r) * x A^T B^T, with the base layer frozen and B = 0 at start."""

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0) -> None:
        super().__init__()
        if r < 1:
            raise ValueError(f"the rank r must be a positive integer, got {r}")
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        w = base.weight
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, dtype=w.dtype, device=w.device))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype, device=w.device))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha
        self.merged = False

    def delta_weight(self) -> torch.Tensor:
        """The low-rank update (alpha / r) * B A, shaped like base.weight."""
        return self.scaling * (self.lora_B @ self.lora_A)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        if not self.merged:
            y = y + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling
        return y

    @torch.no_grad()
    def merge(self) -> None:
        """Fold the update into base.weight (for inference without extra matmuls)."""
        if not self.merged:
            self.base.weight += self.delta_weight()
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        """Undo merge(), restoring the original base weight."""
        if self.merged:
            self.base.weight -= self.delta_weight()
            self.merged = False
