# mistake: Never checks the shapes: loops fail with IndexError or silently read part of B.
# expect-status: failed
# expect-message: matmul_loops with A 2x3 and B 2x3
# expect-message: matmul_broadcast with a 1-D A
"""Never checks the shapes: loops fail with IndexError or silently read part of B."""

import numpy as np


def matmul_loops(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C


def matmul_broadcast(A, B):
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)


def matmul_einsum(A, B):
    return np.einsum("ik,kj->ij", A, B)
