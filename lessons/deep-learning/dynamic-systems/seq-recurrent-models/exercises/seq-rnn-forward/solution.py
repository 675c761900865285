"""Reference solution: an Elman RNN forward pass and global gradient-norm clipping."""

import numpy as np


def rnn_forward(
    x: np.ndarray,
    h0: np.ndarray,
    W_ih: np.ndarray,
    W_hh: np.ndarray,
    b_ih: np.ndarray,
    b_hh: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Run a tanh RNN over x (T, N, D); return (outputs (T, N, H), h_last (N, H))."""
    h = h0
    states = []
    for x_t in x:
        h = np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        states.append(h)
    if not states:
        return np.zeros((0, *h0.shape), dtype=h0.dtype), h0.copy()
    return np.stack(states), h


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Scale all gradients together so their global 2-norm is at most max_norm."""
    total = float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef < 1.0:
        return [g * coef for g in grads], total
    return [g.copy() for g in grads], total
