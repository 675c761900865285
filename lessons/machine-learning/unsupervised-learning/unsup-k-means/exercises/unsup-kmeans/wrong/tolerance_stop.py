# expect-status: failed
# expect-message: a tolerance depends on the data's units
# mistake: Stops when the centres move less than a tolerance (1e-4) instead of when the assignment stops changing.
import numpy as np


def kmeans(X, init_centers, max_iter=100):
    X = np.asarray(X, dtype=float)
    centers = np.array(init_centers, dtype=float)
    for _ in range(max_iter):
        labels = ((X[:, None] - centers[None]) ** 2).sum(2).argmin(1)
        new = centers.copy()
        for j in range(len(centers)):
            if np.any(labels == j):
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - centers)
        centers = new
        if moved < 1e-4:
            break
    return labels, centers
