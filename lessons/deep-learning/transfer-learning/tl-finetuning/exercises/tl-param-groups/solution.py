"""Reference solution: per-child parameter groups with geometrically decaying learning rates."""

import torch


def param_groups(model: torch.nn.Module, base_lr: float, factor: float) -> list[dict]:
    """One optimiser group per child, learning rate base_lr * factor ** (n - 1 - i)."""
    children = list(model.children())
    n = len(children)
    placed: set[int] = set()
    groups = []
    for i, child in enumerate(children):
        params = []
        for p in child.parameters():
            if p.requires_grad and id(p) not in placed:
                placed.add(id(p))
                params.append(p)
        if params:
            groups.append({"params": params, "lr": float(base_lr * factor ** (n - 1 - i))})
    return groups
