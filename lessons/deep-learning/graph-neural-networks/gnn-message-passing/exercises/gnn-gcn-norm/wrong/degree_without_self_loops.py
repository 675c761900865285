# expect-status: failed
# expect-message: where a finite number was expected
import numpy as np


def gcn_norm(A):
    A_hat = A.copy()
    idx = np.flatnonzero(np.diag(A_hat) == 0)
    A_hat[idx, idx] = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        d = 1.0 / np.sqrt(A.sum(axis=1))  # degree of A alone: isolated nodes divide by zero
        return d[:, None] * A_hat * d[None, :]
