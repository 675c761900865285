# expect-status: failed
# expect-message: is h carried from step to step
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    states = [np.tanh(x_t @ W_ih.T + b_ih + h0 @ W_hh.T + b_hh) for x_t in x]  # always h0
    if not states:
        return np.zeros((0, *h0.shape)), h0.copy()
    return np.stack(states), states[-1]


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    coef = max_norm / (total + 1e-6)
    return ([g * coef for g in grads] if coef < 1 else [g.copy() for g in grads]), total
