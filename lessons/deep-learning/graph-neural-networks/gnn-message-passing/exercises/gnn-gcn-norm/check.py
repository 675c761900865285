"""Checks for gnn-gcn-norm: an edge-list formulation of GCNConv's normalisation, and properties."""

import numpy as np

from airoadmap_lab.grading.checks import Checks, expect, expect_close

checks = Checks()


def _edge_list_norm(A: np.ndarray) -> np.ndarray:
    """GCN normalisation written the way message-passing libraries do it: edge by edge."""
    n = A.shape[0]
    rows, cols = np.nonzero(A)
    weights = A[rows, cols].astype(float)
    loops = [i for i in range(n) if A[i, i] == 0]  # add_remaining_self_loops
    rows = np.concatenate([rows, loops]).astype(int)
    cols = np.concatenate([cols, loops]).astype(int)
    weights = np.concatenate([weights, np.ones(len(loops))])
    deg = np.zeros(n)
    np.add.at(deg, rows, weights)
    out = np.zeros((n, n))
    np.add.at(out, (rows, cols), weights / np.sqrt(deg[rows] * deg[cols]))
    return out


def _sbm(n_per_block: int, p_in: float, p_out: float, seed: int) -> np.ndarray:
    """A symmetric two-block stochastic block model adjacency matrix without self-loops."""
    rng = np.random.default_rng(seed)
    n = 2 * n_per_block
    block = np.repeat([0, 1], n_per_block)
    prob = np.where(block[:, None] == block[None, :], p_in, p_out)
    upper = np.triu(rng.random((n, n)) < prob, k=1)
    return (upper | upper.T).astype(float)


def _path(n: int) -> np.ndarray:
    A = np.zeros((n, n))
    A[np.arange(n - 1), np.arange(1, n)] = 1.0
    return A + A.T


@checks.test("gcn_norm of a 4-node path graph", points=1)
def path(t):
    A = _path(4)
    expect_close(t.call("gcn_norm", A), _edge_list_norm(A), what="gcn_norm of the path 0-1-2-3")


@checks.test("An isolated node gets a self-loop and the value 1 (no division by zero)", points=1)
def isolated(t):
    A = np.zeros((5, 5))
    A[0, 1] = A[1, 0] = 1.0
    A[1, 2] = A[2, 1] = 1.0  # nodes 3 and 4 have no edges
    expect_close(
        t.call("gcn_norm", A),
        _edge_list_norm(A),
        what="gcn_norm of a 5-node graph whose nodes 3 and 4 have no edges (count the "
        "self-loop in the degree)",
    )


@checks.test("Existing self-loops keep their weight; weighted edges are respected", points=2)
def existing_loops(t):
    A = np.array(
        [
            [2.0, 0.5, 0.0, 1.0],
            [0.5, 0.0, 3.0, 0.0],
            [0.0, 3.0, 1.0, 0.0],
            [1.0, 0.0, 0.0, 0.0],
        ]
    )
    expect_close(
        t.call("gcn_norm", A),
        _edge_list_norm(A),
        what="gcn_norm of a weighted 4-node graph where nodes 0 and 2 already have self-loops "
        "(weights 2 and 1): add a self-loop only where the diagonal is 0",
    )


@checks.test("gcn_norm of a 40-node stochastic block model graph", points=1)
def sbm(t):
    A = _sbm(20, 0.3, 0.05, seed=1)
    expect_close(t.call("gcn_norm", A), _edge_list_norm(A), what="gcn_norm of a 40-node SBM graph")


@checks.test("Spectral properties: symmetric, eigenvalues in [-1, 1], top one is 1", points=1)
def spectrum(t):
    A = _sbm(15, 0.4, 0.1, seed=2)
    got = np.asarray(t.call("gcn_norm", A), dtype=float)
    expect(got.shape == (30, 30), f"gcn_norm of a 30-node graph returned shape {got.shape}.")
    expect(
        np.allclose(got, got.T),
        "gcn_norm of a symmetric 30-node graph is not symmetric. Scale by the square root of "
        "the degree on both sides (rows and columns), not by the full degree on one side.",
    )
    eig = np.linalg.eigvalsh((got + got.T) / 2)
    expect(
        eig.min() >= -1 - 1e-9 and abs(eig.max() - 1) < 1e-9,
        "The eigenvalues of gcn_norm's result for a 30-node graph should lie in [-1, 1] with "
        f"the largest equal to 1; they span [{eig.min():.3f}, {eig.max():.3f}]. Check that the "
        "degrees are computed from A plus the self-loops.",
    )


@checks.test("An empty graph (n = 0) gives a (0, 0) array", points=1)
def empty(t):
    expect_close(t.call("gcn_norm", np.zeros((0, 0))), np.zeros((0, 0)), what="gcn_norm of a 0x0 A")
