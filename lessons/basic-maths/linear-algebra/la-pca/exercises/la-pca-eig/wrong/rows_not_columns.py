# mistake: Takes rows of the eigenvector matrix; eigh returns the eigenvectors as columns.
# expect-status: failed
# expect-message: component 1 is not the expected eigenvector
"""Takes rows of the eigenvector matrix; eigh returns the eigenvectors as columns."""

import numpy as np


def pca(X, k):
    if not 1 <= k <= X.shape[1]:
        raise ValueError("bad k")
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = np.argsort(vals)[::-1][:k]
    components = vecs[order]
    return components, vals[order], Xc @ components.T
