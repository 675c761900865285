"""Welch's t statistic and a seeded permutation test."""

import numpy as np


def welch_t(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Return (t, df): Welch's t statistic and its Welch-Satterthwaite degrees of freedom."""
    # TODO
    raise NotImplementedError


def permutation_p_value(
    a: np.ndarray, b: np.ndarray, n_permutations: int = 1000, seed: int = 0
) -> float:
    """Two-sided permutation p-value of Welch's t statistic."""
    # TODO
    raise NotImplementedError
