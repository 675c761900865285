import numpy as np


def stratified_kfold(y, n_splits, seed):
    """n_splits (train_idx, test_idx) pairs with class proportions kept in every test fold."""
    rng = np.random.default_rng(seed)
    # TODO
    raise NotImplementedError
