# mistake: Centres the caller's arrays in place, so their data changes.
# expect-status: failed
# expect-message: changed its input
import numpy as np


def pairwise_sq_dists(A, B):
    D = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
    return np.maximum(D, 0)


def knn_predict(X_train, y_train, X_test, k):
    if k < 1 or k > len(X_train):
        raise ValueError("bad k")
    # Centring "to help the numerics", but in place: the caller's arrays change.
    mu = X_train.mean(axis=0)
    X_train -= mu
    X_test -= mu
    D = pairwise_sq_dists(X_test, X_train)
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
    return np.array([np.bincount(y_train[r]).argmax() for r in nearest])
