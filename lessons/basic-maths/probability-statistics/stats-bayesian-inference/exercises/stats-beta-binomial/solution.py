"""Reference solution: the beta-binomial model."""

import numpy as np
from scipy import stats


def _check_prior(alpha: float, beta: float) -> None:
    if not (alpha > 0 and beta > 0):
        raise ValueError(f"alpha and beta must be positive, got {alpha} and {beta}")


def beta_posterior(alpha: float, beta: float, successes: int, trials: int) -> tuple[float, float]:
    """Return the parameters (a, b) of the Beta posterior."""
    _check_prior(alpha, beta)
    if trials < 0 or successes < 0 or successes > trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes} and {trials}")
    return float(alpha + successes), float(beta + trials - successes)


def posterior_mean(alpha: float, beta: float) -> float:
    """Return the mean of Beta(alpha, beta)."""
    _check_prior(alpha, beta)
    return alpha / (alpha + beta)


def credible_interval(alpha: float, beta: float, mass: float = 0.95) -> tuple[float, float]:
    """Return the equal-tailed interval of Beta(alpha, beta) holding probability mass."""
    _check_prior(alpha, beta)
    if not 0 < mass < 1:
        raise ValueError(f"mass must be strictly between 0 and 1, got {mass}")
    tail = (1 - mass) / 2
    lo, hi = stats.beta.ppf([tail, 1 - tail], alpha, beta)
    return float(lo), float(hi)


def sequential_posterior(alpha: float, beta: float, outcomes: np.ndarray) -> np.ndarray:
    """Return the (len(outcomes) + 1, 2) array of posterior parameters after each outcome."""
    _check_prior(alpha, beta)
    outcomes = np.asarray(outcomes)
    if not np.all((outcomes == 0) | (outcomes == 1)):
        raise ValueError("outcomes must contain only 0 and 1")
    successes = np.concatenate([[0], np.cumsum(outcomes == 1)])
    failures = np.concatenate([[0], np.cumsum(outcomes == 0)])
    return np.column_stack([alpha + successes, beta + failures]).astype(float)
