# expect-status: failed
# expect-message: a tolerance depends on the data's units
# mistake: Stops when np.allclose(new_centers, centers), a relative tolerance that ends far from the data's origin too early.
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
        done = np.allclose(new, centers)
        centers = new
        if done:
            break
    return labels, centers
