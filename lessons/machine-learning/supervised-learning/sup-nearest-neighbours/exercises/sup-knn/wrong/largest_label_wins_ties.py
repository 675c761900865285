# mistake: Breaks a tie between labels in the vote towards the larger label instead of the smallest.
# expect-status: failed
# expect-message: smallest label
import numpy as np
from collections import Counter


def pairwise_sq_dists(A, B):
    D = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
    return np.maximum(D, 0)


def knn_predict(X_train, y_train, X_test, k):
    if k < 1 or k > len(X_train):
        raise ValueError("bad k")
    D = pairwise_sq_dists(X_test, X_train)
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
    out = []
    for r in nearest:
        counts = Counter(y_train[r].tolist())
        best = max(counts.values())
        out.append(max(label for label, c in counts.items() if c == best))
    return np.array(out)
