# mistake: Divides by zero for a centre with no points, so its centre becomes nan.
# expect-status: failed
# expect-message: nan or inf in the centres
import numpy as np


def kmeans(X, init_centers, max_iter=100):
    centers = np.array(init_centers, dtype=float)
    previous = None
    for _ in range(max_iter):
        labels = ((X[:, None] - centers[None]) ** 2).sum(2).argmin(1)
        if previous is not None and np.array_equal(labels, previous):
            break
        centers = np.array([X[labels == j].mean(axis=0) for j in range(len(centers))])
        previous = labels
    return labels, centers
