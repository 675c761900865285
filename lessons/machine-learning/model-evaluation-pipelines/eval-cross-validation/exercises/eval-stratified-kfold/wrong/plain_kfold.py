# mistake: Shuffles all samples together and cuts them into chunks: the folds are not stratified.
# expect-status: failed
# expect-message: split each class separately
import numpy as np


def stratified_kfold(y, n_splits, seed):
    n = len(y)
    if n_splits < 2 or n_splits > n:
        raise ValueError("bad n_splits")
    # Shuffles all samples together and cuts them into chunks: not stratified.
    order = np.random.default_rng(seed).permutation(n)
    chunks = np.array_split(order, n_splits)
    return [(np.setdiff1d(np.arange(n), c), c) for c in chunks]
