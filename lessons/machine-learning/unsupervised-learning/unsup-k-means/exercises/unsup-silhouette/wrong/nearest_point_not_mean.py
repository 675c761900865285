# mistake: Uses the distance to the nearest point of another cluster instead of the mean distance to the nearest cluster.
# expect-status: failed
# expect-message: iris
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
        a = D[i, own].sum() / (own.sum() - 1)
        b = D[i, ~own].min()  # nearest foreign point instead of the nearest foreign cluster's mean
        s[i] = (b - a) / max(a, b)
    return s


def silhouette_score(X, labels):
    return float(silhouette_samples(X, labels).mean())
