# expect-status: failed
# expect-message: smaller index
# mistake: Breaks ties between equally near centres towards the larger index (a loop with <=).
import numpy as np


def kmeans(X, init_centers, max_iter=100):
    X = np.asarray(X, dtype=float)
    centers = np.array(init_centers, dtype=float)
    previous = None
    for _ in range(max_iter):
        labels = np.zeros(len(X), dtype=int)
        for i, x in enumerate(X):
            best = np.inf
            for j, c in enumerate(centers):
                d = ((x - c) ** 2).sum()
                if d <= best:
                    best, labels[i] = d, j
        if previous is not None and np.array_equal(labels, previous):
            break
        for j in range(len(centers)):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(axis=0)
        previous = labels
    return labels, centers
