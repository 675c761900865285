"""Checks for sup-knn: vectorised squared distances and a k-NN classifier."""

import functools

import numpy as np
from sklearn.datasets import load_digits

from airoadmap_lab.grading.checks import Checks, expect, expect_close, expect_equal, expect_raises

checks = Checks()


def direct_sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared distances by broadcasting the differences (slow, exact enough, trusted side)."""
    diff = A[:, None, :] - B[None, :, :]
    return (diff**2).sum(axis=2)


@functools.cache
def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Digits: the first 1200 images to train on, the remaining 597 to test on."""
    X, y = load_digits(return_X_y=True)
    return X[:1200], y[:1200], X[1200:], y[1200:]


@checks.test("pairwise_sq_dists matches the definition on a 4x3 and a 5x3 matrix", points=2)
def dists_basic(t):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(4, 3)), rng.normal(size=(5, 3))
    got = t.call("pairwise_sq_dists", A, B)
    expect_close(
        got,
        direct_sq_dists(A, B),
        what="pairwise_sq_dists(A, B) for A 4x3, B 5x3",
        rtol=1e-9,
        atol=1e-9,
    )


@checks.test("pairwise_sq_dists works with a single row on either side", points=1)
def dists_single_rows(t):
    rng = np.random.default_rng(1)
    A, B = rng.normal(size=(1, 6)), rng.normal(size=(7, 6))
    expect_close(
        t.call("pairwise_sq_dists", A, B),
        direct_sq_dists(A, B),
        what="pairwise_sq_dists(A, B) for A 1x6, B 7x6",
        rtol=1e-9,
        atol=1e-9,
    )
    expect_close(
        t.call("pairwise_sq_dists", B, A),
        direct_sq_dists(B, A),
        what="pairwise_sq_dists(A, B) for A 7x6, B 1x6",
        rtol=1e-9,
        atol=1e-9,
    )


@checks.test("pairwise_sq_dists never returns a negative distance", points=2)
def dists_never_negative(t):
    # Points far from the origin and very close to each other: the expansion
    # ||a||^2 - 2ab + ||b||^2 subtracts numbers near 1e9 and rounds below zero.
    rng = np.random.default_rng(2)
    A = 1e4 + rng.normal(scale=1e-3, size=(30, 5))
    got = np.asarray(t.call("pairwise_sq_dists", A, A), dtype=float)
    expect(
        got.shape == (30, 30),
        f"pairwise_sq_dists(A, A) for A 30x5 returned shape {got.shape}, expected (30, 30).",
    )
    expect(
        bool(np.all(got >= 0)),
        "pairwise_sq_dists(A, A) for 30 points near (1e4, ..., 1e4) returned a negative "
        "squared distance: rounding in the expansion can dip below zero, so clip the result "
        "at 0 (np.maximum).",
    )
    expect_close(
        got,
        direct_sq_dists(A, A),
        what="pairwise_sq_dists(A, A) for points near 1e4",
        rtol=0,
        atol=1e-4,
    )


@checks.test("knn_predict solves the small example of the prompt", points=1)
def knn_small(t):
    X_train = np.array([[0.0], [1.0], [3.0], [4.0]])
    y_train = np.array([0, 0, 1, 1])
    got = t.call("knn_predict", X_train, y_train, np.array([[0.4], [3.2]]), 3)
    expect_equal(
        np.asarray(got).tolist(), [0, 1], what="knn_predict on the prompt's example with k=3"
    )
    got = t.call("knn_predict", X_train, y_train, np.array([[0.6], [3.9], [2.9]]), 1)
    expect_equal(
        np.asarray(got).tolist(),
        [0, 1, 1],
        what="knn_predict with k=1 (each test point takes the label of its nearest point)",
    )


@checks.test("knn_predict breaks vote ties towards the smallest label", points=1)
def knn_vote_tie(t):
    X_train = np.array([[0.0], [1.0], [3.0], [4.0]])
    y_train = np.array([2, 2, 1, 1])
    got = t.call("knn_predict", X_train, y_train, np.array([[2.0]]), 2)
    expect_equal(
        np.asarray(got).tolist(),
        [1],
        what="knn_predict at x=2 with k=2 (one vote each for labels 2 and 1: a vote tie goes "
        "to the smallest label)",
    )
    got = t.call("knn_predict", X_train, y_train, np.array([[2.0]]), 4)
    expect_equal(
        np.asarray(got).tolist(),
        [1],
        what="knn_predict at x=2 with k=4 (two votes each for labels 1 and 2: a vote tie goes "
        "to the smallest label)",
    )


@checks.test("knn_predict breaks distance ties by training index", points=1)
def knn_distance_tie(t):
    # x=2 is at distance 1 from training points 0, 1 and 2; with k=1 point 0 wins, with k=2
    # points 0 and 1 (labels 5 and 3) tie in votes, so the smaller label 3 wins.
    X_train = np.array([[1.0], [3.0], [1.0], [9.0]])
    y_train = np.array([5, 3, 3, 0])
    got = t.call("knn_predict", X_train, y_train, np.array([[2.0]]), 1)
    expect_equal(
        np.asarray(got).tolist(),
        [5],
        what="knn_predict with k=1 when three training points are equally near "
        "(the one with the smallest index counts as nearest)",
    )
    got = t.call("knn_predict", X_train, y_train, np.array([[2.0]]), 3)
    expect_equal(
        np.asarray(got).tolist(),
        [3],
        what="knn_predict with k=3 when three training points are equally near",
    )


@checks.test("knn_predict classifies held-out handwritten digits (k = 1, 3, 7)", points=3)
def knn_digits(t):
    X_tr, y_tr, X_te, y_te = digits_split()
    for k in (1, 3, 7):
        expected = t.ref.knn_predict(X_tr, y_tr, X_te, k)
        got = np.asarray(t.call("knn_predict", X_tr, y_tr, X_te, k))
        expect(
            got.shape == expected.shape,
            f"knn_predict on digits (1200 training images, 597 test images, k={k}) returned "
            f"shape {got.shape}; expected one label per test image, shape (597,).",
        )
        wrong = int(np.sum(got != expected))
        acc = float(np.mean(got == y_te))
        expect(
            wrong == 0,
            f"knn_predict on digits with k={k}: {wrong} of 597 predictions differ from a "
            f"correct k-NN (your accuracy {acc:.3f}). Check that you take exactly the k "
            "nearest training images and follow the tie rules of the prompt.",
        )


@checks.test("knn_predict raises ValueError for k < 1 or k > number of training points", points=1)
def knn_bad_k(t):
    X_train = np.array([[0.0], [1.0], [3.0]])
    y_train = np.array([0, 1, 1])
    X_test = np.array([[0.5]])
    expect_raises(
        "ValueError",
        lambda: t.call("knn_predict", X_train, y_train, X_test, 0),
        what="knn_predict with k=0",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("knn_predict", X_train, y_train, X_test, 4),
        what="knn_predict with k=4 and only 3 training points",
    )
