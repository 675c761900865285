"""Reference solution for eval-stratified-kfold."""

import numpy as np


def stratified_kfold(y, n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """n_splits (train_idx, test_idx) pairs with class proportions kept in every test fold."""
    y = np.asarray(y)
    n = len(y)
    if n_splits < 2 or n_splits > n:
        raise ValueError(f"n_splits must be between 2 and {n}, got {n_splits}")
    rng = np.random.default_rng(seed)
    fold = np.empty(n, dtype=int)
    offset = 0
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        fold[members] = (offset + np.arange(len(members))) % n_splits
        offset = (offset + len(members)) % n_splits
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(n_splits)]
