# mistake: Multiplies element-wise (A * B) in the einsum version ("ij,ij->ij"), which runs on square matrices and gives the wrong thing.
# expect-status: failed
# expect-message: element-wise product A * B
import numpy as np


def _check(A, B):
    if np.ndim(A) != 2 or np.ndim(B) != 2 or A.shape[1] != B.shape[0]:
        raise ValueError("A @ B is not defined for these shapes")


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
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)


def matmul_einsum(A, B):
    _check(A, B)
    return np.einsum("ij,ij->ij", A, B)
