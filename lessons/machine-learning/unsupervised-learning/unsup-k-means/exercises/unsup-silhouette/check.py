"""Checks for unsup-silhouette: agreement with scikit-learn, invariance to label names, errors."""

import functools

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.metrics import silhouette_samples, silhouette_score

from airoadmap_lab.grading.checks import Checks, Fail, expect_close, expect_raises

checks = Checks()


@functools.cache
def iris_clusters() -> tuple[np.ndarray, np.ndarray]:
    """Iris with a 3-cluster k-means labelling (fixed seed)."""
    X = load_iris().data
    labels = KMeans(n_clusters=3, n_init=1, random_state=0).fit(X).labels_
    return X, labels.copy()


def blobs(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Four overlapping Gaussian blobs in 2-D with their generating labels."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, size=80)
    centres = np.array([[0.0, 0.0], [2.5, 0.0], [0.0, 2.5], [2.5, 2.5]])
    return centres[labels] + rng.normal(size=(80, 2)), labels


def with_self_in_a(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The classic slip: a(i) averaged over the whole own cluster, i included."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    out = np.zeros(len(labels))
    for i, label in enumerate(labels):
        own = labels == label
        a = D[i, own].mean()
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != label)
        out[i] = (b - a) / max(a, b) if own.sum() > 1 else 0.0
    return out


@checks.test("The small example of the prompt", points=1)
def prompt_example(t):
    X = np.array([[0.0], [1.0], [5.0], [7.0]])
    labels = np.array([4, 4, 9, 9])
    got = t.call("silhouette_samples", X, labels)
    try:
        slip = np.allclose(np.asarray(got, dtype=float), with_self_in_a(X, labels))
    except (TypeError, ValueError):
        slip = False
    if slip:
        raise Fail(
            "silhouette_samples on the prompt's example: a(i) counts the point itself. "
            "Average the distances to the other points of the cluster only "
            "(divide by the cluster size minus one)."
        )
    expect_close(
        t.call("silhouette_samples", X, labels),
        silhouette_samples(X, labels),
        what="silhouette_samples on the prompt's example",
        rtol=1e-9,
    )
    expect_close(
        t.call("silhouette_score", X, labels),
        silhouette_score(X, labels),
        what="silhouette_score on the prompt's example",
        rtol=1e-9,
    )


@checks.test("Matches scikit-learn on iris clustered by k-means", points=2)
def iris_values(t):
    X, labels = iris_clusters()
    expect_close(
        t.call("silhouette_samples", X, labels),
        silhouette_samples(X, labels),
        what="silhouette_samples on iris (150 points, 3 clusters)",
        rtol=1e-7,
        atol=1e-9,
    )
    expect_close(
        t.call("silhouette_score", X, labels),
        silhouette_score(X, labels),
        what="silhouette_score on iris (150 points, 3 clusters)",
        rtol=1e-7,
        atol=1e-9,
    )


@checks.test("Matches scikit-learn on overlapping blobs (some s(i) negative)", points=2)
def blob_values(t):
    X, labels = blobs(5)
    expect_close(
        t.call("silhouette_samples", X, labels),
        silhouette_samples(X, labels),
        what="silhouette_samples on 80 points in 4 overlapping blobs",
        rtol=1e-7,
        atol=1e-9,
    )


@checks.test("Renaming the clusters changes nothing (labels 10, -3, 42, 7)", points=2)
def renamed_labels(t):
    X, labels = blobs(6)
    renamed = np.array([10, -3, 42, 7])[labels]
    expected = silhouette_samples(X, labels)
    expect_close(
        t.call("silhouette_samples", X, renamed),
        expected,
        what="silhouette_samples with clusters named 10, -3, 42, 7 instead of 0..3 "
        "(labels are names, not indices)",
        rtol=1e-7,
        atol=1e-9,
    )


@checks.test("A point alone in its cluster has s = 0", points=1)
def singleton(t):
    X = np.array([[0.0, 0.0], [0.2, 0.1], [0.1, 0.3], [4.0, 4.0], [9.0, 0.0], [9.2, 0.4]])
    labels = np.array([0, 0, 0, 1, 2, 2])
    expect_close(
        t.call("silhouette_samples", X, labels),
        silhouette_samples(X, labels),
        what="silhouette_samples with a one-point cluster (point 3)",
        rtol=1e-9,
    )


@checks.test("Raises ValueError for 1 cluster or for n clusters", points=1)
def bad_label_counts(t):
    X = np.arange(8.0).reshape(4, 2)
    expect_raises(
        "ValueError",
        lambda: t.call("silhouette_score", X, np.zeros(4, dtype=int)),
        what="silhouette_score with every point in one cluster",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("silhouette_samples", X, np.arange(4)),
        what="silhouette_samples with every point in its own cluster",
    )
