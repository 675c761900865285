"""The beta-binomial model: conjugate update, posterior mean and credible interval."""

import numpy as np


def beta_posterior(alpha: float, beta: float, successes: int, trials: int) -> tuple[float, float]:
    """Return the parameters (a, b) of the Beta posterior."""
    # TODO
    raise NotImplementedError


def posterior_mean(alpha: float, beta: float) -> float:
    """Return the mean of Beta(alpha, beta)."""
    # TODO
    raise NotImplementedError


def credible_interval(alpha: float, beta: float, mass: float = 0.95) -> tuple[float, float]:
    """Return the equal-tailed interval of Beta(alpha, beta) holding probability mass."""
    # TODO
    raise NotImplementedError


def sequential_posterior(alpha: float, beta: float, outcomes: np.ndarray) -> np.ndarray:
    """Return the (len(outcomes) + 1, 2) array of posterior parameters after each outcome."""
    # TODO
    raise NotImplementedError
