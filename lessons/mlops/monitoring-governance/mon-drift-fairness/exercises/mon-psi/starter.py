"""Drift scores for one numeric feature: PSI, KS statistic and normalised Wasserstein distance."""

import numpy as np  # noqa: F401


def psi(reference, current, n_bins=10):
    """Population stability index with shared equal-width bins and a 1e-4 floor."""
    raise NotImplementedError  # TODO


def ks_statistic(reference, current):
    """Largest gap between the two empirical CDFs."""
    raise NotImplementedError  # TODO


def wasserstein_normed(reference, current):
    """Wasserstein-1 distance divided by the reference standard deviation."""
    raise NotImplementedError  # TODO


def drift_report(reference, current):
    """psi, ks, wasserstein and the two drift flags (thresholds 0.1)."""
    raise NotImplementedError  # TODO
