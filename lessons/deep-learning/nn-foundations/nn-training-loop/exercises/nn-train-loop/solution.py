"""Reference solution: a full-batch step loop, an accuracy helper and a mini-batch fit."""

import torch
import torch.nn.functional as F


def train_steps(
    model: torch.nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float, steps: int
) -> list[float]:
    """Full-batch SGD for `steps` steps; return the loss before each update."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses: list[float] = []
    for _ in range(steps):
        loss = F.cross_entropy(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def accuracy(model: torch.nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of rows whose arg-max logit equals y, as a float."""
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


def fit(
    model: torch.nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    epochs: int,
    lr: float,
    batch_size: int,
    seed: int,
) -> list[float]:
    """Mini-batch SGD with momentum 0.9; return the mean loss of each epoch."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    generator = torch.Generator().manual_seed(seed)
    history: list[float] = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        total = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            loss = F.cross_entropy(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        history.append(total / len(X))
    return history
