# expect-status: failed
# expect-message: BatchNorm statistics
import torch
import torch.nn.functional as F
from torch import nn


def freeze(module):
    for p in module.parameters():
        p.requires_grad_(False)
    return module.eval()


class TransferModel(nn.Module):
    def __init__(self, backbone, feature_dim, n_classes):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(feature_dim, n_classes)

    def forward(self, x):
        return self.head(self.backbone(x))  # after model.train() the backbone is training again


def finetune(model, X, y, epochs, lr):
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.cross_entropy(model(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses
