# mistake: a module class of its own with a forward method, which the checks cannot rebuild
# expect-status: failed
# expect-message: not a standard torch.nn layer
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.head = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv(x)), 2)
        return self.head(x.flatten(1))


def build_cnn():
    return Net()


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
