# expect-status: failed
# expect-message: GCNLayer(3, 4) on 7 nodes
import torch
import torch.nn.functional as F
from torch import nn


class GCNLayer(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x, a_norm):
        return self.linear(x)  # an MLP layer: a_norm is never used


def gcn_node_classifier(x, a_norm, y, train_idx, n_classes, hidden, epochs, lr, seed):
    torch.manual_seed(seed)
    l1, l2 = GCNLayer(x.shape[1], hidden), GCNLayer(hidden, n_classes)
    opt = torch.optim.Adam(list(l1.parameters()) + list(l2.parameters()), lr=lr)
    for _ in range(epochs):
        loss = F.cross_entropy(l2(F.relu(l1(x, a_norm)), a_norm)[train_idx], y[train_idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return l2(F.relu(l1(x, a_norm)), a_norm).argmax(dim=1)
