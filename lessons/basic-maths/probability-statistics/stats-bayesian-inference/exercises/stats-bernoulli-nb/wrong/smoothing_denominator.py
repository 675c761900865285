# mistake: Smooths with n_c + alpha in the denominator instead of n_c + 2 alpha.
# expect-status: failed
# expect-message: n_c + 2 * alpha
"""Smooths with n_c + alpha in the denominator instead of n_c + 2 alpha."""

import numpy as np


def fit_bernoulli_nb(
    X: np.ndarray, y: np.ndarray, alpha: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (classes, class_log_prior, feature_log_prob)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    onehot = (y[:, None] == classes[None, :]).astype(float)  # (n, C)
    class_counts = onehot.sum(axis=0)  # n_c
    feature_counts = onehot.T @ X  # N_cj, shape (C, d)
    theta = (feature_counts + alpha) / (class_counts[:, None] + alpha)
    return classes, np.log(class_counts / len(y)), np.log(theta)


def predict_log_proba(
    X: np.ndarray, class_log_prior: np.ndarray, feature_log_prob: np.ndarray
) -> np.ndarray:
    """Return the (n, C) array of log p(class | x) for each row of X."""
    X = np.asarray(X, dtype=float)
    log_theta = np.asarray(feature_log_prob, dtype=float)
    log_one_minus = np.log1p(-np.exp(log_theta))
    joint = X @ log_theta.T + (1 - X) @ log_one_minus.T + class_log_prior  # (n, C)
    top = joint.max(axis=1, keepdims=True)
    log_norm = top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
    return joint - log_norm


def predict(
    X: np.ndarray, classes: np.ndarray, class_log_prior: np.ndarray, feature_log_prob: np.ndarray
) -> np.ndarray:
    """Return the most probable class label of each row of X."""
    log_proba = predict_log_proba(X, class_log_prior, feature_log_prob)
    return np.asarray(classes)[np.argmax(log_proba, axis=1)]
