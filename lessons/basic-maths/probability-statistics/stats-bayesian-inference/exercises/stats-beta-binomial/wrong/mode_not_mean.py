# mistake: Returns the mode (a - 1) / (a + b - 2) instead of the mean.
# expect-status: failed
# expect-message: is not the mean of Beta
"""Returns the mode (a - 1) / (a + b - 2) instead of the mean."""

import numpy as np
from scipy import stats


def _check(alpha, beta):
    if alpha <= 0 or beta <= 0:
        raise ValueError("alpha and beta must be positive")


def beta_posterior(alpha, beta, successes, trials):
    _check(alpha, beta)
    if trials < 0 or successes < 0 or successes > trials:
        raise ValueError("bad counts")
    return float(alpha + successes), float(beta + trials - successes)


def posterior_mean(alpha, beta):
    _check(alpha, beta)
    return (alpha - 1) / (alpha + beta - 2)


def credible_interval(alpha, beta, mass=0.95):
    _check(alpha, beta)
    if not 0 < mass < 1:
        raise ValueError("bad mass")
    lo, hi = stats.beta.ppf([(1 - mass) / 2, (1 + mass) / 2], alpha, beta)
    return float(lo), float(hi)


def sequential_posterior(alpha, beta, outcomes):
    _check(alpha, beta)
    if not np.all((outcomes == 0) | (outcomes == 1)):
        raise ValueError("outcomes must be 0 or 1")
    rows = [[alpha, beta]]
    for o in outcomes:
        a, b = rows[-1]
        rows.append([a + 1, b] if o == 1 else [a, b + 1])
    return np.array(rows, dtype=float)
