"""Bernoulli naive Bayes: fit smoothed log-probabilities, predict in log space."""

import numpy as np


def fit_bernoulli_nb(
    X: np.ndarray, y: np.ndarray, alpha: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (classes, class_log_prior, feature_log_prob)."""
    # TODO
    raise NotImplementedError


def predict_log_proba(
    X: np.ndarray, class_log_prior: np.ndarray, feature_log_prob: np.ndarray
) -> np.ndarray:
    """Return the (n, C) array of log p(class | x) for each row of X."""
    # TODO
    raise NotImplementedError


def predict(
    X: np.ndarray, classes: np.ndarray, class_log_prior: np.ndarray, feature_log_prob: np.ndarray
) -> np.ndarray:
    """Return the most probable class label of each row of X."""
    # TODO
    raise NotImplementedError
