# mistake: Never raises ValueError: a group of one value or two constant groups give nan or inf instead.
# expect-status: failed
# expect-message: welch_t with a = [2, 2, 2] and b = [5, 5]
"""Computes the statistic whatever the input: nan/inf instead of a ValueError."""

import numpy as np


def welch_t(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Return (t, df): Welch's t statistic and its Welch-Satterthwaite degrees of freedom."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n_a, n_b = len(a), len(b)
    va = np.var(a, ddof=1) / n_a
    vb = np.var(b, ddof=1) / n_b
    t = (np.mean(a) - np.mean(b)) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
    return float(t), float(df)


def permutation_p_value(
    a: np.ndarray, b: np.ndarray, n_permutations: int = 1000, seed: int = 0
) -> float:
    """Two-sided permutation p-value of Welch's t statistic."""
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    t_obs = welch_t(a, b)[0]
    count = 0
    for _ in range(n_permutations):
        perm = rng.permutation(pooled)
        if abs(welch_t(perm[: len(a)], perm[len(a) :])[0]) >= abs(t_obs):
            count += 1
    return (count + 1) / (n_permutations + 1)
