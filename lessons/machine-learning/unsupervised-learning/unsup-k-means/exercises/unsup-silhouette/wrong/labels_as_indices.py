# mistake: Treats labels as indices 0..k-1 (labels.max() + 1), though labels may be any integers.
# expect-status: failed
# expect-message: labels are names, not indices
import numpy as np


def silhouette_samples(X, labels):
    n = len(labels)
    k = labels.max() + 1  # assumes labels are 0..k-1
    if not 2 <= len(np.unique(labels)) <= n - 1:
        raise ValueError("bad number of clusters")
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(2))
    s = np.zeros(n)
    for i in range(n):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == c].mean() for c in range(k) if c != labels[i] and np.any(labels == c))
        s[i] = (b - a) / max(a, b)
    return s


def silhouette_score(X, labels):
    return float(silhouette_samples(X, labels).mean())
