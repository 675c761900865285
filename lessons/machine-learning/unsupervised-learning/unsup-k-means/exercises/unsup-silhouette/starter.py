import numpy as np


def silhouette_samples(X, labels):
    """Silhouette coefficient s(i) of every point, shape (n,)."""
    # TODO
    raise NotImplementedError


def silhouette_score(X, labels):
    """Mean silhouette coefficient over all points."""
    # TODO
    raise NotImplementedError
