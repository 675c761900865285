"""Checks for eval-stratified-kfold: partition, stratification, reproducibility and errors."""

import functools

import numpy as np
from sklearn.datasets import load_iris

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_raises

checks = Checks()


@functools.cache
def iris_labels() -> np.ndarray:
    """Iris labels: 50 of each class, sorted by class."""
    return load_iris().target.copy()


def imbalanced_labels() -> np.ndarray:
    """Three classes with 61, 7 and 3 samples in a seeded random order."""
    y = np.repeat([0, 1, 2], [61, 7, 3])
    return np.random.default_rng(5).permutation(y)


def get_folds(t, y, n_splits: int, seed: int, case: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Call the learner and check the basic shape of the answer."""
    out = t.call("stratified_kfold", y, n_splits, seed)
    if not isinstance(out, (list, tuple)) or len(out) != n_splits:
        raise Fail(
            f"stratified_kfold on {case} should return a list of {n_splits} "
            f"(train_idx, test_idx) pairs; got {type(out).__name__}"
            f"{' of length ' + str(len(out)) if isinstance(out, (list, tuple)) else ''}."
        )
    folds = []
    for f, pair in enumerate(out):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise Fail(f"stratified_kfold on {case}: fold {f} is not a (train_idx, test_idx) pair.")
        train, test = (np.asarray(part).reshape(-1) for part in pair)
        for name, part in (("train_idx", train), ("test_idx", test)):
            if part.size and part.dtype.kind not in "iu":
                raise Fail(
                    f"stratified_kfold on {case}: {name} of fold {f} should hold integer "
                    f"indices, got dtype {part.dtype}."
                )
        folds.append((train.astype(int), test.astype(int)))
    return folds


def check_partition(folds, n: int, case: str) -> None:
    """Each index tested once; train is exactly the complement of test."""
    seen = np.zeros(n, dtype=int)
    for f, (train, test) in enumerate(folds):
        expect(
            bool(np.all((test >= 0) & (test < n))) and bool(np.all((train >= 0) & (train < n))),
            f"stratified_kfold on {case}: fold {f} holds an index outside 0..{n - 1}.",
        )
        np.add.at(seen, test, 1)
        expect(
            len(np.unique(train)) == len(train),
            f"stratified_kfold on {case}: train_idx of fold {f} has duplicate indices.",
        )
        expect(
            set(train.tolist()) == set(range(n)) - set(test.tolist()),
            f"stratified_kfold on {case}: train_idx of fold {f} is not exactly the indices "
            "missing from its test_idx.",
        )
    twice = np.flatnonzero(seen > 1)
    never = np.flatnonzero(seen == 0)
    expect(
        twice.size == 0,
        f"stratified_kfold on {case}: sample {twice[:1].tolist()} is in more than one test "
        "fold. Test folds must not overlap (look for an off-by-one in slicing).",
    )
    expect(
        never.size == 0,
        f"stratified_kfold on {case}: sample {never[:1].tolist()} is in no test fold.",
    )


def check_stratified(folds, y: np.ndarray, case: str) -> None:
    """Per class, test counts across folds differ by at most one."""
    for label in np.unique(y):
        counts = [int(np.sum(y[test] == label)) for _, test in folds]
        expect(
            max(counts) - min(counts) <= 1,
            f"stratified_kfold on {case}: class {label.item()!r} has {counts} samples in the test "
            "folds; stratified folds differ by at most 1 per class. Split each class "
            "separately.",
        )


@checks.test("Iris, 5 folds: a partition of the samples with 10 of each class per fold", points=3)
def iris_five(t):
    y = iris_labels()
    folds = get_folds(t, y, 5, 0, "iris with 5 folds")
    check_partition(folds, len(y), "iris with 5 folds")
    check_stratified(folds, y, "iris with 5 folds (classes sorted in the data)")


@checks.test("Imbalanced classes (61 / 7 / 3 samples), 4 and 7 folds", points=2)
def imbalanced(t):
    y = imbalanced_labels()
    for k in (4, 7):
        case = f"61/7/3 class sizes with {k} folds"
        folds = get_folds(t, y, k, 1, case)
        check_partition(folds, len(y), case)
        check_stratified(folds, y, case)


@checks.test("String labels, and the smallest legal case (n_splits = n)", points=1)
def strings_and_loo(t):
    y = ["cat", "dog", "cat", "bird", "dog", "cat", "bird", "dog", "cat"]
    folds = get_folds(t, y, 3, 2, "9 string labels with 3 folds")
    check_partition(folds, 9, "9 string labels with 3 folds")
    check_stratified(folds, np.array(y), "9 string labels with 3 folds")
    y2 = np.array([0, 1, 0, 1])
    folds = get_folds(t, y2, 4, 0, "4 samples with 4 folds")
    check_partition(folds, 4, "4 samples with 4 folds")


@checks.test("Same seed, same folds; different seeds, different folds", points=2)
def reproducible(t):
    y = iris_labels()

    def as_sets(folds):
        return sorted(tuple(sorted(test.tolist())) for _, test in folds)

    first = as_sets(get_folds(t, y, 5, 7, "iris, seed 7"))
    again = as_sets(get_folds(t, y, 5, 7, "iris, seed 7 (second call)"))
    expect(
        first == again,
        "stratified_kfold on iris gave different folds for two calls with seed 7. Use "
        "rng = np.random.default_rng(seed) for every random choice, not np.random.*.",
    )
    other = as_sets(get_folds(t, y, 5, 8, "iris, seed 8"))
    expect(
        first != other,
        "stratified_kfold on iris gave the same folds for seeds 7 and 8: shuffle each class "
        "with the seeded generator before sharing it out.",
    )


@checks.test("ValueError for n_splits < 2 or n_splits > n", points=1)
def errors(t):
    y = np.array([0, 1, 0, 1, 0])
    expect_raises(
        "ValueError",
        lambda: t.call("stratified_kfold", y, 1, 0),
        what="stratified_kfold with n_splits=1",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("stratified_kfold", y, 6, 0),
        what="stratified_kfold with 5 samples and n_splits=6",
    )
