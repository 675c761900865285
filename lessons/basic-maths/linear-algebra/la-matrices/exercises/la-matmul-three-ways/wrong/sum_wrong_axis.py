# mistake: Sums the broadcast product over the first axis instead of the shared middle axis.
# expect-status: failed
# expect-message: summed over axis 0
"""Sums the broadcast product over the first axis instead of the shared middle axis."""

import numpy as np


def _check(A, B):
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[0]:
        raise ValueError("shapes do not match")


def matmul_loops(A, B):
    _check(A, B)
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C


def matmul_broadcast(A, B):
    _check(A, B)
    return (A[:, :, None] * B[None, :, :]).sum(axis=0)


def matmul_einsum(A, B):
    _check(A, B)
    return np.einsum("ik,kj->ij", A, B)
