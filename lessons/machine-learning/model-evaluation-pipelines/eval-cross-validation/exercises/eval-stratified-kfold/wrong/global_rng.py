# mistake: Shuffles with the global np.random instead of a generator seeded with seed, so folds are not reproducible.
# expect-status: failed
# expect-message: different folds for two calls
import numpy as np


def stratified_kfold(y, n_splits, seed):
    y = np.asarray(y)
    n = len(y)
    if n_splits < 2 or n_splits > n:
        raise ValueError("bad n_splits")
    fold = np.empty(n, dtype=int)
    offset = 0
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        np.random.shuffle(members)  # the global generator: ignores seed
        fold[members] = (offset + np.arange(len(members))) % n_splits
        offset = (offset + len(members)) % n_splits
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(n_splits)]
