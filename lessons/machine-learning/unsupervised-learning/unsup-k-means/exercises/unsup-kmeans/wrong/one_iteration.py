# mistake: Runs one assign-and-update step and returns without iterating to convergence.
# expect-status: failed
# expect-message: adjusted Rand index
import numpy as np


def kmeans(X, init_centers, max_iter=100):
    # Assigns and updates once, then returns: not converged.
    centers = np.array(init_centers, dtype=float)
    labels = ((X[:, None] - centers[None]) ** 2).sum(2).argmin(1)
    for j in range(len(centers)):
        if np.any(labels == j):
            centers[j] = X[labels == j].mean(axis=0)
    return labels, centers
