import numpy as np


def gcn_norm(A):
    """Return D^-1/2 (A + missing self-loops) D^-1/2 for a symmetric adjacency matrix A."""
    # TODO
    raise NotImplementedError
