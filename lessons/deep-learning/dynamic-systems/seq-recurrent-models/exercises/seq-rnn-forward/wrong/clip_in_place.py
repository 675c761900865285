# expect-status: failed
# expect-message: changed its input
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    h = h0
    states = []
    for x_t in x:
        h = np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        states.append(h)
    if not states:
        return np.zeros((0, *h0.shape)), h0.copy()
    return np.stack(states), h


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for g in grads:
            g *= coef  # like torch's clip_grad_norm_, but the caller's arrays change
    return list(grads), total
