# mistake: Cuts each class's slice one element too far, so folds overlap and a sample is tested twice.
# expect-status: failed
# expect-message: more than one test fold
import numpy as np


def stratified_kfold(y, n_splits, seed):
    y = np.asarray(y)
    n = len(y)
    if n_splits < 2 or n_splits > n:
        raise ValueError("bad n_splits")
    rng = np.random.default_rng(seed)
    tests = [[] for _ in range(n_splits)]
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        size = len(members) // n_splits
        for f in range(n_splits):
            stop = len(members) if f == n_splits - 1 else (f + 1) * size + 1  # one too far
            tests[f].extend(members[f * size : stop].tolist())
    out = []
    for test in tests:
        test = np.unique(test)
        out.append((np.setdiff1d(np.arange(n), test), test))
    return out
