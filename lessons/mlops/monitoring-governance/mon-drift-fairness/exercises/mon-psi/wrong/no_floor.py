# mistake: Forgets the 1e-4 floor: an empty bin makes the logarithm infinite.
# expect-status: failed
# expect-message: a bin is empty
"""Forgets the 1e-4 floor: an empty bin makes the logarithm infinite."""

import numpy as np
from scipy import stats


def _check(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.size == 0 or b.size == 0 or np.isnan(a).any() or np.isnan(b).any():
        raise ValueError("empty or NaN")
    return a, b


def psi(reference, current, n_bins=10):
    ref, cur = _check(reference, current)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=n_bins)
    p = np.histogram(ref, edges)[0] / ref.size
    q = np.histogram(cur, edges)[0] / cur.size
    with np.errstate(all="ignore"):
        terms = (p - q) * np.log(p / q)
    return float(np.nansum(terms) if np.isfinite(terms).all() else np.inf)


def ks_statistic(reference, current):
    ref, cur = _check(reference, current)
    return float(stats.ks_2samp(ref, cur).statistic)


def wasserstein_normed(reference, current):
    ref, cur = _check(reference, current)
    if np.std(ref) == 0:
        raise ValueError("zero spread")
    return float(stats.wasserstein_distance(ref, cur) / np.std(ref))


def drift_report(reference, current):
    p, w = psi(reference, current), wasserstein_normed(reference, current)
    return {"psi": p, "ks": ks_statistic(reference, current), "wasserstein": w,
            "psi_drift": bool(p >= 0.1), "wasserstein_drift": bool(w >= 0.1)}
