"""Matrix multiplication three ways: loops, broadcasting and einsum."""

import numpy as np


def matmul_loops(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with explicit loops over i, j and k."""
    # TODO: check the shapes, allocate C with shape (n, p), fill it with three loops.
    raise NotImplementedError


def matmul_broadcast(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with broadcasting and a sum, without Python loops."""
    # TODO
    raise NotImplementedError


def matmul_einsum(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with a single np.einsum call."""
    # TODO
    raise NotImplementedError
