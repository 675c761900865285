# mistake: Uses mean +- z * sd (a normal approximation) as the credible interval.
# expect-status: failed
# expect-message: not a normal approximation
"""Uses mean +- z * sd (a normal approximation) as the credible interval."""

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
    return alpha / (alpha + beta)


def credible_interval(alpha, beta, mass=0.95):
    _check(alpha, beta)
    if not 0 < mass < 1:
        raise ValueError("bad mass")
    mean = alpha / (alpha + beta)
    sd = np.sqrt(alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1)))
    z = stats.norm.ppf((1 + mass) / 2)
    return float(mean - z * sd), float(mean + z * sd)


def sequential_posterior(alpha, beta, outcomes):
    _check(alpha, beta)
    if not np.all((outcomes == 0) | (outcomes == 1)):
        raise ValueError("outcomes must be 0 or 1")
    rows = [[alpha, beta]]
    for o in outcomes:
        a, b = rows[-1]
        rows.append([a + 1, b] if o == 1 else [a, b + 1])
    return np.array(rows, dtype=float)
