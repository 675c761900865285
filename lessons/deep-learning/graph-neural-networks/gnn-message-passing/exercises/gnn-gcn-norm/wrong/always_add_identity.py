# expect-status: failed
# expect-message: add a self-loop only where the diagonal is 0
import numpy as np


def gcn_norm(A):
    A_hat = A + np.eye(len(A))  # doubles the self-loops that already exist
    d = 1.0 / np.sqrt(A_hat.sum(axis=1))
    return d[:, None] * A_hat * d[None, :]
