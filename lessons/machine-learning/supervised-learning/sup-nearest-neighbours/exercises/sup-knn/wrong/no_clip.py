# mistake: Uses the expansion |a|^2 - 2ab + |b|^2 without clipping, so rounding leaves tiny negative distances.
# expect-status: failed
# expect-message: negative squared distance
import numpy as np


def pairwise_sq_dists(A, B):
    # The expansion without clipping: rounding leaves tiny negative numbers.
    return (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]


def knn_predict(X_train, y_train, X_test, k):
    if k < 1 or k > len(X_train):
        raise ValueError("bad k")
    D = pairwise_sq_dists(X_test, X_train)
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
    return np.array([np.bincount(y_train[r]).argmax() for r in nearest])
