import numpy as np


def kmeans(X, init_centers, max_iter=100):
    """Lloyd's algorithm from the given centres; returns (labels, centers)."""
    # TODO: alternate the assignment step and the update step
    raise NotImplementedError
