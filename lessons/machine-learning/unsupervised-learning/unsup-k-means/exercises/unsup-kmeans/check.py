"""Checks for unsup-kmeans: agreement with scikit-learn up to label names, and Lloyd's invariants."""

import functools

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close, expect_equal

checks = Checks()


@functools.cache
def iris() -> np.ndarray:
    """The 150 x 4 iris measurements."""
    return load_iris().data


@functools.cache
def sklearn_iris(first: int, second: int, third: int) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's Lloyd run on iris from three given rows as centres."""
    X = iris()
    init = X[[first, second, third]]
    model = KMeans(n_clusters=3, init=init, n_init=1, max_iter=300, tol=0.0, algorithm="lloyd")
    model.fit(X)
    return model.labels_.copy(), model.cluster_centers_.copy()


def unpack(out, n: int, k: int, d: int, case: str) -> tuple[np.ndarray, np.ndarray]:
    """Check the (labels, centers) pair and return it as arrays."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Fail(
            f"kmeans on {case} should return a pair (labels, centers); it returned "
            f"a {type(out).__name__}."
        )
    labels, centers = np.asarray(out[0]), np.asarray(out[1], dtype=float)
    expect(
        labels.shape == (n,),
        f"kmeans on {case}: labels should have shape ({n},), got {labels.shape}.",
    )
    expect(
        centers.shape == (k, d),
        f"kmeans on {case}: centers should have shape ({k}, {d}), got {centers.shape}.",
    )
    expect(
        bool(np.all(np.isfinite(centers))),
        f"kmeans on {case} returned nan or inf in the centres. Does a centre with no points "
        "divide by zero? It should keep its position.",
    )
    expect(
        set(np.unique(labels).tolist()) <= set(range(k)),
        f"kmeans on {case}: labels must be centre indices 0..{k - 1}.",
    )
    return labels.astype(int), centers


def inertia(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> float:
    """Within-cluster sum of squared distances."""
    return float(((X - centers[labels]) ** 2).sum())


@checks.test("The small example of the prompt", points=1)
def prompt_example(t):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0]])
    init = np.array([[0.0, 0.0], [1.0, 1.0]])
    labels, centers = unpack(t.call("kmeans", X, init), 4, 2, 2, "the prompt's example")
    expect_equal(
        labels.tolist(),
        [0, 0, 1, 1],
        what="labels on the prompt's example "
        "(a point equally near two centres goes to the smaller index)",
    )
    expect_close(centers, [[0.0, 0.5], [5.5, 5.0]], what="centers on the prompt's example")
    # After one iteration the tie of point [0, 1] is still visible in the labels.
    labels, centers = unpack(t.call("kmeans", X, init, 1), 4, 2, 2, "the prompt's example")
    expect_equal(
        labels.tolist(),
        [0, 0, 1, 1],
        what="labels on the prompt's example with max_iter=1 (point [0, 1] is equally near "
        "both starting centres and goes to the smaller index)",
    )


@checks.test("Same clustering as scikit-learn's KMeans on iris (two starts)", points=3)
def iris_vs_sklearn(t):
    X = iris()
    for rows in ((0, 50, 100), (3, 7, 11)):
        ref_labels, ref_centers = sklearn_iris(*rows)
        case = f"iris starting from rows {rows} as centres"
        labels, centers = unpack(t.call("kmeans", X, X[list(rows)], 300), 150, 3, 4, case)
        ari = adjusted_rand_score(ref_labels, labels)
        expect(
            ari > 1 - 1e-12,
            f"kmeans on {case}: your clusters differ from scikit-learn's (adjusted Rand index "
            f"{ari:.3f}, 1.0 means the same partition). Do you iterate until the assignment "
            "stops changing?",
        )
        expect_close(
            centers[labels],
            ref_centers[ref_labels],
            what=f"the centres on {case}",
            rtol=1e-7,
            atol=1e-9,
        )


@checks.test(
    "The result is a fixed point: nearest-centre labels, centres at cluster means", points=2
)
def fixed_point(t):
    rng = np.random.default_rng(7)
    X = np.concatenate([rng.normal(loc=c, size=(40, 3)) for c in (-3.0, 0.0, 3.0, 6.0)])
    init = X[rng.choice(len(X), size=4, replace=False)]
    labels, centers = unpack(t.call("kmeans", X, init), 160, 4, 3, "160 points in 3-D, k=4")
    D = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2)
    expect(
        bool(np.all(D[np.arange(len(X)), labels] <= D.min(axis=1) + 1e-9)),
        "kmeans on 160 points, k=4: some point is not labelled with its nearest returned "
        "centre. Return the labels of the last assignment and run until it stops changing.",
    )
    for j in np.unique(labels):
        expect_close(
            centers[j],
            X[labels == j].mean(axis=0),
            what=f"centre {j} compared with the mean of the points labelled {j}",
        )


@checks.test("Inertia never increases as max_iter grows (1 to 6)", points=2)
def inertia_monotone(t):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(120, 2)) * np.array([3.0, 1.0])
    init = X[:5]
    previous = np.inf
    for max_iter in range(1, 7):
        case = f"120 points, k=5, max_iter={max_iter}"
        labels, centers = unpack(t.call("kmeans", X, init, max_iter), 120, 5, 2, case)
        value = inertia(X, labels, centers)
        expect(
            value <= previous + 1e-9,
            f"The within-cluster sum of squares went up from max_iter={max_iter - 1} to "
            f"max_iter={max_iter} ({previous:.4f} -> {value:.4f}). Each assign or update step "
            "of Lloyd's algorithm can only lower it: check both steps.",
        )
        previous = value
    ref_labels, ref_centers = t.ref.kmeans(X, init, 1)
    labels, centers = unpack(t.call("kmeans", X, init, 1), 120, 5, 2, "max_iter=1")
    expect_equal(
        labels.tolist(), ref_labels.tolist(), what="labels after exactly one iteration (max_iter=1)"
    )
    expect_close(centers, ref_centers, what="centres after exactly one iteration (max_iter=1)")


@checks.test(
    "Stops when the assignment repeats, whatever the data's units (scaled by 1e-9, shifted by 1e6)",
    points=2,
)
def units_do_not_matter(t):
    # Lloyd's algorithm commutes with scaling and shifting the data, so the stopping rule of the
    # prompt gives the same partition in any units; a tolerance on how far the centres moved
    # (an absolute one, or np.allclose's relative one) stops early on one of these.
    rng = np.random.default_rng(5)
    base = np.concatenate([rng.normal(loc=c, size=(30, 2)) for c in (0.0, 2.0, 4.0)])
    init_rows = [0, 1, 2]
    ref_labels, _ = t.ref.kmeans(base, base[init_rows])
    for label, X in (
        ("the data scaled by 1e-9", base * 1e-9),
        ("the data shifted by 1e6", base + 1e6),
    ):
        case = f"90 points in 2-D, k=3, {label}"
        labels, centers = unpack(t.call("kmeans", X, X[init_rows]), 90, 3, 2, case)
        ari = adjusted_rand_score(ref_labels, labels)
        expect(
            ari > 1 - 1e-12,
            f"kmeans on {case}: the clusters differ from those on the same data in its original "
            f"units (adjusted Rand index {ari:.3f}). Stop when the assignment repeats, not when "
            "the centres move less than a tolerance: a tolerance depends on the data's units.",
        )


@checks.test("A centre that gets no points keeps its position", points=2)
def empty_cluster(t):
    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 2))
    init = np.array([[0.0, 0.0], [100.0, 100.0], [1.0, 0.0]])
    labels, centers = unpack(
        t.call("kmeans", X, init),
        30,
        3,
        2,
        "30 points near the origin with one centre at (100, 100)",
    )
    expect(
        not bool(np.any(labels == 1)),
        "kmeans with a centre at (100, 100) far from all points: no point should be assigned "
        "to it.",
    )
    expect_close(
        centers[1], [100.0, 100.0], what="the centre at (100, 100) that received no points"
    )
