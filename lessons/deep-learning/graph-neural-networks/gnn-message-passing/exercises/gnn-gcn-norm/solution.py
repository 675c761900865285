"""Reference solution: symmetric GCN normalisation with self-loops added only where missing."""

import numpy as np


def gcn_norm(A: np.ndarray) -> np.ndarray:
    """Return D^-1/2 (A + missing self-loops) D^-1/2 for a symmetric adjacency matrix A."""
    A_hat = np.array(A, dtype=float, copy=True)
    idx = np.arange(A_hat.shape[0])
    missing = A_hat[idx, idx] == 0
    A_hat[idx[missing], idx[missing]] = 1.0
    inv_sqrt = 1.0 / np.sqrt(A_hat.sum(axis=1))
    return inv_sqrt[:, None] * A_hat * inv_sqrt[None, :]
