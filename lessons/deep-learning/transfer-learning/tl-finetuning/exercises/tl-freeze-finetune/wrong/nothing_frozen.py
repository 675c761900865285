# expect-status: failed
# expect-message: changed the backbone's weights
import torch
import torch.nn.functional as F
from torch import nn


def freeze(module):
    return module.eval()  # gradients still flow into every weight


class TransferModel(nn.Module):
    def __init__(self, backbone, feature_dim, n_classes):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(feature_dim, n_classes)

    def train(self, mode=True):
        super().train(mode)
        self.backbone.eval()
        return self

    def forward(self, x):
        return self.head(self.backbone(x))


def finetune(model, X, y, epochs, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.cross_entropy(model(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses
