# expect-status: failed
# expect-message: changed its input
import numpy as np


def gcn_norm(A):
    idx = np.flatnonzero(np.diag(A) == 0)
    A[idx, idx] = 1.0  # writes the self-loops into the caller's matrix
    d = 1.0 / np.sqrt(A.sum(axis=1))
    return d[:, None] * A * d[None, :]
