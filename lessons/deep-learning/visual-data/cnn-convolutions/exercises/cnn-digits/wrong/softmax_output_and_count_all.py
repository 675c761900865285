# expect-status: failed
# expect-message: ends with a softmax
# expect-message: only parameters with requires_grad=True count
import torch
from torch import nn


def build_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(8 * 4 * 4, 10),
        nn.Softmax(dim=1),  # cross-entropy wants logits
    )


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())  # counts frozen weights too
