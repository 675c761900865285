"""Checks for la-pca-eig: PCA matches scikit-learn up to sign and has the PCA properties."""

import functools

import numpy as np
from sklearn.datasets import load_iris, load_wine
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from airoadmap_lab.grading.checks import (
    Checks,
    Fail,
    LearnerRaised,
    expect,
    expect_close,
    expect_raises,
)

checks = Checks()


@functools.cache
def _datasets() -> dict[str, tuple[np.ndarray, int]]:
    """The data sets the learner's pca is compared on, with the k used for each."""
    rng = np.random.default_rng(5)
    mixing = rng.normal(size=(5, 5))
    return {
        "the iris data (150 x 4), k=2": (load_iris().data.astype(float), 2),
        "the standardised wine data (178 x 13), k=3": (
            StandardScaler().fit_transform(load_wine().data),
            3,
        ),
        "correlated random data (60 x 5), k=5": (rng.normal(size=(60, 5)) @ mixing, 5),
    }


@functools.cache
def _sklearn_pca(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, k = _datasets()[name]
    model = PCA(n_components=k, svd_solver="full").fit(X)
    return model.components_, model.explained_variance_, model.transform(X)


def _call_pca(t, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Call the learner's pca on a named data set and return its three outputs as arrays."""
    X, k = _datasets()[name]
    what = f"pca(X, {k}) on {name}"
    try:
        out = t.call("pca", X, k)
    except LearnerRaised as err:
        raise Fail(f"{what} raised {err.type_name}: {err.message}") from None
    expect(
        isinstance(out, (tuple, list)) and len(out) == 3,
        f"{what} should return a tuple (components, explained_variance, Z) of three arrays.",
    )
    components, variance, Z = (np.asarray(part, dtype=float) for part in out)
    n, d = X.shape
    for label, part, shape in [
        ("components", components, (k, d)),
        ("explained_variance", variance, (k,)),
        ("Z", Z, (n, k)),
    ]:
        expect(
            part.shape == shape,
            f"{what}: {label} should have shape {shape}, got {part.shape}.",
        )
    return components, variance, Z


def _name_variance_mistake(name: str, variance: np.ndarray, ref_variance: np.ndarray) -> None:
    """Fail with the cause when the variances are those of a usual mistake (trusted side)."""
    if np.allclose(variance, ref_variance, rtol=1e-6, atol=1e-9):
        return
    X, k = _datasets()[name]
    n = len(X)
    uncentred = np.sort(np.linalg.eigvalsh(X.T @ X / (n - 1)))[::-1][:k]
    causes = [
        (
            uncentred,
            "the eigenvalues of X.T @ X / (n - 1) without centring: subtract the "
            "column means first, or the first component mostly points at the mean",
        ),
        (
            ref_variance * (n - 1) / n,
            "divided by n: scikit-learn's explained_variance_ divides by n - 1",
        ),
    ]
    for values, cause in causes:
        if np.allclose(variance, values, rtol=1e-6, atol=1e-9):
            raise Fail(f"explained_variance on {name} is {cause}.")


def _compare_with_sklearn(t, name: str) -> None:
    components, variance, Z = _call_pca(t, name)
    ref_components, ref_variance, ref_Z = _sklearn_pca(name)
    _name_variance_mistake(name, variance, ref_variance)
    expect_close(
        variance,
        ref_variance,
        what=f"explained_variance on {name} (compare scikit-learn's PCA.explained_variance_: "
        "sorted largest first, divided by n - 1)",
        rtol=1e-6,
        atol=1e-9,
    )
    for i in range(len(ref_variance)):
        sign = 1.0 if components[i] @ ref_components[i] >= 0 else -1.0
        if not np.allclose(sign * components[i], ref_components[i], atol=1e-6):
            raise Fail(
                f"On {name}, component {i + 1} is not the expected eigenvector, even after "
                "flipping its sign. Is each component a row of the result (eigh returns "
                "eigenvectors as columns), and is the data centred first?"
            )
        if not np.allclose(sign * Z[:, i], ref_Z[:, i], atol=1e-6):
            raise Fail(
                f"On {name}, column {i + 1} of Z is not the projection of the centred data on "
                f"component {i + 1} with the same sign. Compute Z = (X - mean) @ components.T."
            )


@checks.test("Matches scikit-learn's PCA on iris (k=2), up to the sign of each component", points=3)
def iris_matches_sklearn(t):
    _compare_with_sklearn(t, "the iris data (150 x 4), k=2")


@checks.test("Matches scikit-learn's PCA on standardised wine (k=3), up to sign", points=3)
def wine_matches_sklearn(t):
    _compare_with_sklearn(t, "the standardised wine data (178 x 13), k=3")


@checks.test("Components are orthonormal rows and variances are in descending order", points=2)
def orthonormal_descending(t):
    name = "correlated random data (60 x 5), k=5"
    components, variance, _ = _call_pca(t, name)
    expect_close(
        components @ components.T,
        np.eye(5),
        what=f"components @ components.T on {name} (rows should be orthonormal)",
        atol=1e-8,
    )
    expect(
        bool(np.all(np.diff(variance) <= 1e-12)),
        f"On {name}, explained_variance is not in descending order. np.linalg.eigh sorts "
        "eigenvalues from smallest to largest: reverse the order.",
    )


@checks.test("With k = d, Z @ components + mean gives back X (no information lost)", points=2)
def full_reconstruction(t):
    name = "correlated random data (60 x 5), k=5"
    X, _ = _datasets()[name]
    components, _, Z = _call_pca(t, name)
    expect_close(
        Z @ components + X.mean(axis=0),
        X,
        what=f"the reconstruction Z @ components + mean on {name}",
        rtol=1e-7,
        atol=1e-8,
    )


@checks.test("k = 0 and k > d raise ValueError", points=1)
def bad_k(t):
    X = np.random.default_rng(2).normal(size=(10, 3))
    for k in (0, 4):
        try:
            expect_raises(
                "ValueError",
                lambda k=k: t.call("pca", X, k),
                what=f"pca(X, {k}) with X of shape (10, 3)",
            )
        except Fail as failure:
            raise Fail(f"{failure.message} Check 1 <= k <= d before computing anything.") from None
