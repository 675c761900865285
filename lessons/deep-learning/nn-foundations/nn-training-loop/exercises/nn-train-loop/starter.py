import torch
import torch.nn.functional as F


def train_steps(model, X, y, lr, steps):
    """Full-batch SGD for `steps` steps; return the loss before each update."""
    losses = []
    # TODO: forward, loss, zero_grad, backward, step
    raise NotImplementedError


def accuracy(model, X, y):
    """Fraction of rows whose arg-max logit equals y, as a float."""
    # TODO
    raise NotImplementedError


def fit(model, X, y, epochs, lr, batch_size, seed):
    """Mini-batch SGD with momentum 0.9; return the mean loss of each epoch."""
    # TODO
    raise NotImplementedError
