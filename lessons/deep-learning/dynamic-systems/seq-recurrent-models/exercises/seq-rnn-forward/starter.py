import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """Run a tanh RNN over x (T, N, D); return (outputs (T, N, H), h_last (N, H))."""
    # TODO
    raise NotImplementedError


def clip_grad_norm(grads, max_norm):
    """Scale all gradients together so their global 2-norm is at most max_norm."""
    # TODO
    raise NotImplementedError
