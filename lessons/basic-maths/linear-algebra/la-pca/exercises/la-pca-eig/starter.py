"""PCA through the eigendecomposition of the covariance matrix."""

import numpy as np


def pca(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (components (k, d), explained_variance (k,), Z (n, k)) of the top-k PCA of X."""
    # TODO: centre a copy of X, build the covariance, eigendecompose, sort, project.
    raise NotImplementedError
