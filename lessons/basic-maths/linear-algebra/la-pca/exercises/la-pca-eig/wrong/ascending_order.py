# mistake: Keeps the first k eigenpairs of eigh, which are the smallest, not the largest.
# expect-status: failed
# expect-message: explained_variance on the iris data
# expect-message: not in descending order
"""Keeps the first k eigenpairs of eigh, which are the smallest, not the largest."""

import numpy as np


def pca(X, k):
    if not 1 <= k <= X.shape[1]:
        raise ValueError("bad k")
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    components = vecs[:, :k].T
    return components, vals[:k], Xc @ components.T
