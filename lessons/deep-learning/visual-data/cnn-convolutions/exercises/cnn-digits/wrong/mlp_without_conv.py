# expect-status: failed
# expect-message: no torch.nn.Conv2d
import torch
from torch import nn


def build_cnn():
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 48), nn.ReLU(), nn.Linear(48, 10))


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
