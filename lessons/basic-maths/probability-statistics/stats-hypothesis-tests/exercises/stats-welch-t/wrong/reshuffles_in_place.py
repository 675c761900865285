# mistake: Shuffles the pooled array in place round after round instead of permuting a fresh copy of the original each round.
# expect-status: failed
# expect-message: not a reshuffle of the previous round's
"""rng.shuffle(pooled) in the loop: each round permutes the previous round's order."""

import numpy as np


def welch_t(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Return (t, df): Welch's t statistic and its Welch-Satterthwaite degrees of freedom."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n_a, n_b = len(a), len(b)
    if n_a < 2 or n_b < 2:
        raise ValueError("each group needs at least two values")
    va = np.var(a, ddof=1) / n_a
    vb = np.var(b, ddof=1) / n_b
    if va + vb == 0:
        raise ValueError("both groups are constant: the standard error is zero")
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
        rng.shuffle(pooled)
        perm = pooled
        if abs(welch_t(perm[: len(a)], perm[len(a) :])[0]) >= abs(t_obs):
            count += 1
    return (count + 1) / (n_permutations + 1)
