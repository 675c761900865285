# mistake: Skips the nearest neighbour (off by one, copied from leave-one-out code).
# expect-status: failed
# expect-message: k=1
import numpy as np


def pairwise_sq_dists(A, B):
    D = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
    return np.maximum(D, 0)


def knn_predict(X_train, y_train, X_test, k):
    if k < 1 or k > len(X_train):
        raise ValueError("bad k")
    D = pairwise_sq_dists(X_test, X_train)
    # Off by one: skips the nearest neighbour (copied from leave-one-out code where it is the point itself).
    nearest = np.argsort(D, axis=1, kind="stable")[:, 1 : k + 1]
    return np.array([np.bincount(y_train[r]).argmax() for r in nearest])
