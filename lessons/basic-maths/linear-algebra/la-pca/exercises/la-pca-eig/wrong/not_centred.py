# mistake: Forgets to centre the data, so the covariance is X.T @ X / (n - 1) and the first component points at the mean.
# expect-status: failed
# expect-message: without centring
"""Skips the centring step."""
import numpy as np


def pca(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (components (k, d), explained_variance (k,), Z (n, k)) of the top-k PCA of X."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X must be a 2-D array with at least two rows")
    n, d = X.shape
    if not 1 <= k <= d:
        raise ValueError(f"k must be between 1 and {d}, got {k}")
    Xc = X  # not centred
    cov = Xc.T @ Xc / (n - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:k]
    components = vecs[:, order].T
    return components, vals[order], Xc @ components.T
