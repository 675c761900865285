# mistake: Updates init_centers in place (centers = init_centers is an alias), so the caller's array changes.
# expect-status: failed
# expect-message: changed its input
import numpy as np


def kmeans(X, init_centers, max_iter=100):
    centers = init_centers  # an alias, not a copy
    previous = None
    for _ in range(max_iter):
        labels = ((X[:, None] - centers[None]) ** 2).sum(2).argmin(1)
        if previous is not None and np.array_equal(labels, previous):
            break
        for j in range(len(centers)):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(axis=0)
        previous = labels
    return labels, centers
