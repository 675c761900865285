# mistake: Centres the caller's array in place (X -= mean) instead of working on a copy.
# expect-status: failed
# expect-message: changed its input
"""Centres the caller's array in place (X -= mean) instead of working on a copy."""

import numpy as np


def pca(X, k):
    if not 1 <= k <= X.shape[1]:
        raise ValueError("bad k")
    X -= X.mean(axis=0)
    vals, vecs = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    order = np.argsort(vals)[::-1][:k]
    components = vecs[:, order].T
    return components, vals[order], X @ components.T
