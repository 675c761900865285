import numpy as np


def pairwise_sq_dists(A, B):
    """Squared Euclidean distances between the rows of A (n, d) and B (m, d): shape (n, m)."""
    # TODO: no Python loops; expand ||a - b||^2 and use a matrix product
    raise NotImplementedError


def knn_predict(X_train, y_train, X_test, k):
    """Majority label among the k nearest training rows, for each row of X_test."""
    # TODO
    raise NotImplementedError
