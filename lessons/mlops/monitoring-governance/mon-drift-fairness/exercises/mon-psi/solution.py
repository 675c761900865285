"""Reference solution: PSI (evidently's binning and floor), KS statistic, normalised Wasserstein."""

from __future__ import annotations

import numpy as np

FLOOR = 1e-4
THRESHOLD = 0.1


def _checked(reference: np.ndarray, current: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need at least one value")
    if np.isnan(ref).any() or np.isnan(cur).any():
        raise ValueError("the samples contain NaN; drop or impute missing values first")
    return ref, cur


def psi(reference: np.ndarray, current: np.ndarray, n_bins: int = 10) -> float:
    """Population stability index with shared equal-width bins and a 1e-4 floor."""
    ref, cur = _checked(reference, current)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=n_bins)
    p = np.histogram(ref, edges)[0] / ref.size
    q = np.histogram(cur, edges)[0] / cur.size
    p = np.where(p == 0, FLOOR, p)
    q = np.where(q == 0, FLOOR, q)
    return float(np.sum((p - q) * np.log(p / q)))


def _cdf_gaps(ref: np.ndarray, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted union of the samples and |F_ref - F_cur| at each of its points."""
    xs = np.sort(np.concatenate([ref, cur]))
    f_ref = np.searchsorted(np.sort(ref), xs, side="right") / ref.size
    f_cur = np.searchsorted(np.sort(cur), xs, side="right") / cur.size
    return xs, np.abs(f_ref - f_cur)


def ks_statistic(reference: np.ndarray, current: np.ndarray) -> float:
    """Largest gap between the two empirical CDFs."""
    ref, cur = _checked(reference, current)
    _, gaps = _cdf_gaps(ref, cur)
    return float(gaps.max())


def wasserstein_normed(reference: np.ndarray, current: np.ndarray) -> float:
    """Wasserstein-1 distance divided by the reference standard deviation (ddof 0)."""
    ref, cur = _checked(reference, current)
    spread = float(np.std(ref))
    if spread == 0:
        raise ValueError("the reference sample has zero spread; the score is undefined")
    xs, gaps = _cdf_gaps(ref, cur)
    # Between consecutive points both CDFs are constant: area = gap * width.
    return float(np.sum(gaps[:-1] * np.diff(xs)) / spread)


def drift_report(reference: np.ndarray, current: np.ndarray) -> dict[str, float | bool]:
    """psi, ks, wasserstein and the two drift flags (thresholds 0.1)."""
    score_psi = psi(reference, current)
    score_w = wasserstein_normed(reference, current)
    return {
        "psi": score_psi,
        "ks": ks_statistic(reference, current),
        "wasserstein": score_w,
        "psi_drift": bool(score_psi >= THRESHOLD),
        "wasserstein_drift": bool(score_w >= THRESHOLD),
    }
