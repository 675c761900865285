# mistake: Counts the point itself in a(i), dividing by |C_i| instead of |C_i| - 1.
# expect-status: failed
# expect-message: counts the point itself
import numpy as np


def silhouette_samples(X, labels):
    n = len(labels)
    ks = np.unique(labels)
    if not 2 <= len(ks) <= n - 1:
        raise ValueError("bad number of clusters")
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(2))
    s = np.zeros(n)
    for i in range(n):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = D[i, own].mean()  # includes the zero distance to itself
        b = min(D[i, labels == k].mean() for k in ks if k != labels[i])
        s[i] = (b - a) / max(a, b)
    return s


def silhouette_score(X, labels):
    return float(silhouette_samples(X, labels).mean())
