"""Reference solution: matrix multiplication three ways."""

import numpy as np


def _check_shapes(A: np.ndarray, B: np.ndarray) -> tuple[int, int, int]:
    """Return (n, m, p) or raise ValueError if A @ B is not defined."""
    A, B = np.asarray(A), np.asarray(B)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError(f"both inputs must be 2-D, got {A.ndim}-D and {B.ndim}-D")
    n, m = A.shape
    m2, p = B.shape
    if m != m2:
        raise ValueError(f"inner dimensions differ: A is {n}x{m}, B is {m2}x{p}")
    return n, m, p


def matmul_loops(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with explicit loops over i, j and k."""
    n, m, p = _check_shapes(A, B)
    C = np.zeros((n, p), dtype=np.result_type(A, B, float))
    for i in range(n):
        for j in range(p):
            total = 0.0
            for k in range(m):
                total += A[i, k] * B[k, j]
            C[i, j] = total
    return C


def matmul_broadcast(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with broadcasting and a sum, without Python loops."""
    _check_shapes(A, B)
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)


def matmul_einsum(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return A @ B computed with a single np.einsum call."""
    _check_shapes(A, B)
    return np.einsum("ik,kj->ij", A, B)
