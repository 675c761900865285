import torch


def param_groups(model, base_lr, factor):
    """One optimiser group per child, learning rate base_lr * factor ** (n - 1 - i)."""
    # TODO
    raise NotImplementedError
