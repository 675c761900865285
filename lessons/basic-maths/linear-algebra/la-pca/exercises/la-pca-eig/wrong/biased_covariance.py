# mistake: Divides the covariance by n instead of n - 1.
# expect-status: failed
# expect-message: explained_variance on the iris data
# expect-message: divides by n - 1
"""Divides the covariance by n instead of n - 1."""

import numpy as np


def pca(X, k):
    if not 1 <= k <= X.shape[1]:
        raise ValueError("bad k")
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(np.cov(X, rowvar=False, bias=True))
    order = np.argsort(vals)[::-1][:k]
    components = vecs[:, order].T
    return components, vals[order], Xc @ components.T
