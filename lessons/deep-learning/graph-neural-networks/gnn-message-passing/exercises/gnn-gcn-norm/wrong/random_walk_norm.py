# expect-status: failed
# expect-message: is not symmetric
import numpy as np


def gcn_norm(A):
    A_hat = A.copy()
    idx = np.flatnonzero(np.diag(A_hat) == 0)
    A_hat[idx, idx] = 1.0
    return A_hat / A_hat.sum(axis=1, keepdims=True)  # D^-1 A: row-stochastic, not symmetric
