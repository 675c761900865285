# expect-status: failed
# expect-message: over the budget
import torch
from torch import nn


def build_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32 * 8 * 8, 10),  # no pooling: 20,490 weights in the head alone
    )


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
