# mistake: Pools the two variances (Student's t), which assumes equal variances and over-rejects.
# expect-status: failed
# expect-message: no pooling
# expect-message: over-rejects
"""Student's t: pools the two variances, which assumes they are equal."""

import numpy as np


def welch_t(a, b):
    n_a, n_b = len(a), len(b)
    if n_a < 2 or n_b < 2:
        raise ValueError("need two values per group")
    pooled = ((n_a - 1) * np.var(a, ddof=1) + (n_b - 1) * np.var(b, ddof=1)) / (n_a + n_b - 2)
    se = np.sqrt(pooled * (1 / n_a + 1 / n_b))
    if se == 0:
        raise ValueError("zero standard error")
    return float((np.mean(a) - np.mean(b)) / se), float(n_a + n_b - 2)


def permutation_p_value(a, b, n_permutations=1000, seed=0):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    t_obs = abs(welch_t(a, b)[0])
    count = 0
    for _ in range(n_permutations):
        perm = rng.permutation(pooled)
        count += abs(welch_t(perm[: len(a)], perm[len(a) :])[0]) >= t_obs
    return (count + 1) / (n_permutations + 1)
